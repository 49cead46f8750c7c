//! The `deploysim run` command line: traces in both formats, determinism, and one clear line on
//! stderr with exit code 1 for a scenario file that cannot be used.

use std::path::PathBuf;
use std::process::Command;

fn deploysim() -> Command {
    Command::new(env!("CARGO_BIN_EXE_deploysim"))
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/rolling-update.yaml")
}

fn write_scenario(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("deploysim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn given_the_example_when_run_as_jsonl_then_each_line_is_a_tick_with_the_contract_fields() {
    let out = deploysim()
        .args(["run", example().to_str().unwrap(), "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 61, "ticks 0..=60");
    let t10 = &lines[10];
    assert_eq!(t10["t"], 10);
    assert_eq!(
        t10["actions"][0]["run"],
        "kubectl set image deployment/web web=nginx:1.26"
    );
    assert_eq!(t10["actions"][0]["ok"], true);
    assert_eq!(
        t10["actions"][0]["output"],
        "deployment.apps/web image updated\n"
    );
    let d = &t10["deployments"][0];
    for key in [
        "namespace",
        "name",
        "generation",
        "revision",
        "paused",
        "replicas",
        "status",
        "conditions",
    ] {
        assert!(d.get(key).is_some(), "deployment field {key}");
    }
    assert_eq!(d["revision"], 2);
    assert!(t10["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["message"]
            .as_str()
            .unwrap()
            .starts_with("Scaled up replica set web-")));
    let pod = &lines[5]["pods"][0];
    for key in [
        "namespace",
        "name",
        "replicaSet",
        "node",
        "phase",
        "status",
        "ready",
        "terminating",
        "restarts",
    ] {
        assert!(pod.get(key).is_some(), "pod field {key}");
    }
    let last = &lines[60]["deployments"][0];
    assert_eq!(last["revision"], 4, "the undo renumbers revision 2 as 4");
    assert_eq!(last["status"]["availableReplicas"], 4);
}

#[test]
fn given_the_same_scenario_when_run_twice_then_the_output_is_byte_identical() {
    let run = || {
        deploysim()
            .args(["run", example().to_str().unwrap(), "--format=jsonl"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn given_the_example_when_run_as_text_then_commands_and_events_read_like_a_terminal() {
    let out = deploysim()
        .args(["run", example().to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(
        "[  40s] $ kubectl rollout undo deployment/web\ndeployment.apps/web rolled back\n"
    ));
    assert!(text.contains("ScalingReplicaSet  deployment/web: Scaled up replica set web-"));
    assert!(text.contains(
        "REVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n"
    ));
}

fn rejected(name: &str, text: &str) -> String {
    let path = write_scenario(name, text);
    let out = deploysim()
        .args(["run", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{name} must exit 1");
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

#[test]
fn given_unusable_scenarios_when_run_then_one_clear_line_and_exit_code_1() {
    let e = rejected("typo.yaml", "duration: 10\nmanifests: ''\ndurration: 5\n");
    assert!(
        e.contains("typo.yaml") && e.contains("unknown field `durration`"),
        "{e}"
    );
    let e = rejected("nomanifests.yaml", "duration: 10\n");
    assert!(e.contains("missing field `manifests`"), "{e}");
    let e = rejected("negative.yaml", "duration: -5\nmanifests: ''\n");
    assert!(e.contains("duration: must be between 0 and 86400"), "{e}");
    let e = rejected("absurd.yaml", "duration: 100000000\nmanifests: ''\n");
    assert!(e.contains("duration"), "{e}");
    let e = rejected("badyaml.yaml", "duration: [\n");
    assert!(e.contains("badyaml.yaml"), "{e}");
    let invalid = "duration: 5\nmanifests: |\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    replicas: -1\n    selector:\n      matchLabels: {app: web}\n    template:\n      metadata:\n        labels: {app: web}\n      spec:\n        containers:\n        - {name: web, image: nginx}\n";
    let e = rejected("invalid.yaml", invalid);
    assert!(
        e.contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        "{e}"
    );
    let late = "duration: 5\nmanifests: ''\nactions:\n- {at: 9, run: kubectl get pods}\n";
    let e = rejected("late.yaml", late);
    assert!(e.contains("actions[0].at"), "{e}");
}

#[test]
fn given_a_failing_command_in_a_scenario_then_it_is_a_failed_action_and_the_run_goes_on() {
    let text = format!(
        "duration: 3\nmanifests: |\n{}actions:\n- {{at: 1, run: kubectl scale deployment/nope --replicas=2}}\n- {{at: 2, run: kubectl get deploy}}\n",
        deploysim::scenario::DEFAULT_WEB_MANIFEST
            .lines()
            .map(|l| format!("  {l}\n"))
            .collect::<String>()
    );
    let path = write_scenario("failing.yaml", &text);
    let out = deploysim()
        .args(["run", path.to_str().unwrap(), "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[1]["actions"][0]["ok"], false);
    assert_eq!(
        lines[1]["actions"][0]["output"],
        "Error from server (NotFound): deployments.apps \"nope\" not found\n"
    );
    assert_eq!(lines[2]["actions"][0]["ok"], true);
}

#[test]
fn given_bad_arguments_then_usage_is_printed() {
    let out = deploysim().args(["frobnicate"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("usage: deploysim run"));
}

/// The JSON lines of `deploysim run FILE --format jsonl` with more arguments.
fn jsonl(path: &std::path::Path, more: &[&str]) -> Vec<serde_json::Value> {
    let out = deploysim()
        .args(["run", path.to_str().unwrap(), "--format", "jsonl"])
        .args(more)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn given_pods_changed_then_each_line_holds_only_the_pods_that_changed_and_they_add_up_to_the_full_trace(
) {
    // Given a rolling update under traffic (pod CPU changes every tick there) and one without ...
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in ["rolling-update.yaml", "rolling-update-under-load.yaml"] {
        let path = root.join(name);
        let full = jsonl(&path, &[]);
        let changed = jsonl(&path, &["--pods", "changed"]);
        assert_eq!(full.len(), changed.len(), "{name}");
        // ... applying each line's pods and podsRemoved to the last list gives the full list,
        let mut pods: Vec<serde_json::Value> = Vec::new();
        let (mut listed, mut total) = (0, 0);
        for (f, c) in full.iter().zip(&changed) {
            let key = |p: &serde_json::Value| (p["namespace"].clone(), p["name"].clone());
            let gone: Vec<_> = c["podsRemoved"]
                .as_array()
                .unwrap()
                .iter()
                .map(key)
                .collect();
            pods.retain(|p| !gone.contains(&key(p)));
            for p in c["pods"].as_array().unwrap() {
                match pods.iter_mut().find(|q| key(q) == key(p)) {
                    Some(q) => *q = p.clone(),
                    None => pods.push(p.clone()),
                }
            }
            let order = |p: &serde_json::Value| {
                (
                    p["namespace"].as_str().unwrap().to_string(),
                    p["name"].as_str().unwrap().to_string(),
                )
            };
            pods.sort_by_key(order);
            let mut want = f["pods"].as_array().unwrap().clone();
            want.sort_by_key(order);
            assert_eq!(pods, want, "{name} t={}", f["t"]);
            // ... with everything else as in the full trace,
            let mut rest = c.clone();
            let rest = rest.as_object_mut().unwrap();
            rest.remove("podsRemoved");
            rest.insert("pods".into(), f["pods"].clone());
            assert_eq!(
                &serde_json::Value::Object(rest.clone()),
                f,
                "{name} t={}",
                f["t"]
            );
            listed += c["pods"].as_array().unwrap().len();
            total += want.len();
        }
        // ... and far fewer pods written: a rollout changes each pod a few times, not every tick.
        assert!(
            listed * 3 < total,
            "{name}: {listed} of {total} pod entries written"
        );
    }
    let out = deploysim()
        .args(["run", example().to_str().unwrap(), "--pods", "changed"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("--pods changed needs --format jsonl"));
}
