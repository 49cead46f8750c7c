//! The view models: plain data read from the simulation after each change, which the components
//! draw. Nothing here computes a number: every one is read from the engine or from its helpers.

use std::cell::Cell;
use std::rc::Rc;

use crate::engine::deployment_util::{max_surge, min_available};
use crate::engine::images::DEMO_REPOSITORY;
use crate::engine::{
    ConditionStatus, ContainerState, Deployment, DeploymentConditionReason,
    DeploymentConditionType, DownscaleHold, HpaConditionType, Pod, PodPhase, ReplicaSet, Seconds,
    ServiceLoad, Simulation, StrategyType, Uid, WaitingReason, CHANGE_CAUSE_ANNOTATION,
    REVISION_HISTORY_ANNOTATION,
};
use crate::kubectl;

/// How a pod is drawn: each look has its own shape, outline and glyph, not only a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Look {
    /// Not scheduled yet, or its image is being pulled / its container created.
    Creating,
    /// The container runs but the readiness probe has not passed.
    Starting,
    /// Ready.
    Ready,
    /// Being deleted (graceful termination).
    Terminating,
    /// ErrImagePull or ImagePullBackOff.
    PullError,
    /// CrashLoopBackOff, or the container has just exited.
    CrashLoop,
    /// On a node that stopped answering (shown as Unknown by kubectl).
    Lost,
    /// Succeeded or Failed: the pod's containers are gone for good.
    Stopped,
}

impl Look {
    /// Every look, in the order the legend and the aggregate counts list them.
    pub const ALL: [Look; 8] = [
        Look::Creating,
        Look::Starting,
        Look::Ready,
        Look::Terminating,
        Look::PullError,
        Look::CrashLoop,
        Look::Lost,
        Look::Stopped,
    ];

    /// The pod's CSS class (`pod--ready`), without building it.
    pub fn pod_class(self) -> &'static str {
        match self {
            Look::Creating => "pod--creating",
            Look::Starting => "pod--starting",
            Look::Ready => "pod--ready",
            Look::Terminating => "pod--terminating",
            Look::PullError => "pod--pull-error",
            Look::CrashLoop => "pod--crash-loop",
            Look::Lost => "pod--lost",
            Look::Stopped => "pod--stopped",
        }
    }

    /// The legend's words.
    pub fn label(self) -> &'static str {
        match self {
            Look::Creating => "Pending / creating",
            Look::Starting => "Running, not ready",
            Look::Ready => "Ready",
            Look::Terminating => "Terminating",
            Look::PullError => "Image pull error",
            Look::CrashLoop => "Crash loop",
            Look::Lost => "Node lost",
            Look::Stopped => "Completed / failed",
        }
    }

    /// How the engine's pod reads, as a look.
    pub fn of(pod: &Pod) -> Look {
        if pod.is_terminating() {
            return if pod.is_node_lost() {
                Look::Lost
            } else {
                Look::Terminating
            };
        }
        match pod.phase {
            PodPhase::Succeeded | PodPhase::Failed => return Look::Stopped,
            PodPhase::Unknown => return Look::Lost,
            PodPhase::Pending | PodPhase::Running => {}
        }
        let waiting_on = |reasons: &[WaitingReason]| {
            pod.container_statuses.iter().any(|c| match c.state {
                ContainerState::Waiting { reason } => reasons.contains(&reason),
                _ => false,
            })
        };
        let exited = pod
            .container_statuses
            .iter()
            .any(|c| matches!(c.state, ContainerState::Terminated { .. }));
        if waiting_on(&[WaitingReason::ErrImagePull, WaitingReason::ImagePullBackOff]) {
            Look::PullError
        } else if waiting_on(&[WaitingReason::CrashLoopBackOff]) || exited {
            Look::CrashLoop
        } else if pod.is_ready() {
            Look::Ready
        } else if pod.phase == PodPhase::Running {
            Look::Starting
        } else {
            Look::Creating
        }
    }
}

/// Colours per ReplicaSet: the Okabe-Ito palette (safe for the common colour-vision
/// deficiencies), without its black (`c0`..`c6` in the stylesheet).
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
];

