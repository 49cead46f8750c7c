//! Upstream's `pkg/controller/deployment/progress_test.go`, row by row: the Progressing
//! condition computed by `syncRolloutStatus`, and when a stuck Deployment is looked at again.

mod upstream_common;

use deploysim::engine::deployment_util::new_deployment_condition;
use deploysim::engine::testing::{new_replica_set, Fixture};
use deploysim::engine::{
    ConditionStatus, Deployment, DeploymentCondition, DeploymentConditionReason,
    DeploymentConditionType, DeploymentStatus, StrategyType, MAX_INT32,
};
use upstream_common::{Checks, Outcome, Row, Table};

/// `currentDeployment(pds, replicas, statusReplicas, updatedReplicas, availableReplicas, conds)`:
/// a nil deadline is no deadline, which the simulator writes as MaxInt32. Only the
/// syncRolloutStatus rows name a strategy; the others keep the default, RollingUpdate.
fn current_deployment(input: &Row, conditions: Vec<DeploymentCondition>) -> Deployment {
    let mut d = Deployment::new("default", "foo", "foo", "nginx:1.25", input.i32("replicas"));
    d.spec.progress_deadline_seconds = input
        .opt_i32("progressDeadlineSeconds")
        .unwrap_or(MAX_INT32);
    let strategy = input.get_opt("strategy").map(|s| s.as_strategy());
    if strategy == Some(StrategyType::Recreate) {
        d.spec.strategy.kind = StrategyType::Recreate;
        d.spec.strategy.rolling_update = None;
    }
    let s = input.get("status");
    d.status = DeploymentStatus {
        replicas: s.i32("replicas"),
        updated_replicas: s.i32("updatedReplicas"),
        available_replicas: s.i32("availableReplicas"),
        conditions,
        ..DeploymentStatus::default()
    };
    d
}

/// The Go tables' named conditions.
fn condition(name: &str, test_time: i64) -> DeploymentCondition {
    let progressing = |status, reason, time| {
        new_deployment_condition(
            DeploymentConditionType::Progressing,
            status,
            reason,
            String::new(),
            time,
        )
    };
    match name {
        "replicaSetUpdated" => progressing(
            ConditionStatus::True,
            DeploymentConditionReason::ReplicaSetUpdated,
            test_time,
        ),
        "newRSAvailable" => progressing(
            ConditionStatus::True,
            DeploymentConditionReason::NewReplicaSetAvailable,
            test_time,
        ),
        // Go's zero time, long before anything else in the rows.
        "failedTimedOut" | "failed" => progressing(
            ConditionStatus::False,
            DeploymentConditionReason::ProgressDeadlineExceeded,
            0,
        ),
        // `stuck`: Progressing True, last updated at the rows' time 0. Upstream gives it no
        // reason; the simulation's reasons are a closed set without an empty one, and
        // ReplicaSetUpdated stands in: `syncRolloutStatus` treats every reason alike but
        // NewReplicaSetAvailable and ProgressDeadlineExceeded.
        "stuck" => progressing(
            ConditionStatus::True,
            DeploymentConditionReason::ReplicaSetUpdated,
            0,
        ),
        other => panic!("unknown condition {other}"),
    }
}

/// Adds a ReplicaSet `{name, spec, status, available}`; the new one has the Deployment's template.
fn add_rs(f: &mut Fixture, r: &Row, new: bool) {
    let d = f.deployment();
    let mut rs = new_replica_set(&d, r.str("name"), r.i32("spec"), new);
    rs.status.replicas = r.i32("status");
    rs.status.available_replicas = r.i32("available");
    f.add_replica_set(rs);
}

