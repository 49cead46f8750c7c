//! Upstream's `pkg/controller/deployment/recreate_test.go`, row by row, against the engine's
//! Recreate functions, called on a simulation built from each row.

mod upstream_common;

use deploysim::engine::testing::{new_replica_set, Fixture};
use deploysim::engine::{Deployment, PodPhase, StrategyType};
use upstream_common::{i32_of, str_of, Checks, Table};

fn recreate_deployment(replicas: i32) -> Deployment {
    let mut d = Deployment::new("default", "foo", "foo", "nginx:1.25", replicas);
    d.spec.strategy.kind = StrategyType::Recreate;
    d.spec.strategy.rolling_update = None;
    d
}

#[test]
fn test_scale_down_old_replica_sets() {
    Table::run("TestScaleDownOldReplicaSets", |row| {
        let (input, want) = (&row["input"], &row["expected"]);
        let d = recreate_deployment(i32_of(&input["deploymentReplicas"]));
        let mut f = Fixture::new(d.clone(), 0);
        let mut names = Vec::new();
        for (i, size) in input["oldRSSizes"]
            .as_array()
            .expect("sizes")
            .iter()
            .enumerate()
        {
            let name = format!("foo-{i}");
            f.add_replica_set(new_replica_set(&d, &name, i32_of(size), false));
            names.push(name);
        }
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        f.scale_down_old_replica_sets_for_recreate(&refs);
        let got: Vec<i32> = names
            .iter()
            .map(|n| f.replica_set(n).expect("kept").spec.replicas)
            .collect();
        let expected: Vec<i32> = want["sizesAfter"]
            .as_array()
            .expect("sizes")
            .iter()
            .map(i32_of)
            .collect();
        let mut c = Checks::default();
        c.eq("sizes", got, expected);
        c.outcome()
    })
    .finish(0);
}

/// A pod phase of the Go table; `""` (unset) becomes Pending, the phase the API server gives
/// every new pod (the simulator never stores a pod without one).
fn phase(s: &str) -> PodPhase {
    match s {
        "" | "Pending" => PodPhase::Pending,
        "Running" => PodPhase::Running,
        "Succeeded" => PodPhase::Succeeded,
        "Failed" => PodPhase::Failed,
        "Unknown" => PodPhase::Unknown,
        other => panic!("unknown phase {other}"),
    }
}

#[test]
fn test_old_pods_running() {
    Table::run("TestOldPodsRunning", |row| {
        let input = &row["input"];
        let d = recreate_deployment(1);
        let mut f = Fixture::new(d.clone(), 0);
        let mut old = Vec::new();
        for r in input["oldRSs"].as_array().expect("oldRSs") {
            let name = str_of(&r["uid"]).to_string();
            let mut rs = new_replica_set(&d, &name, 0, false);
            rs.status.replicas = i32_of(&r["statusReplicas"]);
            f.add_replica_set(rs);
            old.push(name);
        }
        // podMap is keyed by the owning ReplicaSet's uid. The controller builds it from every
        // ReplicaSet of the Deployment, so a key that is not the new ReplicaSet is an old one:
        // the Go table's keys that name no listed ReplicaSet become old ReplicaSets with no
        // replicas in their status.
        let new_name = input["newRS"]["uid"].as_str().map(String::from);
        if let Some(name) = &new_name {
            f.add_replica_set(new_replica_set(&d, name, 1, true));
        }
        let pod_map = input["podMap"].as_object().expect("podMap");
        for (owner, phases) in pod_map {
            if f.replica_set(owner).is_none() {
                f.add_replica_set(new_replica_set(&d, owner, 0, false));
                old.push(owner.clone());
            }
            let phases: Vec<PodPhase> = phases
                .as_array()
                .expect("phases")
                .iter()
                .map(|p| phase(str_of(p)))
                .collect();
            f.add_pods(owner, &phases);
        }
        let refs: Vec<&str> = old.iter().map(String::as_str).collect();
        let mut c = Checks::default();
        c.eq(
            "value",
            f.old_pods_running(new_name.as_deref(), &refs),
            row["expected"]["value"].as_bool().expect("bool"),
        );
        c.outcome()
    })
    .finish(0);
}
