//! The scenario tests' harness, in the spirit of quinn-proto's test `Pair`: a `Driver` plays a
//! `Simulation` or a scenario `Run` one tick at a time (`step`), for a number of ticks
//! (`drive_for`) or until a condition holds (`drive_until`), and keeps what every tick reported
//! (`records`, `events`, `take_events`, ...). Between ticks a test calls the engine, kubectl or
//! the run directly: the driver dereferences to what it drives.
//!
//! Nothing here is used by the simulator itself. `drive_until` panics when its condition does
//! not hold in time: it is meant for tests, where that panic is the test failing.

use std::ops::{Deref, DerefMut};

use super::{ActionResult, Run, Scenario, ScenarioError, TickRecord};
use crate::engine::{Decision, Event, Seconds, SimConfig, Simulation};

/// What a `Driver` can play: a bare `Simulation`, or a `Run`, whose ticks also run the
/// scenario's actions.
pub trait Playable {
    /// The tick whose end state it holds.
    fn now(&self) -> Seconds;

    /// Plays the next tick: what it reported.
    fn play_next_tick(&mut self) -> TickRecord;

    /// What was reported since the last record was taken, outside any tick (by an API call made
    /// directly), as a record of the current tick; `None` when nothing was.
    fn take_unrecorded(&mut self) -> Option<TickRecord>;
}

impl Playable for Simulation {
    fn now(&self) -> Seconds {
        Simulation::now(self)
    }

    /// `advance`, then `run_tick`.
    fn play_next_tick(&mut self) -> TickRecord {
        self.advance();
        self.run_tick();
        reported(self)
    }

    fn take_unrecorded(&mut self) -> Option<TickRecord> {
        let record = reported(self);
        (!record.events.is_empty() || !record.decisions.is_empty()).then_some(record)
    }
}

/// What the simulation reported since the last take, as a record of its current tick.
fn reported(sim: &mut Simulation) -> TickRecord {
    TickRecord {
        t: sim.now(),
        events: sim.take_events(),
        actions: Vec::new(),
        decisions: sim.take_decisions(),
    }
}

impl Playable for Run {
    fn now(&self) -> Seconds {
        self.tick()
    }

    /// `Run::step`: the tick's actions, then pods and controllers.
    fn play_next_tick(&mut self) -> TickRecord {
        self.step()
    }

    /// A run reports everything in the record of the tick that did it.
    fn take_unrecorded(&mut self) -> Option<TickRecord> {
        None
    }
}

/// Plays a `Simulation` (`SimDriver`) or a `Run` (`RunDriver`) for a test and keeps the record
/// of every tick it played, oldest first. Each record holds what was reported since the one
/// before it: what an API call made between two ticks reports joins the next record.
#[derive(Debug, Clone)]
pub struct Driver<P> {
    subject: P,
    records: Vec<TickRecord>,
    /// How many of the events in `records` `take_events` has handed out.
    events_taken: usize,
    /// How many of the decisions in `records` `take_decisions` has handed out.
    decisions_taken: usize,
}

/// A driver of a bare simulation: the test makes the API calls itself.
pub type SimDriver = Driver<Simulation>;

/// A driver of a scenario run: the scenario's actions run at their ticks.
pub type RunDriver = Driver<Run>;

impl<P: Playable> Driver<P> {
    /// Drives `subject` from where it is; no record yet.
    pub fn new(subject: P) -> Self {
        Driver {
            subject,
            records: Vec::new(),
            events_taken: 0,
            decisions_taken: 0,
        }
    }

    /// Plays one tick: what it reported.
    pub fn step(&mut self) -> &TickRecord {
        let record = self.subject.play_next_tick();
        self.keep(record)
    }

    /// Plays `ticks` ticks.
    pub fn drive_for(&mut self, ticks: Seconds) {
        for _ in 0..ticks {
            self.step();
        }
    }

