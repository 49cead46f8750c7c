//! End-to-end rollout scenarios: a `Simulation` driven tick by tick, checked against what the
//! upstream controllers and kubelet do (event sequences, surge and availability bounds, Recreate,
//! pause/resume, the progress deadline, history cleanup, minReadySeconds, restarts and pulls).

use deploysim::engine::intstr::IntOrString;
use deploysim::engine::{
    ActiveOrLatest, ConditionStatus, ContainerState, Decision, Deployment,
    DeploymentConditionReason, DeploymentConditionType, Event, EventKind, Fencepost, ImageProfile,
    ImageRegistry, Readiness, Reason, ReplicaSet, Resize, RollingUpdateDeployment, SimConfig,
    Simulation, Step, StrategyType, WaitingReason,
};
use deploysim::scenario::testing::SimDriver;

const NS: &str = "default";

fn sim_with(images: ImageRegistry) -> SimDriver {
    SimDriver::new(Simulation::new(SimConfig {
        images,
        ..SimConfig::default()
    }))
}

/// The Deployment controller's steps, without the ReplicaSet controller's `manageReplicas`
/// decisions between them.
fn deployment_controller_steps(decisions: Vec<Decision>) -> Vec<Step> {
    decisions
        .into_iter()
        .map(|d| d.step)
        .filter(|s| {
            !matches!(
                s,
                Step::ManageReplicasCreate { .. } | Step::ManageReplicasDelete { .. }
            )
        })
        .collect()
}

fn deployment(sim: &Simulation, name: &str) -> Deployment {
    sim.deployment(NS, name).expect("deployment exists").clone()
}

fn replica_sets(sim: &Simulation, name: &str) -> Vec<ReplicaSet> {
    let d = deployment(sim, name);
    sim.replica_sets_of(&d).into_iter().cloned().collect()
}

fn rollout_done(sim: &Simulation, name: &str) -> bool {
    let d = deployment(sim, name);
    d.status.observed_generation >= d.metadata.generation
        && d.status.updated_replicas == d.spec.replicas
        && d.status.replicas == d.spec.replicas
        && d.status.available_replicas == d.spec.replicas
}

/// The rollout is done and only the current ReplicaSet still has replicas.
fn rollout_settled(sim: &Simulation, name: &str) -> bool {
    rollout_done(sim, name)
        && replica_sets(sim, name)
            .iter()
            .filter(|rs| rs.spec.replicas > 0)
            .count()
            == 1
}

/// Each ReplicaSet of the Deployment as (revision, spec.replicas).
fn revision_sizes(sim: &Simulation, name: &str) -> Vec<(i64, i32)> {
    replica_sets(sim, name)
        .iter()
        .map(|rs| (rs.revision(), rs.spec.replicas))
        .collect()
}

/// Creates a Deployment and ticks until every replica is available; drops the events so far.
fn create_ready(sim: &mut SimDriver, d: Deployment) {
    let name = d.metadata.name.clone();
    sim.create_deployment(d).expect("valid deployment");
    sim.run_tick();
    sim.drive_until(120, |s| rollout_done(s, &name));
    sim.take_events();
}

/// Changes the image of the first container and lets the controllers react within the tick.
fn set_image(sim: &mut SimDriver, name: &str, image: &str) {
    let mut d = deployment(sim, name);
    d.spec.template.spec.containers[0].image = image.to_string();
    sim.update_deployment(d).expect("valid update");
    sim.run_tick();
}

/// Pauses or resumes the Deployment and lets the controllers react within the tick.
fn set_paused(sim: &mut SimDriver, name: &str, paused: bool) {
    let mut d = deployment(sim, name);
    d.spec.paused = paused;
    sim.update_deployment(d).expect("valid update");
    sim.run_tick();
}

/// The builtin images plus `example.com/never-ready:1`, which runs but never becomes ready.
fn images_with_never_ready() -> ImageRegistry {
    let mut images = ImageRegistry::builtin();
    images.set(
        "example.com/never-ready:1",
        ImageProfile {
            readiness: Readiness::Never,
            ..ImageProfile::DEFAULT
        },
    );
    images
}

fn with_strategy(
    mut d: Deployment,
    max_surge: IntOrString,
    max_unavailable: IntOrString,
) -> Deployment {
    d.spec.strategy.rolling_update = Some(RollingUpdateDeployment {
        max_surge: Some(max_surge),
        max_unavailable: Some(max_unavailable),
    });
    d
}

