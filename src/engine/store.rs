//! The object store: what the API server holds, with the indexes the controllers need so that no
//! controller ever scans every pod for every ReplicaSet.
//!
//! Its maps are private. Objects are added, changed and removed only through its methods, which
//! keep every index right:
//! - ReplicaSets by name, pods by name and by owning ReplicaSet;
//! - `unscheduled`: the pods not bound to a node (a pod leaves it when `update_pod` binds it);
//! - `dirty`: the ReplicaSets their controller must look at again, because they were created or
//!   updated (`update_replica_set`, never `update_replica_set_status`), or a pod of theirs came,
//!   went or changed in what their status counts (phase, readiness, binding, deletion);
//! - the names of removed pods, until the simulation takes them.
//!
//! Reads answer `Option`s and iterators: a lookup by a key that may be missing never panics.
//!
//! The few Deployments and ReplicaSets live in lists sorted by key, searched by bisection; the
//! many pods in a `BTreeMap`. The browser bundle links a `BTreeMap`'s code once per key and
//! value type, so the store keeps to three: pods by uid, sets of uids, and sets of uid pairs
//! (a ReplicaSet's pods, and the kubelet's wake-ups).

use std::cmp::Ordering;
use std::collections::{btree_map, hash_map, BTreeMap, BTreeSet, HashMap};

use super::autoscaling::HorizontalPodAutoscaler;
use super::objects::{
    Deployment, Node, ObjectMeta, Pod, PodPhase, ReplicaSet, ReplicaSetStatus, Seconds, Uid,
};
use super::service::Service;
use super::sorting::ListMap;

/// `(namespace, name)`.
type Key = (String, String);

#[derive(Debug, Clone)]
pub struct Store {
    next_uid: Uid,
    /// Sorted by namespace, then name.
    deployments: Vec<Deployment>,
    /// Sorted by uid.
    replica_sets: Vec<ReplicaSet>,
    /// Sorted by key.
    rs_by_name: Vec<(Key, Uid)>,
    pods: BTreeMap<Uid, Pod>,
    /// Lookups only: never iterated, so its order cannot leak into the simulation.
    pod_by_name: HashMap<Key, Uid>,
    /// (owner, pod) pairs.
    pods_by_owner: BTreeSet<(Uid, Uid)>,
    nodes: Vec<Node>,
    /// Kubelet wake-ups: (tick, pod) pairs at which a pod's state changes next. A tick is never
    /// negative, so it is kept as a `u64`, and the set shares its type with `pods_by_owner`.
    wakeups: BTreeSet<(u64, Uid)>,
    /// Names of pods removed since the simulation last looked (to drop their event history,
    /// kept only with kubectl's read printers).
    #[cfg(feature = "printers")]
    removed_pods: Vec<Key>,
    /// Pods not yet bound to a node.
    unscheduled: BTreeSet<Uid>,
    /// ReplicaSets whose pods or spec changed since their controller last looked.
    dirty_replica_sets: BTreeSet<Uid>,
    horizontal_pod_autoscalers: ListMap<Key, HorizontalPodAutoscaler>,
    services: ListMap<Key, Service>,
    /// How many Services were ever created (each takes the next cluster IP).
    services_created: u32,
    /// How many times a pod was stored or changed: each write stamps the pod (`Pod::written`).
    pod_writes: u64,
}

/// What a ReplicaSet's sync reads of one of its pods (it counts active, ready, available and
/// terminating pods, and ranks bound ones): when any of it changes, the ReplicaSet is dirty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SeenByOwner {
    phase: PodPhase,
    bound: bool,
    deletion_timestamp: Option<Seconds>,
    ready_since: Option<Seconds>,
}

impl SeenByOwner {
    fn of(pod: &Pod) -> Self {
        SeenByOwner {
            phase: pod.phase,
            bound: pod.node_name.is_some(),
            deletion_timestamp: pod.metadata.deletion_timestamp,
            ready_since: pod.ready_since,
        }
    }
}

/// What the indexes know an object by: `update_*` must not change it (the API server's
/// `metadata.name` is immutable, and so is an owner here).
#[cfg(debug_assertions)]
fn identity(metadata: &ObjectMeta, owner: Option<Uid>) -> (Uid, String, String, Option<Uid>) {
    (
        metadata.uid,
        metadata.namespace.clone(),
        metadata.name.clone(),
        owner,
    )
}

fn key_of(metadata: &ObjectMeta) -> Key {
    (metadata.namespace.clone(), metadata.name.clone())
}

