//! `pkg/controller/deployment/sync.go`: finding or creating the new ReplicaSet, scaling events
//! and proportional scaling, revision-history cleanup, and the status calculation.

use super::super::deployment_util::{self as util, max_surge, max_unavailable};
use super::super::events::{EventKind, ScaleDirection};
use super::super::hash::compute_hash;
use super::super::objects::{
    ConditionStatus, Deployment, DeploymentConditionReason, DeploymentConditionType,
    DeploymentStatus, ObjectMeta, ReplicaSet, ReplicaSetSpec, ReplicaSetStatus, StrategyType,
    DESIRED_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION,
};
use super::super::sorting::{
    replica_sets_by_creation_timestamp, replica_sets_by_revision, replica_sets_by_size_newer,
    replica_sets_by_size_older, sort_by,
};
use super::super::Simulation;
use super::decision::{ActiveOrLatest, Fencepost, ReplicaSetRevision, Resize, Step};
use super::{
    get_all_replica_sets_and_sync_revision, record_decision, record_deployment_event,
    scale_replica_set, scale_replica_set_and_record_event,
};
use crate::quote::Quoted;

/// `getNewReplicaSet`: the ReplicaSet whose template matches the Deployment's, with its revision
/// brought up to `max(old revisions) + 1` (the rollback revision bump); created when missing and
/// `create_if_not_existed`.
pub(super) fn get_new_replica_set(
    sim: &mut Simulation,
    d: &mut Deployment,
    rs_list: &[ReplicaSet],
    old_rss: &[ReplicaSet],
    create_if_not_existed: bool,
) -> Option<ReplicaSet> {
    let refs: Vec<&ReplicaSet> = rs_list.iter().collect();
    let old_refs: Vec<&ReplicaSet> = old_rss.iter().collect();
    let existing = util::find_new_replica_set(d, &refs).cloned();
    let new_revision = util::max_revision(&old_refs) + 1;
    let now = sim.now();
    if let Some(mut rs_copy) = existing {
        let old_revision = rs_copy.revision();
        let annotations_updated = util::set_new_replica_set_annotations(
            d,
            &mut rs_copy,
            new_revision,
            true,
            util::REVISION_HISTORY_LIMIT_CHARS,
        );
        let min_ready_seconds_needs_update =
            rs_copy.spec.min_ready_seconds != d.spec.min_ready_seconds;
        if annotations_updated || min_ready_seconds_needs_update {
            if min_ready_seconds_needs_update {
                rs_copy.metadata.generation += 1;
            }
            rs_copy.spec.min_ready_seconds = d.spec.min_ready_seconds;
            if rs_copy.revision() != old_revision && old_revision != 0 {
                let step = Step::ReplicaSetRenumbered {
                    replica_set: rs_copy.metadata.name.clone(),
                    from_revision: old_revision,
                    to_revision: rs_copy.revision(),
                };
                record_decision(sim, d, step);
            }
            sim.store_mut()
                .update_replica_set(rs_copy.metadata.uid, |rs| rs.clone_from(&rs_copy));
            return Some(rs_copy);
        }
        let revision = rs_copy
            .metadata
            .annotations
            .get(REVISION_ANNOTATION)
            .cloned()
            .unwrap_or_default();
        util::set_deployment_revision(d, &revision);
        if util::has_progress_deadline(d)
            && d.status
                .condition(DeploymentConditionType::Progressing)
                .is_none()
        {
            let condition = util::new_deployment_condition(
                DeploymentConditionType::Progressing,
                ConditionStatus::True,
                DeploymentConditionReason::FoundNewReplicaSet,
                format!("Found new replica set {}", Quoted(&rs_copy.metadata.name)),
                now,
            );
            util::set_deployment_condition(&mut d.status, condition);
        }
        return Some(rs_copy);
    }
    if !create_if_not_existed {
        return None;
    }
    let mut template = d.spec.template.clone();
    let hash = compute_hash(&template, d.status.collision_count);
    template
        .metadata
        .labels
        .insert(POD_TEMPLATE_HASH_LABEL.to_string(), hash.clone());
    let mut selector = d.spec.selector.clone();
    selector
        .match_labels
        .insert(POD_TEMPLATE_HASH_LABEL.to_string(), hash.clone());
    let name = format!("{}-{}", d.metadata.name, hash);
    if sim.replica_set(&d.metadata.namespace, &name).is_some() {
        // A hash collision with a ReplicaSet whose template differs: bump collisionCount and try
        // again with a new hash in the next sync.
        d.status.collision_count += 1;
        return None;
    }
    let mut metadata = ObjectMeta::named(&d.metadata.namespace, &name);
    metadata.uid = sim.store_mut().next_uid();
    metadata.generation = 1;
    metadata.creation_timestamp = now;
    metadata.labels = template.metadata.labels.clone();
    let mut new_rs = ReplicaSet {
        metadata,
        owner: Some(d.metadata.uid),
        spec: ReplicaSetSpec {
            replicas: 0,
            min_ready_seconds: d.spec.min_ready_seconds,
            selector,
            template,
        },
        status: ReplicaSetStatus::default(),
    };
    let all: Vec<&ReplicaSet> = old_rss.iter().chain(std::iter::once(&new_rs)).collect();
    let new_replicas_count = util::new_rs_new_replicas(d, &all, &new_rs).unwrap_or(0);
    let current: i32 = old_rss.iter().map(|rs| rs.spec.replicas).sum();
    new_rs.spec.replicas = new_replicas_count;
    util::set_new_replica_set_annotations(
        d,
        &mut new_rs,
        new_revision,
        false,
        util::REVISION_HISTORY_LIMIT_CHARS,
    );
    sim.store_mut().insert_replica_set(new_rs.clone());
    if new_replicas_count > 0 {
        let kind = EventKind::ScalingReplicaSet {
            replica_set: name.clone(),
            direction: ScaleDirection::Up,
            from: 0,
            to: new_replicas_count,
        };
        record_deployment_event(sim, d, kind);
    }
    let step = Step::NewReplicaSetCreated {
        replica_set: name.clone(),
        revision: new_revision,
        strategy: d.spec.strategy.kind,
        replicas: d.spec.replicas,
        max_surge: Fencepost::max_surge(d),
        old_replicas: current,
        new_replicas: new_replicas_count,
    };
    record_decision(sim, d, step);
    util::set_deployment_revision(d, &new_revision.to_string());
    if util::has_progress_deadline(d) {
        let condition = util::new_deployment_condition(
            DeploymentConditionType::Progressing,
            ConditionStatus::True,
            DeploymentConditionReason::NewReplicaSetCreated,
            format!("Created new replica set {name}", name = Quoted(&name)),
            now,
        );
        util::set_deployment_condition(&mut d.status, condition);
    }
    Some(new_rs)
}

