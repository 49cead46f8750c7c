//! `kubectl rollout status|history|undo|pause|resume|restart` for Deployments (KUBECTL.md §1–§4,
//! ALGORITHMS.md §10a). `status` prints the one current message, as `--watch=false` would; `undo`
//! is kubectl's client-side rollback: it copies the chosen ReplicaSet's template back into the
//! Deployment.

use crate::engine::deployment_util::set_deployment_annotations_to;
use crate::engine::sorting::ListMap;
use crate::engine::{
    Deployment, DeploymentConditionReason, DeploymentConditionType, PodTemplateSpec, Simulation,
    CHANGE_CAUSE_ANNOTATION, LAST_APPLIED_ANNOTATION, POD_TEMPLATE_HASH_LABEL,
    RESTARTED_AT_ANNOTATION, REVISION_ANNOTATION,
};
use crate::manifest::clock::rfc3339;

use super::describe::template::pod_template;
use super::error::CmdError;
use super::parse::{FlagKind, FlagSpec, Parsed, NAMESPACE};
use super::revisions::{equal_ignore_hash, new_replica_set, old_replica_sets, revision};
use super::tabwriter::DESCRIBE;
use super::{deployment_targets, Output};
use crate::quote::Quoted;

pub const STATUS_FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("revision", None, FlagKind::Int),
    FlagSpec::new("watch", Some('w'), FlagKind::Bool),
    FlagSpec::new("timeout", None, FlagKind::Str),
];
pub const HISTORY_FLAGS: &[FlagSpec] = &[NAMESPACE, FlagSpec::new("revision", None, FlagKind::Int)];
pub const UNDO_FLAGS: &[FlagSpec] = &[NAMESPACE, FlagSpec::new("to-revision", None, FlagKind::Int)];
pub const PLAIN_FLAGS: &[FlagSpec] = &[NAMESPACE];

/// The message `kubectl rollout status` prints for a Deployment right now (without the final
/// newline), or the error it ends with (KUBECTL.md §1, checks 2.1–3).
pub fn rollout_status_message(d: &Deployment) -> Result<String, String> {
    let name = &d.metadata.name;
    if d.metadata.generation <= d.status.observed_generation {
        if d.status
            .condition(DeploymentConditionType::Progressing)
            .is_some_and(|c| c.reason == DeploymentConditionReason::ProgressDeadlineExceeded)
        {
            return Err(format!(
                "deployment {name} exceeded its progress deadline",
                name = Quoted(&name)
            ));
        }
        let s = &d.status;
        if s.updated_replicas < d.spec.replicas {
            return Ok(format!(
                "Waiting for deployment {name} rollout to finish: {} out of {} new replicas have been updated...",
                s.updated_replicas, d.spec.replicas, name = Quoted(&name)
            ));
        }
        if s.replicas > s.updated_replicas {
            return Ok(format!(
                "Waiting for deployment {name} rollout to finish: {} old replicas are pending termination...",
                s.replicas - s.updated_replicas, name = Quoted(&name)
            ));
        }
        if s.available_replicas < s.updated_replicas {
            return Ok(format!(
                "Waiting for deployment {name} rollout to finish: {} of {} updated replicas are available...",
                s.available_replicas, s.updated_replicas, name = Quoted(&name)
            ));
        }
        return Ok(format!(
            "deployment {name} successfully rolled out",
            name = Quoted(&name)
        ));
    }
    Ok("Waiting for deployment spec update to be observed...".to_string())
}

/// Whether `rollout status` would return (the rollout finished or failed).
pub fn rollout_finished(d: &Deployment) -> bool {
    match rollout_status_message(d) {
        Ok(message) => message.ends_with("successfully rolled out"),
        Err(_) => true,
    }
}

pub fn status(sim: &Simulation, p: &Parsed) -> Result<Output, CmdError> {
    resource_given(p)?;
    let names = deployment_targets(sim, p, "kubectl rollout status", "status viewer")?;
    let [name] = names.as_slice() else {
        return Err(CmdError::other(
            "rollout status is only supported on individual resources and resource collections are not supported yet",
        ));
    };
    let d = super::get_deployment(sim, &p.namespace(), name)?;
    if let Some(wanted) = p.int("revision") {
        if wanted < 0 {
            return Err(CmdError::other(format!(
                "revision must be a positive integer: {wanted}"
            )));
        }
        if wanted > 0 {
            let running = match d.metadata.annotations.get(REVISION_ANNOTATION) {
                None => 0,
                Some(text) => text.parse::<i64>().map_err(|e| {
                    CmdError::other(format!(
                        "cannot get the revision of deployment {name}: strconv.ParseInt: parsing {text}: {}",
                        if matches!(e.kind(), std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow) { "value out of range" } else { "invalid syntax" }, name = Quoted(&name), text = Quoted(&text)
                    ))
                })?,
            };
            if running != wanted {
                return Err(CmdError::other(format!(
                    "desired revision ({wanted}) is different from the running revision ({running})"
                )));
            }
        }
    }
    match rollout_status_message(d) {
        Ok(message) => Ok(Output::stdout(format!("{message}\n"))),
        Err(error) => Err(CmdError::other(error)),
    }
}

