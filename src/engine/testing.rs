//! Entry points for the ported upstream table tests: a `Fixture` builds a simulation state from a
//! table row (a Deployment, its ReplicaSets with the given sizes, statuses, annotations and
//! creation times, and pods) and calls one real Deployment-controller function on it, reporting
//! what the function did to the store, as upstream's tests read a fake client's actions.
//!
//! Nothing here is used by the simulator itself.

use std::collections::BTreeMap;

use super::deployment_controller::{progress, recreate, rolling, sync};
use super::objects::{
    Deployment, DeploymentStatus, LabelSelector, ObjectMeta, PodPhase, PodTemplateSpec, ReplicaSet,
    ReplicaSetSpec, ReplicaSetStatus, Seconds, Uid, POD_TEMPLATE_HASH_LABEL,
};
use super::replicaset_controller;
use super::{SimConfig, Simulation};

/// The image of a template that is not the Deployment's current one.
pub const OLD_IMAGE: &str = "example.com/old:1";

/// A ReplicaSet of `deployment`, named `name`, with `replicas` in its spec and an empty status.
///
/// With `current_template` its template is the Deployment's (so `FindNewReplicaSet` picks it);
/// otherwise the template runs `OLD_IMAGE`. Either way it carries a `pod-template-hash` label
/// made from its name, so templates differ from the Deployment's only by that label.
pub fn new_replica_set(
    deployment: &Deployment,
    name: &str,
    replicas: i32,
    current_template: bool,
) -> ReplicaSet {
    let mut template: PodTemplateSpec = deployment.spec.template.clone();
    if !current_template {
        for c in &mut template.spec.containers {
            c.image = OLD_IMAGE.to_string();
        }
    }
    template
        .metadata
        .labels
        .insert(POD_TEMPLATE_HASH_LABEL.to_string(), name.to_string());
    let mut selector: LabelSelector = deployment.spec.selector.clone();
    selector
        .match_labels
        .insert(POD_TEMPLATE_HASH_LABEL.to_string(), name.to_string());
    let mut metadata = ObjectMeta::named(&deployment.metadata.namespace, name);
    metadata.labels = template.metadata.labels.clone();
    ReplicaSet {
        metadata,
        owner: None,
        spec: ReplicaSetSpec {
            replicas,
            min_ready_seconds: deployment.spec.min_ready_seconds,
            selector,
            template,
        },
        status: ReplicaSetStatus::default(),
    }
}

/// One ReplicaSet update seen by a `Fixture`: its name and its spec.replicas afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub name: String,
    pub replicas: i32,
}

/// A simulation holding one Deployment and the ReplicaSets and pods a table row describes.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub sim: Simulation,
    key: (String, String),
}

type Snapshot = BTreeMap<String, (i32, BTreeMap<String, String>)>;

impl Fixture {
    /// Stores `deployment` as it is (spec, status, generation; a fresh uid) with the clock at
    /// `now`, on the default cluster.
    pub fn new(mut deployment: Deployment, now: Seconds) -> Self {
        let mut sim = Simulation::new(SimConfig::default());
        sim.now = now;
        deployment.metadata.uid = sim.store_mut().next_uid();
        let key = (
            deployment.metadata.namespace.clone(),
            deployment.metadata.name.clone(),
        );
        assert!(
            sim.store_mut().insert_deployment(deployment),
            "a fresh store"
        );
        Fixture { sim, key }
    }

    /// The Deployment as stored.
    pub fn deployment(&self) -> Deployment {
        self.sim
            .store()
            .deployment(&self.key)
            .expect("the fixture's Deployment is stored")
            .clone()
    }

    /// Stores a ReplicaSet owned by the Deployment (a fresh uid); returns its uid.
    pub fn add_replica_set(&mut self, mut rs: ReplicaSet) -> Uid {
        let owner = self.deployment().metadata.uid;
        let store = self.sim.store_mut();
        rs.metadata.uid = store.next_uid();
        rs.owner = Some(owner);
        let uid = rs.metadata.uid;
        assert!(store.insert_replica_set(rs), "ReplicaSet names are unique");
        uid
    }

    /// Adds one pod per phase to the named ReplicaSet: the ReplicaSet controller creates them
    /// from its template, then each gets its phase. The ReplicaSet's spec and status (and every
    /// other ReplicaSet) are left as they were.
    pub fn add_pods(&mut self, rs_name: &str, phases: &[PodPhase]) {
        let uid = self
            .replica_set(rs_name)
            .expect("the ReplicaSet exists")
            .metadata
            .uid;
        let before = self.sim.store().pods_of(uid).count();
        replicaset_controller::create_pods(&mut self.sim, uid, phases.len());
        let store = self.sim.store_mut();
        let created: Vec<Uid> = store
            .pods_of(uid)
            .skip(before)
            .map(|pod| pod.metadata.uid)
            .collect();
        assert_eq!(
            created.len(),
            phases.len(),
            "the ReplicaSet controller made the pods"
        );
        for (pod, phase) in created.into_iter().zip(phases) {
            store.update_pod(pod, |pod| pod.phase = *phase);
        }
    }

    /// A stored ReplicaSet by name.
    pub fn replica_set(&self, name: &str) -> Option<&ReplicaSet> {
        self.sim.replica_set(&self.key.0, name)
    }

    fn load(&self, names: &[&str]) -> Vec<ReplicaSet> {
        names
            .iter()
            .map(|n| {
                self.replica_set(n)
                    .unwrap_or_else(|| panic!("no ReplicaSet {n}"))
                    .clone()
            })
            .collect()
    }

