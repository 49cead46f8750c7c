//! `scenario::Run`, as the browser drives it: play, act, seek back and continue, save and reload
//! (`tests/timeline.rs` tests seeking itself).

use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::{Action, Cluster, Run, Scenario, Timeline};

fn ready_pods(run: &Run) -> usize {
    run.sim().pods().filter(|p| p.is_ready()).count()
}

/// Given the default scenario played until its four pods are ready (by tick 10).
fn ready_default_web() -> RunDriver {
    let mut run = RunDriver::start(Scenario::default_web()).unwrap();
    run.drive_until(10, |r| ready_pods(r) == 4);
    run
}

fn web_replicas(run: &Run) -> i32 {
    run.sim()
        .deployment("default", "web")
        .unwrap()
        .spec
        .replicas
}

#[test]
fn given_the_default_scenario_when_played_then_four_nginx_pods_become_ready() {
    let mut run = RunDriver::start(Scenario::default_web()).unwrap();
    assert_eq!(run.tick(), 0);
    assert_eq!(run.sim().pod_count(), 4);
    run.drive_until(10, |r| ready_pods(r) == 4);
    let d = run.sim().deployment("default", "web").unwrap();
    assert_eq!(d.spec.template.spec.containers[0].image, "nginx:1.25");
}

#[test]
fn given_a_user_action_then_it_runs_at_the_next_tick_and_is_recorded_in_the_scenario() {
    let mut run = ready_default_web();
    let at = run.tick() + 1;
    let (result, record) = run.act("kubectl scale deployment/web --replicas=6", None);
    assert!(result.ok);
    assert_eq!(result.output, "deployment.apps/web scaled\n");
    assert_eq!(record.t, at);
    assert_eq!(run.tick(), at);
    assert_eq!(run.sim().pod_count(), 6);
    assert_eq!(
        run.scenario().actions,
        vec![Action {
            at,
            run: "kubectl scale deployment/web --replicas=6".into(),
            stdin: None
        }]
    );
}

#[test]
fn given_a_rejected_command_then_the_output_is_kubectls_error_and_nothing_changes() {
    let mut run = ready_default_web();
    let (result, _) = run.act("kubectl scale deployment/web --replicas=-1", None);
    assert!(!result.ok);
    assert_eq!(
        result.output,
        "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"
    );
    assert_eq!(web_replicas(&run), 4);
}

#[test]
fn given_a_scrub_back_then_replay_is_identical_and_acting_drops_the_later_actions() {
    let mut run = RunDriver::start(Scenario::default_web()).unwrap();
    run.drive_until(10, |r| r.tick() == 5);
    run.act("kubectl set image deployment/web web=nginx:1.26", None);
    run.drive_until(40, |r| r.tick() == 20);
    run.act("kubectl scale deployment/web --replicas=2", None);
    let names_at_12: Vec<String> = {
        let replay = Timeline::start(run.scenario().clone(), (), 12).unwrap();
        replay
            .sim()
            .pods()
            .map(|p| p.metadata.name.clone())
            .collect()
    };
    let again = Timeline::start(run.scenario().clone(), (), 12).unwrap();
    let names_again: Vec<String> = again
        .sim()
        .pods()
        .map(|p| p.metadata.name.clone())
        .collect();
    assert_eq!(names_at_12, names_again, "deterministic replay");

    let mut back = Timeline::start(run.scenario().clone(), (), 12).unwrap();
    assert_eq!(back.tick(), 12);
    back.act("kubectl scale deployment/web --replicas=5", None);
    let runs: Vec<&str> = back
        .scenario()
        .actions
        .iter()
        .map(|a| a.run.as_str())
        .collect();
    assert_eq!(
        runs,
        vec![
            "kubectl set image deployment/web web=nginx:1.26",
            "kubectl scale deployment/web --replicas=5"
        ],
        "continuing after a scrub-back replaces what came later"
    );
}

