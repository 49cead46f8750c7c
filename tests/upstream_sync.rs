//! Upstream's `pkg/controller/deployment/sync_test.go`, row by row: proportional scaling
//! (`scale`) and revision-history cleanup (`cleanupDeployment`), called on a simulation built
//! from each row.

mod upstream_common;

use std::collections::BTreeMap;

use deploysim::engine::deployment_util::{max_surge, set_replicas_annotations};
use deploysim::engine::intstr::IntOrString;
use deploysim::engine::testing::{new_replica_set, Fixture};
use deploysim::engine::{Deployment, RollingUpdateDeployment, REVISION_ANNOTATION};
use serde_json::Value;
use upstream_common::{bool_of, i32_of, i64_of, opt_i32, str_of, Checks, Table};

/// `newDeployment("foo", replicas, nil, &maxSurge, &maxUnavailable, nil)`.
fn deployment(v: &Value) -> Deployment {
    let mut d = Deployment::new(
        "default",
        "foo",
        "foo",
        "nginx:1.25",
        i32_of(&v["replicas"]),
    );
    d.spec.strategy.rolling_update = Some(RollingUpdateDeployment {
        max_surge: Some(IntOrString::Int(i32_of(&v["maxSurge"]))),
        max_unavailable: Some(IntOrString::Int(i32_of(&v["maxUnavailable"]))),
    });
    if v["templateChanged"].as_bool() == Some(true) {
        d.spec.template.spec.containers[0].image = "nginx:1.26".to_string();
    }
    d
}

/// The Go test's clock: `newTimestamp` is 7200 s after `olderTimestamp`.
const NOW: i64 = 10_000;

#[test]
fn test_scale() {
    Table::run("TestScale", |row| {
        let (input, want) = (&row["input"], &row["expected"]);
        let d = deployment(&input["deployment"]);
        let old_d = deployment(&input["oldDeployment"]);
        let overrides = &input["desiredReplicasAnnotations"];
        let mut f = Fixture::new(d.clone(), NOW);
        let mut original: BTreeMap<String, i32> = BTreeMap::new();
        let mut add = |r: &Value, current: bool| -> String {
            let name = str_of(&r["name"]).to_string();
            let replicas = i32_of(&r["replicas"]);
            let mut rs = new_replica_set(&d, &name, replicas, current);
            rs.metadata.creation_timestamp = i64_of(&r["created"]);
            if let Some(available) = opt_i32(&r["available"]) {
                rs.status.available_replicas = available;
            }
            // The harness annotates every ReplicaSet as the old Deployment's sync left it.
            let desired = opt_i32(&overrides[&name]).unwrap_or(old_d.spec.replicas);
            set_replicas_annotations(&mut rs, desired, desired + max_surge(&old_d));
            original.insert(name.clone(), replicas);
            f.add_replica_set(rs);
            name
        };
        let new_name = (!input["newRS"].is_null()).then(|| add(&input["newRS"], true));
        let old_names: Vec<String> = input["oldRSs"]
            .as_array()
            .expect("oldRSs")
            .iter()
            .map(|r| add(r, false))
            .collect();
        let old_refs: Vec<&str> = old_names.iter().map(String::as_str).collect();
        let updates = f.scale(new_name.as_deref(), &old_refs);
        // nameToSize: the original sizes, overwritten by every update except those of the
        // ReplicaSets whose update the Go test makes fail (`wasntUpdated`).
        let mut name_to_size = original;
        for u in updates {
            if !input["wasntUpdated"][&u.name].as_bool().unwrap_or(false) {
                name_to_size.insert(u.name, u.replicas);
            }
        }
        let mut c = Checks::default();
        if let (Some(new_name), Some(expected)) = (&new_name, opt_i32(&want["newReplicas"])) {
            c.eq("new", name_to_size[new_name], expected);
        }
        let expected_old: Vec<i32> = want["oldReplicas"]
            .as_array()
            .expect("oldReplicas")
            .iter()
            .map(i32_of)
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
fn cleanup(input: &Value) -> Vec<String> {
    let mut d = Deployment::new("default", "foo", "foo", "nginx:1.25", 1);
    d.spec.revision_history_limit = i32_of(&input["revisionHistoryLimit"]);
    let mut f = Fixture::new(d.clone(), NOW);
    let mut names = Vec::new();
    for r in input["oldRSs"].as_array().expect("oldRSs") {
        let name = str_of(&r["name"]);
        let mut rs = new_replica_set(&d, name, i32_of(&r["spec"]), false);
        rs.status.replicas = i32_of(&r["status"]);
        rs.metadata.creation_timestamp = r["created"].as_i64().map_or(0, |s| NOW + s);
        if let Some(revision) = r["revision"].as_str() {
            rs.metadata
                .annotations
                .insert(REVISION_ANNOTATION.to_string(), revision.to_string());
        }
        if bool_of(&r["deleted"]) {
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
            cleanup(&row["input"]).len(),
            row["expected"]["deletions"].as_u64().expect("count") as usize,
        );
        c.outcome()
    })
    .finish(0);
}

#[test]
fn test_deployment_controller_cleanup_deployment_order() {
    Table::run("TestDeploymentController_cleanupDeploymentOrder", |row| {
        let mut want: Vec<String> = row["expected"]["deletedNames"]
            .as_array()
            .expect("names")
            .iter()
            .map(|n| str_of(n).to_string())
            .collect();
        want.sort();
        let mut c = Checks::default();
        c.eq("deleted", cleanup(&row["input"]), want);
        c.outcome()
    })
    .finish(0);
}
