//! The scenarios in `examples/` play to the end with every command accepted, and show what each
//! is there to teach.

use deploysim::engine::{Event, EventKind, MetricError, ServiceLoad, Step};
use deploysim::scenario::testing::RunDriver;
use deploysim::scenario::{Run, Scenario, TickRecord};

/// Plays an example to its end; returns the finished run and every tick's record.
fn play(name: &str) -> (Run, Vec<TickRecord>) {
    play_expecting_failures(name, &[])
}

/// The same, where the commands at the ticks listed are meant to fail.
fn play_expecting_failures(name: &str, failing: &[i64]) -> (Run, Vec<TickRecord>) {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let scenario = Scenario::parse(&text, name).unwrap();
    let mut run = RunDriver::start(scenario).unwrap();
    run.drive_to_end();
    let (run, records) = run.into_parts();
    for record in &records {
        for action in &record.actions {
            assert_eq!(
                action.ok,
                !failing.contains(&record.t),
                "{name} t={}: {} -> {}",
                record.t,
                action.run,
                action.output
            );
        }
    }
    (run, records)
}

/// Plays an example to its end, every command accepted, with the load of its Service
/// `service` at each tick (`loads[t]`; all zero before the Service exists).
fn play_with_load(name: &str, service: &str) -> (Run, Vec<TickRecord>, Vec<ServiceLoad>) {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut run = RunDriver::start(Scenario::parse(&text, name).unwrap()).unwrap();
    let load = |run: &RunDriver| {
        run.sim()
            .service_load("default", service)
            .copied()
            .unwrap_or_default()
    };
    let mut loads = vec![load(&run)];
    while run.tick() < run.scenario().duration {
        run.step();
        loads.push(load(&run));
    }
    let (run, records) = run.into_parts();
    for record in &records {
        for action in &record.actions {
            assert!(action.ok, "{name} t={}: {}", record.t, action.run);
        }
    }
    (run, records, loads)
}

/// Each `SuccessfulRescale` of the run: (tick, new size).
fn rescales(records: &[TickRecord]) -> Vec<(i64, i32)> {
    records
        .iter()
        .flat_map(|r| &r.events)
        .filter_map(|e| match e.kind {
            EventKind::SuccessfulRescale { new_size, .. } => Some((e.time, new_size)),
            _ => None,
        })
        .collect()
}

/// Whether an event scales a ReplicaSet from `old` to `new` replicas.
fn scaled(event: &Event, old: i32, new: i32) -> bool {
    matches!(event.kind, EventKind::ScalingReplicaSet { from, to, .. } if (from, to) == (old, new))
}

fn output_at(records: &[TickRecord], t: i64) -> &str {
    &records[t as usize].actions[0].output
}

#[test]
fn recreate_leaves_a_gap_with_no_running_pods() {
    let (run, records) = play("recreate.yaml");
    let scaled_down = records
        .iter()
        .find(|r| r.events.iter().any(|e| scaled(e, 3, 0)))
        .unwrap()
        .t;
    let scaled_up = records
        .iter()
        .find(|r| r.t > 1 && r.events.iter().any(|e| scaled(e, 0, 3)))
        .unwrap()
        .t;
    assert!(
        scaled_up > scaled_down,
        "new pods only after the old are gone"
    );
    let d = run.sim().deployment("default", "db").unwrap();
    assert_eq!(d.status.updated_replicas, 3);
}

#[test]
fn a_crashing_release_times_out_and_undo_recovers() {
    let (run, records) = play_expecting_failures("crashloop-and-deadline.yaml", &[61]);
    assert_eq!(
        output_at(&records, 61),
        "error: deployment \"hello\" exceeded its progress deadline\n"
    );
    assert!(output_at(&records, 60).contains("CrashLoopBackOff"));
    let timed_out = records.iter().any(|r| {
        r.decisions
            .iter()
            .any(|d| matches!(d.step, Step::ProgressDeadlineExceeded { .. }))
    });
    assert!(timed_out, "30 s without progress exceeds the deadline");
    assert_eq!(
        output_at(&records, 100),
        "deployment \"hello\" successfully rolled out\n"
    );
    let d = run.sim().deployment("default", "hello").unwrap();
    assert_eq!(
        d.spec.template.spec.containers[0].image,
        "ghcr.io/deploysim/hello:2.0"
    );
}

