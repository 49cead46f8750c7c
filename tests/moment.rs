//! `scenario::Moment`, what the browser says changed when the time shown jumps: given the
//! default Deployment at two ticks of a rollout or a scale, then the diff names the pods each
//! ReplicaSet gained or lost, the pods that became Ready and the spec that changed, both ways.

use deploysim::scenario::moment::{Change, Moment};
use deploysim::scenario::{Scenario, Timeline};

/// The default Deployment (4 replicas of nginx:1.25), settled at 30 s, then `line` run at 31.
fn after(line: &str) -> Timeline<()> {
    let mut timeline = Timeline::start(Scenario::default_web(), (), 30).unwrap();
    timeline.act(line, None);
    timeline
}

fn moment_at(timeline: &mut Timeline<()>, t: i64) -> Moment {
    timeline.seek(t);
    Moment::of(timeline.sim())
}

#[test]
fn given_a_rolling_update_then_the_diff_names_both_replica_sets_the_ready_pods_and_the_image() {
    let mut timeline = after("kubectl set image deployment/web web=nginx:1.26");
    timeline.play_to(90);
    let before = moment_at(&mut timeline, 30);
    let later = moment_at(&mut timeline, 90);
    let diff = before.diff(&later);
    assert_eq!((diff.from, diff.to), (30, 90));
    let mut pods: Vec<(i64, i32)> = diff
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Pods {
                revision, delta, ..
            } => Some((*revision, *delta)),
            _ => None,
        })
        .collect();
    pods.sort();
    assert_eq!(pods, [(1, -4), (2, 4)]);
    assert!(diff.changes.contains(&Change::NowRunning(4)));
    assert!(diff.changes.contains(&Change::BecameReady(4)));
    assert!(diff.changes.contains(&Change::Image {
        deployment: "web".into(),
        from: "nginx:1.25".into(),
        to: "nginx:1.26".into(),
    }));
    assert!(!diff
        .changes
        .iter()
        .any(|c| matches!(c, Change::NoLongerReady(_) | Change::Replicas { .. })));

    // Backwards, the same changes the other way round.
    let back = later.diff(&before);
    assert!(back.changes.contains(&Change::BecameReady(4)));
    assert!(back.changes.contains(&Change::Image {
        deployment: "web".into(),
        from: "nginx:1.26".into(),
        to: "nginx:1.25".into(),
    }));
}

#[test]
fn given_a_scale_up_then_the_diff_reads_as_one_plain_sentence() {
    let mut timeline = after("kubectl scale deployment/web --replicas=6");
    timeline.play_to(60);
    let before = moment_at(&mut timeline, 30);
    let later = moment_at(&mut timeline, 60);
    let rs = timeline
        .sim()
        .replica_sets()
        .next()
        .unwrap()
        .metadata
        .name
        .clone();
    assert_eq!(
        before.diff(&later).to_string(),
        format!(
            "From t=30s to t=60s: +2 pods of {rs} (rev 1), 2 now Running, 2 became Ready, web: replicas 4 → 6."
        )
    );
}

#[test]
fn given_a_crash_after_ready_then_the_diff_says_which_pods_are_no_longer_ready() {
    let scenario = Scenario::parse(
        "duration: 60
images:
  app:crash: {readySeconds: 1, crashAfterSeconds: 4}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: flaky}
  spec:
    replicas: 2
    selector: {matchLabels: {app: flaky}}
    template:
      metadata: {labels: {app: flaky}}
      spec:
        containers: [{name: app, image: app:crash}]
",
        "flaky.yaml",
    )
    .unwrap();
    let mut timeline = Timeline::start(scenario, (), 40).unwrap();
    let ready_at = (1..40).find(|&t| {
        timeline.seek(t);
        timeline.sim().pods().all(|p| p.is_ready())
    });
    let ready_at = ready_at.expect("the pods are Ready before they crash");
    let ready = moment_at(&mut timeline, ready_at);
    let crashed = (ready_at..40)
        .map(|t| moment_at(&mut timeline, t))
        .find(|m| ready.diff(m).changes.contains(&Change::NoLongerReady(2)));
    assert!(
        crashed.is_some(),
        "both pods stop being Ready when they crash"
    );
}

#[test]
fn given_a_settled_deployment_then_two_moments_differ_in_nothing() {
    let mut timeline = Timeline::start(Scenario::default_web(), (), 60).unwrap();
    let a = moment_at(&mut timeline, 40);
    let b = moment_at(&mut timeline, 60);
    assert_eq!(
        a.diff(&b).to_string(),
        "From t=40s to t=60s: no change in pods, their phase or readiness, replicas or images."
    );
}
