//! The test harnesses themselves: the `Driver` every scenario test plays its simulation with,
//! and the table rows of the upstream tests, which cannot pass by being misread.

mod upstream_common;

use deploysim::engine::{Deployment, Reason, Simulation};
use deploysim::scenario::testing::{RunDriver, SimDriver};
use deploysim::scenario::Scenario;
use serde_json::json;
use upstream_common::{Checks, Outcome, Row, Table};

fn web(replicas: i32) -> SimDriver {
    let mut sim = SimDriver::default();
    sim.create_deployment(Deployment::new(
        "default",
        "web",
        "web",
        "nginx:1.25",
        replicas,
    ))
    .expect("a valid deployment");
    sim
}

fn all_available(sim: &Simulation) -> bool {
    sim.deployment("default", "web")
        .is_some_and(|d| d.status.available_replicas == d.spec.replicas)
}

fn never(_: &Simulation) -> bool {
    false
}

// ----- the driver -----

#[test]
fn given_a_new_deployment_when_driven_until_it_is_available_then_the_tick_and_every_event_are_reported(
) {
    let mut sim = web(2);
    sim.run_tick();
    let t = sim.drive_until(60, all_available);
    assert_eq!(t, 3, "nginx pulls in 2 s and is ready 1 s later");
    assert_eq!(sim.now(), 3);
    let ticks: Vec<i64> = sim.records().iter().map(|r| r.t).collect();
    assert_eq!(
        ticks,
        [0, 1, 2, 3],
        "tick 0 replayed, then one record per tick"
    );
    let created = sim
        .events()
        .filter(|e| e.reason() == Reason::SuccessfulCreate)
        .count();
    assert_eq!(created, 2);
    assert!(
        sim.decisions().next().is_some(),
        "the scale-up is explained"
    );
}

#[test]
#[should_panic(expected = "`harness::never` did not hold within 5 ticks (ticks 1 to 5)")]
fn given_a_condition_that_never_holds_then_drive_until_fails_naming_it_and_the_ticks_tried() {
    web(1).drive_until(5, never);
}

#[test]
fn take_events_hands_out_each_event_once_including_those_of_api_calls_between_ticks() {
    let mut sim = web(1);
    sim.run_tick();
    sim.drive_for(4);
    assert!(!sim.take_events().is_empty());
    assert!(sim.take_events().is_empty());
    sim.fail_node("node-1").expect("node-1 exists");
    let events = sim.take_events();
    assert!(
        events.iter().any(|e| e.reason() == Reason::NodeNotReady),
        "{events:?}"
    );
    assert!(sim.take_events().is_empty());
    assert_eq!(
        sim.events().count(),
        sim.records().iter().map(|r| r.events.len()).sum::<usize>()
    );
}

#[test]
fn step_with_runs_its_api_calls_at_the_start_of_the_next_tick() {
    let mut sim = web(1);
    sim.run_tick();
    sim.drive_until(60, all_available);
    let at = sim.now() + 1;
    let record = sim.step_with(|s| {
        let mut d = s.deployment("default", "web").expect("web").clone();
        d.spec.replicas = 3;
        s.update_deployment(d).expect("a valid update");
    });
    assert_eq!(record.t, at);
    assert_eq!(sim.pod_count(), 3, "the ReplicaSet scaled within the tick");
}

#[test]
fn given_a_scenario_run_then_the_driver_records_tick_0_each_action_and_every_tick_to_the_end() {
    let mut run = RunDriver::start(Scenario::default_web()).expect("the default scenario");
    run.drive_until(10, |r| r.sim().pods().all(|p| p.is_ready()));
    let (result, record) = run.act("kubectl scale deployment/web --replicas=2", None);
    assert!(result.ok, "{}", result.output);
    assert_eq!(record.t, run.tick());
    assert_eq!(run.records().last(), Some(&record));
    run.drive_to_end();
    assert_eq!(run.tick(), run.scenario().duration);
    let ticks: Vec<i64> = run.records().iter().map(|r| r.t).collect();
    let expected: Vec<i64> = (0..=run.scenario().duration).collect();
    assert_eq!(ticks, expected);
}

// ----- table rows -----

/// A check that reads `input.replicas` and `expected.scaleExpected`, as a rolling test would.
fn scale_check(row: &Row) -> Outcome {
    let (input, want) = (row.get("input"), row.get("expected"));
    let mut c = Checks::default();
    c.eq(
        "scaled",
        input.i32("replicas") > 0,
        want.bool("scaleExpected"),
    );
    c.outcome()
}

#[test]
#[should_panic(expected = "TestMisspelt row \"scenario 0\": no key `expected.scaleExpected`")]
fn given_a_row_whose_expected_key_is_misspelt_then_reading_the_key_fails_naming_the_row_and_the_key(
) {
    let row = json!({
        "case": "scenario 0",
        "input": {"replicas": 1},
        "expected": {"scaleExpectd": true},
    });
    Table::run_rows("TestMisspelt", vec![row], scale_check).finish(0);
}

#[test]
#[should_panic(
    expected = "scenario 0: keys the test never reads (misspelt, or unchecked): \
                           input.maxSurge, expected.expectedNewReplica"
)]
fn given_a_row_with_keys_the_test_never_reads_then_the_row_fails_naming_them() {
    let row = json!({
        "case": "scenario 0",
        "input": {"replicas": 1, "maxSurge": 1},
        "expected": {"scaleExpected": true, "expectedNewReplica": 3},
    });
    Table::run_rows("TestUnread", vec![row], scale_check).finish(0);
}

#[test]
#[should_panic(expected = "no key `input.replicas`")]
fn given_a_row_without_an_input_key_then_reading_it_fails() {
    let row = json!({"case": "scenario 0", "input": {}, "expected": {"scaleExpected": true}});
    Table::run_rows("TestMissing", vec![row], scale_check).finish(0);
}

#[test]
#[should_panic(
    expected = "keys the test never reads (misspelt, or unchecked): input.rsList[1].replica"
)]
fn an_unread_key_inside_a_list_is_named_by_its_element() {
    let row = json!({
        "case": "scenario 0",
        "input": {"rsList": [{"replicas": 1}, {"replica": 2}]},
        "expected": {},
    });
    Table::run_rows("TestList", vec![row], |row| {
        for rs in row.get("input").get("rsList").list() {
            rs.get_opt("replicas");
        }
        row.get("expected");
        Outcome::Pass
    })
    .finish(0);
}

#[test]
fn documentation_unasserted_fields_ignored_keys_and_skipped_rows_need_no_reading() {
    let documented = json!({
        "kind": "scale", "go_test": "TestDocumented", "file": "rolling_test.go",
        "case": "documented", "src": "v1.28.0", "note": "prose",
        "input": {"replicas": 1, "about": "prose inside the input"},
        "expected": {"scaleExpected": true, "expectedOldReplicas_unasserted": 9},
    });
    let skipped = json!({"case": "skipped", "input": {"unknown": 1}, "expected": {}});
    Table::run_rows("TestDocumented", vec![documented, skipped], |row| {
        if row.get("input").get_opt("replicas").is_none() {
            return Outcome::Skip("nothing to run".to_string());
        }
        row.get("input").ignore("about");
        scale_check(row)
    })
    .finish(1);
}
