//! The "Why" sentences: one decision of each kind (and each way a kind reads) rendered to its
//! exact text, arithmetic included.

use deploysim::engine::intstr::IntOrString;
use deploysim::engine::replica_calculator::Proposal;
use deploysim::engine::{
    ActiveOrLatest, AutoscaleOutcome, Autoscaling, Computed, Fencepost, GoneCause, GonePod, Limit,
    ReplicaSetRevision, Resize, Step, StrategyType, Victim, VictimState,
};
use deploysim::why::render;

/// A fencepost written as a percentage of `of`, resolved to `value`.
fn percent(written: &str, of: i32, value: i32) -> Fencepost {
    Fencepost {
        written: IntOrString::Str(written.into()),
        of,
        value,
    }
}

/// A fencepost written as a number.
fn number(value: i32, of: i32) -> Fencepost {
    Fencepost {
        written: IntOrString::Int(value),
        of,
        value,
    }
}

fn resize(replica_set: &str, from: i32, to: i32) -> Resize {
    Resize {
        replica_set: replica_set.into(),
        from,
        to,
    }
}

fn created(strategy: StrategyType, max_surge: Fencepost, old: i32, new: i32) -> Step {
    Step::NewReplicaSetCreated {
        replica_set: "web-5b55bc4f6c".into(),
        revision: 2,
        strategy,
        replicas: 10,
        max_surge,
        old_replicas: old,
        new_replicas: new,
    }
}

fn scaled(picked: ActiveOrLatest, from: i32, new_replica_set_exists: bool) -> Step {
    Step::ScaleActiveOrLatest {
        picked,
        resize: resize("web-5b55bc4f6c", from, 6),
        new_replica_set_exists,
    }
}

fn proportionally(replicas: i32, max_surge: Fencepost, allowed_size: i32) -> Step {
    Step::ScaleProportionally {
        replicas,
        max_surge,
        allowed_size,
        all_rs_replicas: 5,
        replicas_to_add: allowed_size - 5,
        resizes: vec![
            resize("foo-v1", 3, 3 * allowed_size / 5),
            resize("foo-v2", 2, 2 * allowed_size / 5),
        ],
    }
}