/// The Deployment's `ScalingReplicaSet` events as `up new 0->3`, naming ReplicaSets by
/// revision (`rev1`, `rev2`, ...), in order.
fn scaling(sim: &Simulation, name: &str, events: &[Event]) -> Vec<String> {
    let rss = replica_sets(sim, name);
    events
        .iter()
        .filter(|e| e.object.name == name)
        .filter_map(|e| match &e.kind {
            EventKind::ScalingReplicaSet {
                replica_set,
                direction,
                from,
                to,
            } => {
                let rs = rss
                    .iter()
                    .find(|rs| &rs.metadata.name == replica_set)
                    .map_or_else(|| replica_set.clone(), |rs| format!("rev{}", rs.revision()));
                Some(format!("{} {rs} {from}->{to}", direction.as_str()))
            }
            _ => None,
        })
        .collect()
}

/// Ticks until the rollout of `name` is done, checking the surge and availability bounds of a
/// RollingUpdate at every tick; returns every event of the rollout.
fn roll_out_within_bounds(
    sim: &mut SimDriver,
    name: &str,
    max_total: i32,
    min_available: i32,
) -> Vec<Event> {
    sim.drive_until(300, |s| {
        let total: i32 = replica_sets(s, name)
            .iter()
            .map(|rs| rs.spec.replicas)
            .sum();
        let available = deployment(s, name).status.available_replicas;
        assert!(
            total <= max_total,
            "tick {}: {total} replicas > {max_total}",
            s.now()
        );
        assert!(
            available >= min_available,
            "tick {}: {available} available < {min_available}",
            s.now()
        );
        rollout_settled(s, name)
    });
    sim.take_events()
}

#[test]
fn given_ten_ready_replicas_with_25_percent_surge_and_unavailability_when_the_image_changes_then_the_scaling_follows_upstream(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    create_ready(
        &mut sim,
        Deployment::new(NS, "web", "web", "nginx:1.25", 10),
    );
    sim.advance();
    let start = sim.now();
    set_image(&mut sim, "web", "nginx:1.26");
    // maxSurge 25% of 10 = 3 (rounded up): at most 13; maxUnavailable 25% = 2 (down): at least 8.
    let events = roll_out_within_bounds(&mut sim, "web", 13, 8);
    assert_eq!(
        scaling(&sim, "web", &events),
        [
            // The change: 3 surge pods, 2 old ones may go, and the room they leave goes to the
            // new ReplicaSet at once (one sync after another, within the same second upstream).
            "up rev2 0->3",
            "down rev1 10->8",
            "up rev2 3->5",
            // The 5 new pods become available together (nginx: pull 2 s, ready 1 s later):
            // 13 available - 8 = 5 old may go, then the new ReplicaSet fills the room.
            "down rev1 8->3",
            "up rev2 5->10",
            "down rev1 3->0",
        ]
    );
    let times: Vec<i64> = events
        .iter()
        .filter(|e| e.reason() == Reason::ScalingReplicaSet)
        .map(|e| e.time - start)
        .collect();
    assert_eq!(times, [0, 0, 0, 3, 3, 6]);
}