/// Revision -> template of every ReplicaSet of the Deployment, with the ReplicaSet's change-cause
/// copied into the template's annotations (`ViewHistory`).
fn history_of(sim: &Simulation, d: &Deployment) -> ListMap<i64, PodTemplateSpec> {
    let mut all = old_replica_sets(sim, d);
    all.extend(new_replica_set(sim, d));
    let mut history = ListMap::default();
    for rs in all {
        let Some(v) = revision(rs) else { continue };
        let mut template = rs.spec.template.clone();
        if let Some(cause) = rs.metadata.annotations.get(CHANGE_CAUSE_ANNOTATION) {
            if !cause.is_empty() {
                template
                    .metadata
                    .annotations
                    .insert(CHANGE_CAUSE_ANNOTATION.to_string(), cause.clone());
            }
        }
        history.insert(v, template);
    }
    history
}

pub fn history(sim: &Simulation, p: &Parsed) -> Result<Output, CmdError> {
    resource_given(p)?;
    let names = deployment_targets(sim, p, "kubectl rollout history", "history viewer")?;
    let wanted = p.int("revision").unwrap_or(0);
    if wanted < 0 {
        return Err(CmdError::other(format!(
            "revision must be a positive integer: {wanted}"
        )));
    }
    let mut out = String::new();
    for name in &names {
        let d = super::get_deployment(sim, &p.namespace(), name)?;
        let history = history_of(sim, d);
        let info = if history.is_empty() {
            "No rollout history found.".to_string()
        } else if wanted > 0 {
            match history.get(&wanted) {
                Some(template) => pod_template(template),
                None => {
                    return Err(CmdError::other("unable to find the specified revision"));
                }
            }
        } else {
            let mut table = String::from("REVISION\tCHANGE-CAUSE\n");
            for (v, template) in history.iter() {
                let cause = template
                    .metadata
                    .annotations
                    .get(CHANGE_CAUSE_ANNOTATION)
                    .filter(|c| !c.is_empty())
                    .map_or("<none>", String::as_str);
                table.push_str(&format!("{v}\t{cause}\n"));
            }
            DESCRIBE.render(&table)
        };
        let with_revision = if wanted > 0 {
            format!("with revision #{wanted}")
        } else {
            String::new()
        };
        out.push_str(&format!("deployment.apps/{name} {with_revision}\n{info}\n"));
    }
    Ok(Output::stdout(out))
}

pub fn undo(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    resource_given(p)?;
    let names = deployment_targets(sim, p, "kubectl rollout undo", "rollbacker")?;
    let to_revision = p.int("to-revision").unwrap_or(0);
    let namespace = p.namespace();
    let mut out = Output::stdout(String::new());
    for name in &names {
        let d = super::get_deployment(sim, &namespace, name)?;
        // kubectl warns before it even looks for the revision
        if d.metadata.annotations.contains_key(LAST_APPLIED_ANNOTATION) {
            out.stderr.push_str(&format!(
                "Warning: resource deployments/{name} was previously managed with 'kubectl apply'. Rolling back will not update the kubectl.kubernetes.io/last-applied-configuration annotation, which may cause unexpected behavior on future 'kubectl apply' operations. Consider using 'kubectl apply' with your previous configuration file instead.\n"
            ));
        }
        match rollback(sim, &namespace, name, to_revision) {
            Ok(result) => out
                .stdout
                .push_str(&format!("deployment.apps/{name} {result}\n")),
            Err(error) => {
                out.ok = false;
                out.stderr.push_str(&format!("{error}\n"));
            }
        }
    }
    Ok(out)
}

