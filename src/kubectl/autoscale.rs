//! HorizontalPodAutoscalers in kubectl: `kubectl autoscale` (pkg/cmd/autoscale, 1.32: an HPA
//! named after its target, `--min` and `--cpu-percent` left to the server's defaults of 1 and
//! 80%), the `get hpa` table (`printHorizontalPodAutoscaler`, `formatHPAMetrics`: TARGETS
//! `cpu: <unknown>/50%` until measured, then `cpu: 12%/50%`) and `describe hpa`
//! (`describeHorizontalPodAutoscalerV2`).

use crate::engine::autoscaling::{HorizontalPodAutoscaler, ScalingRules};
use crate::engine::{ObjectKind, Simulation};
use crate::manifest::clock::rfc1123z;

use super::describe::{events, fields};
use super::duration::age;
use super::error::CmdError;
use super::parse::{FlagKind, FlagSpec, Parsed, NAMESPACE};
use super::{deployment_targets, Output};

pub const AUTOSCALE_FLAGS: &[FlagSpec] = &[
    NAMESPACE,
    FlagSpec::new("min", None, FlagKind::Int),
    FlagSpec::new("max", None, FlagKind::Int),
    FlagSpec::new("cpu-percent", None, FlagKind::Int),
    FlagSpec::new("name", None, FlagKind::Str),
];

/// `kubectl autoscale deployment/NAME --max=MAX [--min=MIN] [--cpu-percent=CPU] [--name=HPA]`.
pub fn autoscale(sim: &mut Simulation, p: &Parsed) -> Result<Output, CmdError> {
    let flag = |name: &str| p.int(name).map_or(-1, |v| v as i32);
    let (min, max, cpu) = (flag("min"), flag("max"), flag("cpu-percent"));
    // AutoscaleOptions.Validate
    if max < 1 {
        return Err(CmdError::other(format!(
            "--max=MAXPODS is required and must be at least 1, max: {max}"
        )));
    }
    if max < min {
        return Err(CmdError::other(format!(
            "--max=MAXPODS must be larger or equal to --min=MINPODS, max: {max}, min: {min}"
        )));
    }
    let targets = deployment_targets(sim, p, "kubectl autoscale", "autoscaler")?;
    let namespace = p.namespace();
    let mut out = Output::stdout(String::new());
    for target in targets {
        let mut hpa = HorizontalPodAutoscaler::for_deployment(
            &namespace,
            &target,
            (min > 0).then_some(min),
            max,
            (cpu >= 0).then_some(cpu),
        );
        if let Some(name) = p.str("name").filter(|n| !n.is_empty()) {
            hpa.metadata.name = name.to_string();
        }
        let name = hpa.metadata.name.clone();
        sim.create_horizontal_pod_autoscaler(hpa)?;
        out.stdout.push_str(&format!(
            "horizontalpodautoscaler.autoscaling/{name} autoscaled\n"
        ));
    }
    Ok(out)
}

/// `formatHPAMetrics`: `cpu: 12%/50%`, `<unknown>` before the first measurement.
pub fn targets(hpa: &HorizontalPodAutoscaler) -> String {
    if hpa.spec.metrics.is_empty() {
        return "<none>".to_string();
    }
    let list: Vec<String> = hpa
        .spec
        .metrics
        .iter()
        .enumerate()
        .map(|(i, metric)| {
            let current = hpa
                .status
                .current_metrics
                .get(i)
                .map_or("<unknown>".to_string(), |m| {
                    format!("{}%", m.average_utilization)
                });
            format!(
                "{}: {current}/{}%",
                metric.resource, metric.average_utilization
            )
        })
        .collect();
    let mut text = list.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
    if list.len() > 2 {
        text.push_str(&format!(" + {} more...", list.len() - 2));
    }
    text
}