#[test]
fn given_ten_ready_replicas_with_25_percent_surge_and_unavailability_when_the_image_changes_then_each_decision_carries_its_arithmetic(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    create_ready(
        &mut sim,
        Deployment::new(NS, "web", "web", "nginx:1.25", 10),
    );
    sim.take_decisions();
    sim.advance();
    set_image(&mut sim, "web", "nginx:1.26");
    let names: Vec<String> = replica_sets(&sim, "web")
        .iter()
        .map(|rs| rs.metadata.name.clone())
        .collect();
    let [old, new] = &names[..] else {
        panic!("two ReplicaSets: {names:?}");
    };
    let resize = |rs: &String, from, to| Resize {
        replica_set: rs.clone(),
        from,
        to,
    };
    let quarter = |value| Fencepost {
        written: IntOrString::Str("25%".into()),
        of: 10,
        value,
    };
    let decisions = sim.take_decisions();
    assert!(decisions
        .iter()
        .all(|d| d.time == sim.now() && d.deployment == "web"));
    let steps = deployment_controller_steps(decisions);
    assert_eq!(
        steps,
        [
            // maxSurge 25% of 10 = 3 (rounded up): at most 13 pods; 10 exist, so min(13 - 10, 10).
            Step::NewReplicaSetCreated {
                replica_set: new.clone(),
                revision: 2,
                strategy: StrategyType::RollingUpdate,
                replicas: 10,
                max_surge: quarter(3),
                old_replicas: 10,
                new_replicas: 3,
            },
            // maxUnavailable 25% of 10 = 2 (rounded down): 10 available, at least 8 stay.
            Step::ScaleDownOldReplicaSetsForRollingUpdate {
                resize: resize(old, 10, 8),
                replicas: 10,
                max_unavailable: quarter(2),
                min_available: 8,
                available_pod_count: 10,
                total_scale_down_count: 2,
            },
            // 8 + 3 = 11 pods, so the new ReplicaSet may add min(13 - 11, 10 - 3) = 2.
            Step::ReconcileNewReplicaSetUp {
                resize: resize(new, 3, 5),
                replicas: 10,
                max_surge: quarter(3),
                max_total_pods: 13,
                current_pod_count: 11,
            },
        ]
    );
    roll_out_within_bounds(&mut sim, "web", 13, 8);
    let rest = deployment_controller_steps(sim.take_decisions());
    assert_eq!(
        rest,
        [
            // The 5 new pods are available: 13 available - 8 = 5 old ones may go.
            Step::ScaleDownOldReplicaSetsForRollingUpdate {
                resize: resize(old, 8, 3),
                replicas: 10,
                max_unavailable: quarter(2),
                min_available: 8,
                available_pod_count: 13,
                total_scale_down_count: 5,
            },
            Step::ReconcileNewReplicaSetUp {
                resize: resize(new, 5, 10),
                replicas: 10,
                max_surge: quarter(3),
                max_total_pods: 13,
                current_pod_count: 8,
            },
            Step::ScaleDownOldReplicaSetsForRollingUpdate {
                resize: resize(old, 3, 0),
                replicas: 10,
                max_unavailable: quarter(2),
                min_available: 8,
                available_pod_count: 13,
                total_scale_down_count: 5,
            },
            Step::RolloutComplete { replicas: 10 },
        ]
    );
}

#[test]
fn given_four_ready_replicas_when_the_size_and_the_image_change_together_then_the_old_replica_set_scales_first_and_the_rollout_follows(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    create_ready(&mut sim, Deployment::new(NS, "web", "web", "nginx:1.25", 4));
    sim.take_decisions();
    sim.advance();
    let mut d = deployment(&sim, "web");
    d.spec.replicas = 6;
    d.spec.template.spec.containers[0].image = "nginx:1.26".into();
    sim.update_deployment(d).expect("valid update");
    sim.run_tick();
    let old = replica_sets(&sim, "web")[0].metadata.name.clone();
    let steps = deployment_controller_steps(sim.take_decisions());
    // A scaling event first (isScalingEvent): the old ReplicaSet takes the new size, while no
    // ReplicaSet has the new template yet; then the rollout creates it.
    assert_eq!(
        steps[0],
        Step::ScaleActiveOrLatest {
            picked: ActiveOrLatest::OnlyActive,
            resize: Resize {
                replica_set: old,
                from: 4,
                to: 6,
            },
            new_replica_set_exists: false,
        }
    );
    assert!(
        matches!(
            steps[1],
            Step::NewReplicaSetCreated {
                revision: 2,
                old_replicas: 6,
                new_replicas: 2,
                ..
            }
        ),
        "{steps:?}"
    );
}

#[test]
fn given_max_surge_0_and_max_unavailable_1_when_the_image_changes_then_old_pods_go_first_one_at_a_time(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    let d = with_strategy(
        Deployment::new(NS, "web", "web", "nginx:1.25", 3),
        IntOrString::Int(0),
        IntOrString::Int(1),
    );
    create_ready(&mut sim, d);
    set_image(&mut sim, "web", "nginx:1.26");
    let events = roll_out_within_bounds(&mut sim, "web", 3, 2);
    assert_eq!(
        scaling(&sim, "web", &events),
        [
            "down rev1 3->2",
            "up rev2 0->1",
            "down rev1 2->1",
            "up rev2 1->2",
            "down rev1 1->0",
            "up rev2 2->3",
        ]
    );
}

