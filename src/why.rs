//! The "Why": each controller decision (`engine::Step`) in plain language with its
//! arithmetic, for people learning what the controller does. The one place these sentences are
//! written; the engine records only the facts, and the UI (or anything else) renders them here.
//!
//! For example `Step::ReconcileNewReplicaSetUp` with 10 replicas, maxSurge 25% and 11 pods reads
//! "New ReplicaSet web-5b55bc4f6c 3→5: maxSurge 25% of 10 = 3 (rounded up), so at most 10 + 3 =
//! 13 pods in all; the ReplicaSets hold 11, so it may add min(13 - 11, 10 - 3) = 2."

use crate::engine::{
    ActiveOrLatest, Fencepost, GoneCause, Resize, Step, StrategyType, VictimState,
};
use crate::narration::Story;

mod autoscale;

/// The decision in plain words.
pub fn render(step: &Step) -> String {
    match step {
        Step::Autoscale(autoscaling) => autoscale::render(autoscaling),
        Step::ReplicaSetRenumbered {
            replica_set,
            from_revision,
            to_revision,
        } => format!(
            "The template matches the old ReplicaSet {replica_set} (revision {from_revision}), so it is reused rather than a new one created, and renumbered revision {to_revision} (the highest so far plus one). Its old number goes into its revision-history annotation."
        ),
        Step::NewReplicaSetCreated {
            replica_set,
            revision,
            strategy,
            replicas,
            max_surge,
            old_replicas,
            new_replicas,
        } => match strategy {
            StrategyType::Recreate => format!(
                "Recreate: every old pod is gone, so the new ReplicaSet {replica_set} (revision {revision}) starts directly at {new_replicas} replicas."
            ),
            StrategyType::RollingUpdate if *old_replicas == 0 => format!(
                "New ReplicaSet {replica_set} (revision {revision}) created with {new_replicas} replicas: nothing older is running, so there is nothing to replace gradually."
            ),
            StrategyType::RollingUpdate => {
                let max_total = replicas.wrapping_add(max_surge.value);
                let start = if *old_replicas > max_total {
                    // NewRSNewReplicas: no room at all, so the new ReplicaSet stays as created.
                    format!("more than that already, so it starts with {new_replicas}")
                } else {
                    format!("so it starts with min({max_total} - {old_replicas}, {replicas}) = {new_replicas}")
                };
                format!(
                    "The pod template changed, so a rolling update begins: new ReplicaSet {replica_set} (revision {revision}). {}: at most {replicas} + {} = {max_total} pods in all. {old_replicas} exist, {start}.",
                    surge(max_surge),
                    max_surge.value,
                )
            }
        },
        Step::ScaleActiveOrLatest {
            picked,
            resize: Resize {
                replica_set,
                from,
                to,
            },
            new_replica_set_exists,
        } => {
            let which = match picked {
                ActiveOrLatest::OnlyActive => format!("only {replica_set} has pods, so it"),
                ActiveOrLatest::New => {
                    format!("no ReplicaSet has pods, so the new one, {replica_set},")
                }
                ActiveOrLatest::NewestOld => {
                    format!("no ReplicaSet has pods, so the newest, {replica_set},")
                }
            };
            let revision = if *new_replica_set_exists {
                "No new revision: the template did not change."
            } else {
                "The template changed too: its ReplicaSet is created when the rollout starts (at once, unless the Deployment is paused)."
            };
            format!(
                "Scaling: replicas changed to {to}; {which} goes from {from} to {to} directly. {revision}"
            )
        }
        Step::ScaleProportionally {
            replicas,
            max_surge,
            allowed_size,
            all_rs_replicas,
            replicas_to_add,
            resizes,
        } => {
            let allowed = if *replicas == 0 && max_surge.value != 0 {
                // `scale`'s allowedSize: no surge on the way to 0.
                "0 (no surge when scaling to 0)".to_string()
            } else {
                format!("{replicas} + maxSurge {} = {allowed_size}", max_surge.value)
            };
            let shares = resizes.iter().map(sizes).collect::<Vec<_>>().join(", ");
            format!(
                "Proportional scaling: replicas changed to {replicas} in the middle of a rollout. The allowed total is {allowed}, {all_rs_replicas} exist, so {replicas_to_add:+} are shared among the active ReplicaSets in proportion to their size (leftover to the largest): {shares}."
            )
        }
        Step::CleanupDeployment {
            revision_history_limit,
            deleted,
        } => {
            let list = deleted
                .iter()
                .map(|rs| format!("{} (revision {})", rs.replica_set, rs.revision))
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "revisionHistoryLimit is {revision_history_limit}: deleted the oldest scaled-down ReplicaSet(s) {list}. Their revisions can no longer be rolled back to."
            )
        }
        Step::ReconcileNewReplicaSetDown { resize } => format!(
            "New ReplicaSet {}: it had more pods than the Deployment wants.",
            sizes(resize)
        ),
        Step::ReconcileNewReplicaSetUp {
            resize,
            replicas,
            max_surge,
            max_total_pods,
            current_pod_count,
        } => format!(
            "New ReplicaSet {}: {}, so at most {replicas} + {} = {max_total_pods} pods in all; the ReplicaSets hold {current_pod_count}, so it may add min({max_total_pods} - {current_pod_count}, {replicas} - {}) = {}.",
            sizes(resize),
            surge(max_surge),
            max_surge.value,
            resize.from,
            resize.to - resize.from,
        ),
        Step::CleanupUnhealthyReplicas { resize, .. } => format!(
            "Old ReplicaSet {}: {} of its pods are not available, so they go first; removing them costs no availability.",
            sizes(resize),
            resize.from - resize.to,
        ),
        Step::ScaleDownOldReplicaSetsForRollingUpdate {
            resize,
            replicas,
            max_unavailable,
            min_available,
            available_pod_count,
            total_scale_down_count,
        } => format!(
            "Old ReplicaSet {}: {available_pod_count} pods are available and at least {replicas} - {} = {min_available} must stay available ({}), so up to {total_scale_down_count} may go.",
            sizes(resize),
            max_unavailable.value,
            unavailable(max_unavailable),
        ),
        Step::ScaleDownOldReplicaSetsForRecreate { resize } => format!(
            "Recreate: old ReplicaSet {} at once. The new pods start only when every old pod is gone, so there is downtime.",
            sizes(resize)
        ),
        Step::Paused => "Paused: template changes are recorded but no rollout starts and the progress deadline is not checked; scaling still works.".to_string(),
        Step::RolloutComplete { replicas } => format!(
            "Rollout complete: all {replicas} replicas are updated and available; nothing old is left running."
        ),
        Step::ProgressDeadlineExceeded {
            progress_deadline_seconds,
        } => format!(
            "No progress for more than progressDeadlineSeconds ({progress_deadline_seconds} s): Progressing=False, reason ProgressDeadlineExceeded. Kubernetes only reports this; it keeps trying and does not roll back by itself (`kubectl rollout undo` does)."
        ),
        Step::Rollback {
            revision,
            replica_set,
        } => format!(
            "The deprecated rollback annotation asked for revision {revision}: its template ({replica_set}) is copied back into the Deployment, which rolls out again."
        ),
        Step::ScaleSaturated {
            new_replica_set,
            resizes,
        } => format!(
            "The new ReplicaSet {new_replica_set} has all its pods available, so the old ones go to 0 at once: {}.",
            list(resizes.iter().map(sizes))
        ),
        Step::ScaleUpNewReplicaSetForRecreate { resize } => format!(
            "Recreate: every old pod is gone, so the new ReplicaSet {} at once.",
            sizes(resize)
        ),
        Step::ManageReplicasCreate {
            replica_set,
            replicas,
            active,
            gone,
            created,
        } => {
            let cause = if gone.is_empty() {
                String::new()
            } else {
                let each = gone.iter().map(|g| match g.cause {
                    GoneCause::Deleted => format!("{} was deleted", g.pod),
                    GoneCause::NodeLost => format!("{} was lost with its node", g.pod),
                });
                format!("Pod {}; ", list(each))
            };
            let count = replicas - active;
            format!(
                "{cause}ReplicaSet {replica_set} wants {replicas} and has {active}, so it creates {count}: {}.",
                named(created, count)
            )
        }
        Step::ManageReplicasDelete {
            replica_set,
            replicas,
            active,
            deleted,
        } => {
            let names: Vec<String> = deleted
                .iter()
                .map(|v| {
                let state = match v.state {
                    VictimState::Unscheduled => "not scheduled",
                    VictimState::Pending => "pending",
                    VictimState::NotReady => "not ready",
                    VictimState::Ready => "ready",
                };
                format!("{} ({state})", v.pod)
                })
                .collect();
            let count = active - replicas;
            format!(
                "ReplicaSet {replica_set} wants {replicas} and has {active}, so it deletes {count}: {}. Unscheduled, pending and not-ready pods go first, then the most recently ready.",
                named(&names, count)
            )
        }
    }
}

