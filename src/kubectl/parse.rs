//! The command line grammar: shell-like tokenizing (quotes and backslashes), pflag-style flags
//! (`--x=y`, `--x y`, `-o wide`, `-owide`, `-n=ns`, bare booleans, `--`), and the resource forms
//! kubectl accepts (`deployment/web`, `deploy web`, `deployments.apps/web`, `rs`, `po`, `no`).

use super::error::CmdError;
use crate::engine::sorting::ListMap;
use crate::quote::Quoted;

/// Splits a command line into words as a POSIX shell would: whitespace separates, single quotes
/// keep everything, double quotes keep everything but `\"`, `\\`, `\$` and `` \` ``, and a
/// backslash outside quotes escapes the next character. Unquoted `|`, `>`, `<`, `;` and `&` are
/// refused: there is no shell behind the console.
pub fn tokenize(line: &str) -> Result<Vec<String>, CmdError> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(unterminated()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e @ ('"' | '\\' | '$' | '`')) => word.push(e),
                            Some(other) => {
                                word.push('\\');
                                word.push(other);
                            }
                            None => return Err(unterminated()),
                        },
                        Some(c) => word.push(c),
                        None => return Err(unterminated()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            '|' | '>' | '<' | ';' | '&' => {
                return Err(CmdError::Verbatim(format!(
                    "this console runs one kubectl command at a time: '{c}' (pipes, redirections and command lists) is a shell feature it does not have"
                )));
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

fn unterminated() -> CmdError {
    CmdError::Verbatim("unexpected end of line: a quoted string is not closed".to_string())
}

/// What a flag holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagKind {
    /// `--flag`, `--flag=true|false`.
    Bool,
    /// `--flag value`; the last occurrence wins.
    Str,
    /// `--flag 3`; parsed as pflag parses ints.
    Int,
    /// `--flag a --flag b`; every occurrence is kept.
    List,
}

/// One flag a command accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlagSpec {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: FlagKind,
}

impl FlagSpec {
    pub const fn new(long: &'static str, short: Option<char>, kind: FlagKind) -> Self {
        FlagSpec { long, short, kind }
    }

    /// The name pflag uses in messages: `-n, --namespace` or `--replicas`.
    fn display_name(&self) -> String {
        match self.short {
            Some(s) => format!("-{s}, --{}", self.long),
            None => format!("--{}", self.long),
        }
    }
}

/// `-n, --namespace`, which every command accepts.
pub const NAMESPACE: FlagSpec = FlagSpec::new("namespace", Some('n'), FlagKind::Str);

/// The positional arguments and flags of one command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub args: Vec<String>,
    values: ListMap<&'static str, Vec<String>>,
    /// Every flag as given, in order, as `(long name, value)`: what `--record` writes.
    given: Vec<(&'static str, String)>,
}

