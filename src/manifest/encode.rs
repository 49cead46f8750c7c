//! API objects back into the YAML `kubectl get <kind> <name> -o yaml` prints: the API server's
//! JSON field names, keys in alphabetical order (kubectl converts the server's JSON to YAML through
//! a map), server-set fields the simulation knows (creationTimestamp, generation, status), and
//! Go's yaml.v2 scalar style (`"1"`, `"True"`, `"2026-01-01T00:00:00Z"` double-quoted; multi-line
//! strings as literal blocks).
//!
//! `resourceVersion` and `uid` are left out: the simulation has no etcd revision, and its uids
//! are counters, not UUIDs.

use serde_json::{json, Map, Value};

use crate::engine::intstr::IntOrString;
use crate::engine::{
    ContainerState, ContainerStatus, Deployment, DeploymentStatus, LabelSelector, ObjectMeta, Pod,
    PodTemplateSpec, ReplicaSet, Seconds,
};

/// Simulated second 0 is 2026-01-01T00:00:00Z, as days since 1970-01-01.
const BASE_EPOCH_DAYS: i64 = 20454;

/// A simulated time as RFC 3339 (`2026-01-01T00:01:05Z`), counting from 2026-01-01T00:00:00Z.
pub fn rfc3339(seconds: Seconds) -> String {
    let days = BASE_EPOCH_DAYS + seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to a proleptic Gregorian date.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `kubectl get deployment <name> -o yaml`.
pub fn to_yaml_deployment(deployment: &Deployment) -> String {
    let spec = &deployment.spec;
    let mut strategy = Map::new();
    strategy.insert("type".into(), json!(spec.strategy.kind.as_str()));
    if let Some(ru) = &spec.strategy.rolling_update {
        let mut rolling = Map::new();
        if let Some(v) = &ru.max_surge {
            rolling.insert("maxSurge".into(), int_or_string(v));
        }
        if let Some(v) = &ru.max_unavailable {
            rolling.insert("maxUnavailable".into(), int_or_string(v));
        }
        strategy.insert("rollingUpdate".into(), Value::Object(rolling));
    }
    let mut spec_json = Map::new();
    spec_json.insert(
        "progressDeadlineSeconds".into(),
        json!(spec.progress_deadline_seconds),
    );
    spec_json.insert("replicas".into(), json!(spec.replicas));
    spec_json.insert(
        "revisionHistoryLimit".into(),
        json!(spec.revision_history_limit),
    );
    spec_json.insert("selector".into(), selector(&spec.selector));
    spec_json.insert("strategy".into(), Value::Object(strategy));
    spec_json.insert("template".into(), template(&spec.template));
    if spec.min_ready_seconds != 0 {
        spec_json.insert("minReadySeconds".into(), json!(spec.min_ready_seconds));
    }
    if spec.paused {
        spec_json.insert("paused".into(), json!(true));
    }
    let object = json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": metadata(&deployment.metadata, None),
        "spec": spec_json,
        "status": deployment_status(&deployment.status),
    });
    to_yaml(&object)
}

/// `kubectl get replicaset <name> -o yaml`.
pub fn to_yaml_replica_set(replica_set: &ReplicaSet) -> String {
    let spec = &replica_set.spec;
    let hash_suffix = format!("-{}", replica_set.template_hash());
    let owner = replica_set
        .owner
        .and_then(|_| replica_set.metadata.name.strip_suffix(&hash_suffix))
        .map(|deployment| owner_reference("apps/v1", "Deployment", deployment));
    let mut spec_json = Map::new();
    spec_json.insert("replicas".into(), json!(spec.replicas));
    spec_json.insert("selector".into(), selector(&spec.selector));
    spec_json.insert("template".into(), template(&spec.template));
    if spec.min_ready_seconds != 0 {
        spec_json.insert("minReadySeconds".into(), json!(spec.min_ready_seconds));
    }
    let status = &replica_set.status;
    let mut status_json = Map::new();
    status_json.insert("replicas".into(), json!(status.replicas));
    for (key, value) in [
        ("availableReplicas", status.available_replicas),
        ("fullyLabeledReplicas", status.fully_labeled_replicas),
        ("readyReplicas", status.ready_replicas),
    ] {
        if value != 0 {
            status_json.insert(key.into(), json!(value));
        }
    }
    if status.observed_generation != 0 {
        status_json.insert(
            "observedGeneration".into(),
            json!(status.observed_generation),
        );
    }
    let object = json!({
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": metadata(&replica_set.metadata, owner),
        "spec": spec_json,
        "status": status_json,
    });
    to_yaml(&object)
}

