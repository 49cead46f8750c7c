//! What kubectl derives from a pod's status for its columns (`printPod` in
//! `pkg/printers/internalversion/printers.go`, KUBECTL.md §10): STATUS, READY, RESTARTS, and the
//! simulated pod IP.

use crate::engine::{
    ContainerState, Pod, PodPhase, Seconds, Simulation, TerminatedReason, WaitingReason,
};

use super::duration::human_duration;

/// The STATUS column of `kubectl get pods` (KUBECTL.md §10, in upstream's order). Upstream also
/// handles containers that give no reason (`ExitCode:N`); the simulated kubelet always gives one.
pub fn pod_status(pod: &Pod) -> String {
    let mut reason = match pod.reason {
        Some(reason) => reason.as_str(),
        None => pod.phase.as_str(),
    }
    .to_string();

    let total_init = pod.init_container_statuses.len();
    let mut initializing = false;
    for (i, container) in pod.init_container_statuses.iter().enumerate() {
        match &container.state {
            ContainerState::Terminated { exit_code: 0, .. } => continue,
            ContainerState::Terminated { reason: r, .. } => reason = format!("Init:{}", r.as_str()),
            ContainerState::Waiting { reason: r } if *r != WaitingReason::PodInitializing => {
                reason = format!("Init:{}", r.as_str());
            }
            _ => reason = format!("Init:{i}/{total_init}"),
        }
        initializing = true;
        break;
    }

    if !initializing {
        let mut has_running = false;
        // The first container that is not running gives the reason (they are walked from last
        // to first); `completed`: that reason is Completed, which upstream tests by its text.
        let mut completed = false;
        for container in pod.container_statuses.iter().rev() {
            match &container.state {
                ContainerState::Waiting { reason: r } => {
                    reason = r.as_str().to_string();
                    completed = false;
                }
                ContainerState::Terminated { reason: r, .. } => {
                    reason = r.as_str().to_string();
                    completed = *r == TerminatedReason::Completed;
                }
                ContainerState::Running { .. } if container.ready => has_running = true,
                ContainerState::Running { .. } => {}
            }
        }
        if completed && has_running {
            reason = if pod.is_ready() {
                "Running"
            } else {
                "NotReady"
            }
            .to_string();
        }
    }

    if pod.is_terminating() {
        if pod.is_node_lost() {
            reason = "Unknown".to_string();
        } else if !matches!(pod.phase, PodPhase::Succeeded | PodPhase::Failed) {
            reason = "Terminating".to_string();
        }
    }
    reason
}

/// The READY column: containers that are running and ready, over all containers.
pub fn ready_column(pod: &Pod) -> String {
    let ready = pod
        .container_statuses
        .iter()
        .filter(|c| c.ready && matches!(c.state, ContainerState::Running { .. }))
        .count();
    format!("{ready}/{}", pod.containers.len())
}

/// The RESTARTS column: the sum of restart counts, with `(<age> ago)` of the latest termination.
pub fn restarts_column(pod: &Pod, now: Seconds) -> String {
    let all = pod
        .init_container_statuses
        .iter()
        .chain(&pod.container_statuses);
    let restarts: i32 = all.clone().map(|c| c.restart_count).sum();
    let last = all.filter_map(|c| c.last_termination).max();
    match last {
        Some(at) if restarts != 0 => format!("{restarts} ({} ago)", human_duration(now - at)),
        _ => restarts.to_string(),
    }
}

/// A stable simulated pod IP: `10.244.<node number>.<n>`, or `<none>` before the pod is bound.
pub fn pod_ip(sim: &Simulation, pod: &Pod) -> Option<String> {
    let node = pod.node_name.as_deref()?;
    let index = sim.nodes().iter().position(|n| n.name == node)? + 1;
    Some(format!("10.244.{index}.{}", pod.metadata.uid % 250 + 2))
}

/// A node's simulated internal IP: `192.168.49.<n+1>` for the n-th node.
pub fn node_ip(sim: &Simulation, node: &str) -> Option<String> {
    let index = sim.nodes().iter().position(|n| n.name == node)? + 2;
    Some(format!("192.168.49.{index}"))
}

#[cfg(test)]
mod tests {
    use super::pod_status;
    use crate::engine::{
        ContainerState, ContainerStatus, ObjectMeta, Pod, PodPhase, PodReason, Resources,
        TerminatedReason, WaitingReason,
    };

