//! The kubectl layer: a command line in, kubectl's exact output out.
//!
//! `run` is the entry point: it tokenizes the line like a shell, finds the command, parses its
//! flags as pflag does, calls the simulation's API (reads, or whole-object writes that the
//! engine validates) and renders what kubectl would print, byte for byte where KUBECTL.md
//! documents it. Every failure is a `CmdError` printed in kubectl's words; a refused command
//! changes nothing in the simulation. The pure helpers the UI draws with (`pod_status`,
//! `rollout_status_message`, `human_duration`) are re-exported here.
//!
//! Code map: `parse` (tokens, flags, resource forms), `complete` (the console's Tab completion), `tabwriter` and `duration` (the two
//! building blocks of every table), `get` (+ `serialize` for `-o yaml|json`), `describe`
//! (deployment, replica set, pod, node), `rollout`, `mutate` (create deployment, scale, set
//! image, annotate, delete), `apply` (`apply -f`, `create -f`), `nodes` (cordon, uncordon,
//! drain); `pod_info`, `revisions`, `selector`, `clock` and `error` are the shared pieces.
//!
//! Architecture invariant: nothing here touches the engine's internals; every write goes
//! through `Simulation`'s API methods, which validate, so kubectl cannot put the simulation in
//! a state the API server would refuse.

pub mod apply;
pub mod autoscale;
pub mod complete;
pub mod describe;
pub mod duration;
pub mod error;
pub mod get;
pub mod mutate;
pub mod nodes;
pub mod parse;
pub mod pod_info;
pub mod revisions;
pub mod rollout;
pub mod selector;
pub mod serialize;
pub mod services;
pub mod tabwriter;
pub mod top;

use std::collections::BTreeMap;

use crate::engine::sorting::ListMap;
use crate::engine::{ApiError, Deployment, Simulation};

pub use duration::human_duration;
pub use error::CmdError;
pub use pod_info::pod_status;
pub use rollout::{rollout_finished, rollout_status_message};

use crate::quote::Quoted;
use parse::{parse_flags, select, FlagKind, FlagSpec, Kind, Parsed, Selection};

/// What the terminal shows after one command. `ok == false` is kubectl's exit code 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
    /// A command that reads, run by a build without the read printers (the `printers` feature
    /// off: the page's main module): nothing is printed here, and the reader prints it
    /// (`crate::reader`). Always false with the printers.
    pub deferred: bool,
}

impl Output {
    /// A successful command that printed `text`.
    pub fn stdout(text: String) -> Self {
        Output {
            ok: true,
            stdout: text,
            stderr: String::new(),
            deferred: false,
        }
    }

    /// A command that reads, left to the reader by a build without the printers.
    #[cfg(not(feature = "printers"))]
    fn deferred() -> Self {
        Output {
            ok: true,
            deferred: true,
            ..Output::default()
        }
    }

    /// A failed command.
    pub fn failure(error: &CmdError) -> Self {
        Output {
            ok: false,
            stdout: String::new(),
            stderr: format!("{error}\n"),
            deferred: false,
        }
    }
}

/// The files `apply -f NAME` can read: the browser passes its editor's text, the command line
/// passes files it read from disk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files<'a> {
    files: ListMap<&'a str, &'a str>,
}

impl<'a> Files<'a> {
    /// No files at all.
    pub fn none() -> Self {
        Files::default()
    }

    /// These files plus one more.
    pub fn with(mut self, name: &'a str, text: &'a str) -> Self {
        self.files.insert(name, text);
        self
    }

    /// Every file of a name -> text map.
    pub fn from_map(map: &'a BTreeMap<String, String>) -> Self {
        let mut files = ListMap::default();
        for (name, text) in map {
            files.insert(name.as_str(), text.as_str());
        }
        Files { files }
    }

    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.files.get(name).copied()
    }
}

/// Runs one command line against the simulation and returns what kubectl would print.
pub fn run(sim: &mut Simulation, line: &str, files: &Files) -> Output {
    let result = resolve(line).and_then(|resolved| match resolved {
        Resolved::Print(text) => Ok(Output::stdout(text)),
        Resolved::Call(Action::Read(read), p) => run_read(sim, read, &p),
        Resolved::Call(Action::Change(change), p) => run_change(sim, change, &p, files),
    });
    result.unwrap_or_else(|error| Output::failure(&error))
}

