//! `kubectl describe node NAME` (`NodeDescriber`), for the fields a simulated node has: labels,
//! the taints cordoning and failure imply, the kubelet's conditions, addresses, capacity, and the
//! pods bound to it with their requests and limits.

use crate::engine::{
    parse_quantity, ConditionStatus, Node, ObjectKind, Pod, PodPhase, Resources, Simulation,
};
use crate::manifest::clock::rfc1123z;

use super::super::duration::human_duration;
use super::super::get::NODE_VERSION;
use super::super::pod_info::node_ip;
use super::{events, fields};

/// The rendered description of one node.
pub fn describe_node(sim: &Simulation, node: &Node) -> String {
    let mut out = String::new();
    out.push_str(&format!("Name:\t{}\n", node.name));
    out.push_str("Roles:\t<none>\n");
    fields::labels(&mut out, "", "Labels", &node.labels);
    out.push_str("Annotations:\t<none>\n");
    out.push_str(&format!(
        "CreationTimestamp:\t{}\n",
        rfc1123z(node.creation_timestamp)
    ));
    let mut taints = Vec::new();
    if !node.ready {
        taints.push("node.kubernetes.io/unreachable:NoExecute");
        taints.push("node.kubernetes.io/unreachable:NoSchedule");
    }
    if node.unschedulable {
        taints.push("node.kubernetes.io/unschedulable:NoSchedule");
    }
    out.push_str("Taints:\t");
    if taints.is_empty() {
        out.push_str("<none>\n");
    } else {
        out.push_str(&taints.join("\n\t"));
        out.push('\n');
    }
    out.push_str(&format!("Unschedulable:\t{}\n", node.unschedulable));
    conditions(&mut out, sim, node);
    out.push_str("Addresses:\n");
    out.push_str(&format!(
        "  InternalIP:\t{}\n",
        node_ip(sim, &node.name).unwrap_or_default()
    ));
    out.push_str(&format!("  Hostname:\t{}\n", node.name));
    if let Some(capacity) = node.capacity {
        for title in ["Capacity", "Allocatable"] {
            out.push_str(&format!("{title}:\n"));
            out.push_str(&format!("  cpu:\t{}\n", cpu_text(capacity.cpu_millis)));
            out.push_str(&format!(
                "  memory:\t{}\n",
                memory_text(capacity.memory_bytes)
            ));
        }
    }
    out.push_str("System Info:\n");
    out.push_str(&format!("  Kubelet Version:\t{NODE_VERSION}\n"));
    out.push_str("  Container Runtime Version:\tcontainerd://2.1.4\n");
    out.push_str("  Operating System:\tlinux\n");
    out.push_str("  Architecture:\tamd64\n");
    pods_table(&mut out, sim, node);
    events::with_events(&out, sim, ObjectKind::Node, "", &node.name)
}

