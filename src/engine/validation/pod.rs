//! The pod template checks a Deployment meets (`ValidatePodTemplateSpecForReplicaSet`, and the
//! parts of core `ValidatePodTemplateSpec`/`ValidatePodSpec` that look at what a template holds:
//! volumes, containers, ports, env, volume mounts, pull policy, resources, probes, restart and
//! DNS policies, node selector and referenced names).

use serde_json::Value;

use super::field::{
    duplicate, first_time, forbidden, go_quote, invalid, labels_json, required, unsupported,
};
use super::names::{is_dns1123_label, is_dns1123_subdomain, is_qualified_name};
use super::quantity::Quantity;
use super::{validate_annotations, validate_labels};
use crate::engine::errors::{FieldError, FieldErrorKind};
use crate::engine::objects::{Container, DeploymentSpec, PodTemplateSpec, RestartPolicy};
use crate::engine::sorting::ListMap;

/// `ValidatePodTemplateSpecForReplicaSet`: the selector must select the template's labels, the
/// template must be a valid pod template, and it must restart Always.
pub(super) fn validate_pod_template_for_replica_set(
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
    let ephemeral = template.spec.extra.get("ephemeralContainers");
    if ephemeral
        .and_then(Value::as_array)
        .is_some_and(|list| !list.is_empty())
    {
        errors.push(forbidden(
            "spec.template.spec.ephemeralContainers",
            "ephemeral containers not allowed in pod template",
        ));
    }
    if template.spec.restart_policy != RestartPolicy::Always {
        errors.push(unsupported(
            "spec.template.spec.restartPolicy",
            template.spec.restart_policy.as_str(),
            &["Always"],
        ));
    }
    if template.spec.extra.contains_key("activeDeadlineSeconds") {
        errors.push(forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            "activeDeadlineSeconds in ReplicaSet is not Supported",
        ));
    }
    errors
}

/// The parts of `ValidatePodSpec` a Deployment's template meets: volume names, containers
/// (names, images, ports, env, volume mounts, pull policy, resources), init containers, the
/// restart and DNS policies, the node selector, and the names a pod spec refers to.
fn validate_pod_spec(template: &PodTemplateSpec) -> Vec<FieldError> {
    let spec = &template.spec;
    let (mut errors, volumes) = validate_volumes(&spec.extra);
    let mut names: Vec<&str> = Vec::new();
    if spec.containers.is_empty() {
        errors.push(required("spec.template.spec.containers"));
    }
    for (i, container) in spec.containers.iter().enumerate() {
        let at = format!("spec.template.spec.containers[{i}]");
        errors.extend(validate_container_common(container, &at, &volumes));
        if !first_time(&mut names, container.name.as_str()) {
            errors.push(duplicate(&format!("{at}.name"), &container.name));
        }
        errors.extend(validate_probes(&container.extra, &at));
    }
    for (i, container) in spec.init_containers.iter().enumerate() {
        let at = format!("spec.template.spec.initContainers[{i}]");
        errors.extend(validate_container_common(container, &at, &volumes));
        if !first_time(&mut names, container.name.as_str()) {
            errors.push(duplicate(&format!("{at}.name"), &container.name));
        }
        if text(&container.extra, "restartPolicy") == "Always" {
            errors.extend(validate_probes(&container.extra, &at));
            continue;
        }
        for field in [
            "lifecycle",
            "livenessProbe",
            "readinessProbe",
            "startupProbe",
        ] {
            if container.extra.get(field).is_some_and(|v| !v.is_null()) {
                errors.push(forbidden(
                    &format!("{at}.{field}"),
                    "may not be set for init containers without restartPolicy=Always",
                ));
            }
        }
    }
    match &spec.restart_policy {
        RestartPolicy::Always | RestartPolicy::OnFailure | RestartPolicy::Never => {}
        RestartPolicy::Unsupported(text) if text.is_empty() => {
            errors.push(required("spec.template.spec.restartPolicy"))
        }
        RestartPolicy::Unsupported(text) => errors.push(unsupported(
            "spec.template.spec.restartPolicy",
            text,
            &["Always", "OnFailure", "Never"],
        )),
    }
    match spec.extra.get("dnsPolicy").and_then(Value::as_str) {
        None | Some("ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None") => {}
        Some("") => errors.push(required("spec.template.spec.dnsPolicy")),
        Some(other) => errors.push(unsupported(
            "spec.template.spec.dnsPolicy",
            other,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )),
    }
    errors.extend(validate_labels(
        &spec.node_selector,
        "spec.template.spec.nodeSelector",
    ));
    let named = |key: &str, rule: fn(&str) -> Vec<String>, errors: &mut Vec<FieldError>| {
        let value = text(&spec.extra, key);
        if !value.is_empty() {
            for msg in rule(value) {
                errors.push(invalid(
                    &format!("spec.template.spec.{key}"),
                    go_quote(value),
                    &msg,
                ));
            }
        }
    };
    named("serviceAccountName", is_dns1123_subdomain, &mut errors);
    named("hostname", is_dns1123_label, &mut errors);
    named("subdomain", is_dns1123_label, &mut errors);
    named("priorityClassName", is_dns1123_subdomain, &mut errors);
    errors
}

