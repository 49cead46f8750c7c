//! The event kinds pinned one by one: the reason, type and component each one reports, and the
//! message rendered from its facts, in upstream's words (KUBECTL.md §11, ALGORITHMS.md §4 and §8,
//! the kubelet's and the scheduler's texts).

use deploysim::engine::{
    Event, EventKind, EventType, FitError, ImagePullError, MetricError, ObjectKind, ObjectRef,
    Reason, RescaleReason, ScaleDirection, Source, Unfit,
};
use deploysim::scenario::trace::tick_text;
use deploysim::scenario::TickRecord;

fn fit_error(nodes: u32, refused: &[(Unfit, u32)]) -> FitError {
    let mut error = FitError::new(nodes);
    for &(filter, count) in refused {
        for _ in 0..count {
            error.refuse(filter);
        }
    }
    error
}

/// Each kind's place in the declaration, so that the table below must have a row for each: a new
/// kind fails to compile here until it is numbered, then fails the test until it has a row.
fn variant(kind: &EventKind) -> usize {
    match kind {
        EventKind::ScalingReplicaSet { .. } => 0,
        EventKind::SelectingAll => 1,
        EventKind::RollbackDone { .. } => 2,
        EventKind::RollbackRevisionNotFound { .. } => 3,
        EventKind::RollbackTemplateUnchanged { .. } => 4,
        EventKind::SuccessfulCreate { .. } => 5,
        EventKind::SuccessfulDelete { .. } => 6,
        EventKind::Scheduled { .. } => 7,
        EventKind::FailedScheduling { .. } => 8,
        EventKind::PullingImage { .. } => 9,
        EventKind::PulledImage { .. } => 10,
        EventKind::FailedToPullImage { .. } => 11,
        EventKind::BackOffPullImage { .. } => 12,
        EventKind::FailedToCreateContainer { .. } => 13,
        EventKind::CreatedContainer { .. } => 14,
        EventKind::StartedContainer { .. } => 15,
        EventKind::KillingContainer { .. } => 16,
        EventKind::BackOffStartContainer { .. } => 17,
        EventKind::NodeNotReady => 18,
        EventKind::NodeReady => 19,
        EventKind::SuccessfulRescale { .. } => 20,
        EventKind::FailedGetScale { .. } => 21,
        EventKind::FailedGetResourceMetric { .. } => 22,
        EventKind::FailedComputeMetricsReplicas { .. } => 23,
    }
}
const KINDS: usize = 24;

