//! `scenario::Timeline`, as the browser's time bar drives it: given a busy scenario played for a
//! while, when it seeks back and forth, acts after a seek, or plays for a long time, then what
//! it shows (and what its journal gathered) is exactly what a fresh replay gives, the
//! checkpoints it keeps are the ones its policy says, and nothing plays past the simulated day.

use std::collections::VecDeque;

use deploysim::engine::Simulation;
use deploysim::kubectl::{self, Files};
use deploysim::scenario::timeline::{CHECKPOINT_EVERY, MAX_CHECKPOINTS};
use deploysim::scenario::trace::{tick_json, tick_text};
use deploysim::scenario::{Discard, Journal, Scenario, TickRecord, Timeline, MAX_DURATION};

/// How many ticks that did something the test journal's bounded log keeps.
const RECENT: usize = 8;

/// What a test gathers, the way the browser does: every tick's text trace (what it did; this
/// grows with time and is rewound by truncation), and the same for the last few ticks that did
/// something (bounded, so rewound from its mark, as the browser's logs are).
#[derive(Debug, Default, PartialEq)]
struct Trace {
    ticks: Vec<String>,
    recent: VecDeque<String>,
}

impl Journal for Trace {
    type Mark = VecDeque<String>;

    fn absorb(&mut self, sim: &Simulation, record: TickRecord) {
        assert_eq!(
            (record.t, sim.now()),
            (self.ticks.len() as i64, record.t),
            "the journal is fed every tick once, in order, with the simulation at its end"
        );
        let text = tick_text(&record);
        self.ticks.push(text.clone());
        if !text.is_empty() {
            self.recent.push_back(text);
            if self.recent.len() > RECENT {
                self.recent.pop_front();
            }
        }
    }

    fn mark(&self) -> VecDeque<String> {
        self.recent.clone()
    }

    fn rewind(&mut self, tick: i64, mark: &VecDeque<String>) {
        self.ticks.truncate(tick as usize + 1);
        self.recent.clone_from(mark);
    }
}

/// Two Deployments on three nodes: `web` rolls out a new image at 10, loses a node from 45 to
/// 51, scales to 7 at 49 and rolls back at 100; `flaky` crash-loops for ever, so that something
/// keeps happening on long runs (restarts, back-off, events).
const BUSY: &str = r#"
seed: 7
duration: 120
images:
  app:v1: {pullSeconds: 1, readySeconds: 2}
  app:v2: {pullSeconds: 2, readySeconds: 3}
  app:crash: {crashAfterSeconds: 5}
manifests: |
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 4
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: web
          image: app:v1
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: flaky
  spec:
    replicas: 2
    selector:
      matchLabels: {app: flaky}
    template:
      metadata:
        labels: {app: flaky}
      spec:
        containers:
        - name: flaky
          image: app:crash
actions:
  - {at: 10, run: "kubectl set image deployment/web web=app:v2"}
  - {at: 45, run: "fault node-down node-2"}
  - {at: 49, run: "kubectl scale deployment/web --replicas=7"}
  - {at: 51, run: "fault node-up node-2"}
  - {at: 100, run: "kubectl rollout undo deployment/web"}
"#;

fn busy() -> Scenario {
    Scenario::parse(BUSY, "busy.yaml").unwrap()
}

/// `scenario` replayed from tick 0 to `t` by a timeline of its own.
fn fresh(scenario: &Scenario, t: i64) -> Timeline<Trace> {
    Timeline::start(scenario.clone(), Trace::default(), t).unwrap()
}

/// The JSONL trace line of the state shown now (without what the tick did: a restored
/// checkpoint does not play it again).
fn shown(timeline: &Timeline<Trace>) -> String {
    let record = TickRecord {
        t: timeline.tick(),
        events: Vec::new(),
        actions: Vec::new(),
        decisions: Vec::new(),
    };
    tick_json(timeline.sim(), &record).to_string()
}

