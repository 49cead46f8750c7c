//! The API server's defaulting of a pod template's verbatim fields (`pkg/apis/core/v1/defaults.go`:
//! `SetDefaults_PodSpec`, `SetDefaults_Container`, `SetDefaults_ContainerPort`, `SetDefaults_Probe`,
//! `SetDefaults_HTTPGetAction`, `SetDefaults_Volume`, `SetDefaults_ConfigMapVolumeSource`, `SetDefaults_SecretVolumeSource`,
//! `SetDefaults_ObjectFieldSelector`), so that `-o yaml` shows what a real cluster stores and two
//! templates that differ only by a default compare equal, as upstream's do.

use serde_json::{json, Map, Value};

/// Sets `key` to `value` when it is absent or null.
fn default_field(map: &mut Map<String, Value>, key: &str, value: Value) {
    if map.get(key).is_none_or(Value::is_null) {
        map.insert(key.to_string(), value);
    }
}

/// `SetDefaults_PodSpec` for the fields kept verbatim (restartPolicy and the grace period are typed).
pub(crate) fn pod_spec(extra: &mut Map<String, Value>) {
    default_field(extra, "dnsPolicy", json!("ClusterFirst"));
    default_field(extra, "schedulerName", json!("default-scheduler"));
    default_field(extra, "securityContext", json!({}));
    if let Some(Value::Array(volumes)) = extra.get_mut("volumes") {
        for volume in volumes.iter_mut().filter_map(Value::as_object_mut) {
            // SetDefaults_Volume: a volume without a source is an emptyDir.
            if volume.iter().all(|(k, v)| k == "name" || v.is_null()) {
                volume.insert("emptyDir".into(), json!({}));
            }
            for source in ["configMap", "secret"] {
                if let Some(Value::Object(source)) = volume.get_mut(source) {
                    default_field(source, "defaultMode", json!(420));
                }
            }
        }
    }
}

/// `SetDefaults_Container` and the defaults of its nested types.
pub(crate) fn container(image: &str, extra: &mut Map<String, Value>) {
    let pull = if image_tag(image) == Some("latest") {
        "Always"
    } else {
        "IfNotPresent"
    };
    default_field(extra, "imagePullPolicy", json!(pull));
    default_field(extra, "resources", json!({}));
    default_field(
        extra,
        "terminationMessagePath",
        json!("/dev/termination-log"),
    );
    default_field(extra, "terminationMessagePolicy", json!("File"));
    if let Some(Value::Array(ports)) = extra.get_mut("ports") {
        for port in ports.iter_mut().filter_map(Value::as_object_mut) {
            default_field(port, "protocol", json!("TCP"));
        }
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(Value::Object(probe)) = extra.get_mut(probe) {
            default_probe(probe);
        }
    }
    if let Some(Value::Array(env)) = extra.get_mut("env") {
        for var in env.iter_mut().filter_map(Value::as_object_mut) {
            let field_ref = var
                .get_mut("valueFrom")
                .and_then(Value::as_object_mut)
                .and_then(|from| from.get_mut("fieldRef"))
                .and_then(Value::as_object_mut);
            if let Some(field_ref) = field_ref {
                default_field(field_ref, "apiVersion", json!("v1"));
            }
        }
    }
}

fn default_probe(probe: &mut Map<String, Value>) {
    default_field(probe, "timeoutSeconds", json!(1));
    default_field(probe, "periodSeconds", json!(10));
    default_field(probe, "successThreshold", json!(1));
    default_field(probe, "failureThreshold", json!(3));
    if let Some(Value::Object(http)) = probe.get_mut("httpGet") {
        default_field(http, "path", json!("/"));
        default_field(http, "scheme", json!("HTTP"));
    }
}

/// The tag of an image reference as `parsers.ParseImageName` sees it: `latest` when there is
/// neither a tag nor a digest, `None` when there is only a digest.
fn image_tag(image: &str) -> Option<&str> {
    let (name, has_digest) = match image.split_once('@') {
        Some((name, _)) => (name, true),
        None => (image, false),
    };
    let last_segment = name.rsplit('/').next().unwrap_or(name);
    match last_segment.rsplit_once(':') {
        Some((_, tag)) => Some(tag),
        None if has_digest => None,
        None => Some("latest"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_images_then_the_pull_policy_follows_the_tag() {
        for (image, policy) in [
            ("nginx", "Always"),
            ("nginx:latest", "Always"),
            ("nginx:1.27", "IfNotPresent"),
            ("localhost:5000/app", "Always"),
            ("busybox@sha256:abc", "IfNotPresent"),
            ("busybox:1.36@sha256:abc", "IfNotPresent"),
        ] {
            let mut extra = Map::new();
            container(image, &mut extra);
            assert_eq!(extra["imagePullPolicy"], json!(policy), "{image}");
        }
    }

    #[test]
    fn given_a_probe_without_timings_then_upstream_defaults_fill_them() {
        let mut extra = Map::new();
        extra.insert("readinessProbe".into(), json!({"httpGet": {"port": 80}}));
        container("app:v1", &mut extra);
        assert_eq!(
            extra["readinessProbe"],
            json!({"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"}, "timeoutSeconds": 1,
                   "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3})
        );
    }
}
