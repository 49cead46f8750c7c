//! The HorizontalPodAutoscaler controller, `pkg/controller/podautoscaler/horizontal.go`, under
//! upstream's names: `reconcileAutoscaler` reads the target's scale (`spec.replicas` of its
//! Deployment), `computeReplicasForMetrics` asks the replica calculator for each metric,
//! `normalizeDesiredReplicas` (no `behavior`: the 300 s downscale window of
//! `stabilizeRecommendation`, then `convertDesiredReplicasWithRules` with `calculateScaleUpLimit`)
//! or `normalizeDesiredReplicasWithBehaviors` (`stabilizeRecommendationWithBehaviors`, then
//! `convertDesiredReplicasWithBehaviorRate`) bound it, and a change is written through the scale
//! subresource, so that the Deployment controller scales a rollout in progress proportionally.
//! The recommendations and scale events it remembers per HPA are `HorizontalController`'s.
//!
//! Timing (DESIGN.md): an HPA created at tick c syncs at c, c + 15, c + 30, ..., once, at the
//! start of the controller phase. Its metrics are the pods' CPU of the previous tick
//! (timestamp t - 1, window 15 s).
//!
//! Each sync is recorded as a `Decision` (`Step::Autoscale`) with the numbers behind it, for
//! `crate::why`.

pub mod replica_calculator;
pub mod utilization;

use super::autoscaling::{
    HorizontalPodAutoscaler, HpaCondition, HpaConditionReason, HpaConditionType, MetricError,
    MetricStatus, ScalingPolicyType, ScalingRules, SelectPolicy,
};
use super::events::{EventKind, ObjectKind, ObjectRef};
use super::objects::{ConditionStatus, Pod, PodPhase, Seconds, Uid};
use super::sorting::ListMap;
use super::{Decision, Simulation, Step};
use replica_calculator::{
    PodInfo, PodMetric, PodMetricsInfo, Proposal, ReadyCondition, ReplicaCalculator,
};

/// `--horizontal-pod-autoscaler-sync-period`.
pub const SYNC_PERIOD: Seconds = 15;
/// `--horizontal-pod-autoscaler-downscale-stabilization`.
pub const DOWNSCALE_STABILISATION_WINDOW: Seconds = 300;
/// The window of the metrics the pipeline reports (metrics-server's 15 s).
pub const METRIC_WINDOW: Seconds = 15;

const SCALE_UP_LIMIT_FACTOR: f64 = 2.0;
const SCALE_UP_LIMIT_MINIMUM: f64 = 4.0;

/// `(namespace, name)` of an HPA, upstream's `key`.
type Key = (String, String);

/// `timestampedRecommendation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimestampedRecommendation {
    pub recommendation: i32,
    pub timestamp: Seconds,
}

/// `timestampedScaleEvent`: `replica_change` pods added (scale-up list) or removed (scale-down).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimestampedScaleEvent {
    pub replica_change: i32,
    pub timestamp: Seconds,
    pub outdated: bool,
}

/// What the controller remembers between syncs (`HorizontalController`'s maps), and when each
/// HPA syncs next (its work queue).
#[derive(Debug, Clone, Default)]
pub struct HorizontalController {
    recommendations: ListMap<Key, Vec<TimestampedRecommendation>>,
    scale_up_events: ListMap<Key, Vec<TimestampedScaleEvent>>,
    scale_down_events: ListMap<Key, Vec<TimestampedScaleEvent>>,
    next_sync: ListMap<Key, Seconds>,
    calculator: ReplicaCalculator,
}

impl HorizontalController {
    /// A new HPA is queued for a sync at `now` (`enqueueHPA`).
    pub(crate) fn added(&mut self, key: Key, now: Seconds) {
        self.next_sync.insert(key, now);
    }

    /// `reconcileKey` for a deleted HPA: everything about it is forgotten.
    pub(crate) fn deleted(&mut self, key: &Key) {
        self.recommendations.remove(key);
        self.scale_up_events.remove(key);
        self.scale_down_events.remove(key);
        self.next_sync.remove(key);
    }

    /// Whether any HPA syncs at `now`.
    pub(crate) fn any_due(&self, now: Seconds) -> bool {
        self.next_sync.values().any(|at| *at <= now)
    }

    /// The HPAs due at `now`, in key order; each is queued again one period later.
    fn take_due(&mut self, now: Seconds) -> Vec<Key> {
        let mut due = Vec::new();
        for (key, at) in self.next_sync.iter_mut() {
            if *at <= now {
                *at = now + SYNC_PERIOD;
                due.push(key.clone());
            }
        }
        due
    }

    /// `recordInitialRecommendation`.
    fn record_initial_recommendation(&mut self, current_replicas: i32, key: &Key, now: Seconds) {
        if !self.recommendations.contains_key(key) {
            let initial = TimestampedRecommendation {
                recommendation: current_replicas,
                timestamp: now,
            };
            self.recommendations.insert(key.clone(), vec![initial]);
        }
    }
}

