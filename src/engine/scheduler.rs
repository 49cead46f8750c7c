//! The scheduler: binds pending pods to nodes that are Ready, schedulable, match the pod's
//! nodeSelector and have room for its requests, preferring the node with the fewest pods. A pod
//! that fits nowhere stays Pending with upstream's FailedScheduling message.

use std::collections::BTreeMap;

use super::events::{EventType, ObjectRef, Reason, Source};
use super::objects::{Node, Pod, Resources, Uid};
use super::{kubelet, Simulation};

/// What one node already carries.
#[derive(Debug, Clone, Copy, Default)]
struct Usage {
    requested: Resources,
    pods: usize,
}

/// Binds every pending pod that fits somewhere, in creation order; returns whether anything
/// changed.
pub fn schedule_pending(sim: &mut Simulation) -> bool {
    let pending: Vec<Uid> = sim.store().unscheduled().collect();
    if pending.is_empty() {
        return false;
    }
    let mut usage = node_usage(sim);
    let mut changed = false;
    for uid in pending {
        let Some(pod) = sim.store().pod(uid) else {
            continue;
        };
        if !pod.is_active() {
            continue;
        }
        let nodes = sim.store().nodes();
        let choice = (0..nodes.len())
            .filter(|&i| unfit_reason(&nodes[i], pod, &usage[i]).is_none())
            .min_by_key(|&i| (usage[i].pods, nodes[i].name.as_str()));
        match choice {
            Some(i) => {
                usage[i].pods += 1;
                usage[i].requested = usage[i].requested + pod.requests;
                let node = nodes[i].name.clone();
                bind(sim, uid, node);
                changed = true;
            }
            None => {
                let message = failed_scheduling_message(nodes, pod, &usage);
                changed |= report_unschedulable(sim, uid, message);
            }
        }
    }
    changed
}

/// What each node carries, in the order of `nodes`.
fn node_usage(sim: &Simulation) -> Vec<Usage> {
    let nodes = sim.store().nodes();
    let index: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.name.as_str(), i))
        .collect();
    let mut usage = vec![Usage::default(); nodes.len()];
    for pod in sim.store().pods() {
        if let Some(&i) = pod.node_name.as_deref().and_then(|n| index.get(n)) {
            usage[i].pods += 1;
            usage[i].requested = usage[i].requested + pod.requests;
        }
    }
    usage
}

/// Why a node cannot take a pod: the scheduler filter that refused it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unfit {
    /// TaintToleration: the node is not Ready (its `unreachable` taint).
    Unreachable,
    /// NodeUnschedulable: cordoned.
    Unschedulable,
    /// NodeAffinity: the pod's nodeSelector does not match the node's labels.
    NodeSelector,
    /// NodeResourcesFit, for CPU.
    InsufficientCpu,
    /// NodeResourcesFit, for memory.
    InsufficientMemory,
}

impl Unfit {
    /// The filter's words, as the FailedScheduling message counts them.
    fn as_str(self) -> &'static str {
        match self {
            Unfit::Unreachable => {
                "node(s) had untolerated taint {node.kubernetes.io/unreachable: }"
            }
            Unfit::Unschedulable => "node(s) were unschedulable",
            Unfit::NodeSelector => "node(s) didn't match Pod's node affinity/selector",
            Unfit::InsufficientCpu => "Insufficient cpu",
            Unfit::InsufficientMemory => "Insufficient memory",
        }
    }

    /// Whether evicting pods could make room (upstream's `Unschedulable` status code, against
    /// `UnschedulableAndUnresolvable`): only a lack of resources can be resolved that way.
    fn preemption_may_help(self) -> bool {
        matches!(self, Unfit::InsufficientCpu | Unfit::InsufficientMemory)
    }
}

/// Why a node cannot take a pod; `None` when it fits.
fn unfit_reason(node: &Node, pod: &Pod, usage: &Usage) -> Option<Unfit> {
    if !node.ready {
        return Some(Unfit::Unreachable);
    }
    if node.unschedulable {
        return Some(Unfit::Unschedulable);
    }
    if !pod
        .node_selector
        .iter()
        .all(|(k, v)| node.labels.get(k.as_str()) == Some(v))
    {
        return Some(Unfit::NodeSelector);
    }
    if let Some(capacity) = node.capacity {
        let used = usage.requested;
        if used.cpu_millis + pod.requests.cpu_millis > capacity.cpu_millis {
            return Some(Unfit::InsufficientCpu);
        }
        if used.memory_bytes + pod.requests.memory_bytes > capacity.memory_bytes {
            return Some(Unfit::InsufficientMemory);
        }
    }
    None
}

/// `0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: ...`
/// (the reasons sorted by their words, as upstream sorts them).
fn failed_scheduling_message(nodes: &[Node], pod: &Pod, usage: &[Usage]) -> String {
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut not_helpful, mut no_victims) = (0, 0);
    for (node, usage) in nodes.iter().zip(usage) {
        if let Some(unfit) = unfit_reason(node, pod, usage) {
            *reasons.entry(unfit.as_str()).or_default() += 1;
            if unfit.preemption_may_help() {
                no_victims += 1;
            } else {
                not_helpful += 1;
            }
        }
    }
    let total = nodes.len();
    if total == 0 {
        return "no nodes available to schedule pods".to_string();
    }
    let listed: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    let mut preemption = Vec::new();
    if not_helpful > 0 {
        preemption.push(format!(
            "{not_helpful} Preemption is not helpful for scheduling"
        ));
    }
    if no_victims > 0 {
        preemption.push(format!(
            "{no_victims} No preemption victims found for incoming pod"
        ));
    }
    format!(
        "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {}.",
        listed.join(", "),
        preemption.join(", ")
    )
}

fn report_unschedulable(sim: &mut Simulation, uid: Uid, message: String) -> bool {
    let reported = sim.store_mut().update_pod(uid, |pod| {
        if pod.unschedulable_message.as_deref() == Some(message.as_str()) {
            return None;
        }
        pod.unschedulable_message = Some(message.clone());
        Some(ObjectRef {
            kind: "Pod",
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
        })
    });
    let Some(Some(object)) = reported else {
        return false;
    };
    sim.record(
        EventType::Warning,
        Reason::FailedScheduling,
        object,
        Source::Scheduler,
        message,
    );
    true
}

/// Binds a pod to a node (which takes it out of the unscheduled pods) and starts it there.
fn bind(sim: &mut Simulation, uid: Uid, node: String) {
    let now = sim.now();
    let bound = sim.store_mut().update_pod(uid, |pod| {
        let message = format!(
            "Successfully assigned {}/{} to {node}",
            pod.metadata.namespace, pod.metadata.name
        );
        pod.node_name = Some(node);
        pod.unschedulable_message = None;
        let object = ObjectRef {
            kind: "Pod",
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
        };
        (object, message)
    });
    let Some((object, message)) = bound else {
        return;
    };
    sim.record(
        EventType::Normal,
        Reason::Scheduled,
        object,
        Source::Scheduler,
        message,
    );
    kubelet::start_pod(sim, uid, now);
}
