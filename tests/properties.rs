//! Property tests over random scenarios and action sequences: nothing panics, the same scenario
//! and seed always give the same trace, and after every tick of a RollingUpdate the ReplicaSets'
//! replicas add up to at most replicas + maxSurge.

use deploysim::engine::deployment_util::max_surge;
use deploysim::engine::StrategyType;
use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::{trace, Action, Cluster, Scenario};
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
