//! Manifests: multi-document apps/v1 YAML into API objects, and API objects back into the YAML
//! `kubectl get -o yaml` prints.
//!
//! Reading follows what `kubectl apply -f FILE` and the API server do, in order: kubectl splits
//! the stream into documents (empty ones are skipped) and converts each to JSON (`Yaml` errors),
//! checks `apiVersion`/`kind` (`Validation`), maps the kind to a served group/version
//! (`NoKindMatch`); the server decodes it strictly (`Decode`), applies `SetDefaults_Deployment`
//! and the pod defaults, and validates it. Kinds other than Deployment are returned as
//! `ManifestObject::Other` for the caller to skip with `ManifestObject::warning`.
//!
//! Validation of a decoded Deployment is left to `Simulation::create_deployment` (the API
//! server), except for what the typed `Deployment` cannot hold (a missing selector, an unknown
//! strategy type): those come back here as `ManifestError::Invalid`, with every cause upstream
//! would list.

mod decode;
mod defaults;
pub mod encode;
pub mod error;
mod json_path;

use serde::Deserialize;
use serde_json::{Map, Value};

pub use encode::{rfc3339, to_yaml_deployment, to_yaml_pod, to_yaml_replica_set};
pub use error::ManifestError;

use crate::engine::validation;
use crate::engine::{ApiError, Deployment};

/// The source name kubectl uses for `-f -`.
pub const STDIN: &str = "STDIN";

/// One object of a manifest file.
#[derive(Debug, Clone, PartialEq)]
pub enum ManifestObject {
    /// An apps/v1 Deployment, decoded and defaulted as the API server would store it.
    Deployment(Box<Deployment>),
    /// Any other kind (Service, ConfigMap, ServiceAccount, ...): DeploySim does not simulate it.
    Other {
        api_version: String,
        kind: String,
        name: String,
        namespace: Option<String>,
    },
}

impl ManifestObject {
    /// The warning to print when the object is skipped; `None` for a Deployment.
    pub fn warning(&self) -> Option<String> {
        match self {
            ManifestObject::Deployment(_) => None,
            ManifestObject::Other { kind, name, .. } => Some(format!(
                "Warning: {kind} {name:?} ignored: DeploySim simulates Deployments only"
            )),
        }
    }
}

/// `parse_documents_from(text, "STDIN")`: the objects of a manifest read from standard input.
pub fn parse_documents(text: &str) -> Result<Vec<ManifestObject>, ManifestError> {
    parse_documents_from(text, STDIN)
}

/// Every object of a multi-document manifest, in file order. `source_name` is the file name
/// kubectl quotes in its errors.
pub fn parse_documents_from(
    text: &str,
    source_name: &str,
) -> Result<Vec<ManifestObject>, ManifestError> {
    let mut objects = Vec::new();
    for document in serde_yaml_ng::Deserializer::from_str(text) {
        let mut value =
            serde_yaml_ng::Value::deserialize(document).map_err(|e| yaml_error(&e, source_name))?;
        value
            .apply_merge()
            .map_err(|e| yaml_error(&e, source_name))?;
        let json = yaml_to_json(value);
        if json.is_null() {
            continue;
        }
        push_objects(json, source_name, &mut objects)?;
    }
    Ok(objects)
}