/// `kubectl get pod <name> -o yaml`. A pod does not hold its spec: it is its ReplicaSet's
/// template (with the node it was bound to), so the owner is passed in when there is one.
pub fn to_yaml_pod(pod: &Pod, owner: Option<&ReplicaSet>) -> String {
    let owner_ref = owner.map(|rs| owner_reference("apps/v1", "ReplicaSet", &rs.metadata.name));
    let mut meta = metadata(&pod.metadata, owner_ref);
    if let (Some(rs), Value::Object(meta)) = (owner, &mut meta) {
        meta.insert(
            "generateName".into(),
            json!(format!("{}-", rs.metadata.name)),
        );
    }
    let mut spec = match owner.map(|rs| template(&rs.spec.template)) {
        Some(Value::Object(mut template)) => match template.remove("spec") {
            Some(Value::Object(spec)) => spec,
            _ => Map::new(),
        },
        _ => Map::new(),
    };
    spec.insert("enableServiceLinks".into(), json!(true));
    if let Some(node) = &pod.node_name {
        spec.insert("nodeName".into(), json!(node));
    }
    spec.insert("preemptionPolicy".into(), json!("PreemptLowerPriority"));
    spec.insert("priority".into(), json!(0));
    spec.entry("serviceAccount")
        .or_insert_with(|| json!("default"));
    spec.entry("serviceAccountName")
        .or_insert_with(|| json!("default"));
    let object = json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": spec,
        "status": pod_status(pod),
    });
    to_yaml(&object)
}

fn owner_reference(api_version: &str, kind: &str, name: &str) -> Value {
    json!([{
        "apiVersion": api_version,
        "blockOwnerDeletion": true,
        "controller": true,
        "kind": kind,
        "name": name,
    }])
}

fn metadata(meta: &ObjectMeta, owner_references: Option<Value>) -> Value {
    let mut map = Map::new();
    if !meta.annotations.is_empty() {
        map.insert("annotations".into(), json!(meta.annotations));
    }
    map.insert(
        "creationTimestamp".into(),
        json!(rfc3339(meta.creation_timestamp)),
    );
    if let Some(deletion) = meta.deletion_timestamp {
        map.insert("deletionTimestamp".into(), json!(rfc3339(deletion)));
    }
    if meta.generation != 0 {
        map.insert("generation".into(), json!(meta.generation));
    }
    if !meta.labels.is_empty() {
        map.insert("labels".into(), json!(meta.labels));
    }
    map.insert("name".into(), json!(meta.name));
    map.insert("namespace".into(), json!(meta.namespace));
    if let Some(owners) = owner_references {
        map.insert("ownerReferences".into(), owners);
    }
    Value::Object(map)
}

fn int_or_string(value: &IntOrString) -> Value {
    match value {
        IntOrString::Int(v) => json!(v),
        IntOrString::Str(s) => json!(s),
    }
}

fn selector(selector: &LabelSelector) -> Value {
    let mut map = Map::new();
    if !selector.match_labels.is_empty() {
        map.insert("matchLabels".into(), json!(selector.match_labels));
    }
    if !selector.match_expressions.is_empty() {
        map.insert(
            "matchExpressions".into(),
            serde_json::to_value(&selector.match_expressions).unwrap_or(Value::Null),
        );
    }
    Value::Object(map)
}

