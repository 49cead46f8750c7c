//! One autoscaling/v2 `HorizontalPodAutoscaler` document into a typed, defaulted object
//! (`SetDefaults_HorizontalPodAutoscaler`: `minReplicas` 1, a CPU target of 80% when no metric is
//! given, `behavior` filled in only when given), with the API server's decoding errors, and
//! what the typed object cannot hold set aside for validation (`HpaUnrepresentable`).

use serde_json::{Map, Value};

use super::super::json_path::{FieldPath, Reader};
use super::{list_of, object_meta};
use crate::engine::autoscaling::{
    Behavior, CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec,
    HorizontalPodAutoscalerStatus, MetricSpec, ScalingPolicy, ScalingPolicyType, ScalingRules,
    SelectPolicy, DEFAULT_CPU_UTILIZATION,
};
use crate::engine::validation::autoscaling::{
    HpaUnrepresentable, MetricManifest, ResourceManifest,
};
use crate::engine::validation::quantity::Quantity;

/// Fields of `autoscaling/v2 HorizontalPodAutoscalerSpec`.
const SPEC_FIELDS: &[&str] = &[
    "scaleTargetRef",
    "minReplicas",
    "maxReplicas",
    "metrics",
    "behavior",
];

/// Fields of `MetricSpec`: its type and one field per source.
const METRIC_FIELDS: &[&str] = &[
    "type",
    "object",
    "pods",
    "resource",
    "containerResource",
    "external",
];

/// The sources of a `MetricSpec` in the order `validateMetricSpec` looks at them, with their
/// Go types.
const METRIC_SOURCES: [(&str, &str); 5] = [
    ("object", "v2.ObjectMetricSource"),
    ("external", "v2.ExternalMetricSource"),
    ("pods", "v2.PodsMetricSource"),
    ("resource", "v2.ResourceMetricSource"),
    ("containerResource", "v2.ContainerResourceMetricSource"),
];

/// Fields of `MetricTarget`.
const TARGET_FIELDS: &[&str] = &["type", "value", "averageValue", "averageUtilization"];

/// Fields of `HPAScalingRules` (kubectl 1.32's: no `tolerance`).
const RULES_FIELDS: &[&str] = &["stabilizationWindowSeconds", "selectPolicy", "policies"];

/// Fields of `HorizontalPodAutoscalerStatus` (read and dropped: the server keeps its own).
const STATUS_FIELDS: &[&str] = &[
    "observedGeneration",
    "lastScaleTime",
    "currentReplicas",
    "desiredReplicas",
    "currentMetrics",
    "conditions",
];

