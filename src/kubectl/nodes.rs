//! `kubectl cordon|uncordon|drain NODE`: node scheduling and eviction (kubectl `pkg/cmd/drain`).
//! The simulation has no DaemonSets and no bare pods, so drain evicts every pod on the node; it
//! reports each pod as evicted once its eviction is accepted rather than waiting for it to go.

use crate::engine::Simulation;

use super::error::CmdError;
use super::parse::{FlagKind, FlagSpec, Parsed};
use super::Output;
use crate::quote::Quoted;

pub const CORDON_FLAGS: &[FlagSpec] = &[];
pub const DRAIN_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("ignore-daemonsets", None, FlagKind::Bool),
    FlagSpec::new("delete-emptydir-data", None, FlagKind::Bool),
    FlagSpec::new("force", None, FlagKind::Bool),
    FlagSpec::new("grace-period", None, FlagKind::Int),
    FlagSpec::new("timeout", None, FlagKind::Str),
];

fn node_names<'a>(p: &'a Parsed, command: &str) -> Result<&'a [String], CmdError> {
    if p.args.is_empty() {
        let verb = command.trim_start_matches("kubectl ");
        return Err(CmdError::usage(
            format!("USAGE: {verb} NODE [flags]"),
            command,
        ));
    }
    for name in &p.args {
        if name.contains('/') && !name.starts_with("node/") && !name.starts_with("nodes/") {
            return Err(CmdError::other(format!(
                "the server doesn't have a resource type {}",
                Quoted(name.split('/').next().unwrap_or_default())
            )));
        }
    }
    Ok(&p.args)
}

fn bare(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

/// The named nodes without their `node/` prefix, once every one is known to exist: kubectl
/// looks them all up before it changes any.
fn existing_nodes<'a>(
    sim: &Simulation,
    p: &'a Parsed,
    command: &str,
) -> Result<Vec<&'a str>, CmdError> {
    let names: Vec<&str> = node_names(p, command)?.iter().map(|n| bare(n)).collect();
    for name in &names {
        if sim.node(name).is_none() {
            return Err(crate::engine::ApiError::not_found("nodes", name).into());
        }
    }
    Ok(names)
}

/// Sets one node's `unschedulable` and reports it as kubectl does (`node/NAME cordoned`).
fn cordon_one(sim: &mut Simulation, name: &str, unschedulable: bool) -> Result<String, CmdError> {
    let changed = sim.set_node_unschedulable(name, unschedulable)?;
    let word = match (unschedulable, changed) {
        (true, true) => "cordoned",
        (true, false) => "already cordoned",
        (false, true) => "uncordoned",
        (false, false) => "already uncordoned",
    };
    Ok(format!("node/{name} {word}\n"))
}

/// `cordon` (`unschedulable = true`) or `uncordon` (`false`).
pub fn cordon(sim: &mut Simulation, p: &Parsed, unschedulable: bool) -> Result<Output, CmdError> {
    let command = if unschedulable {
        "kubectl cordon"
    } else {
        "kubectl uncordon"
    };
    let mut out = String::new();
    for name in existing_nodes(sim, p, command)? {
        out.push_str(&cordon_one(sim, name, unschedulable)?);
    }
    Ok(Output::stdout(out))
}

/// `drain`: cordon, evict every pod on the node, report the node drained.
pub fn drain(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    let mut out = String::new();
    for name in existing_nodes(sim, p, "kubectl drain")? {
        out.push_str(&cordon_one(sim, name, true)?);
        let evicted = sim.evict_pods_on_node(name)?;
        for pod in &evicted {
            out.push_str(&format!("evicting pod {pod}\n"));
        }
        for pod in &evicted {
            let short = pod.split_once('/').map_or(pod.as_str(), |(_, n)| n);
            out.push_str(&format!("pod/{short} evicted\n"));
        }
        out.push_str(&format!("node/{name} drained\n"));
    }
    Ok(Output::stdout(out))
}
