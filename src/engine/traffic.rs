//! Demand (DESIGN.md "Demand"): the requests per second offered to each Service, what its
//! endpoints serve, and the CPU each pod uses, measured at the end of every tick.
//!
//! The model is integer and deterministic. A pod's figures are its images': `capacityRps` and
//! `cpuPerRequest` of its first container (the one that serves), and the sum of its
//! containers' `cpuIdle`. At the end of tick t, for each Service with endpoints E (its Ready,
//! not terminating pods), `served = min(offered, the sum of the endpoints' capacityRps)` and
//! `failed = offered - served`; each endpoint uses `cpuIdle + floor(cpuPerRequest x served / E)`
//! millicores, every other Running pod `cpuIdle`, and a pod not Running nothing.

use super::sorting::ListMap;

use super::objects::{Pod, PodPhase, Seconds, Uid};
use super::service::Service;

/// `(namespace, name)` of a Service.
type Key = (String, String);

/// The offered load of one Service: `from` until `start`, then a straight line to `to` over
/// `over` seconds (at once when `over` is 0), then `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ramp {
    pub from: i64,
    pub to: i64,
    pub start: Seconds,
    pub over: Seconds,
}

impl Ramp {
    /// The requests per second offered at tick `t`: `from + floor((to - from) x (t - start) /
    /// over)` during the ramp (integers only, rounded towards minus infinity).
    pub fn at(&self, t: Seconds) -> i64 {
        if t < self.start {
            self.from
        } else if self.over <= 0 || t >= self.start + self.over {
            self.to
        } else {
            self.from + ((self.to - self.from) * (t - self.start)).div_euclid(self.over)
        }
    }
}

/// What one Service got during a tick, in requests per second.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServiceLoad {
    pub offered: i64,
    pub served: i64,
    pub failed: i64,
    /// How many endpoints shared the served load.
    pub endpoints: i64,
}

/// The demand side of the simulation: each Service's offered load, and what the last tick
/// played made of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Demand {
    ramps: ListMap<Key, Ramp>,
    loads: ListMap<Key, ServiceLoad>,
    usage: Usage,
}

impl Demand {
    /// The offered load of a Service at tick `t` (0 before any was set).
    pub fn offered(&self, key: &Key, t: Seconds) -> i64 {
        self.ramps.get(key).map_or(0, |ramp| ramp.at(t))
    }

    /// Sets a Service's load from tick `now`: a ramp from what it offered at `now - 1` to `rps`
    /// over `over` seconds.
    pub fn set(&mut self, key: Key, now: Seconds, rps: i64, over: Seconds) {
        let from = self.offered(&key, now - 1);
        self.ramps.insert(
            key,
            Ramp {
                from,
                to: rps,
                start: now,
                over,
            },
        );
    }

    /// Forgets a deleted Service's load.
    pub fn forget(&mut self, key: &Key) {
        self.ramps.remove(key);
        self.loads.remove(key);
    }

    pub fn load(&self, key: &Key) -> Option<&ServiceLoad> {
        self.loads.get(key)
    }

    pub fn usage(&self) -> &Usage {
        &self.usage
    }

    /// Measures tick `now`: each Service's load, then every pod's CPU. `pods` are in uid
    /// order (the store's), as `Usage::cpu_millis` keeps them.
    pub(crate) fn measure<'a>(
        &mut self,
        now: Seconds,
        services: impl Iterator<Item = &'a Service>,
        pods: &[&'a Pod],
    ) {
        // Each pod's CPU by its place in `pods`: idle, plus its share of what each Service
        // it is an endpoint of served.
        let mut cpu: Vec<i64> = pods.iter().map(|pod| idle_millis(pod)).collect();
        self.loads.clear();
        for service in services {
            let key = (
                service.metadata.namespace.clone(),
                service.metadata.name.clone(),
            );
            let endpoints: Vec<usize> = (0..pods.len())
                .filter(|&i| service.has_endpoint(pods[i]))
                .collect();
            let capacity: i64 = endpoints.iter().map(|&i| capacity_rps(pods[i])).sum();
            let offered = self.offered(&key, now);
            let served = offered.min(capacity);
            let count = endpoints.len() as i64;
            for &i in &endpoints {
                cpu[i] += per_request_micros(pods[i]) * served / (count * 1_000);
            }
            let load = ServiceLoad {
                offered,
                served,
                failed: offered - served,
                endpoints: count,
            };
            self.loads.insert(key, load);
        }
        let measured = || {
            pods.iter()
                .zip(&cpu)
                .filter(|(pod, _)| is_measured(pod))
                .map(|(pod, &millis)| (pod.metadata.uid, millis))
        };
        // The same pods as last tick (most ticks): the figures change in place.
        let map = &mut self.usage.cpu_millis;
        let same_pods = map.len() == measured().count()
            && map
                .keys()
                .zip(measured())
                .all(|(uid, (pod, _))| *uid == pod);
        if same_pods {
            for (slot, (_, millis)) in map.values_mut().zip(measured()) {
                *slot = millis;
            }
        } else {
            *map = measured().collect();
        }
        self.usage.tick = now;
    }
}

/// The CPU each Running pod used during one tick: what the metrics pipeline reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// The tick the figures are for (the last tick played).
    pub tick: Seconds,
    /// Millicores by pod; only pods Running at the end of `tick` have an entry.
    pub cpu_millis: ListMap<Uid, i64>,
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

/// What a pod serves per second: its first container's `capacityRps`.
fn capacity_rps(pod: &Pod) -> i64 {
    pod.containers.first().map_or(0, |c| c.profile.capacity_rps)
}

/// What one request per second costs a pod: its first container's `cpuPerRequest`.
fn per_request_micros(pod: &Pod) -> i64 {
    pod.containers
        .first()
        .map_or(0, |c| c.profile.cpu_per_request_micros)
}