/// What one sync of one HPA decided, with its inputs (`Step::Autoscale`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autoscaling {
    pub hpa: String,
    /// The target's `spec.replicas` when the sync began.
    pub current_replicas: i32,
    pub min_replicas: i32,
    pub max_replicas: i32,
    pub outcome: AutoscaleOutcome,
    /// The target's size after the sync.
    pub desired_replicas: i32,
}

/// The branch `reconcileAutoscaler` took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AutoscaleOutcome {
    /// The target Deployment does not exist (`FailedGetScale`).
    TargetMissing,
    /// `spec.replicas` is 0: autoscaling is off (`ScalingDisabled`).
    ScalingDisabled,
    /// More replicas than `maxReplicas`: brought down to it.
    AboveMaxReplicas,
    /// Fewer than `minReplicas`: brought up to it.
    BelowMinReplicas,
    /// The metric could not be computed; nothing changes.
    MetricFailed(Box<MetricError>),
    /// The metric gave a count, then normalized.
    Computed(Box<Computed>),
}

/// The arithmetic of a computed recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Computed {
    /// The ready pods' utilization, percent of their CPU request.
    pub utilization: i32,
    pub target_utilization: i32,
    pub ready_pods: i32,
    pub unready_pods: i32,
    pub missing_pods: i32,
    pub proposal: Proposal,
    /// What the metric asks for (`metricDesiredReplicas`).
    pub recommended: i32,
    /// After the stabilization window.
    pub stabilized: i32,
    /// The bound `convert...` applied, and its reason (`DesiredWithinRange` when none did).
    pub limit: Limit,
    /// Whether `spec.behavior` was given.
    pub with_behavior: bool,
}

/// A limit of `convertDesiredReplicasWithRules` / `...WithBehaviorRate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    DesiredWithinRange,
    TooFewReplicas {
        min: i32,
    },
    TooManyReplicas {
        max: i32,
    },
    /// Without behavior, `max(2 × current, 4)`; with it, the scale-up policies' bound.
    ScaleUpLimit {
        limit: i32,
    },
    ScaleDownLimit {
        limit: i32,
    },
}

impl Limit {
    fn reason(self) -> HpaConditionReason {
        match self {
            Limit::DesiredWithinRange => HpaConditionReason::DesiredWithinRange,
            Limit::TooFewReplicas { .. } => HpaConditionReason::TooFewReplicas,
            Limit::TooManyReplicas { .. } => HpaConditionReason::TooManyReplicas,
            Limit::ScaleUpLimit { .. } => HpaConditionReason::ScaleUpLimit,
            Limit::ScaleDownLimit { .. } => HpaConditionReason::ScaleDownLimit,
        }
    }
}

/// Why `SuccessfulRescale` rescaled (`rescaleReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RescaleReason {
    /// `cpu resource utilization (percentage of request) above target`.
    MetricAboveTarget,
    /// `All metrics below target`.
    AllMetricsBelowTarget,
    /// `Current number of replicas above Spec.MaxReplicas`.
    AboveMaxReplicas,
    /// `Current number of replicas below Spec.MinReplicas`.
    BelowMinReplicas,
    /// The metric asked for the current count; only the stabilization moved it (empty).
    None,
}

impl RescaleReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RescaleReason::MetricAboveTarget => {
                "cpu resource utilization (percentage of request) above target"
            }
            RescaleReason::AllMetricsBelowTarget => "All metrics below target",
            RescaleReason::AboveMaxReplicas => "Current number of replicas above Spec.MaxReplicas",
            RescaleReason::BelowMinReplicas => "Current number of replicas below Spec.MinReplicas",
            RescaleReason::None => "",
        }
    }
}

// ----- the controller -----

/// Syncs every HPA due at this tick, in key order, before the other controllers run. `usage`
/// is the pods' CPU of tick `usage_tick` (the previous tick), in millicores, what the metrics
/// pipeline reports. Returns whether anything changed.
pub(crate) fn sync_all(
    sim: &mut Simulation,
    usage_tick: Seconds,
    usage: &ListMap<Uid, i64>,
) -> bool {
    let now = sim.now();
    let due = sim.autoscaler_mut().take_due(now);
    let mut changed = false;
    for key in due {
        changed |= reconcile_autoscaler(sim, &key, usage_tick, usage);
    }
    changed
}

