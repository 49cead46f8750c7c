//! One apps/v1 Deployment or v1 Service document (already JSON) into a typed, defaulted object,
//! with the API server's decoding errors, `SetDefaults_Deployment` and `SetDefaults_Service`.

use serde_json::{Map, Value};

use super::defaults;
use super::json_path::{FieldPath, Reader};
use crate::engine::intstr::IntOrString;
use crate::engine::validation::{Unrepresentable, PROBE_TIMING_FIELDS};
use crate::engine::{
    Container, Deployment, DeploymentSpec, DeploymentStatus, DeploymentStrategy, LabelSelector,
    LabelSelectorRequirement, ObjectMeta, PodSpec, PodTemplateSpec, Protocol, RestartPolicy,
    RollingUpdateDeployment, SelectorOperator, Service, ServicePort, ServiceSpec, ServiceType,
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

/// Fields of `core/v1 ContainerPort`.
const CONTAINER_PORT_FIELDS: &[&str] = &["name", "hostPort", "containerPort", "protocol", "hostIP"];

/// Fields of `core/v1 VolumeMount`.
const VOLUME_MOUNT_FIELDS: &[&str] = &[
    "name",
    "readOnly",
    "recursiveReadOnly",
    "mountPath",
    "subPath",
    "mountPropagation",
    "subPathExpr",
];

/// Fields of `core/v1 Volume`: its name and every volume source.
const VOLUME_FIELDS: &[&str] = &[
    "name",
    "hostPath",
    "emptyDir",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "gitRepo",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "persistentVolumeClaim",
    "rbd",
    "flexVolume",
    "cinder",
    "cephfs",
    "flocker",
    "downwardAPI",
    "fc",
    "azureFile",
    "configMap",
    "vsphereVolume",
    "quobyte",
    "azureDisk",
    "photonPersistentDisk",
    "projected",
    "portworxVolume",
    "scaleIO",
    "storageos",
    "csi",
    "ephemeral",
    "image",
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
    if let Some(error) = r.finish(doc) {
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
            operator: SelectorOperator::parse(
                &r.string(
                    expr.get("operator"),
                    st,
                    &at.child("operator"),
                    "v1.LabelSelectorOperator",
                )
                .unwrap_or_default(),
            ),
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
    let (kind, unknown_type) = match StrategyType::parse(&raw_type) {
        Some(kind) => (kind, None),
        None if raw_type.is_empty() => (StrategyType::RollingUpdate, None),
        None => (StrategyType::RollingUpdate, Some(raw_type)),
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
    // A template's metadata.name is kept: EqualIgnoreHash compares it.
    let mut extra = Map::new();
    if !meta.name.is_empty() {
        extra.insert("name".to_string(), Value::String(meta.name));
    }
    PodTemplateSpec {
        metadata: TemplateMeta {
            labels: meta.labels,
            annotations: meta.annotations,
            extra,
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
        .map_or(RestartPolicy::Always, |p| RestartPolicy::parse(&p));
    let grace = r.int(
        map.get("terminationGracePeriodSeconds"),
        st,
        &at.child("terminationGracePeriodSeconds"),
        "int64",
    );
    let node_selector = r.string_map(map.get("nodeSelector"), st, &at.child("nodeSelector"));
    list_of(
        r,
        map.get("volumes"),
        st,
        &at.child("volumes"),
        "v1.Volume",
        |r, volume, at| {
            r.known_fields(volume, VOLUME_FIELDS, at);
            r.string(volume.get("name"), "Volume", &at.child("name"), "string");
        },
    );
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
    let mut out = Vec::new();
    list_of(r, value, "PodSpec", at, "v1.Container", |r, map, at| {
        out.push(container(r, map, at));
    });
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
    list_of(
        r,
        map.get("env"),
        st,
        &at.child("env"),
        "v1.EnvVar",
        |r, var, at| {
            r.known_fields(var, &["name", "value", "valueFrom"], at);
            r.string(var.get("name"), "EnvVar", &at.child("name"), "string");
            r.string(var.get("value"), "EnvVar", &at.child("value"), "string");
        },
    );
    list_of(
        r,
        map.get("ports"),
        st,
        &at.child("ports"),
        "v1.ContainerPort",
        |r, port, at| {
            r.known_fields(port, CONTAINER_PORT_FIELDS, at);
            let st = "ContainerPort";
            r.string(port.get("name"), st, &at.child("name"), "string");
            r.int(
                port.get("containerPort"),
                st,
                &at.child("containerPort"),
                "int32",
            );
            r.int(port.get("hostPort"), st, &at.child("hostPort"), "int32");
            r.string(
                port.get("protocol"),
                st,
                &at.child("protocol"),
                "v1.Protocol",
            );
        },
    );
    for kind in ["livenessProbe", "readinessProbe", "startupProbe"] {
        probe(r, map.get(kind), &at.child(kind));
    }
    let mounts_at = at.child("volumeMounts");
    list_of(
        r,
        map.get("volumeMounts"),
        st,
        &mounts_at,
        "v1.VolumeMount",
        |r, mount, at| {
            r.known_fields(mount, VOLUME_MOUNT_FIELDS, at);
            r.string(
                mount.get("name"),
                "VolumeMount",
                &at.child("name"),
                "string",
            );
            r.string(
                mount.get("mountPath"),
                "VolumeMount",
                &at.child("mountPath"),
                "string",
            );
        },
    );
    let resources_at = at.child("resources");
    if let Some(resources) = r.object(
        map.get("resources"),
        st,
        &resources_at,
        "v1.ResourceRequirements",
    ) {
        r.known_fields(resources, &["limits", "requests", "claims"], &resources_at);
        for key in ["limits", "requests"] {
            let list_at = resources_at.child(key);
            let list = r.object(
                resources.get(key),
                "ResourceRequirements",
                &list_at,
                "v1.ResourceList",
            );
            for value in list.into_iter().flat_map(|m| m.values()) {
                r.quantity(value, &list_at);
            }
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

/// Fields of `core/v1 Probe` (its handler's fields are promoted into it).
const PROBE_FIELDS: &[&str] = &[
    "exec",
    "httpGet",
    "tcpSocket",
    "grpc",
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
    "terminationGracePeriodSeconds",
];

/// A `core/v1 Probe`: field names, timings, and each handler's fields and types.
fn probe(r: &mut Reader, value: Option<&Value>, at: &FieldPath) {
    let Some(probe) = r.object(value, "Container", at, "v1.Probe") else {
        return;
    };
    r.known_fields(probe, PROBE_FIELDS, at);
    for timing in PROBE_TIMING_FIELDS {
        r.int(probe.get(timing), "Probe", &at.child(timing), "int32");
    }
    let grace_at = at.child("terminationGracePeriodSeconds");
    r.int(
        probe.get("terminationGracePeriodSeconds"),
        "Probe",
        &grace_at,
        "int64",
    );
    let exec_at = at.child("exec");
    if let Some(exec) = r.object(probe.get("exec"), "Probe", &exec_at, "v1.ExecAction") {
        r.known_fields(exec, &["command"], &exec_at);
        r.string_list(exec.get("command"), "ExecAction", &exec_at.child("command"));
    }
    let http_at = at.child("httpGet");
    if let Some(http) = r.object(probe.get("httpGet"), "Probe", &http_at, "v1.HTTPGetAction") {
        r.known_fields(
            http,
            &["path", "port", "host", "scheme", "httpHeaders"],
            &http_at,
        );
        r.string(
            http.get("path"),
            "HTTPGetAction",
            &http_at.child("path"),
            "string",
        );
        r.string(
            http.get("host"),
            "HTTPGetAction",
            &http_at.child("host"),
            "string",
        );
        r.string(
            http.get("scheme"),
            "HTTPGetAction",
            &http_at.child("scheme"),
            "v1.URIScheme",
        );
        port_int_or_string(r, http.get("port"), "HTTPGetAction", &http_at.child("port"));
    }
    let tcp_at = at.child("tcpSocket");
    if let Some(tcp) = r.object(
        probe.get("tcpSocket"),
        "Probe",
        &tcp_at,
        "v1.TCPSocketAction",
    ) {
        r.known_fields(tcp, &["port", "host"], &tcp_at);
        r.string(
            tcp.get("host"),
            "TCPSocketAction",
            &tcp_at.child("host"),
            "string",
        );
        port_int_or_string(r, tcp.get("port"), "TCPSocketAction", &tcp_at.child("port"));
    }
    let grpc_at = at.child("grpc");
    if let Some(grpc) = r.object(probe.get("grpc"), "Probe", &grpc_at, "v1.GRPCAction") {
        r.known_fields(grpc, &["port", "service"], &grpc_at);
        r.int(
            grpc.get("port"),
            "GRPCAction",
            &grpc_at.child("port"),
            "int32",
        );
        r.string(
            grpc.get("service"),
            "GRPCAction",
            &grpc_at.child("service"),
            "string",
        );
    }
}

/// A port given as an `intstr.IntOrString`: a string, or anything else read as an `int32`.
fn port_int_or_string(r: &mut Reader, value: Option<&Value>, go_struct: &str, at: &FieldPath) {
    if !matches!(value, Some(Value::String(_))) {
        r.int(value, go_struct, at, "int32");
    }
}

/// Each object of a list field; items that are not objects are type errors.
fn list_of(
    r: &mut Reader,
    value: Option<&Value>,
    go_struct: &str,
    at: &FieldPath,
    item_type: &str,
    mut each: impl FnMut(&mut Reader, &Map<String, Value>, &FieldPath),
) {
    let items = r
        .array(value, go_struct, at, &format!("[]{item_type}"))
        .cloned()
        .unwrap_or_default();
    for (i, item) in items.iter().enumerate() {
        let item_at = at.index(i);
        if let Some(map) = r.object(Some(item), go_struct, &item_at, item_type) {
            each(r, map, &item_at);
        }
    }
}

/// The fields of a v1 `ServiceSpec` (those the simulation does not act on are read and dropped).
const SERVICE_SPEC_FIELDS: &[&str] = &[
    "ports",
    "selector",
    "clusterIP",
    "clusterIPs",
    "type",
    "externalIPs",
    "sessionAffinity",
    "loadBalancerIP",
    "loadBalancerSourceRanges",
    "externalName",
    "externalTrafficPolicy",
    "healthCheckNodePort",
    "publishNotReadyAddresses",
    "sessionAffinityConfig",
    "ipFamilies",
    "ipFamilyPolicy",
    "allocateLoadBalancerNodePorts",
    "loadBalancerClass",
    "internalTrafficPolicy",
    "trafficDistribution",
];

/// The fields of a v1 `ServicePort`.
const SERVICE_PORT_FIELDS: &[&str] = &[
    "name",
    "protocol",
    "appProtocol",
    "port",
    "targetPort",
    "nodePort",
];

/// Decodes and defaults one v1 Service (`SetDefaults_Service`: type ClusterIP, protocol TCP,
/// targetPort = port, sessionAffinity None); `Err` carries Go's decoding error text.
pub(crate) fn service(doc: &Map<String, Value>) -> Result<Service, String> {
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
        "Service",
        &root.child("metadata"),
    );
    let spec_at = root.child("spec");
    let spec = r
        .object(doc.get("spec"), "Service", &spec_at, "v1.ServiceSpec")
        .cloned()
        .unwrap_or_default();
    r.known_fields(&spec, SERVICE_SPEC_FIELDS, &spec_at);
    let st = "ServiceSpec";
    let selector = r.string_map(spec.get("selector"), st, &spec_at.child("selector"));
    let text = |r: &mut Reader, key: &str, go_type: &str| {
        r.string(spec.get(key), st, &spec_at.child(key), go_type)
    };
    let service_type = text(&mut r, "type", "v1.ServiceType");
    let cluster_ip = text(&mut r, "clusterIP", "string").unwrap_or_default();
    let session_affinity = text(&mut r, "sessionAffinity", "v1.ServiceAffinity");
    let mut ports = Vec::new();
    list_of(
        &mut r,
        spec.get("ports"),
        st,
        &spec_at.child("ports"),
        "v1.ServicePort",
        |r, map, at| {
            r.known_fields(map, SERVICE_PORT_FIELDS, at);
            let st = "ServicePort";
            let name = r
                .string(map.get("name"), st, &at.child("name"), "string")
                .unwrap_or_default();
            let protocol = r
                .string(
                    map.get("protocol"),
                    st,
                    &at.child("protocol"),
                    "v1.Protocol",
                )
                .filter(|p| !p.is_empty());
            r.string(
                map.get("appProtocol"),
                st,
                &at.child("appProtocol"),
                "string",
            );
            let port = r
                .int(map.get("port"), st, &at.child("port"), "int32")
                .unwrap_or(0) as i32;
            let target = match map.get("targetPort") {
                Some(Value::String(s)) if !s.is_empty() => Some(IntOrString::Str(s.clone())),
                Some(Value::String(_)) | Some(Value::Null) | None => None,
                other => r
                    .int(other, st, &at.child("targetPort"), "int32")
                    .filter(|v| *v != 0)
                    .map(|v| IntOrString::Int(v as i32)),
            };
            let node_port = r
                .int(map.get("nodePort"), st, &at.child("nodePort"), "int32")
                .unwrap_or(0) as i32;
            ports.push(ServicePort {
                name,
                protocol: protocol.map_or(Protocol::Tcp, |p| Protocol::parse(&p)),
                port,
                target_port: target.unwrap_or(IntOrString::Int(port)),
                node_port,
            });
        },
    );
    if let Some(error) = r.finish(doc) {
        return Err(error);
    }
    Ok(Service {
        metadata,
        spec: ServiceSpec {
            service_type: service_type
                .filter(|t| !t.is_empty())
                .map_or(ServiceType::ClusterIP, |t| ServiceType::parse(&t)),
            selector,
            ports,
            cluster_ip,
            session_affinity: session_affinity
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| "None".to_string()),
        },
    })
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
