//! What the Deployment controller (and the ReplicaSet controller under it) decided and why, as
//! facts: which step decided (`Step`, one variant per controller function or outcome), the inputs
//! it read and the numbers it computed, and the outcome (a ReplicaSet's new size, a revision, a
//! condition, the pods created or deleted). The controller functions only fill these in with
//! numbers they already have; `crate::why` turns them into sentences.
//!
//! Worked example (10 replicas, maxSurge 25%, maxUnavailable 25%, the image changes): the first
//! sync records `NewReplicaSetCreated` (maxSurge 25% of 10 = 3, so at most 13 pods; 10 exist, so
//! the new ReplicaSet starts at min(13 - 10, 10) = 3), then
//! `ScaleDownOldReplicaSetsForRollingUpdate` (10 available, at least 10 - 2 = 8 must stay, so
//! the old one goes 10 → 8), then `ReconcileNewReplicaSetUp` (11 pods, so 3 → 5).

use super::super::deployment_util::{max_surge, max_unavailable};
use super::super::intstr::IntOrString;
use super::super::objects::{Deployment, ReplicaSet, Seconds, StrategyType};
use super::super::podautoscaler::Autoscaling;

/// A controller decision: when, about which Deployment, and what was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub time: Seconds,
    pub namespace: String,
    pub deployment: String,
    pub step: Step,
}

impl Decision {
    /// What `step` decided at `time` about Deployment `d`.
    pub(crate) fn about(time: Seconds, d: &Deployment, step: Step) -> Decision {
        Decision {
            time,
            namespace: d.metadata.namespace.clone(),
            deployment: d.metadata.name.clone(),
            step,
        }
    }
}

/// The controller step that decided, with its inputs, its arithmetic and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A HorizontalPodAutoscaler's sync (`reconcileAutoscaler`) of its target Deployment: the
    /// metric's arithmetic, the window and the limit, and the size it set.
    Autoscale(Box<Autoscaling>),
    /// `getNewReplicaSet`: an old ReplicaSet's template matches the Deployment's again (a
    /// rollback), so it is reused and renumbered to the highest revision plus one.
    ReplicaSetRenumbered {
        replica_set: String,
        from_revision: i64,
        to_revision: i64,
    },
    /// `getNewReplicaSet`: the new ReplicaSet was created, sized by `NewRSNewReplicas`:
    /// `min(replicas + maxSurge - old_replicas, replicas)` for RollingUpdate, `replicas` for
    /// Recreate.
    NewReplicaSetCreated {
        replica_set: String,
        revision: i64,
        strategy: StrategyType,
        /// The Deployment's `spec.replicas`.
        replicas: i32,
        max_surge: Fencepost,
        /// What the old ReplicaSets hold together (their `spec.replicas`).
        old_replicas: i32,
        new_replicas: i32,
    },
    /// `scale`, with one ReplicaSet to scale (`FindActiveOrLatest`): it takes the Deployment's
    /// new size directly.
    ScaleActiveOrLatest {
        /// Why this ReplicaSet was the one.
        picked: ActiveOrLatest,
        /// `to` is the Deployment's `spec.replicas`.
        resize: Resize,
        /// Whether a ReplicaSet with the Deployment's current template exists (when not, the
        /// template changed too and its ReplicaSet comes with the rollout).
        new_replica_set_exists: bool,
    },
    /// `scale` in the middle of a rollout: `replicas_to_add = allowed_size - all_rs_replicas`
    /// shared among the active ReplicaSets in proportion to their size, the leftover to the
    /// largest (`getReplicaSetFraction`).
    ScaleProportionally {
        replicas: i32,
        max_surge: Fencepost,
        /// `replicas + maxSurge`, or 0 when `replicas` is 0.
        allowed_size: i32,
        all_rs_replicas: i32,
        replicas_to_add: i32,
        /// Every active ReplicaSet, in the order the shares were handed out.
        resizes: Vec<Resize>,
    },
    /// `cleanupDeployment`: the oldest fully scaled-down ReplicaSets beyond
    /// `revisionHistoryLimit` were deleted.
    CleanupDeployment {
        revision_history_limit: i32,
        deleted: Vec<ReplicaSetRevision>,
    },
    /// `reconcileNewReplicaSet`: the new ReplicaSet had more replicas than the Deployment wants
    /// and goes down to `spec.replicas`.
    ReconcileNewReplicaSetDown { resize: Resize },
    /// `reconcileNewReplicaSet`: the new ReplicaSet grows by
    /// `min(max_total_pods - current_pod_count, replicas - from)` (`NewRSNewReplicas`).
    ReconcileNewReplicaSetUp {
        resize: Resize,
        replicas: i32,
        max_surge: Fencepost,
        /// `replicas + maxSurge`.
        max_total_pods: i32,
        /// What all the ReplicaSets hold together (their `spec.replicas`).
        current_pod_count: i32,
    },
    /// `cleanupUnhealthyReplicas`: an old ReplicaSet loses pods that are not available (they
    /// serve nothing), at most `max_cleanup_count` in all.
    CleanupUnhealthyReplicas {
        resize: Resize,
        /// The ReplicaSet's `status.availableReplicas`.
        available_replicas: i32,
        max_cleanup_count: i32,
    },
    /// `scaleDownOldReplicaSetsForRollingUpdate`: an old ReplicaSet shrinks while
    /// `min_available = replicas - maxUnavailable` pods stay available; up to
    /// `total_scale_down_count = available_pod_count - min_available` may go in all.
    ScaleDownOldReplicaSetsForRollingUpdate {
        resize: Resize,
        replicas: i32,
        max_unavailable: Fencepost,
        min_available: i32,
        available_pod_count: i32,
        total_scale_down_count: i32,
    },
    /// `scaleDownOldReplicaSetsForRecreate`: an old ReplicaSet goes to 0 at once.
    ScaleDownOldReplicaSetsForRecreate { resize: Resize },
    /// `checkPausedConditions`: the Deployment was paused (Progressing=Unknown, DeploymentPaused).
    Paused,
    /// `syncRolloutStatus`: the rollout is complete (Progressing=True, NewReplicaSetAvailable).
    RolloutComplete { replicas: i32 },
    /// `syncRolloutStatus`: no progress within the deadline (Progressing=False,
    /// ProgressDeadlineExceeded).
    ProgressDeadlineExceeded { progress_deadline_seconds: i32 },
    /// `rollback`: the deprecated rollback annotation asked for `revision`, whose template (from
    /// `replica_set`) was copied back into the Deployment.
    Rollback { revision: i64, replica_set: String },
    /// `scale`: the new ReplicaSet is saturated (`IsSaturated`: it has `spec.replicas` pods, all
    /// available), so every active old ReplicaSet goes to 0 at once.
    ScaleSaturated {
        new_replica_set: String,
        resizes: Vec<Resize>,
    },
    /// `scaleUpNewReplicaSetForRecreate`: every old pod is gone, so the existing new ReplicaSet
    /// goes to `spec.replicas` at once.
    ScaleUpNewReplicaSetForRecreate { resize: Resize },
    /// The ReplicaSet controller's `manageReplicas`: fewer active pods (`FilterActivePods`) than
    /// `spec.replicas` (`diff < 0`), so it creates the difference.
    ManageReplicasCreate {
        replica_set: String,
        /// `spec.replicas`: how many pods it wants.
        replicas: i32,
        /// How many active pods it had (neither terminating nor finished).
        active: i32,
        /// Its pods that stopped counting this second, and why.
        gone: Vec<GonePod>,
        /// The first pods created (at most `NAMED_PODS`; `replicas - active` in all).
        created: Vec<String>,
    },
    /// `manageReplicas`: more active pods than `spec.replicas` (`diff > 0`), so it deletes the
    /// difference, the first in `getPodsToDelete`'s ranking (`ActivePodsWithRanks`).
    ManageReplicasDelete {
        replica_set: String,
        replicas: i32,
        active: i32,
        /// The first pods deleted, in ranking order (at most `NAMED_PODS`; `active - replicas`
        /// in all).
        deleted: Vec<Victim>,
    },
}