#[test]
fn given_max_unavailable_0_when_the_image_changes_then_availability_never_drops() {
    let mut sim = sim_with(ImageRegistry::builtin());
    let d = with_strategy(
        Deployment::new(NS, "web", "web", "nginx:1.25", 4),
        IntOrString::Int(1),
        IntOrString::Int(0),
    );
    create_ready(&mut sim, d);
    set_image(&mut sim, "web", "nginx:1.26");
    let events = roll_out_within_bounds(&mut sim, "web", 5, 4);
    let steps = scaling(&sim, "web", &events);
    let expected: Vec<String> = (0..4)
        .flat_map(|i| {
            [
                format!("up rev2 {i}->{}", i + 1),
                format!("down rev1 {}->{}", 4 - i, 3 - i),
            ]
        })
        .collect();
    assert_eq!(steps, expected, "one surge pod at a time");
}

#[test]
fn given_the_documentation_example_of_3_replicas_with_default_strategy_when_the_image_changes_then_the_events_match_the_documentation(
) {
    // kubernetes.io "Deployments": 3 nginx replicas, maxSurge/maxUnavailable 25% (1 and 0).
    let mut images = ImageRegistry::builtin();
    for tag in ["nginx:1.14.2", "nginx:1.16.1"] {
        images.set(tag, ImageProfile::ready_after(2, 1, 1));
    }
    let mut sim = sim_with(images);
    create_ready(
        &mut sim,
        Deployment::new(NS, "nginx-deployment", "nginx", "nginx:1.14.2", 3),
    );
    set_image(&mut sim, "nginx-deployment", "nginx:1.16.1");
    let events = roll_out_within_bounds(&mut sim, "nginx-deployment", 4, 3);
    assert_eq!(
        scaling(&sim, "nginx-deployment", &events),
        [
            "up rev2 0->1",
            "down rev1 3->2",
            "up rev2 1->2",
            "down rev1 2->1",
            "up rev2 2->3",
            "down rev1 1->0",
        ]
    );
}

#[test]
fn given_a_rollout_in_progress_when_the_image_changes_again_then_it_rolls_over_to_a_third_replica_set(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    create_ready(
        &mut sim,
        Deployment::new(NS, "web", "web", "nginx:1.25", 10),
    );
    set_image(&mut sim, "web", "nginx:1.26");
    sim.step();
    let mid = replica_sets(&sim, "web");
    assert_eq!(mid.len(), 2);
    assert!(
        mid.iter().all(|rs| rs.spec.replicas > 0),
        "mid-rollout: {mid:?}"
    );
    sim.take_events();
    set_image(&mut sim, "web", "nginx:1.27");
    assert_eq!(replica_sets(&sim, "web").len(), 3);
    // rolling.go's roll-over example: the new ReplicaSet starts at 0 (13 pods already), the
    // unhealthy pods of the old ReplicaSets go first (revision 2's 5 pods are not ready yet), and
    // the room goes to revision 3.
    let events = sim.take_events();
    assert_eq!(
        scaling(&sim, "web", &events),
        ["down rev2 5->0", "up rev3 0->5"]
    );
    roll_out_within_bounds(&mut sim, "web", 13, 8);
    let sizes = revision_sizes(&sim, "web");
    assert_eq!(sizes.len(), 3);
    for (revision, replicas) in sizes {
        assert_eq!(
            replicas,
            if revision == 3 { 10 } else { 0 },
            "revision {revision}"
        );
    }
    let current = replica_sets(&sim, "web")
        .into_iter()
        .find(|rs| rs.revision() == 3)
        .expect("revision 3");
    assert_eq!(current.spec.template.images(), ["nginx:1.27"]);
}

#[test]
fn given_a_stalled_rollout_at_new_2_old_3_when_scaled_from_5_to_10_then_the_replica_sets_become_4_and_6(
) {
    let mut sim = sim_with(images_with_never_ready());
    let d = with_strategy(
        Deployment::new(NS, "web", "web", "nginx:1.25", 5),
        IntOrString::Int(0),
        IntOrString::Int(2),
    );
    create_ready(&mut sim, d);
    set_image(&mut sim, "web", "example.com/never-ready:1");
    sim.drive_for(10);
    assert_eq!(
        revision_sizes(&sim, "web"),
        [(1, 3), (2, 2)],
        "stalled at old 3 / new 2"
    );
    sim.take_events();
    let mut d = deployment(&sim, "web");
    d.spec.replicas = 10;
    sim.update_deployment(d).expect("valid update");
    sim.run_tick();
    assert_eq!(
        revision_sizes(&sim, "web"),
        [(1, 6), (2, 4)],
        "ALGORITHMS §7: 3*10/5 = 6 and 2*10/5 = 4"
    );
    let events = sim.take_events();
    assert_eq!(
        scaling(&sim, "web", &events),
        ["up rev1 3->6", "up rev2 2->4"]
    );
}

