//! How kubectl sees a Deployment's ReplicaSets (`pkg/util/deployment`): which one is new (the
//! oldest whose template matches the Deployment's, ignoring `pod-template-hash`), which are old,
//! and what revision each carries.

pub use crate::engine::deployment_util::equal_ignore_hash;
use crate::engine::{Deployment, ReplicaSet, Simulation, REVISION_ANNOTATION};

/// `FindNewReplicaSet`: the oldest ReplicaSet whose template matches the Deployment's.
pub fn new_replica_set<'a>(sim: &'a Simulation, d: &Deployment) -> Option<&'a ReplicaSet> {
    sim.replica_sets_of(d)
        .into_iter()
        .find(|rs| equal_ignore_hash(&rs.spec.template, &d.spec.template))
}

/// `FindOldReplicaSets`: every other ReplicaSet of the Deployment, in name order (as the API
/// lists them), including those scaled to 0.
pub fn old_replica_sets<'a>(sim: &'a Simulation, d: &Deployment) -> Vec<&'a ReplicaSet> {
    let new = new_replica_set(sim, d).map(|rs| rs.metadata.uid);
    let mut old: Vec<&ReplicaSet> = sim
        .replica_sets_of(d)
        .into_iter()
        .filter(|rs| Some(rs.metadata.uid) != new)
        .collect();
    old.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    old
}

/// `deploymentutil.Revision`: 0 without the annotation, `None` when it does not parse.
pub fn revision(rs: &ReplicaSet) -> Option<i64> {
    match rs.metadata.annotations.get(REVISION_ANNOTATION) {
        None => Some(0),
        Some(text) => text.parse().ok(),
    }
}
