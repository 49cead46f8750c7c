//! One apps/v1 Deployment document (already JSON) into a typed, defaulted `Deployment`, with the
//! API server's decoding errors and `SetDefaults_Deployment`.

use serde_json::{Map, Value};

use super::defaults;
use super::json_path::{FieldPath, Reader};
use crate::engine::intstr::IntOrString;
use crate::engine::validation::Unrepresentable;
use crate::engine::{
    Container, Deployment, DeploymentSpec, DeploymentStatus, DeploymentStrategy, LabelSelector,
    LabelSelectorRequirement, ObjectMeta, PodSpec, PodTemplateSpec, RollingUpdateDeployment,
    StrategyType, TemplateMeta,
};

/// Fields of `metav1.ObjectMeta`.
const OBJECT_META_FIELDS: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];

/// Fields of `apps/v1 DeploymentSpec`.
const DEPLOYMENT_SPEC_FIELDS: &[&str] = &[
    "replicas",
    "selector",
    "template",
    "strategy",
    "minReadySeconds",
    "revisionHistoryLimit",
    "paused",
    "progressDeadlineSeconds",
];

/// Fields of `core/v1 PodSpec`.
const POD_SPEC_FIELDS: &[&str] = &[
    "volumes",
    "initContainers",
    "containers",
    "ephemeralContainers",
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "nodeSelector",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeName",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "securityContext",
    "imagePullSecrets",
    "hostname",
    "subdomain",
    "affinity",
    "schedulerName",
    "tolerations",
    "hostAliases",
    "priorityClassName",
    "priority",
    "dnsConfig",
    "readinessGates",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
    "overhead",
    "topologySpreadConstraints",
    "setHostnameAsFQDN",
    "os",
    "hostUsers",
    "schedulingGates",
    "resourceClaims",
    "resources",
    "hostnameOverride",
];

/// Fields of `core/v1 Container`.
const CONTAINER_FIELDS: &[&str] = &[
    "name",
    "image",
    "command",
    "args",
    "workingDir",
    "ports",
    "envFrom",
    "env",
    "resources",
    "resizePolicy",
    "restartPolicy",
    "restartPolicyRules",
    "volumeMounts",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
];

/// A decoded Deployment and what the typed object could not hold.
pub(crate) struct Decoded {
    pub deployment: Deployment,
    pub unrepresentable: Unrepresentable,
}

/// Decodes and defaults one `apps/v1` Deployment; `Err` carries Go's decoding error text.
pub(crate) fn deployment(doc: &Map<String, Value>) -> Result<Decoded, String> {
    let mut r = Reader::default();
    let root = FieldPath::default();
    r.known_fields(
        doc,
        &["apiVersion", "kind", "metadata", "spec", "status"],
        &root,
    );
    let metadata = object_meta(
        &mut r,
        doc.get("metadata"),
        "Deployment",
        &root.child("metadata"),
    );
    let spec_at = root.child("spec");
    let spec = r
        .object(doc.get("spec"), "Deployment", &spec_at, "v1.DeploymentSpec")
        .cloned()
        .unwrap_or_default();
    r.known_fields(&spec, DEPLOYMENT_SPEC_FIELDS, &spec_at);
    let st = "DeploymentSpec";
    let replicas = r.int(
        spec.get("replicas"),
        st,
        &spec_at.child("replicas"),
        "int32",
    );
    let selector_value = spec.get("selector").filter(|v| !v.is_null());
    let selector = label_selector(&mut r, selector_value, &spec_at.child("selector"));
    let template = pod_template(&mut r, spec.get("template"), &spec_at.child("template"));
    let (strategy, strategy_type) =
        strategy(&mut r, spec.get("strategy"), &spec_at.child("strategy"));
    let min_ready = r.int(
        spec.get("minReadySeconds"),
        st,
        &spec_at.child("minReadySeconds"),
        "int32",
    );
    let history = r.int(
        spec.get("revisionHistoryLimit"),
        st,
        &spec_at.child("revisionHistoryLimit"),
        "int32",
    );
    let paused = r.boolean(spec.get("paused"), st, &spec_at.child("paused"));
    let deadline = r.int(
        spec.get("progressDeadlineSeconds"),
        st,
        &spec_at.child("progressDeadlineSeconds"),
        "int32",
    );
    if let Some(error) = r.finish() {
        return Err(error);
    }
    let as_i32 = |v: Option<i64>, default: i32| v.map_or(default, |v| v as i32);
    Ok(Decoded {
        deployment: Deployment {
            metadata,
            spec: DeploymentSpec {
                replicas: as_i32(replicas, 1),
                selector,
                template,
                strategy,
                min_ready_seconds: as_i32(min_ready, 0),
                revision_history_limit: as_i32(history, 10),
                paused: paused.unwrap_or(false),
                progress_deadline_seconds: as_i32(deadline, 600),
            },
            status: DeploymentStatus::default(),
        },
        unrepresentable: Unrepresentable {
            selector_missing: selector_value.is_none(),
            strategy_type,
        },
    })
}