#[test]
fn given_the_recreate_strategy_when_the_image_changes_then_no_new_pod_starts_before_every_old_pod_is_gone(
) {
    let mut images = ImageRegistry::builtin();
    images.set(
        "example.com/slow-stop:1",
        ImageProfile::ready_after(1, 1, 10),
    );
    images.set(
        "example.com/slow-stop:2",
        ImageProfile::ready_after(1, 1, 10),
    );
    let mut sim = sim_with(images);
    let mut d = Deployment::new(NS, "web", "web", "example.com/slow-stop:1", 3);
    d.spec.strategy.kind = StrategyType::Recreate;
    d.spec.strategy.rolling_update = None;
    create_ready(&mut sim, d);
    set_image(&mut sim, "web", "example.com/slow-stop:2");
    let mut saw_terminating = false;
    // Checked right after the change and at the end of every tick: whether the rollout is done
    // with every old pod gone.
    let mut finished_without_overlap = |sim: &Simulation| {
        let rss = replica_sets(sim, "web");
        let old_pods = rss
            .iter()
            .filter(|rs| rs.revision() == 1)
            .flat_map(|rs| sim.pods_of(rs).collect::<Vec<_>>())
            .collect::<Vec<_>>();
        let new_pods = rss
            .iter()
            .filter(|rs| rs.revision() == 2)
            .map(|rs| sim.pods_of(rs).count())
            .sum::<usize>();
        saw_terminating |= old_pods.iter().any(|p| p.is_terminating());
        assert!(
            old_pods.is_empty() || new_pods == 0,
            "tick {}: {new_pods} new pods while {} old pods remain",
            sim.now(),
            old_pods.len()
        );
        rollout_done(sim, "web") && old_pods.is_empty()
    };
    if !finished_without_overlap(&sim) {
        sim.drive_until(120, &mut finished_without_overlap);
    }
    let events = sim.take_events();
    assert!(
        saw_terminating,
        "old pods were seen terminating (10 s stop)"
    );
    assert_eq!(
        scaling(&sim, "web", &events),
        ["down rev1 3->0", "up rev2 0->3"]
    );
}

#[test]
fn given_a_paused_deployment_when_the_template_changes_then_nothing_rolls_out_until_it_is_resumed()
{
    let mut sim = sim_with(ImageRegistry::builtin());
    create_ready(&mut sim, Deployment::new(NS, "web", "web", "nginx:1.25", 3));
    set_paused(&mut sim, "web", true);
    let progressing = |sim: &Simulation| {
        let c = deployment(sim, "web")
            .status
            .condition(DeploymentConditionType::Progressing)
            .cloned()
            .expect("condition");
        (c.status, c.reason)
    };
    assert_eq!(
        progressing(&sim),
        (
            ConditionStatus::Unknown,
            DeploymentConditionReason::DeploymentPaused
        )
    );
    set_image(&mut sim, "web", "nginx:1.26");
    sim.drive_for(20);
    assert_eq!(
        replica_sets(&sim, "web").len(),
        1,
        "no new ReplicaSet while paused"
    );
    let events = sim.take_events();
    assert!(scaling(&sim, "web", &events).is_empty());
    assert_eq!(
        progressing(&sim).1,
        DeploymentConditionReason::DeploymentPaused
    );
    set_paused(&mut sim, "web", false);
    assert_eq!(
        replica_sets(&sim, "web").len(),
        2,
        "resuming starts the rollout"
    );
    // NewReplicaSetCreated, then ReplicaSetUpdated once the new pod is counted, in the same tick.
    assert_eq!(
        progressing(&sim),
        (
            ConditionStatus::True,
            DeploymentConditionReason::ReplicaSetUpdated
        )
    );
    sim.drive_until(120, |s| rollout_done(s, "web"));
    assert_eq!(deployment(&sim, "web").revision(), 2);
}

