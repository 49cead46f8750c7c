//! What the console says to lines kubectl would refuse, and that no line whatsoever makes it
//! panic or lets a refused command change the simulation.

mod kubectl_support;

use deploysim::engine::{Deployment, Node, SimConfig, Simulation};
use deploysim::kubectl::{run, Files, Output};
use kubectl_support::{kubectl, settled_web};

#[test]
fn refused_lines_get_kubectls_words() {
    let mut sim = settled_web();
    let table: &[(&str, &str)] = &[
        (
            "kubectl frobnicate",
            "error: unknown command \"frobnicate\" for \"kubectl\"\n",
        ),
        (
            "kubectl foo",
            "error: unknown command \"foo\" for \"kubectl\"\n\nDid you mean this?\n\ttop\n",
        ),
        (
            "kubectl gte pods",
            "error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget\n",
        ),
        (
            "kubectl scale deployment/web --foo",
            "error: unknown flag: --foo\nSee 'kubectl scale --help' for usage.\n",
        ),
        (
            "kubectl get pods -z",
            "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
        ),
        (
            "kubectl get pods -n",
            "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
        ),
        (
            "kubectl get",
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n\
             error: Required resource not specified.\n\
             Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n\
             See 'kubectl get -h' for help and examples\n",
        ),
        (
            "kubectl describe deployment nope",
            "Error from server (NotFound): deployments.apps \"nope\" not found\n",
        ),
        (
            "kubectl get deploy deploy/web",
            "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
        ),
        (
            "kubectl get ingresses",
            "error: the server doesn't have a resource type \"ingresses\"\n",
        ),
        (
            "kubectl get pods web -A",
            "error: a resource cannot be retrieved by name across all namespaces\n",
        ),
        // each rollout subcommand's Validate, checked with the real kubectl 1.32
        ("kubectl rollout status", "error: required resource not specified\n"),
        ("kubectl rollout history", "error: required resource not specified\n"),
        ("kubectl rollout undo", "error: required resource not specified\n"),
        ("kubectl rollout pause", "error: required resource not specified\n"),
        ("kubectl rollout resume", "error: required resource not specified\n"),
        ("kubectl rollout restart", "error: required resource not specified\n"),
        // set image: the builder finds no resource before Validate looks at the images
        (
            "kubectl set image web=nginx:1.26",
            "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
        ),
        (
            "kubectl set image",
            "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
        ),
        (
            "kubectl set image deployment/nothere web=nginx:1.26",
            "Error from server (NotFound): deployments.apps \"nothere\" not found\n",
        ),
        (
            "kubectl set image deployment/web",
            "error: at least one image update is required\n",
        ),
    ];
    for (line, want) in table {
        let out = kubectl(&mut sim, line);
        assert!(!out.ok, "{line}");
        assert_eq!(out.stdout, "", "{line}");
        assert_eq!(out.stderr, *want, "{line}");
    }
}

#[test]
fn lines_that_are_not_kubectl_are_explained_and_empty_lines_print_nothing() {
    let mut sim = settled_web();
    let out = kubectl(&mut sim, "ls -la");
    assert!(!out.ok);
    assert!(
        out.stderr.starts_with("ls: command not found"),
        "{}",
        out.stderr
    );
    for blank in ["", "   ", "\t"] {
        assert_eq!(
            kubectl(&mut sim, blank),
            Output {
                ok: true,
                stdout: String::new(),
                stderr: String::new(),
                deferred: false,
            }
        );
    }
    let out = kubectl(&mut sim, "k get deploy");
    assert!(out.ok);
    assert!(out.stdout.starts_with("NAME "));
    let out = kubectl(&mut sim, "kubectl -n default get deploy web -o name");
    assert_eq!(out.stdout, "deployment.apps/web\n");
    let out = kubectl(&mut sim, "kubectl logs web");
    assert!(!out.ok);
    assert!(out.stderr.contains("not simulated"), "{}", out.stderr);
    assert!(kubectl(&mut sim, "kubectl").stdout.contains("rollout"));
    assert!(kubectl(&mut sim, "kubectl scale --help")
        .stdout
        .starts_with("Usage:\n  kubectl scale"));
    assert_eq!(
        kubectl(&mut sim, "kubectl version").stdout,
        "Client Version: v1.34.0\nKustomize Version: v5.7.1\nServer Version: v1.34.0\n"
    );
}

/// A small deterministic generator (xorshift), so the garbage is the same on every run.
struct Garbage(u64);

