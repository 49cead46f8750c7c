//! The reader: what prints the commands that only read (get, describe, rollout status and
//! history, version) for a page whose main module does without kubectl's read printers.
//!
//! The page's main module is built without the `printers` feature, so such a command comes back
//! `deferred` (`kubectl::Output::deferred`). The reader, a second module built with them (the
//! Web Worker `deploysim-reader`, loaded the first time a read needs printing), keeps a
//! `Replica` of the page's timeline: the page sends it the session it shows (the scenario with
//! every action so far, as YAML, as the share link holds it) whenever that differs from the last
//! one sent, then asks for a line at a tick, or for what one of the scenario's own actions
//! printed when it ran. Determinism makes the answer the text the page would have printed: the
//! same scenario gives the same simulation at every tick (`tests/reader.rs` checks both paths
//! natively). Messages are these types as JSON (`serde_json`), one per `postMessage`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::Simulation;
use crate::scenario::{query, ActionResult, Journal, Scenario, TickRecord, Timeline};

/// What the page sends the reader, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToReader {
    /// The session shown from now on: the scenario with every action so far, as YAML.
    Session(String),
    /// `line`, run at the end of tick `tick` (a user's command that reads); `id` is the page's
    /// number for it.
    Line { id: u32, tick: i64, line: String },
    /// What the `nth` action played at tick `tick` (counting every action of that tick) printed
    /// when it ran: one of the scenario's own that reads. `run` is the page's number for the
    /// scenario opened, echoed back so that an answer about an earlier one is told apart.
    Action { run: u32, tick: i64, nth: usize },
}

/// Which ask an answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Key {
    Line(u32),
    Action { run: u32, tick: i64, nth: usize },
}

/// What the reader sends the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FromReader {
    /// Loaded: it takes messages from now on.
    Ready,
    /// What an ask prints: stdout then stderr, as a terminal shows them.
    Answer { key: Key, ok: bool, output: String },
}

impl FromReader {
    /// Reads what the reader wrote (its `Serialize` as JSON: `"Ready"`, `{"Answer": {"key":
    /// {"Line": 4}, "ok": true, "output": "..."}}`); `None` for anything else. Read through a
    /// `Value`, which the page parses JSON into anyway, rather than a derived `Deserialize` with
    /// a JSON parser of its own.
    pub fn parse(text: &str) -> Option<FromReader> {
        let value: Value = serde_json::from_str(text).ok()?;
        if value.as_str() == Some("Ready") {
            return Some(FromReader::Ready);
        }
        let answer = value.get("Answer")?;
        let number = |value: &Value, name: &str| value.get(name)?.as_u64();
        let key = answer.get("key")?;
        let key = match (key.get("Line"), key.get("Action")) {
            (Some(id), None) => Key::Line(id.as_u64()?.try_into().ok()?),
            (None, Some(action)) => Key::Action {
                run: number(action, "run")?.try_into().ok()?,
                tick: action.get("tick")?.as_i64()?,
                nth: number(action, "nth")?.try_into().ok()?,
            },
            _ => return None,
        };
        Some(FromReader::Answer {
            key,
            ok: answer.get("ok")?.as_bool()?,
            output: answer.get("output")?.as_str()?.to_string(),
        })
    }
}

/// A timeline's journal of every action each tick played, with what it printed, by tick (only
/// ticks that ran one): the replica's, and the page's side in the reader's tests.
#[derive(Default)]
pub struct ActionLog(BTreeMap<i64, Vec<ActionResult>>);

impl ActionLog {
    /// The `nth` action played at `tick`.
    pub fn at(&self, tick: i64, nth: usize) -> Option<&ActionResult> {
        self.0.get(&tick).and_then(|actions| actions.get(nth))
    }

    /// Every action played, oldest first, with its tick and its place in that tick.
    pub fn iter(&self) -> impl Iterator<Item = (i64, usize, &ActionResult)> {
        self.0
            .iter()
            .flat_map(|(&t, actions)| actions.iter().enumerate().map(move |(n, a)| (t, n, a)))
    }
}