/// A ReplicaSet's palette slot, the same for its whole life (`None`: no revision, drawn grey).
/// It follows the revision the ReplicaSet was created with: a rollback gives an old
/// ReplicaSet a new revision but records its earlier ones, oldest first, in the
/// `revision-history` annotation, so revision 1 stays slot 0 when it comes back as revision 3.
pub fn colour_of(rs: &ReplicaSet) -> Option<usize> {
    let first = rs
        .metadata
        .annotations
        .get(REVISION_HISTORY_ANNOTATION)
        .and_then(|h| h.split(',').next()?.parse::<i64>().ok())
        .unwrap_or_else(|| rs.revision());
    (first > 0).then(|| ((first - 1) % PALETTE.len() as i64) as usize)
}

/// `data-phase`: the pod's phase, or `Terminating` while it is being deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownPhase {
    Phase(PodPhase),
    Terminating,
}

impl ShownPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            ShownPhase::Phase(phase) => phase.as_str(),
            ShownPhase::Terminating => "Terminating",
        }
    }
}

/// One pod, as the cluster view and the pods table draw it. `Eq`, so that comparing two
/// `Rc<PodView>` (a pod's props) first compares the pointers: `View::of` keeps the `Rc` of an
/// unchanged pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodView {
    /// `namespace/name`: unique in the cluster (names repeat across namespaces).
    pub key: String,
    /// The simulation's uid of the pod: how `View::of` finds its previous view quickly.
    pub uid: Uid,
    pub name: String,
    /// The owning ReplicaSet's name ("" for an orphan).
    pub rs: String,
    /// The owning ReplicaSet's `namespace/name` ("" for an orphan).
    pub rs_key: String,
    pub revision: i64,
    /// Its ReplicaSet's colour (`colour_of`).
    pub colour: Option<usize>,
    pub phase: ShownPhase,
    pub ready: bool,
    pub look: Look,
    /// The STATUS column of `kubectl get pods`.
    pub status: String,
    /// The READY column (`1/1`).
    pub ready_count: String,
    pub restarts: i32,
    pub node: Option<String>,
    pub created: Seconds,
    /// The pod's write stamp (`Pod::written`) when this view was found to show it.
    pub written: Cell<u64>,
}

impl PodView {
    fn new(pod: &Pod, owner: Option<&Owner>) -> Self {
        PodView {
            key: key_of(&pod.metadata.namespace, &pod.metadata.name),
            uid: pod.metadata.uid,
            name: pod.metadata.name.clone(),
            rs: owner.map(|o| o.name.to_string()).unwrap_or_default(),
            rs_key: owner.map(|o| o.key.clone()).unwrap_or_default(),
            revision: owner.map_or(0, |o| o.revision),
            colour: owner.and_then(|o| o.colour),
            phase: shown_phase(pod),
            ready: pod.is_ready(),
            look: Look::of(pod),
            status: kubectl::pod_status(pod),
            ready_count: ready_count(pod),
            restarts: pod.restarts(),
            node: pod.node_name.clone(),
            created: pod.metadata.creation_timestamp,
            written: Cell::new(pod.written),
        }
    }

    /// Whether this view is what `PodView::new` would make of the pod now, found without
    /// building that (eight strings per pod, for a thousand pods at every tick).
    fn shows(&self, pod: &Pod, owner: Option<&Owner>) -> bool {
        self.owned_alike(owner)
            && self.uid == pod.metadata.uid
            && self.phase == shown_phase(pod)
            && self.ready == pod.is_ready()
            && self.look == Look::of(pod)
            && self.restarts == pod.restarts()
            && self.created == pod.metadata.creation_timestamp
            && self.node == pod.node_name
            && self.name == pod.metadata.name
            && self.namespace() == pod.metadata.namespace
            && self.ready_count == ready_count(pod)
            && self.status == kubectl::pod_status(pod)
    }

    /// Whether this view names `owner` as it is now (its name, revision and colour).
    fn owned_alike(&self, owner: Option<&Owner>) -> bool {
        match owner {
            Some(o) => {
                self.rs == o.name
                    && self.rs_key == o.key
                    && self.revision == o.revision
                    && self.colour == o.colour
            }
            None => self.rs.is_empty() && self.rs_key.is_empty() && self.revision == 0,
        }
    }

