//! Tab completion for the console: given a line, the cursor and the names the simulation holds,
//! the words that can be typed at the cursor and the line completed with them.
//!
//! Completed are the program (`kubectl`, `fault`), kubectl's commands and subcommands, the
//! `fault` verbs, resource types, the names of the objects (`web`, `deployment/web`, pods,
//! ReplicaSets, nodes), the flags of the command being typed (`--replicas=`, `--all`) and some
//! flag values (`-o wide`, `-n` namespaces, `-l` labels). One candidate completes the word (with
//! a space after it unless it asks for more, like `--replicas=` or `deployment/`); several
//! complete their common prefix and are listed, as a shell does. Pure: the names come in as a
//! snapshot (`Names`), so it is tested natively and the browser calls it on Tab.

use crate::engine::Simulation;

use super::parse::{FlagKind, FlagSpec, Kind, NAMESPACE};
use super::{COMMANDS, GROUPS};

/// The names completion offers, as the simulation holds them at one tick.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// `(namespace, name)` of each Deployment.
    pub deployments: Vec<(String, String)>,
    /// `(namespace, deployment, container)` of each container of a Deployment's template.
    pub containers: Vec<(String, String, String)>,
    pub replica_sets: Vec<(String, String)>,
    pub pods: Vec<(String, String)>,
    pub nodes: Vec<String>,
    pub hpas: Vec<(String, String)>,
    /// `(namespace, name)` of each Service (its Endpoints share the name).
    pub services: Vec<(String, String)>,
    /// `key=value` of every pod label (what `-l` selects by).
    pub labels: Vec<String>,
}

impl Names {
    /// What `sim` holds now.
    pub fn of(sim: &Simulation) -> Names {
        let mut names = Names::default();
        for d in sim.deployments() {
            let key = (d.metadata.namespace.clone(), d.metadata.name.clone());
            for c in &d.spec.template.spec.containers {
                names
                    .containers
                    .push((key.0.clone(), key.1.clone(), c.name.clone()));
            }
            names.deployments.push(key);
        }
        for r in sim.replica_sets() {
            let key = (r.metadata.namespace.clone(), r.metadata.name.clone());
            names.replica_sets.push(key);
        }
        for p in sim.pods() {
            for (k, v) in &p.metadata.labels {
                let label = format!("{k}={v}");
                if !names.labels.contains(&label) {
                    names.labels.push(label);
                }
            }
            let key = (p.metadata.namespace.clone(), p.metadata.name.clone());
            names.pods.push(key);
        }
        names.nodes = sim.nodes().iter().map(|n| n.name.clone()).collect();
        for h in sim.horizontal_pod_autoscalers() {
            let key = (h.metadata.namespace.clone(), h.metadata.name.clone());
            names.hpas.push(key);
        }
        names.services = sim
            .services()
            .map(|s| (s.metadata.namespace.clone(), s.metadata.name.clone()))
            .collect();
        names
    }

    /// The names of one kind in `namespace` (nodes: all of them).
    fn of_kind(&self, kind: Kind, namespace: &str) -> Vec<String> {
        let list = match kind {
            Kind::Deployment => &self.deployments,
            Kind::ReplicaSet => &self.replica_sets,
            Kind::Pod => &self.pods,
            Kind::Node => return self.nodes.clone(),
            Kind::HorizontalPodAutoscaler => &self.hpas,
            Kind::Service | Kind::Endpoints => &self.services,
        };
        list.iter()
            .filter(|(ns, _)| ns == namespace)
            .map(|(_, name)| name.clone())
            .collect()
    }

    fn namespaces(&self) -> Vec<String> {
        let mut list: Vec<String> = Vec::new();
        for (ns, _) in &self.deployments {
            if !list.contains(ns) {
                list.push(ns.clone());
            }
        }
        list
    }
}

/// A completion: the line with the word at the cursor completed, where the cursor goes, and
/// every candidate (listed when there are several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub line: String,
    /// A byte offset into `line`.
    pub cursor: usize,
    pub candidates: Vec<String>,
}