fn template(template: &PodTemplateSpec) -> Value {
    let mut meta = Map::new();
    if !template.metadata.annotations.is_empty() {
        meta.insert("annotations".into(), json!(template.metadata.annotations));
    }
    if !template.metadata.labels.is_empty() {
        meta.insert("labels".into(), json!(template.metadata.labels));
    }
    let spec = serde_json::to_value(&template.spec).unwrap_or(Value::Null);
    json!({"metadata": meta, "spec": spec})
}

fn deployment_status(status: &DeploymentStatus) -> Value {
    let mut map = Map::new();
    for (key, value) in [
        ("availableReplicas", status.available_replicas),
        ("collisionCount", status.collision_count),
        ("readyReplicas", status.ready_replicas),
        ("replicas", status.replicas),
        ("unavailableReplicas", status.unavailable_replicas),
        ("updatedReplicas", status.updated_replicas),
    ] {
        if value != 0 {
            map.insert(key.into(), json!(value));
        }
    }
    if status.observed_generation != 0 {
        map.insert(
            "observedGeneration".into(),
            json!(status.observed_generation),
        );
    }
    if !status.conditions.is_empty() {
        let conditions: Vec<Value> = status
            .conditions
            .iter()
            .map(|c| {
                json!({
                    "lastTransitionTime": rfc3339(c.last_transition_time),
                    "lastUpdateTime": rfc3339(c.last_update_time),
                    "message": c.message,
                    "reason": c.reason,
                    "status": c.status,
                    "type": c.kind,
                })
            })
            .collect();
        map.insert("conditions".into(), Value::Array(conditions));
    }
    Value::Object(map)
}

fn pod_status(pod: &Pod) -> Value {
    let mut map = Map::new();
    map.insert("phase".into(), json!(pod.phase.as_str()));
    if let Some(reason) = &pod.reason {
        map.insert("reason".into(), json!(reason));
    }
    let start = pod.metadata.creation_timestamp;
    let ready = pod.ready_since.is_some();
    let bool_status = |b: bool| if b { "True" } else { "False" };
    let mut conditions = vec![json!({
        "lastProbeTime": null,
        "lastTransitionTime": rfc3339(start),
        "status": bool_status(pod.node_name.is_some()),
        "type": "PodScheduled",
    })];
    if pod.node_name.is_some() {
        let since = pod.ready_since.unwrap_or(start);
        conditions.push(json!({
            "lastProbeTime": null,
            "lastTransitionTime": rfc3339(start),
            "status": bool_status(pod.init_container_statuses.iter().all(|c| matches!(c.state, ContainerState::Terminated { .. }))),
            "type": "Initialized",
        }));
        for kind in ["ContainersReady", "Ready"] {
            conditions.push(json!({
                "lastProbeTime": null,
                "lastTransitionTime": rfc3339(since),
                "status": bool_status(ready),
                "type": kind,
            }));
        }
        map.insert("startTime".into(), json!(rfc3339(start)));
    } else if let Some(message) = &pod.unschedulable_message {
        if let Value::Object(condition) = &mut conditions[0] {
            condition.insert("message".into(), json!(message));
            condition.insert("reason".into(), json!("Unschedulable"));
        }
    }
    map.insert("conditions".into(), Value::Array(conditions));
    if !pod.container_statuses.is_empty() {
        map.insert(
            "containerStatuses".into(),
            Value::Array(
                pod.container_statuses
                    .iter()
                    .map(container_status)
                    .collect(),
            ),
        );
    }
    if !pod.init_container_statuses.is_empty() {
        map.insert(
            "initContainerStatuses".into(),
            Value::Array(
                pod.init_container_statuses
                    .iter()
                    .map(container_status)
                    .collect(),
            ),
        );
    }
    Value::Object(map)
}

fn container_status(status: &ContainerStatus) -> Value {
    let state = match &status.state {
        ContainerState::Waiting { reason } => json!({"waiting": {"reason": reason}}),
        ContainerState::Running { started_at } => {
            json!({"running": {"startedAt": rfc3339(*started_at)}})
        }
        ContainerState::Terminated { reason, exit_code } => {
            json!({"terminated": {"exitCode": exit_code, "reason": reason}})
        }
    };
    let last_state = match status.last_termination {
        Some(at) => {
            json!({"terminated": {"exitCode": 1, "finishedAt": rfc3339(at), "reason": "Error"}})
        }
        None => json!({}),
    };
    json!({
        "image": status.image,
        "lastState": last_state,
        "name": status.name,
        "ready": status.ready,
        "restartCount": status.restart_count,
        "started": matches!(status.state, ContainerState::Running { .. }),
        "state": state,
    })
}

