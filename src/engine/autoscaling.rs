//! The autoscaling/v2 `HorizontalPodAutoscaler` as the API server stores it, with upstream's
//! defaults (`pkg/apis/autoscaling/v2/defaults.go`): `minReplicas` 1, a CPU target of 80% when
//! no metric is given, and `behavior` filled in by `GenerateHPAScaleUpRules` /
//! `GenerateHPAScaleDownRules` only when one is given. Its status and conditions are typed;
//! their texts are written here, in `HpaConditionReason::message` and `MetricError`'s `Display`.
//!
//! DeploySim simulates one kind of metric: `Resource` `cpu` with a `Utilization` target, read
//! from the pods' CPU usage (`engine::traffic`). Other metric types are refused by the API
//! server with a message saying so (`validation::autoscaling`).

use std::fmt;

use super::objects::{ConditionStatus, ObjectMeta, Seconds};

/// `DefaultCPUUtilization`: the target when an HPA names no metric.
pub const DEFAULT_CPU_UTILIZATION: i32 = 80;

/// `spec.scaleTargetRef` (`CrossVersionObjectReference`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossVersionObjectReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
}

/// `spec.metrics[i]`: a `Resource` metric (`type: Resource`) with a utilization target, the one
/// kind the simulation can measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricSpec {
    /// `resource.name` (`cpu`).
    pub resource: String,
    /// `resource.target.averageUtilization`, percent of the pods' request.
    pub average_utilization: i32,
}

/// `HPAScalingPolicyType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalingPolicyType {
    Pods,
    Percent,
}

impl ScalingPolicyType {
    pub fn as_str(self) -> &'static str {
        match self {
            ScalingPolicyType::Pods => "Pods",
            ScalingPolicyType::Percent => "Percent",
        }
    }
}

/// `HPAScalingPolicy`: at most `value` pods (or percent) in `period_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScalingPolicy {
    pub kind: ScalingPolicyType,
    pub value: i32,
    pub period_seconds: i32,
}

/// `ScalingPolicySelect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectPolicy {
    Max,
    Min,
    Disabled,
}

impl SelectPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            SelectPolicy::Max => "Max",
            SelectPolicy::Min => "Min",
            SelectPolicy::Disabled => "Disabled",
        }
    }
}

/// `HPAScalingRules`, defaulted: `stabilization_window_seconds` stays `None` only for a
/// scale-down left to the controller's window (300 s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalingRules {
    pub stabilization_window_seconds: Option<i32>,
    pub select_policy: SelectPolicy,
    pub policies: Vec<ScalingPolicy>,
}

impl ScalingRules {
    /// `GenerateHPAScaleUpRules(nil)`: no window, 4 pods or 100% every 15 s, whichever is more.
    pub fn default_scale_up() -> Self {
        ScalingRules {
            stabilization_window_seconds: Some(0),
            select_policy: SelectPolicy::Max,
            policies: vec![
                ScalingPolicy {
                    kind: ScalingPolicyType::Pods,
                    value: 4,
                    period_seconds: 15,
                },
                ScalingPolicy {
                    kind: ScalingPolicyType::Percent,
                    value: 100,
                    period_seconds: 15,
                },
            ],
        }
    }

    /// `GenerateHPAScaleDownRules(nil)`: the controller's window, 100% every 15 s.
    pub fn default_scale_down() -> Self {
        ScalingRules {
            stabilization_window_seconds: None,
            select_policy: SelectPolicy::Max,
            policies: vec![ScalingPolicy {
                kind: ScalingPolicyType::Percent,
                value: 100,
                period_seconds: 15,
            }],
        }
    }
}

/// `spec.behavior`, defaulted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Behavior {
    pub scale_up: ScalingRules,
    pub scale_down: ScalingRules,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HorizontalPodAutoscalerSpec {
    pub scale_target_ref: CrossVersionObjectReference,
    /// Defaulted to 1.
    pub min_replicas: i32,
    pub max_replicas: i32,
    pub metrics: Vec<MetricSpec>,
    pub behavior: Option<Behavior>,
}

/// `status.currentMetrics[i]` for a Resource metric: `current.averageUtilization` and
/// `current.averageValue` (millicores).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricStatus {
    pub average_utilization: i32,
    pub average_value_millis: i64,
}

