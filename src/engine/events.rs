//! The closed set of things that happen in a simulation and are reported to its consumers
//! (`EventKind`), each with its facts as typed fields. Upstream's reason, type and reporting
//! component follow from the kind, and its message text is rendered from the facts in one place
//! (`Message`), when someone reads it: `kubectl describe`, the traces and the UI all call it, and
//! nothing reads a message back.
//!
//! The kinds carry the names of upstream's constants where it has them (the kubelet's
//! `events.PulledImage`, the Deployment controller's `RollbackDone`); `Reason` is the string
//! they stand for.

use std::fmt;

use super::autoscaling::{FailedToGetUtilization, MetricError};
use super::objects::{ObjectMeta, Seconds, WaitingReason};
use super::podautoscaler::RescaleReason;
use super::scheduler::FitError;
use crate::quote::Quoted;

/// `Normal` or `Warning`, as in `kubectl describe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    Normal,
    Warning,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// The component that reported an event (the `From` column of `kubectl describe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    DeploymentController,
    ReplicaSetController,
    Scheduler,
    Kubelet,
    NodeController,
    HorizontalPodAutoscaler,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::DeploymentController => "deployment-controller",
            Source::ReplicaSetController => "replicaset-controller",
            Source::Scheduler => "default-scheduler",
            Source::Kubelet => "kubelet",
            Source::NodeController => "node-controller",
            Source::HorizontalPodAutoscaler => "horizontal-pod-autoscaler",
        }
    }
}

/// Every event reason the simulation emits (upstream's strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    ScalingReplicaSet,
    SelectingAll,
    DeploymentRollback,
    DeploymentRollbackRevisionNotFound,
    DeploymentRollbackTemplateUnchanged,
    SuccessfulCreate,
    SuccessfulDelete,
    FailedScheduling,
    Scheduled,
    Pulling,
    Pulled,
    Failed,
    BackOff,
    Created,
    Started,
    Killing,
    NodeNotReady,
    NodeReady,
    SuccessfulRescale,
    FailedGetScale,
    FailedGetResourceMetric,
    FailedComputeMetricsReplicas,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::ScalingReplicaSet => "ScalingReplicaSet",
            Reason::SelectingAll => "SelectingAll",
            Reason::DeploymentRollback => "DeploymentRollback",
            Reason::DeploymentRollbackRevisionNotFound => "DeploymentRollbackRevisionNotFound",
            Reason::DeploymentRollbackTemplateUnchanged => "DeploymentRollbackTemplateUnchanged",
            Reason::SuccessfulCreate => "SuccessfulCreate",
            Reason::SuccessfulDelete => "SuccessfulDelete",
            Reason::FailedScheduling => "FailedScheduling",
            Reason::Scheduled => "Scheduled",
            Reason::Pulling => "Pulling",
            Reason::Pulled => "Pulled",
            Reason::Failed => "Failed",
            Reason::BackOff => "BackOff",
            Reason::Created => "Created",
            Reason::Started => "Started",
            Reason::Killing => "Killing",
            Reason::NodeNotReady => "NodeNotReady",
            Reason::NodeReady => "NodeReady",
            Reason::SuccessfulRescale => "SuccessfulRescale",
            Reason::FailedGetScale => "FailedGetScale",
            Reason::FailedGetResourceMetric => "FailedGetResourceMetric",
            Reason::FailedComputeMetricsReplicas => "FailedComputeMetricsReplicas",
        }
    }
}

/// Which way `scaleReplicaSet` was told a ReplicaSet goes. The caller chooses: one ReplicaSet
/// compares its sizes (`scaleReplicaSetAndRecordEvent`), proportional scaling uses the sign of
/// the change to the whole Deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleDirection {
    Up,
    Down,
}

impl ScaleDirection {
    pub fn as_str(self) -> &'static str {
        match self {
            ScaleDirection::Up => "up",
            ScaleDirection::Down => "down",
        }
    }
}

/// Why the kubelet could not get an image for a container (`images.ErrImagePull`,
/// `images.ErrImagePullBackOff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImagePullError {
    /// The pull was just tried and failed.
    ErrImagePull,
    /// The kubelet waits out its back-off before the next try.
    ImagePullBackOff,
}

impl ImagePullError {
    /// The reason the container waits with, which is the error's word.
    pub fn waiting_reason(self) -> WaitingReason {
        match self {
            ImagePullError::ErrImagePull => WaitingReason::ErrImagePull,
            ImagePullError::ImagePullBackOff => WaitingReason::ImagePullBackOff,
        }
    }
}

