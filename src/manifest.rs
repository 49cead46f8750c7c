//! Manifests: multi-document apps/v1 YAML into API objects, and API objects back into the YAML
//! `kubectl get -o yaml` prints.
//!
//! Reading follows what `kubectl apply -f FILE` and the API server do, in order: kubectl splits
//! the stream into documents at `---` lines (`Separator` errors; empty documents are skipped)
//! and converts each to JSON (`Yaml` errors, their lines counted within the document),
//! checks `apiVersion`/`kind` (`Validation`), maps the kind to a served group/version
//! (`NoKindMatch`: Deployments outside apps/v1, and kinds the core and apps groups do not
//! serve); the server decodes it strictly (`Decode`), applies `SetDefaults_Deployment` and the
//! pod defaults, and validates it. A v1 Service is decoded and defaulted the same way
//! (`SetDefaults_Service`). Other kinds are returned as `ManifestObject::Other` for the caller
//! to skip with `ManifestObject::warning`.
//!
//! Validation of a decoded Deployment is left to `Simulation::create_deployment` (the API
//! server), except for what the typed `Deployment` cannot hold (a missing selector, an unknown
//! strategy type): those come back here as `ManifestError::Invalid`, with every cause upstream
//! would list.
//!
//! YAML is read as kubectl reads it, YAML 1.1 (`value: yes` is a boolean, which the server then
//! refuses for an env var; `0644` is 420). Known difference from kubectl: strict decoding checks
//! field names down to containers, ports, env, volume mounts, volumes, resources and probes,
//! not deeper (affinity, security contexts, lifecycle hooks are kept verbatim unchecked).

pub mod clock;
mod decode;
mod defaults;
pub mod encode;
pub mod error;
mod json_path;
mod yaml_reader;
pub mod yaml_writer;

use serde_json::Value;

pub use encode::{rfc3339, to_yaml_deployment, to_yaml_pod, to_yaml_replica_set};
pub use error::ManifestError;
pub use yaml_reader::{yaml_documents, yaml_value, YamlError};
pub use yaml_writer::to_yaml;

use crate::engine::validation;
use crate::engine::{ApiError, Deployment, Service};
use crate::quote::Quoted;

/// The source name kubectl uses for `-f -`.
pub const STDIN: &str = "STDIN";

/// The kinds a cluster serves in the core `v1` group/version; any other kind there (a typo such
/// as `kind: service`) has no mapping, as kubectl reports.
const CORE_V1_KINDS: &[&str] = &[
    "Binding",
    "ComponentStatus",
    "ConfigMap",
    "Endpoints",
    "Event",
    "LimitRange",
    "Namespace",
    "Node",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Pod",
    "PodTemplate",
    "ReplicationController",
    "ResourceQuota",
    "Secret",
    "Service",
    "ServiceAccount",
];

/// The kinds served in `apps/v1`.
const APPS_V1_KINDS: &[&str] = &[
    "ControllerRevision",
    "DaemonSet",
    "Deployment",
    "ReplicaSet",
    "StatefulSet",
];

/// One object of a manifest file.
#[derive(Debug, Clone, PartialEq)]
pub enum ManifestObject {
    /// An apps/v1 Deployment, decoded and defaulted as the API server would store it.
    Deployment(Box<Deployment>),
    /// A v1 Service, decoded and defaulted (not yet validated: the API server does that).
    Service(Box<Service>),
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
            ManifestObject::Deployment(_) | ManifestObject::Service(_) => None,
            ManifestObject::Other { kind, name, .. } => Some(format!(
                "Warning: {kind} {name} ignored: DeploySim simulates Deployments and Services only",
                name = Quoted(&name)
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
    let objects = parse_documents_as_written(text, source_name)?;
    Ok(objects.into_iter().map(|(object, _)| object).collect())
}

/// `parse_documents_from`, each object with its document as written (before defaults), which
/// `kubectl apply` keeps in `last-applied-configuration`.
pub fn parse_documents_as_written(
    text: &str,
    source_name: &str,
) -> Result<Vec<(ManifestObject, Value)>, ManifestError> {
    let mut objects = Vec::new();
    for json in yaml_reader::stream_documents(text, source_name)? {
        push_objects(json, source_name, &mut objects)?;
    }
    Ok(objects)
}

/// Adds the object(s) of one document: a `v1 List` is flattened, as kubectl does.
fn push_objects(
    json: Value,
    source_name: &str,
    objects: &mut Vec<(ManifestObject, Value)>,
) -> Result<(), ManifestError> {
    let (api_version, kind) = object_kind(&json).map_err(|problems| ManifestError::Validation {
        source_name: source_name.to_string(),
        problems,
    })?;
    let Value::Object(mut doc) = json else {
        return Ok(());
    };
    if kind == "List" && api_version == "v1" {
        if let Some(Value::Array(items)) = doc.remove("items") {
            for item in items {
                push_objects(item, source_name, objects)?;
            }
        }
        return Ok(());
    }
    let (name, namespace) = decode::name_and_namespace(&doc);
    let unserved = match api_version.as_str() {
        "v1" => !CORE_V1_KINDS.contains(&kind.as_str()),
        "apps/v1" => !APPS_V1_KINDS.contains(&kind.as_str()),
        _ => kind == "Deployment",
    };
    if unserved {
        return Err(ManifestError::NoKindMatch {
            source_name: source_name.to_string(),
            name,
            namespace: namespace.unwrap_or_default(),
            kind,
            api_version,
        });
    }
    if kind == "Service" && api_version == "v1" {
        let service = decode::service(&doc).map_err(|detail| ManifestError::Decode {
            source_name: source_name.to_string(),
            kind: kind.clone(),
            detail,
        })?;
        objects.push((
            ManifestObject::Service(Box::new(service)),
            Value::Object(doc),
        ));
        return Ok(());
    }
    if kind != "Deployment" {
        let other = ManifestObject::Other {
            api_version,
            kind,
            name,
            namespace,
        };
        objects.push((other, Value::Object(doc)));
        return Ok(());
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
    let deployment = ManifestObject::Deployment(Box::new(decoded.deployment));
    objects.push((deployment, Value::Object(doc)));
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
