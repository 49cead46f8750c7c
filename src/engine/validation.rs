//! The API server's validation of Deployments (`pkg/apis/apps/validation/validation.go`
//! `ValidateDeployment`, `ValidateDeploymentSpec`, `ValidateDeploymentStrategy`,
//! `ValidateRollingUpdateDeployment`, `ValidatePodTemplateSpecForReplicaSet`,
//! `ValidateDeploymentStatus`; the selector immutability of `pkg/registry/apps/deployment/strategy.go`;
//! and the parts of `ValidateObjectMeta` and `ValidatePodSpec` that a Deployment meets), with
//! upstream's field paths, order and detail texts, values rendered as Kubernetes 1.34+ renders
//! them (`Invalid value: 0`, `"0%"`, `{"app":"web"}`).
//!
//! Not ported: lifecycle, security-context, affinity, toleration and topology checks, the
//! 256 KiB annotation size limit, and `generateName`; a field the template keeps verbatim is
//! checked only where `pod` says so.

pub mod autoscaling;
mod field;
mod names;
mod pod;
pub mod quantity;
mod service;

use std::collections::BTreeMap;

use serde_json::json;

use field::{
    forbidden, go_json, go_quote, int_or_string_json, internal_rolling_update, invalid,
    non_negative, required, selector_json,
};
use names::{
    is_dns1123_label, is_dns1123_subdomain, is_qualified_name, is_valid_label_value,
    lowercase_for_names, regex_error,
};
use pod::validate_pod_template_for_replica_set;
pub use pod::PROBE_TIMING_FIELDS;
pub use service::{check_service, validate_service};

use super::errors::{ApiError, FieldError, FieldErrorKind};
use super::intstr::IntOrString;
use super::objects::{
    Deployment, DeploymentSpec, DeploymentStatus, LabelSelector, ObjectMeta,
    RollingUpdateDeployment, SelectorOperator, StrategyType, ROLLBACK_TO_ANNOTATION,
};

/// What an apps/v1 manifest can say that the typed `Deployment` cannot hold; the manifest reader
/// passes it so that such a Deployment gets upstream's complete list of causes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unrepresentable {
    /// `spec.selector` was absent or null.
    pub selector_missing: bool,
    /// `spec.strategy.type` was neither `RollingUpdate` nor `Recreate` (the raw value).
    pub strategy_type: Option<String>,
}

/// `ValidateDeployment`: every problem with a Deployment, in upstream's order.
pub fn validate_deployment(deployment: &Deployment) -> Vec<FieldError> {
    validate_deployment_with(deployment, &Unrepresentable::default())
}

/// `ValidateDeployment` of a decoded manifest, including what the typed object cannot hold.
pub fn validate_deployment_with(
    deployment: &Deployment,
    unrepresentable: &Unrepresentable,
) -> Vec<FieldError> {
    let mut errors = validate_object_meta(&deployment.metadata);
    errors.extend(validate_deployment_spec(
        &deployment.spec,
        &deployment.metadata.annotations,
        unrepresentable,
    ));
    errors
}

/// `ValidateDeploymentUpdate` plus the registry's selector immutability (apps/v1).
pub fn validate_deployment_update(deployment: &Deployment, old: &Deployment) -> Vec<FieldError> {
    let mut errors = validate_deployment(deployment);
    if deployment.spec.selector != old.spec.selector {
        errors.push(invalid(
            "spec.selector",
            go_json(&selector_json(&deployment.spec.selector)),
            "field is immutable",
        ));
    }
    errors
}

