//! What `deploysim run` prints: one JSON object per tick (`--format jsonl`, the contract of
//! DESIGN.md) or kubectl-style text (events and command output).

use serde_json::{json, Value};

use crate::engine::{Event, HorizontalPodAutoscaler, Service, Simulation};
use crate::kubectl::pod_status;

use super::{ActionResult, TickRecord};

/// The JSON line for the end of a tick.
pub fn tick_json(sim: &Simulation, record: &TickRecord) -> Value {
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
    // Services and pod CPU appear once there is a Service: a run without one traces as before.
    let demand = sim.services().next().is_some();
    let usage = sim.usage();
    let pods: Vec<Value> = sim
        .pods()
        .map(|p| {
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
                let cpu = usage.cpu_millis.get(&p.metadata.uid).copied().unwrap_or(0);
                pod["cpuMillis"] = json!(cpu);
            }
            pod
        })
        .collect();
    let mut tick = json!({
        "t": record.t,
        "deployments": deployments,
        "replicaSets": replica_sets,
        "pods": pods,
    });
    if demand {
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