/// Completes the word that ends at `cursor` (a byte offset, clamped to the line); `None` when
/// there is nothing to complete (no candidate, or the line would not change and there is no
/// choice to list), so that Tab can do what it usually does.
pub fn complete(line: &str, cursor: usize, names: &Names) -> Option<Completion> {
    let mut cursor = cursor.min(line.len());
    while !line.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let head = &line[..cursor];
    let start = head
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    // the word at the cursor runs on to the next space; it is replaced whole
    let end = line[cursor..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| cursor + i);
    let (word, tail) = (&head[start..], &line[end..]);
    let before: Vec<&str> = head[..start].split_whitespace().collect();
    let mut candidates: Vec<String> = Vec::new();
    for candidate in candidates_for(&before, word, names) {
        if candidate.starts_with(word) && !candidates.contains(&candidate) {
            candidates.push(candidate);
        }
    }
    let (insert, finished) = match candidates.as_slice() {
        [] => return None,
        [only] => (only.clone(), !only.ends_with('=') && !only.ends_with('/')),
        [first, rest @ ..] => {
            let mut prefix = first.as_str();
            for c in rest {
                let common = prefix
                    .char_indices()
                    .zip(c.chars())
                    .find(|((_, a), b)| a != b)
                    .map_or(prefix.len().min(c.len()), |((i, _), _)| i);
                prefix = &prefix[..common];
            }
            (prefix.to_string(), false)
        }
    };
    let mut completed = format!("{}{insert}", &head[..start]);
    if finished && !tail.starts_with(' ') {
        completed.push(' ');
    }
    let cursor = completed.len() + usize::from(finished && tail.starts_with(' '));
    completed.push_str(tail);
    if completed == line && candidates.len() < 2 && cursor == head.len() {
        return None;
    }
    Some(Completion {
        line: completed,
        cursor,
        candidates: if candidates.len() > 1 {
            candidates
        } else {
            Vec::new()
        },
    })
}

/// What may come after the words `before`, where `word` is being typed.
fn candidates_for(before: &[&str], word: &str, names: &Names) -> Vec<String> {
    match before {
        [] => words(&["kubectl", "fault"]),
        ["fault"] => words(&["node-down", "node-up"]),
        ["fault", "node-down" | "node-up"] => names.nodes.clone(),
        ["kubectl" | "k", rest @ ..] => kubectl_candidates(rest, word, names),
        _ => Vec::new(),
    }
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

/// The command line after `kubectl` as far as completion needs it.
struct Line<'a> {
    /// `get`, `rollout undo`, ... (empty while the command word is being typed).
    path: String,
    /// Whether a group (`rollout`, `set`, `create`) still waits for its subcommand.
    wants_sub: Option<&'static [&'static str]>,
    flags: &'static [FlagSpec],
    /// The positional words after the command.
    args: Vec<&'a str>,
    namespace: &'a str,
    /// The flag whose value is being typed as the next word (`-o `, `--namespace `).
    value_of: Option<&'static FlagSpec>,
}

fn read_line<'a>(words: &[&'a str]) -> Line<'a> {
    let mut line = Line {
        path: String::new(),
        wants_sub: None,
        flags: &[NAMESPACE],
        args: Vec::new(),
        namespace: "default",
        value_of: None,
    };
    let mut verb: Vec<&str> = Vec::new();
    for &w in words {
        if let Some(spec) = line.value_of.take() {
            if spec.long == "namespace" {
                line.namespace = w;
            }
            continue;
        }
        if let Some(flag) = w.strip_prefix('-') {
            let (spec, inline) = match flag.strip_prefix('-') {
                Some(long) => {
                    let (name, value) = long
                        .split_once('=')
                        .map_or((long, None), |(n, v)| (n, Some(v)));
                    (line.flags.iter().find(|s| s.long == name), value)
                }
                None => {
                    let mut chars = flag.chars();
                    let short = chars.next();
                    let rest = chars.as_str();
                    let value = rest.strip_prefix('=').unwrap_or(rest);
                    (
                        line.flags
                            .iter()
                            .find(|s| s.short.is_some() && s.short == short),
                        (!rest.is_empty()).then_some(value),
                    )
                }
            };
            match (spec, inline) {
                (Some(spec), None) if spec.kind != FlagKind::Bool => line.value_of = Some(spec),
                (Some(spec), Some(v)) if spec.long == "namespace" => line.namespace = v,
                _ => {}
            }
            continue;
        }
        if line.path.is_empty() || line.wants_sub.is_some() {
            verb.push(w);
            line.wants_sub = match GROUPS.iter().find(|(g, _)| *g == verb[0]) {
                Some((_, subs)) if verb.len() == 1 => Some(subs),
                _ => None,
            };
            line.path = verb.join(" ");
            if line.path == "create deploy" {
                line.path = "create deployment".to_string();
            }
            let group = line.wants_sub.map(|_| verb[0]);
            line.flags = COMMANDS
                .iter()
                .find(|c| c.path == line.path || Some(c.path) == group)
                .map_or(&[], |c| c.flags);
            continue;
        }
        line.args.push(w);
    }
    line
}

