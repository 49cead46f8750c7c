//! Tab completion in the console (`kubectl::complete`): what one Tab does to a line, given the
//! names a simulation holds.

mod kubectl_support;

use deploysim::kubectl::complete::{complete, Completion, Names};
use kubectl_support::{ok, settled_web, ticks};

/// Given web (3 pods) in default and api (1 pod) in prod, settled.
fn names() -> Names {
    let mut sim = settled_web();
    ok(
        &mut sim,
        "kubectl create deployment api --image=nginx:1.25 -n prod",
    );
    ticks(&mut sim, 5);
    Names::of(&sim)
}

/// One Tab at the end of `line`.
fn tab(line: &str, names: &Names) -> Option<Completion> {
    complete(line, line.len(), names)
}

/// The line after one Tab at its end, which must complete it to a single candidate.
fn completes(line: &str, names: &Names) -> String {
    let done = tab(line, names).unwrap_or_else(|| panic!("{line:?} completes"));
    assert!(
        done.candidates.is_empty(),
        "{line:?}: {:?}",
        done.candidates
    );
    assert_eq!(done.cursor, done.line.len(), "{line:?}");
    done.line
}

#[test]
fn one_candidate_completes_the_word_with_a_space_unless_it_asks_for_more() {
    let n = names();
    let web = n
        .pods
        .iter()
        .find(|(ns, _)| ns == "default")
        .unwrap()
        .1
        .clone();
    let table: &[(&str, &str)] = &[
        ("kub", "kubectl "),
        ("kubectl ge", "kubectl get "),
        ("kubectl r", "kubectl rollout "),
        ("kubectl rollout u", "kubectl rollout undo "),
        (
            "kubectl rollout undo deployment/",
            "kubectl rollout undo deployment/web ",
        ),
        (
            "kubectl rollout undo deployment w",
            "kubectl rollout undo deployment web ",
        ),
        (
            "kubectl rollout undo deployment/web --to",
            "kubectl rollout undo deployment/web --to-revision=",
        ),
        (
            "kubectl scale deployment/web --rep",
            "kubectl scale deployment/web --replicas=",
        ),
        ("kubectl get pods -o w", "kubectl get pods -o wide "),
        (
            "kubectl get pods --output=y",
            "kubectl get pods --output=yaml ",
        ),
        ("kubectl get pods -n pr", "kubectl get pods -n prod "),
        ("kubectl delete pod --a", "kubectl delete pod --all "),
        (
            "kubectl delete pods -l app=w",
            "kubectl delete pods -l app=web ",
        ),
        ("kubectl get rs", "kubectl get rs "),
        ("kubectl set i", "kubectl set image "),
        (
            "kubectl set image deployment/web ",
            "kubectl set image deployment/web nginx=",
        ),
        (
            "kubectl set image deploy web n",
            "kubectl set image deploy web nginx=",
        ),
        (
            "kubectl -n prod get deploy ",
            "kubectl -n prod get deploy api ",
        ),
        (
            "kubectl get deploy -n prod a",
            "kubectl get deploy -n prod api ",
        ),
        (
            "kubectl create deploy --rep",
            "kubectl create deploy --replicas=",
        ),
        ("kubectl apply -f ", "kubectl apply -f - "),
        ("fault node-u", "fault node-up "),
        ("kubectl uncordon node-3", "kubectl uncordon node-3 "),
    ];
    for (line, want) in table {
        assert_eq!(completes(line, &n), *want, "{line:?}");
    }
    let prefix = &web[..web.len() - 1];
    assert_eq!(
        completes(&format!("kubectl describe pod {web}"), &n),
        format!("kubectl describe pod {web} ")
    );
    assert_eq!(
        completes(&format!("kubectl delete pod/{prefix}"), &n).len(),
        "kubectl delete pod/".len() + web.len() + 1,
        "pod/NAME"
    );
}

#[test]
fn several_candidates_complete_their_common_prefix_and_are_listed() {
    let n = names();
    let done = tab("kubectl rollout undo d", &n).expect("completes");
    assert_eq!(done.line, "kubectl rollout undo deploy");
    assert_eq!(done.candidates, ["deployment", "deployments", "deploy"]);
    let done = tab("kubectl get po", &n).expect("lists");
    assert_eq!(done.line, "kubectl get po", "nothing in common to add");
    assert_eq!(done.candidates, ["pod", "pods", "po"]);
    let done = tab("", &n).expect("lists");
    assert_eq!(done.candidates, ["kubectl", "fault"]);
    let done = tab("fault node-down ", &n).expect("lists");
    assert_eq!(
        (done.line.as_str(), done.candidates.len()),
        ("fault node-down node-", 3)
    );
    // the pods of default, not prod's
    let done = tab("kubectl get pods ", &n).expect("lists");
    assert_eq!(done.candidates.len(), 3);
    assert!(
        done.candidates.iter().all(|p| p.starts_with("web-")),
        "{:?}",
        done.candidates
    );
    assert!(done.line.starts_with("kubectl get pods web-"));
    let done = tab("kubectl describe deployment", &n).expect("lists");
    assert_eq!(
        done.candidates,
        ["deployment", "deployments", "deployment/web"]
    );
    let done = tab("kubectl ", &n).expect("lists the commands");
    for verb in [
        "get", "describe", "rollout", "scale", "set", "delete", "drain", "version",
    ] {
        assert!(done.candidates.iter().any(|c| c == verb), "{verb}");
    }
    let done = tab("kubectl scale deploy/web -", &n).expect("lists the flags");
    assert_eq!(
        done.candidates,
        [
            "--namespace=",
            "--replicas=",
            "--current-replicas=",
            "--record"
        ]
    );
}

#[test]
fn a_tab_in_the_middle_completes_the_word_before_the_cursor_and_keeps_the_rest() {
    let n = names();
    let line = "kubectl ge pods -o wide";
    let done = complete(line, "kubectl ge".len(), &n).expect("completes");
    assert_eq!(done.line, "kubectl get pods -o wide");
    assert_eq!(done.cursor, "kubectl get ".len());
    let line = "kubectl get pods";
    let done = complete(line, "kub".len(), &n).expect("completes");
    assert_eq!(done.line, "kubectl get pods");
    assert_eq!(done.cursor, "kubectl ".len());
    assert!(
        complete("kubectl get pods", 99, &n).is_some(),
        "a cursor past the end is the end"
    );
}

#[test]
fn nothing_to_complete_leaves_tab_to_the_browser() {
    let n = names();
    for line in [
        "kubectl version ",
        "echo hi",
        "kubectl get pods --zzz",
        "kubectl get services",
        "kubectl scale deployment/web --replicas=",
        "kubectl get pods -n staging x",
        "kubectl frobnicate ",
        "kubectl get pods ✓",
    ] {
        assert_eq!(tab(line, &n), None, "{line:?}");
    }
    let empty = Names::default();
    assert_eq!(tab("kubectl get pods ", &empty), None, "no pods, no names");
}
