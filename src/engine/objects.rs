//! The API objects the simulation stores: Deployment, ReplicaSet, Pod and Node, with the Kubernetes
//! API's field names, defaults and annotation keys.
//!
//! Times are integer simulated seconds (`Seconds`), never wall-clock time. A pod template keeps the
//! fields the simulation acts on (images, resources, grace period) as typed values and every other
//! field of the manifest verbatim in `extra`, so that a real manifest round-trips and template
//! equality (`EqualIgnoreHash`) sees every field, exactly as upstream's deep-equal does.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::images::ImageProfile;
use super::intstr::IntOrString;
use super::scheduler::FitError;

/// Simulated time in whole seconds since the start of the run.
pub type Seconds = i64;

/// A unique id handed out by the store, in creation order.
pub type Uid = u64;

pub const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";
pub const REVISION_HISTORY_ANNOTATION: &str = "deployment.kubernetes.io/revision-history";
pub const DESIRED_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/desired-replicas";
pub const MAX_REPLICAS_ANNOTATION: &str = "deployment.kubernetes.io/max-replicas";
pub const ROLLBACK_TO_ANNOTATION: &str = "deprecated.deployment.rollback.to";
pub const LAST_APPLIED_ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";
pub const CHANGE_CAUSE_ANNOTATION: &str = "kubernetes.io/change-cause";
pub const RESTARTED_AT_ANNOTATION: &str = "kubectl.kubernetes.io/restartedAt";
pub const POD_DELETION_COST_ANNOTATION: &str = "controller.kubernetes.io/pod-deletion-cost";
pub const POD_TEMPLATE_HASH_LABEL: &str = "pod-template-hash";

/// Upstream's "unlimited" for revisionHistoryLimit and progressDeadlineSeconds.
pub const MAX_INT32: i32 = i32::MAX;

/// Metadata shared by every object (`metav1.ObjectMeta`, the part the simulation uses).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    pub name: String,
    pub namespace: String,
    #[serde(skip)]
    pub uid: Uid,
    pub generation: i64,
    pub creation_timestamp: Seconds,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Seconds>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
}

impl ObjectMeta {
    pub fn named(namespace: &str, name: &str) -> Self {
        ObjectMeta {
            name: name.to_string(),
            namespace: namespace.to_string(),
            uid: 0,
            generation: 0,
            creation_timestamp: 0,
            deletion_timestamp: None,
            labels: BTreeMap::new(),
            annotations: BTreeMap::new(),
        }
    }
}

/// `metav1.LabelSelector`; only `matchLabels` and `matchExpressions` with In/NotIn/Exists/DoesNotExist.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: SelectorOperator,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// `metav1.LabelSelectorOperator`.
///
/// Upstream's type is a string alias: the API server decodes any text, and validation then
/// refuses what is not one of the four, quoting it (`Invalid value: "Near": not a valid selector
/// operator`) at its place among the other errors, and again inside the whole selector's JSON.
/// `Invalid` keeps that text for validation to quote; no object that passed validation (none in
/// the store) holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectorOperator {
    In,
    NotIn,
    Exists,
    DoesNotExist,
    /// Not one of the four: the text as the manifest gave it.
    Invalid(String),
}

