//! The ReplicaSet controller (`pkg/controller/replicaset/replica_set.go`): creates and deletes
//! pods until each ReplicaSet has `spec.replicas` active pods, choosing victims with upstream's
//! ranking, and keeps the ReplicaSet's status.
//!
//! Each create or delete is recorded as a decision (`Step::ManageReplicasCreate`/`Delete`: how
//! many pods it wants and has, which pods went and why, which it creates or deletes).
//!
//! Terminating pods are not counted (`FilterActivePods`), so a deleted or failed pod is replaced
//! at once. Upstream creates at most 500 pods per sync (`burstReplicas`) and syncs again within
//! milliseconds; since a tick runs the controllers to a fixed point, this creates the whole
//! difference in one sync, which ends in the same state within the same second.

use super::sorting::ListMap;

use super::events::{EventKind, ObjectKind, ObjectRef};
use super::hash::random_suffix;
use super::objects::{
    ContainerRef, ObjectMeta, Pod, PodPhase, ReplicaSet, ReplicaSetStatus, Seconds, Uid,
};
use super::pod_ranking::{sort_by_less, ActivePodsWithRanks, RankedPod};
use super::{Decision, GoneCause, GonePod, Simulation, Step, Victim, VictimState, NAMED_PODS};

/// `syncReplicaSet` for every ReplicaSet whose pods or spec changed; returns whether anything
/// changed.
pub fn sync_all(sim: &mut Simulation) -> bool {
    let dirty = sim.store_mut().take_dirty_replica_sets();
    let mut changed = false;
    for uid in dirty {
        changed |= sync_replica_set(sim, uid);
    }
    changed
}

/// `syncReplicaSet`: `manageReplicas`, then the status.
fn sync_replica_set(sim: &mut Simulation, uid: Uid) -> bool {
    let Some(rs) = sim.store().replica_set(uid) else {
        return false;
    };
    let status = calculate_status(sim, rs);
    let (replicas, active) = (rs.spec.replicas, status.replicas);
    let diff = i64::from(active) - i64::from(replicas);
    let step = if diff < 0 {
        let gone = gone_pods(sim, rs);
        let created = create_pods(sim, uid, (-diff) as usize);
        sim.store()
            .replica_set(uid)
            .map(|rs| Step::ManageReplicasCreate {
                replica_set: rs.metadata.name.clone(),
                replicas,
                active,
                gone,
                created,
            })
    } else if diff > 0 {
        let pods: Vec<&Pod> = sim.store().pods_of(uid).filter(|p| p.is_active()).collect();
        let victims = get_pods_to_delete(sim, uid, &pods, diff as usize);
        let deleted = victims
            .iter()
            .take(NAMED_PODS)
            .filter_map(|&v| sim.store().pod(v).map(victim))
            .collect();
        for pod in victims {
            delete_pod(sim, uid, pod);
        }
        sim.store()
            .replica_set(uid)
            .map(|rs| Step::ManageReplicasDelete {
                replica_set: rs.metadata.name.clone(),
                replicas,
                active,
                deleted,
            })
    } else {
        None
    };
    if let Some(step) = step {
        record_decision(sim, uid, step);
    }
    let status = if diff == 0 {
        status
    } else {
        sim.store()
            .replica_set(uid)
            .map_or(status, |rs| calculate_status(sim, rs))
    };
    let status_changed = sim.store_mut().update_replica_set_status(uid, status);
    diff != 0 || status_changed
}

/// Records a `manageReplicas` decision about the Deployment that owns the ReplicaSet (a
/// ReplicaSet no Deployment owns has no story to tell).
fn record_decision(sim: &mut Simulation, rs_uid: Uid, step: Step) {
    let store = sim.store();
    let Some(d) = store
        .replica_set(rs_uid)
        .and_then(|rs| sim.owner_of_replica_set(rs))
    else {
        return;
    };
    let decision = Decision::about(sim.now(), d, step);
    sim.record_decision(decision);
}

/// The ReplicaSet's pods that stopped counting this second (deleted, or lost with their node).
fn gone_pods(sim: &Simulation, rs: &ReplicaSet) -> Vec<GonePod> {
    let now = Some(sim.now());
    sim.store()
        .pods_of(rs.metadata.uid)
        .filter(|p| p.metadata.deletion_timestamp == now)
        .take(NAMED_PODS)
        .map(|p| GonePod {
            pod: p.metadata.name.clone(),
            cause: if p.is_node_lost() {
                GoneCause::NodeLost
            } else {
                GoneCause::Deleted
            },
        })
        .collect()
}

/// A pod about to be deleted, with where it stands in the ranking.
fn victim(pod: &Pod) -> Victim {
    let state = if pod.node_name.is_none() {
        VictimState::Unscheduled
    } else if pod.phase == PodPhase::Pending {
        VictimState::Pending
    } else if !pod.is_ready() {
        VictimState::NotReady
    } else {
        VictimState::Ready
    };
    Victim {
        pod: pod.metadata.name.clone(),
        state,
    }
}