/// `ValidateDeploymentStatus(status, fldPath)`.
pub fn validate_deployment_status(status: &DeploymentStatus, path: &str) -> Vec<FieldError> {
    let field = |name: &str| format!("{path}.{name}");
    let mut errors = Vec::new();
    non_negative(
        &mut errors,
        &field("observedGeneration"),
        status.observed_generation,
    );
    for (name, value) in [
        ("replicas", status.replicas),
        ("updatedReplicas", status.updated_replicas),
        ("readyReplicas", status.ready_replicas),
        ("availableReplicas", status.available_replicas),
        ("unavailableReplicas", status.unavailable_replicas),
        ("terminatingReplicas", status.terminating_replicas),
        ("collisionCount", status.collision_count),
    ] {
        non_negative(&mut errors, &field(name), i64::from(value));
    }
    let msg = "cannot be greater than status.replicas";
    for (name, value) in [
        ("updatedReplicas", status.updated_replicas),
        ("readyReplicas", status.ready_replicas),
        ("availableReplicas", status.available_replicas),
    ] {
        if value > status.replicas {
            errors.push(invalid(&field(name), value.to_string(), msg));
        }
    }
    if status.available_replicas > status.ready_replicas {
        errors.push(invalid(
            &field("availableReplicas"),
            status.available_replicas.to_string(),
            "cannot be greater than readyReplicas",
        ));
    }
    errors
}

/// `ValidateDeploymentStatusUpdate`: the status rules, and `collisionCount` never goes down.
pub fn validate_deployment_status_update(
    status: &DeploymentStatus,
    old: &DeploymentStatus,
) -> Vec<FieldError> {
    let mut errors = validate_deployment_status(status, "status");
    if status.collision_count < old.collision_count {
        errors.push(invalid(
            "status.collisionCount",
            status.collision_count.to_string(),
            "cannot be decremented",
        ));
    }
    errors
}

/// Rejects an invalid new Deployment with the API server's 422.
pub fn check_deployment(deployment: &Deployment) -> Result<(), ApiError> {
    invalid_if_any(deployment, validate_deployment(deployment))
}

/// Rejects an invalid update (`ValidateDeploymentUpdate`).
pub fn check_deployment_update(deployment: &Deployment, old: &Deployment) -> Result<(), ApiError> {
    invalid_if_any(deployment, validate_deployment_update(deployment, old))
}

fn invalid_if_any(deployment: &Deployment, causes: Vec<FieldError>) -> Result<(), ApiError> {
    if causes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid {
            kind: "Deployment".into(),
            name: deployment.metadata.name.clone(),
            causes,
        })
    }
}

// ----- ObjectMeta -----

/// `ValidateObjectMeta(meta, requiresNamespace=true, NameIsDNSSubdomain)`.
fn validate_object_meta(meta: &ObjectMeta) -> Vec<FieldError> {
    validate_object_meta_named(meta, is_dns1123_subdomain)
}

/// `ValidateObjectMeta(meta, requiresNamespace=true, nameFn)`.
fn validate_object_meta_named(
    meta: &ObjectMeta,
    name_errors: fn(&str) -> Vec<String>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if meta.name.is_empty() {
        errors.push(FieldError {
            field: "metadata.name".into(),
            kind: FieldErrorKind::Required,
            detail: "name or generateName is required".into(),
        });
    } else {
        for msg in name_errors(&meta.name) {
            errors.push(invalid("metadata.name", go_quote(&meta.name), &msg));
        }
    }
    if meta.namespace.is_empty() {
        errors.push(required("metadata.namespace"));
    } else {
        for msg in is_dns1123_label(&meta.namespace) {
            errors.push(invalid(
                "metadata.namespace",
                go_quote(&meta.namespace),
                &msg,
            ));
        }
    }
    non_negative(&mut errors, "metadata.generation", meta.generation);
    errors.extend(validate_labels(&meta.labels, "metadata.labels"));
    errors.extend(validate_annotations(
        &meta.annotations,
        "metadata.annotations",
    ));
    errors
}

/// `ValidateLabels`: qualified-name keys and label values.
fn validate_labels(labels: &BTreeMap<String, String>, path: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (key, value) in labels {
        for msg in is_qualified_name(key) {
            errors.push(invalid(path, go_quote(key), &msg));
        }
        for msg in is_valid_label_value(value) {
            errors.push(invalid(path, go_quote(value), &msg));
        }
    }
    errors
}

