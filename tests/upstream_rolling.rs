//! Upstream's `pkg/controller/deployment/rolling_test.go`, row by row, against the engine's
//! rolling-update functions, called on a simulation built from each row.

mod upstream_common;

use deploysim::engine::intstr::IntOrString;
use deploysim::engine::testing::{new_replica_set, Fixture, Update};
use deploysim::engine::{Deployment, RollingUpdateDeployment};
use upstream_common::{Checks, Row, Table};

/// `newDeployment("foo", replicas, nil, &maxSurge, &maxUnavailable, selector)`.
fn deployment(replicas: i32, max_surge: i32, max_unavailable: i32) -> Deployment {
    let mut d = Deployment::new("default", "foo", "foo", "nginx:1.25", replicas);
    d.spec.strategy.rolling_update = Some(RollingUpdateDeployment {
        max_surge: Some(IntOrString::Int(max_surge)),
        max_unavailable: Some(IntOrString::Int(max_unavailable)),
    });
    d
}

/// A fixture for the row's Deployment: `replicas` (named by `replicas_key`), `maxSurge` and
/// `maxUnavailable` read from `fields`.
fn fixture(fields: &Row, replicas_key: &str) -> Fixture {
    let d = deployment(
        fields.i32(replicas_key),
        fields.i32("maxSurge"),
        fields.i32("maxUnavailable"),
    );
    Fixture::new(d, 0)
}

/// Adds a ReplicaSet with `replicas` in spec and status and `available` available replicas.
fn add(f: &mut Fixture, name: &str, replicas: i32, available: i32, current: bool) {
    let d = f.deployment();
    let mut rs = new_replica_set(&d, name, replicas, current);
    rs.status.replicas = replicas;
    rs.status.available_replicas = available;
    f.add_replica_set(rs);
}

/// The fixture with one old ReplicaSet, `foo-v2`, of `oldReplicas` with `available` available.
fn fixture_with_old_foo_v2(fields: &Row, replicas_key: &str, input: &Row) -> Fixture {
    let mut f = fixture(fields, replicas_key);
    add(
        &mut f,
        "foo-v2",
        input.i32("oldReplicas"),
        input.i32("available"),
        false,
    );
    f
}

/// Go checks `scaled` and, when a scale is expected, the size in the first update action;
/// when none is expected, that there were no actions at all.
fn check_scaled(
    c: &mut Checks,
    scaled: bool,
    updates: &[Update],
    want: bool,
    rs: &str,
    expected_size: Option<i32>,
) {
    c.eq("scaled", scaled, want);
    if !want {
        c.eq("updates", updates.to_vec(), Vec::new());
        return;
    }
    if let Some(size) = expected_size {
        match updates.iter().find(|u| u.name == rs) {
            Some(u) => c.eq("replicas", u.replicas, size),
            None => c.fail(format!("no update of {rs}")),
        }
    }
}

#[test]
fn test_deployment_controller_reconcile_new_replica_set() {
    Table::run("TestDeploymentController_reconcileNewReplicaSet", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let mut f = fixture(&input, "deploymentReplicas");
        let old = input.i32("oldReplicas");
        add(&mut f, "foo-v1", old, old, false);
        add(&mut f, "foo-v2", input.i32("newReplicas"), 0, true);
        let (scaled, updates) = f.reconcile_new_replica_set(&["foo-v1"], "foo-v2");
        let mut c = Checks::default();
        check_scaled(
            &mut c,
            scaled,
            &updates,
            want.bool("scaleExpected"),
            "foo-v2",
            want.opt_i32("expectedNewReplicas"),
        );
        c.outcome()
    })
    .finish(0);
}

#[test]
fn test_deployment_controller_reconcile_old_replica_sets() {
    Table::run("TestDeploymentController_reconcileOldReplicaSets", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let mut f = fixture(&input, "deploymentReplicas");
        add(
            &mut f,
            "foo-old",
            input.i32("oldReplicas"),
            input.i32("availableOld"),
            false,
        );
        add(
            &mut f,
            "foo-new",
            input.i32("newReplicas"),
            input.i32("availableNew"),
            true,
        );
        let (scaled, _) = f.reconcile_old_replica_sets(&["foo-old"], "foo-new");
        // Go asserts only `scaled`: `expectedOldReplicas` is declared but never checked.
        let mut c = Checks::default();
        c.eq("scaled", scaled, want.bool("scaleExpected"));
        c.outcome()
    })
    .finish(0);
}

#[test]
fn test_deployment_controller_cleanup_unhealthy_replicas() {
    Table::run("TestDeploymentController_cleanupUnhealthyReplicas", |row| {
        let input = row.get("input");
        let mut f = fixture_with_old_foo_v2(&input.get("deployment"), "replicas", &input);
        let (count, _) = f.cleanup_unhealthy_replicas(&["foo-v2"], input.i32("maxCleanupCount"));
        let mut c = Checks::default();
        c.eq(
            "cleanupCount",
            count,
            row.get("expected").i32("cleanupCount"),
        );
        c.outcome()
    })
    .finish(0);
}

#[test]
fn test_deployment_controller_scale_down_old_replica_sets_for_rolling_update() {
    Table::run(
        "TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate",
        |row| {
            let (input, want) = (row.get("input"), row.get("expected"));
            let mut f = fixture_with_old_foo_v2(&input, "deploymentReplicas", &input);
            let (scaled, updates) =
                f.scale_down_old_replica_sets_for_rolling_update(&["foo-v2"], &["foo-v2"]);
            let mut c = Checks::default();
            check_scaled(
                &mut c,
                scaled != 0,
                &updates,
                want.bool("scaleExpected"),
                "foo-v2",
                want.opt_i32("expectedOldReplicas"),
            );
            c.outcome()
        },
    )
    .finish(0);
}
