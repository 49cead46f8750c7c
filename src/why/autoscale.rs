//! The "Why" of a HorizontalPodAutoscaler's sync (`Step::Autoscale`), with its arithmetic: "4
//! pods at 83% of their CPU request, target 50%: 4 x 0.83 / 0.50 = 6.6, rounded up to 7;
//! scale-up limit max(2 x 4, 4) = 8: new size 7."

use crate::decimal;
use crate::engine::replica_calculator::Proposal;
use crate::engine::{AutoscaleOutcome, Autoscaling, Computed, Limit, MetricError};

/// The sync in plain words.
pub(super) fn render(a: &Autoscaling) -> String {
    let current = a.current_replicas;
    match &a.outcome {
        AutoscaleOutcome::TargetMissing => format!(
            "The HorizontalPodAutoscaler {} finds no Deployment to scale, so it does nothing (FailedGetScale).",
            a.hpa
        ),
        AutoscaleOutcome::ScalingDisabled => "The Deployment has 0 replicas: an autoscaler leaves a Deployment scaled to zero alone (ScalingDisabled). Scale it up to turn autoscaling back on.".to_string(),
        AutoscaleOutcome::AboveMaxReplicas => format!(
            "{current} replicas is more than maxReplicas {}: new size {}.",
            a.max_replicas, a.desired_replicas
        ),
        AutoscaleOutcome::BelowMinReplicas => format!(
            "{current} replicas is fewer than minReplicas {}: new size {}.",
            a.min_replicas, a.desired_replicas
        ),
        AutoscaleOutcome::MetricFailed(error) => {
            let hint = match **error {
                MetricError::MissingRequest { .. } => " The autoscaler measures CPU as a share of each pod's request, so every container needs resources.requests.cpu.",
                MetricError::NoMetrics => " Pods have CPU figures once they have run for a second.",
                MetricError::NoReadyPodMetrics => " In its first 5 minutes a pod's CPU counts only from a full 15 s metric window after it became Ready (upstream's cpuInitializationPeriod), so a new pod is left out for a while.",
                _ => "",
            };
            format!(
                "The autoscaler cannot compute a size: {error}. The size stays {current}.{hint}"
            )
        }
        AutoscaleOutcome::Computed(c) => computed(a, c),
    }
}

fn computed(a: &Autoscaling, c: &Computed) -> String {
    let current = a.current_replicas;
    let u = c.utilization;
    let t = c.target_utilization;
    let mut text = format!(
        "{} at {u}% of their CPU request, target {t}%",
        pods(c.ready_pods)
    );
    if c.unready_pods > 0 || c.missing_pods > 0 {
        text.push_str(&format!(
            " ({} not ready yet, {} without a CPU figure)",
            c.unready_pods, c.missing_pods
        ));
    }
    match c.proposal {
        Proposal::WithinTolerance => text.push_str(&format!(
            ": {u}% is within 10% of {t}% (the tolerance), so the count stays {current}"
        )),
        Proposal::Scaled { pods } => {
            text.push_str(&format!(": {}", product(pods, u, t, c.recommended)))
        }
        Proposal::Rebalanced {
            pods,
            utilization,
            kept,
        } => {
            let counted = if u > t {
                "the others at 0"
            } else {
                "those without a figure at 100%"
            };
            text.push_str(&format!(
                "; counting {counted} gives {utilization}% over {pods} pods"
            ));
            if kept {
                text.push_str(&format!(
                    ", too close to the target (or the other way), so the count stays {current}"
                ));
            } else {
                text.push_str(&format!(
                    ": {}",
                    product(pods, utilization, t, c.recommended)
                ));
            }
        }
    }
    if c.stabilized != c.recommended {
        if c.with_behavior {
            text.push_str(&format!(
                "; the stabilization window holds it at {}",
                c.stabilized
            ));
        } else {
            text.push_str(&format!(
                "; the highest recommendation of the last 5 minutes is {}, so it scales down no further (stabilization window)",
                c.stabilized
            ));
        }
    }
    match c.limit {
        Limit::ScaleUpLimit { limit } if !c.with_behavior => {
            text.push_str(&format!("; scale-up limit max(2 x {current}, 4) = {limit}"))
        }
        Limit::DesiredWithinRange if !c.with_behavior && c.stabilized > current => {
            text.push_str(&format!(
                "; scale-up limit max(2 x {current}, 4) = {}",
                (2 * current).max(4)
            ))
        }
        Limit::ScaleUpLimit { limit } => text.push_str(&format!(
            "; the scale-up policies allow at most {limit} now"
        )),
        Limit::ScaleDownLimit { limit } => text.push_str(&format!(
            "; the scale-down policies allow no fewer than {limit} now"
        )),
        Limit::TooManyReplicas { max } => text.push_str(&format!("; maxReplicas is {max}")),
        Limit::TooFewReplicas { min } => text.push_str(&format!("; minReplicas is {min}")),
        Limit::DesiredWithinRange => {}
    }
    if a.desired_replicas == current {
        text.push_str(&format!(": the size stays {current}."));
    } else {
        text.push_str(&format!(": new size {}.", a.desired_replicas));
    }
    text
}

/// `1 pod`, `4 pods`.
fn pods(count: i32) -> String {
    if count == 1 {
        "1 pod".to_string()
    } else {
        format!("{count} pods")
    }
}

/// `4 x 0.83 / 0.50 = 6.6, rounded up to 7` (or `= 6` when nothing is rounded).
fn product(pods: i32, utilization: i32, target: i32, recommended: i32) -> String {
    let exact = f64::from(pods) * f64::from(utilization) / f64::from(target);
    let mut text = format!(
        "{pods} x {} / {} = {}",
        hundredths(utilization),
        hundredths(target),
        decimal::tenths(exact)
    );
    if exact.fract() != 0.0 {
        text.push_str(&format!(", rounded up to {recommended}"));
    }
    text
}

/// A percentage as a fraction with two decimals: 83 -> `0.83`, 150 -> `1.50`.
fn hundredths(percent: i32) -> String {
    format!("{}.{:02}", percent / 100, percent % 100)
}