/// The cells of a `get hpa` row after NAME: REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS, AGE.
pub fn row(now: i64, hpa: &HorizontalPodAutoscaler) -> Vec<String> {
    vec![
        hpa.reference(),
        targets(hpa),
        hpa.spec.min_replicas.to_string(),
        hpa.spec.max_replicas.to_string(),
        hpa.status.current_replicas.to_string(),
        age(now, hpa.metadata.creation_timestamp),
    ]
}

/// A quantity of millicores as `resource.Quantity` prints it: `250m`, `1`.
fn millicores(value: i64) -> String {
    if value % 1000 == 0 {
        (value / 1000).to_string()
    } else {
        format!("{value}m")
    }
}

/// `describeHorizontalPodAutoscalerV2`.
pub fn describe_hpa(sim: &Simulation, hpa: &HorizontalPodAutoscaler) -> String {
    let mut out = String::new();
    out.push_str(&format!("Name:\t{}\n", hpa.metadata.name));
    out.push_str(&format!("Namespace:\t{}\n", hpa.metadata.namespace));
    fields::labels(&mut out, "", "Labels", &hpa.metadata.labels);
    fields::annotations(&mut out, "", "Annotations", &hpa.metadata.annotations);
    out.push_str(&format!(
        "CreationTimestamp:\t{}\n",
        rfc1123z(hpa.metadata.creation_timestamp)
    ));
    out.push_str(&format!("Reference:\t{}\n", hpa.reference()));
    out.push_str("Metrics:\t( current / target )\n");
    for (i, metric) in hpa.spec.metrics.iter().enumerate() {
        let current = hpa
            .status
            .current_metrics
            .get(i)
            .map_or("<unknown>".to_string(), |m| {
                format!(
                    "{}% ({})",
                    m.average_utilization,
                    millicores(m.average_value_millis)
                )
            });
        out.push_str(&format!(
            "  resource {} on pods  (as a percentage of request):\t{current} / {}%\n",
            metric.resource, metric.average_utilization
        ));
    }
    out.push_str(&format!("Min replicas:\t{}\n", hpa.spec.min_replicas));
    out.push_str(&format!("Max replicas:\t{}\n", hpa.spec.max_replicas));
    if let Some(behavior) = &hpa.spec.behavior {
        out.push_str("Behavior:\n");
        direction_behavior(&mut out, "Scale Up", &behavior.scale_up);
        direction_behavior(&mut out, "Scale Down", &behavior.scale_down);
    }
    out.push_str(&format!(
        "{} pods:\t{} current / {} desired\n",
        hpa.spec.scale_target_ref.kind, hpa.status.current_replicas, hpa.status.desired_replicas
    ));
    if !hpa.status.conditions.is_empty() {
        out.push_str("Conditions:\n");
        out.push_str("  Type\tStatus\tReason\tMessage\n");
        out.push_str("  ----\t------\t------\t-------\n");
        for c in &hpa.status.conditions {
            out.push_str(&format!(
                "  {}\t{}\t{}\t{}\n",
                c.kind.as_str(),
                c.status.as_str(),
                c.reason.as_str(),
                c.reason.message()
            ));
        }
    }
    let (namespace, name) = (&hpa.metadata.namespace, &hpa.metadata.name);
    events::with_events(
        &out,
        sim,
        ObjectKind::HorizontalPodAutoscaler,
        namespace,
        name,
    )
}

/// `printDirectionBehavior`.
fn direction_behavior(out: &mut String, direction: &str, rules: &ScalingRules) {
    out.push_str(&format!("  {direction}:\n"));
    if let Some(window) = rules.stabilization_window_seconds {
        out.push_str(&format!("    Stabilization Window: {window} seconds\n"));
    }
    if !rules.policies.is_empty() {
        out.push_str(&format!(
            "    Select Policy: {}\n",
            rules.select_policy.as_str()
        ));
        out.push_str("    Policies:\n");
        for p in &rules.policies {
            out.push_str(&format!(
                "      - Type: {}\tValue: {}\tPeriod: {} seconds\n",
                p.kind.as_str(),
                p.value,
                p.period_seconds
            ));
        }
    }
}