/// The objects of a verbatim list field (`volumes`, `ports`, `env`, `volumeMounts`).
fn objects<'a>(
    extra: &'a serde_json::Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = (usize, &'a serde_json::Map<String, Value>)> {
    extra
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, item)| item.as_object().map(|map| (i, map)))
}

fn text<'a>(map: &'a serde_json::Map<String, Value>, key: &str) -> &'a str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

fn number(map: &serde_json::Map<String, Value>, key: &str) -> i64 {
    map.get(key).and_then(Value::as_i64).unwrap_or(0)
}

/// `ValidateVolumes` (names): the errors, and the names of the volumes that are valid.
fn validate_volumes(extra: &serde_json::Map<String, Value>) -> (Vec<FieldError>, Vec<String>) {
    let mut errors = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (i, volume) in objects(extra, "volumes") {
        let name_at = format!("spec.template.spec.volumes[{i}].name");
        let name = text(volume, "name");
        let mut found = Vec::new();
        if name.is_empty() {
            found.push(required(&name_at));
        } else {
            for msg in is_dns1123_label(name) {
                found.push(invalid(&name_at, go_quote(name), &msg));
            }
        }
        if names.iter().any(|n| n == name) {
            found.push(duplicate(&name_at, name));
        }
        if found.is_empty() {
            names.push(name.to_string());
        } else {
            errors.extend(found);
        }
    }
    (errors, names)
}

/// `validateContainerCommon`: a DNS-1123 label name, an image, ports, env, volume mounts and
/// the pull policy.
fn validate_container_common(
    container: &Container,
    at: &str,
    volumes: &[String],
) -> Vec<FieldError> {
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
    errors.extend(validate_container_ports(
        &container.extra,
        &format!("{at}.ports"),
    ));
    for (i, var) in objects(&container.extra, "env") {
        let name_at = format!("{at}.env[{i}].name");
        let name = text(var, "name");
        if name.is_empty() {
            errors.push(required(&name_at));
            errors.push(invalid(
                &name_at,
                go_quote(name),
                "environment variable name must be non-empty",
            ));
        } else if name
            .chars()
            .any(|c| !c.is_ascii() || c.is_ascii_control() || c == '=')
        {
            errors.push(invalid(
                &name_at,
                go_quote(name),
                "a valid environment variable name must consist only of printable ASCII characters other than '='",
            ));
        }
    }
    let mut mount_paths: Vec<&str> = Vec::new();
    for (i, mount) in objects(&container.extra, "volumeMounts") {
        let mount_at = format!("{at}.volumeMounts[{i}]");
        let (name, path) = (text(mount, "name"), text(mount, "mountPath"));
        if name.is_empty() {
            errors.push(required(&format!("{mount_at}.name")));
        }
        if !volumes.iter().any(|v| v == name) {
            errors.push(FieldError {
                field: format!("{mount_at}.name"),
                kind: FieldErrorKind::NotFound(go_quote(name)),
                detail: String::new(),
            });
        }
        if path.is_empty() {
            errors.push(required(&format!("{mount_at}.mountPath")));
        }
        if !first_time(&mut mount_paths, path) {
            errors.push(invalid(
                &format!("{mount_at}.mountPath"),
                go_quote(path),
                "must be unique",
            ));
        }
    }
    match container
        .extra
        .get("imagePullPolicy")
        .and_then(Value::as_str)
    {
        None | Some("Always" | "IfNotPresent" | "Never") => {}
        Some("") => errors.push(required(&format!("{at}.imagePullPolicy"))),
        Some(other) => errors.push(unsupported(
            &format!("{at}.imagePullPolicy"),
            other,
            &["Always", "IfNotPresent", "Never"],
        )),
    }
    if let Some(resources) = container.extra.get("resources").and_then(Value::as_object) {
        errors.extend(validate_resource_requirements(
            resources,
            &format!("{at}.resources"),
        ));
    }
    errors
}

/// The quantities of `limits` or `requests`, by resource name, in name order (upstream walks a
/// Go map; the order of several errors is not fixed there).
fn quantities(resources: &serde_json::Map<String, Value>, key: &str) -> ListMap<String, Quantity> {
    let mut map = ListMap::default();
    for (name, value) in resources
        .get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let Ok(q) = Quantity::parse(&text) {
            map.insert(name.clone(), q);
        }
    }
    map
}