impl Journal for ActionLog {
    type Mark = ();

    fn absorb(&mut self, _: &Simulation, record: TickRecord) {
        if !record.actions.is_empty() {
            self.0.insert(record.t, record.actions);
        }
    }

    fn mark(&self) {}

    fn rewind(&mut self, tick: i64, _: &()) {
        self.0.split_off(&(tick + 1));
    }
}

/// The reader's copy of the page's timeline, answering what the page asks.
#[derive(Default)]
pub struct Replica {
    /// `None` before the first session, or when the last one could not be played (`Err`: why).
    timeline: Option<Result<Timeline<ActionLog>, String>>,
}

impl Replica {
    /// Takes one message from the page: a session to follow (no answer) or an ask (its answer).
    pub fn handle(&mut self, message: ToReader) -> Option<FromReader> {
        let (key, tick, asked) = match message {
            ToReader::Session(yaml) => {
                self.open(&yaml);
                return None;
            }
            ToReader::Line { id, tick, line } => (Key::Line(id), tick, Ok(line)),
            ToReader::Action { run, tick, nth } => (Key::Action { run, tick, nth }, tick, Err(nth)),
        };
        let answer = match &mut self.timeline {
            None => None,
            Some(Err(why)) => Some(ActionResult {
                run: String::new(),
                ok: false,
                output: format!("error: the reader could not play this session: {why}\n"),
                deferred: false,
            }),
            Some(Ok(timeline)) => {
                go(timeline, tick);
                match asked {
                    Ok(line) => query(timeline.sim(), &line),
                    Err(nth) => timeline.journal().at(tick, nth).cloned(),
                }
            }
        };
        let (ok, output) = answer.map_or_else(
            || {
                (
                    false,
                    "error: the reader has nothing to print for this\n".to_string(),
                )
            },
            |a| (a.ok, a.output),
        );
        Some(FromReader::Answer { key, ok, output })
    }

    /// Follows the session `yaml`: by acting as the page did when it continues the one held
    /// (`follow`), else by starting it afresh.
    fn open(&mut self, yaml: &str) {
        let scenario = match Scenario::parse(yaml, "session") {
            Ok(scenario) => scenario,
            Err(e) => {
                self.timeline = Some(Err(e.to_string()));
                return;
            }
        };
        if let Some(Ok(timeline)) = &mut self.timeline {
            if follow(timeline, &scenario) {
                return;
            }
        }
        self.timeline =
            Some(Timeline::start(scenario, ActionLog::default(), 0).map_err(|e| e.to_string()));
    }
}

/// Shows tick `t`, playing on past the horizon when it is further.
fn go(timeline: &mut Timeline<ActionLog>, t: i64) {
    timeline.seek(t);
    timeline.play_to(t);
}

/// Brings `timeline` to `scenario` when it is the timeline's own with the user's changes since
/// (each recorded at the tick after the one shown, dropping the actions after it, as
/// `Timeline::act` does): acts them out in turn. False when `scenario` is another one (then the
/// caller starts it afresh).
fn follow(timeline: &mut Timeline<ActionLog>, scenario: &Scenario) -> bool {
    let held = timeline.scenario();
    let same_cluster = held.seed == scenario.seed
        && held.cluster == scenario.cluster
        && held.images == scenario.images
        && held.manifests == scenario.manifests;
    let common = held
        .actions
        .iter()
        .zip(&scenario.actions)
        .take_while(|(a, b)| a == b)
        .count();
    let added = &scenario.actions[common..];
    let continues = match added.first() {
        None => held.actions.len() == common,
        Some(first) => {
            first.at > 0
                && held.actions[common..].iter().all(|a| a.at >= first.at)
                && added.windows(2).all(|w| w[0].at < w[1].at)
        }
    };
    if !(same_cluster && continues) {
        return false;
    }
    for action in added {
        go(timeline, action.at - 1);
        timeline.act(&action.run, action.stdin.as_deref());
    }
    timeline.scenario().actions == scenario.actions
}
