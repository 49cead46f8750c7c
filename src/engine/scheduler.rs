//! The scheduler: binds pending pods to nodes that are Ready, schedulable, match the pod's
//! nodeSelector and have room for its requests.

use super::Simulation;

/// Binds every pending pod that fits somewhere; returns whether anything changed.
pub fn schedule_pending(_sim: &mut Simulation) -> bool {
    false
}