#[test]
fn each_decision_reads_as_its_sentence_with_its_arithmetic() {
    let rows: Vec<(Step, &str)> = vec![
        (
            Step::ReplicaSetRenumbered {
                replica_set: "web-5b55bc4f6c".into(),
                from_revision: 1,
                to_revision: 3,
            },
            "The template matches the old ReplicaSet web-5b55bc4f6c (revision 1), so it is reused rather than a new one created, and renumbered revision 3 (the highest so far plus one). Its old number goes into its revision-history annotation.",
        ),
        (
            created(StrategyType::Recreate, number(0, 10), 0, 10),
            "Recreate: every old pod is gone, so the new ReplicaSet web-5b55bc4f6c (revision 2) starts directly at 10 replicas.",
        ),
        (
            created(StrategyType::RollingUpdate, percent("25%", 10, 3), 0, 10),
            "New ReplicaSet web-5b55bc4f6c (revision 2) created with 10 replicas: nothing older is running, so there is nothing to replace gradually.",
        ),
        (
            created(StrategyType::RollingUpdate, percent("25%", 10, 3), 10, 3),
            "The pod template changed, so a rolling update begins: new ReplicaSet web-5b55bc4f6c (revision 2). maxSurge 25% of 10 = 3 (rounded up): at most 10 + 3 = 13 pods in all. 10 exist, so it starts with min(13 - 10, 10) = 3.",
        ),
        (
            created(StrategyType::RollingUpdate, number(2, 10), 12, 0),
            "The pod template changed, so a rolling update begins: new ReplicaSet web-5b55bc4f6c (revision 2). maxSurge 2: at most 10 + 2 = 12 pods in all. 12 exist, so it starts with min(12 - 12, 10) = 0.",
        ),
        (
            created(StrategyType::RollingUpdate, number(0, 10), 13, 0),
            "The pod template changed, so a rolling update begins: new ReplicaSet web-5b55bc4f6c (revision 2). maxSurge 0: at most 10 + 0 = 10 pods in all. 13 exist, more than that already, so it starts with 0.",
        ),
        (
            scaled(ActiveOrLatest::OnlyActive, 4, true),
            "Scaling: replicas changed to 6; only web-5b55bc4f6c has pods, so it goes from 4 to 6 directly. No new revision: the template did not change.",
        ),
        (
            scaled(ActiveOrLatest::OnlyActive, 4, false),
            "Scaling: replicas changed to 6; only web-5b55bc4f6c has pods, so it goes from 4 to 6 directly. The template changed too: its ReplicaSet is created when the rollout starts (at once, unless the Deployment is paused).",
        ),
        (
            scaled(ActiveOrLatest::New, 0, true),
            "Scaling: replicas changed to 6; no ReplicaSet has pods, so the new one, web-5b55bc4f6c, goes from 0 to 6 directly. No new revision: the template did not change.",
        ),
        (
            scaled(ActiveOrLatest::NewestOld, 0, false),
            "Scaling: replicas changed to 6; no ReplicaSet has pods, so the newest, web-5b55bc4f6c, goes from 0 to 6 directly. The template changed too: its ReplicaSet is created when the rollout starts (at once, unless the Deployment is paused).",
        ),
        (
            proportionally(10, number(0, 10), 10),
            "Proportional scaling: replicas changed to 10 in the middle of a rollout. The allowed total is 10 + maxSurge 0 = 10, 5 exist, so +5 are shared among the active ReplicaSets in proportion to their size (leftover to the largest): foo-v1 3→6, foo-v2 2→4.",
        ),
        (
            proportionally(0, percent("25%", 0, 0), 0),
            "Proportional scaling: replicas changed to 0 in the middle of a rollout. The allowed total is 0 + maxSurge 0 = 0, 5 exist, so -5 are shared among the active ReplicaSets in proportion to their size (leftover to the largest): foo-v1 3→0, foo-v2 2→0.",
        ),
        (
            proportionally(0, number(3, 0), 0),
            "Proportional scaling: replicas changed to 0 in the middle of a rollout. The allowed total is 0 (no surge when scaling to 0), 5 exist, so -5 are shared among the active ReplicaSets in proportion to their size (leftover to the largest): foo-v1 3→0, foo-v2 2→0.",
        ),
        (
            Step::CleanupDeployment {
                revision_history_limit: 1,
                deleted: vec![
                    ReplicaSetRevision {
                        replica_set: "web-1".into(),
                        revision: 1,
                    },
                    ReplicaSetRevision {
                        replica_set: "web-2".into(),
                        revision: 2,
                    },
                ],
            },
            "revisionHistoryLimit is 1: deleted the oldest scaled-down ReplicaSet(s) web-1 (revision 1), web-2 (revision 2). Their revisions can no longer be rolled back to.",
        ),
        (
            Step::ReconcileNewReplicaSetDown {
                resize: resize("web-5b55bc4f6c", 12, 10),
            },
            "New ReplicaSet web-5b55bc4f6c 12→10: it had more pods than the Deployment wants.",
        ),
        (
            Step::ReconcileNewReplicaSetUp {
                resize: resize("web-5b55bc4f6c", 3, 5),
                replicas: 10,
                max_surge: percent("25%", 10, 3),
                max_total_pods: 13,
                current_pod_count: 11,
            },
            "New ReplicaSet web-5b55bc4f6c 3→5: maxSurge 25% of 10 = 3 (rounded up), so at most 10 + 3 = 13 pods in all; the ReplicaSets hold 11, so it may add min(13 - 11, 10 - 3) = 2.",
        ),
        (
            Step::ReconcileNewReplicaSetUp {
                resize: resize("web-5b55bc4f6c", 0, 1),
                replicas: 3,
                max_surge: number(0, 3),
                max_total_pods: 3,
                current_pod_count: 2,
            },
            "New ReplicaSet web-5b55bc4f6c 0→1: maxSurge 0, so at most 3 + 0 = 3 pods in all; the ReplicaSets hold 2, so it may add min(3 - 2, 3 - 0) = 1.",
        ),
        (
            Step::CleanupUnhealthyReplicas {
                resize: resize("web-69cb94ff97", 5, 3),
                available_replicas: 3,
                max_cleanup_count: 4,
            },
            "Old ReplicaSet web-69cb94ff97 5→3: 2 of its pods are not available, so they go first; removing them costs no availability.",
        ),
        (
            Step::ScaleDownOldReplicaSetsForRollingUpdate {
                resize: resize("web-69cb94ff97", 10, 8),
                replicas: 10,
                max_unavailable: percent("25%", 10, 2),
                min_available: 8,
                available_pod_count: 10,
                total_scale_down_count: 2,
            },
            "Old ReplicaSet web-69cb94ff97 10→8: 10 pods are available and at least 10 - 2 = 8 must stay available (maxUnavailable 25% of 10 = 2 (rounded down)), so up to 2 may go.",
        ),
        (
            Step::ScaleDownOldReplicaSetsForRollingUpdate {
                resize: resize("web-69cb94ff97", 3, 2),
                replicas: 3,
                max_unavailable: number(1, 3),
                min_available: 2,
                available_pod_count: 3,
                total_scale_down_count: 1,
            },
            "Old ReplicaSet web-69cb94ff97 3→2: 3 pods are available and at least 3 - 1 = 2 must stay available (maxUnavailable 1), so up to 1 may go.",
        ),
        (
            Step::ScaleDownOldReplicaSetsForRecreate {
                resize: resize("db-69cb94ff97", 3, 0),
            },
            "Recreate: old ReplicaSet db-69cb94ff97 3→0 at once. The new pods start only when every old pod is gone, so there is downtime.",
        ),
        (
            Step::Paused,
            "Paused: template changes are recorded but no rollout starts and the progress deadline is not checked; scaling still works.",
        ),
        (
            Step::RolloutComplete { replicas: 10 },
            "Rollout complete: all 10 replicas are updated and available; nothing old is left running.",
        ),
        (
            Step::ProgressDeadlineExceeded {
                progress_deadline_seconds: 30,
            },
            "No progress for more than progressDeadlineSeconds (30 s): Progressing=False, reason ProgressDeadlineExceeded. Kubernetes only reports this; it keeps trying and does not roll back by itself (`kubectl rollout undo` does).",
        ),
        (
            Step::Rollback {
                revision: 1,
                replica_set: "web-69cb94ff97".into(),
            },
            "The deprecated rollback annotation asked for revision 1: its template (web-69cb94ff97) is copied back into the Deployment, which rolls out again.",
        ),
        (
            Step::ScaleSaturated {
                new_replica_set: "web-5b55bc4f6c".into(),
                resizes: vec![resize("web-69cb94ff97", 1, 0)],
            },
            "The new ReplicaSet web-5b55bc4f6c has all its pods available, so the old ones go to 0 at once: web-69cb94ff97 1→0.",
        ),
        (
            Step::ScaleUpNewReplicaSetForRecreate {
                resize: resize("db-5b55bc4f6c", 0, 3),
            },
            "Recreate: every old pod is gone, so the new ReplicaSet db-5b55bc4f6c 0→3 at once.",
        ),
        (
            Step::ManageReplicasCreate {
                replica_set: "web-abc".into(),
                replicas: 4,
                active: 3,
                gone: vec![GonePod {
                    pod: "web-abc-x2k9q".into(),
                    cause: GoneCause::Deleted,
                }],
                created: vec!["web-abc-q7r2m".into()],
            },
            "Pod web-abc-x2k9q was deleted; ReplicaSet web-abc wants 4 and has 3, so it creates 1: web-abc-q7r2m.",
        ),
        (
            Step::ManageReplicasCreate {
                replica_set: "web-abc".into(),
                replicas: 4,
                active: 2,
                gone: vec![
                    GonePod {
                        pod: "web-abc-aaaaa".into(),
                        cause: GoneCause::NodeLost,
                    },
                    GonePod {
                        pod: "web-abc-bbbbb".into(),
                        cause: GoneCause::NodeLost,
                    },
                ],
                created: vec!["web-abc-ccccc".into(), "web-abc-ddddd".into()],
            },
            "Pod web-abc-aaaaa was lost with its node, web-abc-bbbbb was lost with its node; ReplicaSet web-abc wants 4 and has 2, so it creates 2: web-abc-ccccc, web-abc-ddddd.",
        ),
        (
            Step::ManageReplicasCreate {
                replica_set: "web-abc".into(),
                replicas: 5,
                active: 0,
                gone: vec![],
                created: vec!["web-abc-a".into(), "web-abc-b".into(), "web-abc-c".into()],
            },
            "ReplicaSet web-abc wants 5 and has 0, so it creates 5: web-abc-a, web-abc-b, web-abc-c and 2 more.",
        ),
        (
            Step::ManageReplicasDelete {
                replica_set: "web-old".into(),
                replicas: 2,
                active: 4,
                deleted: vec![
                    Victim {
                        pod: "web-old-a".into(),
                        state: VictimState::NotReady,
                    },
                    Victim {
                        pod: "web-old-b".into(),
                        state: VictimState::Ready,
                    },
                ],
            },
            "ReplicaSet web-old wants 2 and has 4, so it deletes 2: web-old-a (not ready), web-old-b (ready). Unscheduled, pending and not-ready pods go first, then the most recently ready.",
        ),
        (
            Step::ManageReplicasDelete {
                replica_set: "web-old".into(),
                replicas: 0,
                active: 5,
                deleted: vec![
                    Victim {
                        pod: "web-old-a".into(),
                        state: VictimState::Unscheduled,
                    },
                    Victim {
                        pod: "web-old-b".into(),
                        state: VictimState::Pending,
                    },
                    Victim {
                        pod: "web-old-c".into(),
                        state: VictimState::Ready,
                    },
                ],
            },
            "ReplicaSet web-old wants 0 and has 5, so it deletes 5: web-old-a (not scheduled), web-old-b (pending), web-old-c (ready) and 2 more. Unscheduled, pending and not-ready pods go first, then the most recently ready.",
        ),
        (
            Step::Autoscale(Box::new(Autoscaling {
                hpa: "web".into(),
                current_replicas: 4,
                min_replicas: 1,
                max_replicas: 10,
                outcome: AutoscaleOutcome::Computed(Box::new(Computed {
                    utilization: 83,
                    target_utilization: 50,
                    ready_pods: 4,
                    unready_pods: 0,
                    missing_pods: 0,
                    proposal: Proposal::Scaled { pods: 4 },
                    recommended: 7,
                    stabilized: 7,
                    limit: Limit::DesiredWithinRange,
                    with_behavior: false,
                })),
                desired_replicas: 7,
            })),
            "4 pods at 83% of their CPU request, target 50%: 4 x 0.83 / 0.50 = 6.6, rounded up to 7; scale-up limit max(2 x 4, 4) = 8: new size 7.",
        ),
    ];
    for (step, text) in &rows {
        assert_eq!(render(step), *text, "{step:?}");
    }
    let mut covered: Vec<usize> = rows.iter().map(|(step, _)| variant(step)).collect();
    covered.dedup();
    assert_eq!(
        covered,
        (0..VARIANTS).collect::<Vec<_>>(),
        "a row per variant"
    );
}

