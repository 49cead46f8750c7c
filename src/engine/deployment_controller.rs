//! The Deployment controller (`pkg/controller/deployment`).

use super::Simulation;

/// `syncDeployment` for every Deployment; returns whether anything changed.
pub fn sync_all(_sim: &mut Simulation) -> bool {
    false
}