/// How many pods a `ManageReplicas*` decision names (the count is in its numbers).
pub const NAMED_PODS: usize = 3;

/// A pod that stopped counting for its ReplicaSet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GonePod {
    pub pod: String,
    pub cause: GoneCause,
}

/// Why a pod stopped counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoneCause {
    /// Deleted through the API (`kubectl delete pod`, an eviction by `kubectl drain`).
    Deleted,
    /// Its node stopped answering (`NodeLost`).
    NodeLost,
}

/// A pod the ReplicaSet controller deletes, with what put it early in the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Victim {
    pub pod: String,
    pub state: VictimState,
}

/// The first keys of `ActivePodsWithRanks` a pod stands at: unscheduled before pending before
/// not ready before ready (ready ones: the most recently ready, then the newest, first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VictimState {
    Unscheduled,
    Pending,
    NotReady,
    Ready,
}

/// A ReplicaSet's size before and after a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resize {
    pub replica_set: String,
    pub from: i32,
    pub to: i32,
}

impl Resize {
    /// `rs`, as it is before the step, going to `to` replicas.
    pub(crate) fn of(rs: &ReplicaSet, to: i32) -> Resize {
        Resize {
            replica_set: rs.metadata.name.clone(),
            from: rs.spec.replicas,
            to,
        }
    }
}

/// A ReplicaSet and its revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaSetRevision {
    pub replica_set: String,
    pub revision: i64,
}

/// Which ReplicaSet `FindActiveOrLatest` returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActiveOrLatest {
    /// The only one with replicas.
    OnlyActive,
    /// None has replicas: the new ReplicaSet (the one with the current template).
    New,
    /// None has replicas and there is no new one: the newest old ReplicaSet.
    NewestOld,
}

/// `maxSurge` or `maxUnavailable` as written in the spec and as resolved against `spec.replicas`
/// (`ResolveFenceposts`: a percentage rounds up for maxSurge and down for maxUnavailable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fencepost {
    /// As written (`25%` or `3`; `0` when not set).
    pub written: IntOrString,
    /// What a percentage is of: the Deployment's `spec.replicas`.
    pub of: i32,
    /// As resolved (`MaxSurge`, `MaxUnavailable`).
    pub value: i32,
}

impl Fencepost {
    /// The Deployment's maxSurge.
    pub(crate) fn max_surge(d: &Deployment) -> Self {
        let written = d
            .spec
            .strategy
            .rolling_update
            .as_ref()
            .and_then(|r| r.max_surge.clone());
        Fencepost::resolved(d, written, max_surge(d))
    }

    /// The Deployment's maxUnavailable.
    pub(crate) fn max_unavailable(d: &Deployment) -> Self {
        let written = d
            .spec
            .strategy
            .rolling_update
            .as_ref()
            .and_then(|r| r.max_unavailable.clone());
        Fencepost::resolved(d, written, max_unavailable(d))
    }

    fn resolved(d: &Deployment, written: Option<IntOrString>, value: i32) -> Self {
        Fencepost {
            written: written.unwrap_or(IntOrString::Int(0)),
            of: d.spec.replicas,
            value,
        }
    }

    /// Whether it is written as a percentage.
    pub fn is_percent(&self) -> bool {
        matches!(&self.written, IntOrString::Str(s) if s.ends_with('%'))
    }
}