/// `metav1.ObjectMeta`: name, namespace (default `default`), labels and annotations; the rest
/// (uid, resourceVersion, timestamps) belongs to the server and is dropped.
fn object_meta(r: &mut Reader, value: Option<&Value>, parent: &str, at: &FieldPath) -> ObjectMeta {
    let mut meta = ObjectMeta::named("default", "");
    let Some(map) = r.object(value, parent, at, "v1.ObjectMeta") else {
        return meta;
    };
    r.known_fields(map, OBJECT_META_FIELDS, at);
    let st = "ObjectMeta";
    meta.name = r
        .string(map.get("name"), st, &at.child("name"), "string")
        .unwrap_or_default();
    if let Some(namespace) = r.string(map.get("namespace"), st, &at.child("namespace"), "string") {
        if !namespace.is_empty() {
            meta.namespace = namespace;
        }
    }
    r.int(map.get("generation"), st, &at.child("generation"), "int64");
    meta.labels = r.string_map(map.get("labels"), st, &at.child("labels"));
    meta.annotations = r.string_map(map.get("annotations"), st, &at.child("annotations"));
    meta
}

/// `metav1.LabelSelector`.
fn label_selector(r: &mut Reader, value: Option<&Value>, at: &FieldPath) -> LabelSelector {
    let mut selector = LabelSelector::default();
    let Some(map) = r.object(value, "DeploymentSpec", at, "v1.LabelSelector") else {
        return selector;
    };
    r.known_fields(map, &["matchLabels", "matchExpressions"], at);
    let st = "LabelSelector";
    selector.match_labels = r.string_map(map.get("matchLabels"), st, &at.child("matchLabels"));
    let exprs_at = at.child("matchExpressions");
    let exprs = r
        .array(
            map.get("matchExpressions"),
            st,
            &exprs_at,
            "[]v1.LabelSelectorRequirement",
        )
        .cloned()
        .unwrap_or_default();
    for (i, expr) in exprs.iter().enumerate() {
        let at = exprs_at.index(i);
        let Some(expr) = r.object(Some(expr), st, &at, "v1.LabelSelectorRequirement") else {
            continue;
        };
        r.known_fields(expr, &["key", "operator", "values"], &at);
        let st = "LabelSelectorRequirement";
        selector.match_expressions.push(LabelSelectorRequirement {
            key: r
                .string(expr.get("key"), st, &at.child("key"), "string")
                .unwrap_or_default(),
            operator: r
                .string(
                    expr.get("operator"),
                    st,
                    &at.child("operator"),
                    "v1.LabelSelectorOperator",
                )
                .unwrap_or_default(),
            values: r.string_list(expr.get("values"), st, &at.child("values")),
        });
    }
    selector
}