    /// The pod's namespace, from its key.
    pub fn namespace(&self) -> &str {
        self.key
            .split_once('/')
            .map_or("", |(namespace, _)| namespace)
    }

    /// The accessible name: `web-5d5d-x2k9q: Running, Ready, revision 2`.
    pub fn label(&self) -> String {
        let mut label = format!(
            "{}: {}, {}, revision {}",
            self.name,
            self.phase.as_str(),
            if self.ready { "Ready" } else { "Not ready" },
            self.revision
        );
        if self.status != self.phase.as_str() {
            label.push_str(&format!(" ({})", self.status));
        }
        label
    }
}

/// The phase a pod is shown in: Terminating once it is being deleted.
fn shown_phase(pod: &Pod) -> ShownPhase {
    if pod.is_terminating() {
        ShownPhase::Terminating
    } else {
        ShownPhase::Phase(pod.phase)
    }
}

/// The READY column: ready containers over containers (`1/1`).
fn ready_count(pod: &Pod) -> String {
    let ready = pod.container_statuses.iter().filter(|c| c.ready).count();
    format!("{ready}/{}", pod.container_statuses.len().max(1))
}

/// What a pod's view takes from its ReplicaSet, worked out once for all its pods.
struct Owner<'a> {
    name: &'a str,
    key: String,
    revision: i64,
    colour: Option<usize>,
}

impl<'a> Owner<'a> {
    fn of(rs: &'a ReplicaSet) -> Self {
        Owner {
            name: &rs.metadata.name,
            key: key_of(&rs.metadata.namespace, &rs.metadata.name),
            revision: rs.revision(),
            colour: colour_of(rs),
        }
    }
}

/// A list of pods' positions sorted by uid: to find, in that list, the pod another list holds
/// (the uid identifies a pod within one simulation; callers check its key too).
pub struct ByUid(Vec<usize>);

impl ByUid {
    pub fn of(pods: &[Rc<PodView>]) -> Self {
        let mut order: Vec<usize> = (0..pods.len()).collect();
        crate::engine::sorting::sort_by(&mut order, &|&a, &b| pods[a].uid.cmp(&pods[b].uid));
        ByUid(order)
    }

    /// Where the pod with this uid is in `pods`, the list this was made of.
    pub fn find(&self, pods: &[Rc<PodView>], uid: Uid) -> Option<usize> {
        let found = self.0.binary_search_by(|&i| pods[i].uid.cmp(&uid));
        found.ok().map(|i| self.0[i])
    }
}

/// The previous views of the pods: an unchanged pod keeps its `Rc`, so that what draws it sees
/// at once that nothing changed.
struct Previous<'a> {
    pods: &'a [Rc<PodView>],
    by_uid: ByUid,
}

impl<'a> Previous<'a> {
    fn of(pods: &'a [Rc<PodView>]) -> Self {
        Previous {
            pods,
            by_uid: ByUid::of(pods),
        }
    }

    /// The pod's view: the previous one if it still shows it, else a new one. The pod's write
    /// stamp tells at once: a store earlier or later in the run than the one the views were
    /// made of (played on, or a checkpoint) holds a pod that was not written in between with
    /// the same stamp and content, and a pod written in between with a stamp newer than the
    /// views' (a view's stamp is brought up to date whenever it is compared in full).
    fn view(&self, pod: &Pod, owner: Option<&Owner>) -> Rc<PodView> {
        let Some(at) = self.by_uid.find(self.pods, pod.metadata.uid) else {
            return Rc::new(PodView::new(pod, owner));
        };
        let before = &self.pods[at];
        let unwritten = before.written.get() == pod.written;
        if unwritten && before.owned_alike(owner) {
            Rc::clone(before)
        } else if before.shows(pod, owner) {
            before.written.set(pod.written);
            Rc::clone(before)
        } else {
            Rc::new(PodView::new(pod, owner))
        }
    }
}

/// `namespace/name`, the identity of an object (names repeat across namespaces).
pub fn key_of(namespace: &str, name: &str) -> String {
    format!("{namespace}/{name}")
}

/// How a table names an object: `name` in the default namespace, `namespace/name` elsewhere.
pub fn shown(key: &str) -> &str {
    key.strip_prefix("default/").unwrap_or(key)
}