/// `ValidateContainerResourceRequirements`: standard names, non-negative values, whole numbers
/// for extended resources, and requests within limits (equal to them where overcommit is not
/// allowed).
fn validate_resource_requirements(
    resources: &serde_json::Map<String, Value>,
    at: &str,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let limits = quantities(resources, "limits");
    let requests = quantities(resources, "requests");
    for (key, list) in [("limits", &limits), ("requests", &requests)] {
        for (name, quantity) in list.iter() {
            let name_at = format!("{at}.{key}[{name}]");
            errors.extend(validate_container_resource_name(name, &name_at));
            if quantity.is_negative() {
                errors.push(invalid(
                    &name_at,
                    go_quote(&quantity.canonical()),
                    "must be greater than or equal to 0",
                ));
            }
            if is_extended_resource(name) && !quantity.is_integer() {
                errors.push(invalid(
                    &name_at,
                    go_quote(&quantity.canonical()),
                    "must be an integer",
                ));
            }
            if key == "limits" {
                continue;
            }
            let Some(limit) = limits.get(name) else {
                continue;
            };
            let overcommit = !is_extended_resource(name) && !name.starts_with("hugepages-");
            let order = quantity.cmp_value(limit);
            let detail = if order != std::cmp::Ordering::Equal && !overcommit {
                format!("must be equal to {name} limit of {}", limit.canonical())
            } else if order == std::cmp::Ordering::Greater {
                format!(
                    "must be less than or equal to {name} limit of {}",
                    limit.canonical()
                )
            } else {
                continue;
            };
            errors.push(invalid(
                &format!("{at}.requests"),
                go_quote(&quantity.canonical()),
                &detail,
            ));
        }
    }
    errors
}

/// Not a native resource: a name with a domain other than `kubernetes.io` (`nvidia.com/gpu`).
fn is_extended_resource(name: &str) -> bool {
    name.contains('/') && !name.contains("kubernetes.io/")
}

/// `validateContainerResourceName`.
fn validate_container_resource_name(name: &str, at: &str) -> Vec<FieldError> {
    let mut errors: Vec<FieldError> = is_qualified_name(name)
        .into_iter()
        .map(|msg| invalid(at, go_quote(name), &msg))
        .collect();
    let standard =
        matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-");
    if !name.contains('/') && !standard {
        errors.push(invalid(
            at,
            go_quote(name),
            "must be a standard resource for containers",
        ));
    }
    errors
}

/// `validateLivenessProbe`, `validateReadinessProbe` and `validateStartupProbe`.
fn validate_probes(extra: &serde_json::Map<String, Value>, at: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for kind in ["livenessProbe", "readinessProbe", "startupProbe"] {
        let Some(probe) = extra.get(kind).and_then(Value::as_object) else {
            continue;
        };
        let probe_at = format!("{at}.{kind}");
        errors.extend(validate_probe(probe, &probe_at));
        let success = probe
            .get("successThreshold")
            .and_then(Value::as_i64)
            .unwrap_or(1);
        if kind != "readinessProbe" && success != 1 {
            errors.push(invalid(
                &format!("{probe_at}.successThreshold"),
                success.to_string(),
                "must be 1",
            ));
        }
        if kind == "readinessProbe" && probe.contains_key("terminationGracePeriodSeconds") {
            let value = number(probe, "terminationGracePeriodSeconds");
            errors.push(invalid(
                &format!("{probe_at}.terminationGracePeriodSeconds"),
                value.to_string(),
                "must not be set for readinessProbes",
            ));
        }
    }
    errors
}

/// `validateProbe`: exactly one handler, and non-negative timings.
/// The `core/v1 Probe` timings: int32 seconds or counts, none of which may be negative.
pub const PROBE_TIMING_FIELDS: [&str; 5] = [
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
];

