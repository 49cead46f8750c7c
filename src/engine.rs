//! The deterministic simulation of a Kubernetes cluster running Deployments.
//!
//! Glossary:
//! - **tick**: one simulated second. `Simulation::run_tick` plays tick `now`: pod lifecycle
//!   (kubelet), then the controllers (ReplicaSet, Deployment, scheduler) again and again until none
//!   of them changes anything. `Simulation::advance` moves the clock to the next tick.
//! - **store**: the objects the API server holds (Deployments, ReplicaSets, Pods, Nodes), indexed
//!   by owner so that each tick costs O(pods) at most.
//! - **api**: the `create_*`/`update_*`/`delete_*` methods are the API server: they validate,
//!   default and store, or return an `ApiError` and change nothing. Past them nothing can fail.
//! - **event**: what the controllers and the kubelet report (`Event`): a closed set of kinds
//!   (`EventKind`), each with its facts; upstream's reason, type and text follow from the kind.
//! - **decision**: what a Deployment-controller step (or the ReplicaSet controller's
//!   `manageReplicas`) decided, with the numbers behind it (`Decision`, `Step`); `crate::why` puts
//!   it in plain words.
//!
//! Nothing in here reads the wall clock or OS randomness: time is the tick counter and randomness
//! comes from `SimRng`, seeded by the caller. Same inputs, same outputs, native or wasm.

pub mod autoscaling;
pub mod deployment_controller;
pub mod deployment_util;
pub mod errors;
pub mod events;
pub mod hash;
pub mod images;
pub mod intstr;
pub mod kubelet;
pub mod objects;
pub mod pod_ranking;
pub mod podautoscaler;
pub mod replicaset_controller;
pub mod rng;
pub mod scheduler;
pub mod service;
pub mod sorting;
pub mod store;
#[doc(hidden)]
pub mod testing;
pub mod traffic;
pub mod validation;

#[cfg(feature = "printers")]
use std::collections::{HashMap, VecDeque};

pub use autoscaling::{HorizontalPodAutoscaler, HpaConditionReason, HpaConditionType, MetricError};
pub use deployment_controller::decision::{
    ActiveOrLatest, Decision, Fencepost, GoneCause, GonePod, ReplicaSetRevision, Resize, Step,
    Victim, VictimState, NAMED_PODS,
};
pub use errors::{ApiError, FieldError, FieldErrorKind};
pub use events::{
    Event, EventKind, EventType, ImagePullError, KeptEvent, Message, ObjectKind, ObjectRef, Reason,
    ScaleDirection, Source,
};
pub use images::{ImageProfile, ImageRegistry, Readiness};
pub use objects::*;
pub use podautoscaler::replica_calculator;
pub use podautoscaler::{
    AutoscaleOutcome, Autoscaling, Computed, DownscaleHold, Limit, RescaleReason,
};
pub use scheduler::{FitError, Unfit};
pub use service::{Protocol, Service, ServicePort, ServiceSpec, ServiceType};
pub use traffic::{Ramp, ServiceLoad, Usage};

use store::Store;

/// Most replicas one Deployment may ask for in this simulator (see README: memory and speed).
pub const MAX_REPLICAS: i32 = 100_000;

/// How many events `describe` can show per object (older ones are dropped, as the API server's
/// event TTL drops them).
#[cfg(feature = "printers")]
const EVENTS_KEPT_PER_OBJECT: usize = 100;

/// Most controller passes in one tick before the loop stops (a safety net; a fixed point is
/// normally reached in a handful of passes).
const MAX_PASSES_PER_TICK: usize = 10_000;

/// What this simulator cannot hold, refused like a validation error (a real cluster has no such
/// cap; `MAX_REPLICAS` keeps memory and time bounded in a browser tab).
fn check_simulator_limits(deployment: &Deployment) -> Result<(), ApiError> {
    if deployment.spec.replicas <= MAX_REPLICAS {
        return Ok(());
    }
    Err(ApiError::Invalid {
        kind: "Deployment".into(),
        name: deployment.metadata.name.clone(),
        causes: vec![FieldError {
            field: "spec.replicas".into(),
            kind: FieldErrorKind::Invalid(deployment.spec.replicas.to_string()),
            detail: format!(
                "must be less than or equal to {MAX_REPLICAS} (DeploySim simulates at most {MAX_REPLICAS} replicas per Deployment)"
            ),
        }],
    })
}

