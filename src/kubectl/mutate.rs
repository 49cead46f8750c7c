//! The commands that change Deployments and pods: `create deployment`, `scale`, `set image`,
//! `annotate` and `delete`. Each one reads the object, changes a copy and sends it back whole (a
//! PUT), so a command the API server rejects changes nothing.

use crate::engine::{ApiError, Deployment, Simulation, CHANGE_CAUSE_ANNOTATION};
use crate::manifest::ManifestObject;

use super::apply::read_manifests;
use super::error::{status_message, CmdError};
use super::parse::{select, FlagKind, FlagSpec, Kind, Parsed, Selection, NAMESPACE};
use super::selector::Selector;
use super::{deployment_targets, get_deployment, Files, Output};
use crate::quote::Quoted;

pub const CREATE_DEPLOYMENT_FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("image", None, FlagKind::List),
    FlagSpec::new("replicas", Some('r'), FlagKind::Int),
    FlagSpec::new("port", None, FlagKind::Int),
];

/// `kubectl create deployment NAME --image=IMG [--image=IMG2] [--replicas=N] [--port=P]`.
pub fn create_deployment(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    const COMMAND: &str = "kubectl create deployment";
    let [name] = p.args.as_slice() else {
        return Err(CmdError::usage(
            format!("exactly one NAME is required, got {}", p.args.len()),
            COMMAND,
        ));
    };
    let images = p.all("image");
    if images.is_empty() {
        return Err(CmdError::other("required flag(s) \"image\" not set"));
    }
    let replicas = p.int("replicas").unwrap_or(1);
    let replicas = i32::try_from(replicas)
        .map_err(|_| CmdError::other(format!("replicas {replicas} is out of range")))?;
    let port = p.int("port").unwrap_or(-1);
    let mut d = Deployment::new(&p.namespace(), name, "", &images[0], replicas);
    let first = d.spec.template.spec.containers[0].clone();
    d.spec.template.spec.containers = images
        .iter()
        .map(|image| {
            let mut c = first.clone();
            c.name = container_name(image);
            c.image = image.clone();
            c
        })
        .collect();
    if port >= 0 {
        d.spec.template.spec.containers[0].extra.insert(
            "ports".into(),
            serde_json::json!([{ "containerPort": port, "protocol": "TCP" }]),
        );
    }
    match sim.create_deployment(d) {
        Ok(()) => Ok(Output::stdout(format!("deployment.apps/{name} created\n"))),
        Err(e) => Err(CmdError::other(format!(
            "failed to create deployment: {}",
            status_message(&e)
        ))),
    }
}

/// kubectl's generator names a container after the image's last path element without tag or
/// digest; `_` and `.` become `-` plus a 5-character suffix (`sanitizeAndUniquify`; upstream's
/// suffix is random, this one is derived from the name so that runs repeat).
pub fn container_name(image: &str) -> String {
    let mut name = image.rsplit('/').next().unwrap_or(image);
    if let Some((base, _)) = name.split_once(':') {
        name = base;
    }
    if let Some((base, _)) = name.split_once('@') {
        name = base;
    }
    if name.contains(['_', '.']) {
        let clean = name.replace(['_', '.'], "-");
        let hash = name.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        let suffix: String = crate::engine::hash::safe_encode_string(&hash.to_string())
            .chars()
            .take(5)
            .collect();
        return format!("{clean}-{suffix}");
    }
    name.to_string()
}

pub const SCALE_FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("replicas", None, FlagKind::Int),
    FlagSpec::new("current-replicas", None, FlagKind::Int),
    FlagSpec::new("record", None, FlagKind::Bool),
];

/// `kubectl scale deployment/NAME --replicas=N [--current-replicas=M]`.
pub fn scale(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    let replicas = p.int("replicas").unwrap_or(-1);
    if replicas < 0 {
        return Err(CmdError::other(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
        ));
    }
    let names = deployment_targets(sim, p, "kubectl scale", "scaler")?;
    let namespace = p.namespace();
    let mut updates = Vec::new();
    for name in &names {
        let d = get_deployment(sim, &namespace, name)?;
        if let Some(current) = p.int("current-replicas") {
            if current != -1 && i64::from(d.spec.replicas) != current {
                return Err(CmdError::other(format!(
                    "Expected replicas to be {current}, was {}",
                    d.spec.replicas
                )));
            }
        }
        let mut updated = d.clone();
        updated.spec.replicas = i32::try_from(replicas).unwrap_or(i32::MAX);
        if p.bool("record") {
            updated.metadata.annotations.insert(
                CHANGE_CAUSE_ANNOTATION.to_string(),
                p.recorded_command(&["scale"]),
            );
        }
        updates.push(updated);
    }
    let mut out = String::new();
    for updated in updates {
        let name = updated.metadata.name.clone();
        sim.update_deployment(updated)?;
        out.push_str(&format!("deployment.apps/{name} scaled\n"));
    }
    Ok(Output::stdout(out))
}