#[test]
fn given_a_stalled_rollout_when_paused_and_resumed_then_progressing_reads_deployment_paused_then_deployment_resumed(
) {
    let mut sim = sim_with(images_with_never_ready());
    create_ready(&mut sim, Deployment::new(NS, "web", "web", "nginx:1.25", 4));
    set_image(&mut sim, "web", "example.com/never-ready:1");
    sim.drive_for(10);
    let reason = |sim: &Simulation| {
        deployment(sim, "web")
            .status
            .condition(DeploymentConditionType::Progressing)
            .map(|c| (c.status, c.reason))
    };
    set_paused(&mut sim, "web", true);
    assert_eq!(
        reason(&sim),
        Some((
            ConditionStatus::Unknown,
            DeploymentConditionReason::DeploymentPaused
        ))
    );
    sim.step();
    set_paused(&mut sim, "web", false);
    // Nothing progresses in the stalled rollout, so the resumed condition stays.
    assert_eq!(
        reason(&sim),
        Some((
            ConditionStatus::Unknown,
            DeploymentConditionReason::DeploymentResumed
        ))
    );
}

#[test]
fn given_an_image_that_never_becomes_ready_when_the_progress_deadline_passes_then_progressing_is_false_and_the_rollout_goes_on(
) {
    let mut sim = sim_with(images_with_never_ready());
    let mut d = Deployment::new(NS, "web", "web", "nginx:1.25", 4);
    d.spec.progress_deadline_seconds = 30;
    create_ready(&mut sim, d);
    set_image(&mut sim, "web", "example.com/never-ready:1");
    let progressing = |sim: &Simulation| {
        deployment(sim, "web")
            .status
            .condition(DeploymentConditionType::Progressing)
            .cloned()
            .expect("condition")
    };
    let mut last_progress = progressing(&sim).last_update_time;
    let timed_out_at = sim.drive_until(120, |s| {
        let c = progressing(s);
        if c.status == ConditionStatus::False {
            assert_eq!(
                c.reason,
                DeploymentConditionReason::ProgressDeadlineExceeded
            );
            return true;
        }
        last_progress = c.last_update_time;
        false
    });
    // DeploymentTimedOut: lastUpdateTime + progressDeadlineSeconds < now, strictly.
    assert_eq!(timed_out_at, last_progress + 30 + 1);
    let new_rs = replica_sets(&sim, "web")
        .into_iter()
        .find(|rs| rs.revision() == 2)
        .expect("new RS");
    assert!(
        new_rs.spec.replicas > 0,
        "the new ReplicaSet is not rolled back"
    );
    // The rollout goes on: a fixed image completes it.
    set_image(&mut sim, "web", "nginx:1.26");
    sim.drive_until(120, |s| rollout_done(s, "web"));
    let c = progressing(&sim);
    assert_eq!(
        (c.status, c.reason),
        (
            ConditionStatus::True,
            DeploymentConditionReason::NewReplicaSetAvailable
        )
    );
}

#[test]
fn given_a_revision_history_limit_of_2_when_five_revisions_roll_out_then_only_two_old_replica_sets_are_kept(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    let mut d = Deployment::new(NS, "web", "web", "nginx:1.24", 2);
    d.spec.revision_history_limit = 2;
    create_ready(&mut sim, d);
    for image in ["nginx:1.25", "nginx:1.26", "nginx:1.27", "nginx:latest"] {
        set_image(&mut sim, "web", image);
        sim.drive_until(120, |s| rollout_settled(s, "web"));
        sim.step();
    }
    let mut revisions: Vec<i64> = replica_sets(&sim, "web")
        .iter()
        .map(ReplicaSet::revision)
        .collect();
    revisions.sort();
    assert_eq!(
        revisions,
        [3, 4, 5],
        "the current ReplicaSet and the two newest old ones"
    );
}

#[test]
fn given_min_ready_seconds_when_a_pod_becomes_ready_then_it_is_available_strictly_after_min_ready_seconds(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    let mut d = Deployment::new(NS, "web", "web", "nginx:1.25", 1);
    d.spec.min_ready_seconds = 5;
    sim.create_deployment(d).expect("valid deployment");
    sim.run_tick();
    let ready_at = sim.drive_until(60, |s| s.pods().any(|p| p.is_ready()));
    assert_eq!(
        sim.pods().next().and_then(|p| p.ready_since),
        Some(ready_at)
    );
    let available_at = sim.drive_until(60, |s| deployment(s, "web").status.available_replicas == 1);
    assert_eq!(
        available_at,
        ready_at + 5 + 1,
        "ready at r, available at r + minReadySeconds + 1"
    );
}

