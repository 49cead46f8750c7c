//! The scheduler: binds pending pods to nodes that are Ready, schedulable, match the pod's
//! nodeSelector and have room for its requests, preferring the node with the fewest pods. A pod
//! that fits nowhere stays Pending, with what each node's filters said (`FitError`, upstream's
//! FailedScheduling message).

use super::events::{EventKind, ObjectKind, ObjectRef};
use super::objects::{Node, Pod, Resources, Uid};
use super::sorting::ListMap;
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
                let fit_error = fit_error(nodes, pod, &usage);
                changed |= report_unschedulable(sim, uid, fit_error);
            }
        }
    }
    changed
}

/// What each node carries, in the order of `nodes`.
fn node_usage(sim: &Simulation) -> Vec<Usage> {
    let nodes = sim.store().nodes();
    let mut index = ListMap::default();
    for (i, n) in nodes.iter().enumerate() {
        index.insert(n.name.as_str(), i);
    }
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
pub enum Unfit {
    /// NodeResourcesFit, for CPU.
    InsufficientCpu,
    /// NodeResourcesFit, for memory.
    InsufficientMemory,
    /// NodeAffinity: the pod's nodeSelector does not match the node's labels.
    NodeSelector,
    /// TaintToleration: the node is not Ready (its `unreachable` taint).
    Unreachable,
    /// NodeUnschedulable: cordoned.
    Unschedulable,
}

impl Unfit {
    /// Every filter.
    pub const ALL: [Unfit; 5] = [
        Unfit::InsufficientCpu,
        Unfit::InsufficientMemory,
        Unfit::NodeSelector,
        Unfit::Unreachable,
        Unfit::Unschedulable,
    ];

    /// The filter's words, as the FailedScheduling message counts them.
    pub fn as_str(self) -> &'static str {
        match self {
            Unfit::InsufficientCpu => "Insufficient cpu",
            Unfit::InsufficientMemory => "Insufficient memory",
            Unfit::NodeSelector => "node(s) didn't match Pod's node affinity/selector",
            Unfit::Unreachable => {
                "node(s) had untolerated taint {node.kubernetes.io/unreachable: }"
            }
            Unfit::Unschedulable => "node(s) were unschedulable",
        }
    }

    /// Whether evicting pods could make room (upstream's `Unschedulable` status code, against
    /// `UnschedulableAndUnresolvable`): only a lack of resources can be resolved that way.
    fn preemption_may_help(self) -> bool {
        matches!(self, Unfit::InsufficientCpu | Unfit::InsufficientMemory)
    }
}

/// `FitError`: a pod fits on none of the nodes, and how many nodes each filter refused. Its
/// text is the FailedScheduling message and the pod's `PodScheduled` condition message.
///
/// Counted in `u32` (a scenario has at most 1,000 nodes), so that it stays small inline in every
/// event and pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FitError {
    /// How many nodes the cluster has.
    pub nodes: u32,
    /// Nodes refused, by filter (indexed as `Unfit::ALL`).
    refused: [u32; Unfit::ALL.len()],
}

impl FitError {
    /// No node refused yet, out of `nodes`.
    pub fn new(nodes: u32) -> Self {
        FitError {
            nodes,
            refused: [0; Unfit::ALL.len()],
        }
    }

    /// One more node refused by `filter`.
    pub fn refuse(&mut self, filter: Unfit) {
        let count = &mut self.refused[filter as usize];
        *count = count.saturating_add(1);
    }

    /// How many nodes `filter` refused.
    pub fn refused(&self, filter: Unfit) -> u32 {
        self.refused[filter as usize]
    }

    /// The filters that refused nodes, with their counts.
    fn histogram(&self) -> impl Iterator<Item = (Unfit, u32)> + '_ {
        Unfit::ALL
            .into_iter()
            .map(|filter| (filter, self.refused(filter)))
            .filter(|(_, count)| *count > 0)
    }
}

impl std::fmt::Display for FitError {
    /// `0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: ...`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.nodes;
        if total == 0 {
            return f.write_str("no nodes available to schedule pods");
        }
        let reasons = self
            .histogram()
            .map(|(filter, count)| (count, filter.as_str()));
        write!(
            f,
            "0/{total} nodes are available: {}",
            sort_reasons_histogram(reasons)
        )?;
        let (mut not_helpful, mut no_victims) = (0, 0);
        for (filter, count) in self.histogram() {
            if filter.preemption_may_help() {
                no_victims += count;
            } else {
                not_helpful += count;
            }
        }
        // Preemption reports with a FitError of its own, its reasons sorted the same way.
        let preemption = [
            (not_helpful, "Preemption is not helpful for scheduling"),
            (no_victims, "No preemption victims found for incoming pod"),
        ];
        write!(
            f,
            ". preemption: 0/{total} nodes are available: {}.",
            sort_reasons_histogram(preemption.into_iter().filter(|(count, _)| *count > 0))
        )
    }
}

/// Upstream's `sortReasonsHistogram`: each reason after its count (`2 Insufficient cpu`), sorted
/// as strings, byte by byte, and joined by `, `. The count leads, so it sorts first: `1 node(s)
/// were unschedulable` comes before `2 Insufficient cpu`, and `10 ...` before `2 ...`.
fn sort_reasons_histogram(reasons: impl Iterator<Item = (u32, &'static str)>) -> String {
    let mut reasons: Vec<String> = reasons
        .map(|(count, reason)| format!("{count} {reason}"))
        .collect();
    super::sorting::sort_by(&mut reasons, &|a, b| a.cmp(b));
    reasons.join(", ")
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
        let needed = usage.requested + pod.requests;
        if needed.cpu_millis > capacity.cpu_millis {
            return Some(Unfit::InsufficientCpu);
        }
        if needed.memory_bytes > capacity.memory_bytes {
            return Some(Unfit::InsufficientMemory);
        }
    }
    None
}

/// What every node's filters say about a pod that fits nowhere.
fn fit_error(nodes: &[Node], pod: &Pod, usage: &[Usage]) -> FitError {
    let mut error = FitError::new(u32::try_from(nodes.len()).unwrap_or(u32::MAX));
    for (node, usage) in nodes.iter().zip(usage) {
        if let Some(filter) = unfit_reason(node, pod, usage) {
            error.refuse(filter);
        }
    }
    error
}

fn report_unschedulable(sim: &mut Simulation, uid: Uid, fit_error: FitError) -> bool {
    let reported = sim.store_mut().update_pod(uid, |pod| {
        if pod.unschedulable == Some(fit_error) {
            return None;
        }
        pod.unschedulable = Some(fit_error);
        Some(ObjectRef::of(ObjectKind::Pod, &pod.metadata))
    });
    let Some(Some(object)) = reported else {
        return false;
    };
    sim.record(object, EventKind::FailedScheduling { fit_error });
    true
}

/// Binds a pod to a node (which takes it out of the unscheduled pods) and starts it there.
fn bind(sim: &mut Simulation, uid: Uid, node: String) {
    let now = sim.now();
    let bound = sim.store_mut().update_pod(uid, |pod| {
        let kind = EventKind::Scheduled { node: node.clone() };
        pod.node_name = Some(node);
        pod.unschedulable = None;
        pod.start_time = Some(now);
        let object = ObjectRef::of(ObjectKind::Pod, &pod.metadata);
        (object, kind)
    });
    let Some((object, kind)) = bound else {
        return;
    };
    sim.record(object, kind);
    kubelet::start_pod(sim, uid, now);
}
