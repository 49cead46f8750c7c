//! The narration and the decisions behind it, scenario by scenario: given a Deployment, when
//! something happens (a pod deleted, a node down, a crashing or never-ready image, a pause, a
//! scale, a Recreate), then the one-line narration says so (`Now`, and its text) and the "Why"
//! holds the decision that explains it.

use deploysim::engine::{Decision, GoneCause, GonePod, Step, Victim, VictimState, NAMED_PODS};
use deploysim::narration::{Autoscaler, Deadline, Load, Narration, Now, Problem, Story};
use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::{Run, Scenario};
use deploysim::why;

/// The default scenario (Deployment `web`, 4 replicas of nginx:1.25), played until every pod is
/// ready.
fn settled_web() -> RunDriver {
    let mut run = RunDriver::start(Scenario::default_web()).unwrap();
    run.drive_until(30, |r| matches!(narrate_run(r).now, Now::Idle { .. }));
    run.take_decisions();
    run
}

/// A scenario of one Deployment `web` (container `web`) with this spec (indented under
/// `spec:`) and these extra images.
fn scenario(spec: &str, images: &str) -> RunDriver {
    let text = format!(
        "duration: 900\n{images}manifests: |\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n{spec}    selector:\n      matchLabels: {{app: web}}\n    template:\n      metadata:\n        labels: {{app: web}}\n      spec:\n        containers:\n        - name: web\n          image: nginx:1.25\n"
    );
    let scenario = Scenario::parse(&text, "test.yaml").unwrap();
    let mut run = RunDriver::start(scenario).unwrap();
    run.drive_until(30, |r| matches!(narrate_run(r).now, Now::Idle { .. }));
    run.take_decisions();
    run
}

/// The narration of the run's first Deployment, from every decision so far, newest first.
fn narrate_run(run: &Run) -> Narration {
    Narration::of(run.sim(), None, std::iter::empty())
}

/// The narration as the page builds it: with the decisions the driver kept, newest first.
fn narrate(run: &RunDriver) -> Narration {
    let decisions: Vec<&Decision> = run.decisions().collect();
    Narration::of(run.sim(), None, decisions.into_iter().rev())
}

fn act(run: &mut RunDriver, line: &str) {
    let (result, _) = run.act(line, None);
    assert!(result.ok, "{line}: {}", result.output);
}

/// The steps decided since the last call.
fn steps(run: &mut RunDriver) -> Vec<Step> {
    run.take_decisions().into_iter().map(|d| d.step).collect()
}

fn first_pod(run: &RunDriver) -> String {
    run.sim().pods().next().unwrap().metadata.name.clone()
}

#[test]
fn given_four_ready_pods_then_the_narration_says_so_and_what_to_try() {
    let run = settled_web();
    let n = narrate(&run);
    assert_eq!(
        n.now,
        Now::Idle {
            replicas: 4,
            image: "nginx:1.25".into()
        }
    );
    assert_eq!(
        n.to_string(),
        "All 4 pods of web run nginx:1.25 and are ready. Try: change the image, or delete a pod"
    );
}

#[test]
fn given_one_ready_pod_then_the_narration_speaks_of_one_pod() {
    let mut run = scenario("    replicas: 1\n", "");
    assert_eq!(
        narrate(&run).to_string(),
        "The 1 pod of web runs nginx:1.25 and is ready. Try: change the image, or delete the pod"
    );
    act(&mut run, "kubectl scale deployment/web --replicas=2");
    run.drive_until(30, |r| {
        matches!(narrate_run(r).now, Now::Idle { replicas: 2, .. })
    });
    assert!(narrate(&run)
        .to_string()
        .starts_with("All 2 pods of web run nginx:1.25"));
}