    fn snapshot(&self) -> Snapshot {
        self.sim
            .replica_sets()
            .map(|rs| {
                (
                    rs.metadata.name.clone(),
                    (rs.spec.replicas, rs.metadata.annotations.clone()),
                )
            })
            .collect()
    }

    /// The ReplicaSets whose size or annotations differ from `before` (in name order).
    fn updates_since(&self, before: &Snapshot) -> Vec<Update> {
        self.snapshot()
            .into_iter()
            .filter(|(name, now)| before.get(name).is_some_and(|was| was != now))
            .map(|(name, (replicas, _))| Update { name, replicas })
            .collect()
    }

    /// The names of the ReplicaSets in `before` that are gone now.
    fn deletions_since(&self, before: &Snapshot) -> Vec<String> {
        before
            .keys()
            .filter(|name| self.replica_set(name).is_none())
            .cloned()
            .collect()
    }

    /// `reconcileNewReplicaSet(allRSs = old + new, newRS, d)`: whether it scaled, and the updates.
    pub fn reconcile_new_replica_set(&mut self, old: &[&str], new: &str) -> (bool, Vec<Update>) {
        let d = self.deployment();
        let old_rss = self.load(old);
        let new_rs = self.load(&[new]).remove(0);
        let before = self.snapshot();
        let scaled = rolling::reconcile_new_replica_set(&mut self.sim, &d, &old_rss, &new_rs);
        (scaled, self.updates_since(&before))
    }

    /// `reconcileOldReplicaSets(allRSs = old + new, oldRSs, newRS, d)`: whether it scaled, and
    /// the updates.
    pub fn reconcile_old_replica_sets(&mut self, old: &[&str], new: &str) -> (bool, Vec<Update>) {
        let d = self.deployment();
        let old_rss = self.load(old);
        let new_rs = self.load(&[new]).remove(0);
        let before = self.snapshot();
        let scaled = rolling::reconcile_old_replica_sets(&mut self.sim, &d, &old_rss, &new_rs);
        (scaled, self.updates_since(&before))
    }

    /// `cleanupUnhealthyReplicas(oldRSs, d, maxCleanupCount)`: the cleanup count, and the updates.
    pub fn cleanup_unhealthy_replicas(
        &mut self,
        old: &[&str],
        max_cleanup_count: i32,
    ) -> (i32, Vec<Update>) {
        let d = self.deployment();
        let old_rss = self.load(old);
        let refs: Vec<&ReplicaSet> = old_rss.iter().collect();
        let before = self.snapshot();
        let (_, count) =
            rolling::cleanup_unhealthy_replicas(&mut self.sim, &d, &refs, max_cleanup_count);
        (count, self.updates_since(&before))
    }

    /// `scaleDownOldReplicaSetsForRollingUpdate(allRSs, oldRSs, d)`: how many replicas it
    /// removed, and the updates.
    pub fn scale_down_old_replica_sets_for_rolling_update(
        &mut self,
        all: &[&str],
        old: &[&str],
    ) -> (i32, Vec<Update>) {
        let d = self.deployment();
        let all_rss = self.load(all);
        let old_rss = self.load(old);
        let all_refs: Vec<&ReplicaSet> = all_rss.iter().collect();
        let old_refs: Vec<&ReplicaSet> = old_rss.iter().collect();
        let before = self.snapshot();
        let scaled = rolling::scale_down_old_replica_sets_for_rolling_update(
            &mut self.sim,
            &d,
            &all_refs,
            &old_refs,
        );
        (scaled, self.updates_since(&before))
    }

    /// `scale(d, newRS, oldRSs)`: the updates.
    pub fn scale(&mut self, new: Option<&str>, old: &[&str]) -> Vec<Update> {
        let d = self.deployment();
        let new_rs = new.map(|n| self.load(&[n]).remove(0));
        let old_rss = self.load(old);
        let before = self.snapshot();
        sync::scale(&mut self.sim, &d, new_rs.as_ref(), &old_rss);
        self.updates_since(&before)
    }

    /// `cleanupDeployment(oldRSs, d)`: the names of the deleted ReplicaSets.
    pub fn cleanup_deployment(&mut self, old: &[&str]) -> Vec<String> {
        let d = self.deployment();
        let old_rss = self.load(old);
        let before = self.snapshot();
        sync::cleanup_deployment(&mut self.sim, &d, &old_rss);
        self.deletions_since(&before)
    }

    /// `scaleDownOldReplicaSetsForRecreate(oldRSs, d)`: whether it scaled, and the updates.
    pub fn scale_down_old_replica_sets_for_recreate(
        &mut self,
        old: &[&str],
    ) -> (bool, Vec<Update>) {
        let d = self.deployment();
        let old_rss = self.load(old);
        let refs: Vec<&ReplicaSet> = old_rss.iter().collect();
        let before = self.snapshot();
        let scaled = recreate::scale_down_old_replica_sets_for_recreate(&mut self.sim, &d, &refs);
        (scaled, self.updates_since(&before))
    }

    /// `oldPodsRunning(newRS, oldRSs, podMap)`, the pod map being the pods in the store.
    pub fn old_pods_running(&self, new: Option<&str>, old: &[&str]) -> bool {
        let new_rs = new.map(|n| self.load(&[n]).remove(0));
        let old_rss = self.load(old);
        recreate::old_pods_running(&self.sim, new_rs.as_ref(), &old_rss)
    }

    /// `syncRolloutStatus(allRSs, newRS, d)` on the stored ReplicaSets: the status it computes.
    pub fn sync_rollout_status(&mut self) -> DeploymentStatus {
        let mut d = self.deployment();
        progress::sync_rollout_status(&mut self.sim, &mut d);
        d.status
    }
}
