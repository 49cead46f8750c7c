//! The HorizontalPodAutoscaler under traffic: given a Deployment behind a Service whose pods
//! ask for 100m of CPU (each uses 5m idle plus 2m per request per second, serving up to 100),
//! and an HPA targeting 50%, when a lunch rush comes and goes, then the HPA scales up by
//! upstream's arithmetic and back down only after the 300 s window; a rollout under the HPA is
//! resized proportionally; a pod without a CPU request makes the metric fail.

use deploysim::engine::{EventKind, MetricError, RescaleReason};
use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::Scenario;

fn scenario(replicas: u32, cpu_request: Option<&str>, traffic: &str, actions: &str) -> Scenario {
    let resources = cpu_request.map_or(String::new(), |cpu| {
        format!("\n          resources:\n            requests:\n              cpu: {cpu}")
    });
    let text = format!(
        "duration: 900
images:
  app:v1: {{pullSeconds: 0, readySeconds: 2, stopSeconds: 1, capacityRps: 100, cpuPerRequest: 2m, cpuIdle: 5m}}
  app:v2: {{pullSeconds: 0, readySeconds: 30, stopSeconds: 1, capacityRps: 100, cpuPerRequest: 2m, cpuIdle: 5m}}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: {replicas}
    selector:
      matchLabels: {{app: web}}
    template:
      metadata:
        labels: {{app: web}}
      spec:
        containers:
        - name: web
          image: app:v1{resources}
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: web
  spec:
    selector: {{app: web}}
    ports:
    - {{port: 80}}
  ---
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata:
    name: web
  spec:
    scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: web}}
    minReplicas: 2
    maxReplicas: 10
    metrics:
    - type: Resource
      resource:
        name: cpu
        target: {{type: Utilization, averageUtilization: 50}}
traffic:
{traffic}
actions:
{actions}
"
    );
    Scenario::parse(&text, "hpa.yaml").unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Every SuccessfulRescale seen: `(tick, new size, reason)`.
fn rescales(run: &RunDriver) -> Vec<(i64, i32, RescaleReason)> {
    run.events()
        .filter_map(|e| match &e.kind {
            EventKind::SuccessfulRescale { new_size, reason } => Some((e.time, *new_size, *reason)),
            _ => None,
        })
        .collect()
}

fn replicas(run: &RunDriver) -> i32 {
    run.sim()
        .deployment("default", "web")
        .expect("web")
        .spec
        .replicas
}

#[test]
fn given_a_lunch_rush_the_hpa_scales_up_by_upstreams_arithmetic_and_down_after_the_window() {
    // 40 rps on 2 pods: 20 each, 5m + 40m = 45m of 100m, 45% against 50%: ratio 0.9, kept.
    // From tick 60, 400 rps; from tick 300, 40 again.
    let traffic = "  - {at: 0, service: web, rps: 40}\n  - {at: 60, service: web, rps: 400}\n  - {at: 300, service: web, rps: 40}";
    let mut run = RunDriver::start(scenario(2, Some("100m"), traffic, "  []")).expect("starts");
    run.drive_for(899);
    let seen = rescales(&run);
    use RescaleReason::{AllMetricsBelowTarget, MetricAboveTarget, None as StabilizedOnly};
    assert_eq!(
        seen,
        [
            // Tick 75 reads tick 74: 2 pods serve 200 of the 400 rps, 100 each, 5m + 200m =
            // 205m: 205% against 50%, 2 x 2.05 = 4.1, x 2 pods = 8.2, rounded up to 9; the
            // scale-up limit max(2 x 2, 4) = 4: new size 4.
            (75, 4, MetricAboveTarget),
            // Tick 90: the 2 pods of tick 75 are Ready since 77 but count as unready for CPU
            // until 77 + 15; 4 endpoints at 205%, 2 of them counted. Scaling up, the unready
            // count as 0: (2 x 205) x 100 / 400 = 102%, 2.04 x 4 = 8.16, 9; limit 8.
            (90, 8, MetricAboveTarget),
            // Tick 105: 8 endpoints at 50 rps, 105%; 4 count, 4 unready as 0: 52%, ratio 1.04,
            // within the 0.1 tolerance: the metric keeps 8. The window's highest recommendation
            // (9, from ticks 75 and 90) moves it: upstream's empty reason.
            (105, 9, StabilizedOnly),
            (120, 10, MetricAboveTarget),
            // The load drops at tick 300; the recommendation of the sync at 300 (which read tick
            // 299) is still in the window at 600 (upstream drops samples Before the cutoff, not
            // at it). At 615: 10 pods at 4 rps, 13m: 13%, 10 x 0.26 = 2.6, 3.
            (615, 3, AllMetricsBelowTarget),
        ]
    );
    // 40 rps on 3 pods: 5m + 26m = 31%, 3 x 0.62 = 1.86, 2 is minReplicas; held by the window.
    assert_eq!(replicas(&run), 3);
}

#[test]
fn given_an_hpa_scaling_during_a_rollout_the_deployment_resizes_its_replica_sets_proportionally() {
    // A rollout starts at tick 70 (maxSurge 25%, maxUnavailable 25%) and the HPA scales from
    // 4 at tick 75: both ReplicaSets grow in proportion, as `scale` in sync.go does.
    let traffic = "  - {at: 0, service: web, rps: 40}\n  - {at: 60, service: web, rps: 800}";
    let actions = "  - {at: 70, run: \"kubectl set image deployment/web web=app:v2\"}";
    let mut run = RunDriver::start(scenario(4, Some("100m"), traffic, actions)).expect("starts");
    run.drive_for(75);
    let seen = rescales(&run);
    assert_eq!(seen.last().map(|r| (r.0, r.1)), Some((75, 8)), "{seen:?}");
    // At tick 75 the old ReplicaSet has 3 and the new 2 (app:v2 takes 30 s to be Ready). The
    // Deployment now wants 8: at most 8 + 25% of 8 = 10 pods, 5 to add. Each ReplicaSet gets
    // its share of the 10, against the 4 + 1 = 5 of its max-replicas annotation: the old
    // 3 x 10 / 5 = 6, the new 2 x 10 / 5 = 4.
    let proportional = run.decisions().any(|d| {
        d.time == 75 && matches!(d.step, deploysim::engine::Step::ScaleProportionally { .. })
    });
    assert!(proportional, "no proportional scaling at tick 75");
    let web = run.sim().deployment("default", "web").expect("web");
    let mut sizes: Vec<(String, i32)> = run
        .sim()
        .replica_sets_of(web)
        .iter()
        .map(|rs| {
            (
                rs.spec.template.spec.first_image().to_string(),
                rs.spec.replicas,
            )
        })
        .collect();
    sizes.sort();
    assert_eq!(
        sizes,
        [("app:v1".to_string(), 6), ("app:v2".to_string(), 4)]
    );
}

#[test]
fn given_a_pod_without_a_cpu_request_under_load_the_metric_fails_and_the_count_stays() {
    let traffic = "  - {at: 0, service: web, rps: 400}";
    let mut run = RunDriver::start(scenario(2, None, traffic, "  []")).expect("starts");
    run.drive_for(60);
    let missing = run.events().find_map(|e| match &e.kind {
        EventKind::FailedGetResourceMetric { error } => match &**error {
            MetricError::MissingRequest { container, .. } => Some(container.clone()),
            _ => None,
        },
        _ => None,
    });
    assert_eq!(missing.as_deref(), Some("web"));
    assert!(rescales(&run).is_empty());
    assert_eq!(replicas(&run), 2);
}
