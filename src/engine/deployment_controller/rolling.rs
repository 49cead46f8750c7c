//! `pkg/controller/deployment/rolling.go`: the RollingUpdate strategy.
//!
//! Worked example (10 replicas, maxSurge 3, maxUnavailable 2): the new ReplicaSet may grow while
//! all ReplicaSets together hold at most 10 + 3 = 13 pods, and old ReplicaSets may shrink while
//! at least 10 - 2 = 8 pods stay available. Unhealthy old pods go first: they serve nothing.

use super::super::deployment_util::{self as util, max_unavailable};
use super::super::objects::{Deployment, ReplicaSet};
use super::super::sorting::{replica_sets_by_creation_timestamp, sort_by};
use super::super::Simulation;
use super::decision::{Fencepost, Resize, Step};
use super::progress::sync_rollout_status;
use super::sync::cleanup_deployment;
use super::{
    get_all_replica_sets_and_sync_revision, record_decision, scale_replica_set_and_record_event,
};

/// `rolloutRolling`.
pub(super) fn rollout_rolling(sim: &mut Simulation, d: &mut Deployment) {
    let (new_rs, old_rss) = get_all_replica_sets_and_sync_revision(sim, d, true);
    let Some(new_rs) = new_rs else {
        // A hash collision was just recorded; the next sync creates the ReplicaSet.
        sync_rollout_status(sim, d);
        return;
    };
    if reconcile_new_replica_set(sim, d, &old_rss, &new_rs) {
        sync_rollout_status(sim, d);
        return;
    }
    let old_rss = refresh(sim, &old_rss);
    if reconcile_old_replica_sets(sim, d, &old_rss, &new_rs) {
        sync_rollout_status(sim, d);
        return;
    }
    if util::deployment_complete(d, &d.status) {
        cleanup_deployment(sim, d, &old_rss);
    }
    sync_rollout_status(sim, d);
}

/// Fresh copies of ReplicaSets from the store (some may have been deleted).
fn refresh(sim: &Simulation, rss: &[ReplicaSet]) -> Vec<ReplicaSet> {
    rss.iter()
        .filter_map(|rs| sim.store().replica_set(rs.metadata.uid).cloned())
        .collect()
}

/// `reconcileNewReplicaSet`: grows the new ReplicaSet as far as the surge allows (or shrinks it
/// to the Deployment's size). Returns whether it scaled.
pub(crate) fn reconcile_new_replica_set(
    sim: &mut Simulation,
    d: &Deployment,
    old_rss: &[ReplicaSet],
    new_rs: &ReplicaSet,
) -> bool {
    let replicas = d.spec.replicas;
    if new_rs.spec.replicas == replicas {
        return false;
    }
    if new_rs.spec.replicas > replicas {
        let from = new_rs.spec.replicas;
        let scaled = scale_replica_set_and_record_event(sim, new_rs.metadata.uid, replicas, d);
        if scaled {
            let resize = Resize {
                replica_set: new_rs.metadata.name.clone(),
                from,
                to: replicas,
            };
            record_decision(sim, d, Step::ReconcileNewReplicaSetDown { resize });
        }
        return scaled;
    }
    let all: Vec<&ReplicaSet> = old_rss.iter().chain(std::iter::once(new_rs)).collect();
    let Ok(new_replicas_count) = util::new_rs_new_replicas(d, &all, new_rs) else {
        return false;
    };
    let current = util::get_replica_count_for_replica_sets(&all);
    let scaled =
        scale_replica_set_and_record_event(sim, new_rs.metadata.uid, new_replicas_count, d);
    if scaled {
        let surge = Fencepost::max_surge(d);
        let step = Step::ReconcileNewReplicaSetUp {
            resize: Resize::of(new_rs, new_replicas_count),
            replicas,
            max_total_pods: replicas.wrapping_add(surge.value),
            max_surge: surge,
            current_pod_count: current,
        };
        record_decision(sim, d, step);
    }
    scaled
}