pub const SET_IMAGE_FLAGS: &[FlagSpec] =
    &[NAMESPACE, FlagSpec::new("record", None, FlagKind::Bool)];

/// `kubectl set image deployment/NAME CONTAINER=IMAGE ...` (`*=IMAGE` sets every container).
pub fn set_image(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    const COMMAND: &str = "kubectl set image";
    let split = p
        .args
        .iter()
        .position(|a| a.contains('='))
        .unwrap_or(p.args.len());
    let (resources, pairs) = p.args.split_at(split);
    // kubectl's order: the pairs are read, then the builder finds the resources (none: its
    // "You must provide one or more resources" message), then Validate wants an image update.
    let mut images: Vec<(&str, &str)> = Vec::new();
    for pair in pairs {
        match pair.split_once('=') {
            Some((c, i)) if !c.is_empty() && !i.is_empty() => images.push((c, i)),
            _ => return Err(CmdError::other(format!("invalid image format: {pair}"))),
        }
    }
    let resource_args = p.with_args(resources);
    let names = deployment_targets(sim, &resource_args, COMMAND, "image setter")?;
    if images.is_empty() {
        return Err(CmdError::other("at least one image update is required"));
    }
    let namespace = p.namespace();
    let mut updates = Vec::new();
    for name in &names {
        let d = get_deployment(sim, &namespace, name)?;
        let mut updated = d.clone();
        for (container, image) in &images {
            let spec = &mut updated.spec.template.spec;
            let mut found = false;
            for c in spec
                .init_containers
                .iter_mut()
                .chain(spec.containers.iter_mut())
            {
                if *container == "*" || c.name == *container {
                    c.image = image.to_string();
                    found = true;
                }
            }
            if !found {
                return Err(CmdError::other(format!(
                    "unable to find container named {container}",
                    container = Quoted(&container)
                )));
            }
        }
        if updated.spec == d.spec {
            continue;
        }
        if p.bool("record") {
            updated.metadata.annotations.insert(
                CHANGE_CAUSE_ANNOTATION.to_string(),
                p.recorded_command(&["set", "image"]),
            );
        }
        updates.push(updated);
    }
    let mut out = String::new();
    for updated in updates {
        let name = updated.metadata.name.clone();
        sim.update_deployment(updated)?;
        out.push_str(&format!("deployment.apps/{name} image updated\n"));
    }
    Ok(Output::stdout(out))
}

pub const ANNOTATE_FLAGS: &[FlagSpec] =
    &[NAMESPACE, FlagSpec::new("overwrite", None, FlagKind::Bool)];

/// `kubectl annotate deployment/NAME key=value ... [key-] [--overwrite]`.
pub fn annotate(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    const COMMAND: &str = "kubectl annotate";
    let split = p
        .args
        .iter()
        .position(|a| a.contains('=') || a.ends_with('-'))
        .unwrap_or(p.args.len());
    let (resources, changes) = p.args.split_at(split);
    if resources.is_empty() {
        return Err(CmdError::other(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
        ));
    }
    if changes.is_empty() {
        return Err(CmdError::other(
            "at least one annotation update is required",
        ));
    }
    let mut set: Vec<(String, String)> = Vec::new();
    let mut remove: Vec<String> = Vec::new();
    for change in changes {
        if let Some((k, v)) = change.split_once('=') {
            if k.is_empty() {
                return Err(CmdError::other(format!(
                    "invalid annotation format: {change}"
                )));
            }
            set.push((k.to_string(), v.to_string()));
        } else if let Some(k) = change.strip_suffix('-') {
            remove.push(k.to_string());
        }
    }
    let both: Vec<&str> = remove
        .iter()
        .filter(|k| set.iter().any(|(s, _)| s == *k))
        .map(String::as_str)
        .collect();
    if !both.is_empty() {
        return Err(CmdError::other(format!(
            "can not both modify and remove the following annotation(s) in the same command: {}",
            both.join(", ")
        )));
    }
    let resource_args = p.with_args(resources);
    let names = deployment_targets(sim, &resource_args, COMMAND, "annotator")?;
    let namespace = p.namespace();
    let mut updates = Vec::new();
    for name in &names {
        let d = get_deployment(sim, &namespace, name)?;
        if !p.bool("overwrite") {
            // validateNoAnnotationOverwrites: the change-cause may always be overwritten
            let clashes: Vec<String> = set
                .iter()
                .filter(|(k, _)| k != CHANGE_CAUSE_ANNOTATION)
                .filter_map(|(k, v)| {
                    d.metadata
                        .annotations
                        .get(k)
                        .filter(|current| *current != v)
                        .map(|current| format!("'{k}' already has a value ({current})"))
                })
                .collect();
            if !clashes.is_empty() {
                return Err(CmdError::other(format!(
                    "--overwrite is false but found the following declared annotation(s): {}",
                    clashes.join("; ")
                )));
            }
        }
        let mut updated = d.clone();
        for (k, v) in &set {
            updated.metadata.annotations.insert(k.clone(), v.clone());
        }
        for k in &remove {
            updated.metadata.annotations.remove(k);
        }
        updates.push(updated);
    }
    let mut out = String::new();
    for updated in updates {
        let name = updated.metadata.name.clone();
        sim.update_deployment(updated)?;
        out.push_str(&format!("deployment.apps/{name} annotated\n"));
    }
    Ok(Output::stdout(out))
}

