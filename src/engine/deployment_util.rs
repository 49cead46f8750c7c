//! Pure helpers of `pkg/controller/deployment/util/deployment_util.go`, with upstream's names and
//! rounding. Nothing here touches the store: the controllers call these, and the ported upstream
//! table tests call them directly.

use std::collections::BTreeMap;

use super::intstr::{get_scaled_value_from_int_or_percent, IntOrString};
use super::objects::{
    ConditionStatus, Deployment, DeploymentCondition, DeploymentConditionReason,
    DeploymentConditionType, DeploymentStatus, PodTemplateSpec, ReplicaSet, Seconds, StrategyType,
    DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED_ANNOTATION, MAX_INT32, MAX_REPLICAS_ANNOTATION,
    POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
    ROLLBACK_TO_ANNOTATION,
};
use super::sorting::{replica_sets_by_creation_timestamp, sort_by};
use crate::quote::Quoted;

/// Longest `revision-history` annotation kept (`SetNewReplicaSetAnnotations`' limit).
pub const REVISION_HISTORY_LIMIT_CHARS: usize = 2000;

/// `ResolveFenceposts`: the surge rounds up, the unavailability rounds down, and when both come
/// out 0 the unavailability becomes 1 ("surge might not work due to quota").
///
/// Example: 10 replicas with maxSurge 25% and maxUnavailable 25%: surge ceil(2.5) = 3 and
/// unavailable floor(2.5) = 2.
pub fn resolve_fenceposts(
    max_surge: Option<&IntOrString>,
    max_unavailable: Option<&IntOrString>,
    desired: i32,
) -> Result<(i32, i32), String> {
    let zero = IntOrString::Int(0);
    let surge =
        get_scaled_value_from_int_or_percent(Some(max_surge.unwrap_or(&zero)), desired, true)?;
    let mut unavailable = get_scaled_value_from_int_or_percent(
        Some(max_unavailable.unwrap_or(&zero)),
        desired,
        false,
    )?;
    if surge == 0 && unavailable == 0 {
        unavailable = 1;
    }
    Ok((surge, unavailable))
}

fn rolling_fenceposts(deployment: &Deployment) -> Option<(i32, i32)> {
    if deployment.spec.strategy.kind != StrategyType::RollingUpdate {
        return None;
    }
    let rolling = deployment.spec.strategy.rolling_update.as_ref();
    resolve_fenceposts(
        rolling.and_then(|r| r.max_surge.as_ref()),
        rolling.and_then(|r| r.max_unavailable.as_ref()),
        deployment.spec.replicas,
    )
    .ok()
}

/// `MaxUnavailable`: 0 for Recreate or 0 replicas; never more than the replicas.
pub fn max_unavailable(deployment: &Deployment) -> i32 {
    if deployment.spec.replicas == 0 {
        return 0;
    }
    match rolling_fenceposts(deployment) {
        Some((_, unavailable)) => unavailable.min(deployment.spec.replicas),
        None => 0,
    }
}

/// `MinAvailable`: the replicas minus `MaxUnavailable` (0 for Recreate).
pub fn min_available(deployment: &Deployment) -> i32 {
    if deployment.spec.strategy.kind != StrategyType::RollingUpdate {
        return 0;
    }
    deployment.spec.replicas - max_unavailable(deployment)
}

/// `MaxSurge`: the resolved surge (0 for Recreate).
pub fn max_surge(deployment: &Deployment) -> i32 {
    rolling_fenceposts(deployment).map_or(0, |(surge, _)| surge)
}

/// `NewRSNewReplicas`: how big the new ReplicaSet may grow now.
///
/// RollingUpdate: at most `replicas + maxSurge` pods in all (the surge scaled directly, rounding
/// up, without `ResolveFenceposts`), and never beyond `replicas`. Recreate: `replicas`.
pub fn new_rs_new_replicas(
    deployment: &Deployment,
    all_rss: &[&ReplicaSet],
    new_rs: &ReplicaSet,
) -> Result<i32, String> {
    match deployment.spec.strategy.kind {
        StrategyType::RollingUpdate => {
            let surge_value = deployment
                .spec
                .strategy
                .rolling_update
                .as_ref()
                .and_then(|r| r.max_surge.as_ref());
            let max_surge =
                get_scaled_value_from_int_or_percent(surge_value, deployment.spec.replicas, true)?;
            let current = get_replica_count_for_replica_sets(all_rss);
            // int32 arithmetic wraps in Go; a huge maxSurge must not panic here.
            let max_total = deployment.spec.replicas.wrapping_add(max_surge);
            if current >= max_total {
                return Ok(new_rs.spec.replicas);
            }
            let scale_up =
                (max_total - current).min(deployment.spec.replicas - new_rs.spec.replicas);
            Ok(new_rs.spec.replicas + scale_up)
        }
        StrategyType::Recreate => Ok(deployment.spec.replicas),
    }
}