/// `apps/v1 DeploymentStrategy` with `SetDefaults_Deployment`'s strategy defaults. The second
/// value is the raw type when it is neither `RollingUpdate` nor `Recreate`.
fn strategy(
    r: &mut Reader,
    value: Option<&Value>,
    at: &FieldPath,
) -> (DeploymentStrategy, Option<String>) {
    let empty = Map::new();
    let map = r
        .object(value, "DeploymentSpec", at, "v1.DeploymentStrategy")
        .unwrap_or(&empty);
    r.known_fields(map, &["type", "rollingUpdate"], at);
    let st = "DeploymentStrategy";
    let raw_type = r
        .string(
            map.get("type"),
            st,
            &at.child("type"),
            "v1.DeploymentStrategyType",
        )
        .unwrap_or_default();
    let ru_at = at.child("rollingUpdate");
    let rolling_update = r
        .object(
            map.get("rollingUpdate"),
            st,
            &ru_at,
            "v1.RollingUpdateDeployment",
        )
        .map(|ru| {
            r.known_fields(ru, &["maxUnavailable", "maxSurge"], &ru_at);
            RollingUpdateDeployment {
                max_unavailable: int_or_string(
                    r,
                    ru.get("maxUnavailable"),
                    &ru_at.child("maxUnavailable"),
                ),
                max_surge: int_or_string(r, ru.get("maxSurge"), &ru_at.child("maxSurge")),
            }
        });
    let (kind, unknown_type) = match raw_type.as_str() {
        "" | "RollingUpdate" => (StrategyType::RollingUpdate, None),
        "Recreate" => (StrategyType::Recreate, None),
        other => (StrategyType::RollingUpdate, Some(other.to_string())),
    };
    let mut strategy = DeploymentStrategy {
        kind,
        rolling_update,
    };
    if kind == StrategyType::RollingUpdate && unknown_type.is_none() {
        let ru = strategy
            .rolling_update
            .get_or_insert(RollingUpdateDeployment {
                max_unavailable: None,
                max_surge: None,
            });
        let quarter = || Some(IntOrString::Str("25%".into()));
        if ru.max_unavailable.is_none() {
            ru.max_unavailable = quarter();
        }
        if ru.max_surge.is_none() {
            ru.max_surge = quarter();
        }
    }
    (strategy, unknown_type)
}

/// `intstr.IntOrString`: its `UnmarshalJSON` reads a JSON string as a string and anything else
/// as an `int32`.
fn int_or_string(r: &mut Reader, value: Option<&Value>, at: &FieldPath) -> Option<IntOrString> {
    match value? {
        Value::Null => None,
        Value::String(s) => Some(IntOrString::Str(s.clone())),
        other => r
            .int(Some(other), "RollingUpdateDeployment", at, "int32")
            .map(|v| IntOrString::Int(v as i32)),
    }
}

/// `core/v1 PodTemplateSpec`.
fn pod_template(r: &mut Reader, value: Option<&Value>, at: &FieldPath) -> PodTemplateSpec {
    let empty = Map::new();
    let map = r
        .object(value, "DeploymentSpec", at, "v1.PodTemplateSpec")
        .unwrap_or(&empty);
    r.known_fields(map, &["metadata", "spec"], at);
    let meta = object_meta(
        r,
        map.get("metadata"),
        "PodTemplateSpec",
        &at.child("metadata"),
    );
    PodTemplateSpec {
        metadata: TemplateMeta {
            labels: meta.labels,
            annotations: meta.annotations,
        },
        spec: pod_spec(r, map.get("spec"), &at.child("spec")),
    }
}

