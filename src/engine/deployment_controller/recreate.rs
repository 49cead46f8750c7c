//! `pkg/controller/deployment/recreate.go`: the Recreate strategy. Every old pod is stopped, and
//! the new ReplicaSet is created only once none of them is left, terminating ones included.

use super::super::deployment_util as util;
use super::super::objects::{Deployment, PodPhase, ReplicaSet};
use super::super::Simulation;
use super::decision::{Resize, Step};
use super::progress::sync_rollout_status;
use super::sync::cleanup_deployment;
use super::{
    get_all_replica_sets_and_sync_revision, record_decision, scale_replica_set_and_record_event,
};

/// `rolloutRecreate`.
pub(super) fn rollout_recreate(sim: &mut Simulation, d: &mut Deployment) {
    let (new_rs, old_rss) = get_all_replica_sets_and_sync_revision(sim, d, false);
    let old_refs: Vec<&ReplicaSet> = old_rss.iter().collect();
    let active_old = util::filter_active_replica_sets(&old_refs);
    if scale_down_old_replica_sets_for_recreate(sim, d, &active_old) {
        sync_rollout_status(sim, d);
        return;
    }
    if old_pods_running(sim, new_rs.as_ref(), &old_rss) {
        sync_rollout_status(sim, d);
        return;
    }
    let new_rs = match new_rs {
        Some(rs) => Some(rs),
        None => get_all_replica_sets_and_sync_revision(sim, d, true).0,
    };
    if let Some(new_rs) = &new_rs {
        scale_up_new_replica_set_for_recreate(sim, d, new_rs);
    }
    if util::deployment_complete(d, &d.status) {
        cleanup_deployment(sim, d, &old_rss);
    }
    sync_rollout_status(sim, d);
}

/// `scaleDownOldReplicaSetsForRecreate`: every active old ReplicaSet to 0.
pub(crate) fn scale_down_old_replica_sets_for_recreate(
    sim: &mut Simulation,
    d: &Deployment,
    old_rss: &[&ReplicaSet],
) -> bool {
    let mut scaled = false;
    for rs in old_rss {
        if rs.spec.replicas == 0 {
            continue;
        }
        if scale_replica_set_and_record_event(sim, rs.metadata.uid, 0, d) {
            scaled = true;
            let resize = Resize::of(rs, 0);
            record_decision(sim, d, Step::ScaleDownOldReplicaSetsForRecreate { resize });
        }
    }
    scaled
}

/// `scaleUpNewReplicaSetForRecreate`: the new ReplicaSet to `spec.replicas`.
fn scale_up_new_replica_set_for_recreate(
    sim: &mut Simulation,
    d: &Deployment,
    new_rs: &ReplicaSet,
) {
    if scale_replica_set_and_record_event(sim, new_rs.metadata.uid, d.spec.replicas, d) {
        let resize = Resize::of(new_rs, d.spec.replicas);
        record_decision(sim, d, Step::ScaleUpNewReplicaSetForRecreate { resize });
    }
}

/// `oldPodsRunning`: old ReplicaSets still report pods, or any pod of theirs (terminating ones
/// included) is not Failed or Succeeded.
pub(crate) fn old_pods_running(
    sim: &Simulation,
    new_rs: Option<&ReplicaSet>,
    old_rss: &[ReplicaSet],
) -> bool {
    let old_refs: Vec<&ReplicaSet> = old_rss.iter().collect();
    if util::get_actual_replica_count_for_replica_sets(&old_refs) > 0 {
        return true;
    }
    let new_uid = new_rs.map(|rs| rs.metadata.uid);
    old_rss
        .iter()
        .filter(|rs| Some(rs.metadata.uid) != new_uid)
        .any(|rs| {
            sim.store()
                .pods_of(rs.metadata.uid)
                .any(|pod| !matches!(pod.phase, PodPhase::Failed | PodPhase::Succeeded))
        })
}