/// `HorizontalPodAutoscalerConditionType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HpaConditionType {
    AbleToScale,
    ScalingActive,
    ScalingLimited,
}

impl HpaConditionType {
    pub fn as_str(self) -> &'static str {
        match self {
            HpaConditionType::AbleToScale => "AbleToScale",
            HpaConditionType::ScalingActive => "ScalingActive",
            HpaConditionType::ScalingLimited => "ScalingLimited",
        }
    }
}

/// Why a resource metric could not be read or used (`GetResourceReplicas` and the metrics
/// client), in upstream's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricError {
    /// `calculatePodRequests`: a container of a pod asks for no CPU.
    MissingRequest { container: String, pod: String },
    /// The metrics API returned nothing for the selector.
    NoMetrics,
    /// The selector matches no pod.
    NoPods,
    /// Every pod with a metric is unready or ignored.
    NoReadyPodMetrics,
    /// `GetResourceUtilizationRatio`: the requests and the metrics share no pod.
    NoMatchingMetrics,
}

impl fmt::Display for MetricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricError::MissingRequest { container, pod } => {
                write!(f, "missing request for cpu in container {container} of Pod {pod}")
            }
            MetricError::NoMetrics => f.write_str(
                "unable to get metrics for resource cpu: no metrics returned from resource metrics API",
            ),
            MetricError::NoPods => {
                f.write_str("no pods returned by selector while calculating replica count")
            }
            MetricError::NoReadyPodMetrics => {
                f.write_str("did not receive metrics for targeted pods (pods might be unready)")
            }
            MetricError::NoMatchingMetrics => f.write_str("no metrics returned matched known pods"),
        }
    }
}

/// `computeStatusForResourceMetricGeneric`'s wrapping of a `MetricError`.
#[derive(Debug, Clone, Copy)]
pub struct FailedToGetUtilization<'a>(pub &'a MetricError);

impl fmt::Display for FailedToGetUtilization<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "failed to get cpu utilization: {}", self.0)
    }
}

/// The reason of an HPA condition, with the facts its message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HpaConditionReason {
    SucceededGetScale,
    /// The target could not be read: `deployments.apps "NAME" not found`.
    FailedGetScale {
        target: String,
    },
    SucceededRescale {
        replicas: i32,
    },
    ReadyForNewScale,
    ScaleDownStabilized,
    ScaleUpStabilized,
    ValidMetricFound,
    ScalingDisabled,
    FailedGetResourceMetric(Box<MetricError>),
    DesiredWithinRange,
    TooFewReplicas,
    TooManyReplicas,
    ScaleUpLimit,
    ScaleDownLimit,
}

impl HpaConditionReason {
    pub fn as_str(&self) -> &'static str {
        match self {
            HpaConditionReason::SucceededGetScale => "SucceededGetScale",
            HpaConditionReason::FailedGetScale { .. } => "FailedGetScale",
            HpaConditionReason::SucceededRescale { .. } => "SucceededRescale",
            HpaConditionReason::ReadyForNewScale => "ReadyForNewScale",
            HpaConditionReason::ScaleDownStabilized => "ScaleDownStabilized",
            HpaConditionReason::ScaleUpStabilized => "ScaleUpStabilized",
            HpaConditionReason::ValidMetricFound => "ValidMetricFound",
            HpaConditionReason::ScalingDisabled => "ScalingDisabled",
            HpaConditionReason::FailedGetResourceMetric(_) => "FailedGetResourceMetric",
            HpaConditionReason::DesiredWithinRange => "DesiredWithinRange",
            HpaConditionReason::TooFewReplicas => "TooFewReplicas",
            HpaConditionReason::TooManyReplicas => "TooManyReplicas",
            HpaConditionReason::ScaleUpLimit => "ScaleUpLimit",
            HpaConditionReason::ScaleDownLimit => "ScaleDownLimit",
        }
    }

    /// The condition's message, as `horizontal.go` writes it.
    pub fn message(&self) -> ConditionMessage<'_> {
        ConditionMessage(self)
    }
}

/// An HPA condition's message text, written when displayed.
#[derive(Debug, Clone, Copy)]
pub struct ConditionMessage<'a>(&'a HpaConditionReason);