/// `core/v1 PodSpec`: typed where the simulation acts, verbatim (and defaulted) elsewhere.
fn pod_spec(r: &mut Reader, value: Option<&Value>, at: &FieldPath) -> PodSpec {
    let empty = Map::new();
    let map = r
        .object(value, "PodTemplateSpec", at, "v1.PodSpec")
        .unwrap_or(&empty);
    r.known_fields(map, POD_SPEC_FIELDS, at);
    let st = "PodSpec";
    let containers = containers_of(r, map.get("containers"), &at.child("containers"));
    let init_containers = containers_of(r, map.get("initContainers"), &at.child("initContainers"));
    let restart_policy = r
        .string(
            map.get("restartPolicy"),
            st,
            &at.child("restartPolicy"),
            "v1.RestartPolicy",
        )
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "Always".to_string());
    let grace = r.int(
        map.get("terminationGracePeriodSeconds"),
        st,
        &at.child("terminationGracePeriodSeconds"),
        "int64",
    );
    let node_selector = r.string_map(map.get("nodeSelector"), st, &at.child("nodeSelector"));
    let mut extra: Map<String, Value> = map
        .iter()
        .filter(|(k, v)| {
            !v.is_null()
                && !matches!(
                    k.as_str(),
                    "containers"
                        | "initContainers"
                        | "restartPolicy"
                        | "terminationGracePeriodSeconds"
                        | "nodeSelector"
                )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    defaults::pod_spec(&mut extra);
    PodSpec {
        init_containers,
        containers,
        restart_policy,
        termination_grace_period_seconds: grace.unwrap_or(30),
        node_selector,
        extra,
    }
}

/// A `[]core/v1 Container` list.
fn containers_of(r: &mut Reader, value: Option<&Value>, at: &FieldPath) -> Vec<Container> {
    let items = r
        .array(value, "PodSpec", at, "[]v1.Container")
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = at.index(i);
        if let Some(map) = r.object(Some(item), "PodSpec", &at, "v1.Container") {
            out.push(container(r, map, &at));
        }
    }
    out
}

/// One `core/v1 Container`, with the common type mistakes checked (numbers in `env` values,
/// `args`, `command`, strings for ports).
fn container(r: &mut Reader, map: &Map<String, Value>, at: &FieldPath) -> Container {
    r.known_fields(map, CONTAINER_FIELDS, at);
    let st = "Container";
    let name = r
        .string(map.get("name"), st, &at.child("name"), "string")
        .unwrap_or_default();
    let image = r
        .string(map.get("image"), st, &at.child("image"), "string")
        .unwrap_or_default();
    r.string_list(map.get("command"), st, &at.child("command"));
    r.string_list(map.get("args"), st, &at.child("args"));
    let env_at = at.child("env");
    for (i, var) in r
        .array(map.get("env"), st, &env_at, "[]v1.EnvVar")
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if let Some(var) = r.object(Some(var), st, &env_at.index(i), "v1.EnvVar") {
            r.string(var.get("name"), "EnvVar", &env_at.child("name"), "string");
            r.string(var.get("value"), "EnvVar", &env_at.child("value"), "string");
        }
    }
    let ports_at = at.child("ports");
    for (i, port) in r
        .array(map.get("ports"), st, &ports_at, "[]v1.ContainerPort")
        .cloned()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        if let Some(port) = r.object(Some(port), st, &ports_at.index(i), "v1.ContainerPort") {
            let port_at = ports_at.child("containerPort");
            r.int(
                port.get("containerPort"),
                "ContainerPort",
                &port_at,
                "int32",
            );
        }
    }
    let mut extra: Map<String, Value> = map
        .iter()
        .filter(|(k, v)| !v.is_null() && k.as_str() != "name" && k.as_str() != "image")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    defaults::container(&image, &mut extra);
    Container { name, image, extra }
}

/// The `name` and `namespace` of any object's metadata, for messages about it.
pub(crate) fn name_and_namespace(doc: &Map<String, Value>) -> (String, Option<String>) {
    let meta = doc.get("metadata").and_then(Value::as_object);
    let field = |key: &str| {
        meta.and_then(|m| m.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    (field("name").unwrap_or_default(), field("namespace"))
}