/// How an object's namespace and name compare with a key.
fn by_name(metadata: &ObjectMeta, key: &Key) -> Ordering {
    (metadata.namespace.as_str(), metadata.name.as_str()).cmp(&(key.0.as_str(), key.1.as_str()))
}

/// Where the ReplicaSet with this uid is (`Ok`) or would go (`Err`) in a list sorted by uid.
fn rs_position(replica_sets: &[ReplicaSet], uid: Uid) -> Result<usize, usize> {
    replica_sets.binary_search_by(|rs| rs.metadata.uid.cmp(&uid))
}

impl Store {
    pub fn new(nodes: Vec<Node>) -> Self {
        Store {
            next_uid: 1,
            deployments: Vec::new(),
            replica_sets: Vec::new(),
            rs_by_name: Vec::new(),
            pods: BTreeMap::new(),
            pod_by_name: HashMap::new(),
            pods_by_owner: BTreeSet::new(),
            nodes,
            wakeups: BTreeSet::new(),
            unscheduled: BTreeSet::new(),
            #[cfg(feature = "printers")]
            removed_pods: Vec::new(),
            dirty_replica_sets: BTreeSet::new(),
            horizontal_pod_autoscalers: ListMap::default(),
            services: ListMap::default(),
            services_created: 0,
            pod_writes: 0,
        }
    }

    pub fn next_uid(&mut self) -> Uid {
        let uid = self.next_uid;
        self.next_uid += 1;
        uid
    }

    // ----- Deployments -----

    /// Where the Deployment with this key is (`Ok`) or would go (`Err`).
    fn deployment_position(&self, key: &Key) -> Result<usize, usize> {
        self.deployments
            .binary_search_by(|d| by_name(&d.metadata, key))
    }

    pub fn deployment(&self, key: &Key) -> Option<&Deployment> {
        let i = self.deployment_position(key).ok()?;
        self.deployments.get(i)
    }

    /// All Deployments, ordered by namespace then name.
    pub fn deployments(&self) -> impl Iterator<Item = &Deployment> {
        self.deployments.iter()
    }