/// `DeploymentRollbacker.Rollback`: the result word on success (`rolled back`, `skipped
/// rollback (...)`).
fn rollback(
    sim: &mut Simulation,
    namespace: &str,
    name: &str,
    to_revision: i64,
) -> Result<String, CmdError> {
    if to_revision < 0 {
        return Err(revision_not_found(to_revision));
    }
    let d = super::get_deployment(sim, namespace, name)?;
    // deploymentRevision: the ReplicaSet with the given revision, or the second newest
    let mut all = old_replica_sets(sim, d);
    all.extend(new_replica_set(sim, d));
    let mut latest: Option<(i64, usize)> = None;
    let mut previous: Option<(i64, usize)> = None;
    let mut target = None;
    for (i, rs) in all.iter().enumerate() {
        let Some(v) = revision(rs) else { continue };
        if to_revision == 0 {
            if latest.is_none_or(|(lv, _)| lv < v) {
                previous = latest;
                latest = Some((v, i));
            } else if previous.is_none_or(|(pv, _)| pv < v) {
                previous = Some((v, i));
            }
        } else if v == to_revision {
            target = Some(i);
            break;
        }
    }
    let target = match (to_revision, target, previous) {
        (0, _, Some((_, i))) => all[i],
        (0, _, None) => {
            return Err(CmdError::other(format!(
                "no rollout history found for deployment {name}",
                name = Quoted(&name)
            )))
        }
        (_, Some(i), _) => all[i],
        (_, None, _) => return Err(revision_not_found(to_revision)),
    };
    if d.spec.paused {
        return Err(CmdError::other(
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
        ));
    }
    if equal_ignore_hash(&target.spec.template, &d.spec.template) {
        return Ok(format!(
            "skipped rollback (current template already matches revision {to_revision})"
        ));
    }
    let mut updated = d.clone();
    updated.spec.template = target.spec.template.clone();
    updated
        .spec
        .template
        .metadata
        .labels
        .remove(POD_TEMPLATE_HASH_LABEL);
    set_deployment_annotations_to(&mut updated, target);
    sim.update_deployment(updated)?;
    Ok("rolled back".to_string())
}

fn revision_not_found(revision: i64) -> CmdError {
    CmdError::other(format!(
        "unable to find specified revision {revision} in history"
    ))
}

/// Which of pause, resume and restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    Pause,
    Resume,
    Restart,
}

pub fn toggle(sim: &mut Simulation, p: &Parsed, which: Toggle) -> Result<Output, CmdError> {
    let command = match which {
        Toggle::Pause => "kubectl rollout pause",
        Toggle::Resume => "kubectl rollout resume",
        Toggle::Restart => "kubectl rollout restart",
    };
    resource_given(p)?;
    let names = deployment_targets(sim, p, command, "pauser")?;
    let namespace = p.namespace();
    let mut updates = Vec::new();
    let mut out = Output::stdout(String::new());
    for name in &names {
        let d = super::get_deployment(sim, &namespace, name)?;
        let mut updated = d.clone();
        let refuse = |why: &str| {
            CmdError::other(format!(
                "error: deployments.apps {name} {why}",
                name = Quoted(&name)
            ))
        };
        let word = match which {
            Toggle::Pause => {
                if d.spec.paused {
                    return Err(refuse("is already paused"));
                }
                updated.spec.paused = true;
                "paused"
            }
            Toggle::Resume => {
                if !d.spec.paused {
                    return Err(refuse("is not paused"));
                }
                updated.spec.paused = false;
                "resumed"
            }
            Toggle::Restart => {
                if d.spec.paused {
                    return Err(refuse(
                        "can't restart paused deployment (run rollout resume first)",
                    ));
                }
                let stamp = rfc3339(sim.now());
                let annotations = &mut updated.spec.template.metadata.annotations;
                if annotations.get(RESTARTED_AT_ANNOTATION) == Some(&stamp) {
                    return Err(CmdError::other(format!(
                        "failed to create patch for {name}: if restart has already been triggered within the past second, please wait before attempting to trigger another"
                    )));
                }
                annotations.insert(RESTARTED_AT_ANNOTATION.to_string(), stamp);
                "restarted"
            }
        };
        updates.push(updated);
        out.stdout
            .push_str(&format!("deployment.apps/{name} {word}\n"));
    }
    for updated in updates {
        sim.update_deployment(updated)?;
    }
    Ok(out)
}

/// Each rollout subcommand's `Validate`: a resource must be named (there are no `-f` files here).
fn resource_given(p: &Parsed) -> Result<(), CmdError> {
    if p.args.is_empty() {
        return Err(CmdError::other("required resource not specified"));
    }
    Ok(())
}