/// `isScalingEvent`: an active ReplicaSet's desired-replicas annotation differs from the
/// Deployment's replicas, so only the size changed, not the template.
pub(super) fn is_scaling_event(sim: &mut Simulation, d: &Deployment) -> bool {
    let mut copy = d.clone();
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(sim, &mut copy, false);
    let all: Vec<&ReplicaSet> = old.iter().chain(new_rs.as_ref()).collect();
    util::filter_active_replica_sets(&all).iter().any(|rs| {
        util::get_non_negative_int32_from_annotation(
            &rs.metadata.annotations,
            DESIRED_REPLICAS_ANNOTATION,
        )
        .is_some_and(|desired| desired != d.spec.replicas)
    })
}

/// `sync`: scaling only (paused Deployments and scaling events), plus cleanup when paused.
pub(super) fn sync(sim: &mut Simulation, d: &mut Deployment) {
    let (new_rs, old) = get_all_replica_sets_and_sync_revision(sim, d, false);
    scale(sim, d, new_rs.as_ref(), &old);
    if d.spec.paused {
        cleanup_deployment(sim, d, &old);
    }
    sync_deployment_status(sim, d);
}

/// `scale`: brings the ReplicaSets to the Deployment's size. With one active ReplicaSet it gets
/// everything; mid-rollout the change is shared in proportion (`getReplicaSetFraction`), the
/// leftover going to the largest ReplicaSet.
pub(crate) fn scale(
    sim: &mut Simulation,
    d: &Deployment,
    new_rs: Option<&ReplicaSet>,
    old_rss: &[ReplicaSet],
) {
    let mut old_sorted: Vec<&ReplicaSet> = old_rss.iter().collect();
    // FindActiveOrLatest: old ReplicaSets newest first (ReplicaSetsByCreationTimestamp, reversed).
    sort_by(&mut old_sorted, &|a, b| {
        replica_sets_by_creation_timestamp(b, a)
    });
    let all: Vec<&ReplicaSet> = old_sorted.iter().copied().chain(new_rs).collect();
    let active = util::filter_active_replica_sets(&all);
    let active_or_latest = match active.len() {
        0 => match new_rs {
            Some(rs) => Some((rs, ActiveOrLatest::New)),
            None => old_sorted
                .first()
                .map(|rs| (*rs, ActiveOrLatest::NewestOld)),
        },
        1 => Some((active[0], ActiveOrLatest::OnlyActive)),
        _ => None,
    };
    if let Some((rs, picked)) = active_or_latest {
        if rs.spec.replicas != d.spec.replicas
            && scale_replica_set_and_record_event(sim, rs.metadata.uid, d.spec.replicas, d)
        {
            let step = Step::ScaleActiveOrLatest {
                picked,
                resize: Resize::of(rs, d.spec.replicas),
                new_replica_set_exists: new_rs.is_some(),
            };
            record_decision(sim, d, step);
        }
        return;
    }
    if let Some(new_rs) = new_rs.filter(|rs| util::is_saturated(d, Some(rs))) {
        let mut resizes = Vec::new();
        for rs in util::filter_active_replica_sets(&old_sorted) {
            if scale_replica_set_and_record_event(sim, rs.metadata.uid, 0, d) {
                resizes.push(Resize::of(rs, 0));
            }
        }
        if !resizes.is_empty() {
            let step = Step::ScaleSaturated {
                new_replica_set: new_rs.metadata.name.clone(),
                resizes,
            };
            record_decision(sim, d, step);
        }
        return;
    }
    if d.spec.strategy.kind != StrategyType::RollingUpdate {
        return;
    }
    let mut all_rss: Vec<&ReplicaSet> = util::filter_active_replica_sets(&all);
    let all_rs_replicas = util::get_replica_count_for_replica_sets(&all_rss);
    let allowed_size = if d.spec.replicas > 0 {
        d.spec.replicas.wrapping_add(max_surge(d))
    } else {
        0
    };
    let deployment_replicas_to_add = allowed_size.wrapping_sub(all_rs_replicas);
    let scaling_operation_up = deployment_replicas_to_add > 0;
    if scaling_operation_up {
        sort_by(&mut all_rss, &|a, b| replica_sets_by_size_newer(a, b));
    } else {
        sort_by(&mut all_rss, &|a, b| replica_sets_by_size_older(a, b));
    }
    let mut sizes: Vec<i32> = Vec::with_capacity(all_rss.len());
    let mut deployment_replicas_added = 0;
    for rs in &all_rss {
        let proportion =
            util::get_proportion(rs, d, deployment_replicas_to_add, deployment_replicas_added);
        sizes.push(rs.spec.replicas.wrapping_add(proportion));
        deployment_replicas_added = deployment_replicas_added.wrapping_add(proportion);
    }
    if let Some(first) = sizes.first_mut() {
        let leftover = deployment_replicas_to_add.wrapping_sub(deployment_replicas_added);
        *first = first.wrapping_add(leftover).max(0);
    }
    let op = if scaling_operation_up {
        ScaleDirection::Up
    } else {
        ScaleDirection::Down
    };
    let mut any = false;
    for (rs, size) in all_rss.iter().zip(&sizes) {
        any |= scale_replica_set(sim, rs.metadata.uid, *size, d, op);
    }
    if any {
        let resizes = all_rss
            .iter()
            .zip(&sizes)
            .map(|(rs, size)| Resize::of(rs, *size))
            .collect();
        let step = Step::ScaleProportionally {
            replicas: d.spec.replicas,
            max_surge: Fencepost::max_surge(d),
            allowed_size,
            all_rs_replicas,
            replicas_to_add: deployment_replicas_to_add,
            resizes,
        };
        record_decision(sim, d, step);
    }
}