/// Runs a command line that only reads, against a simulation it cannot change; `None` when the
/// line would change the cluster (`effect` says `Changes`), which only `run` runs.
pub fn query(sim: &Simulation, line: &str) -> Option<Output> {
    let result = match resolve(line) {
        Ok(Resolved::Call(Action::Change(_), _)) => return None,
        Ok(Resolved::Print(text)) => Ok(Output::stdout(text)),
        Ok(Resolved::Call(Action::Read(read), p)) => run_read(sim, read, &p),
        Err(error) => Err(error),
    };
    Some(result.unwrap_or_else(|error| Output::failure(&error)))
}

/// Whether running `line` would change the cluster: the parsed command decides; a line
/// kubectl rejects before running anything (a typo, a bad flag, another program) only reads.
pub fn effect(line: &str) -> Effect {
    match resolve(line) {
        Ok(Resolved::Call(Action::Change(_), _)) => Effect::Changes,
        _ => Effect::ReadOnly,
    }
}

/// A short name for a line that changes the cluster, as the chart labels the moment it ran:
/// the command's verb (`set image`, `undo`, `apply`), with the count of a scale (`scale 8`), the
/// revision of an undo (`undo to 1`) or the node of cordon, uncordon and drain; `None` for a line
/// that only reads (`effect` says `ReadOnly`).
pub fn change_label(line: &str) -> Option<String> {
    let Ok(Resolved::Call(Action::Change(change), p)) = resolve(line) else {
        return None;
    };
    let verb = match change {
        Change::CreateDeployment | Change::CreateFile => "create",
        Change::Apply => "apply",
        Change::Scale => "scale",
        Change::SetImage => "set image",
        Change::Annotate => "annotate",
        Change::Delete => "delete",
        Change::RolloutUndo => "undo",
        Change::RolloutPause => "pause",
        Change::RolloutResume => "resume",
        Change::RolloutRestart => "restart",
        Change::Cordon => "cordon",
        Change::Uncordon => "uncordon",
        Change::Drain => "drain",
        Change::Autoscale => "autoscale",
        Change::Expose => "expose",
    };
    let detail = match change {
        Change::Scale => p.str("replicas"),
        Change::RolloutUndo => p.str("to-revision").filter(|r| *r != "0"),
        Change::Cordon | Change::Uncordon | Change::Drain => p.args.first().map(String::as_str),
        _ => None,
    };
    Some(match (change, detail) {
        (Change::RolloutUndo, Some(revision)) => format!("undo to {revision}"),
        (_, Some(detail)) => format!("{verb} {detail}"),
        (_, None) => verb.to_string(),
    })
}

/// Whether a command line changes the cluster. kubectl has no such notion; the time bar needs
/// it: a command that only reads runs against the second shown, while one that changes the
/// cluster starts a new future from there. It follows from the parsed command (`effect`), never
/// from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Reads only: get, describe, rollout status and history, version, help, and any line
    /// kubectl rejects before running it.
    ReadOnly,
    /// Asks the API server for a change (create, apply, scale, set image, annotate, delete,
    /// rollout undo/pause/resume/restart, expose, cordon, uncordon, drain), whether or not it
    /// accepts it.
    Changes,
}

/// The commands DeploySim runs: those that read and those that change the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Read(Read),
    Change(Change),
}

/// The commands that only read the simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Get,
    Describe,
    RolloutStatus,
    RolloutHistory,
    Version,
    TopPod,
    TopNode,
}

/// The commands that ask the API server for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    CreateDeployment,
    CreateFile,
    Apply,
    Scale,
    SetImage,
    Annotate,
    Delete,
    RolloutUndo,
    RolloutPause,
    RolloutResume,
    RolloutRestart,
    Cordon,
    Uncordon,
    Drain,
    Autoscale,
    Expose,
}

