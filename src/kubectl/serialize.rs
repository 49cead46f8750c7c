//! `-o yaml` and `-o json`: objects as the API server returns them, through the manifest
//! layer's encoders. One named object prints alone; a listing prints a `v1 List`, as kubectl
//! does.

use serde_json::{json, Value};

use crate::engine::{ConditionStatus, Deployment, Node, Pod, ReplicaSet, Service, Simulation};
use crate::manifest::encode::{rfc3339, to_yaml};
use crate::manifest::{to_yaml_deployment, to_yaml_pod, to_yaml_replica_set};

use super::error::CmdError;
use super::get::NODE_VERSION;

/// One object to print.
pub enum Object<'a> {
    Deployment(&'a Deployment),
    ReplicaSet(&'a ReplicaSet),
    Pod(&'a Pod),
    Node(&'a Node),
    Service(&'a Service),
    /// The Endpoints of this Service.
    Endpoints(&'a Service),
}

fn yaml_of(sim: &Simulation, object: &Object) -> String {
    match object {
        Object::Deployment(d) => to_yaml_deployment(d),
        Object::ReplicaSet(rs) => to_yaml_replica_set(rs),
        Object::Pod(pod) => to_yaml_pod(pod, sim.owner_of_pod(pod)),
        Object::Node(node) => to_yaml(&node_json(node)),
        Object::Service(s) => to_yaml(&super::services::service_json(s)),
        Object::Endpoints(s) => to_yaml(&super::services::endpoints_json(sim, s)),
    }
}

/// A node as `kubectl get node -o yaml` shows the fields the simulation has.
fn node_json(node: &Node) -> Value {
    let mut spec = serde_json::Map::new();
    if node.unschedulable {
        spec.insert("unschedulable".into(), json!(true));
    }
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "creationTimestamp": rfc3339(node.creation_timestamp),
            "labels": node.labels,
            "name": node.name,
        },
        "spec": spec,
        "status": {
            "conditions": [{
                "type": "Ready",
                "status": if node.ready { ConditionStatus::True } else { ConditionStatus::Unknown }.as_str(),
                "reason": if node.ready { "KubeletReady" } else { "NodeStatusUnknown" },
            }],
            "nodeInfo": {
                "kubeletVersion": NODE_VERSION,
                "containerRuntimeVersion": "containerd://2.1.4",
                "operatingSystem": "linux",
                "architecture": "amd64",
            },
        },
    })
}

/// The YAML (or JSON) text of the objects; `single` prints one object without a List around it.
pub fn objects(
    sim: &Simulation,
    objects: &[Object],
    single: bool,
    as_json: bool,
) -> Result<String, CmdError> {
    let yaml = if single && objects.len() == 1 {
        yaml_of(sim, &objects[0])
    } else {
        let mut text = String::from("apiVersion: v1\nitems:\n");
        for object in objects {
            for (i, line) in yaml_of(sim, object).lines().enumerate() {
                let prefix = if i == 0 { "- " } else { "  " };
                if line.is_empty() {
                    text.push('\n');
                } else {
                    text.push_str(&format!("{prefix}{line}\n"));
                }
            }
        }
        if objects.is_empty() {
            text = String::from("apiVersion: v1\nitems: []\n");
        }
        text.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        text
    };
    if !as_json {
        return Ok(yaml);
    }
    let value: Value = crate::manifest::yaml_value(&yaml)
        .map_err(|e| CmdError::other(format!("cannot print as JSON: {e}")))?;
    let mut buffer = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffer, formatter);
    serde::Serialize::serialize(&value, &mut serializer)
        .map_err(|e| CmdError::other(format!("cannot print as JSON: {e}")))?;
    Ok(format!("{}\n", String::from_utf8_lossy(&buffer)))
}