/// `cleanupDeployment`: deletes the oldest old ReplicaSets beyond `revisionHistoryLimit`, if
/// they are fully scaled down. Emits no event.
pub(crate) fn cleanup_deployment(sim: &mut Simulation, d: &Deployment, old_rss: &[ReplicaSet]) {
    if !util::has_revision_history_limit(d) {
        return;
    }
    let mut cleanable: Vec<&ReplicaSet> = old_rss
        .iter()
        .filter(|rs| rs.metadata.deletion_timestamp.is_none())
        .collect();
    let diff = cleanable.len() as i64 - i64::from(d.spec.revision_history_limit);
    if diff <= 0 {
        return;
    }
    sort_by(&mut cleanable, &|a, b| replica_sets_by_revision(a, b));
    let mut deleted = Vec::new();
    for rs in cleanable.into_iter().take(diff as usize) {
        if rs.status.replicas != 0
            || rs.spec.replicas != 0
            || rs.metadata.generation > rs.status.observed_generation
        {
            continue;
        }
        sim.store_mut().remove_replica_set(rs.metadata.uid);
        deleted.push(ReplicaSetRevision {
            replica_set: rs.metadata.name.clone(),
            revision: rs.revision(),
        });
    }
    if !deleted.is_empty() {
        let step = Step::CleanupDeployment {
            revision_history_limit: d.spec.revision_history_limit,
            deleted,
        };
        record_decision(sim, d, step);
    }
}