/// `ValidateAnnotations`: keys are qualified names (compared in lower case).
fn validate_annotations(annotations: &BTreeMap<String, String>, path: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for key in annotations.keys() {
        for msg in is_qualified_name(&lowercase_for_names(key)) {
            errors.push(invalid(path, go_quote(key), &msg));
        }
    }
    errors
}

// ----- DeploymentSpec -----

/// `ValidateDeploymentSpec`.
fn validate_deployment_spec(
    spec: &DeploymentSpec,
    annotations: &BTreeMap<String, String>,
    unrepresentable: &Unrepresentable,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    non_negative(&mut errors, "spec.replicas", i64::from(spec.replicas));
    let selector_ok = if unrepresentable.selector_missing {
        errors.push(required("spec.selector"));
        true
    } else {
        let (selector_errors, parses) = validate_label_selector(&spec.selector);
        errors.extend(selector_errors);
        if spec.selector.is_empty() {
            errors.push(invalid(
                "spec.selector",
                go_json(&selector_json(&spec.selector)),
                "empty selector is invalid for deployment",
            ));
        }
        if !parses {
            errors.push(invalid(
                "spec.selector",
                go_json(&selector_json(&spec.selector)),
                "invalid label selector",
            ));
        }
        parses
    };
    if selector_ok {
        errors.extend(validate_pod_template_for_replica_set(
            &spec.template,
            spec,
            unrepresentable.selector_missing,
        ));
    }
    match &unrepresentable.strategy_type {
        Some(raw) => errors.push(FieldError {
            field: "spec.strategy".into(),
            kind: FieldErrorKind::Unsupported {
                value: go_json(&json!({
                    "Type": raw,
                    "RollingUpdate": spec.strategy.rolling_update.as_ref().map(internal_rolling_update),
                })),
                supported: vec!["Recreate".into(), "RollingUpdate".into()],
            },
            detail: String::new(),
        }),
        None => errors.extend(validate_deployment_strategy(spec)),
    }
    non_negative(
        &mut errors,
        "spec.minReadySeconds",
        i64::from(spec.min_ready_seconds),
    );
    non_negative(
        &mut errors,
        "spec.revisionHistoryLimit",
        i64::from(spec.revision_history_limit),
    );
    if let Some(revision) = annotations
        .get(ROLLBACK_TO_ANNOTATION)
        .and_then(|r| r.parse::<i64>().ok())
    {
        non_negative(&mut errors, "spec.rollback.version", revision);
    }
    non_negative(
        &mut errors,
        "spec.progressDeadlineSeconds",
        i64::from(spec.progress_deadline_seconds),
    );
    if spec.progress_deadline_seconds <= spec.min_ready_seconds {
        errors.push(invalid(
            "spec.progressDeadlineSeconds",
            spec.progress_deadline_seconds.to_string(),
            "must be greater than minReadySeconds",
        ));
    }
    errors
}

/// `ValidateLabelSelector` (the match expressions) and whether `LabelSelectorAsSelector` succeeds.
fn validate_label_selector(selector: &LabelSelector) -> (Vec<FieldError>, bool) {
    let mut errors = validate_labels(&selector.match_labels, "spec.selector.matchLabels");
    let mut parses = true;
    for (i, req) in selector.match_expressions.iter().enumerate() {
        let at = format!("spec.selector.matchExpressions[{i}]");
        match &req.operator {
            SelectorOperator::In | SelectorOperator::NotIn => {
                if req.values.is_empty() {
                    parses = false;
                    errors.push(FieldError {
                        field: format!("{at}.values"),
                        kind: FieldErrorKind::Required,
                        detail: "must be specified when `operator` is 'In' or 'NotIn'".into(),
                    });
                }
            }
            SelectorOperator::Exists | SelectorOperator::DoesNotExist => {
                if !req.values.is_empty() {
                    parses = false;
                    errors.push(FieldError {
                        field: format!("{at}.values"),
                        kind: FieldErrorKind::Forbidden,
                        detail:
                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
                                .into(),
                    });
                }
            }
            SelectorOperator::Invalid(text) => {
                parses = false;
                errors.push(invalid(
                    &format!("{at}.operator"),
                    go_quote(text),
                    "not a valid selector operator",
                ));
            }
        }
        for msg in is_qualified_name(&req.key) {
            errors.push(invalid(&format!("{at}.key"), go_quote(&req.key), &msg));
        }
    }
    (errors, parses)
}