/// A command: its words after `kubectl`, its flags, and its usage line.
struct Command {
    path: &'static str,
    action: Action,
    flags: &'static [FlagSpec],
    usage: &'static str,
}

const VERSION_FLAGS: &[FlagSpec] = &[FlagSpec::new("client", None, FlagKind::Bool)];

const COMMANDS: &[Command] = &[
    Command { path: "get", action: Action::Read(Read::Get), flags: get::FLAGS, usage: "kubectl get [(-o|--output=)wide|name] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]" },
    Command { path: "describe", action: Action::Read(Read::Describe), flags: describe::FLAGS, usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)" },
    Command { path: "create deployment", action: Action::Change(Change::CreateDeployment), flags: mutate::CREATE_DEPLOYMENT_FLAGS, usage: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]" },
    Command { path: "create", action: Action::Change(Change::CreateFile), flags: apply::FLAGS, usage: "kubectl create -f FILENAME [options]" },
    Command { path: "apply", action: Action::Change(Change::Apply), flags: apply::FLAGS, usage: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]" },
    Command { path: "scale", action: Action::Change(Change::Scale), flags: mutate::SCALE_FLAGS, usage: "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)" },
    Command { path: "set image", action: Action::Change(Change::SetImage), flags: mutate::SET_IMAGE_FLAGS, usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N" },
    Command { path: "annotate", action: Action::Change(Change::Annotate), flags: mutate::ANNOTATE_FLAGS, usage: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]" },
    Command { path: "delete", action: Action::Change(Change::Delete), flags: mutate::DELETE_FLAGS, usage: "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])" },
    Command { path: "rollout status", action: Action::Read(Read::RolloutStatus), flags: rollout::STATUS_FLAGS, usage: "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]" },
    Command { path: "rollout history", action: Action::Read(Read::RolloutHistory), flags: rollout::HISTORY_FLAGS, usage: "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags]" },
    Command { path: "rollout undo", action: Action::Change(Change::RolloutUndo), flags: rollout::UNDO_FLAGS, usage: "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags]" },
    Command { path: "rollout pause", action: Action::Change(Change::RolloutPause), flags: rollout::PLAIN_FLAGS, usage: "kubectl rollout pause RESOURCE" },
    Command { path: "rollout resume", action: Action::Change(Change::RolloutResume), flags: rollout::PLAIN_FLAGS, usage: "kubectl rollout resume RESOURCE" },
    Command { path: "rollout restart", action: Action::Change(Change::RolloutRestart), flags: rollout::PLAIN_FLAGS, usage: "kubectl rollout restart RESOURCE" },
    Command { path: "cordon", action: Action::Change(Change::Cordon), flags: nodes::CORDON_FLAGS, usage: "kubectl cordon NODE" },
    Command { path: "uncordon", action: Action::Change(Change::Uncordon), flags: nodes::CORDON_FLAGS, usage: "kubectl uncordon NODE" },
    Command { path: "drain", action: Action::Change(Change::Drain), flags: nodes::DRAIN_FLAGS, usage: "kubectl drain NODE" },
    Command { path: "autoscale", action: Action::Change(Change::Autoscale), flags: autoscale::AUTOSCALE_FLAGS, usage: "kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]" },
    Command { path: "expose", action: Action::Change(Change::Expose), flags: services::EXPOSE_FLAGS, usage: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--type=type] [options]" },
    Command { path: "top pod", action: Action::Read(Read::TopPod), flags: top::POD_FLAGS, usage: "kubectl top pod [NAME | -l label] [options]" },
    Command { path: "top node", action: Action::Read(Read::TopNode), flags: top::NODE_FLAGS, usage: "kubectl top node [NAME | -l label] [options]" },
    Command { path: "version", action: Action::Read(Read::Version), flags: VERSION_FLAGS, usage: "kubectl version [flags]" },
];

/// Every top-level kubectl command, for "Did you mean this?" and for telling a real command the
/// simulator lacks from a typo.
const KUBECTL_COMMANDS: &[&str] = &[
    "annotate",
    "api-resources",
    "api-versions",
    "apply",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "config",
    "cordon",
    "cp",
    "create",
    "debug",
    "delete",
    "describe",
    "diff",
    "drain",
    "edit",
    "events",
    "exec",
    "explain",
    "expose",
    "get",
    "help",
    "kustomize",
    "label",
    "logs",
    "options",
    "patch",
    "plugin",
    "port-forward",
    "proxy",
    "replace",
    "rollout",
    "run",
    "scale",
    "set",
    "taint",
    "top",
    "uncordon",
    "version",
    "wait",
];

/// The commands with subcommands, and the subcommands DeploySim has.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "rollout",
        &["history", "pause", "restart", "resume", "status", "undo"],
    ),
    ("set", &["image"]),
    ("create", &["deployment"]),
    ("top", &["node", "pod"]),
];

