//! `Timeline`: a scenario played with its past kept at hand, so that the time bar can go back to
//! any tick already reached, show it exactly, and continue from there under a new action.
//!
//! Glossary:
//! - **horizon**: the furthest tick reached on the current timeline (the scrubber's end). A
//!   command that changes the cluster, run at an earlier tick, makes the next tick the horizon:
//!   the later future is gone (`discards` says how much first). A command that only reads
//!   (`kubectl get`, `describe`, ...) runs against the tick shown and changes nothing.
//! - **checkpoint**: a copy of the `Run` at a tick, kept every `CHECKPOINT_EVERY` ticks (the
//!   spacing doubles whenever more than `MAX_CHECKPOINTS` would be kept, so memory stays bounded
//!   on long runs). The checkpoint of tick 0 is never dropped, so going back always restores one
//!   and plays forward from it: replaying from the start is restoring tick 0.
//! - **journal**: whatever the caller gathers from each tick it is shown (the browser's chart
//!   samples and event and decision logs; a test's trace lines). The timeline feeds it every
//!   `TickRecord` it plays, and on a seek back puts it back as it was at the checkpoint restored
//!   before replaying, so that after any seek it equals the journal of a fresh replay.
//! - **eventful tick**: a tick that did something (an event, a controller decision or an
//!   action). The timeline keeps their numbers up to the horizon, so that `next_event` can jump
//!   through the history already played without replaying it tick by tick.
//! - **the end of the day**: `MAX_DURATION`, the longest a scenario may last. Nothing plays past
//!   it, neither a step nor an action, so that the scenario of a timeline always opens again.
//!
//! Why a journal with a `Mark` rather than handing the records back, or cloning the journal into
//! each checkpoint: what is gathered per tick must be restored together with the run, which only
//! the timeline knows how to do; and a journal that grows with time (one chart sample per tick)
//! need not be copied into every checkpoint, it only forgets the ticks after the one restored,
//! while one that keeps the newest N (the logs) marks what it had.
//!
//! Everything here is deterministic: a seek, whichever way it goes, gives the state of playing
//! the scenario from tick 0, byte for byte.

use crate::engine::Simulation;

use super::{effect, query, ActionResult, Run, Scenario, ScenarioError, TickRecord, MAX_DURATION};
use crate::kubectl::Effect;

/// Keep a checkpoint every this many ticks (until there are too many: see `MAX_CHECKPOINTS`).
pub const CHECKPOINT_EVERY: i64 = 50;
/// The most checkpoints kept: past it, the spacing doubles and every other one goes.
pub const MAX_CHECKPOINTS: usize = 32;

/// What a timeline's caller gathers from the ticks it plays.
pub trait Journal {
    /// What a checkpoint keeps of the journal to put it back as it was at the checkpoint's tick.
    type Mark: Clone;

    /// Takes in one tick just played: what it did, and the simulation at its end.
    fn absorb(&mut self, sim: &Simulation, record: TickRecord);

    /// What `rewind` needs to come back to the journal as it is now.
    fn mark(&self) -> Self::Mark;

    /// Puts the journal back as it was at the end of tick `tick`, when `mark` was taken:
    /// everything absorbed after it is forgotten.
    fn rewind(&mut self, tick: i64, mark: &Self::Mark);
}

/// No journal: a timeline that only plays and seeks.
impl Journal for () {
    type Mark = ();
    fn absorb(&mut self, _: &Simulation, _: TickRecord) {}
    fn mark(&self) {}
    fn rewind(&mut self, _: i64, _: &()) {}
}

/// The history a command would throw away: the ticks after `from` up to `to`, the horizon,
/// which a new tick `from + 1` replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discard {
    /// The tick shown, where the new future starts.
    pub from: i64,
    /// The horizon, the end of the future discarded.
    pub to: i64,
}

impl Discard {
    /// How many simulated seconds are lost.
    pub fn seconds(&self) -> i64 {
        self.to - self.from
    }
}

/// The run and the journal's mark at one tick.
#[derive(Clone)]
struct Checkpoint<M> {
    run: Run,
    mark: M,
}

/// A scenario being played with seeking back and forth (the browser's time bar). The state
/// shown is the end of tick `tick()`.
pub struct Timeline<J: Journal> {
    run: Run,
    journal: J,
    /// Oldest first; never empty (tick 0 is always kept).
    checkpoints: Vec<Checkpoint<J::Mark>>,
    /// The current spacing of checkpoints, `CHECKPOINT_EVERY` doubled as often as needed.
    every: i64,
    horizon: i64,
    played: u64,
    /// The eventful ticks up to the horizon, in order.
    eventful: Vec<i64>,
}

impl<J: Journal> Timeline<J> {
    /// Starts `scenario` (its manifests and the actions of tick 0) and plays it up to `tick`
    /// (or the end of the day), feeding `journal` every tick on the way.
    pub fn start(scenario: Scenario, journal: J, tick: i64) -> Result<Timeline<J>, ScenarioError> {
        let (run, first) = Run::start_recording(scenario)?;
        let mut timeline = Timeline {
            run,
            journal,
            checkpoints: Vec::new(),
            every: CHECKPOINT_EVERY,
            horizon: 0,
            played: 0,
            eventful: Vec::new(),
        };
        timeline.played(first);
        timeline.play_to(tick);
        Ok(timeline)
    }

    /// The tick whose end state is shown.
    pub fn tick(&self) -> i64 {
        self.run.tick()
    }

    pub fn sim(&self) -> &Simulation {
        self.run.sim()
    }

    /// The scenario of this timeline, with every action so far.
    pub fn scenario(&self) -> &Scenario {
        self.run.scenario()
    }

