//! The scenarios in `examples/` play to the end with every command accepted, and show what each
//! is there to teach.

use deploysim::engine::{Event, EventKind, Step};
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
    assert_eq!(count, 6);
}
