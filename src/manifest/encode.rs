//! API objects back into the YAML `kubectl get <kind> <name> -o yaml` prints: the API server's
//! JSON field names, keys in alphabetical order (kubectl converts the server's JSON to YAML through
//! a map), server-set fields the simulation knows (creationTimestamp, generation, status), and
//! Go's yaml.v2 scalar styles (see `yaml_writer`).
//!
//! `resourceVersion` and `uid` are left out: the simulation has no etcd revision, and its uids
//! are counters, not UUIDs.

use serde_json::{json, Map, Value};

pub use super::clock::rfc3339;
pub use super::yaml_writer::to_yaml;

use crate::engine::intstr::IntOrString;
use crate::engine::{
    ConditionStatus, ContainerRef, ContainerState, ContainerStatus, Deployment, DeploymentStatus,
    LabelSelector, ObjectMeta, Pod, PodTemplateSpec, ReplicaSet, TerminatedReason,
};

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
        // A pointer the controller always sets (gate DeploymentReplicaSetTerminatingReplicas,
        // on by default since 1.35), so 0 is printed too.
        status_json.insert(
            "terminatingReplicas".into(),
            json!(status.terminating_replicas),
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
        _ => own_spec(pod),
    };
    spec.insert("enableServiceLinks".into(), json!(true));
    if let Some(node) = &pod.node_name {
        spec.insert("nodeName".into(), json!(node));
    }
    spec.insert("preemptionPolicy".into(), json!("PreemptLowerPriority"));
    spec.insert("priority".into(), json!(0));
    add_default_tolerations(&mut spec);
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

/// The `DefaultTolerationSeconds` admission plugin: tolerate a not-ready or unreachable node
/// for 300 s, unless the pod already tolerates it.
fn add_default_tolerations(spec: &mut Map<String, Value>) {
    let entry = spec
        .entry("tolerations")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(tolerations) = entry else {
        return;
    };
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        let tolerated = tolerations.iter().any(|t| {
            t.get("key").and_then(Value::as_str) == Some(key)
                || (t.get("key").is_none()
                    && t.get("operator").and_then(Value::as_str) == Some("Exists"))
        });
        if !tolerated {
            tolerations.push(json!({
                "effect": "NoExecute",
                "key": key,
                "operator": "Exists",
                "tolerationSeconds": 300,
            }));
        }
    }
}

