//! `kubectl apply -f FILE` and `kubectl create -f FILE` (KUBECTL.md §7): every Deployment,
//! Service and HorizontalPodAutoscaler of the file is created, configured or left unchanged; other kinds are skipped with
//! the manifest layer's warning. `apply` records the object as applied in
//! `kubectl.kubernetes.io/last-applied-configuration` and merges as kubectl's three-way patch
//! does for the fields a Deployment manifest sets: what the file says wins, what the previous
//! apply set and the file no longer sets is removed, and `spec.replicas` left out of the file
//! keeps the live value (so a `kubectl scale` survives a re-apply).

use serde_json::Value;

use crate::engine::{
    ApiError, Deployment, HorizontalPodAutoscaler, Service, Simulation, LAST_APPLIED_ANNOTATION,
};
use crate::manifest::{parse_documents_as_written, ManifestObject, STDIN};

use super::error::CmdError;
use super::parse::{FlagKind, FlagSpec, Parsed, NAMESPACE};
use super::{Files, Output};
use crate::quote::Quoted;

pub const FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("filename", Some('f'), FlagKind::List),
];

/// `apply` (create or patch) or `create` (create only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Apply,
    Create,
}

pub fn run(
    sim: &mut Simulation,
    p: &Parsed,
    files: &Files,
    mode: Mode,
) -> Result<Output, CmdError> {
    let names = p.all("filename");
    if names.is_empty() {
        return Err(match mode {
            Mode::Apply => CmdError::other("must specify one of -f and -k"),
            Mode::Create => CmdError::usage(
                if p.args.is_empty() {
                    "must specify one of -f and -k".to_string()
                } else {
                    format!("Unexpected args: [{}]", p.args.join(" "))
                },
                "kubectl create",
            ),
        });
    }
    if !p.args.is_empty() {
        return Err(CmdError::usage(
            format!("Unexpected args: [{}]", p.args.join(" ")),
            if mode == Mode::Apply {
                "kubectl apply"
            } else {
                "kubectl create"
            },
        ));
    }
    let documents = read_manifests(files, names)?;
    let flag_namespace = p.str("namespace");
    let mut out = Output::stdout(String::new());
    for Document {
        source,
        object,
        raw,
    } in documents
    {
        let file_namespace = raw
            .pointer("/metadata/namespace")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty());
        let namespace = match (file_namespace, flag_namespace) {
            (Some(file), Some(flag)) if file != flag => {
                return Err(CmdError::other(format!(
                    "the namespace from the provided object {file} does not match the namespace {flag}. You must pass '--namespace={file}' to perform this operation.", file = Quoted(&file), flag = Quoted(&flag)
                )));
            }
            (None, Some(flag)) => Some(flag.to_string()),
            _ => None,
        };
        let mut deployment = match object {
            ManifestObject::Deployment(d) => *d,
            ManifestObject::Service(mut service) => {
                if let Some(namespace) = namespace {
                    service.metadata.namespace = namespace;
                }
                let name = service.metadata.name.clone();
                match apply_service(sim, *service, &raw, mode) {
                    Ok(word) => out.stdout.push_str(&format!("service/{name} {word}\n")),
                    Err(e) => {
                        out.ok = false;
                        out.stderr
                            .push_str(&format!("{}\n", with_source(e, source)));
                    }
                }
                continue;
            }
            ManifestObject::HorizontalPodAutoscaler(mut hpa) => {
                if let Some(namespace) = namespace {
                    hpa.metadata.namespace = namespace;
                }
                let name = hpa.metadata.name.clone();
                let live = sim.horizontal_pod_autoscaler(&hpa.metadata.namespace, &name);
                if mode == Mode::Apply
                    && live.is_some_and(|h| {
                        !h.metadata.annotations.contains_key(LAST_APPLIED_ANNOTATION)
                    })
                {
                    out.stderr.push_str(&missing_annotation_warning(
                        "horizontalpodautoscalers",
                        &name,
                    ));
                }
                match apply_horizontal_pod_autoscaler(sim, *hpa, &raw, mode) {
                    Ok(word) => out.stdout.push_str(&format!(
                        "horizontalpodautoscaler.autoscaling/{name} {word}\n"
                    )),
                    Err(e) => {
                        out.ok = false;
                        out.stderr
                            .push_str(&format!("{}\n", with_source(e, source)));
                    }
                }
                continue;
            }
            other => {
                if let Some(warning) = other.warning() {
                    out.stderr.push_str(&format!("{warning}\n"));
                }
                continue;
            }
        };
        if let Some(namespace) = namespace {
            deployment.metadata.namespace = namespace;
        }
        let name = &deployment.metadata.name;
        let live = sim.deployment(&deployment.metadata.namespace, name);
        if mode == Mode::Apply
            && live.is_some_and(|d| !d.metadata.annotations.contains_key(LAST_APPLIED_ANNOTATION))
        {
            out.stderr
                .push_str(&missing_annotation_warning("deployments", name));
        }
        let result = match mode {
            Mode::Create => sim
                .create_deployment(deployment.clone())
                .map(|()| "created"),
            Mode::Apply => apply_one(sim, deployment.clone(), &raw),
        };
        match result {
            Ok(word) => out.stdout.push_str(&format!(
                "deployment.apps/{} {word}\n",
                deployment.metadata.name
            )),
            Err(e) => {
                out.ok = false;
                out.stderr
                    .push_str(&format!("{}\n", with_source(e, source)));
            }
        }
    }
    Ok(out)
}