/// `GetReplicaCountForReplicaSets`: Σ spec.replicas.
pub fn get_replica_count_for_replica_sets(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|rs| rs.spec.replicas).sum()
}

/// `GetActualReplicaCountForReplicaSets`: Σ status.replicas.
pub fn get_actual_replica_count_for_replica_sets(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|rs| rs.status.replicas).sum()
}

/// `GetReadyReplicaCountForReplicaSets`: Σ status.readyReplicas.
pub fn get_ready_replica_count_for_replica_sets(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|rs| rs.status.ready_replicas).sum()
}

/// `GetAvailableReplicaCountForReplicaSets`: Σ status.availableReplicas.
pub fn get_available_replica_count_for_replica_sets(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|rs| rs.status.available_replicas).sum()
}

/// `GetTerminatingReplicaCountForReplicaSets`: Σ status.terminatingReplicas.
pub fn get_terminating_replica_count_for_replica_sets(rss: &[&ReplicaSet]) -> i32 {
    rss.iter().map(|rs| rs.status.terminating_replicas).sum()
}

/// `getNonNegativeInt32FromAnnotation`: the value, when it is a valid non-negative int32.
pub fn get_non_negative_int32_from_annotation(
    annotations: &BTreeMap<String, String>,
    key: &str,
) -> Option<i32> {
    get_non_negative_int32_from_annotation_verbose(annotations, key).ok()?
}

/// `getNonNegativeInt32FromAnnotationVerbose`: `Ok(None)` when the annotation is missing,
/// `Ok(Some(v))` for a valid non-negative int32, and an error (with Go's `strconv` wording) for
/// anything else.
pub fn get_non_negative_int32_from_annotation_verbose(
    annotations: &BTreeMap<String, String>,
    key: &str,
) -> Result<Option<i32>, String> {
    let Some(value) = annotations.get(key) else {
        return Ok(None);
    };
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "strconv.ParseUint: parsing {value}: invalid syntax",
            value = Quoted(&value)
        ));
    }
    match value.parse::<u64>() {
        Ok(v) if v <= i32::MAX as u64 => Ok(Some(v as i32)),
        Ok(v) => Err(format!(
            "value {v} is out of range (higher than {})",
            i32::MAX
        )),
        Err(_) => Err(format!(
            "strconv.ParseUint: parsing {value}: value out of range",
            value = Quoted(&value)
        )),
    }
}

/// `getReplicaSetFraction` (upstream master, v1.33+): how much a ReplicaSet should grow or shrink
/// when the Deployment is scaled mid-rollout, in proportion to the max-replicas annotation.
pub fn get_replica_set_fraction(rs: &ReplicaSet, deployment: &Deployment) -> i32 {
    if deployment.spec.replicas == 0 {
        return -rs.spec.replicas;
    }
    let deployment_max_replicas = deployment.spec.replicas.wrapping_add(max_surge(deployment));
    let mut deployment_old_max =
        get_non_negative_int32_from_annotation(&rs.metadata.annotations, MAX_REPLICAS_ANNOTATION)
            .unwrap_or(0);
    if deployment_old_max == 0 {
        deployment_old_max = deployment.status.replicas;
        if deployment_old_max == 0 {
            return 0;
        }
    }
    let scaled = f64::from(rs.spec.replicas) * f64::from(deployment_max_replicas)
        / f64::from(deployment_old_max);
    round_to_int32(scaled) - rs.spec.replicas
}

/// `integer.RoundToInt32`: rounds half away from zero.
pub fn round_to_int32(value: f64) -> i32 {
    value.round() as i32
}

