//! Demand (DESIGN.md "Demand"): the requests per second offered to each Service, what its
//! endpoints serve, and the CPU each pod uses, measured at the end of every tick.
//!
//! The model is integer and deterministic. A pod's figures are its images': `capacityRps` and
//! `cpuPerRequest` of its first container (the one that serves), and the sum of its
//! containers' `cpuIdle`. At the end of tick t, for each Service with endpoints E (its Ready,
//! not terminating pods), `served = min(offered, the sum of the endpoints' capacityRps)` and
//! `failed = offered - served`; each endpoint uses `cpuIdle + floor(cpuPerRequest x served / E)`
//! millicores, every other Running pod `cpuIdle`, and a pod not Running nothing.

use std::collections::BTreeMap;

use super::objects::{Pod, PodPhase, Seconds, Uid};

/// The CPU each Running pod used during one tick: what the metrics pipeline reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// The tick the figures are for (the last tick played).
    pub tick: Seconds,
    /// Millicores by pod; only pods Running at the end of `tick` have an entry.
    pub cpu_millis: BTreeMap<Uid, i64>,
}

/// The CPU a Running pod uses with nothing to serve: the sum of its containers' `cpuIdle`.
pub(crate) fn idle_millis(pod: &Pod) -> i64 {
    pod.containers
        .iter()
        .map(|c| c.profile.cpu_idle_millis)
        .sum()
}

/// Whether a pod is measured: Running on a node that answers (a pod on a lost node has no
/// metric, as its kubelet cannot be reached).
pub(crate) fn is_measured(pod: &Pod) -> bool {
    pod.phase == PodPhase::Running && !pod.is_node_lost()
}

/// The usage of every pod at the end of tick `now`: idle CPU for each Running pod.
pub(crate) fn measure<'a>(now: Seconds, pods: impl Iterator<Item = &'a Pod>) -> Usage {
    let cpu_millis = super::sorting::map_of(
        pods.filter(|pod| is_measured(pod))
            .map(|pod| (pod.metadata.uid, idle_millis(pod))),
    );
    Usage {
        tick: now,
        cpu_millis,
    }
}