/// Decodes and defaults one HPA; `Err` carries Go's decoding error text.
pub(crate) fn horizontal_pod_autoscaler(
    doc: &Map<String, Value>,
) -> Result<(HorizontalPodAutoscaler, HpaUnrepresentable), String> {
    let mut r = Reader::default();
    let mut unrepresentable = HpaUnrepresentable::default();
    let root = FieldPath::default();
    r.known_fields(
        doc,
        &["apiVersion", "kind", "metadata", "spec", "status"],
        &root,
    );
    let metadata = object_meta(
        &mut r,
        doc.get("metadata"),
        "HorizontalPodAutoscaler",
        &root.child("metadata"),
    );
    let spec_at = root.child("spec");
    let spec = r
        .object(
            doc.get("spec"),
            "HorizontalPodAutoscaler",
            &spec_at,
            "v2.HorizontalPodAutoscalerSpec",
        )
        .cloned()
        .unwrap_or_default();
    r.known_fields(&spec, SPEC_FIELDS, &spec_at);
    let st = "HorizontalPodAutoscalerSpec";
    let scale_target_ref = scale_target_ref(&mut r, spec.get("scaleTargetRef"), &spec_at);
    let min_replicas = r
        .int(
            spec.get("minReplicas"),
            st,
            &spec_at.child("minReplicas"),
            "int32",
        )
        .map_or(1, |v| v as i32);
    let max_replicas = r
        .int(
            spec.get("maxReplicas"),
            st,
            &spec_at.child("maxReplicas"),
            "int32",
        )
        .unwrap_or(0) as i32;
    let mut written = Vec::new();
    list_of(
        &mut r,
        spec.get("metrics"),
        st,
        &spec_at.child("metrics"),
        "v2.MetricSpec",
        |r, map, at| written.push(metric(r, map, at)),
    );
    let mut metrics = Vec::new();
    for manifest in &written {
        match simulated(manifest) {
            Some(metric) => metrics.push(metric),
            None => unrepresentable.metrics = Some(written.clone()),
        }
    }
    if written.is_empty() {
        metrics.push(MetricSpec {
            resource: "cpu".into(),
            average_utilization: DEFAULT_CPU_UTILIZATION,
        });
    }
    let behavior_at = spec_at.child("behavior");
    let behavior = r
        .object(
            spec.get("behavior"),
            st,
            &behavior_at,
            "v2.HorizontalPodAutoscalerBehavior",
        )
        .cloned()
        .map(|map| {
            r.known_fields(&map, &["scaleUp", "scaleDown"], &behavior_at);
            let mut rules = |key: &str, defaults: ScalingRules| {
                scaling_rules(
                    &mut r,
                    map.get(key),
                    &behavior_at.child(key),
                    defaults,
                    &mut unrepresentable,
                )
            };
            Behavior {
                scale_up: rules("scaleUp", ScalingRules::default_scale_up()),
                scale_down: rules("scaleDown", ScalingRules::default_scale_down()),
            }
        });
    let status_at = root.child("status");
    if let Some(status) = r.object(
        doc.get("status"),
        "HorizontalPodAutoscaler",
        &status_at,
        "v2.HorizontalPodAutoscalerStatus",
    ) {
        r.known_fields(status, STATUS_FIELDS, &status_at);
    }
    if let Some(error) = r.finish(doc) {
        return Err(error);
    }
    let hpa = HorizontalPodAutoscaler {
        metadata,
        spec: HorizontalPodAutoscalerSpec {
            scale_target_ref,
            min_replicas,
            max_replicas,
            metrics,
            behavior,
        },
        status: HorizontalPodAutoscalerStatus::default(),
    };
    Ok((hpa, unrepresentable))
}

/// `spec.scaleTargetRef` (`CrossVersionObjectReference`).
fn scale_target_ref(
    r: &mut Reader,
    value: Option<&Value>,
    spec_at: &FieldPath,
) -> CrossVersionObjectReference {
    let at = spec_at.child("scaleTargetRef");
    let map = r
        .object(
            value,
            "HorizontalPodAutoscalerSpec",
            &at,
            "v2.CrossVersionObjectReference",
        )
        .cloned()
        .unwrap_or_default();
    r.known_fields(&map, &["kind", "name", "apiVersion"], &at);
    let mut text = |key: &str| {
        r.string(
            map.get(key),
            "CrossVersionObjectReference",
            &at.child(key),
            "string",
        )
        .unwrap_or_default()
    };
    CrossVersionObjectReference {
        kind: text("kind"),
        name: text("name"),
        api_version: text("apiVersion"),
    }
}

/// One `spec.metrics[i]` as written; the insides of sources other than `resource` are kept
/// unchecked (the simulator refuses them anyway).
fn metric(r: &mut Reader, map: &Map<String, Value>, at: &FieldPath) -> MetricManifest {
    r.known_fields(map, METRIC_FIELDS, at);
    let kind = r
        .string(
            map.get("type"),
            "MetricSpec",
            &at.child("type"),
            "v2.MetricSourceType",
        )
        .unwrap_or_default();
    let mut sources = Vec::new();
    let mut resource = None;
    for (name, go_type) in METRIC_SOURCES {
        let Some(source) = r.object(map.get(name), "MetricSpec", &at.child(name), go_type) else {
            continue;
        };
        sources.push(name);
        if name == "resource" {
            resource = Some(resource_source(r, source, &at.child("resource")));
        }
    }
    MetricManifest {
        kind,
        sources,
        resource,
    }
}