#[test]
fn given_a_new_deployment_then_the_narration_counts_the_pods_starting() {
    let run = RunDriver::start(Scenario::default_web()).unwrap();
    let n = narrate(&run);
    assert_eq!(
        n.now,
        Now::Scaling {
            from: 0,
            to: 4,
            starting: 4,
            stopping: 0
        }
    );
    assert_eq!(n.to_string(), "Scaling web from 0 to 4: 4 pods starting");
    // The first story is the Deployment's creation; the ReplicaSet creates the four pods.
    let first = run.decisions().next().unwrap();
    assert_eq!(Story::opened_by(&first.step), Some(Story::Created));
    assert!(run.decisions().any(|d| matches!(
        &d.step,
        Step::ManageReplicasCreate { replicas: 4, active: 0, gone, created, .. }
            if gone.is_empty() && created.len() == NAMED_PODS
    )));
}

#[test]
fn given_four_ready_pods_when_one_is_deleted_then_the_replica_set_replaces_it_and_both_say_why() {
    let mut run = settled_web();
    let victim = first_pod(&run);
    act(&mut run, &format!("kubectl delete pod {victim}"));
    let steps = steps(&mut run);
    let [Step::ManageReplicasCreate {
        replica_set,
        replicas: 4,
        active: 3,
        gone,
        created,
    }] = &steps[..]
    else {
        panic!("one create: {steps:?}");
    };
    assert_eq!(
        gone,
        &[GonePod {
            pod: victim.clone(),
            cause: GoneCause::Deleted
        }]
    );
    assert_eq!(
        why::render(&steps[0]),
        format!(
            "Pod {victim} was deleted; ReplicaSet {replica_set} wants 4 and has 3, so it creates 1: {}.",
            created[0]
        )
    );
    assert_eq!(Story::opened_by(&steps[0]), Some(Story::SelfHealed));
    let n = narrate(&run);
    assert!(
        matches!(&n.now, Now::Healing { gone: g, replicas: 4, .. } if g == gone),
        "{n:?}"
    );
    assert!(n
        .to_string()
        .starts_with(&format!("Self-healing: pod {victim} went, so ReplicaSet")));
    run.drive_until(30, |r| matches!(narrate_run(r).now, Now::Idle { .. }));
}

#[test]
fn given_four_ready_pods_when_a_node_goes_down_then_its_pods_are_lost_and_replaced() {
    let mut run = settled_web();
    let node = run.sim().pods().next().unwrap().node_name.clone().unwrap();
    let on_node = run
        .sim()
        .pods()
        .filter(|p| p.node_name.as_deref() == Some(&node))
        .count() as i32;
    act(&mut run, &format!("fault node-down {node}"));
    let steps = steps(&mut run);
    let gone = steps
        .iter()
        .find_map(|s| match s {
            Step::ManageReplicasCreate { gone, active, .. } => Some((gone.clone(), *active)),
            _ => None,
        })
        .expect("the ReplicaSet replaces the lost pods");
    assert_eq!(gone.1, 4 - on_node);
    assert!(gone.0.iter().all(|g| g.cause == GoneCause::NodeLost));
    assert!(why::render(&steps[0]).contains("was lost with its node"));
    let n = narrate(&run);
    assert_eq!(
        n.now,
        Now::NodeDown {
            node: node.clone(),
            lost: on_node,
            ready: 4 - on_node,
            replicas: 4
        }
    );
    run.drive_until(30, |r| {
        r.sim()
            .deployment("default", "web")
            .unwrap()
            .status
            .ready_replicas
            == 4
    });
    assert!(narrate(&run)
        .to_string()
        .ends_with(&format!("4 of 4 ready. Try: fault node-up {node}")));
}

