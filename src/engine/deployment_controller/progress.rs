//! `pkg/controller/deployment/progress.go` and `checkPausedConditions`: the Progressing
//! condition, the progress deadline, and pause/resume.

use super::super::deployment_util as util;
use super::super::objects::{
    ConditionStatus, Deployment, DeploymentConditionReason, DeploymentConditionType,
};
use super::super::Simulation;
use super::decision::Step;
use super::record_decision;
use super::sync::{calculate_status, current_replica_sets};
use crate::quote::Quoted;

/// `checkPausedConditions`: Progressing=Unknown DeploymentPaused / DeploymentResumed.
pub(super) fn check_paused_conditions(sim: &mut Simulation, d: &mut Deployment) {
    if !util::has_progress_deadline(d) {
        return;
    }
    let condition = d.status.condition(DeploymentConditionType::Progressing);
    if condition.is_some_and(|c| c.reason == DeploymentConditionReason::ProgressDeadlineExceeded) {
        return;
    }
    let paused_condition_exists =
        condition.is_some_and(|c| c.reason == DeploymentConditionReason::DeploymentPaused);
    let now = sim.now();
    if d.spec.paused && !paused_condition_exists {
        let c = util::new_deployment_condition(
            DeploymentConditionType::Progressing,
            ConditionStatus::Unknown,
            DeploymentConditionReason::DeploymentPaused,
            "Deployment is paused".to_string(),
            now,
        );
        util::set_deployment_condition(&mut d.status, c);
        record_decision(sim, d, Step::Paused);
    } else if !d.spec.paused && paused_condition_exists {
        let c = util::new_deployment_condition(
            DeploymentConditionType::Progressing,
            ConditionStatus::Unknown,
            DeploymentConditionReason::DeploymentResumed,
            "Deployment is resumed".to_string(),
            now,
        );
        util::set_deployment_condition(&mut d.status, c);
    }
}

/// `syncRolloutStatus`: the status, plus the Progressing condition: complete, progressing, or
/// timed out after `progressDeadlineSeconds` without progress.
pub(crate) fn sync_rollout_status(sim: &mut Simulation, d: &mut Deployment) {
    let (new_rs, all) = current_replica_sets(sim, d);
    let mut new_status = calculate_status(sim, &all, new_rs.as_ref(), d);
    let now = sim.now();
    if !util::has_progress_deadline(d) {
        util::remove_deployment_condition(&mut new_status, DeploymentConditionType::Progressing);
    }
    let current = d.status.condition(DeploymentConditionType::Progressing);
    let is_complete_deployment = new_status.replicas == new_status.updated_replicas
        && current.is_some_and(|c| c.reason == DeploymentConditionReason::NewReplicaSetAvailable);
    if util::has_progress_deadline(d) && !is_complete_deployment {
        let subject = match &new_rs {
            Some(rs) => format!("ReplicaSet {}", Quoted(&rs.metadata.name)),
            None => format!("Deployment {}", Quoted(&d.metadata.name)),
        };
        if util::deployment_complete(d, &new_status) {
            let c = util::new_deployment_condition(
                DeploymentConditionType::Progressing,
                ConditionStatus::True,
                DeploymentConditionReason::NewReplicaSetAvailable,
                format!("{subject} has successfully progressed."),
                now,
            );
            util::set_deployment_condition(&mut new_status, c);
            let replicas = d.spec.replicas;
            record_decision(sim, d, Step::RolloutComplete { replicas });
        } else if util::deployment_progressing(d, &new_status) {
            let mut c = util::new_deployment_condition(
                DeploymentConditionType::Progressing,
                ConditionStatus::True,
                DeploymentConditionReason::ReplicaSetUpdated,
                format!("{subject} is progressing."),
                now,
            );
            if let Some(current) = current.filter(|c| c.status == ConditionStatus::True) {
                c.last_transition_time = current.last_transition_time;
            }
            util::remove_deployment_condition(
                &mut new_status,
                DeploymentConditionType::Progressing,
            );
            util::set_deployment_condition(&mut new_status, c);
        } else if util::deployment_timed_out(d, &new_status, now) {
            let c = util::new_deployment_condition(
                DeploymentConditionType::Progressing,
                ConditionStatus::False,
                DeploymentConditionReason::ProgressDeadlineExceeded,
                format!("{subject} has timed out progressing."),
                now,
            );
            let was_timed_out = current
                .is_some_and(|c| c.reason == DeploymentConditionReason::ProgressDeadlineExceeded);
            util::set_deployment_condition(&mut new_status, c);
            if !was_timed_out {
                let progress_deadline_seconds = d.spec.progress_deadline_seconds;
                let step = Step::ProgressDeadlineExceeded {
                    progress_deadline_seconds,
                };
                record_decision(sim, d, step);
            }
        }
    }
    // ReplicaFailure is only set by pod creation errors, which this simulation does not produce.
    util::remove_deployment_condition(&mut new_status, DeploymentConditionType::ReplicaFailure);
    d.status = new_status;
}