impl Parsed {
    /// The last value of a string or int flag.
    pub fn str(&self, long: &str) -> Option<&str> {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of a list flag, in order.
    pub fn all(&self, long: &str) -> &[String] {
        self.values.get(long).map_or(&[], Vec::as_slice)
    }

    /// A boolean flag (already checked when parsed).
    pub fn bool(&self, long: &str) -> bool {
        self.str(long).is_some_and(|v| parse_bool(v) == Some(true))
    }

    /// An int flag (already checked when parsed).
    pub fn int(&self, long: &str) -> Option<i64> {
        self.str(long).and_then(|v| v.parse().ok())
    }

    /// The same flags with other positional arguments (for commands whose trailing arguments
    /// are not resources, like `set image`'s `c=img`).
    pub fn with_args(&self, args: &[String]) -> Parsed {
        Parsed {
            args: args.to_vec(),
            ..self.clone()
        }
    }

    /// The namespace to act in: `-n`, else `default`.
    pub fn namespace(&self) -> String {
        self.str("namespace").unwrap_or("default").to_string()
    }

    /// The command line as `--record` stores it (`Factory.Command`): `kubectl`, the positional
    /// words, then every flag as ` --name=value`.
    pub fn recorded_command(&self, words: &[&str]) -> String {
        let mut text = String::from("kubectl");
        for word in words
            .iter()
            .copied()
            .chain(self.args.iter().map(String::as_str))
        {
            text.push(' ');
            text.push_str(word);
        }
        for (name, value) in &self.given {
            text.push_str(&format!(" --{name}={value}"));
        }
        text
    }
}

/// Go's `strconv.ParseBool`.
fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Parses `tokens` against the flags of `command` (e.g. `kubectl scale`), as pflag does.
pub fn parse_flags(
    tokens: &[String],
    specs: &[FlagSpec],
    command: &str,
) -> Result<Parsed, CmdError> {
    let mut parsed = Parsed::default();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        i += 1;
        if token == "--" {
            parsed.args.extend(tokens[i..].iter().cloned());
            break;
        }
        if let Some(long) = token.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let name = name.replace('_', "-");
            let Some(spec) = specs.iter().find(|s| s.long == name) else {
                return Err(CmdError::flag(format!("unknown flag: --{name}"), command));
            };
            let value = match (inline, spec.kind) {
                (Some(v), _) => v,
                (None, FlagKind::Bool) => "true".to_string(),
                (None, _) => match tokens.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => {
                        return Err(CmdError::flag(
                            format!("flag needs an argument: --{name}"),
                            command,
                        ))
                    }
                },
            };
            set(&mut parsed, spec, value, command)?;
        } else if token.len() > 1 && token.starts_with('-') {
            let rest = &token[1..];
            let short = rest.chars().next().unwrap_or('-');
            let Some(spec) = specs.iter().find(|s| s.short == Some(short)) else {
                return Err(CmdError::flag(
                    format!("unknown shorthand flag: '{short}' in {token}"),
                    command,
                ));
            };
            let after = &rest[short.len_utf8()..];
            let value = if spec.kind == FlagKind::Bool {
                match after.strip_prefix('=') {
                    Some(v) => v.to_string(),
                    None if after.is_empty() => "true".to_string(),
                    None => {
                        return Err(CmdError::flag(
                            format!(
                                "unknown shorthand flag: '{}' in {token}",
                                after.chars().next().unwrap_or('-')
                            ),
                            command,
                        ))
                    }
                }
            } else if !after.is_empty() {
                after.strip_prefix('=').unwrap_or(after).to_string()
            } else {
                match tokens.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => {
                        return Err(CmdError::flag(
                            format!("flag needs an argument: '{short}' in -{short}"),
                            command,
                        ))
                    }
                }
            };
            set(&mut parsed, spec, value, command)?;
        } else {
            parsed.args.push(token.clone());
        }
    }
    Ok(parsed)
}

fn set(parsed: &mut Parsed, spec: &FlagSpec, value: String, command: &str) -> Result<(), CmdError> {
    let invalid = |why: String| {
        CmdError::flag(
            format!(
                "invalid argument {} for {} flag: {why}",
                Quoted(&value),
                Quoted(spec.display_name())
            ),
            command,
        )
    };
    let value = match spec.kind {
        FlagKind::Bool => match parse_bool(&value) {
            Some(b) => b.to_string(),
            None => {
                return Err(invalid(format!(
                    "strconv.ParseBool: parsing {value}: invalid syntax",
                    value = Quoted(&value)
                )))
            }
        },
        FlagKind::Int => match value.parse::<i64>() {
            Ok(_) => value,
            Err(e) => {
                let why = if matches!(
                    e.kind(),
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                ) {
                    "value out of range"
                } else {
                    "invalid syntax"
                };
                return Err(invalid(format!(
                    "strconv.ParseInt: parsing {value}: {why}",
                    value = Quoted(&value)
                )));
            }
        },
        FlagKind::Str | FlagKind::List => value,
    };
    parsed.given.push((spec.long, value.clone()));
    let slot = parsed.values.entry(spec.long);
    if spec.kind != FlagKind::List {
        slot.clear();
    }
    slot.push(value);
    Ok(())
}