/// `reconcileAutoscaler`: one sync of one HPA. Returns whether anything changed.
fn reconcile_autoscaler(
    sim: &mut Simulation,
    key: &Key,
    usage_tick: Seconds,
    usage: &ListMap<Uid, i64>,
) -> bool {
    let now = sim.now();
    let Some(mut hpa) = sim.store().horizontal_pod_autoscaler(key).cloned() else {
        return false;
    };
    let original = hpa.status.clone();
    let object = ObjectRef::of(ObjectKind::HorizontalPodAutoscaler, &hpa.metadata);
    let target = hpa.spec.scale_target_ref.name.clone();
    let min_replicas = hpa.spec.min_replicas;
    let max_replicas = hpa.spec.max_replicas;
    let record = |sim: &mut Simulation, current: i32, outcome: AutoscaleOutcome, desired: i32| {
        let step = Step::Autoscale(Box::new(Autoscaling {
            hpa: key.1.clone(),
            current_replicas: current,
            min_replicas,
            max_replicas,
            outcome,
            desired_replicas: desired,
        }));
        sim.record_decision(Decision {
            time: now,
            namespace: key.0.clone(),
            deployment: target.clone(),
            step,
        });
    };

    let Some(deployment) = sim.deployment(&key.0, &target) else {
        sim.record(
            object,
            EventKind::FailedGetScale {
                target: target.clone(),
            },
        );
        set_condition(
            &mut hpa,
            HpaConditionType::AbleToScale,
            ConditionStatus::False,
            HpaConditionReason::FailedGetScale {
                target: target.clone(),
            },
            now,
        );
        record(sim, 0, AutoscaleOutcome::TargetMissing, 0);
        return update_status_if_needed(sim, key, &original, hpa);
    };
    let selector = deployment.spec.selector.clone();
    let current_replicas = deployment.spec.replicas;
    set_condition(
        &mut hpa,
        HpaConditionType::AbleToScale,
        ConditionStatus::True,
        HpaConditionReason::SucceededGetScale,
        now,
    );
    sim.autoscaler_mut()
        .record_initial_recommendation(current_replicas, key, now);

    let mut metric_statuses = Vec::new();
    let mut desired_replicas = 0;
    let mut rescale_reason = RescaleReason::None;
    let mut rescale = true;
    let outcome;
    if current_replicas == 0 && min_replicas != 0 {
        // autoscaling is disabled for this resource
        rescale = false;
        set_condition(
            &mut hpa,
            HpaConditionType::ScalingActive,
            ConditionStatus::False,
            HpaConditionReason::ScalingDisabled,
            now,
        );
        outcome = AutoscaleOutcome::ScalingDisabled;
    } else if current_replicas > max_replicas {
        rescale_reason = RescaleReason::AboveMaxReplicas;
        desired_replicas = max_replicas;
        outcome = AutoscaleOutcome::AboveMaxReplicas;
    } else if current_replicas < min_replicas {
        rescale_reason = RescaleReason::BelowMinReplicas;
        desired_replicas = min_replicas;
        outcome = AutoscaleOutcome::BelowMinReplicas;
    } else {
        let listed = list_pods(sim, &key.0, &selector);
        let pods = pod_infos(sim, &listed);
        let metrics = resource_metrics(&listed, usage_tick, usage);
        let computed =
            compute_replicas_for_metrics(sim, &mut hpa, current_replicas, &pods, &metrics);
        let (metric_desired, statuses, facts) = match computed {
            Ok(found) => found,
            Err(error) => {
                // setCurrentReplicasInStatus: the desired count and the metrics stay
                hpa.status.current_replicas = current_replicas;
                sim.record(
                    object,
                    EventKind::FailedComputeMetricsReplicas {
                        error: error.clone(),
                    },
                );
                record(
                    sim,
                    current_replicas,
                    AutoscaleOutcome::MetricFailed(error),
                    current_replicas,
                );
                return update_status_if_needed(sim, key, &original, hpa);
            }
        };
        metric_statuses = statuses;
        desired_replicas = metric_desired;
        if desired_replicas > current_replicas {
            rescale_reason = RescaleReason::MetricAboveTarget;
        }
        if desired_replicas < current_replicas {
            rescale_reason = RescaleReason::AllMetricsBelowTarget;
        }
        let (normalized, stabilized, limit) = if hpa.spec.behavior.is_none() {
            normalize_desired_replicas(sim, &mut hpa, key, current_replicas, desired_replicas)
        } else {
            normalize_desired_replicas_with_behaviors(
                sim,
                &mut hpa,
                key,
                current_replicas,
                desired_replicas,
            )
        };
        let mut facts = facts;
        facts.recommended = desired_replicas;
        facts.stabilized = stabilized;
        facts.limit = limit;
        desired_replicas = normalized;
        rescale = desired_replicas != current_replicas;
        outcome = AutoscaleOutcome::Computed(Box::new(facts));
    }

    if rescale {
        scale_target(sim, &key.0, &target, desired_replicas);
        set_condition(
            &mut hpa,
            HpaConditionType::AbleToScale,
            ConditionStatus::True,
            HpaConditionReason::SucceededRescale {
                replicas: desired_replicas,
            },
            now,
        );
        sim.record(
            object,
            EventKind::SuccessfulRescale {
                new_size: desired_replicas,
                reason: rescale_reason,
            },
        );
        store_scale_event(
            sim.autoscaler_mut(),
            hpa.spec.behavior.as_ref(),
            key,
            current_replicas,
            desired_replicas,
            now,
        );
    } else {
        desired_replicas = current_replicas;
    }
    record(sim, current_replicas, outcome, desired_replicas);
    set_status(
        &mut hpa,
        current_replicas,
        desired_replicas,
        metric_statuses,
        rescale,
        now,
    );
    update_status_if_needed(sim, key, &original, hpa) || rescale
}

/// The scale subresource's update: the Deployment's `spec.replicas` (its generation goes up, as
/// for any change of its spec).
fn scale_target(sim: &mut Simulation, namespace: &str, name: &str, replicas: i32) {
    let key = (namespace.to_string(), name.to_string());
    sim.store_mut().update_deployment(&key, |d| {
        if d.spec.replicas != replicas {
            d.spec.replicas = replicas;
            d.metadata.generation += 1;
        }
    });
}