/// One object of a manifest file: the file's name as kubectl quotes it, the decoded object, and
/// the document as written (for `last-applied-configuration` and the fields it leaves out).
pub struct Document<'a> {
    pub source: &'a str,
    pub object: ManifestObject,
    pub raw: Value,
}

/// Reads and parses every file first: a file that cannot be used stops everything.
pub fn read_manifests<'a>(
    files: &Files,
    names: &'a [String],
) -> Result<Vec<Document<'a>>, CmdError> {
    let mut documents = Vec::new();
    for name in names {
        let Some(text) = files.get(name) else {
            return Err(CmdError::other(format!(
                "the path {name} does not exist",
                name = Quoted(&name)
            )));
        };
        // `-f -` reads standard input, which kubectl names STDIN in its messages
        let source = if name == "-" { STDIN } else { name.as_str() };
        let objects = parse_documents_as_written(text, source)
            .map_err(|e| CmdError::Verbatim(e.to_string()))?;
        for (object, raw) in objects {
            documents.push(Document {
                source,
                object,
                raw,
            });
        }
    }
    Ok(documents)
}

/// `AddSourceToErr`: status errors name the file (`error when creating "x.yaml": ...`); Invalid
/// is printed from its causes, without it.
fn with_source(error: ApiError, source: &str) -> CmdError {
    match error.reason() {
        Some(reason) => CmdError::Verbatim(format!(
            "Error from server ({reason}): error when creating {source}: {error}",
            source = Quoted(&source)
        )),
        None => CmdError::Api(error),
    }
}

/// Creates the Deployment, or merges it into the live one: `created`, `configured` or
/// `unchanged`.
fn apply_one(
    sim: &mut Simulation,
    mut desired: Deployment,
    raw: &Value,
) -> Result<&'static str, ApiError> {
    let applied = last_applied(raw, &desired.metadata.namespace);
    let live = sim
        .deployment(&desired.metadata.namespace, &desired.metadata.name)
        .cloned();
    let Some(live) = live else {
        desired
            .metadata
            .annotations
            .insert(LAST_APPLIED_ANNOTATION.to_string(), applied);
        sim.create_deployment(desired)?;
        return Ok("created");
    };
    let mut merged = live.clone();
    let sets_replicas = raw.pointer("/spec/replicas").is_some();
    let replicas = if sets_replicas {
        desired.spec.replicas
    } else {
        live.spec.replicas
    };
    merged.spec = desired.spec.clone();
    merged.spec.replicas = replicas;
    merged.metadata.labels = desired.metadata.labels.clone();
    // annotations the previous apply set and this file no longer sets are removed
    if let Some(previous) = live
        .metadata
        .annotations
        .get(LAST_APPLIED_ANNOTATION)
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
    {
        if let Some(old) = previous
            .pointer("/metadata/annotations")
            .and_then(Value::as_object)
        {
            for key in old.keys() {
                if !desired.metadata.annotations.contains_key(key) {
                    merged.metadata.annotations.remove(key);
                }
            }
        }
    }
    for (k, v) in &desired.metadata.annotations {
        merged.metadata.annotations.insert(k.clone(), v.clone());
    }
    merged
        .metadata
        .annotations
        .insert(LAST_APPLIED_ANNOTATION.to_string(), applied);
    if merged.spec == live.spec
        && merged.metadata.labels == live.metadata.labels
        && merged.metadata.annotations == live.metadata.annotations
    {
        return Ok("unchanged");
    }
    sim.update_deployment(merged)?;
    Ok("configured")
}