impl SelectorOperator {
    /// Reads a manifest's text; anything but the four spellings is kept as `Invalid`.
    pub fn parse(text: &str) -> Self {
        match text {
            "In" => SelectorOperator::In,
            "NotIn" => SelectorOperator::NotIn,
            "Exists" => SelectorOperator::Exists,
            "DoesNotExist" => SelectorOperator::DoesNotExist,
            other => SelectorOperator::Invalid(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            SelectorOperator::In => "In",
            SelectorOperator::NotIn => "NotIn",
            SelectorOperator::Exists => "Exists",
            SelectorOperator::DoesNotExist => "DoesNotExist",
            SelectorOperator::Invalid(text) => text,
        }
    }
}

impl Serialize for SelectorOperator {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl LabelSelector {
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// `metav1.LabelSelectorAsSelector(...).Matches(labels)`.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|req| {
                let value = labels.get(&req.key);
                match req.operator {
                    SelectorOperator::In => value.is_some_and(|v| req.values.contains(v)),
                    SelectorOperator::NotIn => value.is_none_or(|v| !req.values.contains(v)),
                    SelectorOperator::Exists => value.is_some(),
                    SelectorOperator::DoesNotExist => value.is_none(),
                    SelectorOperator::Invalid(_) => false,
                }
            })
    }

    /// `labels.Selector.String()`, as `kubectl describe` and `-o wide` print it: `app=web,tier=front`.
    pub fn to_selector_string(&self) -> String {
        let mut parts: Vec<String> = self
            .match_labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        for req in &self.match_expressions {
            parts.push(match req.operator {
                SelectorOperator::In => format!("{} in ({})", req.key, req.values.join(",")),
                SelectorOperator::NotIn => format!("{} notin ({})", req.key, req.values.join(",")),
                SelectorOperator::Exists => req.key.clone(),
                SelectorOperator::DoesNotExist | SelectorOperator::Invalid(_) => {
                    format!("!{}", req.key)
                }
            });
        }
        super::sorting::sort_by(&mut parts, &|a, b| a.cmp(b));
        parts.join(",")
    }
}

/// A container of a pod template: the fields the simulation acts on, plus everything else verbatim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Container {
    pub name: String,
    pub image: String,
    /// Every other field of the container (ports, resources, probes, env, ...), in manifest order.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Container {
    /// `resources.requests[resource]` in milli-units (`cpu: 250m` is 250); `None` when the
    /// container asks for none, which the HPA refuses (`calculatePodRequests`).
    pub fn request_millis(&self, resource: &str) -> Option<i64> {
        let value = self
            .extra
            .get("resources")?
            .get("requests")?
            .get(resource)?;
        parse_quantity(value).map(|v| (v * 1000.0).ceil() as i64)
    }

    /// `resources.requests` as (milli-CPU, bytes of memory); missing or unparsable values count as 0.
    pub fn requests(&self) -> Resources {
        let requests = self
            .extra
            .get("resources")
            .and_then(|r| r.get("requests"))
            .and_then(Value::as_object);
        let Some(requests) = requests else {
            return Resources::default();
        };
        Resources {
            cpu_millis: requests
                .get("cpu")
                .and_then(parse_quantity)
                .map_or(0, |v| (v * 1000.0).ceil() as i64),
            memory_bytes: requests
                .get("memory")
                .and_then(parse_quantity)
                .map_or(0, |v| v.ceil() as i64),
        }
    }
}

/// CPU and memory, as the scheduler counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Resources {
    pub cpu_millis: i64,
    pub memory_bytes: i64,
}

/// Saturating: a request beyond what 64 bits hold (`memory: 64Ei`) counts as the most there is,
/// and so do sums past it, which fit no node with a capacity.
impl std::ops::Add for Resources {
    type Output = Resources;

    fn add(self, other: Resources) -> Resources {
        Resources {
            cpu_millis: self.cpu_millis.saturating_add(other.cpu_millis),
            memory_bytes: self.memory_bytes.saturating_add(other.memory_bytes),
        }
    }
}

/// Parses a Kubernetes quantity (`500m`, `2`, `128Mi`, `1G`, `1e3`) into its value in base units.
pub fn parse_quantity(value: &Value) -> Option<f64> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => return n.as_f64(),
        _ => return None,
    };
    const SUFFIXES: [(&str, f64); 14] = [
        ("Ki", 1024.0),
        ("Mi", 1048576.0),
        ("Gi", 1073741824.0),
        ("Ti", 1099511627776.0),
        ("Pi", 1125899906842624.0),
        ("Ei", 1152921504606846976.0),
        ("n", 1e-9),
        ("u", 1e-6),
        ("m", 1e-3),
        ("k", 1e3),
        ("M", 1e6),
        ("G", 1e9),
        ("T", 1e12),
        ("P", 1e15),
    ];
    for (suffix, factor) in SUFFIXES {
        if let Some(number) = text.strip_suffix(suffix) {
            return crate::decimal::parse(number).map(|n| n * factor);
        }
    }
    let number = text.strip_suffix('E').map_or(text.as_str(), |n| n);
    let factor = if number.len() != text.len() {
        1e18
    } else {
        1.0
    };
    crate::decimal::parse(number).map(|n| n * factor)
}

