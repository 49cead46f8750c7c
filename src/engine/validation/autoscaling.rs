//! `pkg/apis/autoscaling/validation/validation.go` for the autoscaling/v2 objects DeploySim holds:
//! `ValidateHorizontalPodAutoscaler` (`validateHorizontalPodAutoscalerSpec`,
//! `ValidateCrossVersionObjectReference`, `validateMetrics`/`validateMetricTarget` for the one
//! metric kept, `validateBehavior`, `validateScalingRules`, `validateScalingPolicy`), with
//! upstream's field paths, order and detail texts. What the typed object cannot hold (an
//! unknown metric type, a missing target, an unknown `selectPolicy`) comes from the manifest
//! reader as an `HpaUnrepresentable` and is checked where upstream checks it
//! (`validate_horizontal_pod_autoscaler_with`). Ported from upstream's validation.go as of
//! autoscaling/v2 with `behavior` (no `tolerance`, no `selectionStrategy`).

use super::field::{forbidden, go_quote, invalid, required, unsupported};
use super::validate_object_meta;
use crate::engine::autoscaling::{HorizontalPodAutoscaler, ScalingRules};
use crate::engine::errors::{ApiError, FieldError};
use crate::engine::sorting::sort_by;

/// `MaxPeriodSeconds`.
const MAX_PERIOD_SECONDS: i32 = 1800;
/// `MaxStabilizationWindowSeconds`.
const MAX_STABILIZATION_WINDOW_SECONDS: i32 = 3600;

/// What a manifest's HPA says that the typed `HorizontalPodAutoscaler` cannot hold, for
/// validation to report where upstream does: each metric as written (when any metric is not a
/// `Resource` `cpu` `Utilization` target), and the unknown `selectPolicy` and policy `type`
/// values by their rules' path (`spec.behavior.scaleUp`, `spec.behavior.scaleUp.policies[0]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HpaUnrepresentable {
    pub metrics: Option<Vec<MetricManifest>>,
    pub select_policies: Vec<(String, String)>,
    pub policy_types: Vec<(String, String)>,
}

impl HpaUnrepresentable {
    pub fn is_empty(&self) -> bool {
        self.metrics.is_none() && self.select_policies.is_empty() && self.policy_types.is_empty()
    }
}

/// One `spec.metrics[i]` as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetricManifest {
    /// `type`, as written (may be empty).
    pub kind: String,
    /// Which metric sources are set, by their field names (`object`, `external`, `pods`,
    /// `resource`, `containerResource`).
    pub sources: Vec<&'static str>,
    /// `resource`, when set.
    pub resource: Option<ResourceManifest>,
}

/// `spec.metrics[i].resource` as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceManifest {
    pub name: String,
    /// `target.type`, as written.
    pub target_type: String,
    /// `target.value` and `target.averageValue`: the quantity as written and whether it is
    /// greater than zero.
    pub value: Option<(String, bool)>,
    pub average_value: Option<(String, bool)>,
    pub average_utilization: Option<i32>,
}

/// `ValidateHorizontalPodAutoscaler` (with `HPAScaleToZero` off, so `minReplicas` >= 1).
pub fn validate_horizontal_pod_autoscaler(hpa: &HorizontalPodAutoscaler) -> Vec<FieldError> {
    validate_horizontal_pod_autoscaler_with(hpa, &HpaUnrepresentable::default())
}

/// `ValidateHorizontalPodAutoscaler` of a decoded manifest, including what the typed object
/// cannot hold, in upstream's order: `minReplicas`, `maxReplicas`, `scaleTargetRef`, `metrics`,
/// `behavior`.
pub fn validate_horizontal_pod_autoscaler_with(
    hpa: &HorizontalPodAutoscaler,
    unrepresentable: &HpaUnrepresentable,
) -> Vec<FieldError> {
    let mut errors = validate_object_meta(&hpa.metadata);
    let spec = &hpa.spec;
    if spec.min_replicas < 1 {
        errors.push(invalid(
            "spec.minReplicas",
            spec.min_replicas.to_string(),
            "must be greater than or equal to 1",
        ));
    }
    if spec.max_replicas < 1 {
        errors.push(invalid(
            "spec.maxReplicas",
            spec.max_replicas.to_string(),
            "must be greater than 0",
        ));
    }
    if spec.max_replicas < spec.min_replicas {
        errors.push(invalid(
            "spec.maxReplicas",
            spec.max_replicas.to_string(),
            "must be greater than or equal to `minReplicas`",
        ));
    }
    let target = &spec.scale_target_ref;
    for (field, value) in [
        ("spec.scaleTargetRef.kind", &target.kind),
        ("spec.scaleTargetRef.name", &target.name),
    ] {
        if value.is_empty() {
            errors.push(required(field));
        }
        for msg in path_segment_name(value) {
            errors.push(invalid(field, go_quote(value), msg));
        }
    }
    let mut object_or_external = false;
    match &unrepresentable.metrics {
        Some(metrics) => {
            for (i, metric) in metrics.iter().enumerate() {
                errors.extend(metric_spec(&format!("spec.metrics[{i}]"), metric));
                object_or_external |= metric.kind == "Object" || metric.kind == "External";
            }
        }
        None => {
            for (i, metric) in spec.metrics.iter().enumerate() {
                if metric.average_utilization < 1 {
                    errors.push(invalid(
                        &format!("spec.metrics[{i}].resource.target.averageUtilization"),
                        metric.average_utilization.to_string(),
                        "must be greater than 0",
                    ));
                }
            }
        }
    }
    if spec.min_replicas == 0 && !object_or_external {
        errors.push(forbidden(
            "spec.metrics",
            "must specify at least one Object or External metric to support scaling to zero replicas",
        ));
    }
    if let Some(behavior) = &spec.behavior {
        for (rules, path) in [
            (&behavior.scale_up, "spec.behavior.scaleUp"),
            (&behavior.scale_down, "spec.behavior.scaleDown"),
        ] {
            errors.extend(scaling_rules(rules, path, unrepresentable));
        }
    }
    errors
}