/// Seeks to `t` and checks the timeline against a fresh replay of its scenario to `t`: the
/// state shown, the journal, and the next ten ticks played on from there by both (which also
/// compares what the trace does not show, such as the random source and the actions to run).
/// Comparing every tick's JSONL line instead of its text would cost a millisecond a tick.
fn assert_seek_matches_a_fresh_replay(timeline: &mut Timeline<Trace>, t: i64) {
    timeline.seek(t);
    assert_eq!(timeline.tick(), t);
    let mut replay = fresh(timeline.scenario(), t);
    assert_eq!(shown(timeline), shown(&replay), "the state at tick {t}");
    assert_eq!(
        timeline.journal(),
        replay.journal(),
        "the journal at tick {t}"
    );
    for _ in 0..10 {
        timeline.step();
        replay.step();
    }
    assert_eq!(
        (shown(timeline), timeline.journal()),
        (shown(&replay), replay.journal()),
        "ten ticks played on from a seek to {t}"
    );
}

#[test]
fn given_a_busy_scenario_when_seeking_back_and_forth_then_each_tick_is_what_a_fresh_replay_shows() {
    let mut timeline = fresh(&busy(), 300);
    assert_eq!(timeline.horizon(), 300);
    assert_eq!(
        timeline.checkpoints().collect::<Vec<_>>(),
        [0, 50, 100, 150, 200, 250, 300]
    );
    // Before, at and after checkpoints, back and then forward again.
    for t in [173, 150, 149, 151, 0, 1, 49, 50, 51, 290, 12, 250] {
        assert_seek_matches_a_fresh_replay(&mut timeline, t);
    }
    assert_eq!(timeline.horizon(), 300, "seeking back changes no future");
    assert_seek_matches_a_fresh_replay(&mut timeline, 300);
}

#[test]
fn given_a_seek_back_then_it_restores_the_nearest_checkpoint_and_plays_only_from_there() {
    let mut timeline = fresh(&busy(), 300);
    let played = timeline.ticks_played();
    assert_eq!(played, 301, "ticks 0 to 300");
    timeline.seek(173);
    assert_eq!(
        timeline.ticks_played() - played,
        23,
        "from the checkpoint of 150"
    );
    timeline.seek(200);
    assert_eq!(
        timeline.ticks_played() - played,
        50,
        "forward by playing on"
    );
    timeline.seek(100);
    assert_eq!(
        timeline.ticks_played() - played,
        50,
        "at a checkpoint nothing is played"
    );
}

#[test]
fn given_a_seek_past_the_horizon_then_it_stops_at_the_horizon() {
    let mut timeline = fresh(&busy(), 80);
    timeline.seek(20);
    timeline.seek(1_000);
    assert_eq!((timeline.tick(), timeline.horizon()), (80, 80));
    timeline.seek(-5);
    assert_eq!(timeline.tick(), 0);
}

#[test]
fn given_a_seek_back_when_acting_then_the_later_future_goes_and_the_earlier_checkpoints_stay() {
    let mut timeline = fresh(&busy(), 130);
    timeline.seek(70);
    let line = "kubectl scale deployment/web --replicas=3";
    let discard = timeline
        .discards(line)
        .expect("a change behind the horizon discards");
    assert_eq!(discard, Discard { from: 70, to: 130 });
    assert_eq!(discard.seconds(), 60);
    let result = timeline.act(line, None);
    assert!(result.ok, "{}", result.output);
    assert_eq!((timeline.tick(), timeline.horizon()), (71, 71));
    let actions: Vec<(i64, &str)> = timeline
        .scenario()
        .actions
        .iter()
        .map(|a| (a.at, a.run.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (10, "kubectl set image deployment/web web=app:v2"),
            (45, "fault node-down node-2"),
            (49, "kubectl scale deployment/web --replicas=7"),
            (51, "fault node-up node-2"),
            (71, "kubectl scale deployment/web --replicas=3"),
        ],
        "the rollback at 100 is gone with the future it was in"
    );
    assert_eq!(
        timeline.checkpoints().collect::<Vec<_>>(),
        [0, 50],
        "the checkpoint of 100 belonged to the old future"
    );

    timeline.play_to(160);
    assert_eq!(
        timeline.checkpoints().collect::<Vec<_>>(),
        [0, 50, 100, 150]
    );
    let played = timeline.ticks_played();
    timeline.seek(60);
    assert_eq!(
        timeline.ticks_played() - played,
        10,
        "the checkpoint of 50, from before the action, continues under the new scenario"
    );
    for t in [60, 71, 70, 72, 140, 100, 0] {
        assert_seek_matches_a_fresh_replay(&mut timeline, t);
    }
}

/// Lines that only read, as a user types them after scrubbing back.
const READS: &[&str] = &[
    "kubectl get pods",
    "kubectl describe deployment/web",
    "kubectl rollout status deployment/web",
    "kubectl rollout history deployment/web",
    "kubectl get deployment nope",
    "kubectl frobnicate",
    "fault node-sideways node-1",
];