/// Creates a Service, or replaces the live one's spec, labels and annotations with the file's
/// (the cluster IP and node ports it left out are kept): `created`, `configured` or `unchanged`.
fn apply_service(
    sim: &mut Simulation,
    mut desired: Service,
    raw: &Value,
    mode: Mode,
) -> Result<&'static str, ApiError> {
    let namespace = desired.metadata.namespace.clone();
    let live = sim.service(&namespace, &desired.metadata.name).cloned();
    if mode == Mode::Apply {
        desired.metadata.annotations.insert(
            LAST_APPLIED_ANNOTATION.to_string(),
            last_applied(raw, &namespace),
        );
    }
    match live {
        Some(_) if mode == Mode::Create => Err(ApiError::AlreadyExists {
            resource: "services".into(),
            name: desired.metadata.name,
        }),
        None => sim.create_service(desired).map(|()| "created"),
        Some(_) => Ok(if sim.update_service(desired)? {
            "configured"
        } else {
            "unchanged"
        }),
    }
}

/// Creates an HPA, or replaces the live one's spec, labels and annotations with the file's (its
/// status stays): `created`, `configured` or `unchanged`.
fn apply_horizontal_pod_autoscaler(
    sim: &mut Simulation,
    mut desired: HorizontalPodAutoscaler,
    raw: &Value,
    mode: Mode,
) -> Result<&'static str, ApiError> {
    let namespace = desired.metadata.namespace.clone();
    let exists = sim
        .horizontal_pod_autoscaler(&namespace, &desired.metadata.name)
        .is_some();
    if mode == Mode::Apply {
        desired.metadata.annotations.insert(
            LAST_APPLIED_ANNOTATION.to_string(),
            last_applied(raw, &namespace),
        );
    }
    match (exists, mode) {
        (true, Mode::Create) => Err(ApiError::AlreadyExists {
            resource: "horizontalpodautoscalers.autoscaling".into(),
            name: desired.metadata.name,
        }),
        (false, _) => sim
            .create_horizontal_pod_autoscaler(desired)
            .map(|()| "created"),
        (true, Mode::Apply) => Ok(if sim.update_horizontal_pod_autoscaler(desired)? {
            "configured"
        } else {
            "unchanged"
        }),
    }
}

/// JSON with sorted keys (Go's `json.Marshal` of a map) and a final newline.
fn last_applied(raw: &Value, namespace: &str) -> String {
    let mut object = raw.clone();
    if let Some(meta) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.insert("namespace".into(), Value::String(namespace.to_string()));
        if let Some(annotations) = meta.get_mut("annotations").and_then(Value::as_object_mut) {
            annotations.remove(LAST_APPLIED_ANNOTATION);
        }
    }
    format!("{}\n", sorted(&object))
}

fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            crate::engine::sorting::sort_by(&mut keys, &|a, b| a.cmp(b));
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// kubectl's warning when `apply` changes an object that was not created by `apply` (it has no
/// last-applied-configuration annotation yet).
fn missing_annotation_warning(resource: &str, name: &str) -> String {
    format!(
        "Warning: resource {resource}/{name} is missing the {LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n"
    )
}