#[test]
fn given_a_crashing_image_then_the_rollout_cannot_progress_until_the_deadline_says_so() {
    let mut run = settled_web();
    act(
        &mut run,
        "kubectl set image deployment/web web=ghcr.io/deploysim/hello:2.1",
    );
    let set_at = run.tick();
    assert!(matches!(narrate(&run).now, Now::Rolling { ready: 0, .. }));
    run.drive_until(60, |r| matches!(narrate_run(r).now, Now::Stuck { .. }));
    let n = narrate(&run);
    let Now::Stuck {
        problem: Problem::Crashing,
        deadline: Some(Deadline { seconds: 600, at }),
    } = n.now
    else {
        panic!("{n:?}");
    };
    assert_eq!(at, set_at + 601, "600 s after the last progress");
    assert_eq!(
        n.to_string(),
        format!("New pods keep crashing: the rollout cannot progress; after 600 s (at t={at}s) the Deployment will report ProgressDeadlineExceeded, and Kubernetes will not roll back by itself. Try: kubectl rollout undo deployment/web")
    );
    run.take_decisions();
    let reported = run.drive_until(700, |r| {
        matches!(narrate_run(r).now, Now::DeadlineExceeded { .. })
    });
    assert_eq!(reported, at);
    assert!(steps(&mut run).contains(&Step::ProgressDeadlineExceeded {
        progress_deadline_seconds: 600
    }));
    assert_eq!(
        narrate(&run).to_string(),
        "New pods keep crashing. The progress deadline passed: Progressing is False (ProgressDeadlineExceeded). Roll back with kubectl rollout undo deployment/web"
    );
}

#[test]
fn given_an_image_that_never_becomes_ready_then_the_narration_says_so() {
    let mut run = scenario("    replicas: 2\n", "images:\n  app:bad: {ready: never}\n");
    act(&mut run, "kubectl set image deployment/web web=app:bad");
    run.drive_until(30, |r| matches!(narrate_run(r).now, Now::Stuck { .. }));
    assert!(matches!(
        narrate(&run).now,
        Now::Stuck {
            problem: Problem::NeverReady,
            ..
        }
    ));
    assert!(narrate(&run)
        .to_string()
        .starts_with("New pods run but never become ready: the rollout cannot progress"));
}

#[test]
fn given_an_unknown_tag_then_the_narration_says_the_image_cannot_be_pulled() {
    let mut run = settled_web();
    act(&mut run, "kubectl set image deployment/web web=nginx:1.99");
    run.drive_until(30, |r| matches!(narrate_run(r).now, Now::Stuck { .. }));
    assert!(matches!(
        narrate(&run).now,
        Now::Stuck {
            problem: Problem::PullFailing,
            ..
        }
    ));
}

#[test]
fn given_a_rolling_update_then_the_narration_counts_the_new_pods_ready() {
    let mut run = settled_web();
    act(&mut run, "kubectl set image deployment/web web=nginx:1.26");
    let n = narrate(&run);
    assert!(
        matches!(&n.now, Now::Rolling { image, ready: 0, replicas: 4, old } if image == "nginx:1.26" && *old > 0),
        "{n:?}"
    );
    assert_eq!(
        n.to_string(),
        "Rolling update to nginx:1.26: 0 of 4 new pods ready; waiting for them before removing more old ones"
    );
    // Old pods go by the ranking, each named with where it stood.
    let deleted = run.decisions().find_map(|d| match &d.step {
        Step::ManageReplicasDelete { deleted, .. } => Some(deleted.clone()),
        _ => None,
    });
    assert!(matches!(
        deleted.as_deref(),
        Some([Victim {
            state: VictimState::Ready,
            ..
        }])
    ));
    run.drive_until(60, |r| matches!(narrate_run(r).now, Now::Idle { .. }));
    assert!(narrate(&run)
        .to_string()
        .starts_with("All 4 pods of web run nginx:1.26"));
}

#[test]
fn given_four_ready_pods_when_scaled_to_8_then_the_narration_says_from_and_to() {
    let mut run = settled_web();
    act(&mut run, "kubectl scale deployment/web --replicas=8");
    let n = narrate(&run);
    assert_eq!(
        n.now,
        Now::Scaling {
            from: 4,
            to: 8,
            starting: 4,
            stopping: 0
        }
    );
    assert_eq!(n.to_string(), "Scaling web from 4 to 8: 4 pods starting");
    run.drive_until(30, |r| matches!(narrate_run(r).now, Now::Idle { .. }));
    act(&mut run, "kubectl scale deployment/web --replicas=3");
    assert_eq!(
        narrate(&run).to_string(),
        "Scaling web from 8 to 3: 5 pods stopping"
    );
}