/// What happened, with its facts. The object it happened to is the event's `object`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A Deployment's ReplicaSet changed size (`scaleReplicaSet`, or a new ReplicaSet created at
    /// `to` replicas, `from` 0).
    ScalingReplicaSet {
        replica_set: String,
        direction: ScaleDirection,
        from: i32,
        to: i32,
    },
    /// A Deployment with an empty selector, which the controller refuses to act on.
    SelectingAll,
    /// The legacy rollback annotation rolled the Deployment back to `revision`.
    RollbackDone {
        revision: i64,
    },
    /// The legacy rollback asked for a revision no ReplicaSet has (`revision` 0: the previous
    /// one, and there is none).
    RollbackRevisionNotFound {
        revision: i64,
    },
    /// The legacy rollback asked for `revision`, whose template is the current one.
    RollbackTemplateUnchanged {
        revision: i64,
    },
    /// A ReplicaSet created a pod.
    SuccessfulCreate {
        pod: String,
    },
    /// A ReplicaSet deleted a pod.
    SuccessfulDelete {
        pod: String,
    },
    /// The scheduler bound the pod to a node.
    Scheduled {
        node: String,
    },
    /// The scheduler found no node for the pod, and why.
    FailedScheduling {
        fit_error: FitError,
    },
    /// The kubelet starts pulling an image for the pod.
    PullingImage {
        image: String,
    },
    /// An image pull finished after `seconds`. Every pod pulls on its own, so no time is spent
    /// waiting for another pull.
    PulledImage {
        image: String,
        seconds: Seconds,
    },
    /// An image pull failed (the registry does not have the image).
    FailedToPullImage {
        image: String,
    },
    /// The kubelet waits before pulling an image again.
    BackOffPullImage {
        image: String,
    },
    /// A container could not be created for want of its image.
    FailedToCreateContainer {
        error: ImagePullError,
    },
    CreatedContainer {
        container: String,
    },
    StartedContainer {
        container: String,
    },
    /// A running container is being stopped (its pod is terminating).
    KillingContainer {
        container: String,
    },
    /// A container exited and waits out its back-off before it is restarted (CrashLoopBackOff).
    BackOffStartContainer {
        container: String,
    },
    /// The node stopped answering.
    NodeNotReady,
    /// The node answers again.
    NodeReady,
    /// An HPA changed its target's size.
    SuccessfulRescale {
        new_size: i32,
        reason: RescaleReason,
    },
    /// An HPA's target Deployment does not exist.
    FailedGetScale {
        target: String,
    },
    /// An HPA could not read or use its resource metric.
    FailedGetResourceMetric {
        error: Box<MetricError>,
    },
    /// Every metric of an HPA failed, so it computed no count.
    FailedComputeMetricsReplicas {
        error: Box<MetricError>,
    },
}

impl EventKind {
    pub fn reason(&self) -> Reason {
        match self {
            EventKind::ScalingReplicaSet { .. } => Reason::ScalingReplicaSet,
            EventKind::SelectingAll => Reason::SelectingAll,
            EventKind::RollbackDone { .. } => Reason::DeploymentRollback,
            EventKind::RollbackRevisionNotFound { .. } => {
                Reason::DeploymentRollbackRevisionNotFound
            }
            EventKind::RollbackTemplateUnchanged { .. } => {
                Reason::DeploymentRollbackTemplateUnchanged
            }
            EventKind::SuccessfulCreate { .. } => Reason::SuccessfulCreate,
            EventKind::SuccessfulDelete { .. } => Reason::SuccessfulDelete,
            EventKind::Scheduled { .. } => Reason::Scheduled,
            EventKind::FailedScheduling { .. } => Reason::FailedScheduling,
            EventKind::PullingImage { .. } => Reason::Pulling,
            EventKind::PulledImage { .. } => Reason::Pulled,
            EventKind::FailedToPullImage { .. } | EventKind::FailedToCreateContainer { .. } => {
                Reason::Failed
            }
            EventKind::BackOffPullImage { .. } | EventKind::BackOffStartContainer { .. } => {
                Reason::BackOff
            }
            EventKind::CreatedContainer { .. } => Reason::Created,
            EventKind::StartedContainer { .. } => Reason::Started,
            EventKind::KillingContainer { .. } => Reason::Killing,
            EventKind::NodeNotReady => Reason::NodeNotReady,
            EventKind::NodeReady => Reason::NodeReady,
            EventKind::SuccessfulRescale { .. } => Reason::SuccessfulRescale,
            EventKind::FailedGetScale { .. } => Reason::FailedGetScale,
            EventKind::FailedGetResourceMetric { .. } => Reason::FailedGetResourceMetric,
            EventKind::FailedComputeMetricsReplicas { .. } => Reason::FailedComputeMetricsReplicas,
        }
    }