/// The pods the lister returns for the selector in the HPA's namespace, in name order (as
/// `Simulation::pods` lists them; only the matching pods are sorted).
fn list_pods<'a>(
    sim: &'a Simulation,
    namespace: &str,
    selector: &super::LabelSelector,
) -> Vec<&'a Pod> {
    let mut pods: Vec<&Pod> = sim
        .store()
        .pods()
        .filter(|p| p.metadata.namespace == namespace && selector.matches(&p.metadata.labels))
        .collect();
    super::sorting::sort_by(&mut pods, &|a, b| a.metadata.name.cmp(&b.metadata.name));
    pods
}

/// What the calculator reads of each listed pod. A pod's containers and their requests are
/// those of its ReplicaSet's template, which it was made from (read once per ReplicaSet).
fn pod_infos(sim: &Simulation, pods: &[&Pod]) -> Vec<PodInfo> {
    // By owner: a Deployment has a few ReplicaSets, so a list searched in order will do.
    let mut requests: Vec<(Uid, ContainerRequests)> = Vec::new();
    pods.iter()
        .map(|pod| {
            let cpu_requests = match pod.owner {
                Some(uid) => match requests.iter().find(|(owner, _)| *owner == uid) {
                    Some((_, found)) => found.clone(),
                    None => {
                        let found = container_requests(sim, pod);
                        requests.push((uid, found.clone()));
                        found
                    }
                },
                None => Vec::new(),
            };
            pod_info(pod, cpu_requests)
        })
        .collect()
}

/// Each container's name and CPU request in millicores (`PodInfo::cpu_requests`).
type ContainerRequests = Vec<(String, Option<i64>)>;

/// Each container of the pod's ReplicaSet's template with its CPU request.
fn container_requests(sim: &Simulation, pod: &Pod) -> ContainerRequests {
    sim.owner_of_pod(pod)
        .map(|rs| {
            rs.spec
                .template
                .spec
                .containers
                .iter()
                .map(|c| (c.name.clone(), c.request_millis("cpu")))
                .collect()
        })
        .unwrap_or_default()
}

fn pod_info(pod: &Pod, cpu_requests: ContainerRequests) -> PodInfo {
    // A Running pod has a Ready condition whose last transition is when it became Ready (or
    // lost it), or its start while it never has been.
    let ready = (pod.phase == PodPhase::Running).then(|| ReadyCondition {
        ready: pod.is_ready(),
        last_transition_time: pod
            .ready_transition
            .or(pod.start_time)
            .unwrap_or(pod.metadata.creation_timestamp),
    });
    PodInfo {
        name: pod.metadata.name.clone(),
        phase: pod.phase,
        deleted: pod.is_terminating(),
        ready,
        start_time: pod.start_time,
        cpu_requests,
    }
}

/// The metrics API's answer for the listed pods: each one measured at `usage_tick`.
fn resource_metrics(
    pods: &[&Pod],
    usage_tick: Seconds,
    usage: &ListMap<Uid, i64>,
) -> PodMetricsInfo {
    let mut metrics = PodMetricsInfo::default();
    for pod in pods {
        if let Some(value) = usage.get(&pod.metadata.uid) {
            metrics.insert(
                pod.metadata.name.clone(),
                PodMetric {
                    timestamp: usage_tick,
                    window: METRIC_WINDOW,
                    value: *value,
                },
            );
        }
    }
    metrics
}

/// `computeReplicasForMetrics` (with `computeReplicasForMetric` and
/// `computeStatusForResourceMetric` for each metric): the largest count any metric asks for.
/// All metrics failing (or some failing while the others would scale down) is an error.
fn compute_replicas_for_metrics(
    sim: &mut Simulation,
    hpa: &mut HorizontalPodAutoscaler,
    spec_replicas: i32,
    pods: &[PodInfo],
    metrics: &PodMetricsInfo,
) -> Result<(i32, Vec<MetricStatus>, Computed), Box<MetricError>> {
    let now = sim.now();
    let calculator = sim.autoscaler_mut().calculator;
    let object = ObjectRef::of(ObjectKind::HorizontalPodAutoscaler, &hpa.metadata);
    let mut replicas = 0;
    let mut statuses = Vec::new();
    let mut invalid: Option<Box<MetricError>> = None;
    let mut invalid_count = 0;
    let mut facts: Option<Computed> = None;
    for metric in &hpa.spec.metrics {
        let target = metric.average_utilization;
        match calculator.get_resource_replicas(spec_replicas, target, pods, metrics.clone(), now) {
            Ok(found) => {
                statuses.push(MetricStatus {
                    average_utilization: found.utilization,
                    average_value_millis: found.raw_utilization,
                });
                if replicas == 0 || found.replicas > replicas {
                    replicas = found.replicas;
                    facts = Some(Computed {
                        utilization: found.utilization,
                        target_utilization: target,
                        ready_pods: found.ready_pods,
                        unready_pods: found.unready_pods,
                        missing_pods: found.missing_pods,
                        proposal: found.proposal,
                        recommended: found.replicas,
                        stabilized: found.replicas,
                        limit: Limit::DesiredWithinRange,
                        with_behavior: hpa.spec.behavior.is_some(),
                    });
                }
            }
            Err(error) => {
                // getUnableComputeReplicaCountCondition
                sim.record(
                    object.clone(),
                    EventKind::FailedGetResourceMetric {
                        error: Box::new(error.clone()),
                    },
                );
                if invalid.is_none() {
                    invalid = Some(Box::new(error));
                }
                invalid_count += 1;
            }
        }
    }
    if let Some(error) = invalid {
        if invalid_count >= hpa.spec.metrics.len() || replicas < spec_replicas {
            set_condition(
                hpa,
                HpaConditionType::ScalingActive,
                ConditionStatus::False,
                HpaConditionReason::FailedGetResourceMetric(error.clone()),
                now,
            );
            return Err(error);
        }
    }
    set_condition(
        hpa,
        HpaConditionType::ScalingActive,
        ConditionStatus::True,
        HpaConditionReason::ValidMetricFound,
        now,
    );
    match facts {
        Some(facts) => Ok((replicas, statuses, facts)),
        None => Err(Box::new(MetricError::NoMetrics)),
    }
}