#[test]
fn given_a_paused_deployment_then_the_narration_says_how_to_resume() {
    let mut run = settled_web();
    act(&mut run, "kubectl rollout pause deployment/web");
    act(&mut run, "kubectl set image deployment/web web=nginx:1.26");
    let n = narrate(&run);
    assert_eq!(
        n.now,
        Now::Paused {
            updated: 0,
            replicas: 4
        }
    );
    assert_eq!(
        n.to_string(),
        "Rollout paused: 0 of 4 pods have the latest template; changes wait. Try: kubectl rollout resume deployment/web"
    );
}

#[test]
fn given_recreate_then_old_pods_stop_first_and_a_rollback_scales_the_old_replica_set_up_at_once() {
    let mut run = scenario("    replicas: 3\n    strategy: {type: Recreate}\n", "");
    act(&mut run, "kubectl set image deployment/web web=nginx:1.26");
    assert!(
        matches!(
            narrate(&run).now,
            Now::Recreating {
                old: 3,
                ready: 0,
                ..
            }
        ),
        "{:?}",
        narrate(&run)
    );
    assert!(narrate(&run)
        .to_string()
        .starts_with("Recreate to nginx:1.26: stopping all old pods first (3 left)"));
    run.drive_until(60, |r| matches!(narrate_run(r).now, Now::Idle { .. }));
    run.take_decisions();
    act(&mut run, "kubectl rollout undo deployment/web");
    run.drive_until(60, |r| matches!(narrate_run(r).now, Now::Idle { .. }));
    let steps = steps(&mut run);
    assert!(
        steps.iter().any(|s| matches!(
            s,
            Step::ScaleUpNewReplicaSetForRecreate { resize } if resize.from == 0 && resize.to == 3
        )),
        "{steps:?}"
    );
}

#[test]
fn given_a_paused_rollout_whose_new_replica_set_is_saturated_then_the_old_one_goes_to_0() {
    let mut run = scenario(
        "    replicas: 2\n    strategy: {rollingUpdate: {maxSurge: 100%, maxUnavailable: 0}}\n",
        "",
    );
    act(&mut run, "kubectl set image deployment/web web=nginx:1.26");
    act(&mut run, "kubectl rollout pause deployment/web");
    run.drive_until(30, |r| {
        r.sim()
            .replica_sets()
            .filter(|rs| rs.spec.replicas > 0)
            .count()
            == 1
    });
    let steps = steps(&mut run);
    let saturated = steps
        .iter()
        .find(|s| matches!(s, Step::ScaleSaturated { .. }))
        .unwrap_or_else(|| panic!("{steps:?}"));
    assert!(why::render(saturated).contains("has all its pods available, so the old ones go to 0"));
}

#[test]
fn given_pods_that_fit_no_node_then_the_narration_says_why_they_are_pending() {
    let text = "duration: 60\ncluster: {nodes: [{name: node-a, cpu: \"1\", memory: 1Gi}]}\nmanifests: |\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    replicas: 3\n    selector:\n      matchLabels: {app: web}\n    template:\n      metadata:\n        labels: {app: web}\n      spec:\n        containers:\n        - name: web\n          image: nginx:1.25\n          resources: {requests: {cpu: 400m}}\n";
    let mut run = RunDriver::start(Scenario::parse(text, "fit.yaml").unwrap()).unwrap();
    run.drive_for(5);
    let n = narrate(&run);
    assert!(
        matches!(n.now, Now::Unschedulable { pending: 1, .. }),
        "{n:?}"
    );
    assert!(n
        .to_string()
        .starts_with("1 pod of web Pending: no node can take them (0/1 nodes are available"));
}

