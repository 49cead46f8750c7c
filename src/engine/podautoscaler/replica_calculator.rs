//! `pkg/controller/podautoscaler/replica_calculator.go` for resource utilization:
//! `GetResourceReplicas` with `groupPods`, `calculatePodRequests` and `removeMetricsForPods`.
//!
//! Worked example (`TestReplicaCalcScaleUp`): three ready pods requesting 1000m each use 300m,
//! 500m and 700m; utilization is 1500 × 100 / 3000 = 50%, against a target of 30% a ratio of
//! 1.67, outside the 0.1 tolerance, so the count is ceil(1.67 × 3) = 5.

use super::utilization::get_resource_utilization_ratio;
use crate::engine::autoscaling::MetricError;
use crate::engine::objects::{PodPhase, Seconds};
use crate::engine::sorting::ListMap;

/// One pod's usage as the metrics API reports it (`metricsclient.PodMetric`): millicores over
/// the `window` seconds ending at `timestamp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodMetric {
    pub timestamp: Seconds,
    pub window: Seconds,
    pub value: i64,
}

/// `metricsclient.PodMetricsInfo`: metrics by pod name.
pub type PodMetricsInfo = ListMap<String, PodMetric>;

/// A pod's `Ready` condition as the calculator reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadyCondition {
    pub ready: bool,
    pub last_transition_time: Seconds,
}

/// What the calculator reads of a pod the selector matches (`*v1.Pod`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodInfo {
    pub name: String,
    pub phase: PodPhase,
    /// `deletionTimestamp` is set.
    pub deleted: bool,
    pub ready: Option<ReadyCondition>,
    pub start_time: Option<Seconds>,
    /// Each container's name and CPU request in millicores (`None`: no request).
    pub cpu_requests: Vec<(String, Option<i64>)>,
}

/// `ReplicaCalculator`'s settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReplicaCalculator {
    pub tolerance: f64,
    pub cpu_initialization_period: Seconds,
    pub delay_of_initial_readiness_status: Seconds,
}

impl Default for ReplicaCalculator {
    /// kube-controller-manager's defaults: tolerance 0.1, `--horizontal-pod-autoscaler-cpu-
    /// initialization-period` 5m, `--horizontal-pod-autoscaler-initial-readiness-delay` 30s.
    fn default() -> Self {
        ReplicaCalculator {
            tolerance: 0.1,
            cpu_initialization_period: 300,
            delay_of_initial_readiness_status: 30,
        }
    }
}

/// How `GetResourceReplicas` reached its count, with the numbers it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    /// No unready or missing pod, and the ratio within the tolerance: the current count stays.
    WithinTolerance,
    /// No unready or missing pod: `ceil(ratio × pods)` with the ready pods counted.
    Scaled { pods: i32 },
    /// Missing pods counted at 100% of their request (scale-down) or 0 (scale-up), unready
    /// pods at 0 on a scale-up: `utilization` is the recomputed one over `pods` pods; `kept`
    /// when the current count stayed (within tolerance, or the direction would flip).
    Rebalanced {
        pods: i32,
        utilization: i32,
        kept: bool,
    },
}

/// `GetResourceReplicas`' answer, with the facts behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceReplicas {
    pub replicas: i32,
    /// The ready pods' utilization, percent of their request.
    pub utilization: i32,
    /// Their average usage, millicores (`rawUtilization`).
    pub raw_utilization: i64,
    pub ready_pods: i32,
    pub unready_pods: i32,
    pub missing_pods: i32,
    pub ignored_pods: i32,
    pub proposal: Proposal,
}

/// The pods sorted by how the calculator may use their metric (`groupPods`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupedPods {
    pub ready_pod_count: i32,
    /// Each group's pod names, in the order of the pods listed (each pod at most once).
    pub unready_pods: Vec<String>,
    pub missing_pods: Vec<String>,
    pub ignored_pods: Vec<String>,
}

