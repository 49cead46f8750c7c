//! Upstream's `pkg/controller/deployment/recreate_test.go`, row by row, against the engine's
//! Recreate functions, called on a simulation built from each row.

mod upstream_common;

use deploysim::engine::testing::{new_replica_set, Fixture};
use deploysim::engine::{Deployment, PodPhase, StrategyType};
use upstream_common::{Checks, Row, Table};

fn recreate_deployment(replicas: i32) -> Deployment {
    let mut d = Deployment::new("default", "foo", "foo", "nginx:1.25", replicas);
    d.spec.strategy.kind = StrategyType::Recreate;
    d.spec.strategy.rolling_update = None;
    d
}

#[test]
fn test_scale_down_old_replica_sets() {
    Table::run("TestScaleDownOldReplicaSets", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let d = recreate_deployment(input.i32("deploymentReplicas"));
        let mut f = Fixture::new(d.clone(), 0);
        let mut names = Vec::new();
        for (i, size) in input.get("oldRSSizes").list().iter().enumerate() {
            let name = format!("foo-{i}");
            f.add_replica_set(new_replica_set(&d, &name, size.as_i32(), false));
            names.push(name);
        }
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        f.scale_down_old_replica_sets_for_recreate(&refs);
        let got: Vec<i32> = names
            .iter()
            .map(|n| f.replica_set(n).expect("kept").spec.replicas)
            .collect();
        let expected: Vec<i32> = want
            .get("sizesAfter")
            .list()
            .iter()
            .map(Row::as_i32)
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
        let input = row.get("input");
        let d = recreate_deployment(1);
        let mut f = Fixture::new(d.clone(), 0);
        let mut old = Vec::new();
        for r in input.get("oldRSs").list() {
            let name = r.str("uid").to_string();
            let mut rs = new_replica_set(&d, &name, 0, false);
            rs.status.replicas = r.i32("statusReplicas");
            f.add_replica_set(rs);
            old.push(name);
        }
        // podMap is keyed by the owning ReplicaSet's uid. The controller builds it from every
        // ReplicaSet of the Deployment, so a key that is not the new ReplicaSet is an old one:
        // the Go table's keys that name no listed ReplicaSet become old ReplicaSets with no
        // replicas in their status.
        let new_name = input
            .get("newRS")
            .nullable()
            .map(|rs| rs.str("uid").to_string());
        if let Some(name) = &new_name {
            f.add_replica_set(new_replica_set(&d, name, 1, true));
        }
        for (owner, phases) in input.get("podMap").entries() {
            if f.replica_set(owner).is_none() {
                f.add_replica_set(new_replica_set(&d, owner, 0, false));
                old.push(owner.to_string());
            }
            let phases: Vec<PodPhase> = phases.list().iter().map(|p| phase(p.as_str())).collect();
            f.add_pods(owner, &phases);
        }
        let refs: Vec<&str> = old.iter().map(String::as_str).collect();
        let mut c = Checks::default();
        c.eq(
            "value",
            f.old_pods_running(new_name.as_deref(), &refs),
            row.get("expected").bool("value"),
        );
        c.outcome()
    })
    .finish(0);
}