#[test]
fn test_sync_rollout_status() {
    Table::run("TestSyncRolloutStatus", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let test_time = input.i64("testTime");
        let conditions: Vec<DeploymentCondition> = input
            .get("conditions")
            .list()
            .iter()
            .map(|c| condition(c.as_str(), test_time))
            .collect();
        let d = current_deployment(&input, conditions);
        let before = d
            .status
            .condition(DeploymentConditionType::Progressing)
            .cloned();
        let mut f = Fixture::new(d, input.i64("now"));
        for r in input.get("allRSs").list() {
            add_rs(&mut f, &r, false);
        }
        if let Some(r) = input.get("newRS").nullable() {
            add_rs(&mut f, &r, true);
        }
        let status = f.sync_rollout_status();
        let got = status.condition(DeploymentConditionType::Progressing);
        let want_type = want.opt_str("conditionType");
        let want_status = want.opt_str("conditionStatus");
        let want_reason = want.opt_str("conditionReason");
        let want_unchanged = want.bool("conditionUnchanged");
        let mut c = Checks::default();
        match want_type {
            None => c.eq("Progressing condition", got.cloned(), None),
            Some(want_type) => match got {
                None => c.fail(format!("no {want_type} condition")),
                Some(got) => {
                    c.eq("type", got.kind.as_str(), want_type);
                    c.eq("status", Some(got.status.as_str()), want_status);
                    c.eq("reason", Some(got.reason.as_str()), want_reason);
                    if want_unchanged {
                        c.eq("condition", Some(got), before.as_ref());
                    }
                }
            },
        }
        // The Go test's time checks compare its own fixtures, never the result
        // (`lastUpdate_unasserted`, `lastTransition_unasserted`), so they are not asserted here.
        c.outcome()
    })
    .finish(0);
}

/// Whether `syncRolloutStatus`, run at `now` on the row's state, reports the progress deadline
/// as exceeded.
fn timed_out_at(input: &Row, now: i64) -> bool {
    let conditions: Vec<DeploymentCondition> = input
        .opt_str("condition")
        .map(|c| vec![condition(c, 0)])
        .unwrap_or_default();
    let d = current_deployment(input, conditions);
    let replicas = d.spec.replicas;
    let mut f = Fixture::new(d.clone(), now);
    // One new ReplicaSet whose status gives the row's `status` again: no progress since the
    // last sync.
    let mut rs = new_replica_set(&d, "foo-new", replicas, true);
    rs.status.replicas = d.status.updated_replicas;
    rs.status.available_replicas = d.status.available_replicas;
    f.add_replica_set(rs);
    let status = f.sync_rollout_status();
    status
        .condition(DeploymentConditionType::Progressing)
        .is_some_and(|c| {
            c.status == ConditionStatus::False
                && c.reason == DeploymentConditionReason::ProgressDeadlineExceeded
        })
}

/// `requeueStuckDeployment` tells upstream's work queue when to sync a stuck Deployment again,
/// so that the deadline is noticed without waiting for the periodic resync: after
/// `lastUpdateTime + progressDeadlineSeconds - now` (plus 1 s), at once when less than a second
/// is left, never (-1) when there is no deadline, no Progressing condition, or the rollout is
/// complete or has already failed. The simulator has no work queue: it syncs every Deployment
/// at every tick (one second). Each row is therefore checked as what the requeue is for: the
/// real `syncRolloutStatus`, run on the row's state, reports ProgressDeadlineExceeded exactly
/// at the tick upstream's requeued sync would (`now + seconds + 1` for a requeue after
/// `seconds`, not one tick earlier), and never, for a row that is not requeued, unless it had
/// already failed.
#[test]
fn test_requeue_stuck_deployment() {
    Table::run("TestRequeueStuckDeployment", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let seconds = want.i64("seconds");
        let now = input.get("now");
        let now = match now.value() {
            serde_json::Value::Null => 0,
            v => match v.as_i64() {
                Some(n) => n,
                None => {
                    return Outcome::Skip(
                        "a sub-second clock; the simulator's clock counts whole seconds"
                            .to_string(),
                    )
                }
            },
        };
        let already_failed = input.opt_str("condition") == Some("failed");
        let mut c = Checks::default();
        if seconds < 0 {
            // Not requeued: a year later the Deployment has still not timed out (or it had
            // already failed, and stays failed).
            c.eq(
                "timed out a year later",
                timed_out_at(&input, now + 31_536_000),
                already_failed,
            );
        } else {
            c.eq(
                "timed out at the requeued sync",
                timed_out_at(&input, now + seconds + 1),
                true,
            );
            if seconds > 0 {
                c.eq(
                    "timed out a tick earlier",
                    timed_out_at(&input, now + seconds),
                    false,
                );
            }
        }
        c.outcome()
    })
    .finish(1);
}