/// `a, b, c`.
fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The pods named, and how many more there are of `count`: `a, b, c and 2 more`.
fn named(pods: &[String], count: i32) -> String {
    let more = count - pods.len() as i32;
    let names = pods.join(", ");
    if more > 0 {
        format!("{names} and {more} more")
    } else {
        names
    }
}

/// `web-abc 3→5`.
fn sizes(resize: &Resize) -> String {
    format!("{} {}→{}", resize.replica_set, resize.from, resize.to)
}

/// `maxSurge 25% of 10 = 3 (rounded up)`, or `maxSurge 2`.
fn surge(f: &Fencepost) -> String {
    fencepost("maxSurge", f, "up")
}

/// `maxUnavailable 25% of 10 = 2 (rounded down)`, or `maxUnavailable 1`.
fn unavailable(f: &Fencepost) -> String {
    fencepost("maxUnavailable", f, "down")
}

fn fencepost(name: &str, f: &Fencepost, rounded: &str) -> String {
    if f.is_percent() {
        format!(
            "{name} {} of {} = {} (rounded {rounded})",
            f.written, f.of, f.value
        )
    } else {
        format!("{name} {}", f.value)
    }
}

/// The heading of a story in the "Why" panel: `web: rolling update to revision 2`.
pub fn story_title(deployment: &str, story: Story) -> String {
    match story {
        Story::Created => format!("{deployment}: created"),
        Story::Rollout { revision } => {
            format!("{deployment}: rolling update to revision {revision}")
        }
        Story::RolledBack { revision } => {
            format!("{deployment}: back to an old template, as revision {revision}")
        }
        Story::Scaled { to } => format!("{deployment}: scaling to {to}"),
        Story::SelfHealed => format!("{deployment}: self-healing"),
        Story::Paused => format!("{deployment}: paused"),
    }
}