/// One ReplicaSet: a group of the cluster view and a row of the `rs` table.
#[derive(Debug, Clone, PartialEq)]
pub struct RsView {
    /// `namespace/name`.
    pub key: String,
    pub name: String,
    /// The owning Deployment's `namespace/name`.
    pub deployment: String,
    pub revision: i64,
    pub colour: Option<usize>,
    pub images: String,
    pub desired: i32,
    pub current: i32,
    pub ready: i32,
    pub created: Seconds,
}

/// One row of the `deploy` table.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentRow {
    /// `namespace/name`.
    pub key: String,
    pub name: String,
    pub namespace: String,
    pub replicas: i32,
    pub ready: i32,
    pub updated: i32,
    pub available: i32,
    pub created: Seconds,
}

/// A Deployment condition, as `kubectl describe` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionRow {
    pub kind: DeploymentConditionType,
    pub status: ConditionStatus,
    pub reason: DeploymentConditionReason,
    pub message: String,
}

/// One revision of `kubectl rollout history`.
#[derive(Debug, Clone, PartialEq)]
pub struct RevisionRow {
    pub revision: i64,
    /// Its ReplicaSet's colour (`colour_of`).
    pub colour: Option<usize>,
    pub change_cause: String,
    pub images: String,
    /// The revision the Deployment runs now.
    pub current: bool,
}

/// The Deployment the controls act on: the one picked (`State::focus`), else the first by
/// namespace and name.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusView {
    /// `namespace/name`.
    pub key: String,
    pub name: String,
    /// `deployment/web`, plus ` -n NS` outside the default namespace.
    pub target: String,
    pub container: String,
    pub image: String,
    pub replicas: i32,
    pub paused: bool,
    pub strategy: StrategyType,
    pub max_surge: String,
    pub max_unavailable: String,
    pub min_ready_seconds: i32,
    pub progress_deadline_seconds: i32,
    pub conditions: Vec<ConditionRow>,
    pub history: Vec<RevisionRow>,
    /// The live object as an apply-able manifest (what the YAML editor loads).
    pub manifest: String,
    /// Surge ceiling and availability floor (replicas + maxSurge, replicas - maxUnavailable).
    pub ceiling: i32,
    pub floor: i32,
}

impl FocusView {
    fn new(key: String, d: &Deployment, replica_sets: &[&ReplicaSet]) -> Self {
        let rolling = d.spec.strategy.rolling_update.as_ref();
        let show = |v: Option<&crate::engine::intstr::IntOrString>| {
            v.map_or_else(|| "25%".to_string(), ToString::to_string)
        };
        let (ceiling, floor) = fenceposts(d);
        let current = d.revision();
        FocusView {
            key,
            name: d.metadata.name.clone(),
            target: if d.metadata.namespace == "default" {
                format!("deployment/{}", d.metadata.name)
            } else {
                format!("deployment/{} -n {}", d.metadata.name, d.metadata.namespace)
            },
            container: d
                .spec
                .template
                .spec
                .containers
                .first()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            image: d.spec.template.spec.first_image().to_string(),
            replicas: d.spec.replicas,
            paused: d.spec.paused,
            strategy: d.spec.strategy.kind,
            max_surge: show(rolling.and_then(|r| r.max_surge.as_ref())),
            max_unavailable: show(rolling.and_then(|r| r.max_unavailable.as_ref())),
            min_ready_seconds: d.spec.min_ready_seconds,
            progress_deadline_seconds: d.spec.progress_deadline_seconds,
            conditions: d
                .status
                .conditions
                .iter()
                .map(|c| ConditionRow {
                    kind: c.kind,
                    status: c.status,
                    reason: c.reason,
                    message: c.message.clone(),
                })
                .collect(),
            history: {
                let mut rows: Vec<RevisionRow> = replica_sets
                    .iter()
                    .map(|rs| RevisionRow {
                        revision: rs.revision(),
                        colour: colour_of(rs),
                        change_cause: rs
                            .metadata
                            .annotations
                            .get(CHANGE_CAUSE_ANNOTATION)
                            .filter(|c| !c.is_empty())
                            .cloned()
                            .unwrap_or_else(|| "<none>".to_string()),
                        images: rs.spec.template.images().join(", "),
                        current: rs.revision() == current,
                    })
                    .collect();
                crate::engine::sorting::sort_by_key(&mut rows, &|r| r.revision);
                rows
            },
            manifest: manifest_of(d),
            ceiling,
            floor,
        }
    }
}