#[test]
fn given_a_scenario_when_saved_as_yaml_then_parsing_it_back_gives_the_same_scenario() {
    let mut scenario = Scenario::default_web();
    scenario.seed = 42;
    scenario.cluster = Cluster::Count { nodes: 5 };
    scenario.actions.push(Action {
        at: 3,
        run: "kubectl apply -f -".into(),
        stdin: Some(
            deploysim::scenario::DEFAULT_WEB_MANIFEST.replace("replicas: 4", "replicas: 2"),
        ),
    });
    let text = scenario.to_yaml();
    assert_eq!(Scenario::parse(&text, "saved.yaml").unwrap(), scenario);
    let mut run = RunDriver::start(scenario).unwrap();
    run.drive_until(5, |r| r.tick() == 3);
    assert_eq!(web_replicas(&run), 2);
}

#[test]
fn given_a_title_and_a_description_then_they_are_read_kept_and_played_past() {
    let text = format!(
        "title: \"Scale: up and down\"\ndescription: >-\n  Four pods, then\n  two.\nduration: 5\nmanifests: |\n{}",
        deploysim::scenario::DEFAULT_WEB_MANIFEST
            .lines()
            .map(|l| format!("  {l}\n"))
            .collect::<String>()
    );
    let scenario = Scenario::parse(&text, "titled.yaml").unwrap();
    assert_eq!(scenario.title.as_deref(), Some("Scale: up and down"));
    assert_eq!(
        scenario.description.as_deref(),
        Some("Four pods, then two.")
    );
    assert_eq!(
        Scenario::parse(&scenario.to_yaml(), "saved.yaml").unwrap(),
        scenario
    );
    let untitled = Scenario::default_web();
    assert!(
        !untitled.to_yaml().contains("title"),
        "absent keys stay absent"
    );
    // the same run, titled or not
    let plain = Scenario {
        title: None,
        description: None,
        ..scenario.clone()
    };
    let (mut a, mut b) = (
        RunDriver::start(scenario).unwrap(),
        RunDriver::start(plain).unwrap(),
    );
    a.drive_to_end();
    b.drive_to_end();
    let trace = |run: &RunDriver| -> Vec<String> {
        run.records()
            .iter()
            .map(|r| deploysim::scenario::trace::tick_json(run.sim(), r).to_string())
            .collect()
    };
    assert_eq!(trace(&a), trace(&b));
    for bad in ["title: [a]", "title: {a: 1}", "titel: x"] {
        let text = text.replacen("title: \"Scale: up and down\"", bad, 1);
        let e = Scenario::parse(&text, "bad.yaml").unwrap_err().to_string();
        assert!(e.starts_with("bad.yaml: "), "{bad}: {e}");
    }
}

#[test]
fn given_a_node_fault_then_its_pods_are_replaced_elsewhere_and_come_back_with_the_node() {
    let mut run = ready_default_web();
    let (down, _) = run.act("fault node-down node-1", None);
    assert_eq!(down.output, "node/node-1 is down\n");
    let lost = run
        .sim()
        .pods()
        .filter(|p| p.node_name.as_deref() == Some("node-1"))
        .count();
    assert!(lost > 0);
    run.drive_until(30, |r| ready_pods(r) == 4);
    assert!(run
        .sim()
        .pods()
        .filter(|p| p.is_ready())
        .all(|p| p.node_name.as_deref() != Some("node-1")));
    let (up, _) = run.act("fault node-up node-1", None);
    assert_eq!(up.output, "node/node-1 is back up\n");
    assert_eq!(
        run.sim().pod_count(),
        4,
        "the lost pods are gone once the node answers"
    );
    let (bad, _) = run.act("fault node-down node-9", None);
    assert!(!bad.ok);
    let (unknown, _) = run.act("fault reboot node-1", None);
    assert!(!unknown.ok && unknown.output.contains("unknown fault"));
}