impl Garbage {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next() % words.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "kubectl",
    "k",
    "get",
    "describe",
    "rollout",
    "status",
    "history",
    "undo",
    "pause",
    "resume",
    "restart",
    "scale",
    "set",
    "image",
    "annotate",
    "apply",
    "create",
    "deployment",
    "deploy",
    "deployments.apps",
    "rs",
    "po",
    "pods",
    "no",
    "nodes",
    "web",
    "deployment/web",
    "deploy/nope",
    "rs/web",
    "pod/x",
    "node-1",
    "node/node-1",
    "cordon",
    "uncordon",
    "drain",
    "delete",
    "-n",
    "default",
    "-A",
    "-o",
    "wide",
    "yaml",
    "json",
    "name",
    "--replicas=2",
    "--replicas",
    "-1",
    "--replicas=99999999999",
    "--current-replicas=3",
    "--to-revision=1",
    "--revision=2",
    "--record",
    "--overwrite",
    "nginx=nginx:1.26",
    "*=busybox",
    "a=",
    "=b",
    "key-",
    "-f",
    "x.yaml",
    "--",
    "-",
    "--=",
    "-=",
    "'",
    "\"",
    "\\",
    "'unterminated",
    "\"half",
    "é",
    "日本",
    "\u{0}",
    "--show-labels",
    "-l",
    "app=web",
    "app in (",
    "!app",
    ",",
    "/",
    "//",
    "a/b/c",
    "--image=nginx",
    "--port=80",
    "version",
    "help",
    "--help",
    "-h",
    "",
];

/// Characters that stress the tokenizer and the parsers: quotes, escapes, separators, control
/// characters, wide and combining characters.
const CHARS: &[char] = &[
    'k',
    'u',
    'b',
    'e',
    'c',
    't',
    'l',
    ' ',
    ' ',
    '-',
    '-',
    '=',
    '/',
    ',',
    '.',
    '\'',
    '"',
    '\\',
    '\t',
    '\n',
    '\r',
    '\u{0}',
    '\u{7f}',
    '(',
    ')',
    '!',
    '*',
    'é',
    '日',
    '\u{301}',
    '\u{1F600}',
    '%',
    '$',
    '`',
    '0',
    '9',
    'A',
];

#[test]
fn no_string_of_characters_makes_kubectl_panic() {
    let mut sim = settled_web();
    let mut garbage = Garbage(0x2545_f491_4f6c_dd1d);
    for i in 0..2000 {
        let len = garbage.next() % 40;
        let tail: String = (0..len)
            .map(|_| CHARS[(garbage.next() % CHARS.len() as u64) as usize])
            .collect();
        let line = if i % 2 == 0 {
            format!("kubectl {tail}")
        } else {
            tail
        };
        let out = kubectl(&mut sim, &line);
        assert!(
            out.ok || !out.stderr.is_empty(),
            "a failure says why: {line:?}"
        );
    }
}

#[test]
fn no_line_makes_kubectl_panic_and_refused_lines_change_nothing() {
    let mut sim = settled_web();
    let mut garbage = Garbage(0x9e37_79b9_7f4a_7c15);
    let files = Files::none().with(
        "x.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n",
    );
    for i in 0..2000 {
        let len = 1 + garbage.next() % 7;
        let mut words: Vec<&str> = (0..len).map(|_| garbage.pick(WORDS)).collect();
        if i % 3 != 0 {
            words.insert(0, "kubectl");
        }
        let line = words.join(" ");
        let before: (Vec<Deployment>, Vec<Node>) =
            (sim.deployments().cloned().collect(), sim.nodes().to_vec());
        let out = run(&mut sim, &line, &files);
        let partial = line.contains("delete") || line.contains("drain");
        if !out.ok && !partial {
            let after: (Vec<Deployment>, Vec<Node>) =
                (sim.deployments().cloned().collect(), sim.nodes().to_vec());
            assert_eq!(
                before, after,
                "refused line changed the simulation: {line:?}"
            );
            assert!(!out.stderr.is_empty(), "a failure says why: {line:?}");
        }
        if i % 50 == 0 {
            sim.step();
        }
    }
}

proptest::proptest! {
    /// Any text after `kubectl` is answered, never a panic, and a failure always says why.
    #[test]
    fn any_text_after_kubectl_is_answered(tail in "\\PC{0,60}") {
        let mut sim = Simulation::new(SimConfig::default());
        let out = kubectl(&mut sim, &format!("kubectl {tail}"));
        proptest::prop_assert!(out.ok || !out.stderr.is_empty());
    }
}