#[test]
fn given_a_seek_back_when_reading_then_the_future_stays_and_the_tick_shown_answers() {
    let mut timeline = fresh(&busy(), 130);
    timeline.seek(70);
    let (state, scenario, played) = (
        shown(&timeline),
        timeline.scenario().clone(),
        timeline.ticks_played(),
    );
    let checkpoints: Vec<i64> = timeline.checkpoints().collect();
    assert_eq!(checkpoints, [0, 50, 100]);
    let at_70 = fresh(&busy(), 70);
    for line in READS {
        assert_eq!(timeline.discards(line), None, "{line}");
        let result = timeline.act(line, None);
        let expected = kubectl::run(&mut at_70.sim().clone(), line, &Files::none());
        if !line.starts_with("fault") {
            assert_eq!(
                result.output,
                format!("{}{}", expected.stdout, expected.stderr),
                "{line}: what tick 70 shows"
            );
        }
        assert_eq!((timeline.tick(), timeline.horizon()), (70, 130), "{line}");
        assert_eq!(timeline.checkpoints().collect::<Vec<_>>(), checkpoints);
        assert_eq!(timeline.scenario(), &scenario, "{line} is not recorded");
        assert_eq!(timeline.ticks_played(), played, "{line} plays no tick");
        assert_eq!(shown(&timeline), state, "{line} changes nothing");
    }
    timeline.seek(130);
    assert_seek_matches_a_fresh_replay(&mut timeline, 130);
}

#[test]
fn given_the_live_edge_then_a_change_discards_nothing_and_a_read_plays_no_tick() {
    let mut timeline = fresh(&busy(), 40);
    assert_eq!(
        timeline.discards("kubectl scale deployment/web --replicas=3"),
        None
    );
    let read = timeline.act("kubectl get pods", None);
    assert!(read.ok, "{}", read.output);
    assert_eq!((timeline.tick(), timeline.horizon()), (40, 40));
    timeline.act("kubectl scale deployment/web --replicas=3", None);
    assert_eq!((timeline.tick(), timeline.horizon()), (41, 41));
}

#[test]
fn given_an_action_on_a_checkpoint_tick_then_seeking_back_to_it_shows_the_action() {
    let mut timeline = fresh(&busy(), 49);
    timeline.act("kubectl scale deployment/web --replicas=2", None);
    assert_eq!(timeline.tick(), 50);
    assert_eq!(timeline.checkpoints().collect::<Vec<_>>(), [0, 50]);
    timeline.play_to(90);
    assert_seek_matches_a_fresh_replay(&mut timeline, 50);
    let web = timeline.sim().deployment("default", "web").unwrap();
    assert_eq!(web.spec.replicas, 2);
}

#[test]
fn given_a_long_run_then_the_checkpoints_stay_under_the_cap_and_seeks_across_the_doubling_match() {
    let mut timeline = fresh(&busy(), 0);
    while timeline.tick() < 1_700 {
        timeline.step();
        assert!(
            timeline.checkpoints().count() <= MAX_CHECKPOINTS,
            "tick {}: {} checkpoints",
            timeline.tick(),
            timeline.checkpoints().count()
        );
    }
    // Over the cap at 1600 (0, 50, ..., 1600 would be 33): the spacing doubled there, and every
    // other checkpoint went.
    let every = CHECKPOINT_EVERY * 2;
    let expected: Vec<i64> = (0..=1_700).step_by(every as usize).collect();
    assert_eq!(timeline.checkpoints().collect::<Vec<_>>(), expected);

    let played = timeline.ticks_played();
    timeline.seek(1_650);
    assert_eq!(
        timeline.ticks_played() - played,
        50,
        "from the checkpoint of 1600"
    );
    for t in [1_650, 150, 1_700] {
        assert_seek_matches_a_fresh_replay(&mut timeline, t);
    }
}