/// A subcommand's own name for one of its aliases (`top pods` is `top pod`).
fn canonical_sub<'a>(group: &str, sub: &'a str) -> &'a str {
    match (group, sub) {
        ("create", "deploy") => "deployment",
        ("top", "pods" | "po") => "pod",
        ("top", "nodes" | "no") => "node",
        _ => sub,
    }
}

/// A command line understood: text kubectl prints without running anything (help, usage, an
/// empty line), or a command with its parsed flags.
enum Resolved {
    Print(String),
    Call(Action, Parsed),
}

/// Finds the command a line names and parses its flags, running nothing.
fn resolve(line: &str) -> Result<Resolved, CmdError> {
    let tokens = parse::tokenize(line)?;
    let Some((program, rest)) = tokens.split_first() else {
        return Ok(Resolved::Print(String::new()));
    };
    if program != "kubectl" && program != "k" {
        return Err(CmdError::Verbatim(format!(
            "{program}: command not found (this console runs kubectl commands, e.g. \"kubectl get pods\")"
        )));
    }
    // global flags before the command word (`kubectl -n prod get pods`)
    let mut leading: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rest.len() && rest[i].starts_with('-') {
        let token = &rest[i];
        if token == "-h" || token == "--help" {
            return Ok(Resolved::Print(root_help()));
        }
        leading.push(token.clone());
        if (token == "-n" || token == "--namespace") && i + 1 < rest.len() {
            leading.push(rest[i + 1].clone());
            i += 1;
        }
        i += 1;
    }
    let Some(word) = rest.get(i) else {
        return Ok(Resolved::Print(root_help()));
    };
    let mut args = &rest[i + 1..];
    if word == "help" {
        return Ok(Resolved::Print(root_help()));
    }
    let mut path = word.clone();
    if let Some((group, subs)) = GROUPS.iter().find(|(g, _)| g == word) {
        let sub = args.first().filter(|a| !a.starts_with('-'));
        match sub {
            Some(sub) if subs.contains(&canonical_sub(group, sub)) => {
                path = format!("{group} {}", canonical_sub(group, sub));
                args = &args[1..];
            }
            Some(_) if *group != "create" => {
                return Err(CmdError::usage(
                    format!("unknown command {}", Quoted(args.join(" "))),
                    &format!("kubectl {group}"),
                ));
            }
            Some(sub) => {
                return Err(CmdError::other(format!(
                    "\"kubectl create {sub}\" is not simulated: DeploySim creates Deployments (kubectl create deployment NAME --image=IMAGE)"
                )));
            }
            None if *group == "create" => {}
            None => return Ok(Resolved::Print(group_help(group, subs))),
        }
    }
    let Some(command) = COMMANDS.iter().find(|c| c.path == path) else {
        if KUBECTL_COMMANDS.contains(&word.as_str()) {
            return Err(CmdError::other(format!(
                "\"kubectl {word}\" is not simulated: DeploySim runs get, describe, create, apply, scale, set image, annotate, delete, rollout, expose, top, cordon, uncordon, drain, autoscale and version"
            )));
        }
        return Err(unknown_command(word));
    };
    let mut tokens: Vec<String> = leading;
    tokens.extend(args.iter().cloned());
    if tokens.iter().any(|t| t == "-h" || t == "--help") {
        return Ok(Resolved::Print(format!("Usage:\n  {}\n", command.usage)));
    }
    let cmd_name = format!("kubectl {}", command.path);
    let p = parse_flags(&tokens, command.flags, &cmd_name)?;
    Ok(Resolved::Call(command.action, p))
}