/// What this simulator can autoscale: a Deployment (apps/v1), refused like a validation error
/// otherwise (upstream also scales ReplicaSets, StatefulSets and any scale subresource).
fn check_scale_target(hpa: &HorizontalPodAutoscaler) -> Result<(), ApiError> {
    let target = &hpa.spec.scale_target_ref;
    if target.kind == "Deployment" && target.api_version == "apps/v1" {
        return Ok(());
    }
    let (field, value) = if target.kind != "Deployment" {
        ("spec.scaleTargetRef.kind", &target.kind)
    } else {
        ("spec.scaleTargetRef.apiVersion", &target.api_version)
    };
    Err(ApiError::Invalid {
        kind: "HorizontalPodAutoscaler.autoscaling".into(),
        name: hpa.metadata.name.clone(),
        causes: vec![FieldError {
            field: field.into(),
            kind: FieldErrorKind::Invalid(crate::quote::go_quote(value)),
            detail: "DeploySim autoscales Deployments (apps/v1) only".into(),
        }],
    })
}

/// How a simulation starts: seed, nodes, and the image registry.
#[derive(Debug, Clone)]
pub struct SimConfig {
    pub seed: u64,
    pub nodes: Vec<Node>,
    pub images: ImageRegistry,
}

impl Default for SimConfig {
    /// Seed 0, three nodes without capacity limits, the built-in image registry.
    fn default() -> Self {
        SimConfig {
            seed: 0,
            nodes: default_nodes(3),
            images: ImageRegistry::builtin(),
        }
    }
}

/// `count` ready nodes named `node-1`, `node-2`, ... with no capacity limit.
pub fn default_nodes(count: usize) -> Vec<Node> {
    (1..=count)
        .map(|i| new_node(&format!("node-{i}"), None))
        .collect()
}