/// `ResourceMetricSource` and its `MetricTarget`.
fn resource_source(r: &mut Reader, map: &Map<String, Value>, at: &FieldPath) -> ResourceManifest {
    r.known_fields(map, &["name", "target"], at);
    let name = r
        .string(
            map.get("name"),
            "ResourceMetricSource",
            &at.child("name"),
            "v1.ResourceName",
        )
        .unwrap_or_default();
    let target_at = at.child("target");
    let target = r
        .object(
            map.get("target"),
            "ResourceMetricSource",
            &target_at,
            "v2.MetricTarget",
        )
        .cloned()
        .unwrap_or_default();
    r.known_fields(&target, TARGET_FIELDS, &target_at);
    let st = "MetricTarget";
    let target_type = r
        .string(
            target.get("type"),
            st,
            &target_at.child("type"),
            "v2.MetricTargetType",
        )
        .unwrap_or_default();
    let mut quantity = |key: &str| {
        let value = target.get(key).filter(|v| !v.is_null())?;
        r.quantity(value, &target_at.child(key));
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let parsed = Quantity::parse(&text).ok()?;
        let positive = matches!(Quantity::parse("0"), Ok(zero) if parsed.cmp_value(&zero).is_gt());
        Some((parsed.canonical(), positive))
    };
    let value = quantity("value");
    let average_value = quantity("averageValue");
    let average_utilization = r
        .int(
            target.get("averageUtilization"),
            st,
            &target_at.child("averageUtilization"),
            "int32",
        )
        .map(|v| v as i32);
    ResourceManifest {
        name,
        target_type,
        value,
        average_value,
        average_utilization,
    }
}

/// The typed metric of one the simulator measures: `Resource` `cpu` with a `Utilization`
/// target and nothing else set.
fn simulated(metric: &MetricManifest) -> Option<MetricSpec> {
    let resource = metric.resource.as_ref()?;
    let simple = metric.kind == "Resource"
        && metric.sources == ["resource"]
        && resource.name == "cpu"
        && resource.target_type == "Utilization"
        && resource.value.is_none()
        && resource.average_value.is_none();
    Some(MetricSpec {
        resource: resource.name.clone(),
        average_utilization: resource.average_utilization?,
    })
    .filter(|_| simple)
}

/// `HPAScalingRules`, defaulted field by field (`copyHPAScalingRules`): a field the file sets
/// wins, so `policies: []` stays empty for validation to refuse.
fn scaling_rules(
    r: &mut Reader,
    value: Option<&Value>,
    at: &FieldPath,
    defaults: ScalingRules,
    unrepresentable: &mut HpaUnrepresentable,
) -> ScalingRules {
    let mut rules = defaults;
    let Some(map) = r.object(
        value,
        "HorizontalPodAutoscalerBehavior",
        at,
        "v2.HPAScalingRules",
    ) else {
        return rules;
    };
    r.known_fields(map, RULES_FIELDS, at);
    let st = "HPAScalingRules";
    if let Some(window) = r.int(
        map.get("stabilizationWindowSeconds"),
        st,
        &at.child("stabilizationWindowSeconds"),
        "int32",
    ) {
        rules.stabilization_window_seconds = Some(window as i32);
    }
    if let Some(select) = r.string(
        map.get("selectPolicy"),
        st,
        &at.child("selectPolicy"),
        "v2.ScalingPolicySelect",
    ) {
        rules.select_policy = match select.as_str() {
            "Max" => SelectPolicy::Max,
            "Min" => SelectPolicy::Min,
            "Disabled" => SelectPolicy::Disabled,
            _ => {
                unrepresentable
                    .select_policies
                    .push((at.indexed_path(), select));
                SelectPolicy::Max
            }
        };
    }
    if matches!(map.get("policies"), Some(v) if !v.is_null()) {
        let mut policies = Vec::new();
        list_of(
            r,
            map.get("policies"),
            st,
            &at.child("policies"),
            "v2.HPAScalingPolicy",
            |r, policy, at| {
                r.known_fields(policy, &["type", "value", "periodSeconds"], at);
                let st = "HPAScalingPolicy";
                let kind = r
                    .string(
                        policy.get("type"),
                        st,
                        &at.child("type"),
                        "v2.HPAScalingPolicyType",
                    )
                    .unwrap_or_default();
                let kind = match kind.as_str() {
                    "Pods" => ScalingPolicyType::Pods,
                    "Percent" => ScalingPolicyType::Percent,
                    _ => {
                        unrepresentable.policy_types.push((at.indexed_path(), kind));
                        ScalingPolicyType::Pods
                    }
                };
                let mut int = |key: &str| {
                    r.int(policy.get(key), st, &at.child(key), "int32")
                        .unwrap_or(0) as i32
                };
                policies.push(ScalingPolicy {
                    kind,
                    value: int("value"),
                    period_seconds: int("periodSeconds"),
                });
            },
        );
        rules.policies = policies;
    }
    rules
}