#[test]
fn given_a_ready_deployment_when_a_pod_is_deleted_then_it_is_replaced() {
    let mut sim = sim_with(ImageRegistry::builtin());
    create_ready(&mut sim, Deployment::new(NS, "web", "web", "nginx:1.25", 3));
    let victim = sim.pods().next().expect("a pod").metadata.name.clone();
    sim.step_with(|s| s.delete_pod(NS, &victim).expect("pod exists"));
    let active = sim.pods().filter(|p| !p.is_terminating()).count();
    assert_eq!(active, 3, "a replacement is created in the same tick");
    let events = sim.take_events();
    assert!(events
        .iter()
        .any(|e| e.reason() == Reason::SuccessfulCreate));
    sim.drive_until(60, |s| {
        s.pod(NS, &victim).is_none() && deployment(s, "web").status.available_replicas == 3
    });
    assert_eq!(sim.pod_count(), 3);
}

#[test]
fn given_an_image_that_crashes_soon_after_starting_when_it_runs_then_it_restarts_at_once_then_after_10_and_20_seconds_of_back_off(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    sim.create_deployment(Deployment::new(
        NS,
        "hello",
        "hello",
        "ghcr.io/deploysim/hello:2.1",
        1,
    ))
    .expect("valid deployment");
    sim.run_tick();
    // The length of each CrashLoopBackOff wait, and the restart count after it. Upstream's
    // kubelet restarts the first exit at once (no back-off entry yet), then waits 10 s, 20 s, ...
    // from the exit; the waiting state shows from the second after the exit (`Error` first).
    let mut waits: Vec<(i64, i32)> = Vec::new();
    let mut waiting_since: Option<i64> = None;
    sim.drive_until(120, |s| {
        let pod = s.pods().next().expect("the pod");
        let status = &pod.container_statuses[0];
        let in_back_off = status.state
            == ContainerState::Waiting {
                reason: WaitingReason::CrashLoopBackOff,
            };
        match (in_back_off, waiting_since) {
            (true, None) => waiting_since = Some(s.now()),
            (false, Some(since)) => {
                waits.push((s.now() - since, status.restart_count));
                waiting_since = None;
            }
            _ => {}
        }
        waits.len() == 2
    });
    assert_eq!(waits, [(9, 2), (19, 3)]);
    let events = sim.take_events();
    let back_offs = events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::BackOffStartContainer { .. }))
        .count();
    assert_eq!(back_offs, 2);
}

#[test]
fn given_an_image_tag_that_does_not_exist_when_the_pod_starts_then_it_shows_err_image_pull_then_image_pull_back_off(
) {
    let mut sim = sim_with(ImageRegistry::builtin());
    sim.create_deployment(Deployment::new(NS, "web", "web", "nginx:1.255", 1))
        .expect("valid deployment");
    sim.run_tick();
    let mut reasons: Vec<WaitingReason> = Vec::new();
    for _ in 0..30 {
        let pod = sim.pods().next().expect("the pod");
        if let ContainerState::Waiting { reason } = pod.container_statuses[0].state {
            if reasons.last() != Some(&reason) {
                reasons.push(reason);
            }
        }
        assert!(!pod.is_ready());
        sim.step();
    }
    assert_eq!(
        &reasons[..3],
        [
            WaitingReason::ContainerCreating,
            WaitingReason::ErrImagePull,
            WaitingReason::ImagePullBackOff
        ]
    );
    let events = sim.take_events();
    let failed = events
        .iter()
        .position(|e| e.reason() == Reason::Failed)
        .expect("a Failed event");
    let back_off = events
        .iter()
        .position(|e| e.reason() == Reason::BackOff)
        .expect("a BackOff event");
    assert!(failed < back_off);
    assert!(
        matches!(&events[failed].kind, EventKind::FailedToPullImage { image } if image == "nginx:1.255"),
        "{:?}",
        events[failed]
    );
    assert_eq!(deployment(&sim, "web").status.available_replicas, 0);
}
