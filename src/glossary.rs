//! The Kubernetes words the page uses, each explained for a beginner in one or two short
//! sentences: the one place these texts are written. The UI shows them on hover and focus
//! (`ui::tip`) and lists them all in its glossary (`ui::glossary`); they say what upstream does
//! (for example: Available means Ready for at least minReadySeconds).

/// A term on screen. `Term::ALL` lists every one, in the glossary's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    Deployment,
    ReplicaSet,
    Pod,
    Node,
    Namespace,
    Label,
    Image,
    Replicas,
    Revision,
    Strategy,
    RollingUpdate,
    Recreate,
    Rollout,
    Paused,
    Rollback,
    MaxSurge,
    MaxUnavailable,
    SurgeCeiling,
    AvailabilityFloor,
    MinReadySeconds,
    ProgressDeadlineSeconds,
    Ready,
    Available,
    Updated,
    Condition,
    Progressing,
    Pending,
    Terminating,
    CrashLoopBackOff,
    ImagePullBackOff,
    Service,
    Endpoint,
    HorizontalPodAutoscaler,
    Utilization,
    StabilizationWindow,
    Event,
    Kubectl,
}

/// A term's text: `id` names its glossary entry (`glossary-{id}`), `name` is the term as
/// Kubernetes spells it, `short` explains it.
pub struct Entry {
    pub id: &'static str,
    pub name: &'static str,
    pub short: &'static str,
}

const fn entry(id: &'static str, name: &'static str, short: &'static str) -> Entry {
    Entry { id, name, short }
}

impl Term {
    pub const ALL: [Term; 37] = [
        Term::Deployment,
        Term::ReplicaSet,
        Term::Pod,
        Term::Node,
        Term::Namespace,
        Term::Label,
        Term::Image,
        Term::Replicas,
        Term::Revision,
        Term::Strategy,
        Term::RollingUpdate,
        Term::Recreate,
        Term::Rollout,
        Term::Paused,
        Term::Rollback,
        Term::MaxSurge,
        Term::MaxUnavailable,
        Term::SurgeCeiling,
        Term::AvailabilityFloor,
        Term::MinReadySeconds,
        Term::ProgressDeadlineSeconds,
        Term::Ready,
        Term::Available,
        Term::Updated,
        Term::Condition,
        Term::Progressing,
        Term::Pending,
        Term::Terminating,
        Term::CrashLoopBackOff,
        Term::ImagePullBackOff,
        Term::Service,
        Term::Endpoint,
        Term::HorizontalPodAutoscaler,
        Term::Utilization,
        Term::StabilizationWindow,
        Term::Event,
        Term::Kubectl,
    ];