    pub fn journal(&self) -> &J {
        &self.journal
    }

    /// The furthest tick reached on this timeline: `seek` goes anywhere from 0 to it.
    pub fn horizon(&self) -> i64 {
        self.horizon
    }

    /// The ticks of the checkpoints kept, oldest first.
    pub fn checkpoints(&self) -> impl Iterator<Item = i64> + '_ {
        self.checkpoints.iter().map(|c| c.run.tick())
    }

    /// How many ticks have been played since `start`, tick 0 and replays included (restoring a
    /// checkpoint plays none): what seeking has cost.
    pub fn ticks_played(&self) -> u64 {
        self.played
    }

    /// Whether the timeline has reached the end of the simulated day (`MAX_DURATION`), past
    /// which nothing plays.
    pub fn ended(&self) -> bool {
        self.run.tick() >= MAX_DURATION
    }

    /// Plays the next tick; false, playing nothing, at the end of the day.
    pub fn step(&mut self) -> bool {
        if self.ended() {
            return false;
        }
        let record = self.run.step();
        self.played(record);
        true
    }

    /// Plays on, tick by tick, up to tick `t` or the end of the day (nothing when the timeline
    /// is there or past it); beyond the horizon, the horizon moves with it.
    pub fn play_to(&mut self, t: i64) {
        while self.run.tick() < t && self.step() {}
    }

    /// Goes to tick `t` (clamped to 0..=horizon): forward by playing on, back by restoring the
    /// nearest checkpoint at or before `t` and playing from there.
    pub fn seek(&mut self, t: i64) {
        let t = t.clamp(0, self.horizon);
        if t < self.run.tick() {
            if let Some(checkpoint) = self.checkpoints.iter().rfind(|c| c.run.tick() <= t) {
                self.run = checkpoint.run.clone();
                self.journal.rewind(self.run.tick(), &checkpoint.mark);
            }
        }
        self.play_to(t);
    }

    /// Goes to the next eventful tick after the one shown, at most `limit` ticks on: through
    /// the history already played when it holds one (a seek: nothing forks), else by playing
    /// on from the horizon. The tick reached; `None` when nothing happened within `limit` ticks
    /// (the timeline is then `limit` ticks on, or at the horizon's end of the day).
    pub fn next_event(&mut self, limit: i64) -> Option<i64> {
        let last = self.run.tick().saturating_add(limit);
        let next = self.eventful.partition_point(|&t| t <= self.run.tick());
        if let Some(&t) = self.eventful.get(next) {
            self.seek(t.min(last));
            return (t <= last).then_some(t);
        }
        self.seek(last);
        while self.run.tick() < last && self.step() {
            if self.eventful.last() == Some(&self.run.tick()) {
                return Some(self.run.tick());
            }
        }
        None
    }

    /// What `act(line)` would discard of this timeline: `None` when nothing, because the line
    /// only reads (`scenario::effect`) or the tick shown is the horizon.
    pub fn discards(&self, line: &str) -> Option<Discard> {
        let (from, to) = (self.run.tick(), self.horizon);
        (from < to && effect(line) == Effect::Changes).then_some(Discard { from, to })
    }

    /// A user action (a kubectl line, or a fault verb).
    ///
    /// One that only reads (`scenario::effect`) runs against the tick shown, whatever it is: it
    /// is not recorded, plays no tick and leaves the horizon and the checkpoints as they were.
    ///
    /// One that changes the cluster is recorded at the next tick, which is then played. The
    /// timeline changes from that tick on: it becomes the horizon (what `discards` announced
    /// is gone), the checkpoints after the current tick are dropped, and the earlier ones
    /// continue under the new scenario (which agrees with theirs up to now), so seeking back
    /// does not replay from tick 0. At the end of the day there is no next tick: such an
    /// action is refused and nothing changes.
    pub fn act(&mut self, line: &str, stdin: Option<&str>) -> ActionResult {
        if let Some(result) = query(self.run.sim(), line) {
            return result;
        }
        if self.ended() {
            return ActionResult {
                run: line.to_string(),
                ok: false,
                output: format!(
                    "error: the simulated day has ended: a scenario lasts at most {MAX_DURATION} seconds\n"
                ),
                deferred: false,
            };
        }
        let now = self.run.tick();
        let (result, record) = self.run.act(line, stdin);
        self.checkpoints.retain(|c| c.run.tick() <= now);
        self.eventful.retain(|&t| t <= now);
        let scenario = self.run.scenario();
        for checkpoint in &mut self.checkpoints {
            checkpoint.run.continue_as(scenario);
        }
        self.horizon = now;
        self.played(record);
        result
    }

    /// After each tick played: the journal takes it in, the horizon moves, an eventful tick
    /// is noted, and a checkpoint is kept when the tick falls on the spacing.
    fn played(&mut self, record: TickRecord) {
        self.played += 1;
        let tick = self.run.tick();
        let eventful =
            !(record.events.is_empty() && record.decisions.is_empty() && record.actions.is_empty());
        if eventful && self.eventful.last().is_none_or(|&t| t < tick) {
            self.eventful.push(tick);
        }
        self.journal.absorb(self.run.sim(), record);
        self.horizon = self.horizon.max(tick);
        if tick % self.every == 0 && self.checkpoints.last().is_none_or(|c| c.run.tick() < tick) {
            self.checkpoints.push(Checkpoint {
                run: self.run.clone(),
                mark: self.journal.mark(),
            });
            if self.checkpoints.len() > MAX_CHECKPOINTS {
                self.every *= 2;
                let every = self.every;
                self.checkpoints.retain(|c| c.run.tick() % every == 0);
            }
        }
    }
}