/// Prints what a command that reads shows (the `printers` feature).
#[cfg(feature = "printers")]
fn run_read(sim: &Simulation, read: Read, p: &Parsed) -> Result<Output, CmdError> {
    match read {
        Read::Get => get::run(sim, p),
        Read::Describe => describe::run(sim, p),
        Read::RolloutStatus => rollout::status(sim, p),
        Read::RolloutHistory => rollout::history(sim, p),
        Read::Version => Ok(Output::stdout(version(p.bool("client")))),
        Read::TopPod => top::pods(sim, p),
        Read::TopNode => top::nodes(sim, p),
    }
}

/// Without the printers, a command that reads (parsed and found valid so far) is left to the
/// reader: `Output::deferred`.
#[cfg(not(feature = "printers"))]
fn run_read(_: &Simulation, _: Read, _: &Parsed) -> Result<Output, CmdError> {
    Ok(Output::deferred())
}

fn run_change(
    sim: &mut Simulation,
    change: Change,
    p: &Parsed,
    files: &Files,
) -> Result<Output, CmdError> {
    match change {
        Change::CreateDeployment => mutate::create_deployment(sim, p),
        Change::CreateFile => apply::run(sim, p, files, apply::Mode::Create),
        Change::Apply => apply::run(sim, p, files, apply::Mode::Apply),
        Change::Scale => mutate::scale(sim, p),
        Change::SetImage => mutate::set_image(sim, p),
        Change::Annotate => mutate::annotate(sim, p),
        Change::Delete => mutate::delete(sim, p, files),
        Change::RolloutUndo => rollout::undo(sim, p),
        Change::RolloutPause => rollout::toggle(sim, p, rollout::Toggle::Pause),
        Change::RolloutResume => rollout::toggle(sim, p, rollout::Toggle::Resume),
        Change::RolloutRestart => rollout::toggle(sim, p, rollout::Toggle::Restart),
        Change::Cordon => nodes::cordon(sim, p, true),
        Change::Uncordon => nodes::cordon(sim, p, false),
        Change::Drain => nodes::drain(sim, p),
        Change::Autoscale => autoscale::autoscale(sim, p),
        Change::Expose => services::expose(sim, p),
    }
}

/// The version DeploySim's kubectl and API server report.
#[cfg(feature = "printers")]
const VERSION: &str = "v1.34.0";

#[cfg(feature = "printers")]
fn version(client_only: bool) -> String {
    let mut text = format!("Client Version: {VERSION}\nKustomize Version: v5.7.1\n");
    if !client_only {
        text.push_str(&format!("Server Version: {VERSION}\n"));
    }
    text
}