#[test]
fn every_event_kind_reports_upstreams_reason_type_source_and_message() {
    use EventType::{Normal, Warning};
    let web = || ObjectRef::new(ObjectKind::Deployment, "default", "web");
    let rs = || ObjectRef::new(ObjectKind::ReplicaSet, "default", "web-6b7f9c8d4");
    let pod = || ObjectRef::new(ObjectKind::Pod, "default", "web-6b7f9c8d4-x2k9p");
    let node = || ObjectRef::new(ObjectKind::Node, "", "node-2");
    let hpa = || ObjectRef::new(ObjectKind::HorizontalPodAutoscaler, "default", "web");
    let s = String::from;
    let rows: Vec<(ObjectRef, EventKind, Reason, EventType, Source, &str)> = vec![
        (
            web(),
            EventKind::ScalingReplicaSet {
                replica_set: s("web-6b7f9c8d4"),
                direction: ScaleDirection::Up,
                from: 0,
                to: 3,
            },
            Reason::ScalingReplicaSet,
            Normal,
            Source::DeploymentController,
            "Scaled up replica set web-6b7f9c8d4 from 0 to 3",
        ),
        (
            web(),
            EventKind::ScalingReplicaSet {
                replica_set: s("web-5d59d67564"),
                direction: ScaleDirection::Down,
                from: 10,
                to: 8,
            },
            Reason::ScalingReplicaSet,
            Normal,
            Source::DeploymentController,
            "Scaled down replica set web-5d59d67564 from 10 to 8",
        ),
        (
            web(),
            EventKind::SelectingAll,
            Reason::SelectingAll,
            Warning,
            Source::DeploymentController,
            "This deployment is selecting all pods. A non-empty selector is required.",
        ),
        (
            web(),
            EventKind::RollbackDone { revision: 2 },
            Reason::DeploymentRollback,
            Normal,
            Source::DeploymentController,
            "Rolled back deployment \"web\" to revision 2",
        ),
        (
            web(),
            EventKind::RollbackRevisionNotFound { revision: 0 },
            Reason::DeploymentRollbackRevisionNotFound,
            Warning,
            Source::DeploymentController,
            "Unable to find last revision.",
        ),
        (
            web(),
            EventKind::RollbackRevisionNotFound { revision: 9 },
            Reason::DeploymentRollbackRevisionNotFound,
            Warning,
            Source::DeploymentController,
            "Unable to find the revision to rollback to.",
        ),
        (
            web(),
            EventKind::RollbackTemplateUnchanged { revision: 3 },
            Reason::DeploymentRollbackTemplateUnchanged,
            Warning,
            Source::DeploymentController,
            "The rollback revision contains the same template as current deployment \"web\"",
        ),
        (
            rs(),
            EventKind::SuccessfulCreate {
                pod: s("web-6b7f9c8d4-x2k9p"),
            },
            Reason::SuccessfulCreate,
            Normal,
            Source::ReplicaSetController,
            "Created pod: web-6b7f9c8d4-x2k9p",
        ),
        (
            rs(),
            EventKind::SuccessfulDelete {
                pod: s("web-6b7f9c8d4-x2k9p"),
            },
            Reason::SuccessfulDelete,
            Normal,
            Source::ReplicaSetController,
            "Deleted pod: web-6b7f9c8d4-x2k9p",
        ),
        (
            pod(),
            EventKind::Scheduled { node: s("node-1") },
            Reason::Scheduled,
            Normal,
            Source::Scheduler,
            "Successfully assigned default/web-6b7f9c8d4-x2k9p to node-1",
        ),
        (
            pod(),
            EventKind::FailedScheduling {
                fit_error: fit_error(2, &[(Unfit::Unschedulable, 1), (Unfit::InsufficientCpu, 1)]),
            },
            Reason::FailedScheduling,
            Warning,
            Source::Scheduler,
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
        ),
        // Upstream sorts "COUNT REASON" as strings: a count of 1 before 2 whatever the words,
        // and 10 before 2; preemption's reasons too.
        (
            pod(),
            EventKind::FailedScheduling {
                fit_error: fit_error(3, &[(Unfit::Unschedulable, 2), (Unfit::InsufficientCpu, 1)]),
            },
            Reason::FailedScheduling,
            Warning,
            Source::Scheduler,
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
        ),
        (
            pod(),
            EventKind::FailedScheduling {
                fit_error: fit_error(3, &[(Unfit::InsufficientMemory, 2), (Unfit::Unschedulable, 1)]),
            },
            Reason::FailedScheduling,
            Warning,
            Source::Scheduler,
            "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        ),
        (
            pod(),
            EventKind::FailedScheduling {
                fit_error: fit_error(12, &[(Unfit::InsufficientCpu, 2), (Unfit::Unreachable, 10)]),
            },
            Reason::FailedScheduling,
            Warning,
            Source::Scheduler,
            "0/12 nodes are available: 10 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient cpu. preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        ),
        (
            pod(),
            EventKind::FailedScheduling {
                fit_error: fit_error(0, &[]),
            },
            Reason::FailedScheduling,
            Warning,
            Source::Scheduler,
            "no nodes available to schedule pods",
        ),
        (
            pod(),
            EventKind::PullingImage {
                image: s("nginx:1.25"),
            },
            Reason::Pulling,
            Normal,
            Source::Kubelet,
            "Pulling image \"nginx:1.25\"",
        ),
        (
            pod(),
            EventKind::PulledImage {
                image: s("nginx:1.25"),
                seconds: 2,
            },
            Reason::Pulled,
            Normal,
            Source::Kubelet,
            "Successfully pulled image \"nginx:1.25\" in 2s (2s including waiting)",
        ),
        (
            pod(),
            EventKind::FailedToPullImage {
                image: s("nginx:1.255"),
            },
            Reason::Failed,
            Warning,
            Source::Kubelet,
            "Failed to pull image \"nginx:1.255\": rpc error: code = NotFound desc = failed to pull and unpack image \"nginx:1.255\": not found",
        ),
        (
            pod(),
            EventKind::FailedToCreateContainer {
                error: ImagePullError::ErrImagePull,
            },
            Reason::Failed,
            Warning,
            Source::Kubelet,
            "Error: ErrImagePull",
        ),
        (
            pod(),
            EventKind::FailedToCreateContainer {
                error: ImagePullError::ImagePullBackOff,
            },
            Reason::Failed,
            Warning,
            Source::Kubelet,
            "Error: ImagePullBackOff",
        ),
        (
            pod(),
            EventKind::BackOffPullImage {
                image: s("nginx:1.255"),
            },
            Reason::BackOff,
            Normal,
            Source::Kubelet,
            "Back-off pulling image \"nginx:1.255\"",
        ),
        (
            pod(),
            EventKind::CreatedContainer {
                container: s("web"),
            },
            Reason::Created,
            Normal,
            Source::Kubelet,
            "Created container: web",
        ),
        (
            pod(),
            EventKind::StartedContainer {
                container: s("web"),
            },
            Reason::Started,
            Normal,
            Source::Kubelet,
            "Started container web",
        ),
        (
            pod(),
            EventKind::KillingContainer {
                container: s("web"),
            },
            Reason::Killing,
            Normal,
            Source::Kubelet,
            "Stopping container web",
        ),
        (
            pod(),
            EventKind::BackOffStartContainer {
                container: s("web"),
            },
            Reason::BackOff,
            Warning,
            Source::Kubelet,
            "Back-off restarting failed container web in pod web-6b7f9c8d4-x2k9p",
        ),
        (
            node(),
            EventKind::NodeNotReady,
            Reason::NodeNotReady,
            Normal,
            Source::NodeController,
            "Node node-2 status is now: NodeNotReady",
        ),
        (
            node(),
            EventKind::NodeReady,
            Reason::NodeReady,
            Normal,
            Source::NodeController,
            "Node node-2 status is now: NodeReady",
        ),
        (
            hpa(),
            EventKind::SuccessfulRescale {
                new_size: 6,
                reason: RescaleReason::MetricAboveTarget,
            },
            Reason::SuccessfulRescale,
            Normal,
            Source::HorizontalPodAutoscaler,
            "New size: 6; reason: cpu resource utilization (percentage of request) above target",
        ),
        (
            hpa(),
            EventKind::SuccessfulRescale {
                new_size: 5,
                reason: RescaleReason::None,
            },
            Reason::SuccessfulRescale,
            Normal,
            Source::HorizontalPodAutoscaler,
            "New size: 5; reason: ",
        ),
        (
            hpa(),
            EventKind::FailedGetScale { target: s("web") },
            Reason::FailedGetScale,
            Warning,
            Source::HorizontalPodAutoscaler,
            "deployments.apps \"web\" not found",
        ),
        (
            hpa(),
            EventKind::FailedGetResourceMetric {
                error: Box::new(MetricError::MissingRequest {
                    container: s("web"),
                    pod: s("web-6b7f9c8d4-x2k9p"),
                }),
            },
            Reason::FailedGetResourceMetric,
            Warning,
            Source::HorizontalPodAutoscaler,
            "failed to get cpu utilization: missing request for cpu in container web of Pod web-6b7f9c8d4-x2k9p",
        ),
        (
            hpa(),
            EventKind::FailedComputeMetricsReplicas {
                error: Box::new(MetricError::NoReadyPodMetrics),
            },
            Reason::FailedComputeMetricsReplicas,
            Warning,
            Source::HorizontalPodAutoscaler,
            "invalid metrics (1 invalid out of 1), first error is: failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)",
        ),
    ];
    let mut covered = [false; KINDS];
    for (object, kind, reason, event_type, source, message) in &rows {
        covered[variant(kind)] = true;
        assert_eq!(kind.reason(), *reason, "{kind:?}");
        assert_eq!(kind.event_type(), *event_type, "{kind:?}");
        assert_eq!(kind.source(), *source, "{kind:?}");
        assert_eq!(kind.message(object).to_string(), *message, "{kind:?}");
    }
    let missing: Vec<usize> = (0..KINDS).filter(|&i| !covered[i]).collect();
    assert!(missing.is_empty(), "kinds without a row: {missing:?}");
}

#[test]
fn with_equal_counts_the_scheduler_lists_its_filters_in_the_order_of_their_texts() {
    let every = fit_error(5, &Unfit::ALL.iter().map(|&f| (f, 1)).collect::<Vec<_>>());
    assert_eq!(
        every.to_string(),
        "0/5 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, \
         1 node(s) didn't match Pod's node affinity/selector, \
         1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, \
         1 node(s) were unschedulable. \
         preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, \
         3 Preemption is not helpful for scheduling."
    );
}

#[test]
fn the_traces_name_each_kind_of_object_as_kubectl_does() {
    let rows = [
        (
            ObjectKind::Deployment,
            "web",
            "Deployment/web",
            "deployment/web",
        ),
        (
            ObjectKind::ReplicaSet,
            "web-6b7f9c8d4",
            "ReplicaSet/web-6b7f9c8d4",
            "replicaset/web-6b7f9c8d4",
        ),
        (
            ObjectKind::Pod,
            "web-6b7f9c8d4-x2k9p",
            "Pod/web-6b7f9c8d4-x2k9p",
            "pod/web-6b7f9c8d4-x2k9p",
        ),
        (ObjectKind::Node, "node-2", "Node/node-2", "node/node-2"),
    ];
    for (kind, name, label, text) in rows {
        let namespace = if kind == ObjectKind::Node {
            ""
        } else {
            "default"
        };
        let event = Event {
            time: 7,
            object: ObjectRef::new(kind, namespace, name),
            kind: EventKind::SelectingAll,
        };
        assert_eq!(event.object.label(), label);
        assert_eq!(kind.as_str(), label.split('/').next().unwrap());
        let record = TickRecord {
            t: 7,
            events: vec![event.clone()],
            actions: Vec::new(),
            decisions: Vec::new(),
        };
        assert_eq!(
            tick_text(&record),
            format!(
                "[   7s] Warning SelectingAll       {text}: {}\n",
                event.message()
            )
        );
    }
}