pub const DELETE_FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("filename", Some('f'), FlagKind::List),
    FlagSpec::new("all", None, FlagKind::Bool),
    FlagSpec::new("selector", Some('l'), FlagKind::Str),
];

/// `kubectl delete deployment|pod NAME...`, `kubectl delete pods --all`, `kubectl delete pods
/// -l SELECTOR` or `kubectl delete -f FILE` (the kubectl 1.34+ text, with the namespace). Names,
/// `--all` and `-l` exclude each other, in the words and order of kubectl's resource builder;
/// `--all` and `-l` delete what `kubectl get` would list, in its order, and print `No resources
/// found` (stdout, as `delete.go` does) when nothing matches.
pub fn delete(sim: &mut Simulation, p: &Parsed, files: &Files) -> Result<Output, CmdError> {
    if !p.all("filename").is_empty() {
        return delete_files(sim, p, files);
    }
    let selector_text = p.str("selector").filter(|s| !s.is_empty());
    let all = p.bool("all");
    if all && selector_text.is_some() {
        return Err(CmdError::other(
            "setting 'all' parameter but found a non empty selector. ",
        ));
    }
    let selection = select(&p.args, "delete")?;
    let by_selector = all || selector_text.is_some();
    let namespace = p.namespace();
    let pairs =
        match &selection {
            Selection::Named(_) if by_selector => return Err(CmdError::other(
                "selectors and the all flag cannot be used when passing resource/name arguments",
            )),
            Selection::Types { names, .. } if !names.is_empty() && by_selector => {
                return Err(CmdError::other(
                    "name cannot be provided when a selector is specified",
                ))
            }
            Selection::Types { names, .. } if names.is_empty() && !by_selector => {
                return Err(CmdError::other(
                    "resource(s) were provided, but no name was specified",
                ));
            }
            Selection::Types { kinds, names } if names.is_empty() => {
                let selector = Selector::parse(selector_text.unwrap_or(""))?;
                matching(sim, kinds, &namespace, &selector)?
            }
            _ => selection.pairs(),
        };
    if by_selector && pairs.is_empty() {
        return Ok(Output::stdout("No resources found\n".to_string()));
    }
    let mut out = Output::stdout(String::new());
    for (kind, name) in pairs {
        let result = match kind {
            Kind::Deployment => sim.delete_deployment(&namespace, &name),
            Kind::Pod => sim.delete_pod(&namespace, &name),
            Kind::HorizontalPodAutoscaler => {
                sim.delete_horizontal_pod_autoscaler(&namespace, &name)
            }
            Kind::Service => sim.delete_service(&namespace, &name),
            Kind::ReplicaSet | Kind::Node | Kind::Endpoints => Err(not_simulated(kind)),
        };
        match result {
            Ok(()) => out.stdout.push_str(&format!(
                "{} {name} deleted from {namespace} namespace\n",
                kind.printed(),
                name = Quoted(&name)
            )),
            Err(e) => {
                out.ok = false;
                out.stderr.push_str(&format!("{}\n", CmdError::from(e)));
            }
        }
    }
    Ok(out)
}

fn not_simulated(kind: Kind) -> ApiError {
    if kind == Kind::Endpoints {
        return ApiError::BadRequest(
            "deleting endpoints is not simulated; the endpoints controller keeps them in step with their Service".to_string(),
        );
    }
    ApiError::BadRequest(format!(
        "deleting {} is not simulated; delete the Deployment that owns them",
        kind.resource()
    ))
}

