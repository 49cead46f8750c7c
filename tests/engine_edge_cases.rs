//! Inputs at the edges that a real cluster accepts: the engine must behave as upstream does
//! (int32 wrapping included) and never panic.

use deploysim::engine::intstr::{get_scaled_value_from_int_or_percent, IntOrString};
use deploysim::engine::pod_ranking::{ActivePodsWithRanks, RankedPod};
use deploysim::engine::{Deployment, EventKind, ObjectKind, ObjectRef, PodPhase};
use deploysim::scenario::testing::{RunDriver, SimDriver};

/// A 10-replica Deployment, ready after 5 s, then 30 s into a change of image.
fn rolled_out(max_surge: IntOrString) -> SimDriver {
    let mut sim = SimDriver::default();
    let mut d = Deployment::new("default", "web", "web", "nginx:1.25", 10);
    d.spec.strategy.rolling_update.as_mut().unwrap().max_surge = Some(max_surge);
    sim.create_deployment(d).unwrap();
    sim.run_tick();
    sim.drive_for(5);
    let mut d = sim.deployment("default", "web").unwrap().clone();
    d.spec.template.spec.containers[0].image = "nginx:1.26".into();
    sim.step_with(|s| {
        s.update_deployment(d).unwrap();
    });
    sim.drive_for(29);
    sim
}

#[test]
fn given_a_max_surge_near_int32_max_when_rolling_out_then_nothing_panics() {
    let sim = rolled_out(IntOrString::Int(i32::MAX));
    assert!(sim.deployment("default", "web").is_some());
}

#[test]
fn given_a_percent_beyond_int32_then_it_wraps_like_go_and_the_rollout_completes() {
    assert_eq!(
        get_scaled_value_from_int_or_percent(
            Some(&IntOrString::Str("4294967396%".into())),
            100,
            true
        ),
        Ok(100),
        "4294967396 wraps to 100 in int32: 100% of 100"
    );
    let sim = rolled_out(IntOrString::Str("99999999999%".into()));
    let d = sim.deployment("default", "web").unwrap();
    assert_eq!(d.status.updated_replicas, 10);
}

#[test]
fn given_ready_times_that_make_the_ranking_inconsistent_then_sorting_does_not_panic() {
    let ranking = ActivePodsWithRanks {
        now: 100,
        ..ActivePodsWithRanks::default()
    };
    let mut pods: Vec<RankedPod> = (0..29)
        .map(|i| RankedPod {
            uid: i,
            scheduled: true,
            phase: PodPhase::Running,
            ready: true,
            ready_since: Some(if i % 2 == 0 { 50 } else { 51 }),
            restarts: 0,
            created: Some(if i % 3 == 0 { 3 } else { 40 }),
            deletion_cost: None,
            rank: 0,
        })
        .collect();
    ranking.sort(&mut pods);
    assert_eq!(pods.len(), 29);
}

fn deployment_events(run: &deploysim::scenario::Run) -> Vec<EventKind> {
    run.sim()
        .events_about(&ObjectRef::new(ObjectKind::Deployment, "default", "web"))
        .iter()
        .map(|e| e.kind.clone())
        .collect()
}

#[test]
fn given_the_legacy_rollback_annotation_then_the_controller_rolls_back_and_clears_it() {
    use deploysim::scenario::Scenario;
    let mut run = RunDriver::start(Scenario::default_web()).unwrap();
    run.drive_for(5);
    run.act("kubectl set image deployment/web web=nginx:1.26", None);
    run.drive_for(15);
    let (out, _) = run.act(
        "kubectl annotate deployment/web deprecated.deployment.rollback.to=1",
        None,
    );
    assert!(out.ok, "{}", out.output);
    let d = run.sim().deployment("default", "web").unwrap();
    assert_eq!(d.spec.template.spec.containers[0].image, "nginx:1.25");
    assert!(!d
        .metadata
        .annotations
        .contains_key("deprecated.deployment.rollback.to"));
    assert!(deployment_events(&run).contains(&EventKind::RollbackDone { revision: 1 }));

    run.act(
        "kubectl annotate deployment/web deprecated.deployment.rollback.to=9",
        None,
    );
    assert!(deployment_events(&run).contains(&EventKind::RollbackRevisionNotFound { revision: 9 }));
    let d = run.sim().deployment("default", "web").unwrap();
    assert_eq!(d.spec.template.spec.containers[0].image, "nginx:1.25");
}

/// `replicas` pods of nginx, each asking for 64Ei of memory (2^66 bytes, beyond 64 bits), on
/// `cluster`.
fn beyond_64_bits(cluster: &str, replicas: u32) -> RunDriver {
    use deploysim::scenario::Scenario;
    let text = format!(
        "duration: 30\ncluster: {cluster}\nmanifests: |\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata: {{name: web}}\n  spec:\n    replicas: {replicas}\n    selector: {{matchLabels: {{app: web}}}}\n    template:\n      metadata: {{labels: {{app: web}}}}\n      spec:\n        containers:\n        - {{name: web, image: nginx, resources: {{requests: {{memory: 64Ei}}}}}}\n"
    );
    let mut run = RunDriver::start(Scenario::parse(&text, "huge.yaml").unwrap()).unwrap();
    run.drive_for(5);
    run
}

#[test]
fn given_requests_beyond_64_bits_then_the_scheduler_counts_the_most_there_is_and_never_overflows() {
    let run = beyond_64_bits("{nodes: 1}", 3);
    let running = run.sim().pods().filter(|p| p.phase == PodPhase::Running);
    assert_eq!(running.count(), 3, "an unlimited node takes them all");
    let described = deploysim::kubectl::query(run.sim(), "kubectl describe node node-1").unwrap();
    assert!(described.ok, "{}", described.stderr);

    let run = beyond_64_bits("{nodes: [{name: node-a, memory: 1Ei}]}", 1);
    let pod = run.sim().pods().next().unwrap();
    assert_eq!(pod.phase, PodPhase::Pending);
    let why = deploysim::kubectl::query(run.sim(), "kubectl describe pods").unwrap();
    assert!(
        why.stdout
            .contains("0/1 nodes are available: 1 Insufficient memory."),
        "{}",
        why.stdout
    );
}