/// The pod spec of a template: typed where the simulation acts, verbatim elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    pub containers: Vec<Container>,
    pub restart_policy: RestartPolicy,
    pub termination_grace_period_seconds: i64,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub node_selector: BTreeMap<String, String>,
    /// Every other field of the pod spec, in manifest order.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PodSpec {
    /// The first container's image (what the page and the narration call "the image"; empty
    /// when there is no container).
    pub fn first_image(&self) -> &str {
        self.containers.first().map_or("", |c| c.image.as_str())
    }

    /// A spec with one container and the API defaults.
    pub fn single(container: &str, image: &str) -> Self {
        PodSpec {
            init_containers: Vec::new(),
            containers: vec![Container {
                name: container.to_string(),
                image: image.to_string(),
                extra: Map::new(),
            }],
            restart_policy: RestartPolicy::Always,
            termination_grace_period_seconds: 30,
            node_selector: BTreeMap::new(),
            extra: Map::new(),
        }
    }

    /// Sum of the app containers' requests (init containers run first, one at a time, so a pod
    /// needs the larger of the two, as the scheduler computes it).
    pub fn requests(&self) -> Resources {
        let app = self
            .containers
            .iter()
            .fold(Resources::default(), |acc, c| acc + c.requests());
        self.init_containers.iter().fold(app, |acc, c| {
            let r = c.requests();
            Resources {
                cpu_millis: acc.cpu_millis.max(r.cpu_millis),
                memory_bytes: acc.memory_bytes.max(r.memory_bytes),
            }
        })
    }

    /// The value of `serviceAccountName`, if set.
    pub fn service_account(&self) -> Option<&str> {
        self.extra.get("serviceAccountName").and_then(Value::as_str)
    }
}

/// `core/v1 RestartPolicy`.
///
/// Upstream's type is a string alias: the API server decodes any text, and validation then
/// refuses it twice, quoting it: the pod spec's rule lists the three policies, the ReplicaSet
/// template's rule only `Always`. `Unsupported` keeps the text of anything else for those
/// messages; no object that passed validation (none in the store) holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestartPolicy {
    Always,
    OnFailure,
    Never,
    /// Not one of the three: the text as the manifest gave it.
    Unsupported(String),
}