impl fmt::Display for ConditionMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            HpaConditionReason::SucceededGetScale => {
                f.write_str("the HPA controller was able to get the target's current scale")
            }
            HpaConditionReason::FailedGetScale { target } => write!(
                f,
                "the HPA controller was unable to get the target's current scale: deployments.apps \"{target}\" not found"
            ),
            HpaConditionReason::SucceededRescale { replicas } => write!(
                f,
                "the HPA controller was able to update the target scale to {replicas}"
            ),
            HpaConditionReason::ReadyForNewScale => {
                f.write_str("recommended size matches current size")
            }
            HpaConditionReason::ScaleDownStabilized => f.write_str(
                "recent recommendations were higher than current one, applying the highest recent recommendation",
            ),
            HpaConditionReason::ScaleUpStabilized => f.write_str(
                "recent recommendations were lower than current one, applying the lowest recent recommendation",
            ),
            HpaConditionReason::ValidMetricFound => f.write_str(
                "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
            ),
            HpaConditionReason::ScalingDisabled => {
                f.write_str("scaling is disabled since the replica count of the target is zero")
            }
            HpaConditionReason::FailedGetResourceMetric(error) => write!(
                f,
                "the HPA was unable to compute the replica count: {}",
                FailedToGetUtilization(error)
            ),
            HpaConditionReason::DesiredWithinRange => {
                f.write_str("the desired count is within the acceptable range")
            }
            HpaConditionReason::TooFewReplicas => {
                f.write_str("the desired replica count is less than the minimum replica count")
            }
            HpaConditionReason::TooManyReplicas => {
                f.write_str("the desired replica count is more than the maximum replica count")
            }
            HpaConditionReason::ScaleUpLimit => f.write_str(
                "the desired replica count is increasing faster than the maximum scale rate",
            ),
            HpaConditionReason::ScaleDownLimit => f.write_str(
                "the desired replica count is decreasing faster than the maximum scale rate",
            ),
        }
    }
}

/// `HorizontalPodAutoscalerCondition`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HpaCondition {
    pub kind: HpaConditionType,
    pub status: ConditionStatus,
    pub reason: HpaConditionReason,
    pub last_transition_time: Seconds,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HorizontalPodAutoscalerStatus {
    pub current_replicas: i32,
    /// 0 until the first successful computation.
    pub desired_replicas: i32,
    /// One entry per metric once measured; empty before (kubectl prints `<unknown>`).
    pub current_metrics: Vec<MetricStatus>,
    pub last_scale_time: Option<Seconds>,
    pub conditions: Vec<HpaCondition>,
}

impl HorizontalPodAutoscalerStatus {
    pub fn condition(&self, kind: HpaConditionType) -> Option<&HpaCondition> {
        self.conditions.iter().find(|c| c.kind == kind)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HorizontalPodAutoscaler {
    pub metadata: ObjectMeta,
    pub spec: HorizontalPodAutoscalerSpec,
    pub status: HorizontalPodAutoscalerStatus,
}

impl HorizontalPodAutoscaler {
    /// What `kubectl autoscale deployment/TARGET --min=MIN --max=MAX --cpu-percent=CPU` sends,
    /// defaulted: named after the Deployment, `minReplicas` 1 and 80% when not given.
    pub fn for_deployment(
        namespace: &str,
        target: &str,
        min: Option<i32>,
        max: i32,
        cpu_percent: Option<i32>,
    ) -> Self {
        HorizontalPodAutoscaler {
            metadata: ObjectMeta::named(namespace, target),
            spec: HorizontalPodAutoscalerSpec {
                scale_target_ref: CrossVersionObjectReference {
                    api_version: "apps/v1".into(),
                    kind: "Deployment".into(),
                    name: target.into(),
                },
                min_replicas: min.unwrap_or(1),
                max_replicas: max,
                metrics: vec![MetricSpec {
                    resource: "cpu".into(),
                    average_utilization: cpu_percent.unwrap_or(DEFAULT_CPU_UTILIZATION),
                }],
                behavior: None,
            },
            status: HorizontalPodAutoscalerStatus::default(),
        }
    }

    /// `Kind/name` of the scale target, as `kubectl get hpa` prints it in REFERENCE.
    pub fn reference(&self) -> String {
        format!(
            "{}/{}",
            self.spec.scale_target_ref.kind, self.spec.scale_target_ref.name
        )
    }
}
