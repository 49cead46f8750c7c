//! `field.Error` builders and the values they carry, rendered as apimachinery 1.34+ renders
//! them: numbers bare, strings as Go's `%q`, anything else as Go's `json.Marshal`.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::engine::errors::{FieldError, FieldErrorKind};
use crate::engine::intstr::IntOrString;
use crate::engine::objects::{LabelSelector, RollingUpdateDeployment};
pub(super) use crate::quote::go_quote;

pub(super) fn duplicate(field: &str, value: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Duplicate(go_quote(value)),
        detail: String::new(),
    }
}

pub(super) fn unsupported(field: &str, value: &str, supported: &[&str]) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Unsupported {
            value: go_quote(value),
            supported: supported.iter().map(|s| s.to_string()).collect(),
        },
        detail: String::new(),
    }
}

pub(super) fn invalid(field: &str, value: String, detail: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Invalid(value),
        detail: detail.to_string(),
    }
}

pub(super) fn required(field: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Required,
        detail: String::new(),
    }
}

pub(super) fn forbidden(field: &str, detail: &str) -> FieldError {
    FieldError {
        field: field.to_string(),
        kind: FieldErrorKind::Forbidden,
        detail: detail.to_string(),
    }
}

/// `ValidateNonnegativeField`.
pub(super) fn non_negative(errors: &mut Vec<FieldError>, field: &str, value: i64) {
    if value < 0 {
        errors.push(invalid(
            field,
            value.to_string(),
            "must be greater than or equal to 0",
        ));
    }
}

/// Go's `json.Marshal` text of a value (HTML characters escaped as Go does).
pub(super) fn go_json(value: &Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A `map[string]string` as Go marshals it; a nil (empty) map is `null`.
pub(super) fn labels_json(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        "null".to_string()
    } else {
        go_json(&json!(labels))
    }
}

/// `metav1.LabelSelector` with its JSON tags (`omitempty` on both lists).
pub(super) fn selector_json(selector: &LabelSelector) -> Value {
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
                expr.insert("operator".into(), json!(req.operator.as_str()));
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

pub(super) fn int_or_string_json(value: &IntOrString) -> String {
    go_json(&int_or_string_value(value))
}

/// The internal `apps.RollingUpdateDeployment` (no JSON tags; nil values are the int 0).
pub(super) fn internal_rolling_update(ru: &RollingUpdateDeployment) -> Value {
    let zero = IntOrString::Int(0);
    json!({
        "MaxUnavailable": int_or_string_value(ru.max_unavailable.as_ref().unwrap_or(&zero)),
        "MaxSurge": int_or_string_value(ru.max_surge.as_ref().unwrap_or(&zero)),
    })
}

/// Notes `item` as seen; whether it was new. An object names a handful of containers or ports,
/// so a list does.
pub(super) fn first_time<T: PartialEq>(seen: &mut Vec<T>, item: T) -> bool {
    let new = !seen.contains(&item);
    if new {
        seen.push(item);
    }
    new
}