    /// Plays tick after tick until `done` holds at the end of one; returns that tick. `done`
    /// sees every tick played, so it may also assert what must hold at each. Fails the test,
    /// naming `done` and the ticks tried, when `limit` ticks pass without it holding.
    #[track_caller]
    pub fn drive_until<F: FnMut(&P) -> bool>(&mut self, limit: Seconds, mut done: F) -> Seconds {
        let start = self.subject.now();
        for _ in 0..limit {
            self.step();
            if done(&self.subject) {
                return self.subject.now();
            }
        }
        panic!(
            "drive_until: `{}` did not hold within {limit} ticks (ticks {} to {})",
            std::any::type_name::<F>(),
            start + 1,
            self.subject.now()
        );
    }

    /// The record of every tick played, oldest first.
    pub fn records(&self) -> &[TickRecord] {
        &self.records
    }

    /// Every event reported in the ticks played, oldest first.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.records.iter().flat_map(|r| &r.events)
    }

    /// Every controller decision explained in the ticks played, oldest first.
    pub fn decisions(&self) -> impl Iterator<Item = &Decision> {
        self.records.iter().flat_map(|r| &r.decisions)
    }

    /// The events reported since the last call (including those of API calls made since the
    /// last tick), oldest first.
    pub fn take_events(&mut self) -> Vec<Event> {
        self.keep_unrecorded();
        let events: Vec<Event> = self.events().skip(self.events_taken).cloned().collect();
        self.events_taken += events.len();
        events
    }

    /// The decisions explained since the last call, oldest first.
    pub fn take_decisions(&mut self) -> Vec<Decision> {
        self.keep_unrecorded();
        let decisions: Vec<Decision> = self
            .decisions()
            .skip(self.decisions_taken)
            .cloned()
            .collect();
        self.decisions_taken += decisions.len();
        decisions
    }

    /// What was driven, and the record of every tick played.
    pub fn into_parts(self) -> (P, Vec<TickRecord>) {
        (self.subject, self.records)
    }

    fn keep_unrecorded(&mut self) {
        if let Some(record) = self.subject.take_unrecorded() {
            self.records.push(record);
        }
    }

    fn keep(&mut self, record: TickRecord) -> &TickRecord {
        self.records.push(record);
        self.records.last().expect("just kept")
    }
}

impl Default for Driver<Simulation> {
    /// A driver of a new simulation with the default configuration (`SimConfig::default`).
    fn default() -> Self {
        Driver::new(Simulation::new(SimConfig::default()))
    }
}

impl Driver<Simulation> {
    /// Plays the current tick again (`Simulation::run_tick`), so that the controllers react to
    /// API calls made since it was played: what that reported.
    pub fn run_tick(&mut self) -> &TickRecord {
        self.subject.run_tick();
        let record = reported(&mut self.subject);
        self.keep(record)
    }

    /// Plays one tick that starts with `act`, as a scenario's actions start their tick: the
    /// clock moves on, `act` makes its API calls, then pods and controllers run.
    pub fn step_with(&mut self, act: impl FnOnce(&mut Simulation)) -> &TickRecord {
        self.subject.advance();
        act(&mut self.subject);
        self.run_tick()
    }
}

impl Driver<Run> {
    /// `Run::start_recording`: the run at the end of tick 0, with tick 0's record.
    pub fn start(scenario: Scenario) -> Result<Self, ScenarioError> {
        let (run, first) = Run::start_recording(scenario)?;
        let mut driver = Driver::new(run);
        driver.records.push(first);
        Ok(driver)
    }

    /// `Run::act`: the line runs at the next tick, which is played and recorded.
    pub fn act(&mut self, line: &str, stdin: Option<&str>) -> (ActionResult, TickRecord) {
        let (result, record) = self.subject.act(line, stdin);
        self.records.push(record.clone());
        (result, record)
    }

    /// Plays the ticks left up to the scenario's duration.
    pub fn drive_to_end(&mut self) {
        let left = self.subject.scenario().duration - self.subject.tick();
        self.drive_for(left);
    }
}

impl<P> Deref for Driver<P> {
    type Target = P;

    fn deref(&self) -> &P {
        &self.subject
    }
}

impl<P> DerefMut for Driver<P> {
    fn deref_mut(&mut self) -> &mut P {
        &mut self.subject
    }
}