/// `normalizeDesiredReplicas`: the downscale window, then the rules. Returns the normalized
/// count, the stabilized one and the limit applied.
fn normalize_desired_replicas(
    sim: &mut Simulation,
    hpa: &mut HorizontalPodAutoscaler,
    key: &Key,
    current_replicas: i32,
    prenormalized: i32,
) -> (i32, i32, Limit) {
    let now = sim.now();
    let recommendations = sim.autoscaler_mut().recommendations.entry(key.clone());
    let stabilized = stabilize_recommendation(
        recommendations,
        now,
        DOWNSCALE_STABILISATION_WINDOW,
        prenormalized,
    );
    let able = if stabilized != prenormalized {
        HpaConditionReason::ScaleDownStabilized
    } else {
        HpaConditionReason::ReadyForNewScale
    };
    set_condition(
        hpa,
        HpaConditionType::AbleToScale,
        ConditionStatus::True,
        able,
        now,
    );
    let (desired, limit) = convert_desired_replicas_with_rules(
        current_replicas,
        stabilized,
        hpa.spec.min_replicas,
        hpa.spec.max_replicas,
    );
    let status = ConditionStatus::from(desired != stabilized);
    set_condition(
        hpa,
        HpaConditionType::ScalingLimited,
        status,
        limit.reason(),
        now,
    );
    (desired, stabilized, limit)
}

/// `NormalizationArg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizationArg {
    pub scale_up_behavior: ScalingRules,
    /// With `stabilization_window_seconds` set (`maybeInitScaleDownStabilizationWindow`).
    pub scale_down_behavior: ScalingRules,
    pub min_replicas: i32,
    pub max_replicas: i32,
    pub current_replicas: i32,
    pub desired_replicas: i32,
}

/// `normalizeDesiredReplicasWithBehaviors`.
fn normalize_desired_replicas_with_behaviors(
    sim: &mut Simulation,
    hpa: &mut HorizontalPodAutoscaler,
    key: &Key,
    current_replicas: i32,
    prenormalized: i32,
) -> (i32, i32, Limit) {
    let now = sim.now();
    let Some(behavior) = hpa.spec.behavior.clone() else {
        return (prenormalized, prenormalized, Limit::DesiredWithinRange);
    };
    let mut scale_down = behavior.scale_down;
    // maybeInitScaleDownStabilizationWindow
    if scale_down.stabilization_window_seconds.is_none() {
        scale_down.stabilization_window_seconds = Some(DOWNSCALE_STABILISATION_WINDOW as i32);
    }
    let mut args = NormalizationArg {
        scale_up_behavior: behavior.scale_up,
        scale_down_behavior: scale_down,
        min_replicas: hpa.spec.min_replicas,
        max_replicas: hpa.spec.max_replicas,
        current_replicas,
        desired_replicas: prenormalized,
    };
    let controller = sim.autoscaler_mut();
    let recommendations = controller.recommendations.entry(key.clone());
    let (stabilized, reason) = stabilize_recommendation_with_behaviors(recommendations, &args, now);
    args.desired_replicas = stabilized;
    let able = if stabilized != prenormalized {
        reason
    } else {
        HpaConditionReason::ReadyForNewScale
    };
    let empty = Vec::new();
    let up = controller.scale_up_events.get(key).unwrap_or(&empty);
    let down = controller.scale_down_events.get(key).unwrap_or(&empty);
    let (desired, limit) = convert_desired_replicas_with_behavior_rate(&args, up, down, now);
    set_condition(
        hpa,
        HpaConditionType::AbleToScale,
        ConditionStatus::True,
        able,
        now,
    );
    let status = ConditionStatus::from(desired != stabilized);
    set_condition(
        hpa,
        HpaConditionType::ScalingLimited,
        status,
        limit.reason(),
        now,
    );
    (desired, stabilized, limit)
}

// ----- the pure functions, as upstream's tests call them -----

