//! Upstream's `pkg/controller/podautoscaler` tests (`horizontal_test.go`,
//! `replica_calculator_test.go`), row by row, against the HPA controller's functions.

mod upstream_common;

use deploysim::engine::autoscaling::{
    ScalingPolicy, ScalingPolicyType, ScalingRules, SelectPolicy,
};
use deploysim::engine::podautoscaler::{
    calculate_scale_down_limit_with_behaviors, calculate_scale_up_limit_with_scaling_rules,
    convert_desired_replicas_with_behavior_rate, convert_desired_replicas_with_rules,
    stabilize_recommendation, NormalizationArg, TimestampedRecommendation, TimestampedScaleEvent,
};
use deploysim::engine::replica_calculator::{
    PodInfo, PodMetric, PodMetricsInfo, ReadyCondition, ReplicaCalculator,
};
use deploysim::engine::{Limit, PodPhase};
use upstream_common::{Checks, Row, Table};

/// The condition reason a limit sets, as the Go tables name it.
fn condition(limit: Limit) -> &'static str {
    match limit {
        Limit::DesiredWithinRange => "DesiredWithinRange",
        Limit::TooFewReplicas { .. } => "TooFewReplicas",
        Limit::TooManyReplicas { .. } => "TooManyReplicas",
        Limit::ScaleUpLimit { .. } => "ScaleUpLimit",
        Limit::ScaleDownLimit { .. } => "ScaleDownLimit",
    }
}

/// An `HPAScalingRules` of a row.
fn rules(row: &Row) -> ScalingRules {
    let select_policy = match row.str("selectPolicy") {
        "Max" => SelectPolicy::Max,
        "Min" => SelectPolicy::Min,
        "Disabled" => SelectPolicy::Disabled,
        other => panic!("unknown selectPolicy {other}"),
    };
    ScalingRules {
        stabilization_window_seconds: row.opt_i32("stabilizationWindowSeconds"),
        select_policy,
        policies: row
            .get("policies")
            .list()
            .iter()
            .map(|p| ScalingPolicy {
                kind: match p.str("type") {
                    "Pods" => ScalingPolicyType::Pods,
                    "Percent" => ScalingPolicyType::Percent,
                    other => panic!("unknown policy type {other}"),
                },
                value: p.i32("value"),
                period_seconds: p.i32("periodSeconds"),
            })
            .collect(),
    }
}

fn scale_events(row: &Row) -> Vec<TimestampedScaleEvent> {
    row.list()
        .iter()
        .map(|e| TimestampedScaleEvent {
            replica_change: e.i32("replicaChange"),
            timestamp: e.i64("timestamp"),
            outdated: false,
        })
        .collect()
}

#[test]
fn convert_desired_replicas_with_rules_matches_upstream() {
    Table::run("TestConvertDesiredReplicasWithRules", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let (replicas, limit) = convert_desired_replicas_with_rules(
            input.i32("currentReplicas"),
            input.i32("desiredReplicas"),
            input.i32("minReplicas"),
            input.i32("maxReplicas"),
        );
        let mut c = Checks::default();
        c.eq("replicas", replicas, want.i32("replicas"));
        c.eq("condition", condition(limit), want.str("condition"));
        c.outcome()
    })
    .finish(0);
}

#[test]
fn normalize_desired_replicas_stabilizes_as_upstream() {
    Table::run("TestNormalizeDesiredReplicas", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let mut log: Vec<TimestampedRecommendation> = input
            .get("recommendations")
            .list()
            .iter()
            .map(|pair| {
                let pair = pair.list();
                TimestampedRecommendation {
                    recommendation: pair[0].as_i32(),
                    timestamp: pair[1].as_i64(),
                }
            })
            .collect();
        let stabilized = stabilize_recommendation(
            &mut log,
            input.i64("now"),
            input.i64("window"),
            input.i32("prenormalized"),
        );
        let mut c = Checks::default();
        c.eq("stabilized", stabilized, want.i32("stabilized"));
        c.eq("log length", log.len() as i64, want.i64("logLength"));
        c.outcome()
    })
    .finish(0);
}

#[test]
fn calculate_scale_up_limit_with_scaling_rules_matches_upstream() {
    Table::run("TestCalculateScaleUpLimitWithScalingRules", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let limit = calculate_scale_up_limit_with_scaling_rules(
            input.i32("currentReplicas"),
            &[],
            &[],
            &rules(&input.get("rules")),
            0,
        );
        let mut c = Checks::default();
        c.eq("limit", limit, want.i32("value"));
        c.outcome()
    })
    .finish(0);
}

#[test]
fn calculate_scale_down_limit_with_behaviors_matches_upstream() {
    Table::run("TestCalculateScaleDownLimitWithBehaviors", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        let limit = calculate_scale_down_limit_with_behaviors(
            input.i32("currentReplicas"),
            &[],
            &[],
            &rules(&input.get("rules")),
            0,
        );
        let mut c = Checks::default();
        c.eq("limit", limit, want.i32("value"));
        c.outcome()
    })
    .finish(0);
}

