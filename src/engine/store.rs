//! The object store: what the API server holds, with the indexes the controllers need so that no
//! controller ever scans every pod for every ReplicaSet.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::objects::{Deployment, Node, Pod, ReplicaSet, Seconds, Uid};

type Key = (String, String);

#[derive(Debug, Clone)]
pub struct Store {
    next_uid: Uid,
    pub deployments: BTreeMap<Key, Deployment>,
    pub replica_sets: BTreeMap<Uid, ReplicaSet>,
    pub rs_by_name: BTreeMap<Key, Uid>,
    rs_by_owner: BTreeMap<Uid, BTreeSet<Uid>>,
    pub pods: BTreeMap<Uid, Pod>,
    /// Lookups only: never iterated, so its order cannot leak into the simulation.
    pub pod_by_name: HashMap<Key, Uid>,
    pods_by_owner: BTreeMap<Uid, BTreeSet<Uid>>,
    pub nodes: Vec<Node>,
    /// Kubelet wake-ups: (tick, pod) pairs at which a pod's state changes next.
    pub wakeups: BTreeSet<(Seconds, Uid)>,
    /// Names of pods removed since the simulation last looked (to drop their event history).
    pub removed_pods: Vec<(String, String)>,
    /// Pods not yet bound to a node.
    pub unscheduled: BTreeSet<Uid>,
    /// ReplicaSets whose pods or spec changed since their controller last looked.
    pub dirty_replica_sets: BTreeSet<Uid>,
}

impl Store {
    pub fn new(nodes: Vec<Node>) -> Self {
        Store {
            next_uid: 1,
            deployments: BTreeMap::new(),
            replica_sets: BTreeMap::new(),
            rs_by_name: BTreeMap::new(),
            rs_by_owner: BTreeMap::new(),
            pods: BTreeMap::new(),
            pod_by_name: HashMap::new(),
            pods_by_owner: BTreeMap::new(),
            nodes,
            wakeups: BTreeSet::new(),
            unscheduled: BTreeSet::new(),
            removed_pods: Vec::new(),
            dirty_replica_sets: BTreeSet::new(),
        }
    }

    pub fn next_uid(&mut self) -> Uid {
        let uid = self.next_uid;
        self.next_uid += 1;
        uid
    }

    pub fn insert_replica_set(&mut self, rs: ReplicaSet) {
        let uid = rs.metadata.uid;
        self.rs_by_name.insert(
            (rs.metadata.namespace.clone(), rs.metadata.name.clone()),
            uid,
        );
        if let Some(owner) = rs.owner {
            self.rs_by_owner.entry(owner).or_default().insert(uid);
        }
        self.dirty_replica_sets.insert(uid);
        self.replica_sets.insert(uid, rs);
    }

    pub fn remove_replica_set(&mut self, uid: Uid) -> Option<ReplicaSet> {
        let rs = self.replica_sets.remove(&uid)?;
        self.rs_by_name
            .remove(&(rs.metadata.namespace.clone(), rs.metadata.name.clone()));
        if let Some(owner) = rs.owner {
            if let Some(set) = self.rs_by_owner.get_mut(&owner) {
                set.remove(&uid);
                if set.is_empty() {
                    self.rs_by_owner.remove(&owner);
                }
            }
        }
        self.dirty_replica_sets.remove(&uid);
        Some(rs)
    }

    /// The uids of the ReplicaSets a Deployment owns, in uid (creation) order.
    pub fn rs_of_owner(&self, owner: Uid) -> impl Iterator<Item = Uid> + '_ {
        self.rs_by_owner
            .get(&owner)
            .into_iter()
            .flat_map(|set| set.iter().copied())
    }

    pub fn insert_pod(&mut self, pod: Pod) {
        let uid = pod.metadata.uid;
        self.pod_by_name.insert(
            (pod.metadata.namespace.clone(), pod.metadata.name.clone()),
            uid,
        );
        if let Some(owner) = pod.owner {
            self.pods_by_owner.entry(owner).or_default().insert(uid);
            self.dirty_replica_sets.insert(owner);
        }
        if pod.node_name.is_none() {
            self.unscheduled.insert(uid);
        }
        self.pods.insert(uid, pod);
    }

    /// Removes a pod and its indexes; its name goes to `removed_pods`.
    pub fn remove_pod(&mut self, uid: Uid) {
        let Some(pod) = self.pods.remove(&uid) else {
            return;
        };
        self.unscheduled.remove(&uid);
        let key = (pod.metadata.namespace, pod.metadata.name);
        self.pod_by_name.remove(&key);
        self.removed_pods.push(key);
        if let Some(owner) = pod.owner {
            if let Some(set) = self.pods_by_owner.get_mut(&owner) {
                set.remove(&uid);
                if set.is_empty() {
                    self.pods_by_owner.remove(&owner);
                }
            }
            self.dirty_replica_sets.insert(owner);
        }
    }

    /// The uids of a ReplicaSet's pods (terminating ones included), in creation order.
    pub fn pods_of_owner(&self, owner: Uid) -> impl Iterator<Item = Uid> + '_ {
        self.pods_by_owner
            .get(&owner)
            .into_iter()
            .flat_map(|set| set.iter().copied())
    }

    /// Whether a pod already has this `(namespace, name)`.
    pub fn pod_name_taken(&self, key: &Key) -> bool {
        self.pod_by_name.contains_key(key)
    }

    pub fn wake_at(&mut self, at: Seconds, pod: Uid) {
        self.wakeups.insert((at, pod));
    }

    /// Removes and returns the earliest wake-up due at or before `now`.
    pub fn next_due_wakeup(&mut self, now: Seconds) -> Option<Uid> {
        let &(at, uid) = self.wakeups.first()?;
        (at <= now).then(|| {
            self.wakeups.pop_first();
            uid
        })
    }

    /// A ReplicaSet with `minReadySeconds` must recompute its status at the start of every tick:
    /// its pods become available with time alone. Others change only when their pods do.
    pub fn mark_time_dependent_replica_sets_dirty(&mut self) {
        let timed = self
            .replica_sets
            .values()
            .filter(|rs| rs.spec.min_ready_seconds > 0)
            .map(|rs| rs.metadata.uid);
        self.dirty_replica_sets.extend(timed);
    }
}
