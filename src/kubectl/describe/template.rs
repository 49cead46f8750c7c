//! `DescribePodTemplate` and `describeContainers` (kubectl `pkg/describe/describe.go`): the pod
//! template block of `describe deployment|rs` and `rollout history --revision`, and the container
//! blocks of `describe pod`. Fields the simulation does not type are read from the manifest's
//! verbatim `extra` maps.

use serde_json::{Map, Value};

use crate::engine::{Container, ContainerState, ContainerStatus, PodSpec, PodTemplateSpec};
use crate::manifest::clock::rfc1123z;

use super::fields;
use crate::quote::Quoted;

/// The raw (tab-separated) pod template block, starting with `Pod Template:`.
pub fn pod_template(template: &PodTemplateSpec) -> String {
    let mut out = String::from("Pod Template:\n");
    fields::labels(&mut out, "  ", "Labels", &template.metadata.labels);
    if !template.metadata.annotations.is_empty() {
        fields::annotations(
            &mut out,
            "  ",
            "Annotations",
            &template.metadata.annotations,
        );
    }
    let spec = &template.spec;
    if let Some(sa) = spec.service_account() {
        out.push_str(&format!("  Service Account:\t{sa}\n"));
    }
    if !spec.init_containers.is_empty() {
        containers(
            &mut out,
            "Init Containers",
            &spec.init_containers,
            &[],
            "  ",
        );
    }
    containers(&mut out, "Containers", &spec.containers, &[], "  ");
    volumes(&mut out, spec, "  ");
    if let Some(pc) = spec.extra.get("priorityClassName").and_then(Value::as_str) {
        out.push_str(&format!("  Priority Class Name:\t{pc}\n"));
    }
    fields::labels(&mut out, "  ", "Node-Selectors", &spec.node_selector);
    tolerations(&mut out, "  ", &tolerations_of(spec));
    out
}

/// `describeContainers`: a titled block with one entry per container; with statuses (a pod),
/// each entry also shows its state, readiness and restarts.
pub fn containers(
    out: &mut String,
    title: &str,
    list: &[Container],
    statuses: &[ContainerStatus],
    space: &str,
) {
    if list.is_empty() {
        out.push_str(&format!("{space}{title}: <none>\n"));
        return;
    }
    out.push_str(&format!("{space}{title}:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for container in list {
        let status = statuses.iter().find(|s| s.name == container.name);
        out.push_str(&format!("  {name_indent}{}:\n", container.name));
        out.push_str(&format!("    Image:\t{}\n", container.image));
        let ports = container_ports(container);
        let (port, host): (Vec<String>, Vec<String>) = ports.into_iter().unzip();
        let port = port.join(", ");
        let host = host.join(", ");
        if port.contains(',') {
            out.push_str(&format!("    Ports:\t{port}\n"));
        } else {
            out.push_str(&format!("    Port:\t{}\n", or_none(&port)));
        }
        if host.contains(',') {
            out.push_str(&format!("    Host Ports:\t{host}\n"));
        } else {
            out.push_str(&format!("    Host Port:\t{}\n", or_none(&host)));
        }
        for (key, label) in [("command", "Command"), ("args", "Args")] {
            let items = strings(container.extra.get(key));
            if !items.is_empty() {
                out.push_str(&format!("    {label}:\n"));
                for item in items {
                    for line in item.split('\n') {
                        out.push_str(&format!("      {line}\n"));
                    }
                }
            }
        }
        if let Some(status) = status {
            container_state(out, status);
        }
        resources(out, &container.extra);
        for (key, label) in [
            ("livenessProbe", "Liveness"),
            ("readinessProbe", "Readiness"),
            ("startupProbe", "Startup"),
        ] {
            if let Some(probe) = container.extra.get(key).and_then(Value::as_object) {
                out.push_str(&format!("    {label}:\t{}\n", describe_probe(probe)));
            }
        }
        environment(out, &container.extra);
        mounts(out, &container.extra);
    }
}

fn or_none(text: &str) -> &str {
    if text.is_empty() {
        "<none>"
    } else {
        text
    }
}

/// `(port, host port)` texts: `80/TCP (http)`, `0/TCP (http)`.
fn container_ports(container: &Container) -> Vec<(String, String)> {
    let Some(ports) = container.extra.get("ports").and_then(Value::as_array) else {
        return Vec::new();
    };
    ports
        .iter()
        .map(|p| {
            let protocol = p.get("protocol").and_then(Value::as_str).unwrap_or("TCP");
            let number = |key: &str| p.get(key).map_or("0".to_string(), scalar);
            let name = p
                .get("name")
                .and_then(Value::as_str)
                .map_or(String::new(), |n| format!(" ({n})"));
            (
                format!("{}/{protocol}{name}", number("containerPort")),
                format!("{}/{protocol}{name}", number("hostPort")),
            )
        })
        .collect()
}

/// A scalar as Go's `%v` prints it.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().map(scalar).collect())
        .unwrap_or_default()
}

