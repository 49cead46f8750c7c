//! The kubelet: pulls images, runs init containers one after another, starts the containers,
//! reports readiness, restarts crashing containers and retries failed pulls with upstream's
//! back-off (10 s doubling to 300 s), and finishes graceful deletion.
//!
//! Timing (DESIGN.md): a pod bound at tick s whose image has pull time p and ready time r runs
//! from s+p and is Ready from s+p+r. Each container carries its next due tick (`next_at`), and the
//! pod is woken up then, so a tick only touches the pods whose state changes.

use super::events::{EventType, ObjectRef, Reason, Source};
use super::images::{ImageRegistry, Readiness};
use super::objects::{ContainerState, ContainerStatus, Pod, PodPhase, Seconds, Uid};
use super::Simulation;

/// Upstream's back-off: 10 s, doubling, at most 300 s.
pub fn back_off_seconds(failures: u32) -> Seconds {
    let doublings = failures.saturating_sub(1).min(5);
    (10 * (1i64 << doublings)).min(300)
}

/// Advances every pod whose next change is due; returns whether anything changed.
pub fn sync_pods(sim: &mut Simulation) -> bool {
    let now = sim.now();
    let due = sim.store_mut().due_wakeups(now);
    let mut changed = false;
    for uid in due {
        changed |= sync_pod(sim, uid, now);
    }
    changed
}

/// How long a pod takes to stop: its slowest container's stop time, capped by the grace period.
pub fn stop_seconds(pod: &Pod, images: &ImageRegistry) -> i64 {
    let slowest = pod
        .containers
        .iter()
        .map(|c| images.resolve(&c.image).stop_seconds)
        .max()
        .unwrap_or(0);
    slowest.min(pod.termination_grace_period_seconds).max(0)
}

/// A pod was bound to a node at `now`: its containers start being created (init containers
/// first, one at a time).
pub fn start_pod(sim: &mut Simulation, uid: Uid, now: Seconds) {
    let Some(pod) = sim.store().pods.get(&uid) else {
        return;
    };
    let pull = |image: &str| now + sim.images().resolve(image).pull_seconds;
    let has_init = !pod.init_containers.is_empty();
    let init_statuses: Vec<ContainerStatus> = pod
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            waiting(
                &c.name,
                &c.image,
                "PodInitializing",
                (i == 0).then(|| pull(&c.image)),
            )
        })
        .collect();
    let statuses: Vec<ContainerStatus> = pod
        .containers
        .iter()
        .map(|c| {
            if has_init {
                waiting(&c.name, &c.image, "PodInitializing", None)
            } else {
                waiting(&c.name, &c.image, "ContainerCreating", Some(pull(&c.image)))
            }
        })
        .collect();
    let pod = sim.store_mut().pods.get_mut(&uid).expect("checked above");
    pod.init_container_statuses = init_statuses;
    pod.container_statuses = statuses;
    sync_pod(sim, uid, now);
}

fn waiting(name: &str, image: &str, reason: &str, next_at: Option<Seconds>) -> ContainerStatus {
    ContainerStatus {
        name: name.to_string(),
        image: image.to_string(),
        state: ContainerState::Waiting {
            reason: reason.to_string(),
        },
        ready: false,
        restart_count: 0,
        last_termination: None,
        next_at,
        failures: 0,
    }
}

/// Brings one pod up to date at `now`; returns whether its visible state changed.
fn sync_pod(sim: &mut Simulation, uid: Uid, now: Seconds) -> bool {
    let Some(pod) = sim.store().pods.get(&uid) else {
        return false;
    };
    if let Some(deleted_at) = pod.metadata.deletion_timestamp {
        if pod.reason.as_deref() == Some("NodeLost") {
            return false;
        }
        let gone_at = deleted_at + stop_seconds(pod, sim.images());
        if now >= gone_at {
            sim.store_mut().remove_pod(uid);
            return true;
        }
        sim.store_mut().wake_at(gone_at, uid);
        return false;
    }
    if pod.node_name.is_none() {
        return false;
    }
    let images = sim.images();
    let mut pod = pod.clone();
    let mut notes: Vec<(EventType, Reason, String)> = Vec::new();
    advance_init_containers(&mut pod, now, images, &mut notes);
    let init_done = pod.init_container_statuses.iter().all(
        |c| matches!(&c.state, ContainerState::Terminated { reason, .. } if reason == "Completed"),
    );
    if init_done {
        for status in &mut pod.container_statuses {
            if status.next_at.is_none()
                && matches!(&status.state, ContainerState::Waiting { reason } if reason == "PodInitializing")
            {
                status.state = ContainerState::Waiting {
                    reason: "ContainerCreating".to_string(),
                };
                status.next_at = Some(now + images.resolve(&status.image).pull_seconds);
            }
            advance_container(status, &pod.metadata.name, now, images, &mut notes);
        }
    }
    update_pod_status(&mut pod, now);
    let next = pod
        .init_container_statuses
        .iter()
        .chain(&pod.container_statuses)
        .filter_map(|c| c.next_at)
        .min();
    let changed = sim.store().pods.get(&uid) != Some(&pod);
    let object = ObjectRef {
        kind: "Pod",
        namespace: pod.metadata.namespace.clone(),
        name: pod.metadata.name.clone(),
    };
    let owner = pod.owner;
    let store = sim.store_mut();
    if changed {
        store.pods.insert(uid, pod);
        if let Some(owner) = owner {
            store.dirty_replica_sets.insert(owner);
        }
    }
    if let Some(next) = next {
        store.wake_at(next.max(now + 1), uid);
    }
    for (kind, reason, message) in notes {
        sim.record(kind, reason, object.clone(), Source::Kubelet, message);
    }
    changed
}