/// What `delete TYPE --all|-l SELECTOR` deletes: the objects of each kind in the namespace
/// whose labels match, kind by kind, in the order `get` lists them. ReplicaSets and nodes are
/// refused before anything is deleted.
fn matching(
    sim: &Simulation,
    kinds: &[Kind],
    namespace: &str,
    selector: &Selector,
) -> Result<Vec<(Kind, String)>, CmdError> {
    let mut pairs = Vec::new();
    for &kind in kinds {
        let names: Vec<String> = match kind {
            Kind::Deployment => sim
                .deployments()
                .filter(|d| d.metadata.namespace == namespace)
                .filter(|d| selector.matches(&d.metadata.labels))
                .map(|d| d.metadata.name.clone())
                .collect(),
            Kind::Pod => sim
                .pods()
                .filter(|pod| pod.metadata.namespace == namespace)
                .filter(|pod| selector.matches(&pod.metadata.labels))
                .map(|pod| pod.metadata.name.clone())
                .collect(),
            Kind::HorizontalPodAutoscaler => sim
                .horizontal_pod_autoscalers()
                .filter(|h| h.metadata.namespace == namespace)
                .filter(|h| selector.matches(&h.metadata.labels))
                .map(|h| h.metadata.name.clone())
                .collect(),
            Kind::Service => sim
                .services()
                .filter(|s| s.metadata.namespace == namespace)
                .filter(|s| selector.matches(&s.metadata.labels))
                .map(|s| s.metadata.name.clone())
                .collect(),
            Kind::ReplicaSet | Kind::Node | Kind::Endpoints => {
                return Err(not_simulated(kind).into())
            }
        };
        pairs.extend(names.into_iter().map(|name| (kind, name)));
    }
    Ok(pairs)
}

/// The namespace an object of a file is deleted from: `-n` when the file names none.
fn file_namespace(p: &Parsed, raw: &serde_json::Value, own: &str) -> String {
    p.str("namespace")
        .filter(|_| raw.pointer("/metadata/namespace").is_none())
        .unwrap_or(own)
        .to_string()
}

/// Reports the deletion of one object of a file, as kubectl does.
fn deleted(
    out: &mut Output,
    printed: &str,
    name: &str,
    namespace: &str,
    result: Result<(), ApiError>,
    source: &str,
) {
    match result {
        Ok(()) => out.stdout.push_str(&format!(
            "{printed} {name} deleted from {namespace} namespace\n",
            name = Quoted(&name)
        )),
        Err(e) => {
            out.ok = false;
            out.stderr.push_str(&format!(
                "Error from server (NotFound): error when deleting {}: {e}\n",
                Quoted(&source)
            ));
        }
    }
}

/// `kubectl delete -f FILE`: every Deployment the file defines.
fn delete_files(sim: &mut Simulation, p: &Parsed, files: &Files) -> Result<Output, CmdError> {
    if !p.args.is_empty() {
        return Err(CmdError::other(
            "Unexpected args: cannot name resources together with -f",
        ));
    }
    let documents = read_manifests(files, p.all("filename"))?;
    let mut out = Output::stdout(String::new());
    for document in documents {
        let d = match document.object {
            ManifestObject::Deployment(d) => d,
            ManifestObject::Service(s) => {
                let namespace = file_namespace(p, &document.raw, &s.metadata.namespace);
                let result = sim.delete_service(&namespace, &s.metadata.name);
                deleted(
                    &mut out,
                    "service",
                    &s.metadata.name,
                    &namespace,
                    result,
                    document.source,
                );
                continue;
            }
            ManifestObject::HorizontalPodAutoscaler(h) => {
                let namespace = file_namespace(p, &document.raw, &h.metadata.namespace);
                let result = sim.delete_horizontal_pod_autoscaler(&namespace, &h.metadata.name);
                let printed = "horizontalpodautoscaler.autoscaling";
                deleted(
                    &mut out,
                    printed,
                    &h.metadata.name,
                    &namespace,
                    result,
                    document.source,
                );
                continue;
            }
            other => {
                if let Some(warning) = other.warning() {
                    out.stderr.push_str(&format!("{warning}\n"));
                }
                continue;
            }
        };
        let namespace = p
            .str("namespace")
            .filter(|_| document.raw.pointer("/metadata/namespace").is_none())
            .unwrap_or(&d.metadata.namespace)
            .to_string();
        let name = &d.metadata.name;
        match sim.delete_deployment(&namespace, name) {
            Ok(()) => out.stdout.push_str(&format!(
                "deployment.apps {name} deleted from {namespace} namespace\n",
                name = Quoted(&name)
            )),
            Err(e) => {
                out.ok = false;
                let text = match e.reason() {
                    Some(reason) => format!(
                        "Error from server ({reason}): error when deleting {}: {e}",
                        Quoted(&document.source)
                    ),
                    None => e.to_string(),
                };
                out.stderr.push_str(&format!("{text}\n"));
            }
        }
    }
    Ok(out)
}