/// cobra's `unknown command "x" for "kubectl"`, with its suggestions (Levenshtein distance up to
/// 2, or a prefix).
fn unknown_command(word: &str) -> CmdError {
    let typed = word.to_ascii_lowercase();
    let suggestions: Vec<&str> = KUBECTL_COMMANDS
        .iter()
        .copied()
        .filter(|c| levenshtein(&typed, c) <= 2 || c.starts_with(typed.as_str()))
        .collect();
    let mut text = format!(
        "error: unknown command {word} for \"kubectl\"",
        word = Quoted(&word)
    );
    if !suggestions.is_empty() {
        text.push_str("\n\nDid you mean this?\n");
        for s in suggestions {
            text.push_str(&format!("\t{s}\n"));
        }
        text.pop();
    }
    CmdError::Verbatim(text)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

fn root_help() -> String {
    let mut text = String::from(
        "kubectl controls the Kubernetes cluster manager.\n\n \
         This is DeploySim's kubectl: it drives a simulated cluster of Deployments, ReplicaSets, Pods and Nodes.\n\n",
    );
    let sections: &[(&str, &[(&str, &str)])] = &[
        (
            "Basic Commands (Beginner)",
            &[
                (
                    "create",
                    "Create a resource from a file or a Deployment from an image",
                ),
                ("set", "Set specific features on objects"),
            ],
        ),
        (
            "Basic Commands (Intermediate)",
            &[
                ("get", "Display one or many resources"),
                ("delete", "Delete resources by resources and names"),
            ],
        ),
        (
            "Deploy Commands",
            &[
                ("rollout", "Manage the rollout of a resource"),
                ("scale", "Set a new size for a deployment"),
            ],
        ),
        (
            "Cluster Management Commands",
            &[
                ("cordon", "Mark node as unschedulable"),
                ("uncordon", "Mark node as schedulable"),
                ("drain", "Drain node in preparation for maintenance"),
            ],
        ),
        (
            "Troubleshooting and Debugging Commands",
            &[(
                "describe",
                "Show details of a specific resource or group of resources",
            )],
        ),
        (
            "Advanced Commands",
            &[("apply", "Apply a configuration to a resource by file name")],
        ),
        (
            "Settings Commands",
            &[("annotate", "Update the annotations on a resource")],
        ),
        (
            "Other Commands",
            &[("version", "Print the client and server version information")],
        ),
    ];
    for (title, commands) in sections {
        text.push_str(&format!("{title}:\n"));
        for (name, summary) in commands.iter() {
            text.push_str(&format!("  {name:<14}{summary}\n"));
        }
        text.push('\n');
    }
    text.push_str("Usage:\n  kubectl [flags] [options]\n");
    text
}

fn group_help(group: &str, subs: &[&str]) -> String {
    let mut text = "Available Commands:\n".to_string();
    for sub in subs {
        text.push_str(&format!("  {sub}\n"));
    }
    text.push_str(&format!(
        "\nUsage:\n  kubectl {group} SUBCOMMAND [options]\n"
    ));
    text
}

/// A Deployment by name, or the API server's NotFound.
pub fn get_deployment<'a>(
    sim: &'a Simulation,
    namespace: &str,
    name: &str,
) -> Result<&'a Deployment, CmdError> {
    sim.deployment(namespace, name)
        .ok_or_else(|| ApiError::not_found("deployments.apps", name).into())
}

/// The Deployments a command names (`deployment/web`, `deploy web a b`). Other kinds get
/// kubectl's "no <what> has been implemented" error; a missing Deployment is NotFound before
/// anything is changed.
pub fn deployment_targets(
    sim: &Simulation,
    p: &Parsed,
    command: &str,
    what: &str,
) -> Result<Vec<String>, CmdError> {
    let verb = command.trim_start_matches("kubectl ");
    let selection = select(&p.args, verb)?;
    let namespace = p.namespace();
    let pairs = match &selection {
        Selection::Types { names, .. } if names.is_empty() => {
            return Err(CmdError::other(
                "resource(s) were provided, but no name was specified",
            ));
        }
        _ => selection.pairs(),
    };
    let mut names = Vec::new();
    for (kind, name) in pairs {
        if kind != Kind::Deployment {
            return Err(not_implemented(what, kind));
        }
        get_deployment(sim, &namespace, &name)?;
        names.push(name);
    }
    Ok(names)
}

fn not_implemented(what: &str, kind: Kind) -> CmdError {
    // kubectl can scale, re-image and annotate these, but the simulated API server only accepts
    // changes to Deployments
    if matches!(what, "scaler" | "image setter" | "annotator") {
        return CmdError::other(format!(
            "changing {} is not simulated: DeploySim's API server accepts changes to Deployments only",
            kind.resource()
        ));
    }
    let kind = match kind {
        Kind::Deployment => "Deployment.apps",
        Kind::ReplicaSet => "ReplicaSet.apps",
        Kind::Pod => "Pod",
        Kind::Node => "Node",
        Kind::HorizontalPodAutoscaler => "HorizontalPodAutoscaler.autoscaling",
        Kind::Service => "Service",
        Kind::Endpoints => "Endpoints",
    };
    CmdError::other(format!(
        "no {what} has been implemented for {kind}",
        kind = Quoted(&kind)
    ))
}