/// `ValidateDeploymentStrategy`.
fn validate_deployment_strategy(spec: &DeploymentSpec) -> Vec<FieldError> {
    let strategy = &spec.strategy;
    match (strategy.kind, &strategy.rolling_update) {
        (StrategyType::Recreate, Some(_)) => vec![forbidden(
            "spec.strategy.rollingUpdate",
            "may not be specified when strategy `type` is 'Recreate'",
        )],
        (StrategyType::Recreate, None) => Vec::new(),
        (StrategyType::RollingUpdate, None) => vec![FieldError {
            field: "spec.strategy.rollingUpdate".into(),
            kind: FieldErrorKind::Required,
            detail: "this should be defaulted and never be nil".into(),
        }],
        (StrategyType::RollingUpdate, Some(ru)) => validate_rolling_update_deployment(ru),
    }
}

/// `ValidateRollingUpdateDeployment`. A missing value counts as the internal API's zero value,
/// the int 0.
fn validate_rolling_update_deployment(ru: &RollingUpdateDeployment) -> Vec<FieldError> {
    let at = "spec.strategy.rollingUpdate";
    let unavailable_at = format!("{at}.maxUnavailable");
    let zero = IntOrString::Int(0);
    let max_unavailable = ru.max_unavailable.as_ref().unwrap_or(&zero);
    let max_surge = ru.max_surge.as_ref().unwrap_or(&zero);
    let mut errors = validate_positive_int_or_percent(max_unavailable, &unavailable_at);
    errors.extend(validate_positive_int_or_percent(
        max_surge,
        &format!("{at}.maxSurge"),
    ));
    if get_int_or_percent_value(max_unavailable) == 0 && get_int_or_percent_value(max_surge) == 0 {
        errors.push(invalid(
            &unavailable_at,
            int_or_string_json(max_unavailable),
            "may not be 0 when `maxSurge` is 0",
        ));
    }
    if let Some(percent) = get_percent_value(max_unavailable) {
        if percent > 100 {
            errors.push(invalid(
                &unavailable_at,
                int_or_string_json(max_unavailable),
                "must not be greater than 100%",
            ));
        }
    }
    errors
}

/// `ValidatePositiveIntOrPercent`.
fn validate_positive_int_or_percent(value: &IntOrString, path: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match value {
        IntOrString::Str(s) => {
            if !is_valid_percent(s) {
                errors.push(invalid(
                    path,
                    go_quote(s),
                    &regex_error(
                        "a valid percent string must be a numeric string followed by an ending '%'",
                        "[0-9]+%",
                        &["1%", "93%"],
                    ),
                ));
            }
        }
        IntOrString::Int(v) => non_negative(&mut errors, path, i64::from(*v)),
    }
    errors
}

fn is_valid_percent(s: &str) -> bool {
    s.strip_suffix('%')
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// `getPercentValue`: the number of a valid percent string (saturating, as `strconv.Atoi` does).
fn get_percent_value(value: &IntOrString) -> Option<i64> {
    match value {
        IntOrString::Str(s) if is_valid_percent(s) => {
            Some(s[..s.len() - 1].parse::<i64>().unwrap_or(i64::MAX))
        }
        _ => None,
    }
}

/// `getIntOrPercentValue`: the percent number, or `IntValue()` (a non-percent string counts as
/// its `Atoi`, 0 when it is not a number).
fn get_int_or_percent_value(value: &IntOrString) -> i64 {
    match (get_percent_value(value), value) {
        (Some(percent), _) => percent,
        (None, IntOrString::Int(v)) => i64::from(*v),
        (None, IntOrString::Str(s)) => s.parse::<i64>().unwrap_or(0),
    }
}
