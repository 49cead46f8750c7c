//! The kubelet: pulls images, runs init containers one after another, starts the containers,
//! reports readiness, restarts crashing containers and retries failed pulls with upstream's
//! back-off (10 s doubling to 300 s), and finishes graceful deletion.
//!
//! Timing (DESIGN.md): a pod bound at tick s whose image has pull time p and ready time r runs
//! from s+p and is Ready from s+p+r. Each container carries its next due tick (`next_at`), and the
//! pod is woken up then, so a tick only touches the pods whose state changes.

use super::events::{EventKind, ImagePullError, ObjectKind, ObjectRef};
use super::images::{ImageProfile, Readiness};
use super::objects::{
    ContainerRef, ContainerState, ContainerStatus, Pod, PodPhase, Seconds, TerminatedReason, Uid,
    WaitingReason,
};
use super::Simulation;

/// Upstream's back-off (`flowcontrol.Backoff`, 10 s initial, 300 s cap): the wait before the
/// next try after the `failures`-th failure in a row: 10 s, 20 s, 40 s, ... 300 s.
pub fn back_off_seconds(failures: u32) -> Seconds {
    let doublings = failures.saturating_sub(1).min(5);
    (10 * (1i64 << doublings)).min(300)
}

/// The wait before restarting a container after its `crashes`-th exit in a row: the first exit
/// restarts at once (no back-off entry exists yet), later ones wait 10 s, 20 s, ... 300 s.
pub fn crash_back_off_seconds(crashes: u32) -> Seconds {
    if crashes <= 1 {
        0
    } else {
        back_off_seconds(crashes - 1)
    }
}

/// A container that ran this long before exiting starts a new back-off series
/// (`Backoff.hasExpired`: twice the 300 s cap).
const BACK_OFF_RESET_SECONDS: Seconds = 600;

/// Advances every pod whose next change is due; returns whether anything changed.
pub fn sync_pods(sim: &mut Simulation) -> bool {
    let now = sim.now();
    let mut changed = false;
    while let Some(uid) = sim.store_mut().next_due_wakeup(now) {
        changed |= sync_pod(sim, uid, now);
    }
    changed
}

/// How long a pod takes to stop: its slowest running container's stop time, capped by the grace
/// period. A pod with nothing running (pulling, backing off) stops at once.
pub fn stop_seconds(pod: &Pod) -> i64 {
    let slowest = pod
        .container_statuses
        .iter()
        .zip(&pod.containers)
        .filter(|(status, _)| matches!(status.state, ContainerState::Running { .. }))
        .map(|(_, spec)| spec.profile.stop_seconds)
        .max()
        .unwrap_or(0);
    slowest.min(pod.termination_grace_period_seconds).max(0)
}

/// A pod was bound to a node at `now`: its containers start being created (init containers
/// first, one at a time).
pub fn start_pod(sim: &mut Simulation, uid: Uid, now: Seconds) {
    let started = sim.store_mut().update_pod(uid, |pod| {
        (
            create_containers(pod, now),
            ObjectRef::of(ObjectKind::Pod, &pod.metadata),
        )
    });
    let Some((first_pulls, object)) = started else {
        return;
    };
    sim.record_all(object, first_pulls);
    sync_pod(sim, uid, now);
}

/// The containers' first statuses (waiting, the first image pulling); returns the pull events.
fn create_containers(pod: &mut Pod, now: Seconds) -> Vec<EventKind> {
    let has_init = !pod.init_containers.is_empty();
    pod.init_container_statuses = pod
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let next = (i == 0).then_some(now + c.profile.pull_seconds);
            waiting(c, WaitingReason::PodInitializing, next)
        })
        .collect();
    pod.container_statuses = pod
        .containers
        .iter()
        .map(|c| {
            if has_init {
                waiting(c, WaitingReason::PodInitializing, None)
            } else {
                waiting(
                    c,
                    WaitingReason::ContainerCreating,
                    Some(now + c.profile.pull_seconds),
                )
            }
        })
        .collect();
    match pod.init_containers.first() {
        Some(init) => vec![pulling(&init.image)],
        None => pod.containers.iter().map(|c| pulling(&c.image)).collect(),
    }
}

fn waiting(
    container: &ContainerRef,
    reason: WaitingReason,
    next_at: Option<Seconds>,
) -> ContainerStatus {
    ContainerStatus {
        name: container.name.clone(),
        image: container.image.clone(),
        state: ContainerState::Waiting { reason },
        ready: false,
        restart_count: 0,
        last_termination: None,
        next_at,
        failures: 0,
    }
}