#[test]
fn a_failed_node_is_healed_around_and_a_drain_empties_a_node() {
    let (run, records) = play("node-failure.yaml");
    assert!(output_at(&records, 20).contains("node-2   NotReady"));
    assert!(output_at(&records, 40).ends_with("node/node-3 drained\n"));
    let ready_elsewhere = run
        .sim()
        .pods()
        .filter(|p| p.is_ready() && p.node_name.as_deref() != Some("node-3"))
        .count();
    assert_eq!(ready_elsewhere, 6);
}

#[test]
fn scaling_mid_rollout_shares_the_new_replicas_in_proportion() {
    let (_, records) = play("proportional-scaling.yaml");
    let t21 = &records[21].events;
    assert!(t21.iter().any(|e| scaled(e, 8, 14)), "{t21:?}");
    assert!(t21.iter().any(|e| scaled(e, 5, 9)), "{t21:?}");
}

#[test]
fn one_recipe_runs_in_three_environments() {
    let (run, records) = play("environments.yaml");
    assert!(output_at(&records, 10).contains("prod        shop   5/5"));
    let images: Vec<String> = ["dev", "staging", "prod"]
        .iter()
        .map(|ns| {
            run.sim()
                .deployment(ns, "shop")
                .unwrap()
                .spec
                .template
                .spec
                .containers[0]
                .image
                .clone()
        })
        .collect();
    assert_eq!(
        images,
        [
            "ghcr.io/deploysim/hello:2.0",
            "ghcr.io/deploysim/hello:1.1",
            "ghcr.io/deploysim/hello:1.1"
        ]
    );
}

#[test]
fn the_rolling_update_example_rolls_back_to_a_renumbered_revision() {
    let (run, _) = play("rolling-update.yaml");
    assert_eq!(
        run.sim().deployment("default", "web").unwrap().revision(),
        4
    );
}

#[test]
fn every_example_has_a_short_title_and_a_description_for_the_picker() {
    let dir = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let scenario = Scenario::parse(&text, &path.display().to_string()).unwrap();
        let name = path.display();
        let title = scenario.title.expect("a title");
        let description = scenario.description.expect("a description");
        assert!((5..=40).contains(&title.len()), "{name}: {title:?}");
        assert!(
            (40..=240).contains(&description.len()) && description.ends_with('.'),
            "{name}: {description:?}"
        );
        count += 1;
    }
    assert_eq!(count, 10);
}

#[test]
fn under_load_a_rolling_update_with_max_unavailable_0_fails_no_request() {
    let (run, _, loads) = play_with_load("rolling-update-under-load.yaml", "web");
    // 350 requests per second from tick 10 need 4 pods of 100 each (3 serve only 300). A new
    // pod takes 1 s to pull and 3 s to become Ready; maxSurge 1 and maxUnavailable 0 add one
    // at 20, 24, 28 and 32 and stop an old one only once it is Ready (24, 28, 32, 36), so
    // there are 4 endpoints at the end of every tick.
    for (t, load) in loads.iter().enumerate().skip(10) {
        assert_eq!(load.offered, 350, "t={t}");
        assert!(load.endpoints >= 4, "t={t}: {load:?}");
        assert_eq!((load.served, load.failed), (350, 0), "t={t}");
    }
    let d = run.sim().deployment("default", "web").unwrap();
    assert_eq!(d.spec.template.spec.containers[0].image, "app:v2");
    assert_eq!(d.status.updated_replicas, 4);
}

#[test]
fn under_load_a_recreate_update_fails_every_request_while_no_pod_is_ready() {
    let (run, _, loads) = play_with_load("recreate-under-load.yaml", "web");
    // At 20 the old pods are all asked to stop: terminating, none is an endpoint. They take
    // 2 s (gone at 22); only then are the new ones created; 1 s to pull (started at 23) and 3 s
    // to become Ready (26). So ticks 20 to 25 have no endpoint and fail all 350: 6 x 350.
    let failing: Vec<usize> = (0..loads.len())
        .skip(10)
        .filter(|&t| loads[t].failed > 0)
        .collect();
    assert_eq!(failing, (20..=25).collect::<Vec<_>>());
    assert!(failing.iter().all(|&t| loads[t].endpoints == 0));
    let failed: i64 = loads.iter().skip(10).map(|l| l.failed).sum();
    assert_eq!(failed, 6 * 350);
    let d = run.sim().deployment("default", "web").unwrap();
    assert_eq!(d.status.updated_replicas, 4);
}