/// `GetProportion`: the share of `to_add` a ReplicaSet gets, never more than what is left.
pub fn get_proportion(rs: &ReplicaSet, deployment: &Deployment, to_add: i32, added: i32) -> i32 {
    if rs.spec.replicas == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = get_replica_set_fraction(rs, deployment);
    let allowed = to_add.wrapping_sub(added);
    if to_add > 0 {
        fraction.min(allowed)
    } else {
        fraction.max(allowed)
    }
}

/// `EqualIgnoreHash`: templates are equal once the `pod-template-hash` label is ignored.
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    if a.spec != b.spec
        || a.metadata.annotations != b.metadata.annotations
        || a.metadata.extra != b.metadata.extra
    {
        return false;
    }
    let strip = |t: &PodTemplateSpec| {
        let mut labels = t.metadata.labels.clone();
        labels.remove(POD_TEMPLATE_HASH_LABEL);
        labels
    };
    strip(a) == strip(b)
}

/// `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's.
pub fn find_new_replica_set<'a>(
    deployment: &Deployment,
    rs_list: &[&'a ReplicaSet],
) -> Option<&'a ReplicaSet> {
    let mut sorted = rs_list.to_vec();
    sort_by(&mut sorted, &|a, b| {
        replica_sets_by_creation_timestamp(a, b)
    });
    sorted
        .into_iter()
        .find(|rs| equal_ignore_hash(&rs.spec.template, &deployment.spec.template))
}

/// `FindOldReplicaSets`: every other ReplicaSet (`all`), and those with pods (`required`).
pub fn find_old_replica_sets<'a>(
    deployment: &Deployment,
    rs_list: &[&'a ReplicaSet],
) -> (Vec<&'a ReplicaSet>, Vec<&'a ReplicaSet>) {
    let new_uid = find_new_replica_set(deployment, rs_list).map(|rs| rs.metadata.uid);
    let all: Vec<&ReplicaSet> = rs_list
        .iter()
        .copied()
        .filter(|rs| Some(rs.metadata.uid) != new_uid)
        .collect();
    let required = all
        .iter()
        .copied()
        .filter(|rs| rs.spec.replicas != 0)
        .collect();
    (all, required)
}

/// `FilterActiveReplicaSets`: those with `spec.replicas > 0`.
pub fn filter_active_replica_sets<'a>(rss: &[&'a ReplicaSet]) -> Vec<&'a ReplicaSet> {
    rss.iter()
        .copied()
        .filter(|rs| rs.spec.replicas > 0)
        .collect()
}

/// `MaxRevision`: the highest revision among the ReplicaSets (0 when none).
pub fn max_revision(rss: &[&ReplicaSet]) -> i64 {
    rss.iter().map(|rs| rs.revision()).max().unwrap_or(0)
}

/// `LastRevision`: the second highest revision (what `rollout undo` goes back to).
pub fn last_revision(rss: &[&ReplicaSet]) -> i64 {
    let (mut max, mut second) = (0, 0);
    for rs in rss {
        let v = rs.revision();
        if v >= max {
            second = max;
            max = v;
        } else if v > second {
            second = v;
        }
    }
    second
}

/// The annotations `SetNewReplicaSetAnnotations` never copies from a Deployment to a ReplicaSet.
pub const ANNOTATIONS_TO_SKIP: [&str; 6] = [
    LAST_APPLIED_ANNOTATION,
    REVISION_ANNOTATION,
    REVISION_HISTORY_ANNOTATION,
    DESIRED_REPLICAS_ANNOTATION,
    MAX_REPLICAS_ANNOTATION,
    ROLLBACK_TO_ANNOTATION,
];

fn skip_copy_annotation(key: &str) -> bool {
    ANNOTATIONS_TO_SKIP.contains(&key)
}

/// `SetDeploymentAnnotationsTo`: a rollback keeps the Deployment's own annotations of
/// [`ANNOTATIONS_TO_SKIP`] and takes every other annotation from the ReplicaSet rolled back to.
/// kubectl's client-side rollback builds its annotations the same way.
pub fn set_deployment_annotations_to(d: &mut Deployment, rollback_to: &ReplicaSet) {
    d.metadata
        .annotations
        .retain(|k, _| skip_copy_annotation(k));
    for (k, v) in &rollback_to.metadata.annotations {
        if !skip_copy_annotation(k) {
            d.metadata.annotations.insert(k.clone(), v.clone());
        }
    }
}