/// Brings one pod up to date at `now`; returns whether its visible state changed.
fn sync_pod(sim: &mut Simulation, uid: Uid, now: Seconds) -> bool {
    let store = sim.store_mut();
    let Some(synced) = store.update_pod(uid, |pod| advance_pod(pod, now)) else {
        return false;
    };
    if synced.gone {
        store.remove_pod(uid);
    }
    if let Some(at) = synced.wake_at {
        store.wake_at(at, uid);
    }
    if let Some((object, notes)) = synced.report {
        sim.record_all(object, notes);
    }
    synced.changed
}

/// What syncing a pod found: whether its visible state changed, whether its graceful deletion
/// is over (the pod goes), when it wants to be woken next, and the events to record about it.
#[derive(Default)]
struct PodSync {
    changed: bool,
    gone: bool,
    wake_at: Option<Seconds>,
    report: Option<(ObjectRef, Vec<EventKind>)>,
}

/// The pod's side of `sync_pod`: finishes its graceful deletion, or advances its containers.
fn advance_pod(pod: &mut Pod, now: Seconds) -> PodSync {
    if let Some(deleted_at) = pod.metadata.deletion_timestamp {
        if pod.is_node_lost() {
            return PodSync::default();
        }
        let gone_at = deleted_at + stop_seconds(pod);
        if now >= gone_at {
            return PodSync {
                changed: true,
                gone: true,
                ..PodSync::default()
            };
        }
        return PodSync {
            wake_at: Some(gone_at),
            ..PodSync::default()
        };
    }
    if pod.node_name.is_none() {
        return PodSync::default();
    }
    let mut notes: Vec<EventKind> = Vec::new();
    let mut changed = advance_init_containers(pod, now, &mut notes);
    let init_done = pod.init_container_statuses.iter().all(|c| {
        matches!(
            c.state,
            ContainerState::Terminated {
                reason: TerminatedReason::Completed,
                ..
            }
        )
    });
    if init_done {
        for (status, spec) in pod.container_statuses.iter_mut().zip(&pod.containers) {
            let initializing = status.state
                == ContainerState::Waiting {
                    reason: WaitingReason::PodInitializing,
                };
            if status.next_at.is_none() && initializing {
                status.state = ContainerState::Waiting {
                    reason: WaitingReason::ContainerCreating,
                };
                status.next_at = Some(now + spec.profile.pull_seconds);
                changed = true;
            }
            changed |= advance_container(status, spec.profile, now, &mut notes);
        }
    }
    changed |= update_pod_status(pod, now);
    let next = pod
        .init_container_statuses
        .iter()
        .chain(&pod.container_statuses)
        .filter_map(|c| c.next_at)
        .min();
    PodSync {
        changed,
        gone: false,
        wake_at: next.map(|next| next.max(now + 1)),
        report: (!notes.is_empty()).then(|| (ObjectRef::of(ObjectKind::Pod, &pod.metadata), notes)),
    }
}

/// Runs the init containers in order: each pulls, runs for its image's ready time, completes.
/// Returns whether any of them changed.
fn advance_init_containers(pod: &mut Pod, now: Seconds, notes: &mut Vec<EventKind>) -> bool {
    let mut changed = false;
    for i in 0..pod.init_container_statuses.len() {
        let profile = pod.init_containers[i].profile;
        let status = &mut pod.init_container_statuses[i];
        while let Some(at) = status.next_at.filter(|at| *at <= now) {
            changed = true;
            match status.state {
                ContainerState::Waiting { .. } if profile.pull_fails => {
                    pull_failed(status, at, notes);
                }
                ContainerState::Waiting { .. } => {
                    started_events(status, profile, notes);
                    status.state = ContainerState::Running { started_at: at };
                    status.next_at = Some(at + profile.ready_seconds);
                }
                ContainerState::Running { .. } => {
                    status.state = ContainerState::Terminated {
                        reason: TerminatedReason::Completed,
                        exit_code: 0,
                    };
                    status.next_at = None;
                    if let Some(next) = pod.init_container_statuses.get_mut(i + 1) {
                        next.next_at = Some(at + pod.init_containers[i + 1].profile.pull_seconds);
                        notes.push(pulling(&next.image));
                    } else {
                        for c in &pod.containers {
                            notes.push(pulling(&c.image));
                        }
                    }
                    break;
                }
                ContainerState::Terminated { .. } => status.next_at = None,
            }
        }
        if !matches!(
            pod.init_container_statuses[i].state,
            ContainerState::Terminated { .. }
        ) {
            break;
        }
    }
    changed
}