/// The kinds of object the simulated API server holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Deployment,
    ReplicaSet,
    Pod,
    Node,
    HorizontalPodAutoscaler,
    Service,
    Endpoints,
}

impl Kind {
    /// Resolves a resource type as kubectl's RESTMapper does: plural, singular, short name,
    /// optionally qualified by group (`deployments.apps`) or version and group
    /// (`deployments.v1.apps`).
    pub fn from_type(word: &str) -> Option<Kind> {
        let word = word.to_ascii_lowercase();
        let (base, qualifier) = match word.split_once('.') {
            Some((b, q)) => (b.to_string(), Some(q.to_string())),
            None => (word, None),
        };
        let kind = match base.as_str() {
            "deployments" | "deployment" | "deploy" => Kind::Deployment,
            "replicasets" | "replicaset" | "rs" => Kind::ReplicaSet,
            "pods" | "pod" | "po" => Kind::Pod,
            "nodes" | "node" | "no" => Kind::Node,
            "horizontalpodautoscalers" | "horizontalpodautoscaler" | "hpa" => {
                Kind::HorizontalPodAutoscaler
            }
            "services" | "service" | "svc" => Kind::Service,
            "endpoints" | "ep" => Kind::Endpoints,
            _ => return None,
        };
        let group_ok = match (kind, qualifier.as_deref()) {
            (_, None) => true,
            (Kind::Deployment | Kind::ReplicaSet, Some(q)) => q == "apps" || q == "v1.apps",
            (Kind::Pod | Kind::Node | Kind::Service | Kind::Endpoints, Some(q)) => {
                q == "v1" || q == "v1."
            }
            (Kind::HorizontalPodAutoscaler, Some(q)) => {
                q == "autoscaling" || q == "v2.autoscaling" || q == "v1.autoscaling"
            }
        };
        group_ok.then_some(kind)
    }

    /// The resource as API errors name it: `deployments.apps`, `pods`.
    pub fn resource(self) -> &'static str {
        match self {
            Kind::Deployment => "deployments.apps",
            Kind::ReplicaSet => "replicasets.apps",
            Kind::Pod => "pods",
            Kind::Node => "nodes",
            Kind::HorizontalPodAutoscaler => "horizontalpodautoscalers.autoscaling",
            Kind::Service => "services",
            Kind::Endpoints => "endpoints",
        }
    }

    /// The name printer's prefix: `deployment.apps`, `pod`.
    pub fn printed(self) -> &'static str {
        match self {
            Kind::Deployment => "deployment.apps",
            Kind::ReplicaSet => "replicaset.apps",
            Kind::Pod => "pod",
            Kind::Node => "node",
            Kind::HorizontalPodAutoscaler => "horizontalpodautoscaler.autoscaling",
            Kind::Service => "service",
            Kind::Endpoints => "endpoints",
        }
    }

    pub fn namespaced(self) -> bool {
        self != Kind::Node
    }
}

/// The objects a command names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// `TYPE[,TYPE...] [NAME...]`.
    Types {
        kinds: Vec<Kind>,
        names: Vec<String>,
    },
    /// `TYPE/NAME [TYPE/NAME...]`.
    Named(Vec<(Kind, String)>),
}

impl Selection {
    /// Every (kind, name) pair, for commands that need names.
    pub fn pairs(&self) -> Vec<(Kind, String)> {
        match self {
            Selection::Types { kinds, names } => kinds
                .iter()
                .flat_map(|k| names.iter().map(move |n| (*k, n.clone())))
                .collect(),
            Selection::Named(pairs) => pairs.clone(),
        }
    }
}

/// `error: the server doesn't have a resource type "foo"`.
pub fn unknown_type(word: &str) -> CmdError {
    CmdError::other(format!(
        "the server doesn't have a resource type {}",
        Quoted(word.to_ascii_lowercase())
    ))
}