/// `copyDeploymentAnnotationsToReplicaSet`: returns whether the ReplicaSet changed.
fn copy_deployment_annotations_to_replica_set(
    deployment: &Deployment,
    rs: &mut ReplicaSet,
) -> bool {
    let mut changed = false;
    for (k, v) in &deployment.metadata.annotations {
        if skip_copy_annotation(k) || rs.metadata.annotations.get(k) == Some(v) {
            continue;
        }
        rs.metadata.annotations.insert(k.clone(), v.clone());
        changed = true;
    }
    changed
}

/// `SetNewReplicaSetAnnotations`: copies the Deployment's annotations, bumps the revision (and
/// records the old one in `revision-history`: the rollback revision bump), and on a new
/// ReplicaSet sets the desired/max replicas annotations. Returns whether anything changed.
pub fn set_new_replica_set_annotations(
    deployment: &Deployment,
    rs: &mut ReplicaSet,
    new_revision: i64,
    exists: bool,
    rev_history_limit_in_chars: usize,
) -> bool {
    let mut changed = copy_deployment_annotations_to_replica_set(deployment, rs);
    let old_revision = rs.metadata.annotations.get(REVISION_ANNOTATION).cloned();
    let old_revision_int = old_revision.as_deref().map_or(Ok(0), str::parse::<i64>);
    let Ok(old_revision_int) = old_revision_int else {
        // An unparsable revision: upstream logs and keeps the ReplicaSet as it is.
        return false;
    };
    if old_revision_int < new_revision {
        rs.metadata
            .annotations
            .insert(REVISION_ANNOTATION.to_string(), new_revision.to_string());
        changed = true;
    }
    if let Some(old) = old_revision.filter(|_| old_revision_int < new_revision) {
        let history = rs
            .metadata
            .annotations
            .get(REVISION_HISTORY_ANNOTATION)
            .cloned()
            .unwrap_or_default();
        let old_revisions: Vec<&str> = history.split(',').collect();
        if old_revisions[0].is_empty() {
            rs.metadata
                .annotations
                .insert(REVISION_HISTORY_ANNOTATION.to_string(), old);
        } else {
            // Drop the oldest entries until the list fits; give up if even one does not.
            let mut total_len = history.len() + old.len() + 1;
            let mut start = 0;
            while total_len > rev_history_limit_in_chars && start < old_revisions.len() {
                total_len -= old_revisions[start].len() + 1;
                start += 1;
            }
            if total_len <= rev_history_limit_in_chars {
                let mut kept: Vec<&str> = old_revisions[start..].to_vec();
                kept.push(&old);
                let joined = kept.join(",");
                rs.metadata
                    .annotations
                    .insert(REVISION_HISTORY_ANNOTATION.to_string(), joined);
            }
        }
    }
    if !exists
        && set_replicas_annotations(
            rs,
            deployment.spec.replicas,
            deployment.spec.replicas.wrapping_add(max_surge(deployment)),
        )
    {
        changed = true;
    }
    changed
}

/// `SetReplicasAnnotations`: writes desired/max replicas; returns whether they changed.
pub fn set_replicas_annotations(rs: &mut ReplicaSet, desired: i32, max: i32) -> bool {
    let mut changed = false;
    for (key, value) in [
        (DESIRED_REPLICAS_ANNOTATION, desired),
        (MAX_REPLICAS_ANNOTATION, max),
    ] {
        let value = value.to_string();
        if rs.metadata.annotations.get(key) != Some(&value) {
            rs.metadata.annotations.insert(key.to_string(), value);
            changed = true;
        }
    }
    changed
}

/// `ReplicasAnnotationsNeedUpdate`.
pub fn replicas_annotations_need_update(rs: &ReplicaSet, desired: i32, max: i32) -> bool {
    rs.metadata.annotations.get(DESIRED_REPLICAS_ANNOTATION) != Some(&desired.to_string())
        || rs.metadata.annotations.get(MAX_REPLICAS_ANNOTATION) != Some(&max.to_string())
}