/// `stabilizeRecommendation`: replaces the oldest recommendation outside the window (or
/// appends) with this one, and returns the highest recommendation inside the window.
pub fn stabilize_recommendation(
    recommendations: &mut Vec<TimestampedRecommendation>,
    now: Seconds,
    window: Seconds,
    prenormalized: i32,
) -> i32 {
    let mut max_recommendation = prenormalized;
    let mut old_sample = None;
    let cutoff = now - window;
    for (i, rec) in recommendations.iter().enumerate() {
        if rec.timestamp < cutoff {
            old_sample = Some(i);
        } else if rec.recommendation > max_recommendation {
            max_recommendation = rec.recommendation;
        }
    }
    let new = TimestampedRecommendation {
        recommendation: prenormalized,
        timestamp: now,
    };
    match old_sample {
        Some(i) => recommendations[i] = new,
        None => recommendations.push(new),
    }
    max_recommendation
}

/// `stabilizeRecommendationWithBehaviors`: the current count brought within [the lowest
/// recommendation of the scale-up window, the highest of the scale-down window], recording
/// this recommendation. The reason says which window would hold the count.
pub fn stabilize_recommendation_with_behaviors(
    recommendations: &mut Vec<TimestampedRecommendation>,
    args: &NormalizationArg,
    now: Seconds,
) -> (i32, HpaConditionReason) {
    let window =
        |rules: &ScalingRules| Seconds::from(rules.stabilization_window_seconds.unwrap_or(0));
    let up_cutoff = now - window(&args.scale_up_behavior);
    let down_cutoff = now - window(&args.scale_down_behavior);
    let mut up_recommendation = args.desired_replicas;
    let mut down_recommendation = args.desired_replicas;
    let mut old_sample = None;
    for (i, rec) in recommendations.iter().enumerate() {
        if rec.timestamp > up_cutoff {
            up_recommendation = up_recommendation.min(rec.recommendation);
        }
        if rec.timestamp > down_cutoff {
            down_recommendation = down_recommendation.max(rec.recommendation);
        }
        if rec.timestamp < up_cutoff && rec.timestamp < down_cutoff {
            old_sample = Some(i);
        }
    }
    let mut recommendation = args.current_replicas;
    if recommendation < up_recommendation {
        recommendation = up_recommendation;
    }
    if recommendation > down_recommendation {
        recommendation = down_recommendation;
    }
    let new = TimestampedRecommendation {
        recommendation: args.desired_replicas,
        timestamp: now,
    };
    match old_sample {
        Some(i) => recommendations[i] = new,
        None => recommendations.push(new),
    }
    let reason = if args.desired_replicas >= args.current_replicas {
        HpaConditionReason::ScaleUpStabilized
    } else {
        HpaConditionReason::ScaleDownStabilized
    };
    (recommendation, reason)
}

/// `convertDesiredReplicasWithRules`: within [min, min(max, scaleUpLimit)].
pub fn convert_desired_replicas_with_rules(
    current_replicas: i32,
    desired_replicas: i32,
    min_replicas: i32,
    max_replicas: i32,
) -> (i32, Limit) {
    let scale_up_limit = calculate_scale_up_limit(current_replicas);
    let (maximum_allowed, limit) = if max_replicas > scale_up_limit {
        (
            scale_up_limit,
            Limit::ScaleUpLimit {
                limit: scale_up_limit,
            },
        )
    } else {
        (max_replicas, Limit::TooManyReplicas { max: max_replicas })
    };
    if desired_replicas < min_replicas {
        return (min_replicas, Limit::TooFewReplicas { min: min_replicas });
    }
    if desired_replicas > maximum_allowed {
        return (maximum_allowed, limit);
    }
    (desired_replicas, Limit::DesiredWithinRange)
}

/// `calculateScaleUpLimit`: `max(2 × current, 4)`.
pub fn calculate_scale_up_limit(current_replicas: i32) -> i32 {
    (SCALE_UP_LIMIT_FACTOR * f64::from(current_replicas)).max(SCALE_UP_LIMIT_MINIMUM) as i32
}

/// `convertDesiredReplicasWithBehaviorRate`: the recommendation bound by the policies' rate.
pub fn convert_desired_replicas_with_behavior_rate(
    args: &NormalizationArg,
    scale_up_events: &[TimestampedScaleEvent],
    scale_down_events: &[TimestampedScaleEvent],
    now: Seconds,
) -> (i32, Limit) {
    if args.desired_replicas > args.current_replicas {
        let mut scale_up_limit = calculate_scale_up_limit_with_scaling_rules(
            args.current_replicas,
            scale_up_events,
            scale_down_events,
            &args.scale_up_behavior,
            now,
        );
        if scale_up_limit < args.current_replicas {
            // no further scale-up until the events age out
            scale_up_limit = args.current_replicas;
        }
        let (maximum_allowed, limit) = if args.max_replicas > scale_up_limit {
            (
                scale_up_limit,
                Limit::ScaleUpLimit {
                    limit: scale_up_limit,
                },
            )
        } else {
            (
                args.max_replicas,
                Limit::TooManyReplicas {
                    max: args.max_replicas,
                },
            )
        };
        if args.desired_replicas > maximum_allowed {
            return (maximum_allowed, limit);
        }
    } else if args.desired_replicas < args.current_replicas {
        let mut scale_down_limit = calculate_scale_down_limit_with_behaviors(
            args.current_replicas,
            scale_up_events,
            scale_down_events,
            &args.scale_down_behavior,
            now,
        );
        if scale_down_limit > args.current_replicas {
            // no further scale-down until the events age out
            scale_down_limit = args.current_replicas;
        }
        let (minimum_allowed, limit) = if args.min_replicas < scale_down_limit {
            (
                scale_down_limit,
                Limit::ScaleDownLimit {
                    limit: scale_down_limit,
                },
            )
        } else {
            (
                args.min_replicas,
                Limit::TooFewReplicas {
                    min: args.min_replicas,
                },
            )
        };
        if args.desired_replicas < minimum_allowed {
            return (minimum_allowed, limit);
        }
    }
    (args.desired_replicas, Limit::DesiredWithinRange)
}