fn validate_probe(probe: &serde_json::Map<String, Value>, at: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut handlers = 0;
    for handler in ["exec", "httpGet", "tcpSocket", "grpc"] {
        let Some(action) = probe.get(handler).and_then(Value::as_object) else {
            continue;
        };
        let handler_at = format!("{at}.{handler}");
        if handlers > 0 {
            errors.push(forbidden(
                &handler_at,
                "may not specify more than 1 handler type",
            ));
            continue;
        }
        handlers += 1;
        match handler {
            "exec" => {
                let empty = action
                    .get("command")
                    .and_then(Value::as_array)
                    .is_none_or(Vec::is_empty);
                if empty {
                    errors.push(required(&format!("{handler_at}.command")));
                }
            }
            "httpGet" => {
                if text(action, "path").is_empty() {
                    errors.push(required(&format!("{handler_at}.path")));
                }
                errors.extend(validate_port_num_or_name(
                    action.get("port"),
                    &format!("{handler_at}.port"),
                ));
                match text(action, "scheme") {
                    "HTTP" | "HTTPS" => {}
                    "" => errors.push(required(&format!("{handler_at}.scheme"))),
                    other => errors.push(unsupported(
                        &format!("{handler_at}.scheme"),
                        other,
                        &["HTTP", "HTTPS"],
                    )),
                }
            }
            "tcpSocket" => {
                errors.extend(validate_port_num_or_name(
                    action.get("port"),
                    &format!("{handler_at}.port"),
                ));
            }
            _ => {
                let port = number(action, "port");
                if !(1..=65535).contains(&port) {
                    errors.push(invalid(
                        &format!("{handler_at}.port"),
                        port.to_string(),
                        PORT_RANGE,
                    ));
                }
            }
        }
    }
    if handlers == 0 {
        errors.push(FieldError {
            field: at.to_string(),
            kind: FieldErrorKind::Required,
            detail: "must specify a handler type".into(),
        });
    }
    for timing in PROBE_TIMING_FIELDS {
        let value = number(probe, timing);
        if value < 0 {
            errors.push(invalid(
                &format!("{at}.{timing}"),
                value.to_string(),
                "must be greater than or equal to 0",
            ));
        }
    }
    if probe.contains_key("terminationGracePeriodSeconds") {
        let value = number(probe, "terminationGracePeriodSeconds");
        if value <= 0 {
            errors.push(invalid(
                &format!("{at}.terminationGracePeriodSeconds"),
                value.to_string(),
                "must be greater than 0",
            ));
        }
    }
    errors
}

/// `ValidatePortNumOrName`: a number in range, or an IANA service name.
fn validate_port_num_or_name(port: Option<&Value>, at: &str) -> Vec<FieldError> {
    match port {
        Some(Value::String(name)) => is_valid_port_name(name)
            .into_iter()
            .map(|msg| invalid(at, go_quote(name), &msg))
            .collect(),
        other => {
            let number = other.and_then(Value::as_i64).unwrap_or(0);
            if (1..=65535).contains(&number) {
                Vec::new()
            } else {
                vec![invalid(at, number.to_string(), PORT_RANGE)]
            }
        }
    }
}

/// `validateContainerPorts`.
fn validate_container_ports(extra: &serde_json::Map<String, Value>, at: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for (i, port) in objects(extra, "ports") {
        let port_at = format!("{at}[{i}]");
        let name = text(port, "name");
        if !name.is_empty() {
            let messages = is_valid_port_name(name);
            if !messages.is_empty() {
                for msg in messages {
                    errors.push(invalid(&format!("{port_at}.name"), go_quote(name), &msg));
                }
            } else if !first_time(&mut names, name) {
                errors.push(duplicate(&format!("{port_at}.name"), name));
            }
        }
        let container_port = number(port, "containerPort");
        if container_port == 0 {
            errors.push(required(&format!("{port_at}.containerPort")));
        } else if !(1..=65535).contains(&container_port) {
            errors.push(invalid(
                &format!("{port_at}.containerPort"),
                container_port.to_string(),
                PORT_RANGE,
            ));
        }
        let host_port = number(port, "hostPort");
        if host_port != 0 && !(1..=65535).contains(&host_port) {
            errors.push(invalid(
                &format!("{port_at}.hostPort"),
                host_port.to_string(),
                PORT_RANGE,
            ));
        }
        match text(port, "protocol") {
            "TCP" | "UDP" | "SCTP" => {}
            "" => errors.push(required(&format!("{port_at}.protocol"))),
            other => errors.push(unsupported(
                &format!("{port_at}.protocol"),
                other,
                &["SCTP", "TCP", "UDP"],
            )),
        }
    }
    errors
}

pub(super) const PORT_RANGE: &str = "must be between 1 and 65535, inclusive";

/// `IsValidPortName`: an IANA service name.
pub(super) fn is_valid_port_name(port: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if port.len() > 15 {
        errors.push("must be no more than 15 characters".to_string());
    }
    if !port
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errors.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    }
    if !port.bytes().any(|b| b.is_ascii_lowercase()) {
        errors.push("must contain at least one letter (a-z)".to_string());
    }
    if port.contains("--") {
        errors.push("must not contain consecutive hyphens".to_string());
    }
    if port.starts_with('-') || port.ends_with('-') {
        errors.push("must not begin or end with a hyphen".to_string());
    }
    errors
}