    fn pod(phase: PodPhase, states: &[(ContainerState, bool)]) -> Pod {
        Pod {
            metadata: ObjectMeta::named("default", "web-abc-xyz12"),
            owner: None,
            node_name: Some("node-1".into()),
            node_selector: Default::default(),
            init_containers: Vec::new(),
            containers: Vec::new(),
            phase,
            reason: None,
            init_container_statuses: Vec::new(),
            container_statuses: states
                .iter()
                .enumerate()
                .map(|(i, (state, ready))| ContainerStatus {
                    name: format!("c{i}"),
                    image: "nginx".into(),
                    state: state.clone(),
                    ready: *ready,
                    restart_count: 0,
                    last_termination: None,
                    next_at: None,
                    failures: 0,
                })
                .collect(),
            ready_since: None,
            start_time: None,
            ready_transition: None,
            requests: Resources::default(),
            termination_grace_period_seconds: 30,
            unschedulable: None,
            written: 0,
        }
    }

    fn waiting(reason: WaitingReason) -> ContainerState {
        ContainerState::Waiting { reason }
    }

    fn terminated(reason: TerminatedReason, exit_code: i32) -> ContainerState {
        ContainerState::Terminated { reason, exit_code }
    }

    const RUNNING: ContainerState = ContainerState::Running { started_at: 0 };

    #[test]
    fn status_column_follows_print_pod() {
        let mut terminating = pod(PodPhase::Running, &[(RUNNING, true)]);
        terminating.metadata.deletion_timestamp = Some(5);
        let mut lost = terminating.clone();
        lost.reason = Some(PodReason::NodeLost);
        let mut completed_but_running = pod(
            PodPhase::Running,
            &[
                (terminated(TerminatedReason::Completed, 0), false),
                (RUNNING, true),
            ],
        );
        completed_but_running.ready_since = Some(1);
        let mut init_waiting = pod(
            PodPhase::Pending,
            &[(waiting(WaitingReason::PodInitializing), false)],
        );
        init_waiting.init_container_statuses = pod(
            PodPhase::Pending,
            &[
                (terminated(TerminatedReason::Completed, 0), false),
                (RUNNING, false),
            ],
        )
        .container_statuses;
        let mut init_crash = init_waiting.clone();
        init_crash.init_container_statuses[1].state = waiting(WaitingReason::CrashLoopBackOff);
        let mut init_failed = init_waiting.clone();
        init_failed.init_container_statuses[1].state = terminated(TerminatedReason::Error, 2);

        let table: Vec<(Pod, &str)> = vec![
            (pod(PodPhase::Pending, &[]), "Pending"),
            (
                pod(
                    PodPhase::Pending,
                    &[(waiting(WaitingReason::ContainerCreating), false)],
                ),
                "ContainerCreating",
            ),
            (pod(PodPhase::Running, &[(RUNNING, true)]), "Running"),
            (pod(PodPhase::Running, &[(RUNNING, false)]), "Running"),
            (
                pod(
                    PodPhase::Pending,
                    &[(waiting(WaitingReason::ImagePullBackOff), false)],
                ),
                "ImagePullBackOff",
            ),
            (
                pod(
                    PodPhase::Running,
                    &[(waiting(WaitingReason::CrashLoopBackOff), false)],
                ),
                "CrashLoopBackOff",
            ),
            (
                pod(
                    PodPhase::Running,
                    &[(terminated(TerminatedReason::Error, 1), false)],
                ),
                "Error",
            ),
            // the first container's reason wins: statuses are walked from last to first.
            (
                pod(
                    PodPhase::Pending,
                    &[
                        (waiting(WaitingReason::ErrImagePull), false),
                        (waiting(WaitingReason::ContainerCreating), false),
                    ],
                ),
                "ErrImagePull",
            ),
            (completed_but_running, "Running"),
            (init_waiting, "Init:1/2"),
            (init_crash, "Init:CrashLoopBackOff"),
            (init_failed, "Init:Error"),
            (terminating, "Terminating"),
            (lost, "Unknown"),
        ];
        for (pod, want) in table {
            assert_eq!(pod_status(&pod), want, "{pod:?}");
        }
    }
}