/// The surge ceiling and availability floor of a Deployment, with the engine's own helpers
/// (`MaxSurge`, `MinAvailable`): replicas + maxSurge and replicas - maxUnavailable.
pub fn fenceposts(d: &Deployment) -> (i32, i32) {
    (d.spec.replicas + max_surge(d), min_available(d))
}

/// The live Deployment as a manifest `kubectl apply -f -` accepts: apiVersion, kind, name,
/// namespace, labels and the whole spec (status and server fields left out).
pub fn manifest_of(d: &Deployment) -> String {
    let mut metadata = serde_json::Map::new();
    metadata.insert("name".into(), d.metadata.name.clone().into());
    if d.metadata.namespace != "default" {
        metadata.insert("namespace".into(), d.metadata.namespace.clone().into());
    }
    if !d.metadata.labels.is_empty() {
        metadata.insert(
            "labels".into(),
            serde_json::to_value(&d.metadata.labels).unwrap_or_default(),
        );
    }
    let manifest = serde_json::json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": metadata,
        "spec": d.spec,
    });
    crate::manifest::to_yaml(&manifest)
}

/// The focused Deployment's traffic: its first Service (`kubectl expose` names it after the
/// Deployment) and what its endpoints made of the load at the last tick.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandView {
    pub service: String,
    /// How the `traffic` verb names it: `web`, plus ` -n NS` outside the default namespace.
    pub target: String,
    pub load: ServiceLoad,
}

impl DemandView {
    fn of(sim: &Simulation, d: &Deployment) -> Option<DemandView> {
        let s = sim.services_of(d).next()?;
        let (namespace, name) = (&s.metadata.namespace, &s.metadata.name);
        Some(DemandView {
            service: name.clone(),
            target: if namespace == "default" {
                name.clone()
            } else {
                format!("{name} -n {namespace}")
            },
            load: sim
                .service_load(namespace, name)
                .copied()
                .unwrap_or_default(),
        })
    }
}

/// The focused Deployment's HorizontalPodAutoscaler, as `kubectl describe hpa` tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct HpaView {
    pub name: String,
    /// The CPU target, percent of request.
    pub target: i32,
    /// The utilization at the last sync (`None` before the first metric).
    pub utilization: Option<i32>,
    pub current: i32,
    pub desired: i32,
    pub min: i32,
    pub max: i32,
    pub last_scale: Option<Seconds>,
    /// A scale-down the stabilization window holds back.
    pub hold: Option<DownscaleHold>,
    /// Why it cannot compute a size (ScalingActive False), in upstream's words.
    pub problem: Option<String>,
}

impl HpaView {
    fn of(sim: &Simulation, d: &Deployment) -> Option<HpaView> {
        let h = sim.autoscaler_of(d)?;
        let problem = h
            .status
            .condition(HpaConditionType::ScalingActive)
            .filter(|c| c.status == ConditionStatus::False)
            .map(|c| c.reason.message().to_string());
        Some(HpaView {
            name: h.metadata.name.clone(),
            target: h.spec.metrics.first().map_or(0, |m| m.average_utilization),
            utilization: h
                .status
                .current_metrics
                .first()
                .map(|m| m.average_utilization),
            current: h.status.current_replicas,
            desired: h.status.desired_replicas,
            min: h.spec.min_replicas,
            max: h.spec.max_replicas,
            last_scale: h.status.last_scale_time,
            hold: sim.downscale_hold(&h.metadata.namespace, &h.metadata.name),
            problem,
        })
    }
}

/// A node, with what the cluster view shows in its header.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    pub name: String,
    pub ready: bool,
    pub unschedulable: bool,
}

