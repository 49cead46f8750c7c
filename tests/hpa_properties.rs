//! Property tests of the HorizontalPodAutoscaler over random scenarios: whatever its bounds and
//! target, the pods' CPU request (or none), the load offered and the `kubectl scale` lines typed
//! between syncs, after every sync the Deployment's replicas lie within [minReplicas,
//! maxReplicas]; and the same scenario always gives the same trace.

use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::{trace, Action, Cluster, Scenario, TrafficEntry};
use proptest::prelude::*;

/// The HPA's sync period: created at tick 0 by the manifests, it syncs at 0, 15, 30, ...
const SYNC_PERIOD: i64 = 15;

fn manifests(replicas: u32, cpu: Option<u32>, min: u32, max: u32, target: u32) -> String {
    let resources = cpu.map_or(String::new(), |m| {
        format!("\n        resources:\n          requests:\n            cpu: {m}m")
    });
    format!(
        "apiVersion: apps/v1
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
        image: nginx:1.25{resources}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {{app: web}}
  ports:
  - port: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: web}}
  minReplicas: {min}
  maxReplicas: {max}
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: {{type: Utilization, averageUtilization: {target}}}
"
    )
}

prop_compose! {
    fn scenario()(
        seed in any::<u64>(),
        replicas in 1u32..15,
        cpu in prop::option::weighted(0.85, 1u32..60),
        (min, max) in (1u32..6).prop_flat_map(|min| (Just(min), min..min + 10)),
        target in 1u32..150,
        mut traffic in prop::collection::vec((0i64..100, 0i64..3000, 0i64..40), 0..4),
        mut scales in prop::collection::vec((1i64..100, 1u32..25), 0..6),
    ) -> Scenario {
        traffic.sort_by_key(|(at, _, _)| *at);
        scales.sort_by_key(|(at, _)| *at);
        Scenario {
            title: None,
            description: None,
            seed,
            duration: 100,
            cluster: Cluster::Count { nodes: 3 },
            images: Default::default(),
            manifests: manifests(replicas, cpu, min, max, target),
            traffic: traffic
                .into_iter()
                .map(|(at, rps, over)| TrafficEntry {
                    at,
                    service: "web".into(),
                    rps,
                    over: Some(over),
                    namespace: None,
                })
                .collect(),
            actions: scales
                .into_iter()
                .map(|(at, n)| Action {
                    at,
                    run: format!("kubectl scale deployment/web --replicas={n}"),
                    stdin: None,
                })
                .collect(),
        }
    }
}

/// Plays a scenario to its end, checking the bounds after every sync; returns its trace.
fn play(scenario: Scenario) -> Result<Vec<String>, TestCaseError> {
    let duration = scenario.duration;
    let mut run = RunDriver::start(scenario).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut lines = Vec::new();
    loop {
        let record = run.records().last().expect("tick 0 is recorded");
        lines.push(trace::tick_json(run.sim(), record).to_string());
        let hpa = run
            .sim()
            .horizontal_pod_autoscaler("default", "web")
            .expect("the HPA of the manifests");
        let replicas = run
            .sim()
            .deployment("default", "web")
            .expect("web")
            .spec
            .replicas;
        if run.tick() % SYNC_PERIOD == 0 {
            prop_assert!(
                (hpa.spec.min_replicas..=hpa.spec.max_replicas).contains(&replicas),
                "tick {}: {} replicas outside [{}, {}]",
                run.tick(),
                replicas,
                hpa.spec.min_replicas,
                hpa.spec.max_replicas
            );
        }
        if run.tick() >= duration {
            break;
        }
        run.step();
    }
    Ok(lines)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn after_every_sync_replicas_are_within_the_bounds_and_runs_are_deterministic(
        scenario in scenario()
    ) {
        let first = play(scenario.clone())?;
        let second = play(scenario)?;
        prop_assert_eq!(first, second);
    }
}
