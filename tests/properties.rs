//! Property tests over random scenarios and action sequences: nothing panics, the same scenario
//! and seed always give the same trace, and after every tick of a RollingUpdate the ReplicaSets'
//! replicas add up to at most replicas + maxSurge. Under random traffic with an HPA: from its
//! first sync the Deployment's replicas stay within [minReplicas, maxReplicas], every tick
//! served + failed is offered, and the trace is the same on every play.

use deploysim::engine::deployment_util::max_surge;
use deploysim::engine::StrategyType;
use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::{trace, Action, Cluster, ImageSpec, Scenario};
use proptest::prelude::*;

fn manifest(replicas: u32, surge: &str, unavailable: &str, recreate: bool) -> String {
    let strategy = if recreate {
        "    type: Recreate\n".to_string()
    } else {
        format!(
            "    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: {surge}\n      maxUnavailable: {unavailable}\n"
        )
    };
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  strategy:\n{strategy}  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n"
    )
}

fn fencepost() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..4).prop_map(|v| v.to_string()),
        prop::sample::select(vec!["0%", "10%", "25%", "50%", "100%"])
            .prop_map(|s| format!("{s:?}")),
    ]
}

fn action_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..25).prop_map(|n| format!("kubectl scale deployment/web --replicas={n}")),
        prop::sample::select(vec![
            "nginx:1.24",
            "nginx:1.25",
            "nginx:1.26",
            "nginx:1.27",
            "nginx:1.255",
            "ghcr.io/deploysim/hello:2.1",
            "ghcr.io/deploysim/hello:1.0",
        ])
        .prop_map(|i| format!("kubectl set image deployment/web web={i}")),
        Just("kubectl rollout undo deployment/web".to_string()),
        (1u32..5).prop_map(|n| format!("kubectl rollout undo deployment/web --to-revision={n}")),
        Just("kubectl rollout pause deployment/web".to_string()),
        Just("kubectl rollout resume deployment/web".to_string()),
        Just("kubectl rollout restart deployment/web".to_string()),
        Just("fault node-down node-2".to_string()),
        Just("fault node-up node-2".to_string()),
        Just("kubectl cordon node-1".to_string()),
        Just("kubectl drain node-3".to_string()),
        Just("kubectl uncordon node-3".to_string()),
        Just("kubectl get pods -o wide".to_string()),
        Just("kubectl describe deployment web".to_string()),
        Just("kubectl nonsense --flag".to_string()),
    ]
}

prop_compose! {
    fn scenario()(
        seed in any::<u64>(),
        replicas in 0u32..20,
        surge in fencepost(),
        unavailable in fencepost(),
        recreate in prop::bool::weighted(0.2),
        mut actions in prop::collection::vec((0i64..60, action_line()), 0..12),
    ) -> Scenario {
        actions.sort_by_key(|(at, _)| *at);
        Scenario {
            title: None,
            description: None,
            seed,
            duration: 70,
            cluster: Cluster::Count { nodes: 3 },
            images: Default::default(),
            manifests: manifest(replicas, &surge, &unavailable, recreate),
            traffic: Vec::new(),
            actions: actions
                .into_iter()
                .map(|(at, run)| Action { at, run, stdin: None })
                .collect(),
        }
    }
}

/// Plays a scenario to its end, checking the surge ceiling after every tick; returns its trace.
fn play(scenario: Scenario) -> Result<Vec<String>, TestCaseError> {
    let duration = scenario.duration;
    let mut run = match RunDriver::start(scenario) {
        Ok(started) => started,
        // Both fenceposts 0 is rejected by validation: a valid outcome, nothing to play.
        Err(_) => return Ok(Vec::new()),
    };
    let mut lines = Vec::new();
    loop {
        let record = run.records().last().expect("tick 0 is recorded");
        lines.push(trace::tick_json(run.sim(), record).to_string());
        for d in run.sim().deployments() {
            if d.spec.strategy.kind == StrategyType::RollingUpdate {
                let total: i32 = run
                    .sim()
                    .replica_sets_of(d)
                    .iter()
                    .map(|rs| rs.spec.replicas)
                    .sum();
                prop_assert!(
                    total <= d.spec.replicas + max_surge(d),
                    "tick {}: ReplicaSets hold {} > {} + {}",
                    run.tick(),
                    total,
                    d.spec.replicas,
                    max_surge(d)
                );
            }
        }
        if run.tick() >= duration {
            break;
        }
        run.step();
    }
    Ok(lines)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn random_scenarios_never_panic_stay_within_surge_and_are_deterministic(scenario in scenario()) {
        let first = play(scenario.clone())?;
        let second = play(scenario)?;
        prop_assert_eq!(first, second);
    }
}