/// `syncDeploymentStatus`: writes the calculated status.
pub(super) fn sync_deployment_status(sim: &Simulation, d: &mut Deployment) {
    let (new_rs, all) = current_replica_sets(sim, d);
    d.status = calculate_status(sim, &all, new_rs.as_ref(), d);
}

/// The Deployment's ReplicaSets as the store holds them now, and which one is new.
pub(super) fn current_replica_sets(
    sim: &Simulation,
    d: &Deployment,
) -> (Option<ReplicaSet>, Vec<ReplicaSet>) {
    let all = super::replica_sets_of(sim, d);
    let refs: Vec<&ReplicaSet> = all.iter().collect();
    let new_rs = util::find_new_replica_set(d, &refs).cloned();
    (new_rs, all)
}

/// `calculateStatus`: counters from the ReplicaSets' status, and the Available condition.
pub(super) fn calculate_status(
    sim: &Simulation,
    all_rss: &[ReplicaSet],
    new_rs: Option<&ReplicaSet>,
    d: &Deployment,
) -> DeploymentStatus {
    let refs: Vec<&ReplicaSet> = all_rss.iter().collect();
    let available_replicas = util::get_available_replica_count_for_replica_sets(&refs);
    let total_replicas = util::get_replica_count_for_replica_sets(&refs);
    let mut status = DeploymentStatus {
        observed_generation: d.metadata.generation,
        replicas: util::get_actual_replica_count_for_replica_sets(&refs),
        updated_replicas: new_rs.map_or(0, |rs| rs.status.replicas),
        ready_replicas: util::get_ready_replica_count_for_replica_sets(&refs),
        available_replicas,
        unavailable_replicas: (total_replicas - available_replicas).max(0),
        terminating_replicas: util::get_terminating_replica_count_for_replica_sets(&refs),
        collision_count: d.status.collision_count,
        conditions: d.status.conditions.clone(),
    };
    let now = sim.now();
    let condition = if available_replicas >= d.spec.replicas - max_unavailable(d) {
        util::new_deployment_condition(
            DeploymentConditionType::Available,
            ConditionStatus::True,
            DeploymentConditionReason::MinimumReplicasAvailable,
            "Deployment has minimum availability.".to_string(),
            now,
        )
    } else {
        util::new_deployment_condition(
            DeploymentConditionType::Available,
            ConditionStatus::False,
            DeploymentConditionReason::MinimumReplicasUnavailable,
            "Deployment does not have minimum availability.".to_string(),
            now,
        )
    };
    util::set_deployment_condition(&mut status, condition);
    status
}