    pub fn entry(self) -> Entry {
        match self {
            Term::Deployment => entry(
                "deployment",
                "Deployment",
                "Runs a number of identical pods and rolls out changes to them, through ReplicaSets.",
            ),
            Term::ReplicaSet => entry(
                "replicaset",
                "ReplicaSet",
                "Keeps a number of pods of one pod template running. A Deployment makes one per revision and scales them.",
            ),
            Term::Pod => entry(
                "pod",
                "pod",
                "The smallest thing Kubernetes runs: one or more containers together on one node. A broken pod is replaced, not repaired.",
            ),
            Term::Node => entry(
                "node",
                "node",
                "A machine that runs pods. The scheduler picks a node for each new pod.",
            ),
            Term::Namespace => entry(
                "namespace",
                "namespace",
                "A named group of objects in a cluster; a name only has to be unique within its namespace.",
            ),
            Term::Label => entry(
                "label",
                "label / selector",
                "Labels are key=value tags on objects; a selector picks objects by their labels. It is how a ReplicaSet finds its pods.",
            ),
            Term::Image => entry(
                "image",
                "image",
                "The packaged program a container runs, named repository:tag (nginx:1.25). A new image starts a rollout.",
            ),
            Term::Replicas => entry(
                "replicas",
                "replicas",
                "How many pods the Deployment wants (spec.replicas): the desired count.",
            ),
            Term::Revision => entry(
                "revision",
                "revision",
                "The number of a version of the pod template; each revision is one ReplicaSet. A rollback gives the old one the next number.",
            ),
            Term::Strategy => entry(
                "strategy",
                "strategy",
                "How a Deployment replaces old pods with new ones: RollingUpdate or Recreate.",
            ),
            Term::RollingUpdate => entry(
                "rollingupdate",
                "RollingUpdate",
                "The default strategy: start new pods and stop old ones a few at a time, within maxSurge and maxUnavailable.",
            ),
            Term::Recreate => entry(
                "recreate",
                "Recreate",
                "A strategy that stops every old pod first and starts the new ones once they are gone: a short outage, never two versions at once.",
            ),
            Term::Rollout => entry(
                "rollout",
                "rollout",
                "Moving the pods to a new pod template: the new ReplicaSet scales up while the old ones scale down.",
            ),
            Term::Paused => entry(
                "paused",
                "paused",
                "A paused Deployment keeps changes to its pod template but starts no rollout until it is resumed. Scaling still works.",
            ),
            Term::Rollback => entry(
                "rollback",
                "rollback (undo)",
                "A rollout back to an earlier revision's pod template (kubectl rollout undo). Kubernetes never rolls back by itself.",
            ),
            Term::MaxSurge => entry(
                "maxsurge",
                "maxSurge",
                "How many pods above replicas a rolling update may add: a number, or a % of replicas rounded up (default 25%).",
            ),
            Term::MaxUnavailable => entry(
                "maxunavailable",
                "maxUnavailable",
                "How many of the replicas may be unavailable during a rolling update: a number, or a % rounded down (default 25%).",
            ),
            Term::SurgeCeiling => entry(
                "surge-ceiling",
                "surge ceiling",
                "replicas + maxSurge: the most pods that may exist during a rolling update. Terminating pods are not counted.",
            ),
            Term::AvailabilityFloor => entry(
                "availability-floor",
                "availability floor",
                "replicas − maxUnavailable: a rolling update scales no old pods down while it would leave fewer available.",
            ),
            Term::MinReadySeconds => entry(
                "minreadyseconds",
                "minReadySeconds",
                "How long a new pod must stay Ready before it counts as Available (default 0).",
            ),
            Term::ProgressDeadlineSeconds => entry(
                "progressdeadlineseconds",
                "progressDeadlineSeconds",
                "How long a rollout may make no progress before Progressing turns False with ProgressDeadlineExceeded (default 600). Nothing is rolled back.",
            ),
            Term::Ready => entry(
                "ready",
                "Ready",
                "A pod is Ready when its containers run and pass their readiness checks; only Ready pods get traffic.",
            ),
            Term::Available => entry(
                "available",
                "Available",
                "A pod is available once it has been Ready for minReadySeconds. The Deployment's Available condition is True while at least replicas − maxUnavailable are.",
            ),
            Term::Updated => entry(
                "updated",
                "updated (UP-TO-DATE)",
                "Pods made from the Deployment's current pod template, the newest revision.",
            ),
            Term::Condition => entry(
                "condition",
                "condition",
                "A line of an object's status: a type, True or False, a reason and a message. kubectl describe lists them.",
            ),
            Term::Progressing => entry(
                "progressing",
                "Progressing",
                "A Deployment condition: True while a rollout moves or is done, False (ProgressDeadlineExceeded) once it has been stuck too long.",
            ),
            Term::Pending => entry(
                "pending",
                "Pending",
                "A pod that is not running yet: waiting for a node, or for its image to be pulled.",
            ),
            Term::Terminating => entry(
                "terminating",
                "Terminating",
                "A pod being shut down: it has a grace period to stop, and no longer counts as one of the replicas.",
            ),
            Term::CrashLoopBackOff => entry(
                "crashloopbackoff",
                "CrashLoopBackOff",
                "A container keeps exiting; the kubelet restarts it after a growing wait (10 s, 20 s, 40 s ... up to 5 min).",
            ),
            Term::ImagePullBackOff => entry(
                "imagepullbackoff",
                "ImagePullBackOff",
                "The image could not be pulled (a wrong tag, a missing image); the kubelet tries again after a growing wait.",
            ),
            Term::Service => entry(
                "service",
                "Service",
                "A stable name in front of the pods its selector matches: requests go to its ready pods, whichever they are.",
            ),
            Term::Endpoint => entry(
                "endpoint",
                "endpoint",
                "A pod a Service sends requests to: one its selector matches that is Ready and not terminating.",
            ),
            Term::HorizontalPodAutoscaler => entry(
                "horizontalpodautoscaler",
                "HorizontalPodAutoscaler",
                "Sets a Deployment's replicas from its pods' CPU every 15 s: current × utilization ÷ target, rounded up, within min and max.",
            ),
            Term::Utilization => entry(
                "utilization",
                "utilization",
                "The CPU the ready pods use as a percentage of the CPU they request (resources.requests.cpu). No request, no utilization.",
            ),
            Term::StabilizationWindow => entry(
                "stabilization-window",
                "stabilization window",
                "The autoscaler scales down only to the highest size it recommended in the last 300 s, so a short lull removes nothing.",
            ),
            Term::Event => entry(
                "event",
                "event",
                "A record of something that happened to an object (pod created, scaled, back-off). kubectl describe shows them.",
            ),
            Term::Kubectl => entry(
                "kubectl",
                "kubectl",
                "The command-line tool that talks to the Kubernetes API server: get, describe, scale, set image, rollout ...",
            ),
        }
    }
}