/// Runs the init containers in order: each pulls, runs for its image's ready time, completes.
fn advance_init_containers(
    pod: &mut Pod,
    now: Seconds,
    images: &ImageRegistry,
    notes: &mut Vec<(EventType, Reason, String)>,
) {
    let count = pod.init_container_statuses.len();
    for i in 0..count {
        let status = &mut pod.init_container_statuses[i];
        loop {
            let Some(at) = status.next_at.filter(|at| *at <= now) else {
                break;
            };
            let profile = images.resolve(&status.image);
            match status.state.clone() {
                ContainerState::Waiting { .. } if profile.pull_fails => {
                    pull_failed(status, at, notes);
                }
                ContainerState::Waiting { .. } => {
                    status.state = ContainerState::Running { started_at: at };
                    status.next_at = Some(at + profile.ready_seconds);
                }
                ContainerState::Running { .. } => {
                    status.state = ContainerState::Terminated {
                        reason: "Completed".to_string(),
                        exit_code: 0,
                    };
                    status.next_at = None;
                    if let Some(next) = pod.init_container_statuses.get_mut(i + 1) {
                        next.next_at = Some(at + images.resolve(&next.image).pull_seconds);
                    }
                    break;
                }
                ContainerState::Terminated { .. } => status.next_at = None,
            }
        }
        let done = matches!(
            &pod.init_container_statuses[i].state,
            ContainerState::Terminated { .. }
        );
        if !done {
            break;
        }
    }
}

/// One container's state machine, applied for every step due at or before `now`.
fn advance_container(
    status: &mut ContainerStatus,
    pod_name: &str,
    now: Seconds,
    images: &ImageRegistry,
    notes: &mut Vec<(EventType, Reason, String)>,
) {
    let profile = images.resolve(&status.image);
    while let Some(at) = status.next_at.filter(|at| *at <= now) {
        match status.state.clone() {
            ContainerState::Waiting { reason } if reason == "CrashLoopBackOff" => {
                status.restart_count += 1;
                start_container(status, at, profile);
            }
            ContainerState::Waiting { .. } if profile.pull_fails => pull_failed(status, at, notes),
            ContainerState::Waiting { .. } => start_container(status, at, profile),
            ContainerState::Running { started_at } => {
                let crash_at = profile.crash_after_seconds.map(|c| started_at + c);
                if crash_at.is_some_and(|c| c <= at) {
                    status.state = ContainerState::Terminated {
                        reason: "Error".to_string(),
                        exit_code: 1,
                    };
                    status.ready = false;
                    status.last_termination = Some(at);
                    status.failures += 1;
                    status.next_at = Some(at + 1);
                } else {
                    status.ready = true;
                    status.next_at = crash_at;
                }
            }
            ContainerState::Terminated { .. } => {
                let back_off = back_off_seconds(status.failures);
                status.state = ContainerState::Waiting {
                    reason: "CrashLoopBackOff".to_string(),
                };
                status.next_at = Some(at + back_off);
                notes.push((
                    EventType::Warning,
                    Reason::BackOff,
                    format!(
                        "Back-off restarting failed container {} in pod {pod_name}",
                        status.name
                    ),
                ));
            }
        }
    }
}

fn start_container(
    status: &mut ContainerStatus,
    at: Seconds,
    profile: super::images::ImageProfile,
) {
    status.state = ContainerState::Running { started_at: at };
    status.ready = false;
    let ready_at = match profile.readiness {
        Readiness::After => Some(at + profile.ready_seconds),
        Readiness::Never => None,
    };
    let crash_at = profile.crash_after_seconds.map(|c| at + c);
    status.next_at = match (ready_at, crash_at) {
        (Some(r), Some(c)) => Some(r.min(c)),
        (r, c) => r.or(c),
    };
}

/// A failed pull: `ErrImagePull` for one second, then `ImagePullBackOff` until the next try.
fn pull_failed(
    status: &mut ContainerStatus,
    at: Seconds,
    notes: &mut Vec<(EventType, Reason, String)>,
) {
    match &status.state {
        ContainerState::Waiting { reason } if reason == "ErrImagePull" => {
            status.state = ContainerState::Waiting {
                reason: "ImagePullBackOff".to_string(),
            };
            status.next_at = Some(at + back_off_seconds(status.failures));
            notes.push((
                EventType::Normal,
                Reason::BackOff,
                format!("Back-off pulling image {:?}", status.image),
            ));
        }
        _ => {
            status.failures += 1;
            status.state = ContainerState::Waiting {
                reason: "ErrImagePull".to_string(),
            };
            status.next_at = Some(at + 1);
            notes.push((
                EventType::Warning,
                Reason::Failed,
                format!(
                    "Failed to pull image {:?}: rpc error: code = NotFound desc = failed to pull and unpack image {:?}: not found",
                    status.image, status.image
                ),
            ));
        }
    }
}

/// Phase and the Ready condition from the container states.
fn update_pod_status(pod: &mut Pod, now: Seconds) {
    let running = pod
        .container_statuses
        .iter()
        .any(|c| matches!(c.state, ContainerState::Running { .. }));
    let restarted = pod
        .container_statuses
        .iter()
        .any(|c| c.restart_count > 0 || c.last_termination.is_some());
    if running || restarted {
        pod.phase = PodPhase::Running;
    }
    let all_ready =
        !pod.container_statuses.is_empty() && pod.container_statuses.iter().all(|c| c.ready);
    match (all_ready, pod.ready_since) {
        (true, None) => pod.ready_since = Some(now),
        (false, Some(_)) => pod.ready_since = None,
        _ => {}
    }
}
