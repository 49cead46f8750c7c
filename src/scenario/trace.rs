//! What `deploysim run` prints: one JSON object per tick (`--format jsonl`, the contract of
//! DESIGN.md) or kubectl-style text (events and command output).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::engine::{Event, HorizontalPodAutoscaler, Pod, Service, Simulation};
use crate::kubectl::pod_status;

use super::{ActionResult, TickRecord};

/// The JSON line for the end of a tick.
pub fn tick_json(sim: &Simulation, record: &TickRecord) -> Value {
    // Services and pod CPU appear once there is a Service: a run without one traces as before.
    let demand = sim.services().next().is_some();
    let pods = sim.pods().map(|p| pod_json(sim, p, demand)).collect();
    tick_with(sim, record, pods, None)
}

/// The JSON line for the end of a tick, with these `pods` (and `podsRemoved`).
fn tick_with(sim: &Simulation, record: &TickRecord, pods: Value, removed: Option<Value>) -> Value {
    let deployments: Vec<Value> = sim
        .deployments()
        .map(|d| {
            json!({
                "namespace": d.metadata.namespace,
                "name": d.metadata.name,
                "generation": d.metadata.generation,
                "revision": d.revision(),
                "paused": d.spec.paused,
                "replicas": d.spec.replicas,
                "status": {
                    "observedGeneration": d.status.observed_generation,
                    "replicas": d.status.replicas,
                    "updatedReplicas": d.status.updated_replicas,
                    "readyReplicas": d.status.ready_replicas,
                    "availableReplicas": d.status.available_replicas,
                    "unavailableReplicas": d.status.unavailable_replicas,
                    "terminatingReplicas": d.status.terminating_replicas,
                },
                "conditions": d.status.conditions.iter().map(|c| json!({
                    "type": c.kind.as_str(), "status": c.status.as_str(), "reason": c.reason.as_str(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let replica_sets: Vec<Value> = sim
        .replica_sets()
        .map(|rs| {
            json!({
                "namespace": rs.metadata.namespace,
                "name": rs.metadata.name,
                "deployment": sim.owner_of_replica_set(rs).map(|d| d.metadata.name.clone()),
                "revision": rs.revision(),
                "images": rs.spec.template.images(),
                "replicas": rs.spec.replicas,
                "status": {
                    "replicas": rs.status.replicas,
                    "readyReplicas": rs.status.ready_replicas,
                    "availableReplicas": rs.status.available_replicas,
                },
            })
        })
        .collect();
    let mut tick = json!({
        "t": record.t,
        "deployments": deployments,
        "replicaSets": replica_sets,
    });
    tick["pods"] = pods;
    if let Some(removed) = removed {
        tick["podsRemoved"] = removed;
    }
    if sim.services().next().is_some() {
        tick["services"] = Value::Array(sim.services().map(|s| service_json(sim, s)).collect());
    }
    if sim.horizontal_pod_autoscalers().next().is_some() {
        tick["horizontalPodAutoscalers"] =
            Value::Array(sim.horizontal_pod_autoscalers().map(hpa_json).collect());
    }
    tick["events"] = record.events.iter().map(event_json).collect();
    tick["actions"] = record.actions.iter().map(action_json).collect();
    tick
}

/// One pod at the end of the tick (with its CPU when `demand`: there is a Service).
fn pod_json(sim: &Simulation, p: &Pod, demand: bool) -> Value {
    let mut pod = json!({
        "namespace": p.metadata.namespace,
        "name": p.metadata.name,
        "replicaSet": sim.owner_of_pod(p).map(|rs| rs.metadata.name.clone()),
        "node": p.node_name,
        "phase": p.phase.as_str(),
        "status": pod_status(p),
        "ready": p.is_ready(),
        "terminating": p.is_terminating(),
        "restarts": p.restarts(),
    });
    if demand {
        pod["cpuMillis"] = json!(cpu_of(sim, p));
    }
    pod
}

fn cpu_of(sim: &Simulation, p: &Pod) -> i64 {
    sim.usage()
        .cpu_millis
        .get(&p.metadata.uid)
        .copied()
        .unwrap_or(0)
}

/// What a trace of changed pods (`deploysim run --pods changed`) remembers of each pod it wrote:
/// its write stamp (`Pod::written`) and CPU, which are all that can change what it writes.
#[derive(Debug, Default)]
pub struct PodsWritten(BTreeMap<(String, String), (u64, Option<i64>)>);

/// `tick_json` with only the pods that are new or changed since the last tick written through
/// `seen` (all of them the first time), and `podsRemoved` (`namespace`, `name`) for those gone.
/// Applying each line's `pods` and `podsRemoved` to the previous list gives the full `pods` of
/// `tick_json`, in the same order.
pub fn tick_json_changed(sim: &Simulation, record: &TickRecord, seen: &mut PodsWritten) -> Value {
    let demand = sim.services().next().is_some();
    let mut now = BTreeMap::new();
    let mut changed = Vec::new();
    for p in sim.pods() {
        let key = (p.metadata.namespace.clone(), p.metadata.name.clone());
        let mark = (p.written, demand.then(|| cpu_of(sim, p)));
        if seen.0.get(&key) != Some(&mark) {
            changed.push(pod_json(sim, p, demand));
        }
        now.insert(key, mark);
    }
    let removed: Vec<Value> = seen
        .0
        .keys()
        .filter(|key| !now.contains_key(*key))
        .map(|(namespace, name)| json!({"namespace": namespace, "name": name}))
        .collect();
    seen.0 = now;
    tick_with(
        sim,
        record,
        Value::Array(changed),
        Some(Value::Array(removed)),
    )
}

/// One HorizontalPodAutoscaler at the end of the tick: `currentCPUUtilizationPercentage` and
/// `lastScaleTime` appear once set.
fn hpa_json(h: &HorizontalPodAutoscaler) -> Value {
    let mut status = json!({
        "currentReplicas": h.status.current_replicas,
        "desiredReplicas": h.status.desired_replicas,
    });
    if let Some(m) = h.status.current_metrics.first() {
        status["currentCPUUtilizationPercentage"] = json!(m.average_utilization);
    }
    if let Some(at) = h.status.last_scale_time {
        status["lastScaleTime"] = json!(at);
    }
    let conditions: Vec<Value> = h
        .status
        .conditions
        .iter()
        .map(|c| {
            json!({
                "type": c.kind.as_str(), "status": c.status.as_str(), "reason": c.reason.as_str(),
            })
        })
        .collect();
    json!({
        "namespace": h.metadata.namespace,
        "name": h.metadata.name,
        "target": h.reference(),
        "minReplicas": h.spec.min_replicas,
        "maxReplicas": h.spec.max_replicas,
        "status": status,
        "conditions": conditions,
    })
}

/// One Service's load at the end of the tick (all zero before it was first measured).
fn service_json(sim: &Simulation, service: &Service) -> Value {
    let (namespace, name) = (&service.metadata.namespace, &service.metadata.name);
    let load = sim
        .service_load(namespace, name)
        .copied()
        .unwrap_or_default();
    json!({
        "namespace": namespace,
        "name": name,
        "endpoints": load.endpoints,
        "offeredRps": load.offered,
        "servedRps": load.served,
        "failedRps": load.failed,
    })
}

fn event_json(event: &Event) -> Value {
    json!({
        "type": event.event_type().as_str(),
        "reason": event.reason().as_str(),
        "object": event.object.label(),
        "message": event.message().to_string(),
    })
}

fn action_json(action: &ActionResult) -> Value {
    json!({"run": action.run, "ok": action.ok, "output": action.output})
}

/// The text lines for a tick: each command with its output, then each event, like a terminal
/// next to `kubectl get events --watch`.
pub fn tick_text(record: &TickRecord) -> String {
    let mut out = String::new();
    for action in &record.actions {
        out.push_str(&format!("[{:>4}s] $ {}\n", record.t, action.run));
        out.push_str(&action.output);
        if !action.output.is_empty() && !action.output.ends_with('\n') {
            out.push('\n');
        }
    }
    for event in &record.events {
        out.push_str(&format!(
            "[{:>4}s] {:<7} {:<18} {}/{}: {}\n",
            record.t,
            event.event_type().as_str(),
            event.reason().as_str(),
            event.object.kind.singular(),
            event.object.name,
            event.message()
        ));
    }
    out
}