/// Rejects an invalid HPA with the API server's 422.
pub fn check_horizontal_pod_autoscaler(hpa: &HorizontalPodAutoscaler) -> Result<(), ApiError> {
    let causes = validate_horizontal_pod_autoscaler(hpa);
    if causes.is_empty() {
        return Ok(());
    }
    Err(ApiError::Invalid {
        kind: "HorizontalPodAutoscaler.autoscaling".into(),
        name: hpa.metadata.name.clone(),
        causes,
    })
}

/// `IsValidPathSegmentName`.
fn path_segment_name(name: &str) -> Vec<&'static str> {
    let mut msgs = Vec::new();
    match name {
        "." => msgs.push("may not be '.'"),
        ".." => msgs.push("may not be '..'"),
        _ => {
            if name.contains('/') {
                msgs.push("may not contain '/'");
            }
            if name.contains('%') {
                msgs.push("may not contain '%'");
            }
        }
    }
    msgs
}

/// `validateScalingRules` (on defaulted rules) and `validateScalingPolicy` for each policy.
fn scaling_rules(
    rules: &ScalingRules,
    path: &str,
    unrepresentable: &HpaUnrepresentable,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(window) = rules.stabilization_window_seconds {
        let field = format!("{path}.stabilizationWindowSeconds");
        if window < 0 {
            errors.push(invalid(
                &field,
                window.to_string(),
                "must be greater than or equal to zero",
            ));
        }
        if window > MAX_STABILIZATION_WINDOW_SECONDS {
            errors.push(invalid(
                &field,
                window.to_string(),
                &format!("must be less than or equal to {MAX_STABILIZATION_WINDOW_SECONDS}"),
            ));
        }
    }
    let unknown = |list: &[(String, String)], at: &str| {
        list.iter()
            .find(|(p, _)| p == at)
            .map(|(_, value)| value.clone())
    };
    if let Some(value) = unknown(&unrepresentable.select_policies, path) {
        errors.push(unsupported(
            &format!("{path}.selectPolicy"),
            &value,
            &["Disabled", "Max", "Min"],
        ));
    }
    if rules.policies.is_empty() {
        let mut error = required(&format!("{path}.policies"));
        error.detail = "must specify at least one Policy".into();
        errors.push(error);
    }
    for (i, policy) in rules.policies.iter().enumerate() {
        let at = format!("{path}.policies[{i}]");
        if let Some(value) = unknown(&unrepresentable.policy_types, &at) {
            errors.push(unsupported(
                &format!("{at}.type"),
                &value,
                &["Percent", "Pods"],
            ));
        }
        if policy.value <= 0 {
            errors.push(invalid(
                &format!("{at}.value"),
                policy.value.to_string(),
                "must be greater than zero",
            ));
        }
        if policy.period_seconds <= 0 {
            errors.push(invalid(
                &format!("{at}.periodSeconds"),
                policy.period_seconds.to_string(),
                "must be greater than zero",
            ));
        }
        if policy.period_seconds > MAX_PERIOD_SECONDS {
            errors.push(invalid(
                &format!("{at}.periodSeconds"),
                policy.period_seconds.to_string(),
                &format!("must be less than or equal to {MAX_PERIOD_SECONDS}"),
            ));
        }
    }
    errors
}

/// The metric source types upstream knows, sorted (`validMetricSourceTypesList`).
const METRIC_SOURCE_TYPES: [&str; 5] = [
    "ContainerResource",
    "External",
    "Object",
    "Pods",
    "Resource",
];

