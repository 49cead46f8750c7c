//! `kubectl top pod|pods [NAME] [-n NS | -A] [-l SELECTOR]` and `kubectl top node|nodes [NAME]`,
//! printed as kubectl's `TopCmdPrinter` prints them: CPU in millicores (`12m`), memory in whole
//! mebibytes (`24Mi`), and for nodes the share of what the node can allocate (`CPU(%)`,
//! truncated). The figures are the simulation's `Usage` of the last tick played (DESIGN.md
//! "Demand"): a pod's CPU is its image's idle figure plus its share of the requests it served;
//! its memory is its images' fixed figure (`ImageProfile::memory_bytes`), since a container's
//! working set does not follow its request. A pod that is not Running has no metrics, as
//! metrics-server has none for it. A node's usage is the sum of its pods'; a node without a
//! capacity (the default, unlimited cluster) has no percentage to show: `<unknown>`.

use crate::engine::{Pod, Simulation};

use super::error::CmdError;
use super::parse::{FlagKind, FlagSpec, Parsed, NAMESPACE};
use super::selector::Selector;
use super::tabwriter::GET;
use super::Output;

pub const POD_FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool),
    FlagSpec::new("selector", Some('l'), FlagKind::Str),
    FlagSpec::new("no-headers", None, FlagKind::Bool),
];

pub const NODE_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("selector", Some('l'), FlagKind::Str),
    FlagSpec::new("no-headers", None, FlagKind::Bool),
];

const MI: i64 = 1024 * 1024;

/// A pod's memory use: its containers' images' figures.
fn memory_bytes(pod: &Pod) -> i64 {
    pod.containers.iter().map(|c| c.profile.memory_bytes).sum()
}

/// `kubectl top pod`.
pub fn pods(sim: &Simulation, p: &Parsed) -> Result<Output, CmdError> {
    let all = p.bool("all-namespaces");
    let namespace = p.namespace();
    let selector = Selector::parse(p.str("selector").unwrap_or(""))?;
    let usage = sim.usage();
    let name = match p.args.as_slice() {
        [] => None,
        [name] => Some(name.as_str()),
        _ => {
            return Err(CmdError::usage(
                "kubectl top pod [NAME | -l label]".to_string(),
                "kubectl top pod",
            ))
        }
    };
    if name.is_some() && p.str("selector").is_some() {
        return Err(CmdError::other(
            "only one of NAME or selector can be provided",
        ));
    }
    let in_scope = |pod: &&Pod| {
        (all || pod.metadata.namespace == namespace)
            && name.is_none_or(|n| pod.metadata.name == n)
            && selector.matches(&pod.metadata.labels)
    };
    let listed: Vec<&Pod> = sim.pods().filter(in_scope).collect();
    let measured: Vec<(&Pod, i64)> = listed
        .iter()
        .filter_map(|pod| {
            usage
                .cpu_millis
                .get(&pod.metadata.uid)
                .map(|cpu| (*pod, *cpu))
        })
        .collect();
    if measured.is_empty() {
        if let Some(name) = name {
            return Err(CmdError::Verbatim(format!(
                "Error from server (NotFound): podmetrics.metrics.k8s.io \"{namespace}/{name}\" not found"
            )));
        }
        if !listed.is_empty() {
            return Err(CmdError::other("metrics not available yet"));
        }
        return Ok(Output {
            ok: true,
            stdout: String::new(),
            stderr: if all {
                "No resources found\n".to_string()
            } else {
                format!("No resources found in {namespace} namespace.\n")
            },
            deferred: false,
        });
    }
    let mut text = String::new();
    if !p.bool("no-headers") {
        if all {
            text.push_str("NAMESPACE\t");
        }
        text.push_str("NAME\tCPU(cores)\tMEMORY(bytes)\t\n");
    }
    for (pod, cpu) in measured {
        if all {
            text.push_str(&format!("{}\t", pod.metadata.namespace));
        }
        text.push_str(&format!(
            "{}\t{cpu}m\t{}Mi\t\n",
            pod.metadata.name,
            memory_bytes(pod) / MI
        ));
    }
    Ok(Output::stdout(GET.render(&text)))
}

/// `kubectl top node`.
pub fn nodes(sim: &Simulation, p: &Parsed) -> Result<Output, CmdError> {
    let selector = Selector::parse(p.str("selector").unwrap_or(""))?;
    let usage = sim.usage();
    let nodes: Vec<_> = sim
        .nodes()
        .iter()
        .filter(|n| p.args.first().is_none_or(|name| n.name == *name))
        .filter(|n| selector.matches(&n.labels))
        .collect();
    if let (Some(name), true) = (p.args.first(), nodes.is_empty()) {
        return Err(CmdError::Verbatim(format!(
            "Error from server (NotFound): nodemetrics.metrics.k8s.io \"{name}\" not found"
        )));
    }
    let mut text = String::new();
    if !p.bool("no-headers") {
        text.push_str("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n");
    }
    for node in nodes {
        let mut cpu = 0;
        let mut memory = 0;
        for pod in sim.pods() {
            if pod.node_name.as_deref() != Some(node.name.as_str()) {
                continue;
            }
            if let Some(used) = usage.cpu_millis.get(&pod.metadata.uid) {
                cpu += used;
                memory += memory_bytes(pod);
            }
        }
        let (cpu_share, memory_share) = match node.capacity {
            Some(capacity) => (
                percent(cpu, capacity.cpu_millis),
                percent(memory, capacity.memory_bytes),
            ),
            None => ("<unknown>".to_string(), "<unknown>".to_string()),
        };
        text.push_str(&format!(
            "{}\t{cpu}m\t{cpu_share}\t{}Mi\t{memory_share}\t\n",
            node.name,
            memory / MI
        ));
    }
    Ok(Output::stdout(GET.render(&text)))
}

/// `int64(used / available * 100)` with `%`, 0% of nothing.
fn percent(used: i64, available: i64) -> String {
    if available <= 0 {
        return "0%".to_string();
    }
    format!("{}%", i128::from(used) * 100 / i128::from(available))
}