/// How many kinds of decision there are.
const VARIANTS: usize = 19;

/// The position of a step's variant in `Step` (exhaustive: a new variant needs a number here,
/// then `VARIANTS` and a row above).
fn variant(step: &Step) -> usize {
    match step {
        Step::ReplicaSetRenumbered { .. } => 0,
        Step::NewReplicaSetCreated { .. } => 1,
        Step::ScaleActiveOrLatest { .. } => 2,
        Step::ScaleProportionally { .. } => 3,
        Step::CleanupDeployment { .. } => 4,
        Step::ReconcileNewReplicaSetDown { .. } => 5,
        Step::ReconcileNewReplicaSetUp { .. } => 6,
        Step::CleanupUnhealthyReplicas { .. } => 7,
        Step::ScaleDownOldReplicaSetsForRollingUpdate { .. } => 8,
        Step::ScaleDownOldReplicaSetsForRecreate { .. } => 9,
        Step::Paused => 10,
        Step::RolloutComplete { .. } => 11,
        Step::ProgressDeadlineExceeded { .. } => 12,
        Step::Rollback { .. } => 13,
        Step::ScaleSaturated { .. } => 14,
        Step::ScaleUpNewReplicaSetForRecreate { .. } => 15,
        Step::ManageReplicasCreate { .. } => 16,
        Step::ManageReplicasDelete { .. } => 17,
        Step::Autoscale(_) => 18,
    }
}