#[test]
fn given_two_deployments_then_the_narration_follows_the_focus_and_names_the_other_when_busy() {
    let mut run = settled_web();
    let api = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: nginx:1.25\n";
    let (result, _) = run.act("kubectl apply -f -", Some(api));
    assert!(result.ok, "{}", result.output);
    let decisions: Vec<&Decision> = run.decisions().collect();
    let n = Narration::of(
        run.sim(),
        Some(("default", "web")),
        decisions.into_iter().rev(),
    );
    assert_eq!(n.deployment, "web");
    assert_eq!(n.busy, ["api"]);
    assert!(n.to_string().ends_with(". Also busy: api"));
}

/// `web`, 2 replicas of `app:v1` asking for `cpu` of CPU each, with a Service `web` and an HPA
/// (min 1, max 10, target 50%).
fn autoscaled(cpu: &str, traffic: i64) -> RunDriver {
    let mut run = loaded(cpu, traffic);
    act(
        &mut run,
        "kubectl autoscale deployment/web --min=1 --max=10 --cpu-percent=50",
    );
    run
}

/// `web`, 2 replicas of `app:v1` (100 rps each) asking for `cpu` of CPU each, with a Service
/// `web` offered `traffic` requests per second.
fn loaded(cpu: &str, traffic: i64) -> RunDriver {
    let text = format!(
        "duration: 900\nimages:\n  app:v1: {{readySeconds: 1, capacityRps: 100, cpuPerRequest: 1m, cpuIdle: 5m}}\ntraffic:\n  - {{at: 0, service: web, rps: {traffic}}}\nmanifests: |\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    replicas: 2\n    selector:\n      matchLabels: {{app: web}}\n    template:\n      metadata:\n        labels: {{app: web}}\n      spec:\n        containers:\n        - name: web\n          image: app:v1\n          resources:\n            requests:\n              cpu: {cpu}\n  ---\n  apiVersion: v1\n  kind: Service\n  metadata:\n    name: web\n  spec:\n    selector: {{app: web}}\n    ports:\n    - port: 80\n"
    );
    let scenario = Scenario::parse(&text, "test.yaml").unwrap();
    RunDriver::start(scenario).unwrap()
}

#[test]
fn given_more_load_than_pods_that_request_cpu_serve_then_the_narration_offers_an_autoscaler() {
    let mut run = loaded("100m", 500);
    run.drive_until(30, |r| {
        narrate_run(r)
            .load
            .is_some_and(|l| l.endpoints == 2 && l.failed == 300)
    });
    assert!(
        narrate(&run).to_string().ends_with(
            ". 300 of 500 rps failing: not enough ready pods. Try: kubectl scale deployment/web --replicas=5, or let an autoscaler follow the load: kubectl autoscale deployment/web --max=10 --cpu-percent=50"
        ),
        "{}",
        narrate(&run)
    );
}

#[test]
fn given_a_service_with_load_then_the_narration_says_all_is_served_before_what_to_try() {
    let mut run = settled_web();
    act(&mut run, "kubectl expose deployment/web --port=80");
    act(&mut run, "traffic web 40");
    let n = narrate(&run);
    assert_eq!(
        n.load,
        Some(Load {
            offered: 40,
            failed: 0,
            endpoints: 4,
            cpu_requested: false
        })
    );
    assert_eq!(
        n.to_string(),
        "All 4 pods of web run nginx:1.25 and are ready. 40 rps offered, all served. Try: change the image, or delete a pod"
    );
}