/// The spec of a pod without an owner: what the pod itself holds.
fn own_spec(pod: &Pod) -> Map<String, Value> {
    let containers = |list: &[ContainerRef]| -> Value {
        list.iter()
            .map(|c| json!({"image": c.image, "name": c.name}))
            .collect()
    };
    let mut spec = Map::new();
    spec.insert("containers".into(), containers(&pod.containers));
    if !pod.init_containers.is_empty() {
        spec.insert("initContainers".into(), containers(&pod.init_containers));
    }
    if !pod.node_selector.is_empty() {
        spec.insert("nodeSelector".into(), json!(pod.node_selector));
    }
    spec.insert(
        "terminationGracePeriodSeconds".into(),
        json!(pod.termination_grace_period_seconds),
    );
    spec
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

/// `metadata` as the API server returns it (keys sorted).
pub fn metadata(meta: &ObjectMeta, owner_references: Option<Value>) -> Value {
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

/// A pod template: its metadata (labels, annotations and any verbatim field such as `name`) and
/// its spec, as the object model serializes them.
fn template(template: &PodTemplateSpec) -> Value {
    let meta = serde_json::to_value(&template.metadata).unwrap_or(Value::Null);
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
        map.insert(
            "terminatingReplicas".into(),
            json!(status.terminating_replicas),
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
                    "reason": c.reason.as_str(),
                    "status": c.status.as_str(),
                    "type": c.kind.as_str(),
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
    if let Some(reason) = pod.reason {
        map.insert("reason".into(), json!(reason.as_str()));
    }
    let start = pod.metadata.creation_timestamp;
    let ready = pod.ready_since.is_some();
    let bool_status = |holds: bool| ConditionStatus::from(holds).as_str();
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
    } else if let Some(fit_error) = &pod.unschedulable {
        if let Value::Object(condition) = &mut conditions[0] {
            condition.insert("message".into(), json!(fit_error.to_string()));
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
        ContainerState::Waiting { reason } => json!({"waiting": {"reason": reason.as_str()}}),
        ContainerState::Running { started_at } => {
            json!({"running": {"startedAt": rfc3339(*started_at)}})
        }
        ContainerState::Terminated { reason, exit_code } => {
            json!({"terminated": {"exitCode": exit_code, "reason": reason.as_str()}})
        }
    };
    let last_state = match status.last_termination {
        Some(at) => {
            json!({"terminated": {"exitCode": 1, "finishedAt": rfc3339(at), "reason": TerminatedReason::Error.as_str()}})
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::engine::{
        PodPhase, ReplicaSetSpec, ReplicaSetStatus, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION,
    };

    fn template() -> PodTemplateSpec {
        crate::engine::Deployment::new("default", "web", "app", "app:v1", 1)
            .spec
            .template
    }

    fn replica_set() -> ReplicaSet {
        let mut metadata = ObjectMeta::named("default", "web-6b7f9c8d4");
        metadata.creation_timestamp = 5;
        metadata.generation = 1;
        metadata
            .labels
            .insert(POD_TEMPLATE_HASH_LABEL.into(), "6b7f9c8d4".into());
        metadata
            .annotations
            .insert(REVISION_ANNOTATION.into(), "1".into());
        ReplicaSet {
            metadata,
            owner: Some(1),
            spec: ReplicaSetSpec {
                replicas: 2,
                min_ready_seconds: 0,
                selector: LabelSelector {
                    match_labels: BTreeMap::from([("app".to_string(), "web".to_string())]),
                    match_expressions: Vec::new(),
                },
                template: template(),
            },
            status: ReplicaSetStatus {
                replicas: 2,
                fully_labeled_replicas: 2,
                ready_replicas: 1,
                available_replicas: 1,
                terminating_replicas: 0,
                observed_generation: 1,
            },
        }
    }

    #[test]
    fn given_a_replica_set_then_its_yaml_names_the_owning_deployment() {
        let yaml = to_yaml_replica_set(&replica_set());
        assert!(yaml.starts_with("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  annotations:\n    deployment.kubernetes.io/revision: \"1\"\n  creationTimestamp: \"2026-01-01T00:00:05Z\"\n  generation: 1\n  labels:\n    pod-template-hash: 6b7f9c8d4\n  name: web-6b7f9c8d4\n  namespace: default\n  ownerReferences:\n  - apiVersion: apps/v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: Deployment\n    name: web\nspec:\n  replicas: 2\n"), "{yaml}");
        assert!(yaml.ends_with("status:\n  availableReplicas: 1\n  fullyLabeledReplicas: 2\n  observedGeneration: 1\n  readyReplicas: 1\n  replicas: 2\n  terminatingReplicas: 0\n"), "{yaml}");
    }

    #[test]
    fn given_a_running_pod_then_its_yaml_has_the_template_spec_node_and_statuses() {
        let rs = replica_set();
        let mut metadata = ObjectMeta::named("default", "web-6b7f9c8d4-x2k9q");
        metadata.creation_timestamp = 5;
        let pod = Pod {
            metadata,
            owner: Some(2),
            node_name: Some("node-1".into()),
            node_selector: BTreeMap::new(),
            init_containers: Vec::new(),
            containers: vec![ContainerRef {
                name: "app".into(),
                image: "app:v1".into(),
                profile: crate::engine::ImageProfile::DEFAULT,
            }],
            phase: PodPhase::Running,
            reason: None,
            init_container_statuses: Vec::new(),
            container_statuses: vec![ContainerStatus {
                name: "app".into(),
                image: "app:v1".into(),
                state: ContainerState::Running { started_at: 7 },
                ready: true,
                restart_count: 0,
                last_termination: None,
                next_at: None,
                failures: 0,
            }],
            ready_since: Some(9),
            start_time: None,
            ready_transition: None,
            requests: Default::default(),
            termination_grace_period_seconds: 30,
            unschedulable: None,
            written: 0,
        };
        let yaml = to_yaml_pod(&pod, Some(&rs));
        for part in [
            "  generateName: web-6b7f9c8d4-\n",
            "    kind: ReplicaSet\n    name: web-6b7f9c8d4\n",
            "  containers:\n  - image: app:v1\n",
            "  enableServiceLinks: true\n  nodeName: node-1\n",
            "  tolerations:\n  - effect: NoExecute\n    key: node.kubernetes.io/not-ready\n    operator: Exists\n    tolerationSeconds: 300\n  - effect: NoExecute\n    key: node.kubernetes.io/unreachable\n",
            "  - lastProbeTime: null\n    lastTransitionTime: \"2026-01-01T00:00:09Z\"\n    status: \"True\"\n    type: Ready\n",
            "    state:\n      running:\n        startedAt: \"2026-01-01T00:00:07Z\"\n",
            "  phase: Running\n  startTime: \"2026-01-01T00:00:05Z\"\n",
        ] {
            assert!(yaml.contains(part), "{part}\n---\n{yaml}");
        }
        let orphan = to_yaml_pod(&pod, None);
        assert!(
            orphan.contains("spec:\n  containers:\n  - image: app:v1\n    name: app\n"),
            "{orphan}"
        );
    }
}
