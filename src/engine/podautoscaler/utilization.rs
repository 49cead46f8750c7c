//! `pkg/controller/podautoscaler/metrics/utilization.go`: the utilization of a set of pods as a
//! percentage of what they request.

use super::replica_calculator::PodMetricsInfo;
use crate::engine::autoscaling::MetricError;
use crate::engine::sorting::ListMap;

/// `GetResourceUtilizationRatio`: the pods' total usage as a whole percentage of their total
/// request (`int32((Σ usage × 100) / Σ request)`, truncated), that percentage over the target,
/// and the average usage per pod. Metrics of pods without a known request are skipped. The sums
/// and the product saturate where Go's int64 would wrap.
pub fn get_resource_utilization_ratio(
    metrics: &PodMetricsInfo,
    requests: &ListMap<String, i64>,
    target_utilization: i32,
) -> Result<(f64, i32, i64), MetricError> {
    let mut metrics_total: i64 = 0;
    let mut requests_total: i64 = 0;
    let mut entries: i64 = 0;
    for (pod, metric) in metrics.iter() {
        let Some(request) = requests.get(pod) else {
            continue;
        };
        metrics_total = metrics_total.saturating_add(metric.value);
        requests_total = requests_total.saturating_add(*request);
        entries += 1;
    }
    if requests_total == 0 {
        return Err(MetricError::NoMatchingMetrics);
    }
    let current = (metrics_total.saturating_mul(100) / requests_total) as i32;
    Ok((
        f64::from(current) / f64::from(target_utilization),
        current,
        metrics_total / entries,
    ))
}