/// `describeContainerState`: State, Ready, Restart Count (the simulation keeps no last state).
fn container_state(out: &mut String, status: &ContainerStatus) {
    state(out, "State", &status.state);
    out.push_str(&format!(
        "    Ready:\t{}\n",
        if status.ready { "True" } else { "False" }
    ));
    out.push_str(&format!("    Restart Count:\t{}\n", status.restart_count));
}

/// One container state; upstream skips an empty reason, which the simulated kubelet never gives.
fn state(out: &mut String, title: &str, state: &ContainerState) {
    match state {
        ContainerState::Running { started_at } => {
            out.push_str(&format!("    {title}:\tRunning\n"));
            out.push_str(&format!("      Started:\t{}\n", rfc1123z(*started_at)));
        }
        ContainerState::Waiting { reason } => {
            out.push_str(&format!("    {title}:\tWaiting\n"));
            out.push_str(&format!("      Reason:\t{}\n", reason.as_str()));
        }
        ContainerState::Terminated { reason, exit_code } => {
            out.push_str(&format!("    {title}:\tTerminated\n"));
            out.push_str(&format!("      Reason:\t{}\n", reason.as_str()));
            out.push_str(&format!("      Exit Code:\t{exit_code}\n"));
        }
    }
}

/// `describeContainerResource`: Limits then Requests, resource names sorted.
fn resources(out: &mut String, extra: &Map<String, Value>) {
    let Some(resources) = extra.get("resources") else {
        return;
    };
    for (key, label) in [("limits", "Limits"), ("requests", "Requests")] {
        let Some(map) = resources.get(key).and_then(Value::as_object) else {
            continue;
        };
        if map.is_empty() {
            continue;
        }
        out.push_str(&format!("    {label}:\n"));
        let mut names: Vec<&String> = map.keys().collect();
        crate::engine::sorting::sort_by(&mut names, &|a, b| a.cmp(b));
        for name in names {
            out.push_str(&format!("      {name}:\t{}\n", scalar(&map[name])));
        }
    }
}

/// `DescribeProbe`, worded as kubectl v1.34 (the version this console reports) words it:
/// `#success=1 #failure=3` (kubectl 1.37 renamed them `successThreshold=` / `failureThreshold=`).
pub fn describe_probe(probe: &Map<String, Value>) -> String {
    let int = |key: &str, default: i64| probe.get(key).and_then(Value::as_i64).unwrap_or(default);
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        int("initialDelaySeconds", 0),
        int("timeoutSeconds", 1),
        int("periodSeconds", 10),
        int("successThreshold", 1),
        int("failureThreshold", 3)
    );
    let text = |v: Option<&Value>| v.map_or(String::new(), scalar);
    if let Some(exec) = probe.get("exec") {
        return format!("exec [{}] {attrs}", strings(exec.get("command")).join(" "));
    }
    if let Some(http) = probe.get("httpGet") {
        let scheme = http
            .get("scheme")
            .and_then(Value::as_str)
            .unwrap_or("HTTP")
            .to_ascii_lowercase();
        let host = text(http.get("host"));
        let port = text(http.get("port"));
        let host = if port.is_empty() {
            host
        } else {
            format!("{host}:{port}")
        };
        return format!(
            "http-get {scheme}://{host}{} {attrs}",
            text(http.get("path"))
        );
    }
    if let Some(tcp) = probe.get("tcpSocket") {
        return format!(
            "tcp-socket {}:{} {attrs}",
            text(tcp.get("host")),
            text(tcp.get("port"))
        );
    }
    if let Some(grpc) = probe.get("grpc") {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            text(grpc.get("port")),
            text(grpc.get("service"))
        );
    }
    format!("unknown {attrs}")
}