impl RestartPolicy {
    /// Reads a manifest's text; anything but the three spellings is kept as `Unsupported`.
    pub fn parse(text: &str) -> Self {
        match text {
            "Always" => RestartPolicy::Always,
            "OnFailure" => RestartPolicy::OnFailure,
            "Never" => RestartPolicy::Never,
            other => RestartPolicy::Unsupported(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            RestartPolicy::Always => "Always",
            RestartPolicy::OnFailure => "OnFailure",
            RestartPolicy::Never => "Never",
            RestartPolicy::Unsupported(text) => text,
        }
    }
}

impl Serialize for RestartPolicy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `spec.template`: the pod template a Deployment stamps out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodTemplateSpec {
    pub metadata: TemplateMeta,
    pub spec: PodSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TemplateMeta {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// Every other field of the template's metadata (e.g. `name`), verbatim: upstream's
    /// `EqualIgnoreHash` compares the whole template, these included.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PodTemplateSpec {
    /// The images of the app containers, in order.
    pub fn images(&self) -> Vec<String> {
        self.spec
            .containers
            .iter()
            .map(|c| c.image.clone())
            .collect()
    }
}

/// `spec.strategy.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StrategyType {
    RollingUpdate,
    Recreate,
}

impl StrategyType {
    /// The type a manifest or a form names; `None` for any other text.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "RollingUpdate" => Some(StrategyType::RollingUpdate),
            "Recreate" => Some(StrategyType::Recreate),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StrategyType::RollingUpdate => "RollingUpdate",
            StrategyType::Recreate => "Recreate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RollingUpdateDeployment {
    pub max_unavailable: Option<IntOrString>,
    pub max_surge: Option<IntOrString>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentStrategy {
    #[serde(rename = "type")]
    pub kind: StrategyType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateDeployment>,
}

impl DeploymentStrategy {
    /// The default strategy: RollingUpdate with 25% / 25%.
    pub fn default_rolling() -> Self {
        DeploymentStrategy {
            kind: StrategyType::RollingUpdate,
            rolling_update: Some(RollingUpdateDeployment {
                max_unavailable: Some(IntOrString::Str("25%".into())),
                max_surge: Some(IntOrString::Str("25%".into())),
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentSpec {
    pub replicas: i32,
    pub selector: LabelSelector,
    pub template: PodTemplateSpec,
    pub strategy: DeploymentStrategy,
    pub min_ready_seconds: i32,
    pub revision_history_limit: i32,
    pub paused: bool,
    pub progress_deadline_seconds: i32,
}

/// A Deployment condition (`apps/v1 DeploymentCondition`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentCondition {
    #[serde(rename = "type")]
    pub kind: DeploymentConditionType,
    pub status: ConditionStatus,
    pub reason: DeploymentConditionReason,
    pub message: String,
    pub last_update_time: Seconds,
    pub last_transition_time: Seconds,
}

/// `apps/v1 DeploymentConditionType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DeploymentConditionType {
    /// `DeploymentAvailable`: at least the minimum number of replicas is available.
    Available,
    /// `DeploymentProgressing`: the rollout is progressing, complete, or past its deadline.
    Progressing,
    /// `DeploymentReplicaFailure`: a pod could not be created (never set here: no quotas).
    ReplicaFailure,
}

impl DeploymentConditionType {
    pub fn as_str(self) -> &'static str {
        match self {
            DeploymentConditionType::Available => "Available",
            DeploymentConditionType::Progressing => "Progressing",
            DeploymentConditionType::ReplicaFailure => "ReplicaFailure",
        }
    }
}

/// `core/v1 ConditionStatus`, of Deployment, pod and node conditions alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ConditionStatus {
    True,
    False,
    Unknown,
}

impl ConditionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionStatus::True => "True",
            ConditionStatus::False => "False",
            ConditionStatus::Unknown => "Unknown",
        }
    }
}

impl From<bool> for ConditionStatus {
    fn from(holds: bool) -> Self {
        if holds {
            ConditionStatus::True
        } else {
            ConditionStatus::False
        }
    }
}

/// The reasons the Deployment controller gives its conditions (upstream's string constants of
/// `util/deployment_util.go`, named after them below).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DeploymentConditionReason {
    /// `NewReplicaSetReason`: Progressing, a new ReplicaSet was created.
    NewReplicaSetCreated,
    /// `FoundNewRSReason`: Progressing, the new ReplicaSet already existed.
    FoundNewReplicaSet,
    /// `ReplicaSetUpdatedReason`: Progressing, the rollout made progress.
    ReplicaSetUpdated,
    /// `NewRSAvailableReason`: Progressing, the rollout is complete.
    NewReplicaSetAvailable,
    /// `TimedOutReason`: Progressing=False, no progress within `progressDeadlineSeconds`.
    ProgressDeadlineExceeded,
    /// `PausedDeployReason`: Progressing=Unknown while paused.
    DeploymentPaused,
    /// `ResumedDeployReason`: Progressing=Unknown once resumed.
    DeploymentResumed,
    /// `MinimumReplicasAvailable`: Available=True.
    MinimumReplicasAvailable,
    /// `MinimumReplicasUnavailable`: Available=False.
    MinimumReplicasUnavailable,
}