/// The kubelet's conditions: all healthy while the node is Ready, all Unknown once it stopped
/// reporting.
fn conditions(out: &mut String, sim: &Simulation, node: &Node) {
    out.push_str(
        "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
    );
    out.push_str("  ----\t------\t-----------------\t------------------\t------\t-------\n");
    let healthy = [
        (
            "MemoryPressure",
            ConditionStatus::False,
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        (
            "DiskPressure",
            ConditionStatus::False,
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        (
            "PIDPressure",
            ConditionStatus::False,
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
        (
            "Ready",
            ConditionStatus::True,
            "KubeletReady",
            "kubelet is posting ready status",
        ),
    ];
    let heartbeat = rfc1123z(sim.now());
    let transition = rfc1123z(node.creation_timestamp);
    for (kind, status, reason, message) in healthy {
        let (status, reason, message) = if node.ready {
            (status, reason, message)
        } else {
            (
                ConditionStatus::Unknown,
                "NodeStatusUnknown",
                "Kubelet stopped posting node status.",
            )
        };
        out.push_str(&format!(
            "  {kind} \t{} \t{heartbeat} \t{transition} \t{reason} \t{message}\n",
            status.as_str()
        ));
    }
}

/// `describeNodeResource`: the pods on the node that have not terminated, then their totals.
fn pods_table(out: &mut String, sim: &Simulation, node: &Node) {
    let pods: Vec<&Pod> = sim
        .pods()
        .filter(|p| p.node_name.as_deref() == Some(node.name.as_str()))
        .filter(|p| !matches!(p.phase, PodPhase::Succeeded | PodPhase::Failed))
        .collect();
    let allocatable = node.capacity;
    let percent = |value: i64, of: fn(Resources) -> i64| match allocatable.map(of) {
        Some(total) if total > 0 => value * 100 / total,
        _ => 0,
    };
    out.push_str(&format!(
        "Non-terminated Pods:\t({} in total)\n",
        pods.len()
    ));
    out.push_str(
        "  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    out.push_str(
        "  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let mut total_requests = Resources::default();
    let mut total_limits = Resources::default();
    for pod in &pods {
        let requests = pod.requests;
        let limits = limits_of(sim, pod);
        total_requests = total_requests + requests;
        total_limits = total_limits + limits;
        out.push_str(&format!(
            "  {}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
            pod.metadata.namespace,
            pod.metadata.name,
            cpu_text(requests.cpu_millis),
            percent(requests.cpu_millis, |r| r.cpu_millis),
            cpu_text(limits.cpu_millis),
            percent(limits.cpu_millis, |r| r.cpu_millis),
            memory_text(requests.memory_bytes),
            percent(requests.memory_bytes, |r| r.memory_bytes),
            memory_text(limits.memory_bytes),
            percent(limits.memory_bytes, |r| r.memory_bytes),
            human_duration(sim.now() - pod.metadata.creation_timestamp),
        ));
    }
    out.push_str(
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    out.push_str("  Resource\tRequests\tLimits\n");
    out.push_str("  --------\t--------\t------\n");
    out.push_str(&format!(
        "  cpu\t{} ({}%)\t{} ({}%)\n",
        cpu_text(total_requests.cpu_millis),
        percent(total_requests.cpu_millis, |r| r.cpu_millis),
        cpu_text(total_limits.cpu_millis),
        percent(total_limits.cpu_millis, |r| r.cpu_millis),
    ));
    out.push_str(&format!(
        "  memory\t{} ({}%)\t{} ({}%)\n",
        memory_text(total_requests.memory_bytes),
        percent(total_requests.memory_bytes, |r| r.memory_bytes),
        memory_text(total_limits.memory_bytes),
        percent(total_limits.memory_bytes, |r| r.memory_bytes),
    ));
}

/// The pod's limits, from its ReplicaSet's template (the pod keeps only its requests).
fn limits_of(sim: &Simulation, pod: &Pod) -> Resources {
    let Some(rs) = sim.owner_of_pod(pod) else {
        return Resources::default();
    };
    rs.spec
        .template
        .spec
        .containers
        .iter()
        .filter_map(|c| c.extra.get("resources").and_then(|r| r.get("limits")))
        .fold(Resources::default(), |acc, limits| {
            let get = |key: &str| limits.get(key).and_then(parse_quantity);
            acc + Resources {
                cpu_millis: get("cpu").map_or(0, |v| (v * 1000.0).ceil() as i64),
                memory_bytes: get("memory").map_or(0, |v: f64| v.ceil() as i64),
            }
        })
}

/// A CPU quantity as Kubernetes prints it: `0`, `250m`, `2`.
fn cpu_text(millis: i64) -> String {
    if millis % 1000 == 0 {
        (millis / 1000).to_string()
    } else {
        format!("{millis}m")
    }
}

/// A memory quantity with the largest binary suffix that divides it: `128Mi`, `2Gi`, `0`.
fn memory_text(bytes: i64) -> String {
    for (suffix, unit) in [("Gi", 1i64 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)] {
        if bytes != 0 && bytes % unit == 0 {
            return format!("{}{suffix}", bytes / unit);
        }
    }
    bytes.to_string()
}

#[cfg(test)]
mod tests {
    use super::{cpu_text, memory_text};

    #[test]
    fn quantities_print_like_kubernetes() {
        let cpu: &[(i64, &str)] = &[(0, "0"), (250, "250m"), (1000, "1"), (1500, "1500m")];
        for (millis, want) in cpu {
            assert_eq!(cpu_text(*millis), *want);
        }
        let memory: &[(i64, &str)] = &[
            (0, "0"),
            (128 << 20, "128Mi"),
            (2 << 30, "2Gi"),
            (1536, "1536"),
            (1024, "1Ki"),
            (1000, "1000"),
        ];
        for (bytes, want) in memory {
            assert_eq!(memory_text(*bytes), *want);
        }
    }
}