#[test]
fn in_the_lunch_rush_the_hpa_scales_out_to_10_at_120_and_back_to_2_after_the_window() {
    let (run, records, loads) = play_with_load("lunch-rush.yaml", "shop");
    // Upstream's arithmetic (replica_calculator.go, horizontal.go), syncs every 15 s from 0.
    // A pod's CPU is 2m + 1m x its share of the load; the request is 100m, the target 50%.
    // A pod counts as ready for CPU from the sync 16 s after it became Ready (the metric of
    // the tick before must be one 15 s window after the transition); pods made at sync s are
    // Ready at s + 3, so they count from the sync at s + 30.
    // 75: usage of 74, 354 rps on 2 pods: 2 + 177 = 179% -> 2 x 179/50 = 7.16 -> 8, but the
    //     scale-up limit is max(2 x 2, 4) = 4.
    // 90: 480 rps on 4 pods, 122% each; the 2 new ones are unready and count as 0 on a
    //     scale-up: 244m / 400m = 61% -> 4 x 1.22 = 4.88 -> 5; the stabilization window keeps
    //     the largest recommendation of the last 300 s, 8 (from 75), within max(2 x 4, 4).
    // 105: 8 pods, 62% each on the 4 ready ones, 31% with the 4 unready at 0: the ratio
    //     would flip below 1, so the count stays 8.
    // 120: all 8 ready at 62%: 8 x 1.24 = 9.92 -> 10, which is maxReplicas.
    // 135 to 195: 10 pods, 50% (2 + 48): within the tolerance, 10.
    // The ramp down (480 to 60 over 200..240): 210 sees 385 rps, 40% -> 8; 225 sees 228,
    //     24% -> 5; 240 sees 70, 9% -> 2; and 2 from then on (60 rps: 8% on 10 pods).
    // A recommendation made at s counts in the window until the sync at s + 300: the 10 of
    // 195 holds the count until 495; at 510 the largest left is 210's 8, at 525 225's 5, at
    // 540 only 2s.
    assert_eq!(
        rescales(&records),
        [(75, 4), (90, 8), (120, 10), (510, 8), (525, 5), (540, 2)]
    );
    let peak = loads.iter().map(|l| l.endpoints).max().unwrap();
    assert_eq!(peak, 10);
    assert_eq!(loads[150].endpoints, 10);
    assert_eq!((loads[150].served, loads[150].failed), (480, 0));
    assert!(output_at(&records, 150).contains("cpu: 50%/50%"));
    assert_eq!(
        run.sim()
            .deployment("default", "shop")
            .unwrap()
            .spec
            .replicas,
        2
    );
}

#[test]
fn an_hpa_over_pods_without_a_cpu_request_cannot_scale_and_says_why() {
    let (run, records, loads) = play_with_load("hpa-without-requests.yaml", "web");
    // 300 rps on 2 pods of 100 each: 100 fail every tick, and the pods run at 205m (5m + 2m x
    // 100); yet the HPA computes nothing. At 0 no pod runs (no metrics), at 15 the pods are
    // not yet 15 s past Ready (unready, so no metric counts); from 30 on every sync fails on
    // the missing request.
    assert_eq!((loads[40].served, loads[40].failed), (200, 100));
    let missing: Vec<i64> = records
        .iter()
        .flat_map(|r| &r.events)
        .filter(|e| {
            matches!(&e.kind, EventKind::FailedGetResourceMetric { error }
                if matches!(&**error, MetricError::MissingRequest { container, .. } if container == "web"))
        })
        .map(|e| e.time)
        .collect();
    assert_eq!(missing, [30, 45, 60]);
    assert!(rescales(&records).is_empty());
    let describe = output_at(&records, 59);
    assert!(
        describe.contains("ScalingActive  False   FailedGetResourceMetric"),
        "{describe}"
    );
    assert!(
        describe.contains("missing request for cpu in container web of Pod web-"),
        "{describe}"
    );
    assert!(describe.contains("<unknown> / 50%"), "{describe}");
    assert_eq!(
        run.sim()
            .deployment("default", "web")
            .unwrap()
            .spec
            .replicas,
        2
    );
}