impl DeploymentConditionReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DeploymentConditionReason::NewReplicaSetCreated => "NewReplicaSetCreated",
            DeploymentConditionReason::FoundNewReplicaSet => "FoundNewReplicaSet",
            DeploymentConditionReason::ReplicaSetUpdated => "ReplicaSetUpdated",
            DeploymentConditionReason::NewReplicaSetAvailable => "NewReplicaSetAvailable",
            DeploymentConditionReason::ProgressDeadlineExceeded => "ProgressDeadlineExceeded",
            DeploymentConditionReason::DeploymentPaused => "DeploymentPaused",
            DeploymentConditionReason::DeploymentResumed => "DeploymentResumed",
            DeploymentConditionReason::MinimumReplicasAvailable => "MinimumReplicasAvailable",
            DeploymentConditionReason::MinimumReplicasUnavailable => "MinimumReplicasUnavailable",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentStatus {
    pub observed_generation: i64,
    pub replicas: i32,
    pub updated_replicas: i32,
    pub ready_replicas: i32,
    pub available_replicas: i32,
    pub unavailable_replicas: i32,
    pub terminating_replicas: i32,
    pub collision_count: i32,
    pub conditions: Vec<DeploymentCondition>,
}

impl DeploymentStatus {
    pub fn condition(&self, kind: DeploymentConditionType) -> Option<&DeploymentCondition> {
        self.conditions.iter().find(|c| c.kind == kind)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deployment {
    pub metadata: ObjectMeta,
    pub spec: DeploymentSpec,
    pub status: DeploymentStatus,
}

impl Deployment {
    /// A Deployment with the API defaults: one container, RollingUpdate 25%/25%, history 10,
    /// progress deadline 600 s, selector and template labels `app=<name>`.
    pub fn new(namespace: &str, name: &str, container: &str, image: &str, replicas: i32) -> Self {
        let labels: BTreeMap<String, String> = [("app".to_string(), name.to_string())].into();
        let mut metadata = ObjectMeta::named(namespace, name);
        metadata.labels = labels.clone();
        Deployment {
            metadata,
            spec: DeploymentSpec {
                replicas,
                selector: LabelSelector {
                    match_labels: labels.clone(),
                    match_expressions: Vec::new(),
                },
                template: PodTemplateSpec {
                    metadata: TemplateMeta {
                        labels,
                        annotations: BTreeMap::new(),
                        extra: Map::new(),
                    },
                    spec: PodSpec::single(container, image),
                },
                strategy: DeploymentStrategy::default_rolling(),
                min_ready_seconds: 0,
                revision_history_limit: 10,
                paused: false,
                progress_deadline_seconds: 600,
            },
            status: DeploymentStatus::default(),
        }
    }

    /// The `deployment.kubernetes.io/revision` annotation, 0 when missing or unparsable.
    pub fn revision(&self) -> i64 {
        revision_of(&self.metadata.annotations)
    }
}

/// Reads the revision annotation of an object; 0 when missing or unparsable.
pub fn revision_of(annotations: &BTreeMap<String, String>) -> i64 {
    annotations
        .get(REVISION_ANNOTATION)
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(0)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSetSpec {
    pub replicas: i32,
    pub min_ready_seconds: i32,
    pub selector: LabelSelector,
    pub template: PodTemplateSpec,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicaSetStatus {
    pub replicas: i32,
    pub fully_labeled_replicas: i32,
    pub ready_replicas: i32,
    pub available_replicas: i32,
    pub terminating_replicas: i32,
    pub observed_generation: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicaSet {
    pub metadata: ObjectMeta,
    /// The uid of the owning Deployment (`metadata.ownerReferences[controller=true]`).
    #[serde(skip)]
    pub owner: Option<Uid>,
    pub spec: ReplicaSetSpec,
    pub status: ReplicaSetStatus,
}

impl ReplicaSet {
    pub fn revision(&self) -> i64 {
        revision_of(&self.metadata.annotations)
    }

    /// The value of the `pod-template-hash` label.
    pub fn template_hash(&self) -> &str {
        self.metadata
            .labels
            .get(POD_TEMPLATE_HASH_LABEL)
            .map_or("", String::as_str)
    }
}

/// `status.phase` of a pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum PodPhase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}

impl PodPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            PodPhase::Pending => "Pending",
            PodPhase::Running => "Running",
            PodPhase::Succeeded => "Succeeded",
            PodPhase::Failed => "Failed",
            PodPhase::Unknown => "Unknown",
        }
    }
}

/// The state of one container, as the kubelet reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ContainerState {
    /// Not running; the reason is what `kubectl get pods` shows.
    Waiting {
        reason: WaitingReason,
    },
    Running {
        started_at: Seconds,
    },
    Terminated {
        reason: TerminatedReason,
        exit_code: i32,
    },
}

/// Why a container is waiting (`ContainerStateWaiting.Reason`), in the kubelet's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WaitingReason {
    /// Its image is being pulled and the container created.
    ContainerCreating,
    /// The pod's init containers have not all completed yet.
    PodInitializing,
    /// The last pull failed, a second ago.
    ErrImagePull,
    /// Waiting out the back-off before pulling again.
    ImagePullBackOff,
    /// It exited and waits out the back-off before its restart.
    CrashLoopBackOff,
}

