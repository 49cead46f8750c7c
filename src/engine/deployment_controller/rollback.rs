//! `pkg/controller/deployment/rollback.go`: the legacy server-side rollback, asked for with the
//! `deprecated.deployment.rollback.to` annotation (what `extensions/v1beta1` clients wrote as
//! `spec.rollbackTo`). `kubectl rollout undo` does its rollback on the client instead; this path
//! only runs when someone sets the annotation by hand.

use super::super::deployment_util::{self as util, equal_ignore_hash};
use super::super::events::EventKind;
use super::super::objects::{
    Deployment, ReplicaSet, POD_TEMPLATE_HASH_LABEL, ROLLBACK_TO_ANNOTATION,
};
use super::super::Simulation;
use super::decision::Step;
use super::{get_all_replica_sets_and_sync_revision, record_decision, record_deployment_event};

/// `getRollbackTo`: the revision asked for; an unparsable value is ignored.
pub(super) fn get_rollback_to(d: &Deployment) -> Option<i64> {
    d.metadata
        .annotations
        .get(ROLLBACK_TO_ANNOTATION)
        .filter(|v| !v.is_empty())
        .and_then(|v| v.parse::<i64>().ok())
}

/// `rollback`: copies the template of the ReplicaSet at the asked revision (0: the previous
/// one) into the Deployment, or reports why not; the annotation is cleared either way. Returns
/// whether the Deployment changed.
pub(super) fn rollback(sim: &mut Simulation, d: &mut Deployment) -> bool {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(sim, d, true);
    let all: Vec<ReplicaSet> = old.into_iter().chain(new_rs).collect();
    let refs: Vec<&ReplicaSet> = all.iter().collect();
    let mut revision = get_rollback_to(d).unwrap_or(0);
    if revision == 0 {
        revision = util::last_revision(&refs);
        if revision == 0 {
            record_deployment_event(sim, d, EventKind::RollbackRevisionNotFound { revision });
            return update_deployment_and_clear_rollback_to(sim, d);
        }
    }
    let Some(rs) = all.iter().find(|rs| rs.revision() == revision) else {
        record_deployment_event(sim, d, EventKind::RollbackRevisionNotFound { revision });
        return update_deployment_and_clear_rollback_to(sim, d);
    };
    if equal_ignore_hash(&d.spec.template, &rs.spec.template) {
        record_deployment_event(sim, d, EventKind::RollbackTemplateUnchanged { revision });
        return update_deployment_and_clear_rollback_to(sim, d);
    }
    // SetFromReplicaSetTemplate and SetDeploymentAnnotationsTo.
    d.spec.template = rs.spec.template.clone();
    d.spec
        .template
        .metadata
        .labels
        .remove(POD_TEMPLATE_HASH_LABEL);
    util::set_deployment_annotations_to(d, rs);
    let changed = update_deployment_and_clear_rollback_to(sim, d);
    record_deployment_event(sim, d, EventKind::RollbackDone { revision });
    let step = Step::Rollback {
        revision,
        replica_set: rs.metadata.name.clone(),
    };
    record_decision(sim, d, step);
    changed
}

/// `updateDeploymentAndClearRollbackTo`: an Update of spec and annotations (the generation goes
/// up, as for any spec or annotation change).
fn update_deployment_and_clear_rollback_to(sim: &mut Simulation, d: &mut Deployment) -> bool {
    d.metadata.annotations.remove(ROLLBACK_TO_ANNOTATION);
    let key = (d.metadata.namespace.clone(), d.metadata.name.clone());
    let updated = sim.store_mut().update_deployment(&key, |stored| {
        if stored.spec == d.spec && stored.metadata.annotations == d.metadata.annotations {
            return false;
        }
        stored.spec = d.spec.clone();
        stored.metadata.annotations = d.metadata.annotations.clone();
        stored.metadata.generation += 1;
        d.metadata.generation = stored.metadata.generation;
        true
    });
    updated.unwrap_or(false)
}
