//! `pkg/apis/autoscaling/validation/validation.go` for the autoscaling/v2 objects DeploySim holds:
//! `ValidateHorizontalPodAutoscaler` (`validateHorizontalPodAutoscalerSpec`,
//! `ValidateCrossVersionObjectReference`, `validateMetrics`/`validateMetricTarget` for the one
//! metric kept, `validateBehavior`, `validateScalingRules`, `validateScalingPolicy`), with
//! upstream's field paths, order and detail texts. What the typed object cannot hold (an
//! unknown metric type, a missing target) is checked by the manifest reader with these same
//! builders (`metric_source_errors`).

use super::field::{forbidden, go_quote, invalid, required, unsupported};
use super::validate_object_meta;
use crate::engine::autoscaling::{HorizontalPodAutoscaler, ScalingRules};
use crate::engine::errors::{ApiError, FieldError};

/// `MaxPeriodSeconds`.
const MAX_PERIOD_SECONDS: i32 = 1800;
/// `MaxStabilizationWindowSeconds`.
const MAX_STABILIZATION_WINDOW_SECONDS: i32 = 3600;

/// `ValidateHorizontalPodAutoscaler` (with `HPAScaleToZero` off, so `minReplicas` >= 1).
pub fn validate_horizontal_pod_autoscaler(hpa: &HorizontalPodAutoscaler) -> Vec<FieldError> {
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
    for (i, metric) in spec.metrics.iter().enumerate() {
        if metric.average_utilization < 1 {
            errors.push(invalid(
                &format!("spec.metrics[{i}].resource.target.averageUtilization"),
                metric.average_utilization.to_string(),
                "must be greater than 0",
            ));
        }
    }
    if let Some(behavior) = &spec.behavior {
        errors.extend(scaling_rules(&behavior.scale_up, "spec.behavior.scaleUp"));
        errors.extend(scaling_rules(
            &behavior.scale_down,
            "spec.behavior.scaleDown",
        ));
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
fn scaling_rules(rules: &ScalingRules, path: &str) -> Vec<FieldError> {
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
    if rules.policies.is_empty() {
        let mut error = required(&format!("{path}.policies"));
        error.detail = "must specify at least one Policy".into();
        errors.push(error);
    }
    for (i, policy) in rules.policies.iter().enumerate() {
        let at = format!("{path}.policies[{i}]");
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

/// What a metric of a manifest says that the typed `MetricSpec` cannot hold, as
/// `validateMetricSpec` and `validateResourceSource` report it (`at` is `spec.metrics[i]`):
/// `kind` is `type`, `resource` the resource name, `target_type` the target's `type`, and
/// `has_utilization` / `has_average_value` which targets were set. Metric kinds DeploySim cannot
/// measure are refused with the simulator's reason.
pub fn metric_source_errors(
    at: &str,
    kind: &str,
    resource: Option<&str>,
    target_type: &str,
    has_utilization: bool,
    has_average_value: bool,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    const TYPES: [&str; 5] = [
        "ContainerResource",
        "External",
        "Object",
        "Pods",
        "Resource",
    ];
    if kind.is_empty() {
        let mut error = required(&format!("{at}.type"));
        error.detail = "must specify a metric source type".into();
        errors.push(error);
    }
    if !TYPES.contains(&kind) {
        errors.push(unsupported(&format!("{at}.type"), kind, &TYPES));
        return errors;
    }
    if kind != "Resource" {
        errors.push(simulator_limit(
            &format!("{at}.type"),
            kind,
            "DeploySim measures Resource metrics only (cpu)",
        ));
        return errors;
    }
    let Some(resource) = resource else {
        let mut error = required(&format!("{at}.resource"));
        error.detail = "must populate information for the given metric source".into();
        errors.push(error);
        return errors;
    };
    if resource.is_empty() {
        let mut error = required(&format!("{at}.resource.name"));
        error.detail = "must specify a resource name".into();
        errors.push(error);
    } else if resource != "cpu" {
        errors.push(simulator_limit(
            &format!("{at}.resource.name"),
            resource,
            "DeploySim measures the pods' cpu only",
        ));
    }
    let target = format!("{at}.resource.target");
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
    if !has_utilization && !has_average_value {
        let mut error = required(&format!("{target}.averageUtilization"));
        error.detail = "must set either a target raw value or a target utilization".into();
        errors.push(error);
    }
    if has_utilization && has_average_value {
        errors.push(forbidden(
            &format!("{target}.averageValue"),
            "may not set both a target raw value and a target utilization",
        ));
    } else if has_average_value || (target_type != "Utilization" && errors.is_empty()) {
        errors.push(simulator_limit(
            &format!("{target}.type"),
            target_type,
            "DeploySim simulates Utilization targets only (averageUtilization)",
        ));
    }
    errors
}

/// A value upstream accepts that the simulator cannot simulate, refused like a validation error.
fn simulator_limit(field: &str, value: &str, why: &str) -> FieldError {
    invalid(field, go_quote(value), why)
}