impl WaitingReason {
    pub fn as_str(self) -> &'static str {
        match self {
            WaitingReason::ContainerCreating => "ContainerCreating",
            WaitingReason::PodInitializing => "PodInitializing",
            WaitingReason::ErrImagePull => "ErrImagePull",
            WaitingReason::ImagePullBackOff => "ImagePullBackOff",
            WaitingReason::CrashLoopBackOff => "CrashLoopBackOff",
        }
    }
}

/// Why a container terminated (`ContainerStateTerminated.Reason`), in the kubelet's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TerminatedReason {
    /// Exited with code 0 (an init container that finished).
    Completed,
    /// Exited with a non-zero code (a crash).
    Error,
}

impl TerminatedReason {
    pub fn as_str(self) -> &'static str {
        match self {
            TerminatedReason::Completed => "Completed",
            TerminatedReason::Error => "Error",
        }
    }
}

/// `status.reason` of a pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PodReason {
    /// `NodeUnreachablePodReason`: its node stopped answering while the pod was on it (`kubectl
    /// get pods` shows it as `Unknown`, and it stays until the node returns).
    NodeLost,
}

impl PodReason {
    pub fn as_str(self) -> &'static str {
        match self {
            PodReason::NodeLost => "NodeLost",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: String,
    pub image: String,
    pub state: ContainerState,
    pub ready: bool,
    pub restart_count: i32,
    /// When the container last terminated, for `RESTARTS  4 (30s ago)`.
    pub last_termination: Option<Seconds>,
    /// The kubelet's next step for this container (pull done, ready, crash, back-off over).
    #[serde(skip)]
    pub next_at: Option<Seconds>,
    /// Failures so far in the current back-off series (pull or crash).
    #[serde(skip)]
    pub failures: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    pub metadata: ObjectMeta,
    /// The uid of the owning ReplicaSet.
    #[serde(skip)]
    pub owner: Option<Uid>,
    pub node_name: Option<String>,
    /// `spec.nodeSelector`.
    pub node_selector: BTreeMap<String, String>,
    /// `spec.initContainers` and `spec.containers`: name and image of each.
    pub init_containers: Vec<ContainerRef>,
    pub containers: Vec<ContainerRef>,
    pub phase: PodPhase,
    /// `status.reason`.
    pub reason: Option<PodReason>,
    pub init_container_statuses: Vec<ContainerStatus>,
    pub container_statuses: Vec<ContainerStatus>,
    /// When the Ready condition last became True; `None` while the pod is not Ready.
    pub ready_since: Option<Seconds>,
    /// `status.startTime`: the tick the pod was bound to a node.
    #[serde(skip)]
    pub start_time: Option<Seconds>,
    /// When the Ready condition last changed either way (its `lastTransitionTime`); `None`
    /// until it first does.
    #[serde(skip)]
    pub ready_transition: Option<Seconds>,
    /// What the pod asks of a node.
    pub requests: Resources,
    pub termination_grace_period_seconds: i64,
    /// Why no node could take the pod, while it cannot be placed (the FailedScheduling message).
    #[serde(skip)]
    pub unschedulable: Option<FitError>,
    /// The store's count of writes when this pod was last stored or changed (set by the store,
    /// like an API server's resourceVersion): a view of the pod stamped alike shows it still.
    #[serde(skip)]
    pub written: u64,
}

impl Pod {
    pub fn is_ready(&self) -> bool {
        self.ready_since.is_some()
    }

