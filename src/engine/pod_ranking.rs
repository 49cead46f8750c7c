//! `ActivePodsWithRanks`: the order in which a shrinking ReplicaSet deletes its pods.