/// The YAML text of a JSON value, keys sorted, in Go yaml.v2's block style.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_sequence(&mut out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar, 0));
            out.push('\n');
        }
    }
    out
}

fn sorted(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

fn write_mapping(out: &mut String, map: &Map<String, Value>, indent: usize) {
    for (i, (key, value)) in sorted(map).into_iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&quote_if_needed(key));
        out.push(':');
        write_value_after_key(out, value, indent);
    }
}

fn write_value_after_key(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            out.push_str(&" ".repeat(indent + 2));
            write_mapping(out, map, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            write_sequence(out, items, indent);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar, indent + 2));
            out.push('\n');
        }
    }
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_mapping(out, map, indent + 2),
            Value::Array(inner) if !inner.is_empty() => write_sequence(out, inner, indent + 2),
            scalar => {
                out.push_str(&scalar_text(scalar, indent + 2));
                out.push('\n');
            }
        }
    }
}

fn scalar_text(value: &Value, block_indent: usize) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s, block_indent),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// A string value: a literal block when it spans lines, else plain or double-quoted.
fn string_text(s: &str, block_indent: usize) -> String {
    let literal_ok = s.contains('\n')
        && !s.starts_with([' ', '\n'])
        && s.chars().all(|c| c == '\n' || !c.is_control())
        && s.lines().all(|line| !line.ends_with(' '));
    if !literal_ok {
        return quote_if_needed(s);
    }
    let trailing = s.len() - s.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let pad = " ".repeat(block_indent);
    let mut text = chomp.to_string();
    for line in s.trim_end_matches('\n').split('\n') {
        text.push('\n');
        if !line.is_empty() {
            text.push_str(&pad);
            text.push_str(line);
        }
    }
    for _ in 1..trailing {
        text.push('\n');
    }
    text
}

/// A scalar string as yaml.v2 emits it: plain when that reads back as the same string,
/// double-quoted otherwise.
fn quote_if_needed(s: &str) -> String {
    if plain_is_safe(s) {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn plain_is_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.starts_with(' ') || s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    if "#,[]{}&*!|>'\"%@`".contains(first) {
        return false;
    }
    if matches!(first, '-' | '?' | ':') && (s.len() == 1 || s[1..].starts_with(' ')) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.chars().any(|c| c.is_control()) {
        return false;
    }
    !resolves_to_non_string(s)
}

/// Whether a plain scalar would be read back (YAML 1.1, as yaml.v2 resolves) as something
/// other than a string: null, a boolean, a number or a timestamp.
fn resolves_to_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
        ".NaN", ".NAN", "<<",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    let plain = s.replace('_', "");
    let unsigned = plain.trim_start_matches(['+', '-']);
    let is_number = !unsigned.is_empty()
        && (unsigned.parse::<f64>().is_ok()
            || unsigned
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || unsigned
                .strip_prefix("0b")
                .is_some_and(|b| !b.is_empty() && b.chars().all(|c| c == '0' || c == '1'))
            || unsigned
                .strip_prefix("0o")
                .is_some_and(|o| !o.is_empty() && o.chars().all(|c| ('0'..='7').contains(&c))));
    let unsigned_is_word = unsigned.chars().all(|c| c.is_ascii_alphabetic());
    if is_number && !unsigned_is_word {
        return true;
    }
    looks_like_timestamp(s)
}

/// `YYYY-MM-DD` optionally followed by a time: what yaml.v2 resolves as a timestamp.
fn looks_like_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..].iter().take_while(|c| c.is_ascii_digit()).count() >= 1
        && s[5..].contains('-')
        && s[5..].split(['T', 't', ' ']).next().is_some_and(|date| {
            date.split('-')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        })
}
