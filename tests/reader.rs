//! The reader (`deploysim::reader`) prints what the page would have printed: a timeline with
//! kubectl's printers answering read-only lines directly, and a `Replica` fed only the session
//! (as the page sends it) answering the same lines at the same ticks, give the same text; so do
//! the scenario's own reads, asked by their position in their tick. The page's changes after a
//! seek back, and another scenario opened, are followed too.

use deploysim::kubectl::Effect;
use deploysim::reader::{ActionLog, FromReader, Key, Replica, ToReader};
use deploysim::scenario::{effect, ActionResult, Scenario, Timeline};

/// Read-only lines, across the printers: tables, wide, YAML and JSON, describe, rollout
/// status and history, version, errors.
const LINES: &[&str] = &[
    "kubectl get pods",
    "kubectl get pods -o wide",
    "kubectl get rs,deploy",
    "kubectl get all -A",
    "kubectl get deployment -o yaml",
    "kubectl get pods -o json",
    "kubectl get nodes -o wide",
    "kubectl describe deployments",
    "kubectl describe rs",
    "kubectl describe pods",
    "kubectl describe nodes",
    "kubectl rollout status deployment/web",
    "kubectl rollout history deployment/web",
    "kubectl rollout history deployment/web --revision=1",
    "kubectl version",
    "kubectl get deployment nothere",
    "kubectl describe pod nothere",
];

fn example(name: &str) -> Scenario {
    let path = format!("{}/examples/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Scenario::parse(&text, &path).unwrap_or_else(|e| panic!("{e}"))
}

/// A page and its reader, kept in step as the page does: the session sent when it changed.
struct Pair {
    page: Timeline<ActionLog>,
    reader: Replica,
    sent: Option<String>,
    id: u32,
}

impl Pair {
    fn open(scenario: Scenario) -> Pair {
        let mut pair = Pair {
            page: Timeline::start(scenario, ActionLog::default(), 0).expect("the example starts"),
            reader: Replica::default(),
            sent: None,
            id: 0,
        };
        pair.sync();
        pair
    }

    fn sync(&mut self) {
        let yaml = self.page.scenario().to_yaml();
        if self.sent.as_ref() != Some(&yaml) {
            assert_eq!(self.reader.handle(ToReader::Session(yaml.clone())), None);
            self.sent = Some(yaml);
        }
    }

    fn ask(&mut self, message: ToReader) -> (bool, String) {
        self.sync();
        match self.reader.handle(message) {
            Some(FromReader::Answer { ok, output, .. }) => (ok, output),
            other => panic!("no answer: {other:?}"),
        }
    }

    /// Every line of `LINES` at the tick shown, from the page and from the reader.
    fn check_lines(&mut self, context: &str) {
        let tick = self.page.tick();
        for line in LINES {
            let page = self.page.act(line, None);
            self.id += 1;
            let (ok, output) = self.ask(ToReader::Line {
                id: self.id,
                tick,
                line: line.to_string(),
            });
            assert_eq!(
                (ok, output.as_str()),
                (page.ok, page.output.as_str()),
                "{context}, t={tick}: {line}"
            );
        }
    }

    /// Every action of the scenario that reads, played so far, from the page's record and from
    /// the reader.
    fn check_scripted(&mut self, context: &str) -> usize {
        let ran: Vec<(i64, usize, ActionResult)> = self
            .page
            .journal()
            .iter()
            .filter(|(_, _, a)| effect(&a.run) == Effect::ReadOnly)
            .map(|(t, n, a)| (t, n, a.clone()))
            .collect();
        for (tick, nth, page) in &ran {
            let (ok, output) = self.ask(ToReader::Action {
                run: 7,
                tick: *tick,
                nth: *nth,
            });
            assert_eq!(
                (ok, output.as_str()),
                (page.ok, page.output.as_str()),
                "{context}: action {nth} of t={tick}: {}",
                page.run
            );
        }
        ran.len()
    }
}

#[test]
fn the_reader_prints_what_the_page_prints_at_every_tick_asked() {
    for name in ["rolling-update", "node-failure", "proportional-scaling"] {
        let mut pair = Pair::open(example(name));
        for t in [0, 3, 11, 26, 42, 60] {
            pair.page.seek(t);
            pair.page.play_to(t);
            pair.check_lines(name);
        }
        // back in time, in the order a person scrubs
        for t in [12, 1, 55] {
            pair.page.seek(t);
            pair.check_lines(name);
        }
        assert!(
            pair.check_scripted(name) >= 2,
            "{name} has reads of its own"
        );
    }
}

#[test]
fn the_reader_follows_the_changes_the_page_makes_after_a_seek_back() {
    let mut pair = Pair::open(example("rolling-update"));
    pair.page.play_to(45);
    pair.check_lines("played to 45");
    pair.page.seek(20);
    pair.page
        .act("kubectl scale deployment/web --replicas=7", None);
    pair.page.play_to(30);
    pair.check_lines("scaled at 21");
    pair.page.act("kubectl rollout undo deployment/web", None);
    pair.page
        .act("kubectl set image deployment/web web=nginx:1.27", None);
    pair.page.play_to(50);
    pair.check_lines("undone at 31, set image at 32");
    pair.page.seek(25);
    pair.check_lines("back at 25");
    pair.check_scripted("after changes");
}

#[test]
fn the_reader_answers_another_scenario_opened_and_tells_answers_apart() {
    let mut pair = Pair::open(example("node-failure"));
    pair.page.play_to(30);
    pair.check_scripted("node-failure");
    pair.page = Timeline::start(example("proportional-scaling"), ActionLog::default(), 25).unwrap();
    pair.check_lines("another scenario");
    pair.check_scripted("another scenario");
    let answer = pair.reader.handle(ToReader::Action {
        run: 3,
        tick: 20,
        nth: 0,
    });
    assert!(
        matches!(
            answer,
            Some(FromReader::Answer {
                key: Key::Action {
                    run: 3,
                    tick: 20,
                    nth: 0
                },
                ok: true,
                ..
            })
        ),
        "{answer:?}"
    );
}

#[test]
fn the_messages_are_json_both_ways() {
    for message in [
        ToReader::Session("seed: 0\n".to_string()),
        ToReader::Line {
            id: 4,
            tick: 12,
            line: "kubectl get pods".to_string(),
        },
        ToReader::Action {
            run: 1,
            tick: 3,
            nth: 2,
        },
    ] {
        let text = serde_json::to_string(&message).unwrap();
        assert_eq!(serde_json::from_str::<ToReader>(&text).unwrap(), message);
    }
    for message in [
        FromReader::Ready,
        FromReader::Answer {
            key: Key::Line(4),
            ok: false,
            output: "error: x\n".to_string(),
        },
        FromReader::Answer {
            key: Key::Action {
                run: 2,
                tick: 30,
                nth: 1,
            },
            ok: true,
            output: "NAME\n".to_string(),
        },
    ] {
        let text = serde_json::to_string(&message).unwrap();
        assert_eq!(FromReader::parse(&text), Some(message));
    }
    let mut reader = Replica::default();
    assert!(
        reader
            .handle(ToReader::Session("not: a scenario".to_string()))
            .is_none()
            && matches!(
                reader.handle(ToReader::Line { id: 1, tick: 0, line: "kubectl get pods".into() }),
                Some(FromReader::Answer { ok: false, ref output, .. }) if output.contains("could not play")
            ),
        "a session that cannot be played is said so, not left unanswered"
    );
}
