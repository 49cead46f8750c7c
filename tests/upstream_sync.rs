//! Upstream's `pkg/controller/deployment/sync_test.go`, row by row: proportional scaling
//! (`scale`) and revision-history cleanup (`cleanupDeployment`), called on a simulation built
//! from each row.

mod upstream_common;

use std::collections::BTreeMap;

use deploysim::engine::deployment_util::{max_surge, set_replicas_annotations};
use deploysim::engine::intstr::IntOrString;
use deploysim::engine::testing::{new_replica_set, Fixture};
use deploysim::engine::{Deployment, RollingUpdateDeployment, REVISION_ANNOTATION};
use upstream_common::{Checks, Row, Table};

/// `newDeployment("foo", replicas, nil, &maxSurge, &maxUnavailable, nil)`.
fn deployment(v: &Row) -> Deployment {
    let mut d = Deployment::new("default", "foo", "foo", "nginx:1.25", v.i32("replicas"));
    d.spec.strategy.rolling_update = Some(RollingUpdateDeployment {
        max_surge: Some(IntOrString::Int(v.i32("maxSurge"))),
        max_unavailable: Some(IntOrString::Int(v.i32("maxUnavailable"))),
    });
    if v.bool("templateChanged") {
        d.spec.template.spec.containers[0].image = "nginx:1.26".to_string();
    }
    d
}

/// The Go test's clock: `newTimestamp` is 7200 s after `olderTimestamp`.
const NOW: i64 = 10_000;

#[test]
fn test_scale() {
    Table::run("TestScale", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let d = deployment(&input.get("deployment"));
        let old_d = deployment(&input.get("oldDeployment"));
        // Both maps are keyed by ReplicaSet name; every name must be one of the row's.
        let overrides: BTreeMap<&str, i32> = input
            .get("desiredReplicasAnnotations")
            .entries()
            .into_iter()
            .map(|(name, v)| (name, v.as_i32()))
            .collect();
        let wasnt_updated: BTreeMap<&str, bool> = input
            .get("wasntUpdated")
            .entries()
            .into_iter()
            .map(|(name, v)| (name, v.as_bool()))
            .collect();
        let mut f = Fixture::new(d.clone(), NOW);
        let mut original: BTreeMap<String, i32> = BTreeMap::new();
        let mut add = |r: &Row, current: bool| -> String {
            let name = r.str("name").to_string();
            let replicas = r.i32("replicas");
            let mut rs = new_replica_set(&d, &name, replicas, current);
            rs.metadata.creation_timestamp = r.i64("created");
            // Only some of the Go table's ReplicaSets set availableReplicas.
            if let Some(available) = r.get_opt("available") {
                rs.status.available_replicas = available.as_i32();
            }
            // The harness annotates every ReplicaSet as the old Deployment's sync left it.
            let desired = overrides
                .get(name.as_str())
                .copied()
                .unwrap_or(old_d.spec.replicas);
            set_replicas_annotations(&mut rs, desired, desired + max_surge(&old_d));
            original.insert(name.clone(), replicas);
            f.add_replica_set(rs);
            name
        };
        let new_name = input.get("newRS").nullable().map(|r| add(&r, true));
        let old_names: Vec<String> = input
            .get("oldRSs")
            .list()
            .iter()
            .map(|r| add(r, false))
            .collect();
        let mut c = Checks::default();
        for name in overrides.keys().chain(wasnt_updated.keys()) {
            if !original.contains_key(*name) {
                c.fail(format!("{name} names no ReplicaSet of the row"));
            }
        }
        let old_refs: Vec<&str> = old_names.iter().map(String::as_str).collect();
        let updates = f.scale(new_name.as_deref(), &old_refs);
        // nameToSize: the original sizes, overwritten by every update except those of the
        // ReplicaSets whose update the Go test makes fail (`wasntUpdated`).
        let mut name_to_size = original;
        for u in updates {
            if !wasnt_updated.get(u.name.as_str()).copied().unwrap_or(false) {
                name_to_size.insert(u.name, u.replicas);
            }
        }
        if let (Some(new_name), Some(expected)) = (&new_name, want.opt_i32("newReplicas")) {
            c.eq("new", name_to_size[new_name], expected);
        }
        let expected_old: Vec<i32> = want
            .get("oldReplicas")
            .list()
            .iter()
            .map(Row::as_i32)
            .collect();
        let got_old: Vec<i32> = old_names.iter().map(|n| name_to_size[n]).collect();
        c.eq("old", got_old, expected_old);
        c.outcome()
    })
    .finish(0);
}

/// Builds the row's old ReplicaSets (`created`: seconds relative to now, null: Go's zero time;
/// `revision`: the revision annotation, when set; `deleted`: a deletion timestamp) and runs
/// `cleanupDeployment`; returns the deleted names.
fn cleanup(input: &Row) -> Vec<String> {
    let mut d = Deployment::new("default", "foo", "foo", "nginx:1.25", 1);
    d.spec.revision_history_limit = input.i32("revisionHistoryLimit");
    let mut f = Fixture::new(d.clone(), NOW);
    let mut names = Vec::new();
    for r in input.get("oldRSs").list() {
        let name = r.str("name");
        let mut rs = new_replica_set(&d, name, r.i32("spec"), false);
        rs.status.replicas = r.i32("status");
        rs.metadata.creation_timestamp = r.opt_i64("created").map_or(0, |s| NOW + s);
        if let Some(revision) = r.opt_str("revision") {
            rs.metadata
                .annotations
                .insert(REVISION_ANNOTATION.to_string(), revision.to_string());
        }
        if r.bool("deleted") {
            rs.metadata.deletion_timestamp = Some(NOW);
        }
        f.add_replica_set(rs);
        names.push(name.to_string());
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    f.cleanup_deployment(&refs)
}

#[test]
fn test_deployment_controller_cleanup_deployment() {
    Table::run("TestDeploymentController_cleanupDeployment", |row| {
        let mut c = Checks::default();
        c.eq(
            "deletions",
            cleanup(&row.get("input")).len(),
            usize::try_from(row.get("expected").i64("deletions")).expect("a count"),
        );
        c.outcome()
    })
    .finish(0);
}

#[test]
fn test_deployment_controller_cleanup_deployment_order() {
    Table::run("TestDeploymentController_cleanupDeploymentOrder", |row| {
        let mut want: Vec<String> = row
            .get("expected")
            .get("deletedNames")
            .list()
            .iter()
            .map(|n| n.as_str().to_string())
            .collect();
        want.sort();
        let mut c = Checks::default();
        c.eq("deleted", cleanup(&row.get("input")), want);
        c.outcome()
    })
    .finish(0);
}
