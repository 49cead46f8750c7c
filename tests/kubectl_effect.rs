//! Which command lines change the cluster: given a line, `kubectl::effect` answers from the
//! parsed command whether it only reads or asks for a change, `kubectl::query` runs exactly the
//! lines that only read (printing what `run` prints), and `scenario::effect` adds the fault
//! verbs; `change_label` names each change for the chart's marks.

mod kubectl_support;

use deploysim::kubectl::{effect, query, Effect};
use kubectl_support::{kubectl, settled_web};

use Effect::{Changes, ReadOnly};

/// Each line and what running it would do to the cluster.
const LINES: &[(&str, Effect)] = &[
    ("kubectl get pods", ReadOnly),
    ("k get deploy web -o yaml", ReadOnly),
    ("kubectl -n default get rs", ReadOnly),
    ("kubectl describe deployment/web", ReadOnly),
    ("kubectl rollout status deployment/web", ReadOnly),
    (
        "kubectl rollout history deployment/web --revision=1",
        ReadOnly,
    ),
    ("kubectl version --client", ReadOnly),
    ("kubectl", ReadOnly),
    ("kubectl help", ReadOnly),
    ("kubectl --help", ReadOnly),
    ("kubectl rollout", ReadOnly),
    ("kubectl scale --help", ReadOnly),
    ("kubectl delete deployment/web -h", ReadOnly),
    ("", ReadOnly),
    // refused before anything runs
    ("kubectl explain deployment", ReadOnly),
    ("kubectl frobnicate", ReadOnly),
    ("kubectl scale deployment/web --foo", ReadOnly),
    ("kubectl rollout frob deployment/web", ReadOnly),
    ("kubectl create secret generic s", ReadOnly),
    ("kubectl get pods 'unclosed", ReadOnly),
    ("ls -la", ReadOnly),
    // asking the API server for a change, whether or not it accepts it
    ("kubectl apply -f -", Changes),
    ("kubectl create -f web.yaml", Changes),
    ("kubectl create deployment api --image=nginx", Changes),
    ("kubectl create deploy api --image=nginx", Changes),
    ("kubectl delete deployment web", Changes),
    ("kubectl scale deployment/web --replicas=2", Changes),
    ("kubectl scale deployment/nope --replicas=2", Changes),
    ("kubectl -n prod scale deployment/web --replicas=2", Changes),
    ("kubectl set image deployment/web web=nginx:1.26", Changes),
    ("kubectl rollout undo deployment/web", Changes),
    ("kubectl rollout pause deployment/web", Changes),
    ("kubectl rollout resume deployment/web", Changes),
    ("kubectl rollout restart deployment/web", Changes),
    ("kubectl annotate deployment/web a=b", Changes),
    ("kubectl cordon node-1", Changes),
    ("kubectl uncordon node-1", Changes),
    ("kubectl drain node-1", Changes),
];

#[test]
fn each_line_reads_or_changes_as_its_command_does() {
    for &(line, expected) in LINES {
        assert_eq!(effect(line), expected, "{line:?}");
    }
}

#[test]
fn query_runs_the_lines_that_only_read_and_prints_what_run_prints() {
    let sim = settled_web();
    for &(line, expected) in LINES {
        let queried = query(&sim, line);
        match expected {
            ReadOnly => {
                let ran = kubectl(&mut (*sim).clone(), line);
                assert_eq!(queried, Some(ran), "{line:?}");
            }
            Changes => assert_eq!(queried, None, "{line:?}"),
        }
    }
}

#[test]
fn a_fault_verb_changes_the_cluster_and_an_unknown_one_is_refused() {
    use deploysim::scenario::effect;
    assert_eq!(effect("fault node-down node-2"), Changes);
    assert_eq!(effect("fault node-up node-2"), Changes);
    assert_eq!(effect("fault node-sideways node-2"), ReadOnly);
    assert_eq!(effect("fault"), ReadOnly);
    assert_eq!(effect("kubectl get pods"), ReadOnly);
    assert_eq!(effect("kubectl cordon node-1"), Changes);
}

#[test]
fn a_line_that_changes_the_cluster_has_a_short_label_and_a_read_has_none() {
    use deploysim::scenario::change_label;
    for &(line, expected) in LINES {
        assert_eq!(
            change_label(line).is_some(),
            expected == Changes,
            "{line:?}"
        );
    }
    for (line, label) in [
        (
            "kubectl set image deployment/web web=nginx:1.26",
            "set image",
        ),
        ("kubectl scale deployment/web --replicas=8", "scale 8"),
        (
            "kubectl -n prod scale deployment/web --replicas 2",
            "scale 2",
        ),
        ("kubectl rollout undo deployment/web", "undo"),
        (
            "kubectl rollout undo deployment/web --to-revision=1",
            "undo to 1",
        ),
        ("kubectl rollout restart deployment/web", "restart"),
        ("kubectl apply -f -", "apply"),
        ("kubectl create deploy api --image=nginx", "create"),
        ("kubectl drain node-1", "drain node-1"),
        ("fault node-down node-2", "node-2 down"),
        ("fault node-up node-2", "node-2 up"),
    ] {
        assert_eq!(change_label(line).as_deref(), Some(label), "{line:?}");
    }
    assert_eq!(change_label("fault node-sideways node-2"), None);
}

proptest::proptest! {
    /// Any line after a known command word: `query` answers it exactly when `effect` says it
    /// only reads, with what `run` prints, and then `run` leaves the Deployments and nodes as
    /// they were.
    #[test]
    fn a_line_that_only_reads_is_queried_and_changes_nothing(
        word in proptest::sample::select(vec![
            "get", "describe", "rollout status", "rollout history", "rollout undo", "scale",
            "set image", "delete", "annotate", "cordon", "drain", "version", "apply", "explain",
        ]),
        tail in "[ -~]{0,40}",
    ) {
        let sim = settled_web();
        let line = format!("kubectl {word} {tail}");
        let mut ran = (*sim).clone();
        let out = kubectl(&mut ran, &line);
        match effect(&line) {
            ReadOnly => {
                proptest::prop_assert_eq!(query(&sim, &line), Some(out));
                let before: Vec<_> = sim.deployments().cloned().collect();
                let after: Vec<_> = ran.deployments().cloned().collect();
                proptest::prop_assert_eq!(before, after);
                proptest::prop_assert_eq!(sim.nodes(), ran.nodes());
            }
            Changes => proptest::prop_assert_eq!(query(&sim, &line), None),
        }
    }
}