/// `validateMetricSpec` of one metric as written (`at` is `spec.metrics[i]`), then, when
/// upstream finds nothing wrong, what the simulator cannot measure: metrics other than
/// `Resource`, resources other than `cpu`, targets other than `Utilization`.
/// Upstream reports an unknown type twice (once before and once in its `switch`); the API
/// server's aggregate prints it once, and so does this.
fn metric_spec(at: &str, metric: &MetricManifest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let kind = metric.kind.as_str();
    if kind.is_empty() {
        let mut error = required(&format!("{at}.type"));
        error.detail = "must specify a metric source type".into();
        errors.push(error);
    }
    if !METRIC_SOURCE_TYPES.contains(&kind) {
        errors.push(unsupported(
            &format!("{at}.type"),
            kind,
            &METRIC_SOURCE_TYPES,
        ));
    }
    // Only the first source set is validated (object, external, pods, resource,
    // containerResource); the simulator checks the insides of a resource source only.
    if metric.sources.first() == Some(&"resource") {
        if let Some(resource) = &metric.resource {
            errors.extend(resource_source(&format!("{at}.resource"), resource));
        }
    }
    let expected = match kind {
        "Object" => Some("object"),
        "Pods" => Some("pods"),
        "Resource" => Some("resource"),
        "External" => Some("external"),
        "ContainerResource" => Some("containerResource"),
        _ => None,
    };
    if let Some(expected) = expected {
        if !metric.sources.contains(&expected) {
            let mut error = required(&format!("{at}.{expected}"));
            error.detail = "must populate information for the given metric source".into();
            errors.push(error);
        }
    }
    if metric.sources.len() != 1 {
        let mut others: Vec<&str> = metric
            .sources
            .iter()
            .copied()
            .filter(|s| Some(*s) != expected)
            .collect();
        sort_by(&mut others, &|a, b| a.cmp(b));
        for other in others {
            errors.push(forbidden(
                &format!("{at}.{other}"),
                "must populate the given metric source only",
            ));
        }
    }
    if !errors.is_empty() {
        return errors;
    }
    if kind != "Resource" {
        errors.push(simulator_limit(
            &format!("{at}.type"),
            kind,
            "DeploySim measures Resource metrics only (cpu)",
        ));
    } else if let Some(resource) = &metric.resource {
        if resource.name != "cpu" {
            errors.push(simulator_limit(
                &format!("{at}.resource.name"),
                &resource.name,
                "DeploySim measures the pods' cpu only",
            ));
        } else if resource.target_type != "Utilization" || resource.average_utilization.is_none() {
            errors.push(simulator_limit(
                &format!("{at}.resource.target.type"),
                &resource.target_type,
                "DeploySim simulates Utilization targets only (averageUtilization)",
            ));
        }
    }
    errors
}

/// `validateResourceSource` with `validateMetricTarget`.
fn resource_source(at: &str, resource: &ResourceManifest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if resource.name.is_empty() {
        let mut error = required(&format!("{at}.name"));
        error.detail = "must specify a resource name".into();
        errors.push(error);
    }
    let target = format!("{at}.target");
    let target_type = resource.target_type.as_str();
    if target_type.is_empty() {
        let mut error = required(&format!("{target}.type"));
        error.detail = "must specify a metric target type".into();
        errors.push(error);
    }
    if !["Utilization", "Value", "AverageValue"].contains(&target_type) {
        errors.push(invalid(
            &format!("{target}.type"),
            go_quote(target_type),
            "must be either Utilization, Value, or AverageValue",
        ));
    }
    for (name, quantity) in [
        ("value", &resource.value),
        ("averageValue", &resource.average_value),
    ] {
        if let Some((text, false)) = quantity {
            errors.push(invalid(
                &format!("{target}.{name}"),
                go_quote(text),
                "must be positive",
            ));
        }
    }
    if let Some(utilization) = resource.average_utilization.filter(|u| *u < 1) {
        errors.push(invalid(
            &format!("{target}.averageUtilization"),
            utilization.to_string(),
            "must be greater than 0",
        ));
    }
    let (utilization, average) = (
        resource.average_utilization.is_some(),
        resource.average_value.is_some(),
    );
    if !utilization && !average {
        let mut error = required(&format!("{target}.averageUtilization"));
        error.detail = "must set either a target raw value or a target utilization".into();
        errors.push(error);
    }
    if utilization && average {
        errors.push(forbidden(
            &format!("{target}.averageValue"),
            "may not set both a target raw value and a target utilization",
        ));
    }
    errors
}

/// A value upstream accepts that the simulator cannot simulate, refused like a validation error.
fn simulator_limit(field: &str, value: &str, why: &str) -> FieldError {
    invalid(field, go_quote(value), why)
}