/// `SetDeploymentRevision`: returns whether it changed.
pub fn set_deployment_revision(deployment: &mut Deployment, revision: &str) -> bool {
    if deployment
        .metadata
        .annotations
        .get(REVISION_ANNOTATION)
        .map(String::as_str)
        == Some(revision)
    {
        return false;
    }
    deployment
        .metadata
        .annotations
        .insert(REVISION_ANNOTATION.to_string(), revision.to_string());
    true
}

/// `IsSaturated`: the new ReplicaSet has all the replicas, all available.
pub fn is_saturated(deployment: &Deployment, rs: Option<&ReplicaSet>) -> bool {
    let Some(rs) = rs else { return false };
    let desired = get_non_negative_int32_from_annotation(
        &rs.metadata.annotations,
        DESIRED_REPLICAS_ANNOTATION,
    );
    desired == Some(deployment.spec.replicas)
        && rs.spec.replicas == deployment.spec.replicas
        && rs.status.available_replicas == deployment.spec.replicas
}

/// `DeploymentComplete`: every replica updated and available, and nothing old left running.
pub fn deployment_complete(deployment: &Deployment, status: &DeploymentStatus) -> bool {
    status.updated_replicas == deployment.spec.replicas
        && status.replicas == deployment.spec.replicas
        && status.available_replicas == deployment.spec.replicas
        && status.observed_generation >= deployment.metadata.generation
}

/// `DeploymentProgressing`: more updated, fewer old, more ready or more available than before.
pub fn deployment_progressing(deployment: &Deployment, new_status: &DeploymentStatus) -> bool {
    let old = &deployment.status;
    let old_status_old_replicas = old.replicas - old.updated_replicas;
    let new_status_old_replicas = new_status.replicas - new_status.updated_replicas;
    new_status.updated_replicas > old.updated_replicas
        || new_status_old_replicas < old_status_old_replicas
        || new_status.ready_replicas > old.ready_replicas
        || new_status.available_replicas > old.available_replicas
}

/// `HasProgressDeadline`.
pub fn has_progress_deadline(deployment: &Deployment) -> bool {
    deployment.spec.progress_deadline_seconds != MAX_INT32
}

/// `HasRevisionHistoryLimit`.
pub fn has_revision_history_limit(deployment: &Deployment) -> bool {
    deployment.spec.revision_history_limit != MAX_INT32
}

/// `DeploymentTimedOut`: no progress for longer than `progressDeadlineSeconds`.
pub fn deployment_timed_out(
    deployment: &Deployment,
    new_status: &DeploymentStatus,
    now: Seconds,
) -> bool {
    if !has_progress_deadline(deployment) {
        return false;
    }
    let Some(condition) = new_status.condition(DeploymentConditionType::Progressing) else {
        return false;
    };
    if condition.reason == DeploymentConditionReason::NewReplicaSetAvailable {
        return false;
    }
    if condition.reason == DeploymentConditionReason::ProgressDeadlineExceeded {
        return true;
    }
    condition.last_update_time + i64::from(deployment.spec.progress_deadline_seconds) < now
}

/// `NewDeploymentCondition`.
pub fn new_deployment_condition(
    kind: DeploymentConditionType,
    status: ConditionStatus,
    reason: DeploymentConditionReason,
    message: String,
    now: Seconds,
) -> DeploymentCondition {
    DeploymentCondition {
        kind,
        status,
        reason,
        message,
        last_update_time: now,
        last_transition_time: now,
    }
}

/// `SetDeploymentCondition`: a no-op when status and reason are unchanged; keeps the transition
/// time when only the reason changes.
pub fn set_deployment_condition(status: &mut DeploymentStatus, mut condition: DeploymentCondition) {
    if let Some(current) = status.conditions.iter().find(|c| c.kind == condition.kind) {
        if current.status == condition.status && current.reason == condition.reason {
            return;
        }
        if current.status == condition.status {
            condition.last_transition_time = current.last_transition_time;
        }
    }
    status.conditions.retain(|c| c.kind != condition.kind);
    status.conditions.push(condition);
}

/// `RemoveDeploymentCondition`.
pub fn remove_deployment_condition(status: &mut DeploymentStatus, kind: DeploymentConditionType) {
    status.conditions.retain(|c| c.kind != kind);
}
