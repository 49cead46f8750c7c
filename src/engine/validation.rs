//! The API server's validation of Deployments (`pkg/apis/apps/validation/validation.go`
//! `ValidateDeployment`, `ValidateDeploymentSpec`, `ValidateDeploymentStrategy`,
//! `ValidateRollingUpdateDeployment`, `ValidatePodTemplateSpecForReplicaSet`,
//! `ValidateDeploymentStatus`; the selector immutability of `pkg/registry/apps/deployment/strategy.go`;
//! and the parts of `ValidateObjectMeta` and `ValidatePodSpec` that a Deployment meets), with
//! upstream's field paths, order and detail texts, values rendered as Kubernetes 1.34+ renders
//! them (`Invalid value: 0`, `"0%"`, `{"app":"web"}`).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::errors::{ApiError, FieldError, FieldErrorKind};
use super::intstr::IntOrString;
use super::objects::{
    Container, Deployment, DeploymentSpec, DeploymentStatus, LabelSelector, ObjectMeta,
    PodTemplateSpec, RollingUpdateDeployment, StrategyType, ROLLBACK_TO_ANNOTATION,
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
    let mut errors = Vec::new();
    if meta.name.is_empty() {
        errors.push(FieldError {
            field: "metadata.name".into(),
            kind: FieldErrorKind::Required,
            detail: "name or generateName is required".into(),
        });
    } else {
        for msg in is_dns1123_subdomain(&meta.name) {
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
        for msg in is_qualified_name(&key.to_lowercase()) {
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
        match req.operator.as_str() {
            "In" | "NotIn" => {
                if req.values.is_empty() {
                    parses = false;
                    errors.push(FieldError {
                        field: format!("{at}.values"),
                        kind: FieldErrorKind::Required,
                        detail: "must be specified when `operator` is 'In' or 'NotIn'".into(),
                    });
                }
            }
            "Exists" | "DoesNotExist" => {
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
            other => {
                parses = false;
                errors.push(invalid(
                    &format!("{at}.operator"),
                    go_quote(other),
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

/// `ValidatePodTemplateSpecForReplicaSet`: the selector must select the template's labels, the
/// template must be a valid pod template, and it must restart Always.
fn validate_pod_template_for_replica_set(
    template: &PodTemplateSpec,
    spec: &DeploymentSpec,
    selector_missing: bool,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    // A nil selector converts to `labels.Nothing()`, which is not empty and matches nothing.
    let selects = !selector_missing && spec.selector.matches(&template.metadata.labels);
    if (selector_missing || !spec.selector.is_empty()) && !selects {
        errors.push(invalid(
            "spec.template.metadata.labels",
            labels_json(&template.metadata.labels),
            "`selector` does not match template `labels`",
        ));
    }
    errors.extend(validate_labels(
        &template.metadata.labels,
        "spec.template.labels",
    ));
    errors.extend(validate_annotations(
        &template.metadata.annotations,
        "spec.template.annotations",
    ));
    errors.extend(validate_pod_spec(template));
    if template.spec.extra.contains_key("ephemeralContainers") {
        errors.push(forbidden(
            "spec.template.spec.ephemeralContainers",
            "ephemeral containers not allowed in pod template",
        ));
    }
    if template.spec.restart_policy != "Always" {
        errors.push(FieldError {
            field: "spec.template.spec.restartPolicy".into(),
            kind: FieldErrorKind::Unsupported {
                value: go_quote(&template.spec.restart_policy),
                supported: vec!["Always".into()],
            },
            detail: String::new(),
        });
    }
    if template.spec.extra.contains_key("activeDeadlineSeconds") {
        errors.push(forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            "activeDeadlineSeconds in ReplicaSet is not Supported",
        ));
    }
    errors
}

/// The parts of `ValidatePodSpec` a Deployment's template meets: containers, init containers and
/// the restart policy.
fn validate_pod_spec(template: &PodTemplateSpec) -> Vec<FieldError> {
    let spec = &template.spec;
    let mut errors = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    if spec.containers.is_empty() {
        errors.push(required("spec.template.spec.containers"));
    }
    for (i, container) in spec.containers.iter().enumerate() {
        let at = format!("spec.template.spec.containers[{i}]");
        errors.extend(validate_container_common(container, &at));
        if names.contains(&container.name.as_str()) {
            errors.push(duplicate_name(&at, &container.name));
        } else {
            names.push(&container.name);
        }
    }
    for (i, container) in spec.init_containers.iter().enumerate() {
        let at = format!("spec.template.spec.initContainers[{i}]");
        errors.extend(validate_container_common(container, &at));
        if names.contains(&container.name.as_str()) {
            errors.push(duplicate_name(&at, &container.name));
        } else {
            names.push(&container.name);
        }
    }
    match spec.restart_policy.as_str() {
        "Always" | "OnFailure" | "Never" => {}
        "" => errors.push(required("spec.template.spec.restartPolicy")),
        other => errors.push(FieldError {
            field: "spec.template.spec.restartPolicy".into(),
            kind: FieldErrorKind::Unsupported {
                value: go_quote(other),
                supported: vec!["Always".into(), "OnFailure".into(), "Never".into()],
            },
            detail: String::new(),
        }),
    }
    errors
}

/// `validateContainerCommon`: a DNS-1123 label name and an image.
fn validate_container_common(container: &Container, at: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let name_at = format!("{at}.name");
    if container.name.is_empty() {
        errors.push(required(&name_at));
    } else {
        for msg in is_dns1123_label(&container.name) {
            errors.push(invalid(&name_at, go_quote(&container.name), &msg));
        }
    }
    if container.image.is_empty() {
        errors.push(required(&format!("{at}.image")));
    }
    errors
}

fn duplicate_name(at: &str, name: &str) -> FieldError {
    FieldError {
        field: format!("{at}.name"),
        kind: FieldErrorKind::Duplicate(go_quote(name)),
        detail: String::new(),
    }
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

// ----- field errors and value rendering -----

fn invalid(field: &str, value: String, detail: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Invalid(value),
        detail: detail.to_string(),
    }
}

fn required(field: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Required,
        detail: String::new(),
    }
}

fn forbidden(field: &str, detail: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Forbidden,
        detail: detail.to_string(),
    }
}

/// `ValidateNonnegativeField`.
fn non_negative(errors: &mut Vec<FieldError>, field: &str, value: i64) {
    if value < 0 {
        errors.push(invalid(
            field,
            value.to_string(),
            "must be greater than or equal to 0",
        ));
    }
}

/// Go's `%q` for the printable ASCII and UTF-8 that names and labels hold.
fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `json.Marshal` text of a value (HTML characters escaped as Go does).
fn go_json(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A `map[string]string` as Go marshals it; a nil (empty) map is `null`.
fn labels_json(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        "null".to_string()
    } else {
        go_json(&json!(labels))
    }
}

/// `metav1.LabelSelector` with its JSON tags (`omitempty` on both lists).
fn selector_json(selector: &LabelSelector) -> Value {
    let mut map = serde_json::Map::new();
    if !selector.match_labels.is_empty() {
        map.insert("matchLabels".into(), json!(selector.match_labels));
    }
    if !selector.match_expressions.is_empty() {
        let exprs: Vec<Value> = selector
            .match_expressions
            .iter()
            .map(|req| {
                let mut expr = serde_json::Map::new();
                expr.insert("key".into(), json!(req.key));
                expr.insert("operator".into(), json!(req.operator));
                if !req.values.is_empty() {
                    expr.insert("values".into(), json!(req.values));
                }
                Value::Object(expr)
            })
            .collect();
        map.insert("matchExpressions".into(), Value::Array(exprs));
    }
    Value::Object(map)
}

fn int_or_string_value(value: &IntOrString) -> Value {
    match value {
        IntOrString::Int(v) => json!(v),
        IntOrString::Str(s) => json!(s),
    }
}

fn int_or_string_json(value: &IntOrString) -> String {
    go_json(&int_or_string_value(value))
}

/// The internal `apps.RollingUpdateDeployment` (no JSON tags; nil values are the int 0).
fn internal_rolling_update(ru: &RollingUpdateDeployment) -> Value {
    let zero = IntOrString::Int(0);
    json!({
        "MaxUnavailable": int_or_string_value(ru.max_unavailable.as_ref().unwrap_or(&zero)),
        "MaxSurge": int_or_string_value(ru.max_surge.as_ref().unwrap_or(&zero)),
    })
}

// ----- apimachinery pkg/util/validation -----

/// `RegexError(msg, fmt, examples...)`, two spaces before each "or" included.
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let listed: Vec<String> = examples.iter().map(|e| format!("'{e}', ")).collect();
    format!(
        "{msg} (e.g. {}regex used for validation is '{fmt}')",
        listed.join(" or ")
    )
}

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

fn dns1123_label_matches(s: &str) -> bool {
    let bytes = s.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            alnum(first) && alnum(last) && bytes.iter().all(|b| alnum(b) || *b == b'-')
        }
        _ => false,
    }
}

fn dns1123_subdomain_matches(s: &str) -> bool {
    s.split('.').all(dns1123_label_matches)
}

/// `IsDNS1123Label`.
fn is_dns1123_label(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if value.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    if !dns1123_label_matches(value) {
        if dns1123_subdomain_matches(value) {
            errors.push("must not contain dots".to_string());
        } else {
            errors.push(regex_error(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errors
}

/// `IsDNS1123Subdomain`.
fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if value.len() > 253 {
        errors.push("must be no more than 253 characters".to_string());
    }
    if !dns1123_subdomain_matches(value) {
        errors.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            &format!("{DNS1123_LABEL_FMT}(\\.{DNS1123_LABEL_FMT})*"),
            &["example.com"],
        ));
    }
    errors
}

const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

fn qualified_name_matches(s: &str) -> bool {
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// `IsQualifiedName`: an optional DNS subdomain prefix and `/`, then a name part.
fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errors.push("prefix part must be non-empty".to_string());
            } else {
                errors.extend(
                    is_dns1123_subdomain(prefix)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            *name
        }
        _ => {
            return vec![format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, &["MyName", "my.name", "123-abc"])
            )]
        }
    };
    if name.is_empty() {
        errors.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errors.push("name part must be no more than 63 characters".to_string());
    }
    if !qualified_name_matches(name) {
        errors.push(format!(
            "name part {}",
            regex_error(
                QUALIFIED_NAME_MSG,
                QUALIFIED_NAME_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errors
}

/// `IsValidLabelValue`.
fn is_valid_label_value(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if value.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    if !value.is_empty() && !qualified_name_matches(value) {
        errors.push(regex_error(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            &format!("({QUALIFIED_NAME_FMT})?"),
            &["MyValue", "my_value", "12345"],
        ));
    }
    errors
}