/// A ready, schedulable node with the standard labels.
pub fn new_node(name: &str, capacity: Option<Resources>) -> Node {
    let labels = sorting::map_of(
        [
            ("kubernetes.io/hostname", name),
            ("kubernetes.io/os", "linux"),
            ("beta.kubernetes.io/os", "linux"),
            ("kubernetes.io/arch", "amd64"),
            ("beta.kubernetes.io/arch", "amd64"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    Node {
        name: name.to_string(),
        capacity,
        ready: true,
        unschedulable: false,
        labels,
        creation_timestamp: 0,
    }
}

/// The whole simulated cluster.
#[derive(Debug, Clone)]
pub struct Simulation {
    now: Seconds,
    store: Store,
    images: ImageRegistry,
    rng: rng::SimRng,
    /// Events not yet taken by the caller.
    pending_events: Vec<Event>,
    /// The latest events about each object (at most `EVENTS_KEPT_PER_OBJECT`), for `describe`.
    /// Looked up, never iterated, so a hash map cannot make the simulation order-dependent.
    /// Kept only with kubectl's read printers: the page's main module has no `describe` to read
    /// it (its reader worker keeps its own).
    #[cfg(feature = "printers")]
    history: HashMap<ObjectRef, VecDeque<KeptEvent>>,
    /// Controller decisions not yet taken by the caller.
    pending_decisions: Vec<Decision>,
    /// The HPA controller's memory (recommendations, scale events, sync times).
    autoscaler: podautoscaler::HorizontalController,
    /// Each Service's offered load, and what the last tick played served and used.
    demand: traffic::Demand,
}

impl Simulation {
    pub fn new(config: SimConfig) -> Self {
        Simulation {
            now: 0,
            store: Store::new(config.nodes),
            images: config.images,
            rng: rng::SimRng::new(config.seed),
            pending_events: Vec::new(),
            #[cfg(feature = "printers")]
            history: HashMap::new(),
            pending_decisions: Vec::new(),
            autoscaler: podautoscaler::HorizontalController::default(),
            demand: traffic::Demand::default(),
        }
    }

    /// The current tick, in simulated seconds.
    pub fn now(&self) -> Seconds {
        self.now
    }

    /// Moves the clock to the next tick. Commands issued after this run at the new tick.
    pub fn advance(&mut self) {
        self.now += 1;
    }

    /// Plays the current tick: pod lifecycle, then every controller until nothing changes.
    pub fn run_tick(&mut self) {
        self.store.mark_time_dependent_replica_sets_dirty();
        if self.autoscaler.any_due(self.now) {
            // The HPAs due sync once, after the pod lifecycle and before the other controllers.
            kubelet::sync_pods(self);
            let usage = self.demand.usage().clone();
            podautoscaler::sync_all(self, usage.tick, &usage.cpu_millis);
        }
        for _ in 0..MAX_PASSES_PER_TICK {
            let mut changed = kubelet::sync_pods(self);
            changed |= scheduler::schedule_pending(self);
            changed |= replicaset_controller::sync_all(self);
            changed |= deployment_controller::sync_all(self);
            if !changed {
                break;
            }
        }
        #[cfg(feature = "printers")]
        for (namespace, name) in self.store.drain_removed_pods() {
            self.history.remove(&ObjectRef {
                kind: ObjectKind::Pod,
                namespace,
                name,
            });
        }
        let pods: Vec<&Pod> = self.store.pods().collect();
        self.demand.measure(self.now, self.store.services(), &pods);
    }

    /// The CPU each Running pod used during the last tick played (empty before the first):
    /// during tick t, before its own measurement, this is tick t-1's, what a metrics pipeline
    /// one tick behind reports.
    pub fn usage(&self) -> &Usage {
        self.demand.usage()
    }

    /// What a Service was offered, served and failed during the last tick played, and by how
    /// many endpoints; `None` for a Service not measured yet.
    pub fn service_load(&self, namespace: &str, name: &str) -> Option<&ServiceLoad> {
        self.demand.load(&(namespace.to_string(), name.to_string()))
    }

    /// The requests per second offered to a Service at tick `t` (0 when none was set).
    pub fn offered_load(&self, namespace: &str, name: &str, t: Seconds) -> i64 {
        self.demand
            .offered(&(namespace.to_string(), name.to_string()), t)
    }

    /// All Services, ordered by namespace then name.
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.store.services()
    }

    pub fn service(&self, namespace: &str, name: &str) -> Option<&Service> {
        self.store
            .service(&(namespace.to_string(), name.to_string()))
    }

    /// A Service's endpoints now (Ready, not terminating pods its selector matches), ordered by
    /// name.
    pub fn endpoints_of(&self, service: &Service) -> Vec<&Pod> {
        self.pods()
            .filter(|pod| service.has_endpoint(pod))
            .collect()
    }

    /// Takes the events reported since the last call, oldest first.
    /// The next tick's list starts with room for as many events as this one.
    pub fn take_events(&mut self) -> Vec<Event> {
        let room = self.pending_events.len();
        std::mem::replace(&mut self.pending_events, Vec::with_capacity(room))
    }

    /// Takes the controller decisions recorded since the last call, oldest first.
    pub fn take_decisions(&mut self) -> Vec<Decision> {
        std::mem::take(&mut self.pending_decisions)
    }

    pub(crate) fn record_decision(&mut self, decision: Decision) {
        self.pending_decisions.push(decision);
    }

    /// The latest events about one object (at most 100), oldest first.
    #[cfg(feature = "printers")]
    pub fn events_about(&self, object: &ObjectRef) -> Vec<&KeptEvent> {
        self.history
            .get(object)
            .map(|events| events.iter().collect())
            .unwrap_or_default()
    }

    /// Without kubectl's read printers no history is kept: the page's main module, built so,
    /// never describes (its reader worker does, from its own simulation).
    #[cfg(not(feature = "printers"))]
    pub fn events_about(&self, _: &ObjectRef) -> Vec<&KeptEvent> {
        Vec::new()
    }

    pub fn images(&self) -> &ImageRegistry {
        &self.images
    }

    // ----- reads -----

    /// All Deployments, ordered by namespace then name.
    pub fn deployments(&self) -> impl Iterator<Item = &Deployment> {
        self.store.deployments()
    }

    pub fn deployment(&self, namespace: &str, name: &str) -> Option<&Deployment> {
        self.store
            .deployment(&(namespace.to_string(), name.to_string()))
    }

    /// All ReplicaSets, ordered by namespace then name.
    pub fn replica_sets(&self) -> impl Iterator<Item = &ReplicaSet> {
        self.store.replica_sets()
    }

    pub fn replica_set(&self, namespace: &str, name: &str) -> Option<&ReplicaSet> {
        self.store
            .replica_set_by_name(&(namespace.to_string(), name.to_string()))
    }

    /// The ReplicaSets a Deployment owns, oldest first (`ReplicaSetsByCreationTimestamp`).
    pub fn replica_sets_of(&self, deployment: &Deployment) -> Vec<&ReplicaSet> {
        let mut list: Vec<&ReplicaSet> = self
            .store
            .replica_sets_of(deployment.metadata.uid)
            .collect();
        sorting::sort_by(&mut list, &|a, b| {
            sorting::replica_sets_by_creation_timestamp(a, b)
        });
        list
    }

    /// All pods, ordered by namespace then name.
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        let mut pods: Vec<&Pod> = self.store.pods().collect();
        sorting::sort_by(&mut pods, &|a, b| {
            (&a.metadata.namespace, &a.metadata.name)
                .cmp(&(&b.metadata.namespace, &b.metadata.name))
        });
        pods.into_iter()
    }

    pub fn pod(&self, namespace: &str, name: &str) -> Option<&Pod> {
        self.store
            .pod_by_name(&(namespace.to_string(), name.to_string()))
    }

    /// The pods a ReplicaSet owns (terminating ones included), in creation order.
    pub fn pods_of(&self, replica_set: &ReplicaSet) -> impl Iterator<Item = &Pod> {
        self.store.pods_of(replica_set.metadata.uid)
    }

    /// The number of pods in the store (terminating ones included).
    pub fn pod_count(&self) -> usize {
        self.store.pod_count()
    }

    pub fn nodes(&self) -> &[Node] {
        self.store.nodes()
    }

    pub fn node(&self, name: &str) -> Option<&Node> {
        self.store.node(name)
    }

    /// The ReplicaSet that owns a pod.
    pub fn owner_of_pod(&self, pod: &Pod) -> Option<&ReplicaSet> {
        pod.owner.and_then(|uid| self.store.replica_set(uid))
    }

    /// The Deployment that owns a ReplicaSet.
    pub fn owner_of_replica_set(&self, rs: &ReplicaSet) -> Option<&Deployment> {
        let uid = rs.owner?;
        self.store.deployments().find(|d| d.metadata.uid == uid)
    }

    /// All HorizontalPodAutoscalers, ordered by namespace then name.
    pub fn horizontal_pod_autoscalers(&self) -> impl Iterator<Item = &HorizontalPodAutoscaler> {
        self.store.horizontal_pod_autoscalers()
    }

    pub fn horizontal_pod_autoscaler(
        &self,
        namespace: &str,
        name: &str,
    ) -> Option<&HorizontalPodAutoscaler> {
        self.store
            .horizontal_pod_autoscaler(&(namespace.to_string(), name.to_string()))
    }

    // ----- writes (the API server) -----

    /// `POST` of an autoscaling/v2 HorizontalPodAutoscaler (already defaulted): validated,
    /// stored with an empty status, and queued for its first sync at this tick.
    pub fn create_horizontal_pod_autoscaler(
        &mut self,
        mut hpa: HorizontalPodAutoscaler,
    ) -> Result<(), ApiError> {
        let key = (hpa.metadata.namespace.clone(), hpa.metadata.name.clone());
        if self.store.horizontal_pod_autoscaler(&key).is_some() {
            return Err(ApiError::AlreadyExists {
                resource: "horizontalpodautoscalers.autoscaling".into(),
                name: key.1,
            });
        }
        validation::autoscaling::check_horizontal_pod_autoscaler(&hpa)?;
        check_scale_target(&hpa)?;
        hpa.metadata.uid = self.store.next_uid();
        hpa.metadata.generation = 1;
        hpa.metadata.creation_timestamp = self.now;
        hpa.metadata.deletion_timestamp = None;
        hpa.status = autoscaling::HorizontalPodAutoscalerStatus::default();
        self.store.insert_horizontal_pod_autoscaler(hpa);
        self.autoscaler.added(key, self.now);
        Ok(())
    }

    /// `PUT` of an HPA's spec, labels and annotations (its status stays). Returns whether
    /// anything changed; it takes effect at its next sync.
    pub fn update_horizontal_pod_autoscaler(
        &mut self,
        hpa: HorizontalPodAutoscaler,
    ) -> Result<bool, ApiError> {
        let key = (hpa.metadata.namespace.clone(), hpa.metadata.name.clone());
        if self.store.horizontal_pod_autoscaler(&key).is_none() {
            return Err(ApiError::not_found(
                "horizontalpodautoscalers.autoscaling",
                &key.1,
            ));
        }
        validation::autoscaling::check_horizontal_pod_autoscaler(&hpa)?;
        check_scale_target(&hpa)?;
        let changed = self.store.update_horizontal_pod_autoscaler(&key, |old| {
            let spec_changed = old.spec != hpa.spec;
            let meta_changed = old.metadata.labels != hpa.metadata.labels
                || old.metadata.annotations != hpa.metadata.annotations;
            if spec_changed {
                old.metadata.generation += 1;
            }
            old.spec = hpa.spec;
            old.metadata.labels = hpa.metadata.labels;
            old.metadata.annotations = hpa.metadata.annotations;
            spec_changed || meta_changed
        });
        Ok(changed.unwrap_or(false))
    }

    /// `DELETE` of an HPA: its target keeps its size, and the controller forgets it.
    pub fn delete_horizontal_pod_autoscaler(
        &mut self,
        namespace: &str,
        name: &str,
    ) -> Result<(), ApiError> {
        let key = (namespace.to_string(), name.to_string());
        if self.store.remove_horizontal_pod_autoscaler(&key).is_none() {
            return Err(ApiError::not_found(
                "horizontalpodautoscalers.autoscaling",
                name,
            ));
        }
        #[cfg(feature = "printers")]
        self.history.remove(&ObjectRef::new(
            ObjectKind::HorizontalPodAutoscaler,
            namespace,
            name,
        ));
        self.autoscaler.deleted(&key);
        Ok(())
    }

    /// `POST`: stores a new Deployment after defaulting and validation.
    pub fn create_deployment(&mut self, mut deployment: Deployment) -> Result<(), ApiError> {
        let key = (
            deployment.metadata.namespace.clone(),
            deployment.metadata.name.clone(),
        );
        if self.store.deployment(&key).is_some() {
            return Err(ApiError::AlreadyExists {
                resource: "deployments.apps".into(),
                name: key.1,
            });
        }
        validation::check_deployment(&deployment)?;
        check_simulator_limits(&deployment)?;
        deployment.metadata.uid = self.store.next_uid();
        deployment.metadata.generation = 1;
        deployment.metadata.creation_timestamp = self.now;
        deployment.metadata.deletion_timestamp = None;
        deployment.status = DeploymentStatus::default();
        self.store.insert_deployment(deployment);
        Ok(())
    }

    /// `PUT`: replaces a Deployment's spec, labels and annotations. The generation goes up when the
    /// spec or the annotations change (`pkg/registry/apps/deployment/strategy.go`). Returns whether
    /// anything changed.
    pub fn update_deployment(&mut self, deployment: Deployment) -> Result<bool, ApiError> {
        let key = (
            deployment.metadata.namespace.clone(),
            deployment.metadata.name.clone(),
        );
        let Some(old) = self.store.deployment(&key) else {
            return Err(ApiError::not_found("deployments.apps", &key.1));
        };
        validation::check_deployment_update(&deployment, old)?;
        check_simulator_limits(&deployment)?;
        let changed = self.store.update_deployment(&key, |old| {
            let spec_changed = old.spec != deployment.spec;
            let annotations_changed = old.metadata.annotations != deployment.metadata.annotations;
            let labels_changed = old.metadata.labels != deployment.metadata.labels;
            if !(spec_changed || annotations_changed || labels_changed) {
                return false;
            }
            if spec_changed || annotations_changed {
                old.metadata.generation += 1;
            }
            old.spec = deployment.spec;
            old.metadata.annotations = deployment.metadata.annotations;
            old.metadata.labels = deployment.metadata.labels;
            true
        });
        Ok(changed.unwrap_or(false))
    }

    /// `DELETE` with background cascading: the Deployment goes at once, its ReplicaSets with it,
    /// and their pods terminate gracefully.
    pub fn delete_deployment(&mut self, namespace: &str, name: &str) -> Result<(), ApiError> {
        let key = (namespace.to_string(), name.to_string());
        let Some(deployment) = self.store.remove_deployment(&key) else {
            return Err(ApiError::not_found("deployments.apps", name));
        };
        let owned: Vec<Uid> = self
            .store
            .replica_sets_of(deployment.metadata.uid)
            .map(|rs| rs.metadata.uid)
            .collect();
        for rs_uid in owned {
            let pods: Vec<Uid> = self.store.pods_of(rs_uid).map(|p| p.metadata.uid).collect();
            for pod in pods {
                self.start_pod_deletion(pod);
            }
            self.store.remove_replica_set(rs_uid);
        }
        Ok(())
    }

    /// `POST`: stores a new Service after validation, with the next cluster IP (unless it gives
    /// one, or `None`) and, for NodePort and LoadBalancer, a node port for each port without one.
    pub fn create_service(&mut self, mut service: Service) -> Result<(), ApiError> {
        let key = (
            service.metadata.namespace.clone(),
            service.metadata.name.clone(),
        );
        if self.store.service(&key).is_some() {
            return Err(ApiError::AlreadyExists {
                resource: "services".into(),
                name: key.1,
            });
        }
        validation::check_service(&service)?;
        let n = self.store.count_service_created();
        if service.spec.cluster_ip.is_empty() {
            service.spec.cluster_ip = service::cluster_ip(n);
        }
        self.allocate_node_ports(&mut service);
        service.metadata.uid = self.store.next_uid();
        service.metadata.generation = 0;
        service.metadata.creation_timestamp = self.now;
        service.metadata.deletion_timestamp = None;
        self.store.put_service(service);
        Ok(())
    }

    /// `PUT`: replaces a Service's spec, labels and annotations, keeping its cluster IP and node
    /// ports where the new one leaves them out (`spec.clusterIP` is immutable once set).
    /// Returns whether anything changed.
    pub fn update_service(&mut self, mut service: Service) -> Result<bool, ApiError> {
        let key = (
            service.metadata.namespace.clone(),
            service.metadata.name.clone(),
        );
        let Some(old) = self.store.service(&key) else {
            return Err(ApiError::not_found("services", &key.1));
        };
        if service.spec.cluster_ip.is_empty() {
            service.spec.cluster_ip = old.spec.cluster_ip.clone();
        }
        let mut causes = validation::validate_service(&service);
        if service.spec.cluster_ip != old.spec.cluster_ip {
            causes.insert(
                0,
                FieldError {
                    field: "spec.clusterIPs[0]".into(),
                    kind: FieldErrorKind::Invalid(crate::quote::go_quote(&service.spec.cluster_ip)),
                    detail: "may not change once set".into(),
                },
            );
        }
        if !causes.is_empty() {
            return Err(ApiError::Invalid {
                kind: "Service".into(),
                name: key.1,
                causes,
            });
        }
        for port in &mut service.spec.ports {
            if port.node_port == 0 && service.spec.service_type.has_node_ports() {
                if let Some(same) = old.spec.ports.iter().find(|p| p.port == port.port) {
                    port.node_port = same.node_port;
                }
            }
        }
        let old = old.clone();
        self.allocate_node_ports(&mut service);
        let changed = old.spec != service.spec
            || old.metadata.labels != service.metadata.labels
            || old.metadata.annotations != service.metadata.annotations;
        if changed {
            let mut updated = old;
            updated.spec = service.spec;
            updated.metadata.labels = service.metadata.labels;
            updated.metadata.annotations = service.metadata.annotations;
            self.store.put_service(updated);
        }
        Ok(changed)
    }

    /// Gives each port of a NodePort or LoadBalancer Service without a node port the lowest
    /// free one from 30000 (deterministic, where a real API server picks at random).
    fn allocate_node_ports(&self, service: &mut Service) {
        if !service.spec.service_type.has_node_ports() {
            return;
        }
        let mut taken: Vec<i32> = self
            .store
            .services()
            .filter(|s| {
                s.metadata.name != service.metadata.name
                    || s.metadata.namespace != service.metadata.namespace
            })
            .flat_map(|s| s.spec.ports.iter().map(|p| p.node_port))
            .chain(service.spec.ports.iter().map(|p| p.node_port))
            .collect();
        for port in &mut service.spec.ports {
            if port.node_port == 0 {
                let free = (service::FIRST_NODE_PORT..)
                    .find(|p| !taken.contains(p))
                    .unwrap_or(service::FIRST_NODE_PORT);
                port.node_port = free;
                taken.push(free);
            }
        }
    }

    /// `DELETE` of a Service: it goes at once, and so does the load offered to it.
    pub fn delete_service(&mut self, namespace: &str, name: &str) -> Result<(), ApiError> {
        let key = (namespace.to_string(), name.to_string());
        self.store
            .remove_service(&key)
            .ok_or_else(|| ApiError::not_found("services", name))?;
        self.demand.forget(&key);
        Ok(())
    }

    /// The load offered to a Service from this tick on: `rps` requests per second, reached in a
    /// straight line over `over` seconds from what it was offered at the previous tick (at once
    /// when `over` is 0). A missing Service is NotFound; a negative load or ramp is refused.
    pub fn set_traffic(
        &mut self,
        namespace: &str,
        name: &str,
        rps: i64,
        over: Seconds,
    ) -> Result<(), ApiError> {
        if self.service(namespace, name).is_none() {
            return Err(ApiError::not_found("services", name));
        }
        if rps < 0 || over < 0 {
            return Err(ApiError::BadRequest(format!(
                "traffic must be 0 or more requests per second over 0 or more seconds, got {rps} over {over}"
            )));
        }
        self.demand.set(
            (namespace.to_string(), name.to_string()),
            self.now,
            rps,
            over,
        );
        Ok(())
    }

    /// `DELETE` of a pod: it starts terminating (graceful deletion) and its ReplicaSet replaces it.
    pub fn delete_pod(&mut self, namespace: &str, name: &str) -> Result<(), ApiError> {
        let uid = self
            .store
            .pod_by_name(&(namespace.to_string(), name.to_string()))
            .map(|pod| pod.metadata.uid)
            .ok_or_else(|| ApiError::not_found("pods", name))?;
        self.start_pod_deletion(uid);
        Ok(())
    }

    /// Sets `spec.unschedulable` of a node (cordon/uncordon). Returns whether it changed.
    pub fn set_node_unschedulable(
        &mut self,
        name: &str,
        unschedulable: bool,
    ) -> Result<bool, ApiError> {
        self.store
            .update_node(name, |node| {
                std::mem::replace(&mut node.unschedulable, unschedulable) != unschedulable
            })
            .ok_or_else(|| ApiError::not_found("nodes", name))
    }

    /// The eviction API for every pod on a node (`kubectl drain`): returns the evicted pods as
    /// `namespace/name`, in name order.
    pub fn evict_pods_on_node(&mut self, name: &str) -> Result<Vec<String>, ApiError> {
        if self.node(name).is_none() {
            return Err(ApiError::not_found("nodes", name));
        }
        let victims: Vec<(String, Uid)> = self
            .pods()
            .filter(|p| p.node_name.as_deref() == Some(name) && !p.is_terminating())
            .map(|p| {
                (
                    format!("{}/{}", p.metadata.namespace, p.metadata.name),
                    p.metadata.uid,
                )
            })
            .collect();
        for (_, uid) in &victims {
            self.start_pod_deletion(*uid);
        }
        Ok(victims.into_iter().map(|(n, _)| n).collect())
    }

    /// A fault no kubectl command causes: the node stops answering. It turns NotReady, and its
    /// pods are marked for deletion with status `NodeLost` (shown as `Unknown`); they stay listed,
    /// stuck terminating, until the node comes back. Their ReplicaSets replace them elsewhere.
    /// (Upstream waits for the 300 s `not-ready`/`unreachable` tolerations first; see README.)
    pub fn fail_node(&mut self, name: &str) -> Result<bool, ApiError> {
        let was_ready = self
            .store
            .update_node(name, |node| std::mem::replace(&mut node.ready, false))
            .ok_or_else(|| ApiError::not_found("nodes", name))?;
        if !was_ready {
            return Ok(false);
        }
        let object = ObjectRef::new(ObjectKind::Node, "", name);
        self.record(object, EventKind::NodeNotReady);
        let lost: Vec<Uid> = self
            .store
            .pods()
            .filter(|p| p.node_name.as_deref() == Some(name))
            .map(|p| p.metadata.uid)
            .collect();
        for uid in lost {
            self.store.update_pod(uid, |pod| {
                pod.reason = Some(PodReason::NodeLost);
                pod.ready_since = None;
                for c in &mut pod.container_statuses {
                    c.ready = false;
                }
            });
            self.start_pod_deletion(uid);
        }
        Ok(true)
    }

    /// The node answers again: it turns Ready, and the pods lost with it are finally removed.
    pub fn recover_node(&mut self, name: &str) -> Result<bool, ApiError> {
        let was_ready = self
            .store
            .update_node(name, |node| std::mem::replace(&mut node.ready, true))
            .ok_or_else(|| ApiError::not_found("nodes", name))?;
        if was_ready {
            return Ok(false);
        }
        let object = ObjectRef::new(ObjectKind::Node, "", name);
        self.record(object, EventKind::NodeReady);
        let lost: Vec<Uid> = self
            .store
            .pods()
            .filter(|p| p.node_name.as_deref() == Some(name) && p.is_terminating())
            .map(|p| p.metadata.uid)
            .collect();
        for uid in lost {
            self.store.remove_pod(uid);
        }
        Ok(true)
    }

    // ----- internals shared by the controllers -----

    /// Records an event: queued for the caller, and kept in its object's history for `describe`
    /// (with kubectl's read printers).
    pub(crate) fn record(&mut self, object: ObjectRef, kind: EventKind) {
        let event = Event {
            time: self.now,
            object,
            kind,
        };
        #[cfg(feature = "printers")]
        self.keep(&event);
        self.pending_events.push(event);
    }

    /// Keeps an event in its object's history, dropping the oldest past
    /// `EVENTS_KEPT_PER_OBJECT`.
    #[cfg(feature = "printers")]
    fn keep(&mut self, event: &Event) {
        // Looked up by reference first: the object's key is cloned once, for its first event,
        // with room for a pod's start-up events.
        let kept = match self.history.get_mut(&event.object) {
            Some(kept) => kept,
            None => self
                .history
                .entry(event.object.clone())
                .or_insert_with(|| VecDeque::with_capacity(8)),
        };
        if kept.len() == EVENTS_KEPT_PER_OBJECT {
            kept.pop_front();
        }
        kept.push_back(event.kept());
    }

    /// Records events about one object, oldest first. Each event owns a copy of the object; the
    /// last one takes `object` itself.
    pub(crate) fn record_all(&mut self, object: ObjectRef, kinds: Vec<EventKind>) {
        let mut kinds = kinds.into_iter();
        let last = kinds.next_back();
        for kind in kinds {
            self.record(object.clone(), kind);
        }
        if let Some(kind) = last {
            self.record(object, kind);
        }
    }

    /// Starts graceful deletion of a pod: it is Terminating from now and gone after its grace
    /// period (the image's stop time, capped by `terminationGracePeriodSeconds`).
    pub(crate) fn start_pod_deletion(&mut self, uid: Uid) {
        let now = self.now;
        // Readiness probes keep running while a pod terminates (`1/1 Terminating`); the
        // ReplicaSet stops counting the pod at once all the same.
        let started = self.store.update_pod(uid, |pod| {
            let first = pod.metadata.deletion_timestamp.is_none();
            if first {
                pod.metadata.deletion_timestamp = Some(now);
            }
            first
        });
        let (Some(true), Some(pod)) = (started, self.store.pod(uid)) else {
            return;
        };
        let stop = kubelet::stop_seconds(pod);
        let on_lost_node = pod.is_node_lost();
        let unscheduled = pod.node_name.is_none();
        // A pod never scheduled has nothing to stop; one on a lost node waits for the node.
        if unscheduled {
            self.store.remove_pod(uid);
            return;
        }
        if on_lost_node {
            return;
        }
        let killing: Vec<EventKind> = pod
            .container_statuses
            .iter()
            .filter(|c| matches!(c.state, ContainerState::Running { .. }))
            .map(|c| EventKind::KillingContainer {
                container: c.name.clone(),
            })
            .collect();
        let object = ObjectRef::of(ObjectKind::Pod, &pod.metadata);
        self.store.wake_at(now + stop, uid);
        self.record_all(object, killing);
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub(crate) fn autoscaler_mut(&mut self) -> &mut podautoscaler::HorizontalController {
        &mut self.autoscaler
    }

    pub(crate) fn rng(&mut self) -> &mut rng::SimRng {
        &mut self.rng
    }

    /// Deployments by key, for the controllers.
    pub(crate) fn deployment_keys(&self) -> Vec<(String, String)> {
        self.store.deployment_keys().collect()
    }
}