#[test]
fn scaling_with_rules_matches_upstream() {
    Table::run("TestScalingWithRules", |row| {
        let (input, want) = (row.get("input"), row.get("expected"));
        // rows the Go test skips are run all the same: they pass here
        want.bool("skippedInGo");
        let up = input
            .get("scaleUpRules")
            .nullable()
            .map_or_else(ScalingRules::default_scale_up, |r| rules(&r));
        let down = input
            .get("scaleDownRules")
            .nullable()
            .map_or_else(ScalingRules::default_scale_down, |r| rules(&r));
        let args = NormalizationArg {
            scale_up_behavior: up,
            scale_down_behavior: down,
            min_replicas: input.i32("minReplicas"),
            max_replicas: input.i32("maxReplicas"),
            current_replicas: input.i32("currentReplicas"),
            desired_replicas: input.i32("desiredReplicas"),
        };
        let (replicas, limit) = convert_desired_replicas_with_behavior_rate(
            &args,
            &scale_events(&input.get("scaleUpEvents")),
            &scale_events(&input.get("scaleDownEvents")),
            input.i64("now"),
        );
        let mut c = Checks::default();
        c.eq("replicas", replicas, want.i32("replicas"));
        c.eq("condition", condition(limit), want.str("condition"));
        c.outcome()
    })
    .finish(0);
}

/// The `replica_calculator_test.go` fixture: pods started long ago (the zero start time),
/// whose readiness last changed at their start, measured now.
fn get_resource_replicas(row: &Row) -> upstream_common::Outcome {
    let (input, want) = (row.get("input"), row.get("expected"));
    let now = 10_000;
    let mut pods = Vec::new();
    let mut metrics = PodMetricsInfo::default();
    for pod in input.get("pods").list() {
        let name = pod.str("name").to_string();
        let phase = match pod.str("phase") {
            "Running" => PodPhase::Running,
            "Pending" => PodPhase::Pending,
            "Failed" => PodPhase::Failed,
            other => panic!("unknown phase {other}"),
        };
        if let Some(value) = pod.get("metric").nullable() {
            metrics.insert(
                name.clone(),
                PodMetric {
                    timestamp: now,
                    window: 60,
                    value: value.as_i64(),
                },
            );
        }
        pods.push(PodInfo {
            name,
            phase,
            deleted: pod.bool("deleted"),
            ready: Some(ReadyCondition {
                ready: pod.bool("ready"),
                last_transition_time: 0,
            }),
            start_time: Some(0),
            cpu_requests: vec![("container".to_string(), Some(pod.i64("request")))],
        });
    }
    // replica_calculator_test.go's defaultTesting* settings
    let calculator = ReplicaCalculator {
        tolerance: input
            .get("tolerance")
            .value()
            .as_f64()
            .expect("a tolerance"),
        cpu_initialization_period: 120,
        delay_of_initial_readiness_status: 10,
    };
    let mut c = Checks::default();
    match calculator.get_resource_replicas(
        input.i32("currentReplicas"),
        input.i32("targetUtilization"),
        &pods,
        metrics,
        now,
    ) {
        Ok(found) => {
            c.eq("replicas", found.replicas, want.i32("replicas"));
            c.eq("utilization", found.utilization, want.i32("utilization"));
        }
        Err(error) => c.fail(format!("error: {error}")),
    }
    c.outcome()
}

macro_rules! replica_calc {
    ($($name:ident => $go:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            Table::run($go, get_resource_replicas).finish(0);
        }
    )*};
}

replica_calc! {
    replica_calc_scale_up => "TestReplicaCalcScaleUp",
    replica_calc_scale_up_unready_less_scale => "TestReplicaCalcScaleUpUnreadyLessScale",
    replica_calc_scale_up_unready_no_scale => "TestReplicaCalcScaleUpUnreadyNoScale",
    replica_calc_scale_up_ignores_failed_pods => "TestReplicaCalcScaleUpIgnoresFailedPods",
    replica_calc_scale_up_ignores_deletion_pods => "TestReplicaCalcScaleUpIgnoresDeletionPods",
    replica_calc_scale_down => "TestReplicaCalcScaleDown",
    replica_calc_scale_down_exclude_unready_pods => "TestReplicaCalcScaleDownExcludeUnreadyPods",
    replica_calc_scale_down_ignores_failed_pods => "TestReplicaCalcScaleDownIgnoresFailedPods",
    replica_calc_tolerance => "TestReplicaCalcTolerance",
    replica_calc_missing_metrics_no_change_eq => "TestReplicaCalcMissingMetricsNoChangeEq",
    replica_calc_missing_metrics_unready_scale_up => "TestReplicaCalcMissingMetricsUnreadyScaleUp",
    replica_calc_missing_metrics_scale_down_target_over_100 => "TestReplicaCalcMissingMetricsScaleDownTargetOver100",
}