fn kubectl_candidates(before: &[&str], word: &str, names: &Names) -> Vec<String> {
    let line = read_line(before);
    if let Some(spec) = line.value_of {
        return values(spec, &line, names);
    }
    if let Some(flag) = word.strip_prefix("--") {
        if let Some((name, _)) = flag.split_once('=') {
            return match line.flags.iter().find(|s| s.long == name) {
                Some(spec) => values(spec, &line, names)
                    .into_iter()
                    .map(|v| format!("--{name}={v}"))
                    .collect(),
                None => Vec::new(),
            };
        }
    }
    if word.starts_with('-') {
        if line.path.is_empty() {
            return Vec::new();
        }
        return line
            .flags
            .iter()
            .map(|s| match s.kind {
                FlagKind::Bool => format!("--{}", s.long),
                _ => format!("--{}=", s.long),
            })
            .collect();
    }
    if line.path.is_empty() {
        let mut verbs: Vec<String> = Vec::new();
        for c in COMMANDS {
            let first = c.path.split(' ').next().unwrap_or(c.path).to_string();
            if !verbs.contains(&first) {
                verbs.push(first);
            }
        }
        return verbs;
    }
    if let Some(subs) = line.wants_sub {
        return words(subs);
    }
    let ns = line.namespace;
    match line.path.as_str() {
        "get" | "describe" | "delete" => resources(&line.args, word, names, ns, TYPES),
        "scale" | "annotate" | "rollout history" | "rollout status" | "rollout undo"
        | "rollout pause" | "rollout resume" | "rollout restart" => {
            resources(&line.args, word, names, ns, DEPLOYMENT_TYPES)
        }
        "set image" => {
            let target = match line.args.as_slice() {
                [named] if named.contains('/') => named.split_once('/').map(|(_, n)| n),
                [kind, name] if Kind::from_type(kind).is_some() => Some(*name),
                _ => None,
            };
            match target {
                Some(deployment) => names
                    .containers
                    .iter()
                    .filter(|(n, d, _)| n == ns && d == deployment)
                    .map(|(_, _, c)| format!("{c}="))
                    .collect(),
                None => resources(&line.args, word, names, ns, DEPLOYMENT_TYPES),
            }
        }
        "cordon" | "uncordon" | "drain" => names.nodes.clone(),
        _ => Vec::new(),
    }
}

/// The resource types `get`, `describe` and `delete` take, as typed most often.
const TYPES: &[&str] = &[
    "deployment",
    "deployments",
    "deploy",
    "replicaset",
    "replicasets",
    "rs",
    "pod",
    "pods",
    "po",
    "node",
    "nodes",
];

/// The types after which `/` and a name may follow at once (`deployment/web`).
const SINGULAR: &[&str] = &["deployment", "replicaset", "pod", "node"];

/// The resource types of the commands that act on Deployments only.
const DEPLOYMENT_TYPES: &[&str] = &["deployment", "deployments", "deploy"];

/// A resource argument: a type (or `TYPE/NAME` once `/` is typed), then names of that type.
fn resources(args: &[&str], word: &str, names: &Names, ns: &str, types: &[&str]) -> Vec<String> {
    if let Some((kind, _)) = word.split_once('/') {
        return match Kind::from_type(kind).filter(|_| types.contains(&kind) || args.is_empty()) {
            Some(k) => names
                .of_kind(k, ns)
                .into_iter()
                .map(|n| format!("{kind}/{n}"))
                .collect(),
            None => Vec::new(),
        };
    }
    match args.first() {
        None => {
            let mut list = words(types);
            // `deployment/web` when the type is typed in full
            if let Some(kind) = Kind::from_type(word).filter(|_| SINGULAR.contains(&word)) {
                list.extend(
                    names
                        .of_kind(kind, ns)
                        .into_iter()
                        .map(|n| format!("{word}/{n}")),
                );
            }
            list
        }
        Some(first) if first.contains('/') => Vec::new(),
        Some(first) => match Kind::from_type(first) {
            Some(kind) => names
                .of_kind(kind, ns)
                .into_iter()
                .filter(|n| !args[1..].contains(&n.as_str()))
                .collect(),
            None => Vec::new(),
        },
    }
}

/// The values a flag may take, where there is a list of them.
fn values(spec: &FlagSpec, line: &Line, names: &Names) -> Vec<String> {
    match spec.long {
        "output" if line.path == "get" => words(&["wide", "name", "yaml", "json"]),
        "output" => words(&["name", "yaml", "json"]),
        "namespace" => names.namespaces(),
        "selector" => names.labels.clone(),
        "filename" => words(&["-"]),
        _ => Vec::new(),
    }
}