/// `getReplicasChangePerPeriod`: the replicas changed by events newer than `period` seconds.
pub fn get_replicas_change_per_period(
    period_seconds: i32,
    events: &[TimestampedScaleEvent],
    now: Seconds,
) -> i32 {
    let cutoff = now - Seconds::from(period_seconds);
    events
        .iter()
        .filter(|e| e.timestamp > cutoff)
        .map(|e| e.replica_change)
        .sum()
}

/// `calculateScaleUpLimitWithScalingRules`: the most replicas the scale-up policies allow. Its
/// int32 sums wrap as Go's do: a Pods policy of 2147483647 proposes a negative limit, which
/// `convert_desired_replicas_with_behavior_rate` reads as no room to scale up.
pub fn calculate_scale_up_limit_with_scaling_rules(
    current_replicas: i32,
    scale_up_events: &[TimestampedScaleEvent],
    scale_down_events: &[TimestampedScaleEvent],
    rules: &ScalingRules,
    now: Seconds,
) -> i32 {
    let (mut result, pick): (i32, fn(i32, i32) -> i32) = match rules.select_policy {
        SelectPolicy::Disabled => return current_replicas,
        SelectPolicy::Min => (i32::MAX, i32::min),
        SelectPolicy::Max => (i32::MIN, i32::max),
    };
    for policy in &rules.policies {
        let added = get_replicas_change_per_period(policy.period_seconds, scale_up_events, now);
        let deleted = get_replicas_change_per_period(policy.period_seconds, scale_down_events, now);
        let period_start = current_replicas.wrapping_sub(added).wrapping_add(deleted);
        let proposed = match policy.kind {
            ScalingPolicyType::Pods => period_start.wrapping_add(policy.value),
            // rounded up, or a small percentage would never add a pod
            ScalingPolicyType::Percent => {
                (f64::from(period_start) * (1.0 + f64::from(policy.value) / 100.0)).ceil() as i32
            }
        };
        result = pick(result, proposed);
    }
    result
}

/// `calculateScaleDownLimitWithBehaviors`: the fewest replicas the scale-down policies allow. Its
/// int32 sums wrap as Go's do.
pub fn calculate_scale_down_limit_with_behaviors(
    current_replicas: i32,
    scale_up_events: &[TimestampedScaleEvent],
    scale_down_events: &[TimestampedScaleEvent],
    rules: &ScalingRules,
    now: Seconds,
) -> i32 {
    let (mut result, pick): (i32, fn(i32, i32) -> i32) = match rules.select_policy {
        SelectPolicy::Disabled => return current_replicas,
        SelectPolicy::Min => (i32::MIN, i32::max),
        SelectPolicy::Max => (i32::MAX, i32::min),
    };
    for policy in &rules.policies {
        let added = get_replicas_change_per_period(policy.period_seconds, scale_up_events, now);
        let deleted = get_replicas_change_per_period(policy.period_seconds, scale_down_events, now);
        let period_start = current_replicas.wrapping_sub(added).wrapping_add(deleted);
        let proposed = match policy.kind {
            ScalingPolicyType::Pods => period_start.wrapping_sub(policy.value),
            ScalingPolicyType::Percent => {
                (f64::from(period_start) * (1.0 - f64::from(policy.value) / 100.0)) as i32
            }
        };
        result = pick(result, proposed);
    }
    result
}

/// `markScaleEventsOutdated`.
fn mark_scale_events_outdated(
    events: &mut [TimestampedScaleEvent],
    longest_policy_period: i32,
    now: Seconds,
) {
    let cutoff = now - Seconds::from(longest_policy_period);
    for event in events {
        if event.timestamp < cutoff {
            event.outdated = true;
        }
    }
}

/// `getLongestPolicyPeriod`.
fn get_longest_policy_period(rules: &ScalingRules) -> i32 {
    rules
        .policies
        .iter()
        .map(|p| p.period_seconds)
        .max()
        .unwrap_or(0)
        .max(0)
}