/// Creates `count` pods from the ReplicaSet's template (`generateName: <rs-name>-`); returns the
/// first names (at most `NAMED_PODS`).
pub(crate) fn create_pods(sim: &mut Simulation, rs_uid: Uid, count: usize) -> Vec<String> {
    let now = sim.now();
    let mut named = Vec::new();
    let Some(rs) = sim.store().replica_set(rs_uid) else {
        return named;
    };
    let template = rs.spec.template.clone();
    let namespace = rs.metadata.namespace.clone();
    let rs_name = rs.metadata.name.clone();
    let requests = template.spec.requests();
    let images = sim.images();
    let refs = |list: &[super::objects::Container]| -> Vec<ContainerRef> {
        list.iter()
            .map(|c| ContainerRef {
                name: c.name.clone(),
                image: c.image.clone(),
                profile: images.resolve(&c.image),
            })
            .collect()
    };
    let init_containers = refs(&template.spec.init_containers);
    let containers = refs(&template.spec.containers);
    for _ in 0..count {
        let (pod_namespace, name) = loop {
            let mut name = String::with_capacity(rs_name.len() + 6);
            name.push_str(&rs_name);
            name.push('-');
            name.extend(random_suffix(sim.rng()));
            let candidate = (namespace.clone(), name);
            if !sim.store().pod_name_taken(&candidate) {
                break candidate;
            }
        };
        if named.len() < NAMED_PODS {
            named.push(name.clone());
        }
        let kind = EventKind::SuccessfulCreate { pod: name.clone() };
        let metadata = ObjectMeta {
            name,
            namespace: pod_namespace,
            uid: sim.store_mut().next_uid(),
            generation: 0,
            creation_timestamp: now,
            deletion_timestamp: None,
            labels: template.metadata.labels.clone(),
            annotations: template.metadata.annotations.clone(),
        };
        let pod = Pod {
            metadata,
            owner: Some(rs_uid),
            node_name: None,
            node_selector: template.spec.node_selector.clone(),
            init_containers: init_containers.clone(),
            containers: containers.clone(),
            phase: PodPhase::Pending,
            reason: None,
            init_container_statuses: Vec::new(),
            container_statuses: Vec::new(),
            ready_since: None,
            start_time: None,
            ready_transition: None,
            requests,
            termination_grace_period_seconds: template.spec.termination_grace_period_seconds,
            unschedulable: None,
            written: 0,
        };
        sim.store_mut().insert_pod(pod);
        sim.record(
            ObjectRef::new(ObjectKind::ReplicaSet, &namespace, &rs_name),
            kind,
        );
    }
    named
}

/// `getPodsToDelete`: ranks the active pods (`ActivePodsWithRanks`, where a pod's rank is how many
/// active pods of the same Deployment share its node) and takes the first `count`. Only the
/// victims are fully sorted.
fn get_pods_to_delete(sim: &Simulation, rs_uid: Uid, active: &[&Pod], count: usize) -> Vec<Uid> {
    let store = sim.store();
    let related: Vec<Uid> = match store.replica_set(rs_uid).and_then(|rs| rs.owner) {
        Some(owner) => store
            .replica_sets_of(owner)
            .map(|rs| rs.metadata.uid)
            .collect(),
        None => vec![rs_uid],
    };
    let mut per_node: ListMap<&str, i32> = ListMap::default();
    for related_rs in related {
        for pod in store.pods_of(related_rs) {
            if let (true, Some(node)) = (pod.is_active(), pod.node_name.as_deref()) {
                *per_node.entry(node) += 1;
            }
        }
    }
    let mut ranked: Vec<(RankedPod, Uid)> = active
        .iter()
        .map(|pod| {
            let rank = pod
                .node_name
                .as_deref()
                .and_then(|n| per_node.get(n))
                .copied()
                .unwrap_or(0);
            (ranked_pod(pod, rank), pod.metadata.uid)
        })
        .collect();
    let ranking = ActivePodsWithRanks {
        now: sim.now(),
        ..ActivePodsWithRanks::default()
    };
    // Rank every candidate and take the first `count` (upstream sorts them all too).
    sort_by_less(&mut ranked, |a, b| ranking.less(&a.0, &b.0));
    ranked.truncate(count);
    ranked.into_iter().map(|(_, uid)| uid).collect()
}

/// What the ranking needs of a pod.
pub fn ranked_pod(pod: &Pod, rank: i32) -> RankedPod {
    RankedPod {
        uid: pod.metadata.uid,
        scheduled: pod.node_name.is_some(),
        phase: pod.phase,
        ready: pod.is_ready(),
        ready_since: pod.ready_since,
        restarts: pod
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .max()
            .unwrap_or(0),
        created: Some(pod.metadata.creation_timestamp),
        deletion_cost: Some(pod.deletion_cost()),
        rank,
    }
}

fn delete_pod(sim: &mut Simulation, rs_uid: Uid, pod_uid: Uid) {
    let store = sim.store();
    let (Some(rs), Some(pod)) = (store.replica_set(rs_uid), store.pod(pod_uid)) else {
        return;
    };
    let object = ObjectRef::of(ObjectKind::ReplicaSet, &rs.metadata);
    let name = pod.metadata.name.clone();
    sim.start_pod_deletion(pod_uid);
    sim.record(object, EventKind::SuccessfulDelete { pod: name });
}

/// `calculateStatus`: active pods only; terminating ones counted apart.
fn calculate_status(sim: &Simulation, rs: &ReplicaSet) -> ReplicaSetStatus {
    let now: Seconds = sim.now();
    let store = sim.store();
    let mut status = ReplicaSetStatus {
        observed_generation: rs.metadata.generation,
        ..ReplicaSetStatus::default()
    };
    for pod in store.pods_of(rs.metadata.uid) {
        if pod.is_active() {
            status.replicas += 1;
            status.fully_labeled_replicas += 1;
            if pod.is_ready() {
                status.ready_replicas += 1;
            }
            if pod.is_available(rs.spec.min_ready_seconds, now) {
                status.available_replicas += 1;
            }
        } else if pod.is_terminating()
            && !matches!(pod.phase, PodPhase::Succeeded | PodPhase::Failed)
        {
            status.terminating_replicas += 1;
        }
    }
    status
}