#[test]
fn given_more_load_than_the_pods_serve_then_the_narration_says_how_much_fails_and_why() {
    let mut run = settled_web();
    act(&mut run, "kubectl expose deployment/web --port=80");
    // 4 nginx pods serve 200 rps each
    act(&mut run, "traffic web 1000");
    assert!(narrate(&run).to_string().ends_with(
        ". 200 of 1000 rps failing: not enough ready pods. Try: kubectl scale deployment/web --replicas=5 (an autoscaler would need the pods to request CPU: resources.requests.cpu)"
    ));
    act(&mut run, "kubectl scale deployment/web --replicas=0");
    run.drive_until(30, |r| {
        narrate_run(r).load.is_some_and(|l| l.endpoints == 0)
    });
    assert!(narrate(&run)
        .to_string()
        .contains("All 1000 rps failing: no ready pod to serve them"));
}

#[test]
fn given_no_load_then_the_narration_does_not_mention_it() {
    let mut run = settled_web();
    act(&mut run, "kubectl expose deployment/web --port=80");
    assert_eq!(narrate(&run).load, None);
}

#[test]
fn given_an_hpa_under_load_then_the_narration_says_how_many_pods_it_wants() {
    // 2 pods at 95 rps each: 5m + 95m of a 100m request = 100%, twice the 50% target
    let mut run = autoscaled("100m", 190);
    run.drive_until(60, |r| {
        matches!(
            narrate_run(r).autoscaler,
            Some(Autoscaler::Wants { replicas: 4, .. })
        )
    });
    let n = narrate(&run);
    assert_eq!(
        n.autoscaler,
        Some(Autoscaler::Wants {
            replicas: 4,
            utilization: 100,
            target: 50
        })
    );
    assert!(
        n.to_string()
            .contains("190 rps offered, all served; the autoscaler wants 4 pods (CPU 100% of request, target 50%)"),
        "{n}"
    );
}

#[test]
fn given_pods_without_a_cpu_request_then_the_narration_says_the_autoscaler_cannot_scale() {
    let text = "duration: 300\nmanifests: |\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    replicas: 2\n    selector:\n      matchLabels: {app: web}\n    template:\n      metadata:\n        labels: {app: web}\n      spec:\n        containers:\n        - name: web\n          image: nginx:1.25\n";
    let mut run = RunDriver::start(Scenario::parse(text, "test.yaml").unwrap()).unwrap();
    act(&mut run, "kubectl autoscale deployment/web --max=5");
    // The first syncs find no CPU figures yet (the pods are new); the third, the missing request
    assert_eq!(narrate(&run).autoscaler, Some(Autoscaler::NoMetrics));
    run.drive_until(40, |r| {
        narrate_run(r).autoscaler == Some(Autoscaler::NoCpuRequest)
    });
    let n = narrate(&run);
    assert!(n
        .to_string()
        .contains("the autoscaler cannot scale: the pods ask for no CPU"));
}

#[test]
fn given_low_use_then_the_stabilization_window_holds_the_pods_and_counts_down() {
    // 2 pods idle at 5m of a 100m request: 5%, so the metric asks for 1 pod, but the
    // recommendation of 2 recorded at the first sync holds them for 300 s
    let mut run = autoscaled("100m", 0);
    let at = run.drive_until(60, |r| {
        matches!(narrate_run(r).autoscaler, Some(Autoscaler::Holding { .. }))
    });
    let hold = run.sim().downscale_hold("default", "web").expect("a hold");
    assert_eq!((hold.held, hold.wanted, hold.window), (2, 1, 300));
    // The first recommendation was recorded at the HPA's creation, tick 1: it counts up to
    // and including tick 301
    assert_eq!(hold.seconds_left, 302 - at);
    run.step();
    let later = run
        .sim()
        .downscale_hold("default", "web")
        .expect("still held");
    assert_eq!(later.seconds_left, hold.seconds_left - 1);
    assert!(narrate(&run).to_string().contains(&format!(
        "the autoscaler keeps 2 pods for {} s more (stabilization window), then goes towards 1",
        later.seconds_left
    )));
    run.drive_until(330, |r| {
        r.sim().deployment("default", "web").unwrap().spec.replicas == 1
    });
    assert_eq!(run.sim().downscale_hold("default", "web"), None);
}