/// `describeContainerEnvVars`.
fn environment(out: &mut String, extra: &Map<String, Value>) {
    let env = extra
        .get("env")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if env.is_empty() {
        out.push_str("    Environment:\t<none>\n");
        return;
    }
    out.push_str("    Environment:\n");
    for var in &env {
        let name = var.get("name").map_or(String::new(), scalar);
        let Some(from) = var.get("valueFrom") else {
            let value = var.get("value").map_or(String::new(), scalar);
            for (i, line) in value.split('\n').enumerate() {
                if i == 0 {
                    out.push_str(&format!("      {name}:\t{line}\n"));
                } else {
                    out.push_str(&format!("      \t{line}\n"));
                }
            }
            continue;
        };
        let field = |obj: &str, key: &str| {
            from.get(obj)
                .and_then(|o| o.get(key))
                .map_or(String::new(), scalar)
        };
        let optional = |obj: &str| {
            from.get(obj)
                .and_then(|o| o.get("optional"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        if from.get("fieldRef").is_some() {
            let version = from
                .get("fieldRef")
                .and_then(|f| f.get("apiVersion"))
                .map_or("v1".to_string(), scalar);
            out.push_str(&format!(
                "      {name}:\t ({version}:{})\n",
                field("fieldRef", "fieldPath")
            ));
        } else if from.get("resourceFieldRef").is_some() {
            out.push_str(&format!(
                "      {name}:\t{} of container {}\n",
                field("resourceFieldRef", "resource"),
                field("resourceFieldRef", "containerName")
            ));
        } else if from.get("secretKeyRef").is_some() {
            out.push_str(&format!(
                "      {name}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                field("secretKeyRef", "key"),
                field("secretKeyRef", "name"),
                optional("secretKeyRef")
            ));
        } else if from.get("configMapKeyRef").is_some() {
            out.push_str(&format!(
                "      {name}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                field("configMapKeyRef", "key"),
                field("configMapKeyRef", "name"),
                optional("configMapKeyRef")
            ));
        }
    }
}

/// `describeContainerVolumes`: mounts sorted by path.
fn mounts(out: &mut String, extra: &Map<String, Value>) {
    let mut list = extra
        .get("volumeMounts")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if list.is_empty() {
        out.push_str("    Mounts:\t<none>\n");
        return;
    }
    out.push_str("    Mounts:\n");
    let path = |m: &Value| m.get("mountPath").map_or(String::new(), scalar);
    crate::engine::sorting::sort_by_key(&mut list, &|m| path(m));
    for mount in &list {
        let mut flags = vec![
            if mount.get("readOnly").and_then(Value::as_bool) == Some(true) {
                "ro".to_string()
            } else {
                "rw".to_string()
            },
        ];
        if let Some(sub) = mount.get("subPath").and_then(Value::as_str) {
            if !sub.is_empty() {
                flags.push(format!("path={sub}", sub = Quoted(&sub)));
            }
        }
        out.push_str(&format!(
            "      {} from {} ({})\n",
            path(mount),
            mount.get("name").map_or(String::new(), scalar),
            flags.join(",")
        ));
    }
}

/// `describeVolumes`.
pub fn volumes(out: &mut String, spec: &PodSpec, space: &str) {
    let list = spec
        .extra
        .get("volumes")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if list.is_empty() {
        out.push_str(&format!("{space}Volumes:\t<none>\n"));
        return;
    }
    out.push_str(&format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for volume in &list {
        let name = volume.get("name").map_or(String::new(), scalar);
        out.push_str(&format!("  {name_indent}{name}:\n"));
        let get = |kind: &str, key: &str| volume.get(kind).and_then(|v| v.get(key)).map(scalar);
        if volume.get("emptyDir").is_some() {
            out.push_str(
                "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n",
            );
            out.push_str(&format!(
                "    Medium:\t{}\n",
                get("emptyDir", "medium").unwrap_or_default()
            ));
            out.push_str(&format!(
                "    SizeLimit:\t{}\n",
                get("emptyDir", "sizeLimit").unwrap_or_else(|| "<unset>".into())
            ));
        } else if volume.get("configMap").is_some() {
            out.push_str("    Type:\tConfigMap (a volume populated by a ConfigMap)\n");
            out.push_str(&format!(
                "    Name:\t{}\n",
                get("configMap", "name").unwrap_or_default()
            ));
            out.push_str(&format!(
                "    Optional:\t{}\n",
                get("configMap", "optional").unwrap_or_else(|| "false".into())
            ));
        } else if volume.get("secret").is_some() {
            out.push_str("    Type:\tSecret (a volume populated by a Secret)\n");
            out.push_str(&format!(
                "    SecretName:\t{}\n",
                get("secret", "secretName").unwrap_or_default()
            ));
            out.push_str(&format!(
                "    Optional:\t{}\n",
                get("secret", "optional").unwrap_or_else(|| "false".into())
            ));
        } else if volume.get("persistentVolumeClaim").is_some() {
            out.push_str("    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n");
            out.push_str(&format!(
                "    ClaimName:\t{}\n",
                get("persistentVolumeClaim", "claimName").unwrap_or_default()
            ));
            out.push_str(&format!(
                "    ReadOnly:\t{}\n",
                get("persistentVolumeClaim", "readOnly").unwrap_or_else(|| "false".into())
            ));
        } else if volume.get("hostPath").is_some() {
            out.push_str("    Type:\tHostPath (bare host directory volume)\n");
            out.push_str(&format!(
                "    Path:\t{}\n",
                get("hostPath", "path").unwrap_or_default()
            ));
            out.push_str(&format!(
                "    HostPathType:\t{}\n",
                get("hostPath", "type").unwrap_or_default()
            ));
        }
    }
}

/// The template's tolerations as describe prints them: `key[=value][:effect][ op=Exists][ for Ns]`.
pub fn tolerations_of(spec: &PodSpec) -> Vec<String> {
    let list = spec
        .extra
        .get("tolerations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|t| {
            let text = |k: &str| t.get(k).map_or(String::new(), scalar);
            let mut s = text("key");
            let value = text("value");
            if !value.is_empty() {
                s.push_str(&format!("={value}"));
            }
            let effect = text("effect");
            if !effect.is_empty() {
                s.push_str(&format!(":{effect}"));
            }
            if text("operator") == "Exists" && value.is_empty() {
                s.push_str(" op=Exists");
            }
            if let Some(seconds) = t.get("tolerationSeconds").and_then(Value::as_i64) {
                s.push_str(&format!(" for {seconds}s"));
            }
            s
        })
        .collect()
}

/// `Tolerations:\t<first>`, each further one on a TAB-led line, or `<none>`.
pub fn tolerations(out: &mut String, indent: &str, list: &[String]) {
    out.push_str(&format!("{indent}Tolerations:\t"));
    if list.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, t) in list.iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        out.push_str(t);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::describe_probe;
    use serde_json::json;

    #[test]
    fn probes_read_like_kubectl_1_34() {
        let table = [
            (
                json!({"httpGet": {"path": "/healthz", "port": 8080}}),
                "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3",
            ),
            (
                json!({"tcpSocket": {"port": 80}, "initialDelaySeconds": 5, "periodSeconds": 2}),
                "tcp-socket :80 delay=5s timeout=1s period=2s #success=1 #failure=3",
            ),
            (
                json!({"exec": {"command": ["cat", "/tmp/healthy"]}, "failureThreshold": 1}),
                "exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=1",
            ),
        ];
        for (probe, want) in table {
            let map = probe.as_object().expect("an object").clone();
            assert_eq!(describe_probe(&map), want);
        }
    }
}