impl ReplicaCalculator {
    /// `GetResourceReplicas` for CPU: the desired count for `target_utilization` percent, from
    /// the pods the selector matches and their metrics, at time `now`.
    pub fn get_resource_replicas(
        &self,
        current_replicas: i32,
        target_utilization: i32,
        pods: &[PodInfo],
        mut metrics: PodMetricsInfo,
        now: Seconds,
    ) -> Result<ResourceReplicas, MetricError> {
        if metrics.is_empty() {
            return Err(MetricError::NoMetrics);
        }
        if pods.is_empty() {
            return Err(MetricError::NoPods);
        }
        let groups = self.group_pods(pods, &metrics, now);
        remove_metrics_for_pods(&mut metrics, &groups.ignored_pods);
        remove_metrics_for_pods(&mut metrics, &groups.unready_pods);
        if metrics.is_empty() {
            return Err(MetricError::NoReadyPodMetrics);
        }
        let requests = calculate_pod_requests(pods)?;
        let (usage_ratio, utilization, raw_utilization) =
            get_resource_utilization_ratio(&metrics, &requests, target_utilization)?;
        let count = |group: &[String]| group.len() as i32;
        let answer = |replicas: i32, proposal: Proposal| ResourceReplicas {
            replicas,
            utilization,
            raw_utilization,
            ready_pods: groups.ready_pod_count,
            unready_pods: count(&groups.unready_pods),
            missing_pods: count(&groups.missing_pods),
            ignored_pods: count(&groups.ignored_pods),
            proposal,
        };

        let scale_up_with_unready = !groups.unready_pods.is_empty() && usage_ratio > 1.0;
        if !scale_up_with_unready && groups.missing_pods.is_empty() {
            if (1.0 - usage_ratio).abs() <= self.tolerance {
                // the change would be too small
                return Ok(answer(current_replicas, Proposal::WithinTolerance));
            }
            let pods = groups.ready_pod_count;
            let replicas = (usage_ratio * f64::from(pods)).ceil() as i32;
            return Ok(answer(replicas, Proposal::Scaled { pods }));
        }

        if !groups.missing_pods.is_empty() {
            if usage_ratio < 1.0 {
                // on a scale-down, missing pods count as using 100% of their request (or the
                // target, when it is above 100%)
                let fallback = i64::from(target_utilization.max(100));
                for pod in &groups.missing_pods {
                    let request = requests.get(pod).copied().unwrap_or(0);
                    let metric = request.saturating_mul(fallback) / 100;
                    metrics.insert(pod.clone(), metric_of(metric));
                }
            } else if usage_ratio > 1.0 {
                // on a scale-up, missing pods count as using nothing
                for pod in &groups.missing_pods {
                    metrics.insert(pod.clone(), metric_of(0));
                }
            }
        }
        if scale_up_with_unready {
            // on a scale-up, unready pods count as using nothing
            for pod in &groups.unready_pods {
                metrics.insert(pod.clone(), metric_of(0));
            }
        }

        // the utilization again, with the new numbers
        let (new_usage_ratio, new_utilization, _) =
            get_resource_utilization_ratio(&metrics, &requests, target_utilization)?;
        let pods = metrics.len() as i32;
        let kept = |kept: bool| Proposal::Rebalanced {
            pods,
            utilization: new_utilization,
            kept,
        };
        if (1.0 - new_usage_ratio).abs() <= self.tolerance
            || (usage_ratio < 1.0 && new_usage_ratio > 1.0)
            || (usage_ratio > 1.0 && new_usage_ratio < 1.0)
        {
            // too small a change, or the direction would flip
            return Ok(answer(current_replicas, kept(true)));
        }
        let new_replicas = (new_usage_ratio * f64::from(pods)).ceil() as i32;
        if (new_usage_ratio < 1.0 && new_replicas > current_replicas)
            || (new_usage_ratio > 1.0 && new_replicas < current_replicas)
        {
            // counting more pods would flip the direction
            return Ok(answer(current_replicas, kept(true)));
        }
        Ok(answer(new_replicas, kept(false)))
    }

    /// `groupPods`: deleted and Failed pods are ignored, Pending pods unready, pods without a
    /// metric missing; for CPU, a pod in its first `cpu_initialization_period` is unready while
    /// not Ready or until one full metric window has passed since it became Ready, and after
    /// that only if it is not Ready and has never been (its readiness last changed within
    /// `delay_of_initial_readiness_status` of its start).
    pub fn group_pods(
        &self,
        pods: &[PodInfo],
        metrics: &PodMetricsInfo,
        now: Seconds,
    ) -> GroupedPods {
        let mut groups = GroupedPods::default();
        for pod in pods {
            if pod.deleted || pod.phase == PodPhase::Failed {
                groups.ignored_pods.push(pod.name.clone());
                continue;
            }
            if pod.phase == PodPhase::Pending {
                groups.unready_pods.push(pod.name.clone());
                continue;
            }
            let Some(metric) = metrics.get(&pod.name) else {
                groups.missing_pods.push(pod.name.clone());
                continue;
            };
            let unready = match (pod.ready, pod.start_time) {
                (Some(condition), Some(start)) => {
                    if start + self.cpu_initialization_period > now {
                        !condition.ready
                            || metric.timestamp < condition.last_transition_time + metric.window
                    } else {
                        !condition.ready
                            && start + self.delay_of_initial_readiness_status
                                > condition.last_transition_time
                    }
                }
                _ => true,
            };
            if unready {
                groups.unready_pods.push(pod.name.clone());
                continue;
            }
            groups.ready_pod_count += 1;
        }
        groups
    }
}

fn metric_of(value: i64) -> PodMetric {
    PodMetric {
        timestamp: 0,
        window: 0,
        value,
    }
}

/// `calculatePodRequests`: each pod's CPU request, the sum of its containers'; a container
/// without one fails the whole calculation, naming the first such container. The sum saturates
/// where Go's int64 would wrap (`cpu: 9e15` twice).
pub fn calculate_pod_requests(pods: &[PodInfo]) -> Result<ListMap<String, i64>, MetricError> {
    let mut requests = ListMap::default();
    for pod in pods {
        let mut sum: i64 = 0;
        for (container, request) in &pod.cpu_requests {
            let Some(request) = request else {
                return Err(MetricError::MissingRequest {
                    container: container.clone(),
                    pod: pod.name.clone(),
                });
            };
            sum = sum.saturating_add(*request);
        }
        requests.insert(pod.name.clone(), sum);
    }
    Ok(requests)
}

/// `removeMetricsForPods`.
pub fn remove_metrics_for_pods(metrics: &mut PodMetricsInfo, pods: &[String]) {
    for pod in pods {
        metrics.remove(pod);
    }
}