    pub fn event_type(&self) -> EventType {
        match self {
            EventKind::SelectingAll
            | EventKind::RollbackRevisionNotFound { .. }
            | EventKind::RollbackTemplateUnchanged { .. }
            | EventKind::FailedScheduling { .. }
            | EventKind::FailedToPullImage { .. }
            | EventKind::FailedToCreateContainer { .. }
            | EventKind::BackOffStartContainer { .. }
            | EventKind::FailedGetScale { .. }
            | EventKind::FailedGetResourceMetric { .. }
            | EventKind::FailedComputeMetricsReplicas { .. } => EventType::Warning,
            // The kubelet logs its image pull back-off as Normal (`logIt`), unlike a restart's.
            EventKind::ScalingReplicaSet { .. }
            | EventKind::RollbackDone { .. }
            | EventKind::SuccessfulCreate { .. }
            | EventKind::SuccessfulDelete { .. }
            | EventKind::Scheduled { .. }
            | EventKind::PullingImage { .. }
            | EventKind::PulledImage { .. }
            | EventKind::BackOffPullImage { .. }
            | EventKind::CreatedContainer { .. }
            | EventKind::StartedContainer { .. }
            | EventKind::KillingContainer { .. }
            | EventKind::NodeNotReady
            | EventKind::NodeReady
            | EventKind::SuccessfulRescale { .. } => EventType::Normal,
        }
    }

    pub fn source(&self) -> Source {
        match self {
            EventKind::ScalingReplicaSet { .. }
            | EventKind::SelectingAll
            | EventKind::RollbackDone { .. }
            | EventKind::RollbackRevisionNotFound { .. }
            | EventKind::RollbackTemplateUnchanged { .. } => Source::DeploymentController,
            EventKind::SuccessfulCreate { .. } | EventKind::SuccessfulDelete { .. } => {
                Source::ReplicaSetController
            }
            EventKind::Scheduled { .. } | EventKind::FailedScheduling { .. } => Source::Scheduler,
            EventKind::PullingImage { .. }
            | EventKind::PulledImage { .. }
            | EventKind::FailedToPullImage { .. }
            | EventKind::BackOffPullImage { .. }
            | EventKind::FailedToCreateContainer { .. }
            | EventKind::CreatedContainer { .. }
            | EventKind::StartedContainer { .. }
            | EventKind::KillingContainer { .. }
            | EventKind::BackOffStartContainer { .. } => Source::Kubelet,
            EventKind::NodeNotReady | EventKind::NodeReady => Source::NodeController,
            EventKind::SuccessfulRescale { .. }
            | EventKind::FailedGetScale { .. }
            | EventKind::FailedGetResourceMetric { .. }
            | EventKind::FailedComputeMetricsReplicas { .. } => Source::HorizontalPodAutoscaler,
        }
    }

    /// Upstream's message for this event about `object`.
    pub fn message<'a>(&'a self, object: &'a ObjectRef) -> Message<'a> {
        Message { kind: self, object }
    }
}

/// An event's message text, written when displayed (`to_string()` for a `String`).
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    kind: &'a EventKind,
    object: &'a ObjectRef,
}