/// One container's state machine, applied for every step due at or before `now`. Returns
/// whether it changed.
fn advance_container(
    status: &mut ContainerStatus,
    profile: ImageProfile,
    now: Seconds,
    notes: &mut Vec<EventKind>,
) -> bool {
    let mut changed = false;
    while let Some(at) = status.next_at.filter(|at| *at <= now) {
        changed = true;
        match &status.state {
            ContainerState::Waiting {
                reason: WaitingReason::CrashLoopBackOff,
            } => {
                status.restart_count += 1;
                start_container(status, at, profile);
                notes.push(started(&status.name));
            }
            ContainerState::Waiting { .. } if profile.pull_fails => pull_failed(status, at, notes),
            ContainerState::Waiting { .. } => {
                started_events(status, profile, notes);
                start_container(status, at, profile);
            }
            ContainerState::Running { started_at } => {
                let started_at = *started_at;
                let crash_at = profile.crash_after_seconds.map(|c| started_at + c);
                if crash_at.is_some_and(|c| c <= at) {
                    status.state = ContainerState::Terminated {
                        reason: TerminatedReason::Error,
                        exit_code: 1,
                    };
                    status.ready = false;
                    status.last_termination = Some(at);
                    if at - started_at > BACK_OFF_RESET_SECONDS {
                        status.failures = 0;
                    }
                    status.failures += 1;
                    // The kubelet notices the exit about a second later (PLEG): then it restarts
                    // at once the first time, or waits out the back-off (CrashLoopBackOff).
                    status.next_at = Some(at + 1);
                } else {
                    status.ready = true;
                    status.next_at = crash_at;
                }
            }
            ContainerState::Terminated { .. } => {
                let restart_at =
                    status.last_termination.unwrap_or(at) + crash_back_off_seconds(status.failures);
                if restart_at <= at {
                    status.restart_count += 1;
                    start_container(status, at, profile);
                    notes.push(started(&status.name));
                } else {
                    status.state = ContainerState::Waiting {
                        reason: WaitingReason::CrashLoopBackOff,
                    };
                    status.next_at = Some(restart_at);
                    notes.push(EventKind::BackOffStartContainer {
                        container: status.name.clone(),
                    });
                }
            }
        }
    }
    changed
}

fn pulling(image: &str) -> EventKind {
    EventKind::PullingImage {
        image: image.to_string(),
    }
}

fn started(container: &str) -> EventKind {
    EventKind::StartedContainer {
        container: container.to_string(),
    }
}

/// `Pulled`, `Created` and `Started`, as a container first starts.
fn started_events(status: &ContainerStatus, profile: ImageProfile, notes: &mut Vec<EventKind>) {
    notes.push(EventKind::PulledImage {
        image: status.image.clone(),
        seconds: profile.pull_seconds,
    });
    notes.push(EventKind::CreatedContainer {
        container: status.name.clone(),
    });
    notes.push(started(&status.name));
}

fn start_container(status: &mut ContainerStatus, at: Seconds, profile: ImageProfile) {
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
fn pull_failed(status: &mut ContainerStatus, at: Seconds, notes: &mut Vec<EventKind>) {
    match &status.state {
        ContainerState::Waiting {
            reason: WaitingReason::ErrImagePull,
        } => {
            // The next try comes one back-off after the failure (one second ago).
            let error = ImagePullError::ImagePullBackOff;
            status.state = ContainerState::Waiting {
                reason: error.waiting_reason(),
            };
            status.next_at = Some(at - 1 + back_off_seconds(status.failures));
            notes.push(EventKind::BackOffPullImage {
                image: status.image.clone(),
            });
            notes.push(EventKind::FailedToCreateContainer { error });
        }
        _ => {
            status.failures += 1;
            let error = ImagePullError::ErrImagePull;
            status.state = ContainerState::Waiting {
                reason: error.waiting_reason(),
            };
            status.next_at = Some(at + 1);
            if status.failures > 1 {
                notes.push(pulling(&status.image));
            }
            notes.push(EventKind::FailedToPullImage {
                image: status.image.clone(),
            });
            notes.push(EventKind::FailedToCreateContainer { error });
        }
    }
}

/// Phase and the Ready condition from the container states; returns whether they changed.
fn update_pod_status(pod: &mut Pod, now: Seconds) -> bool {
    let started = pod
        .container_statuses
        .iter()
        .any(|c| matches!(c.state, ContainerState::Running { .. }) || c.last_termination.is_some());
    let mut changed = false;
    if started && pod.phase != PodPhase::Running {
        pod.phase = PodPhase::Running;
        changed = true;
    }
    let all_ready =
        !pod.container_statuses.is_empty() && pod.container_statuses.iter().all(|c| c.ready);
    match (all_ready, pod.ready_since) {
        (true, None) => {
            pod.ready_since = Some(now);
            pod.ready_transition = Some(now);
            changed = true;
        }
        (false, Some(_)) => {
            pod.ready_since = None;
            pod.ready_transition = Some(now);
            changed = true;
        }
        _ => {}
    }
    changed
}