/// `storeScaleEvent`: records a scale change (reusing an outdated slot), only with behavior.
fn store_scale_event(
    controller: &mut HorizontalController,
    behavior: Option<&super::autoscaling::Behavior>,
    key: &Key,
    prev_replicas: i32,
    new_replicas: i32,
    now: Seconds,
) {
    let Some(behavior) = behavior else {
        return;
    };
    let (events, rules, change) = if new_replicas > prev_replicas {
        (
            controller.scale_up_events.entry(key.clone()),
            &behavior.scale_up,
            new_replicas - prev_replicas,
        )
    } else {
        (
            controller.scale_down_events.entry(key.clone()),
            &behavior.scale_down,
            prev_replicas - new_replicas,
        )
    };
    mark_scale_events_outdated(events, get_longest_policy_period(rules), now);
    let new = TimestampedScaleEvent {
        replica_change: change,
        timestamp: now,
        outdated: false,
    };
    match events.iter().rposition(|e| e.outdated) {
        Some(i) => events[i] = new,
        None => events.push(new),
    }
}

/// `setCondition`: sets (or adds) a condition; its transition time moves when its status does.
fn set_condition(
    hpa: &mut HorizontalPodAutoscaler,
    kind: HpaConditionType,
    status: ConditionStatus,
    reason: HpaConditionReason,
    now: Seconds,
) {
    let conditions = &mut hpa.status.conditions;
    match conditions.iter_mut().find(|c| c.kind == kind) {
        Some(existing) => {
            if existing.status != status {
                existing.last_transition_time = now;
            }
            existing.status = status;
            existing.reason = reason;
        }
        None => conditions.push(HpaCondition {
            kind,
            status,
            reason,
            last_transition_time: now,
        }),
    }
}

/// `setStatus`.
fn set_status(
    hpa: &mut HorizontalPodAutoscaler,
    current_replicas: i32,
    desired_replicas: i32,
    metric_statuses: Vec<MetricStatus>,
    rescale: bool,
    now: Seconds,
) {
    hpa.status.current_replicas = current_replicas;
    hpa.status.desired_replicas = desired_replicas;
    hpa.status.current_metrics = metric_statuses;
    if rescale {
        hpa.status.last_scale_time = Some(now);
    }
}

/// `updateStatusIfNeeded`: writes the status when it changed; returns whether it did.
fn update_status_if_needed(
    sim: &mut Simulation,
    key: &Key,
    original: &super::autoscaling::HorizontalPodAutoscalerStatus,
    hpa: HorizontalPodAutoscaler,
) -> bool {
    if &hpa.status == original {
        return false;
    }
    sim.store_mut()
        .update_horizontal_pod_autoscaler(key, |stored| stored.status = hpa.status)
        .is_some()
}

/// A scale-down the stabilization window holds back: the HPA keeps `held` replicas while the
/// metric asks for `wanted`, until the recommendations above `wanted` leave the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownscaleHold {
    pub held: i32,
    /// The latest recommendation (what the metric asked for at the last sync).
    pub wanted: i32,
    /// The window's length (300 s without `behavior`).
    pub window: Seconds,
    /// Seconds until the last recommendation above `wanted` leaves the window (the next sync
    /// after that may scale down); 0 when it already has.
    pub seconds_left: Seconds,
}

impl Simulation {
    /// The scale-down an HPA's stabilization window holds back now, if its last sync said so
    /// (`AbleToScale` with reason `ScaleDownStabilized`), read from its recommendations.
    pub fn downscale_hold(&self, namespace: &str, name: &str) -> Option<DownscaleHold> {
        let key = (namespace.to_string(), name.to_string());
        let hpa = self.horizontal_pod_autoscaler(namespace, name)?;
        let able = hpa.status.condition(HpaConditionType::AbleToScale)?;
        if able.reason != HpaConditionReason::ScaleDownStabilized {
            return None;
        }
        let recommendations = self.autoscaler.recommendations.get(&key)?;
        let latest = recommendations.iter().max_by_key(|r| r.timestamp)?;
        // Without behavior a recommendation counts while `timestamp >= now - window`
        // (`stabilizeRecommendation`); with it, while `timestamp > now - window`.
        let (window, inclusive) = match &hpa.spec.behavior {
            Some(b) => (
                b.scale_down
                    .stabilization_window_seconds
                    .map_or(DOWNSCALE_STABILISATION_WINDOW, Seconds::from),
                0,
            ),
            None => (DOWNSCALE_STABILISATION_WINDOW, 1),
        };
        let until = recommendations
            .iter()
            .filter(|r| r.recommendation > latest.recommendation)
            .map(|r| r.timestamp + window + inclusive)
            .max()?;
        Some(DownscaleHold {
            held: hpa.status.desired_replicas,
            wanted: latest.recommendation,
            window,
            seconds_left: (until - self.now()).max(0),
        })
    }
}

impl Simulation {
    /// The first HPA (by name) whose scale target is this Deployment.
    pub fn autoscaler_of(
        &self,
        deployment: &super::Deployment,
    ) -> Option<&HorizontalPodAutoscaler> {
        self.horizontal_pod_autoscalers().find(|h| {
            h.metadata.namespace == deployment.metadata.namespace
                && h.spec.scale_target_ref.kind == "Deployment"
                && h.spec.scale_target_ref.name == deployment.metadata.name
        })
    }
}