impl fmt::Display for Message<'_> {
    /// The one place where upstream's message texts are written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = &self.object.name;
        match self.kind {
            EventKind::ScalingReplicaSet {
                replica_set,
                direction,
                from,
                to,
            } => write!(
                f,
                "Scaled {} replica set {replica_set} from {from} to {to}",
                direction.as_str()
            ),
            EventKind::SelectingAll => f.write_str(
                "This deployment is selecting all pods. A non-empty selector is required.",
            ),
            EventKind::RollbackDone { revision } => {
                write!(f, "Rolled back deployment {name} to revision {revision}", name = Quoted(&name))
            }
            EventKind::RollbackRevisionNotFound { revision: 0 } => {
                f.write_str("Unable to find last revision.")
            }
            EventKind::RollbackRevisionNotFound { .. } => {
                f.write_str("Unable to find the revision to rollback to.")
            }
            EventKind::RollbackTemplateUnchanged { .. } => write!(
                f,
                "The rollback revision contains the same template as current deployment {name}", name = Quoted(&name)
            ),
            EventKind::SuccessfulCreate { pod } => write!(f, "Created pod: {pod}"),
            EventKind::SuccessfulDelete { pod } => write!(f, "Deleted pod: {pod}"),
            EventKind::Scheduled { node } => write!(
                f,
                "Successfully assigned {}/{name} to {node}",
                self.object.namespace
            ),
            EventKind::FailedScheduling { fit_error } => write!(f, "{fit_error}"),
            EventKind::PullingImage { image } => write!(f, "Pulling image {image}", image = Quoted(&image)),
            EventKind::PulledImage { image, seconds } => write!(
                f,
                "Successfully pulled image {image} in {seconds}s ({seconds}s including waiting)", image = Quoted(&image)
            ),
            EventKind::FailedToPullImage { image } => write!(
                f,
                "Failed to pull image {image}: rpc error: code = NotFound desc = failed to pull and unpack image {image}: not found", image = Quoted(&image)
            ),
            EventKind::BackOffPullImage { image } => write!(f, "Back-off pulling image {image}", image = Quoted(&image)),
            EventKind::FailedToCreateContainer { error } => {
                write!(f, "Error: {}", error.waiting_reason().as_str())
            }
            EventKind::CreatedContainer { container } => {
                write!(f, "Created container: {container}")
            }
            EventKind::StartedContainer { container } => write!(f, "Started container {container}"),
            EventKind::KillingContainer { container } => {
                write!(f, "Stopping container {container}")
            }
            EventKind::BackOffStartContainer { container } => write!(
                f,
                "Back-off restarting failed container {container} in pod {name}"
            ),
            EventKind::NodeNotReady => write!(f, "Node {name} status is now: NodeNotReady"),
            EventKind::NodeReady => write!(f, "Node {name} status is now: NodeReady"),
            EventKind::SuccessfulRescale { new_size, reason } => {
                write!(f, "New size: {new_size}; reason: {}", reason.as_str())
            }
            EventKind::FailedGetScale { target } => {
                write!(f, "deployments.apps {} not found", Quoted(&target))
            }
            EventKind::FailedGetResourceMetric { error } => {
                write!(f, "{}", FailedToGetUtilization(error))
            }
            EventKind::FailedComputeMetricsReplicas { error } => write!(
                f,
                "invalid metrics (1 invalid out of 1), first error is: {}",
                FailedToGetUtilization(error)
            ),
        }
    }
}

/// The kinds of object an event can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    Deployment,
    ReplicaSet,
    Pod,
    Node,
    HorizontalPodAutoscaler,
}

impl ObjectKind {
    /// The kind as the API names it (`involvedObject.kind`): `ReplicaSet`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Deployment => "Deployment",
            ObjectKind::ReplicaSet => "ReplicaSet",
            ObjectKind::Pod => "Pod",
            ObjectKind::Node => "Node",
            ObjectKind::HorizontalPodAutoscaler => "HorizontalPodAutoscaler",
        }
    }

    /// The resource's singular name, as kubectl takes it and prints it (`replicaset/web-5d9`).
    pub fn singular(self) -> &'static str {
        match self {
            ObjectKind::Deployment => "deployment",
            ObjectKind::ReplicaSet => "replicaset",
            ObjectKind::Pod => "pod",
            ObjectKind::Node => "node",
            ObjectKind::HorizontalPodAutoscaler => "horizontalpodautoscaler",
        }
    }
}

/// The object an event is about (`involvedObject`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub namespace: String,
    pub name: String,
}

impl ObjectRef {
    pub fn new(kind: ObjectKind, namespace: &str, name: &str) -> ObjectRef {
        ObjectRef {
            kind,
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }

    /// The object that `metadata` names.
    pub fn of(kind: ObjectKind, metadata: &ObjectMeta) -> ObjectRef {
        ObjectRef::new(kind, &metadata.namespace, &metadata.name)
    }

    /// `Kind/name`, as the traces and the browser's event log print the involved object.
    pub fn label(&self) -> String {
        format!("{}/{}", self.kind.as_str(), self.name)
    }
}

/// One event, as `kubectl get events` would list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub time: Seconds,
    pub object: ObjectRef,
    pub kind: EventKind,
}

impl Event {
    pub fn reason(&self) -> Reason {
        self.kind.reason()
    }

    pub fn event_type(&self) -> EventType {
        self.kind.event_type()
    }

    pub fn source(&self) -> Source {
        self.kind.source()
    }

    pub fn message(&self) -> Message<'_> {
        self.kind.message(&self.object)
    }

    /// What the object's history keeps of this event (the object itself is the history's key).
    pub fn kept(&self) -> KeptEvent {
        KeptEvent {
            time: self.time,
            kind: self.kind.clone(),
        }
    }
}

/// One event in an object's history, as `kubectl describe` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptEvent {
    pub time: Seconds,
    pub kind: EventKind,
}
#[cfg(test)]
mod tests {
    use super::{EventKind, KeptEvent};

    /// Events are many (about eight per pod) and each is kept in its object's history too: the
    /// facts stay as small as a name and a number.
    #[test]
    fn an_event_kind_is_no_bigger_than_a_name_and_a_number() {
        assert!(std::mem::size_of::<EventKind>() <= 40);
        assert!(std::mem::size_of::<KeptEvent>() <= 48);
    }
}
