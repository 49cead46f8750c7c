//! The Deployment controller (`pkg/controller/deployment/deployment_controller.go`):
//! `syncDeployment` dispatches to pause handling, proportional scaling, Recreate or
//! RollingUpdate, each in its own file with upstream's function names.
//!
//! Each sync works on a copy of the Deployment; ReplicaSet changes go to the store at once (as
//! API calls do), and the Deployment's status and annotations are written back at the end (the
//! status subresource: no generation bump). Every decision that changes a size is also recorded
//! as a `Decision` with its inputs and arithmetic (`decision.rs`), which `crate::why` puts in
//! plain words for the UI.

pub mod decision;
pub(crate) mod progress;
pub(crate) mod recreate;
mod rollback;
pub(crate) mod rolling;
pub(crate) mod sync;

use std::collections::BTreeMap;

use super::deployment_util::{self as util, max_surge};
use super::events::{EventKind, ObjectKind, ObjectRef, ScaleDirection};
use super::objects::{Deployment, ReplicaSet, Uid};
use super::Simulation;
use decision::{Decision, Step};

/// `syncDeployment` for every Deployment; returns whether anything changed.
pub fn sync_all(sim: &mut Simulation) -> bool {
    let mut changed = false;
    for key in sim.deployment_keys() {
        changed |= sync_deployment(sim, &key);
    }
    changed
}

/// `syncDeployment`.
fn sync_deployment(sim: &mut Simulation, key: &(String, String)) -> bool {
    let Some(stored) = sim.store().deployment(key) else {
        return false;
    };
    let mut d = stored.clone();
    let before = replica_set_versions(sim, &d);
    if d.spec.selector.is_empty() {
        if d.status.observed_generation < d.metadata.generation {
            d.status.observed_generation = d.metadata.generation;
            record_deployment_event(sim, &d, EventKind::SelectingAll);
        }
        return write_back(sim, d);
    }
    progress::check_paused_conditions(sim, &mut d);
    let mut changed = false;
    // Paused, or only the size changed: scale (is_scaling_event is not consulted when paused).
    if d.spec.paused {
        sync::sync(sim, &mut d);
    } else if rollback::get_rollback_to(&d).is_some() {
        changed = rollback::rollback(sim, &mut d);
    } else if sync::is_scaling_event(sim, &d) {
        sync::sync(sim, &mut d);
    } else {
        match d.spec.strategy.kind {
            super::objects::StrategyType::Recreate => recreate::rollout_recreate(sim, &mut d),
            super::objects::StrategyType::RollingUpdate => rolling::rollout_rolling(sim, &mut d),
        }
    }
    let rs_changed = before != replica_set_versions(sim, &d);
    write_back(sim, d) || rs_changed || changed
}

/// The sizes and annotations of a Deployment's ReplicaSets, to tell whether a sync changed any.
fn replica_set_versions(
    sim: &Simulation,
    d: &Deployment,
) -> Vec<(Uid, i32, BTreeMap<String, String>)> {
    sim.store()
        .replica_sets_of(d.metadata.uid)
        .map(|rs| {
            (
                rs.metadata.uid,
                rs.spec.replicas,
                rs.metadata.annotations.clone(),
            )
        })
        .collect()
}

/// Writes the Deployment's status and annotations back; returns whether they changed.
fn write_back(sim: &mut Simulation, d: Deployment) -> bool {
    let key = (d.metadata.namespace.clone(), d.metadata.name.clone());
    let written = sim.store_mut().update_deployment(&key, |stored| {
        if stored.status == d.status && stored.metadata.annotations == d.metadata.annotations {
            return false;
        }
        stored.status = d.status;
        stored.metadata.annotations = d.metadata.annotations;
        true
    });
    written.unwrap_or(false)
}

/// The Deployment's ReplicaSets, oldest first (fresh copies from the store).
fn replica_sets_of(sim: &Simulation, d: &Deployment) -> Vec<ReplicaSet> {
    sim.replica_sets_of(d).into_iter().cloned().collect()
}

/// `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (created if asked and missing) and the
/// old ones, with the revision annotations brought up to date.
fn get_all_replica_sets_and_sync_revision(
    sim: &mut Simulation,
    d: &mut Deployment,
    create_if_not_existed: bool,
) -> (Option<ReplicaSet>, Vec<ReplicaSet>) {
    let rs_list = replica_sets_of(sim, d);
    let refs: Vec<&ReplicaSet> = rs_list.iter().collect();
    let (all_old, _) = util::find_old_replica_sets(d, &refs);
    let old: Vec<ReplicaSet> = all_old.into_iter().cloned().collect();
    let new_rs = sync::get_new_replica_set(sim, d, &rs_list, &old, create_if_not_existed);
    (new_rs, old)
}

fn record_deployment_event(sim: &mut Simulation, d: &Deployment, kind: EventKind) {
    let object = ObjectRef::of(ObjectKind::Deployment, &d.metadata);
    sim.record(object, kind);
}

/// `scaleReplicaSetAndRecordEvent`: scales unless the size is already right.
fn scale_replica_set_and_record_event(
    sim: &mut Simulation,
    rs_uid: Uid,
    new_scale: i32,
    d: &Deployment,
) -> bool {
    let Some(rs) = sim.store().replica_set(rs_uid) else {
        return false;
    };
    if rs.spec.replicas == new_scale {
        return false;
    }
    let op = if rs.spec.replicas < new_scale {
        ScaleDirection::Up
    } else {
        ScaleDirection::Down
    };
    scale_replica_set(sim, rs_uid, new_scale, d, op)
}

/// `scaleReplicaSet`: writes the size and the desired/max replicas annotations (a size change is
/// a spec change: the generation goes up); records `ScalingReplicaSet` when the size changed,
/// in the direction `op` the caller chose. Returns whether the size changed.
fn scale_replica_set(
    sim: &mut Simulation,
    rs_uid: Uid,
    new_scale: i32,
    d: &Deployment,
    op: ScaleDirection,
) -> bool {
    let desired = d.spec.replicas;
    let max = d.spec.replicas.wrapping_add(max_surge(d));
    let Some(rs) = sim.store().replica_set(rs_uid) else {
        return false;
    };
    let size_needs_update = rs.spec.replicas != new_scale;
    let annotations_need_update = util::replicas_annotations_need_update(rs, desired, max);
    if !size_needs_update && !annotations_need_update {
        return false;
    }
    let old = rs.spec.replicas;
    let kind = size_needs_update.then(|| EventKind::ScalingReplicaSet {
        replica_set: rs.metadata.name.clone(),
        direction: op,
        from: old,
        to: new_scale,
    });
    sim.store_mut().update_replica_set(rs_uid, |rs| {
        rs.spec.replicas = new_scale;
        if size_needs_update {
            rs.metadata.generation += 1;
        }
        util::set_replicas_annotations(rs, desired, max);
    });
    if let Some(kind) = kind {
        record_deployment_event(sim, d, kind);
    }
    size_needs_update
}

/// Records what a controller step decided.
fn record_decision(sim: &mut Simulation, d: &Deployment, step: Step) {
    let decision = Decision::about(sim.now(), d, step);
    sim.record_decision(decision);
}
