//! The closed set of things that happen in a simulation and are reported to its consumers, with
//! upstream's event reasons and message texts.

use serde::Serialize;

use super::objects::Seconds;

/// `Normal` or `Warning`, as in `kubectl describe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EventType {
    Normal,
    Warning,
}

/// The component that reported an event (the `From` column of `kubectl describe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Source {
    #[serde(rename = "deployment-controller")]
    DeploymentController,
    #[serde(rename = "replicaset-controller")]
    ReplicaSetController,
    #[serde(rename = "default-scheduler")]
    Scheduler,
    #[serde(rename = "kubelet")]
    Kubelet,
    #[serde(rename = "node-controller")]
    NodeController,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::DeploymentController => "deployment-controller",
            Source::ReplicaSetController => "replicaset-controller",
            Source::Scheduler => "default-scheduler",
            Source::Kubelet => "kubelet",
            Source::NodeController => "node-controller",
        }
    }
}

/// Every event reason the simulation emits (upstream's strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Reason {
    ScalingReplicaSet,
    SelectingAll,
    ReplicaSetCreateError,
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
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::ScalingReplicaSet => "ScalingReplicaSet",
            Reason::SelectingAll => "SelectingAll",
            Reason::ReplicaSetCreateError => "ReplicaSetCreateError",
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
        }
    }
}

/// The object an event is about (`involvedObject`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ObjectRef {
    /// `Deployment`, `ReplicaSet`, `Pod` or `Node`.
    pub kind: &'static str,
    pub namespace: String,
    pub name: String,
}

/// One event, as `kubectl get events` would list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub time: Seconds,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub reason: Reason,
    pub object: ObjectRef,
    pub source: Source,
    pub message: String,
}

impl Event {
    /// `Kind/name`, as the trace prints the involved object.
    pub fn object_label(&self) -> String {
        format!("{}/{}", self.object.kind, self.object.name)
    }

    /// What the object's history keeps of this event (the object itself is the history's key).
    pub fn kept(&self) -> KeptEvent {
        KeptEvent {
            time: self.time,
            kind: self.kind,
            reason: self.reason,
            source: self.source,
            message: self.message.clone(),
        }
    }
}

/// One event in an object's history, as `kubectl describe` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptEvent {
    pub time: Seconds,
    pub kind: EventType,
    pub reason: Reason,
    pub source: Source,
    pub message: String,
}