/// A Deployment `web` of `replicas` pods of `app:v1` asking for `request_millis` of CPU, and the
/// Service `web` in front of it.
fn served_manifest(replicas: u32, request_millis: u32) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers:\n      - name: web\n        image: app:v1\n        ports:\n        - {{name: http, containerPort: 8080}}\n        resources:\n          requests:\n            cpu: {request_millis}m\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {{app: web}}\n  ports:\n  - {{port: 80, targetPort: http}}\n"
    )
}

fn demand_action() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..2000, 0u32..90).prop_map(|(rps, over)| format!("traffic web {rps} --over {over}")),
        prop::sample::select(vec!["app:v1", "app:v2"])
            .prop_map(|i| format!("kubectl set image deployment/web web={i}")),
        Just("kubectl rollout restart deployment/web".to_string()),
        Just("kubectl get hpa".to_string()),
    ]
}

prop_compose! {
    /// A served Deployment with an HPA made at tick 0 (`min`, `max`, `percent`) and random load.
    fn autoscaled()(
        seed in any::<u64>(),
        replicas in 1u32..12,
        request in 20u32..300,
        min in 1i32..5,
        spread in 0i32..8,
        percent in 10u32..100,
        mut actions in prop::collection::vec((1i64..300, demand_action()), 0..10),
    ) -> (Scenario, i32, i32) {
        actions.sort_by_key(|(at, _)| *at);
        let max = min + spread;
        let mut all = vec![Action {
            at: 0,
            run: format!("kubectl autoscale deployment/web --min={min} --max={max} --cpu-percent={percent}"),
            stdin: None,
        }];
        all.extend(actions.into_iter().map(|(at, run)| Action { at, run, stdin: None }));
        let app = ImageSpec {
            pull_seconds: Some(1),
            ready_seconds: Some(2),
            stop_seconds: Some(2),
            capacity_rps: Some(100),
            cpu_per_request: Some("2m".into()),
            cpu_idle: Some("3m".into()),
            ..ImageSpec::default()
        };
        let scenario = Scenario {
            title: None,
            description: None,
            seed,
            duration: 360,
            cluster: Cluster::Count { nodes: 3 },
            images: [("app:v1".to_string(), app.clone()), ("app:v2".to_string(), app)]
                .into_iter()
                .collect(),
            manifests: served_manifest(replicas, request),
            traffic: Vec::new(),
            actions: all,
        };
        (scenario, min, max)
    }
}

/// Plays an autoscaled scenario to its end, checking the load and the HPA's bounds after every
/// tick; returns its trace.
fn play_autoscaled(scenario: Scenario, min: i32, max: i32) -> Result<Vec<String>, TestCaseError> {
    let duration = scenario.duration;
    let mut run = RunDriver::start(scenario).expect("a valid scenario");
    let mut lines = Vec::new();
    loop {
        let record = run.records().last().expect("tick 0 is recorded");
        for action in &record.actions {
            prop_assert!(
                action.ok,
                "t={}: {} -> {}",
                record.t,
                action.run,
                action.output
            );
        }
        lines.push(trace::tick_json(run.sim(), record).to_string());
        let load = *run.sim().service_load("default", "web").expect("measured");
        prop_assert_eq!(load.served + load.failed, load.offered);
        prop_assert!(load.served >= 0 && load.failed >= 0);
        if load.endpoints == 0 {
            prop_assert_eq!(load.failed, load.offered);
        }
        let replicas = run
            .sim()
            .deployment("default", "web")
            .expect("web")
            .spec
            .replicas;
        prop_assert!(
            (min..=max).contains(&replicas),
            "tick {}: {} replicas outside [{}, {}]",
            run.tick(),
            replicas,
            min,
            max
        );
        if run.tick() >= duration {
            break;
        }
        run.step();
    }
    Ok(lines)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    #[test]
    fn under_random_traffic_an_hpa_keeps_replicas_in_range_and_the_run_is_deterministic(
        (scenario, min, max) in autoscaled()
    ) {
        let first = play_autoscaled(scenario.clone(), min, max)?;
        let second = play_autoscaled(scenario, min, max)?;
        prop_assert_eq!(first, second);
    }
}