    pub fn is_terminating(&self) -> bool {
        self.metadata.deletion_timestamp.is_some()
    }

    /// Whether its node stopped answering while it was there (`status.reason` NodeLost).
    pub fn is_node_lost(&self) -> bool {
        self.reason == Some(PodReason::NodeLost)
    }

    /// `controller.IsPodActive`: not terminal and not being deleted.
    pub fn is_active(&self) -> bool {
        !matches!(self.phase, PodPhase::Succeeded | PodPhase::Failed) && !self.is_terminating()
    }

    /// `podutil.IsPodAvailable`: Ready, and Ready for strictly more than `min_ready_seconds`.
    pub fn is_available(&self, min_ready_seconds: i32, now: Seconds) -> bool {
        match self.ready_since {
            None => false,
            Some(since) => min_ready_seconds == 0 || since + i64::from(min_ready_seconds) < now,
        }
    }

    pub fn restarts(&self) -> i32 {
        self.container_statuses
            .iter()
            .map(|c| c.restart_count)
            .sum()
    }

    /// The `pod-deletion-cost` annotation (0 when missing or invalid).
    pub fn deletion_cost(&self) -> i32 {
        self.metadata
            .annotations
            .get(POD_DELETION_COST_ANNOTATION)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

/// A container of a pod's spec: its name and image, and how that image behaves (resolved once,
/// when the pod is created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContainerRef {
    pub name: String,
    pub image: String,
    #[serde(skip)]
    pub profile: ImageProfile,
}

/// A node of the simulated cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    pub name: String,
    /// Allocatable CPU and memory; `None` means unlimited (the default cluster).
    pub capacity: Option<Resources>,
    pub ready: bool,
    pub unschedulable: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    pub creation_timestamp: Seconds,
}

#[cfg(test)]
mod tests {
    use super::{RestartPolicy, SelectorOperator, StrategyType};

    #[test]
    fn selector_operators_read_back_as_written_and_unknown_text_is_kept_verbatim() {
        for op in [
            SelectorOperator::In,
            SelectorOperator::NotIn,
            SelectorOperator::Exists,
            SelectorOperator::DoesNotExist,
        ] {
            assert_eq!(SelectorOperator::parse(op.as_str()), op);
        }
        for text in ["Near", "in", ""] {
            let op = SelectorOperator::parse(text);
            assert_eq!(op, SelectorOperator::Invalid(text.to_string()));
            assert_eq!(op.as_str(), text);
        }
        assert_eq!(
            serde_json::to_value([SelectorOperator::NotIn, SelectorOperator::parse("Near")])
                .unwrap(),
            serde_json::json!(["NotIn", "Near"])
        );
    }

    #[test]
    fn restart_policies_read_back_as_written_and_unknown_text_is_kept_verbatim() {
        for policy in [
            RestartPolicy::Always,
            RestartPolicy::OnFailure,
            RestartPolicy::Never,
        ] {
            assert_eq!(RestartPolicy::parse(policy.as_str()), policy);
        }
        for text in ["Sometimes", "always", ""] {
            let policy = RestartPolicy::parse(text);
            assert_eq!(policy, RestartPolicy::Unsupported(text.to_string()));
            assert_eq!(policy.as_str(), text);
        }
        assert_eq!(
            serde_json::to_value(RestartPolicy::Always).unwrap(),
            serde_json::json!("Always")
        );
    }

    #[test]
    fn strategy_types_read_back_as_written_and_nothing_else_reads() {
        for kind in [StrategyType::RollingUpdate, StrategyType::Recreate] {
            assert_eq!(StrategyType::parse(kind.as_str()), Some(kind));
        }
        for text in ["", "recreate", "BlueGreen"] {
            assert_eq!(StrategyType::parse(text), None);
        }
    }
}