/// `reconcileOldReplicaSets`: shrinks old ReplicaSets as far as availability allows, unhealthy
/// pods first. Returns whether anything was scaled.
pub(crate) fn reconcile_old_replica_sets(
    sim: &mut Simulation,
    d: &Deployment,
    old_rss: &[ReplicaSet],
    new_rs: &ReplicaSet,
) -> bool {
    let old_refs: Vec<&ReplicaSet> = old_rss.iter().collect();
    let active_old = util::filter_active_replica_sets(&old_refs);
    let old_pods_count = util::get_replica_count_for_replica_sets(&active_old);
    if old_pods_count == 0 {
        return false;
    }
    let all: Vec<&ReplicaSet> = active_old
        .iter()
        .copied()
        .chain(std::iter::once(new_rs))
        .collect();
    let all_pods_count = util::get_replica_count_for_replica_sets(&all);
    let min_available = d.spec.replicas - max_unavailable(d);
    let new_rs_unavailable_pod_count = new_rs.spec.replicas - new_rs.status.available_replicas;
    let max_scaled_down = all_pods_count - min_available - new_rs_unavailable_pod_count;
    if max_scaled_down <= 0 {
        return false;
    }
    let (old_after_cleanup, cleaned) =
        cleanup_unhealthy_replicas(sim, d, &active_old, max_scaled_down);
    let old_after: Vec<&ReplicaSet> = old_after_cleanup.iter().collect();
    let all_after: Vec<&ReplicaSet> = old_after
        .iter()
        .copied()
        .chain(std::iter::once(new_rs))
        .collect();
    let scaled = scale_down_old_replica_sets_for_rolling_update(sim, d, &all_after, &old_after);
    cleaned + scaled > 0
}

/// `cleanupUnhealthyReplicas`: removes old pods that are not available, oldest ReplicaSet first,
/// at most `max_cleanup_count`. Returns the updated old ReplicaSets and how many were removed.
pub(crate) fn cleanup_unhealthy_replicas(
    sim: &mut Simulation,
    d: &Deployment,
    old_rss: &[&ReplicaSet],
    max_cleanup_count: i32,
) -> (Vec<ReplicaSet>, i32) {
    let mut sorted: Vec<ReplicaSet> = old_rss.iter().map(|rs| (*rs).clone()).collect();
    sort_by(&mut sorted, &replica_sets_by_creation_timestamp);
    let mut total_scaled_down = 0;
    for rs in &mut sorted {
        if total_scaled_down >= max_cleanup_count {
            break;
        }
        if rs.spec.replicas == 0 || rs.spec.replicas == rs.status.available_replicas {
            continue;
        }
        let scaled_down_count = (max_cleanup_count - total_scaled_down)
            .min(rs.spec.replicas - rs.status.available_replicas);
        let new_replicas_count = rs.spec.replicas - scaled_down_count;
        if new_replicas_count > rs.spec.replicas {
            continue;
        }
        let from = rs.spec.replicas;
        scale_replica_set_and_record_event(sim, rs.metadata.uid, new_replicas_count, d);
        let step = Step::CleanupUnhealthyReplicas {
            resize: Resize {
                replica_set: rs.metadata.name.clone(),
                from,
                to: new_replicas_count,
            },
            available_replicas: rs.status.available_replicas,
            max_cleanup_count,
        };
        record_decision(sim, d, step);
        rs.spec.replicas = new_replicas_count;
        total_scaled_down += scaled_down_count;
    }
    (sorted, total_scaled_down)
}

/// `scaleDownOldReplicaSetsForRollingUpdate`: shrinks old ReplicaSets, oldest first, while at
/// least `minAvailable` pods stay available. Returns how many replicas it removed.
pub(crate) fn scale_down_old_replica_sets_for_rolling_update(
    sim: &mut Simulation,
    d: &Deployment,
    all_rss: &[&ReplicaSet],
    old_rss: &[&ReplicaSet],
) -> i32 {
    let min_available = d.spec.replicas - max_unavailable(d);
    let available_pod_count = util::get_available_replica_count_for_replica_sets(all_rss);
    if available_pod_count <= min_available {
        return 0;
    }
    let mut sorted: Vec<&ReplicaSet> = old_rss.to_vec();
    sort_by(&mut sorted, &|a, b| {
        replica_sets_by_creation_timestamp(a, b)
    });
    let total_scale_down_count = available_pod_count - min_available;
    let mut total_scaled_down = 0;
    for rs in sorted {
        if total_scaled_down >= total_scale_down_count {
            break;
        }
        if rs.spec.replicas == 0 {
            continue;
        }
        let scale_down_count = rs
            .spec
            .replicas
            .min(total_scale_down_count - total_scaled_down);
        let new_replicas_count = rs.spec.replicas - scale_down_count;
        if new_replicas_count > rs.spec.replicas {
            continue;
        }
        if scale_replica_set_and_record_event(sim, rs.metadata.uid, new_replicas_count, d) {
            let step = Step::ScaleDownOldReplicaSetsForRollingUpdate {
                resize: Resize::of(rs, new_replicas_count),
                replicas: d.spec.replicas,
                max_unavailable: Fencepost::max_unavailable(d),
                min_available,
                available_pod_count,
                total_scale_down_count,
            };
            record_decision(sim, d, step);
        }
        total_scaled_down += scale_down_count;
    }
    total_scaled_down
}