#[test]
fn given_the_end_of_the_simulated_day_then_nothing_plays_past_it_and_an_action_is_refused() {
    let mut timeline = fresh(&Scenario::default_web(), MAX_DURATION - 1);
    assert!(!timeline.ended());
    let last = timeline.act("kubectl scale deployment/web --replicas=5", None);
    assert!(
        last.ok,
        "an action recorded at the day's last tick runs: {}",
        last.output
    );
    assert_eq!(timeline.tick(), MAX_DURATION);
    assert!(timeline.ended());

    let (state, scenario, played) = (
        shown(&timeline),
        timeline.scenario().clone(),
        timeline.ticks_played(),
    );
    assert!(!timeline.step(), "a step at the end plays nothing");
    timeline.play_to(MAX_DURATION + 10);
    timeline.seek(MAX_DURATION + 10);
    let refused = timeline.act("kubectl scale deployment/web --replicas=2", None);
    assert!(!refused.ok);
    assert_eq!(
        refused.output,
        "error: the simulated day has ended: a scenario lasts at most 86400 seconds\n"
    );
    assert_eq!(
        (timeline.tick(), timeline.horizon()),
        (MAX_DURATION, MAX_DURATION)
    );
    assert_eq!(timeline.ticks_played(), played);
    assert_eq!(shown(&timeline), state, "nothing changed");
    assert_eq!(
        timeline.scenario(),
        &scenario,
        "the refused action is not recorded"
    );

    let read = timeline.act("kubectl get deployment web", None);
    assert!(read.ok, "a read needs no next tick: {}", read.output);
    assert_eq!(timeline.ticks_played(), played);

    let saved = Scenario::parse(&timeline.scenario().to_yaml(), "saved.yaml")
        .expect("what is saved at the end of the day opens again");
    assert_eq!(saved.duration, MAX_DURATION);
}

/// The first tick after `after` whose trace says it did something (an event, a decision or an
/// action), in a fresh replay of `scenario` to `to`.
fn first_eventful(scenario: &Scenario, after: i64, to: i64) -> Option<i64> {
    let replay = fresh(scenario, to);
    (after + 1..=to).find(|&t| !replay.journal().ticks[t as usize].is_empty())
}

#[test]
fn given_a_seek_back_when_jumping_to_the_next_event_then_it_seeks_through_the_history_without_forking(
) {
    let mut timeline = fresh(&busy(), 60);
    timeline.seek(5);
    let expected = first_eventful(&busy(), 5, 60).expect("the busy scenario does something");
    assert_eq!(timeline.next_event(600), Some(expected));
    assert_eq!(timeline.tick(), expected);
    assert_eq!(
        timeline.horizon(),
        60,
        "a jump through the history forks nothing"
    );
    assert_eq!(timeline.scenario(), &busy());
    assert_seek_matches_a_fresh_replay(&mut timeline, expected);
}

#[test]
fn given_the_horizon_when_jumping_to_the_next_event_then_it_plays_on_to_the_first_tick_that_did_something(
) {
    let mut scenario = Scenario::default_web();
    scenario.actions.push(deploysim::scenario::Action {
        at: 100,
        run: "kubectl scale deployment/web --replicas=5".into(),
        stdin: None,
    });
    let mut timeline = fresh(&scenario, 40);
    assert_eq!(
        first_eventful(&scenario, 40, 99),
        None,
        "quiet from 40 to 99"
    );
    assert_eq!(timeline.next_event(600), Some(100));
    assert_eq!((timeline.tick(), timeline.horizon()), (100, 100));
    // Back behind the horizon and forward again: the same tick, through the history.
    timeline.seek(40);
    assert_eq!(timeline.next_event(600), Some(100));
}

#[test]
fn given_nothing_happens_within_the_limit_when_jumping_then_it_stops_at_the_limit_and_says_none() {
    let mut timeline = fresh(&Scenario::default_web(), 300);
    timeline.seek(40);
    assert_eq!(timeline.next_event(50), None);
    assert_eq!((timeline.tick(), timeline.horizon()), (90, 300));
    timeline.seek(300);
    assert_eq!(timeline.next_event(50), None);
    assert_eq!((timeline.tick(), timeline.horizon()), (350, 350));
}

#[test]
fn given_an_action_after_a_seek_back_when_jumping_then_the_discarded_future_is_not_jumped_to() {
    let mut timeline = fresh(&busy(), 60);
    timeline.seek(20);
    timeline.act("kubectl scale deployment/web --replicas=2", None);
    let scenario = timeline.scenario().clone();
    let reached = timeline
        .next_event(600)
        .expect("crash loops keep happening");
    assert_eq!(Some(reached), first_eventful(&scenario, 21, 80));
    assert_seek_matches_a_fresh_replay(&mut timeline, reached);
}