    /// The keys of all Deployments, ordered by namespace then name.
    pub fn deployment_keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.deployments.iter().map(|d| key_of(&d.metadata))
    }

    /// Stores a new Deployment under its namespace and name. Returns `false`, storing nothing,
    /// when the name is taken (the API server checks first, to answer `AlreadyExists`).
    pub fn insert_deployment(&mut self, deployment: Deployment) -> bool {
        let Err(i) = self.deployment_position(&key_of(&deployment.metadata)) else {
            return false;
        };
        self.deployments.insert(i, deployment);
        true
    }

    /// Changes a Deployment through `f` (which must keep its uid, namespace and name); `None`
    /// when there is no such Deployment.
    pub fn update_deployment<R>(
        &mut self,
        key: &Key,
        f: impl FnOnce(&mut Deployment) -> R,
    ) -> Option<R> {
        let i = self.deployment_position(key).ok()?;
        let deployment = self.deployments.get_mut(i)?;
        #[cfg(debug_assertions)]
        let before = identity(&deployment.metadata, None);
        let out = f(deployment);
        #[cfg(debug_assertions)]
        debug_assert_eq!(
            before,
            identity(&deployment.metadata, None),
            "a Deployment's identity is immutable"
        );
        Some(out)
    }

    /// Removes a Deployment (its ReplicaSets stay until they are removed themselves).
    pub fn remove_deployment(&mut self, key: &Key) -> Option<Deployment> {
        let i = self.deployment_position(key).ok()?;
        Some(self.deployments.remove(i))
    }

    // ----- HorizontalPodAutoscalers -----

    pub fn horizontal_pod_autoscaler(&self, key: &Key) -> Option<&HorizontalPodAutoscaler> {
        self.horizontal_pod_autoscalers.get(key)
    }

    /// All HPAs, ordered by namespace then name.
    pub fn horizontal_pod_autoscalers(&self) -> impl Iterator<Item = &HorizontalPodAutoscaler> {
        self.horizontal_pod_autoscalers.values()
    }

    /// Stores a new HPA; `false`, storing nothing, when the name is taken.
    pub fn insert_horizontal_pod_autoscaler(&mut self, hpa: HorizontalPodAutoscaler) -> bool {
        let key = key_of(&hpa.metadata);
        if self.horizontal_pod_autoscalers.contains_key(&key) {
            return false;
        }
        self.horizontal_pod_autoscalers.insert(key, hpa);
        true
    }

    /// Changes an HPA through `f` (which must keep its uid, namespace and name).
    pub fn update_horizontal_pod_autoscaler<R>(
        &mut self,
        key: &Key,
        f: impl FnOnce(&mut HorizontalPodAutoscaler) -> R,
    ) -> Option<R> {
        let hpa = self.horizontal_pod_autoscalers.get_mut(key)?;
        #[cfg(debug_assertions)]
        let before = identity(&hpa.metadata, None);
        let out = f(hpa);
        #[cfg(debug_assertions)]
        debug_assert_eq!(
            before,
            identity(&hpa.metadata, None),
            "an HPA's identity is immutable"
        );
        Some(out)
    }

    pub fn remove_horizontal_pod_autoscaler(
        &mut self,
        key: &Key,
    ) -> Option<HorizontalPodAutoscaler> {
        self.horizontal_pod_autoscalers.remove(key)
    }

    // ----- ReplicaSets -----

    pub fn replica_set(&self, uid: Uid) -> Option<&ReplicaSet> {
        let i = rs_position(&self.replica_sets, uid).ok()?;
        self.replica_sets.get(i)
    }

    /// Where the name index holds this key (`Ok`) or would (`Err`).
    fn rs_name_position(&self, key: &Key) -> Result<usize, usize> {
        self.rs_by_name.binary_search_by(|(k, _)| k.cmp(key))
    }

    pub fn replica_set_by_name(&self, key: &Key) -> Option<&ReplicaSet> {
        let i = self.rs_name_position(key).ok()?;
        self.replica_set(self.rs_by_name[i].1)
    }

    /// All ReplicaSets, ordered by namespace then name.
    pub fn replica_sets(&self) -> impl Iterator<Item = &ReplicaSet> {
        self.rs_by_name
            .iter()
            .filter_map(|(_, uid)| self.indexed_rs(*uid))
    }

    /// The ReplicaSets a Deployment owns, in uid (creation) order.
    pub fn replica_sets_of(&self, owner: Uid) -> impl Iterator<Item = &ReplicaSet> {
        self.replica_sets
            .iter()
            .filter(move |rs| rs.owner == Some(owner))
    }

    /// A ReplicaSet an index names (always stored, as the debug check says).
    fn indexed_rs(&self, uid: Uid) -> Option<&ReplicaSet> {
        let rs = self.replica_set(uid);
        debug_assert!(
            rs.is_some(),
            "an index names ReplicaSet {uid}, which is gone"
        );
        rs
    }

    /// Stores a new ReplicaSet (dirty: its controller has not seen it yet). Returns `false`,
    /// storing nothing, when its uid or name is taken (callers give it a fresh uid from
    /// `next_uid` and check the name first).
    pub fn insert_replica_set(&mut self, rs: ReplicaSet) -> bool {
        let uid = rs.metadata.uid;
        let Err(stored) = rs_position(&self.replica_sets, uid) else {
            return false;
        };
        let key = key_of(&rs.metadata);
        let Err(named) = self.rs_name_position(&key) else {
            return false;
        };
        self.rs_by_name.insert(named, (key, uid));
        self.dirty_replica_sets.insert(uid);
        self.replica_sets.insert(stored, rs);
        true
    }

    /// An update of a ReplicaSet's spec or metadata through `f` (which must keep its uid,
    /// namespace, name and owner): the ReplicaSet controller looks at it again. `None` when
    /// there is no such ReplicaSet.
    pub fn update_replica_set<R>(
        &mut self,
        uid: Uid,
        f: impl FnOnce(&mut ReplicaSet) -> R,
    ) -> Option<R> {
        let i = rs_position(&self.replica_sets, uid).ok()?;
        let rs = self.replica_sets.get_mut(i)?;
        #[cfg(debug_assertions)]
        let before = identity(&rs.metadata, rs.owner);
        let out = f(rs);
        #[cfg(debug_assertions)]
        debug_assert_eq!(
            before,
            identity(&rs.metadata, rs.owner),
            "a ReplicaSet's identity is immutable"
        );
        self.dirty_replica_sets.insert(uid);
        Some(out)
    }

    /// The status subresource: writes a ReplicaSet's status (its controller's own write, which
    /// does not make it dirty). Returns whether the status changed.
    pub fn update_replica_set_status(&mut self, uid: Uid, status: ReplicaSetStatus) -> bool {
        let Some(rs) = rs_position(&self.replica_sets, uid)
            .ok()
            .and_then(|i| self.replica_sets.get_mut(i))
        else {
            return false;
        };
        if rs.status == status {
            return false;
        }
        rs.status = status;
        true
    }

    /// Removes a ReplicaSet and its indexes (its pods stay, as orphans, until removed).
    pub fn remove_replica_set(&mut self, uid: Uid) -> Option<ReplicaSet> {
        let i = rs_position(&self.replica_sets, uid).ok()?;
        let rs = self.replica_sets.remove(i);
        if let Ok(named) = self.rs_name_position(&key_of(&rs.metadata)) {
            self.rs_by_name.remove(named);
        }
        self.dirty_replica_sets.remove(&uid);
        Some(rs)
    }

    /// Takes the ReplicaSets to sync, in uid order; none is dirty afterwards.
    pub fn take_dirty_replica_sets(&mut self) -> BTreeSet<Uid> {
        std::mem::take(&mut self.dirty_replica_sets)
    }

    /// A ReplicaSet with `minReadySeconds` must recompute its status at the start of every tick:
    /// its pods become available with time alone. Others change only when their pods do.
    pub fn mark_time_dependent_replica_sets_dirty(&mut self) {
        let timed = self
            .replica_sets
            .iter()
            .filter(|rs| rs.spec.min_ready_seconds > 0)
            .map(|rs| rs.metadata.uid);
        self.dirty_replica_sets.extend(timed);
    }

    // ----- Pods -----

    pub fn pod(&self, uid: Uid) -> Option<&Pod> {
        self.pods.get(&uid)
    }

    pub fn pod_by_name(&self, key: &Key) -> Option<&Pod> {
        self.pod_by_name.get(key).and_then(|uid| self.pods.get(uid))
    }

    /// Whether a pod already has this `(namespace, name)`.
    pub fn pod_name_taken(&self, key: &Key) -> bool {
        self.pod_by_name.contains_key(key)
    }

    /// All pods, in uid (creation) order.
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        self.pods.values()
    }

    /// The number of pods (terminating ones included).
    pub fn pod_count(&self) -> usize {
        self.pods.len()
    }

    /// A ReplicaSet's pods (terminating ones included), in uid (creation) order.
    pub fn pods_of(&self, owner: Uid) -> impl Iterator<Item = &Pod> {
        self.pods_by_owner
            .range((owner, 0)..=(owner, Uid::MAX))
            .filter_map(|&(_, uid)| self.indexed_pod(uid))
    }

    /// The uids of the pods not bound to a node, in uid (creation) order.
    pub fn unscheduled(&self) -> impl Iterator<Item = Uid> + '_ {
        self.unscheduled.iter().copied()
    }

    /// A pod an index names (always stored, as the debug check says).
    fn indexed_pod(&self, uid: Uid) -> Option<&Pod> {
        let pod = self.pods.get(&uid);
        debug_assert!(pod.is_some(), "an index names pod {uid}, which is gone");
        pod
    }

    /// Stores a new pod (its ReplicaSet becomes dirty). Returns `false`, storing nothing, when
    /// its uid or name is taken (callers give it a fresh uid from `next_uid` and check the name
    /// with `pod_name_taken` first).
    pub fn insert_pod(&mut self, mut pod: Pod) -> bool {
        let uid = pod.metadata.uid;
        let btree_map::Entry::Vacant(stored) = self.pods.entry(uid) else {
            return false;
        };
        let hash_map::Entry::Vacant(named) = self.pod_by_name.entry(key_of(&pod.metadata)) else {
            return false;
        };
        named.insert(uid);
        if let Some(owner) = pod.owner {
            self.pods_by_owner.insert((owner, uid));
            self.dirty_replica_sets.insert(owner);
        }
        if pod.node_name.is_none() {
            self.unscheduled.insert(uid);
        }
        self.pod_writes += 1;
        pod.written = self.pod_writes;
        stored.insert(pod);
        true
    }

    /// Changes a pod through `f` (which must keep its uid, namespace, name and owner). A pod
    /// bound to a node leaves `unscheduled`; a change in what its ReplicaSet counts (phase,
    /// readiness, binding, deletion) makes the ReplicaSet dirty. `None` when there is no such
    /// pod.
    pub fn update_pod<R>(&mut self, uid: Uid, f: impl FnOnce(&mut Pod) -> R) -> Option<R> {
        let pod = self.pods.get_mut(&uid)?;
        #[cfg(debug_assertions)]
        let before_identity = identity(&pod.metadata, pod.owner);
        let before = SeenByOwner::of(pod);
        let out = f(pod);
        self.pod_writes += 1;
        pod.written = self.pod_writes;
        #[cfg(debug_assertions)]
        debug_assert_eq!(
            before_identity,
            identity(&pod.metadata, pod.owner),
            "a pod's identity is immutable"
        );
        let after = SeenByOwner::of(pod);
        if after != before {
            if let Some(owner) = pod.owner {
                self.dirty_replica_sets.insert(owner);
            }
            if after.bound != before.bound {
                if after.bound {
                    self.unscheduled.remove(&uid);
                } else {
                    self.unscheduled.insert(uid);
                }
            }
        }
        Some(out)
    }

    /// Removes a pod and its indexes (its ReplicaSet becomes dirty); its name goes to the
    /// removed pods.
    pub fn remove_pod(&mut self, uid: Uid) {
        let Some(pod) = self.pods.remove(&uid) else {
            return;
        };
        self.unscheduled.remove(&uid);
        let key = (pod.metadata.namespace, pod.metadata.name);
        self.pod_by_name.remove(&key);
        #[cfg(feature = "printers")]
        self.removed_pods.push(key);
        if let Some(owner) = pod.owner {
            self.pods_by_owner.remove(&(owner, uid));
            self.dirty_replica_sets.insert(owner);
        }
    }

    /// Takes the `(namespace, name)` of the pods removed since the last call, in removal order.
    #[cfg(feature = "printers")]
    pub fn drain_removed_pods(&mut self) -> std::vec::Drain<'_, Key> {
        self.removed_pods.drain(..)
    }

    /// Wakes `pod` at tick `at` (a tick before 0 is due at once, as 0 is).
    pub fn wake_at(&mut self, at: Seconds, pod: Uid) {
        self.wakeups.insert((u64::try_from(at).unwrap_or(0), pod));
    }

    /// Removes and returns the earliest wake-up due at or before `now`.
    pub fn next_due_wakeup(&mut self, now: Seconds) -> Option<Uid> {
        let &(at, uid) = self.wakeups.first()?;
        u64::try_from(now).is_ok_and(|now| at <= now).then(|| {
            self.wakeups.pop_first();
            uid
        })
    }

    // ----- Services -----

    pub fn service(&self, key: &Key) -> Option<&Service> {
        self.services.get(key)
    }

    /// All Services, ordered by namespace then name.
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.services.values()
    }

    /// Counts one more Service created and returns how many there were before it.
    pub fn count_service_created(&mut self) -> u32 {
        let n = self.services_created;
        self.services_created += 1;
        n
    }

    /// Stores a Service, new or replacing the one of its namespace and name.
    pub fn put_service(&mut self, service: Service) {
        self.services.insert(key_of(&service.metadata), service);
    }

    pub fn remove_service(&mut self, key: &Key) -> Option<Service> {
        self.services.remove(key)
    }

    // ----- Nodes -----

    /// The nodes, in the cluster's order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.name == name)
    }

    /// Changes a node through `f` (which must keep its name); `None` when there is no such node.
    pub fn update_node<R>(&mut self, name: &str, f: impl FnOnce(&mut Node) -> R) -> Option<R> {
        let node = self.nodes.iter_mut().find(|n| n.name == name)?;
        let out = f(node);
        debug_assert_eq!(node.name, name, "a node's name is immutable");
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::objects::{ContainerRef, Resources};
    use super::super::scheduler::FitError;
    use super::super::testing::new_replica_set;
    use super::super::ImageRegistry;
    use super::*;

    /// The Deployments the generated ReplicaSets belong to (the store does not check owners).
    const OWNERS: [Uid; 2] = [1_000, 2_000];

    fn replica_set(uid: Uid, name: &str, owner: Option<Uid>) -> ReplicaSet {
        let d = Deployment::new("default", "web", "web", "nginx:1.25", 1);
        let mut rs = new_replica_set(&d, name, 1, true);
        rs.metadata.uid = uid;
        rs.owner = owner;
        rs
    }

    fn pod(uid: Uid, name: &str, owner: Option<Uid>) -> Pod {
        let image = "nginx:1.25".to_string();
        let mut metadata = ObjectMeta::named("default", name);
        metadata.uid = uid;
        Pod {
            metadata,
            owner,
            node_name: None,
            node_selector: BTreeMap::new(),
            init_containers: Vec::new(),
            containers: vec![ContainerRef {
                name: "web".into(),
                profile: ImageRegistry::builtin().resolve(&image),
                image,
            }],
            phase: PodPhase::Pending,
            reason: None,
            init_container_statuses: Vec::new(),
            container_statuses: Vec::new(),
            ready_since: None,
            start_time: None,
            ready_transition: None,
            requests: Resources::default(),
            termination_grace_period_seconds: 30,
            unschedulable: None,
            written: 0,
        }
    }

    /// Every index, rebuilt from the maps, equals the one the store keeps.
    fn assert_indexes_agree(store: &Store) {
        assert!(
            store
                .deployments
                .windows(2)
                .all(|w| by_name(&w[0].metadata, &key_of(&w[1].metadata)).is_lt()),
            "Deployments sorted by namespace and name"
        );
        assert!(
            store
                .replica_sets
                .windows(2)
                .all(|w| w[0].metadata.uid < w[1].metadata.uid),
            "ReplicaSets sorted by uid"
        );
        let mut rs_by_name: Vec<(Key, Uid)> = store
            .replica_sets
            .iter()
            .map(|rs| (key_of(&rs.metadata), rs.metadata.uid))
            .collect();
        rs_by_name.sort();
        assert_eq!(store.rs_by_name, rs_by_name, "ReplicaSets by name");

        let pod_by_name: HashMap<Key, Uid> = store
            .pods
            .values()
            .map(|pod| (key_of(&pod.metadata), pod.metadata.uid))
            .collect();
        assert_eq!(store.pod_by_name, pod_by_name, "pods by name");
        let mut pods_by_owner: BTreeSet<(Uid, Uid)> = BTreeSet::new();
        for (uid, pod) in &store.pods {
            assert_eq!(*uid, pod.metadata.uid, "a pod is stored under its uid");
            if let Some(owner) = pod.owner {
                pods_by_owner.insert((owner, *uid));
            }
        }
        assert_eq!(store.pods_by_owner, pods_by_owner, "pods by owner");
        let unscheduled: BTreeSet<Uid> = store
            .pods
            .values()
            .filter(|pod| pod.node_name.is_none())
            .map(|pod| pod.metadata.uid)
            .collect();
        assert_eq!(store.unscheduled, unscheduled, "unscheduled pods");
    }

    /// One step of a generated sequence. `pick` chooses among the stored objects, or a uid that
    /// was never stored when it falls past them.
    #[derive(Debug, Clone)]
    enum Op {
        InsertReplicaSet {
            name: u8,
            owner: Option<usize>,
        },
        ScaleReplicaSet {
            pick: usize,
            replicas: i32,
        },
        SetReplicaSetStatus {
            pick: usize,
            replicas: i32,
        },
        RemoveReplicaSet {
            pick: usize,
        },
        InsertPod {
            name: u8,
            owner: Option<usize>,
        },
        BindPod {
            pick: usize,
            node: Option<u8>,
        },
        ChangePod {
            pick: usize,
            phase: PodPhase,
            ready: bool,
            delete: bool,
            message: bool,
        },
        RemovePod {
            pick: usize,
        },
        TakeDirty,
        DrainRemoved,
    }

    fn phase() -> impl Strategy<Value = PodPhase> {
        prop::sample::select(vec![
            PodPhase::Pending,
            PodPhase::Running,
            PodPhase::Succeeded,
            PodPhase::Failed,
            PodPhase::Unknown,
        ])
    }

    fn op() -> impl Strategy<Value = Op> {
        let pick = 0usize..12;
        prop_oneof![
            (0u8..8, prop::option::of(0usize..3))
                .prop_map(|(name, owner)| Op::InsertReplicaSet { name, owner }),
            (pick.clone(), 0i32..4)
                .prop_map(|(pick, replicas)| Op::ScaleReplicaSet { pick, replicas }),
            (pick.clone(), 0i32..4)
                .prop_map(|(pick, replicas)| Op::SetReplicaSetStatus { pick, replicas }),
            pick.clone().prop_map(|pick| Op::RemoveReplicaSet { pick }),
            (0u8..16, prop::option::of(0usize..8))
                .prop_map(|(name, owner)| Op::InsertPod { name, owner }),
            (pick.clone(), prop::option::of(0u8..3))
                .prop_map(|(pick, node)| Op::BindPod { pick, node }),
            (
                pick.clone(),
                phase(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>()
            )
                .prop_map(|(pick, phase, ready, delete, message)| Op::ChangePod {
                    pick,
                    phase,
                    ready,
                    delete,
                    message,
                }),
            pick.prop_map(|pick| Op::RemovePod { pick }),
            Just(Op::TakeDirty),
            Just(Op::DrainRemoved),
        ]
    }

    /// The uid `pick` names: one of `stored`, or one never handed out.
    fn chosen(stored: &[Uid], pick: usize) -> Uid {
        stored.get(pick).copied().unwrap_or(999_999)
    }

    /// Applies `op`, checking what it promises about dirtiness, removal and missing keys.
    fn apply(store: &mut Store, op: &Op) {
        let rs_uids: Vec<Uid> = store
            .replica_sets
            .iter()
            .map(|rs| rs.metadata.uid)
            .collect();
        let pod_uids: Vec<Uid> = store.pods.keys().copied().collect();
        match *op {
            Op::InsertReplicaSet { name, owner } => {
                let uid = store.next_uid();
                let name = format!("web-{name}");
                let free = store
                    .replica_set_by_name(&("default".into(), name.clone()))
                    .is_none();
                let rs = replica_set(uid, &name, owner.map(|i| OWNERS[i % 2] + i as Uid));
                assert_eq!(
                    store.insert_replica_set(rs),
                    free,
                    "a taken name is refused"
                );
                assert_eq!(store.replica_set(uid).is_some(), free);
                assert_eq!(
                    store.dirty_replica_sets.contains(&uid),
                    free,
                    "a new one is dirty"
                );
            }
            Op::ScaleReplicaSet { pick, replicas } => {
                let uid = chosen(&rs_uids, pick);
                let scaled = store.update_replica_set(uid, |rs| rs.spec.replicas = replicas);
                assert_eq!(scaled.is_some(), rs_uids.contains(&uid));
                if scaled.is_some() {
                    assert!(
                        store.dirty_replica_sets.contains(&uid),
                        "an update is dirty"
                    );
                }
            }
            Op::SetReplicaSetStatus { pick, replicas } => {
                let uid = chosen(&rs_uids, pick);
                let was_dirty = store.dirty_replica_sets.contains(&uid);
                let status = ReplicaSetStatus {
                    replicas,
                    ..ReplicaSetStatus::default()
                };
                let before = store.replica_set(uid).map(|rs| rs.status.clone());
                let changed = store.update_replica_set_status(uid, status.clone());
                assert_eq!(changed, before.is_some_and(|b| b != status));
                assert_eq!(
                    store.dirty_replica_sets.contains(&uid),
                    was_dirty,
                    "a status write leaves dirtiness alone"
                );
            }
            Op::RemoveReplicaSet { pick } => {
                let uid = chosen(&rs_uids, pick);
                let removed = store.remove_replica_set(uid);
                assert_eq!(removed.is_some(), rs_uids.contains(&uid));
                assert!(store.replica_set(uid).is_none());
                if removed.is_some() {
                    assert!(!store.dirty_replica_sets.contains(&uid), "nothing to sync");
                }
            }
            Op::InsertPod { name, owner } => {
                let uid = store.next_uid();
                let name = format!("web-x-{name}");
                let free = !store.pod_name_taken(&("default".into(), name.clone()));
                let owner = owner.map(|i| chosen(&rs_uids, i));
                assert_eq!(store.insert_pod(pod(uid, &name, owner)), free);
                assert_eq!(store.pod(uid).is_some(), free);
                if let (true, Some(owner)) = (free, owner) {
                    assert!(
                        store.dirty_replica_sets.contains(&owner),
                        "a new pod dirties"
                    );
                }
            }
            Op::BindPod { pick, node } => {
                let uid = chosen(&pod_uids, pick);
                let node = node.map(|n| format!("node-{n}"));
                let owner = store.pod(uid).and_then(|p| p.owner);
                let was_bound = store.pod(uid).map(|p| p.node_name.is_some());
                store.take_dirty_replica_sets();
                let bound = store.update_pod(uid, |pod| pod.node_name = node.clone());
                assert_eq!(bound.is_some(), pod_uids.contains(&uid));
                let binding_changed = was_bound.is_some_and(|was| was != node.is_some());
                if let (true, Some(owner)) = (binding_changed, owner) {
                    assert!(
                        store.dirty_replica_sets.contains(&owner),
                        "a binding dirties"
                    );
                }
            }
            Op::ChangePod {
                pick,
                phase,
                ready,
                delete,
                message,
            } => {
                let uid = chosen(&pod_uids, pick);
                let before = store.pod(uid).map(SeenByOwner::of);
                store.take_dirty_replica_sets();
                let changed = store.update_pod(uid, |pod| {
                    pod.phase = phase;
                    pod.ready_since = ready.then_some(3);
                    if delete {
                        pod.metadata.deletion_timestamp = Some(4);
                    }
                    if message {
                        pod.unschedulable = Some(FitError::new(3));
                    }
                    SeenByOwner::of(pod)
                });
                assert_eq!(changed.is_some(), pod_uids.contains(&uid));
                let owner = store.pod(uid).and_then(|p| p.owner);
                let seen_changed = before.is_some() && before != changed;
                assert_eq!(
                    owner.is_some_and(|o| store.dirty_replica_sets.contains(&o)),
                    seen_changed && owner.is_some(),
                    "the owner is dirty exactly when what it counts changed"
                );
            }
            Op::RemovePod { pick } => {
                let uid = chosen(&pod_uids, pick);
                let gone = store.pod(uid).map(|p| (key_of(&p.metadata), p.owner));
                let removed_before = store.removed_pods.len();
                store.remove_pod(uid);
                assert!(store.pod(uid).is_none());
                match gone {
                    Some((key, owner)) => {
                        assert_eq!(store.removed_pods.last(), Some(&key), "its name is kept");
                        if let Some(owner) = owner {
                            assert!(store.dirty_replica_sets.contains(&owner));
                        }
                    }
                    None => assert_eq!(store.removed_pods.len(), removed_before),
                }
            }
            Op::TakeDirty => {
                let taken = store.take_dirty_replica_sets();
                assert!(store.dirty_replica_sets.is_empty());
                assert!(taken.iter().is_sorted(), "in uid order");
            }
            Op::DrainRemoved => {
                let count = store.removed_pods.len();
                assert_eq!(store.drain_removed_pods().count(), count);
                assert!(store.removed_pods.is_empty());
            }
        }
    }

    proptest! {
        #[test]
        fn after_any_sequence_of_changes_the_indexes_agree_with_the_maps(
            ops in prop::collection::vec(op(), 1..60)
        ) {
            let mut store = Store::new(Vec::new());
            for op in &ops {
                apply(&mut store, op);
                assert_indexes_agree(&store);
                let clone = store.clone();
                assert_indexes_agree(&clone);
            }
            // What the readers see agrees with the indexes too.
            for rs in store.replica_sets() {
                let owned: Vec<Uid> = rs
                    .owner
                    .map(|o| store.replica_sets_of(o).map(|r| r.metadata.uid).collect())
                    .unwrap_or_default();
                prop_assert!(rs.owner.is_none() || owned.contains(&rs.metadata.uid));
                for pod in store.pods_of(rs.metadata.uid) {
                    prop_assert_eq!(pod.owner, Some(rs.metadata.uid));
                }
            }
            let unscheduled: Vec<Uid> = store.unscheduled().collect();
            prop_assert!(unscheduled.iter().all(|uid| store.pod(*uid).is_some_and(|p| p.node_name.is_none())));
        }
    }

    #[test]
    fn given_an_empty_store_then_every_lookup_by_a_missing_key_is_none() {
        let mut store = Store::new(Vec::new());
        let key: Key = ("default".into(), "nope".into());
        assert!(store.deployment(&key).is_none());
        assert!(store.update_deployment(&key, |_| ()).is_none());
        assert!(store.remove_deployment(&key).is_none());
        assert!(store.replica_set(7).is_none());
        assert!(store.replica_set_by_name(&key).is_none());
        assert!(store.update_replica_set(7, |_| ()).is_none());
        assert!(!store.update_replica_set_status(7, ReplicaSetStatus::default()));
        assert!(store.remove_replica_set(7).is_none());
        assert_eq!(store.replica_sets_of(7).count(), 0);
        assert!(store.pod(7).is_none());
        assert!(store.pod_by_name(&key).is_none());
        assert!(store.update_pod(7, |_| ()).is_none());
        store.remove_pod(7);
        assert_eq!(store.pods_of(7).count(), 0);
        assert!(store.node("node-9").is_none());
        assert!(store.update_node("node-9", |_| ()).is_none());
        assert!(
            store.take_dirty_replica_sets().is_empty(),
            "nothing missing was marked"
        );
        assert_eq!(store.drain_removed_pods().count(), 0);
    }

    #[test]
    fn given_a_pod_when_it_is_bound_then_it_leaves_the_unscheduled_pods_and_its_rs_is_dirty() {
        let mut store = Store::new(Vec::new());
        let rs_uid = store.next_uid();
        assert!(store.insert_replica_set(replica_set(rs_uid, "web-1", Some(OWNERS[0]))));
        let pod_uid = store.next_uid();
        assert!(store.insert_pod(pod(pod_uid, "web-1-abcde", Some(rs_uid))));
        assert_eq!(store.unscheduled().collect::<Vec<_>>(), [pod_uid]);
        store.take_dirty_replica_sets();

        store.update_pod(pod_uid, |pod| pod.unschedulable = Some(FitError::new(0)));
        assert!(
            store.take_dirty_replica_sets().is_empty(),
            "a message is nothing the ReplicaSet counts"
        );
        store.update_pod(pod_uid, |pod| pod.node_name = Some("node-1".into()));
        assert_eq!(store.unscheduled().count(), 0);
        assert_eq!(
            store
                .take_dirty_replica_sets()
                .into_iter()
                .collect::<Vec<_>>(),
            [rs_uid]
        );
    }
}