/// Reads the resource arguments of a command (cli-runtime's builder rules).
pub fn select(args: &[String], command_verb: &str) -> Result<Selection, CmdError> {
    let Some(first) = args.first() else {
        return Err(CmdError::other(
            "You must provide one or more resources by argument or filename.\n\
             Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        ));
    };
    if first.contains('/') {
        let mut pairs = Vec::new();
        for arg in args {
            let Some((kind, name)) = arg.split_once('/') else {
                return Err(CmdError::other(
                    "arguments in resource/name form must have a single resource and name",
                ));
            };
            if name.is_empty() || kind.is_empty() {
                return Err(CmdError::other(
                    "arguments in resource/name form must have a single resource and name",
                ));
            }
            let kind = Kind::from_type(kind).ok_or_else(|| unknown_type(kind))?;
            pairs.push((kind, name.to_string()));
        }
        return Ok(Selection::Named(pairs));
    }
    let mut kinds = Vec::new();
    for word in first.split(',') {
        // the `all` category, in kubectl's order (pods, services, deployments, replica sets)
        let expanded = if word.eq_ignore_ascii_case("all") {
            vec![Kind::Pod, Kind::Service, Kind::Deployment, Kind::ReplicaSet]
        } else {
            vec![Kind::from_type(word).ok_or_else(|| unknown_type(word))?]
        };
        for kind in expanded {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    let names: Vec<String> = args[1..].to_vec();
    if names.iter().any(|n| n.contains('/')) {
        return Err(CmdError::other(format!(
            "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl {command_verb} resource/<resource_name>' instead of 'kubectl {command_verb} resource resource/<resource_name>'"
        )));
    }
    Ok(Selection::Types { kinds, names })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        tokenize(line).expect("tokenizes")
    }

    #[test]
    fn tokenizing_follows_shell_quoting() {
        let table: &[(&str, &[&str])] = &[
            ("kubectl get pods", &["kubectl", "get", "pods"]),
            ("  kubectl   get\tpods  ", &["kubectl", "get", "pods"]),
            (
                r#"kubectl annotate deploy/web kubernetes.io/change-cause="to v2 now""#,
                &[
                    "kubectl",
                    "annotate",
                    "deploy/web",
                    "kubernetes.io/change-cause=to v2 now",
                ],
            ),
            ("a 'b \"c\" d' e", &["a", "b \"c\" d", "e"]),
            (r#"a "x \"y\" \n""#, &["a", "x \"y\" \\n"]),
            (r"a b\ c", &["a", "b c"]),
            ("a '' b", &["a", "", "b"]),
            ("", &[]),
        ];
        for (line, want) in table {
            assert_eq!(words(line), *want, "{line:?}");
        }
        assert!(tokenize("kubectl get 'pods").is_err());
        assert!(tokenize("kubectl get pods | grep web").is_err());
        assert!(tokenize("kubectl get pods > out.txt").is_err());
        assert_eq!(
            words("kubectl get pods -l 'app in (a,b)' '|'"),
            ["kubectl", "get", "pods", "-l", "app in (a,b)", "|"]
        );
        assert!(tokenize("kubectl get \"pods").is_err());
    }

    const SPECS: &[FlagSpec] = &[
        NAMESPACE,
        FlagSpec::new("output", Some('o'), FlagKind::Str),
        FlagSpec::new("replicas", None, FlagKind::Int),
        FlagSpec::new("record", None, FlagKind::Bool),
        FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool),
        FlagSpec::new("image", None, FlagKind::List),
    ];

    fn flags(line: &str) -> Result<Parsed, CmdError> {
        parse_flags(&words(line), SPECS, "kubectl test")
    }

    #[test]
    fn flags_take_every_pflag_form() {
        let p = flags("deploy web -o wide --replicas=3 -n prod --record").expect("parses");
        assert_eq!(p.args, ["deploy", "web"]);
        assert_eq!(p.str("output"), Some("wide"));
        assert_eq!(p.int("replicas"), Some(3));
        assert_eq!(p.namespace(), "prod");
        assert!(p.bool("record"));
        for line in ["-owide", "-o=wide", "--output wide", "--output=wide"] {
            assert_eq!(flags(line).expect("parses").str("output"), Some("wide"));
        }
        let p = flags("--image a --image=b -A -- -x").expect("parses");
        assert_eq!(p.all("image"), ["a", "b"]);
        assert!(p.bool("all-namespaces"));
        assert_eq!(p.args, ["-x"]);
        assert!(!flags("--record=false").expect("parses").bool("record"));
        assert_eq!(flags("x").expect("parses").namespace(), "default");
    }

    #[test]
    fn bad_flags_get_pflag_messages() {
        let table: &[(&str, &str)] = &[
            ("--foo", "error: unknown flag: --foo\nSee 'kubectl test --help' for usage."),
            ("-x", "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl test --help' for usage."),
            ("--replicas", "error: flag needs an argument: --replicas\nSee 'kubectl test --help' for usage."),
            ("-n", "error: flag needs an argument: 'n' in -n\nSee 'kubectl test --help' for usage."),
            (
                "--replicas=abc",
                "error: invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl test --help' for usage.",
            ),
            (
                "--record=maybe",
                "error: invalid argument \"maybe\" for \"--record\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl test --help' for usage.",
            ),
        ];
        for (line, want) in table {
            assert_eq!(flags(line).expect_err(line).to_string(), *want);
        }
    }

    #[test]
    fn recorded_command_lists_flags_as_long_forms() {
        let p = flags("deployment/web app=nginx:2 --record -n default").expect("parses");
        assert_eq!(
            p.recorded_command(&["set", "image"]),
            "kubectl set image deployment/web app=nginx:2 --record=true --namespace=default"
        );
    }

    #[test]
    fn resource_types_resolve_like_the_rest_mapper() {
        let table: &[(&str, Option<Kind>)] = &[
            ("deployments", Some(Kind::Deployment)),
            ("deployment", Some(Kind::Deployment)),
            ("deploy", Some(Kind::Deployment)),
            ("Deployment", Some(Kind::Deployment)),
            ("deployments.apps", Some(Kind::Deployment)),
            ("deployment.v1.apps", Some(Kind::Deployment)),
            ("rs", Some(Kind::ReplicaSet)),
            ("replicasets.apps", Some(Kind::ReplicaSet)),
            ("po", Some(Kind::Pod)),
            ("pods", Some(Kind::Pod)),
            ("no", Some(Kind::Node)),
            ("nodes", Some(Kind::Node)),
            ("deployments.core", None),
            ("services", Some(Kind::Service)),
            ("svc", Some(Kind::Service)),
            ("ep", Some(Kind::Endpoints)),
            ("services.apps", None),
            ("foo", None),
        ];
        for (word, want) in table {
            assert_eq!(Kind::from_type(word), *want, "{word}");
        }
    }

    #[test]
    fn selections_take_both_forms() {
        let s = |line: &str| select(&words(line), "get");
        assert_eq!(
            s("deployment/web rs/web-1").expect("selects"),
            Selection::Named(vec![
                (Kind::Deployment, "web".into()),
                (Kind::ReplicaSet, "web-1".into())
            ])
        );
        assert_eq!(
            s("deploy,rs web").expect("selects"),
            Selection::Types {
                kinds: vec![Kind::Deployment, Kind::ReplicaSet],
                names: vec!["web".into()]
            }
        );
        assert_eq!(
            s("foo").expect_err("unknown").to_string(),
            "error: the server doesn't have a resource type \"foo\""
        );
        assert_eq!(
            s("all").expect("the all category"),
            Selection::Types {
                kinds: vec![Kind::Pod, Kind::Service, Kind::Deployment, Kind::ReplicaSet],
                names: vec![]
            }
        );
        assert!(s("deploy deploy/web").is_err());
        assert!(s("deploy/web web").is_err());
        assert!(s("deploy/").is_err());
        assert!(s("").is_err());
    }
}