/// Adds the object(s) of one document: a `v1 List` is flattened, as kubectl does.
fn push_objects(
    json: Value,
    source_name: &str,
    objects: &mut Vec<ManifestObject>,
) -> Result<(), ManifestError> {
    let (api_version, kind) = object_kind(&json).map_err(|problems| ManifestError::Validation {
        source_name: source_name.to_string(),
        problems,
    })?;
    let Value::Object(doc) = json else {
        return Ok(());
    };
    if kind == "List" && api_version == "v1" {
        if let Some(Value::Array(items)) = doc.get("items") {
            for item in items {
                push_objects(item.clone(), source_name, objects)?;
            }
        }
        return Ok(());
    }
    let (name, namespace) = decode::name_and_namespace(&doc);
    if kind != "Deployment" {
        objects.push(ManifestObject::Other {
            api_version,
            kind,
            name,
            namespace,
        });
        return Ok(());
    }
    if api_version != "apps/v1" {
        return Err(ManifestError::NoKindMatch {
            source_name: source_name.to_string(),
            name,
            namespace: namespace.unwrap_or_default(),
            kind,
            api_version,
        });
    }
    let decoded = decode::deployment(&doc).map_err(|detail| ManifestError::Decode {
        source_name: source_name.to_string(),
        kind: kind.clone(),
        detail,
    })?;
    let unrepresentable = decoded.unrepresentable;
    if unrepresentable.selector_missing || unrepresentable.strategy_type.is_some() {
        let causes = validation::validate_deployment_with(&decoded.deployment, &unrepresentable);
        return Err(ManifestError::Invalid(ApiError::Invalid {
            kind,
            name,
            causes,
        }));
    }
    objects.push(ManifestObject::Deployment(Box::new(decoded.deployment)));
    Ok(())
}

/// kubectl's `getObjectKind`: `apiVersion` and `kind` must be set strings, and the group/version
/// must parse. `Err` is the aggregate text (`[apiVersion not set, kind not set]`).
fn object_kind(json: &Value) -> Result<(String, String), String> {
    let Some(fields) = json.as_object() else {
        return Err("invalid object to validate".to_string());
    };
    let mut problems = Vec::new();
    let api_version = match fields.get("apiVersion") {
        None | Some(Value::Null) => {
            problems.push("apiVersion not set".to_string());
            None
        }
        Some(Value::String(v)) if v.matches('/').count() > 1 => {
            problems.push(format!("unexpected GroupVersion string: {v}"));
            None
        }
        Some(Value::String(v)) => Some(v.clone()),
        Some(_) => {
            problems.push("apiVersion isn't string type".to_string());
            None
        }
    };
    let kind = match fields.get("kind") {
        None | Some(Value::Null) => {
            problems.push("kind not set".to_string());
            None
        }
        Some(Value::String(k)) => Some(k.clone()),
        Some(_) => {
            problems.push("kind isn't string type".to_string());
            None
        }
    };
    match (api_version, kind) {
        (Some(api_version), Some(kind)) => Ok((api_version, kind)),
        _ if problems.len() == 1 => Err(problems.remove(0)),
        _ => Err(format!("[{}]", problems.join(", "))),
    }
}

/// A YAML error as Go's yaml package words it: parser errors report the line *before* the
/// problem (libyaml's 0-based mark), scanner errors the 1-based line.
fn yaml_error(error: &serde_yaml_ng::Error, source_name: &str) -> ManifestError {
    let text = error.to_string();
    let problem = text
        .split(" at line ")
        .next()
        .unwrap_or(&text)
        .split(" at position ")
        .next()
        .unwrap_or(&text)
        .to_string();
    let line = error.location().map(|l| l.line());
    let is_parser_error = format!("{error:?}").contains("kind: PARSER");
    let (line, message) = if let Some(key) = problem.strip_prefix("duplicate entry with key ") {
        (
            None,
            format!(
                "unmarshal errors:\n  line {}: key {key} already set in map",
                line.unwrap_or(1)
            ),
        )
    } else if is_parser_error {
        (line.map(|l| l - 1).filter(|l| *l > 0), problem)
    } else {
        (line, problem)
    };
    ManifestError::Yaml {
        source_name: source_name.to_string(),
        line,
        message,
    }
}

/// sigs.k8s.io/yaml's YAML-to-JSON conversion: tags are dropped, non-string keys become their
/// text, and numbers JSON cannot hold (`.inf`, `.nan`) become strings.
fn yaml_to_json(value: serde_yaml_ng::Value) -> Value {
    use serde_yaml_ng::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(n.to_string()), Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(mapping) => {
            let mut map = Map::new();
            for (key, value) in mapping {
                let key = match yaml_to_json(key) {
                    Value::String(s) => s,
                    Value::Null => "null".to_string(),
                    other => other.to_string(),
                };
                map.insert(key, yaml_to_json(value));
            }
            Value::Object(map)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}