/// Everything the components draw at one tick.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct View {
    pub tick: i64,
    pub focus: Option<Rc<FocusView>>,
    pub deployments: Rc<Vec<DeploymentRow>>,
    /// ReplicaSets of every Deployment, newest first within a Deployment.
    pub replica_sets: Rc<Vec<RsView>>,
    /// Every pod, grouped by ReplicaSet in the order of `replica_sets`, orphans last.
    pub pods: Rc<Vec<Rc<PodView>>>,
    pub nodes: Rc<Vec<NodeView>>,
    /// Image references the image picker offers.
    pub images: Rc<Vec<String>>,
    /// The focused Deployment's Service and load (`None`: it has no Service).
    pub demand: Option<Rc<DemandView>>,
    pub hpa: Option<Rc<HpaView>>,
}

impl View {
    /// Reads the simulation; the controls act on the Deployment `focus` names (`namespace/name`)
    /// when it exists, else on the first. A pod drawn the same as in `before` (the view shown
    /// until now) keeps its `Rc`, so that its component compares its props by pointer.
    /// `before` must be views of this run's simulation (at this tick or any other): a pod's
    /// write stamp tells only within a run.
    pub fn of(sim: &Simulation, focus: Option<&str>, before: &[Rc<PodView>]) -> View {
        let previous = Previous::of(before);
        let mut replica_sets = Vec::new();
        let mut pods = Vec::with_capacity(sim.pod_count());
        let mut deployments = Vec::new();
        let picked = focus.filter(|key| {
            sim.deployments()
                .any(|d| key_of(&d.metadata.namespace, &d.metadata.name) == *key)
        });
        let mut focus_view = None;
        let (mut demand, mut hpa) = (None, None);
        for d in sim.deployments() {
            let owned = sim.replica_sets_of(d);
            let key = key_of(&d.metadata.namespace, &d.metadata.name);
            if focus_view.is_none() && picked.is_none_or(|k| k == key) {
                focus_view = Some(Rc::new(FocusView::new(key.clone(), d, &owned)));
                demand = DemandView::of(sim, d).map(Rc::new);
                hpa = HpaView::of(sim, d).map(Rc::new);
            }
            deployments.push(DeploymentRow {
                key: key.clone(),
                name: d.metadata.name.clone(),
                namespace: d.metadata.namespace.clone(),
                replicas: d.spec.replicas,
                ready: d.status.ready_replicas,
                updated: d.status.updated_replicas,
                available: d.status.available_replicas,
                created: d.metadata.creation_timestamp,
            });
            for rs in owned.iter().rev() {
                replica_sets.push(RsView {
                    key: key_of(&rs.metadata.namespace, &rs.metadata.name),
                    name: rs.metadata.name.clone(),
                    deployment: key.clone(),
                    revision: rs.revision(),
                    colour: colour_of(rs),
                    images: rs.spec.template.images().join(", "),
                    desired: rs.spec.replicas,
                    current: rs.status.replicas,
                    ready: rs.status.ready_replicas,
                    created: rs.metadata.creation_timestamp,
                });
                let owner = Owner::of(rs);
                pods.extend(sim.pods_of(rs).map(|p| previous.view(p, Some(&owner))));
            }
        }
        let focus = focus_view;
        // Pods without a Deployment, if any: every other pod is listed by now.
        if pods.len() < sim.pod_count() {
            pods.extend(
                sim.pods()
                    .filter(|p| sim.owner_of_pod(p).is_none_or(|rs| rs.owner.is_none()))
                    .map(|p| previous.view(p, sim.owner_of_pod(p).map(Owner::of).as_ref())),
            );
        }
        let mut images: Vec<String> = ["nginx", DEMO_REPOSITORY]
            .iter()
            .flat_map(|repo| {
                sim.images()
                    .tags(repo)
                    .into_iter()
                    .map(move |tag| format!("{repo}:{tag}"))
            })
            .collect();
        if let Some(f) = &focus {
            if !images.contains(&f.image) {
                images.insert(0, f.image.clone());
            }
        }
        View {
            tick: sim.now(),
            focus,
            deployments: Rc::new(deployments),
            replica_sets: Rc::new(replica_sets),
            pods: Rc::new(pods),
            nodes: Rc::new(
                sim.nodes()
                    .iter()
                    .map(|n| NodeView {
                        name: n.name.clone(),
                        ready: n.ready,
                        unschedulable: n.unschedulable,
                    })
                    .collect(),
            ),
            images: Rc::new(images),
            demand,
            hpa,
        }
    }
}
