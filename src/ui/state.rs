//! The app state and its reducer: all of the front end's domain logic.
//!
//! `State` holds what only the page has (speed, playing, the Deployment picked, the pod
//! selected, the tab open, the console, a command waiting to be confirmed, the notice,
//! presenter mode, the shortcuts' help, a returning visitor's question, and what the last jump
//! in time changed) and the scenario being played as a `scenario::Timeline`, whose journal
//! (`Gathered`) is what the page gathers while playing: each Deployment's per-tick samples for
//! the chart and the event and decision logs (each decision in its story, `Telling`).
//! `refresh` also writes the narration.
//! Every change is an `Action` handled by `State::reduce`, which asks the timeline to play, act
//! or seek, and rebuilds the `View` the components draw. `request` is the one place a command
//! is decided on: a command that would discard history waits for `Confirm` (see `Pending`).
//! The reducer does no I/O: the play timer, localStorage and the address bar live in `app`.
//!
//! The timeline sits behind one `Rc<RefCell<_>>` shared by successive states: cloning a
//! simulation of a thousand pods on every tick would cost more than the tick itself. The reducer
//! is its only writer; components only see the `View` and the logs, which are rebuilt after each
//! change.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use yew::Reducible;

use super::tabs::Tab;
use super::view::{fenceposts, key_of, View};
use crate::engine::sorting::ListMap;
use crate::engine::{Decision, Deployment, EventType, ObjectRef, Reason, Simulation, Source};
use crate::kubectl::complete::{complete, Completion, Names};
use crate::narration::{Narration, Story};
use crate::reader::{Key, ToReader};
use crate::scenario::moment::Moment;
use crate::scenario::{
    Action as Scripted, Discard, Journal, Scenario, ScenarioError, TickRecord, Timeline,
    MAX_DURATION,
};

/// The slowest and fastest play speeds (simulated seconds per wall-clock second).
pub const MIN_SPEED: f64 = 0.5;
pub const MAX_SPEED: f64 = 50.0;

/// The speeds the speed picker offers.
pub const SPEEDS: [f64; 7] = [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0];

/// The most ticks "Next event" plays or skips looking for something that happens.
pub const NEXT_EVENT_LIMIT: i64 = 600;

/// How many events and decisions the logs keep (newest first).
const LOG_LIMIT: usize = 200;

/// How many commands the console keeps.
const CONSOLE_LIMIT: usize = 100;

/// The most points the chart draws; longer histories are thinned evenly.
const CHART_POINTS: usize = 400;

/// Clamps a speed into the supported range.
pub fn clamp_speed(speed: f64) -> f64 {
    if speed.is_finite() {
        speed.clamp(MIN_SPEED, MAX_SPEED)
    } else {
        1.0
    }
}

/// The numbers the chart plots for one Deployment at one tick, read from its spec and status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sample {
    pub t: i64,
    /// `spec.replicas`.
    pub desired: i32,
    /// `status.updatedReplicas`.
    pub updated: i32,
    /// `status.readyReplicas`.
    pub ready: i32,
    /// `status.availableReplicas`.
    pub available: i32,
    /// The Deployment's pods that are not terminating (`status.replicas`): what the surge
    /// ceiling bounds.
    pub pods: i32,
    /// Its pods being deleted (`status.terminatingReplicas`), which no fencepost counts.
    pub terminating: i32,
    /// replicas + maxSurge.
    pub ceiling: i32,
    /// replicas - maxUnavailable.
    pub floor: i32,
    /// Requests per second offered to its Services, and those that failed (`ServiceLoad`).
    pub offered: i64,
    pub failed: i64,
    /// Its HPA's CPU utilization (percent of request, as of its last sync) and target.
    pub utilization: Option<i32>,
    pub target: Option<i32>,
}

impl Sample {
    fn of(t: i64, d: &Deployment, sim: &Simulation) -> Sample {
        let (ceiling, floor) = fenceposts(d);
        let (mut offered, mut failed) = (0, 0);
        for s in sim.services_of(d) {
            if let Some(l) = sim.service_load(&s.metadata.namespace, &s.metadata.name) {
                offered += l.offered;
                failed += l.failed;
            }
        }
        let hpa = sim.autoscaler_of(d);
        Sample {
            offered,
            failed,
            utilization: hpa
                .and_then(|h| h.status.current_metrics.first())
                .map(|m| m.average_utilization),
            target: hpa
                .and_then(|h| h.spec.metrics.first())
                .map(|m| m.average_utilization),
            t,
            desired: d.spec.replicas,
            updated: d.status.updated_replicas,
            ready: d.status.ready_replicas,
            available: d.status.available_replicas,
            pods: d.status.replicas,
            terminating: d.status.terminating_replicas,
            ceiling,
            floor,
        }
    }
}

/// A moment the cluster was changed: an action of the scenario (scripted or the user's) that
/// asks for a change (`scenario::change_label`) and was not refused; reads leave no mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub t: i64,
    /// `scale 8`, `set image`, `undo` (`scenario::change_label`).
    pub label: String,
    /// The whole command line.
    pub command: String,
}

/// What the chart draws: the focused Deployment's samples up to the current tick (thinned; none
/// without a Deployment), and the moments the cluster was changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartData {
    pub samples: Vec<Sample>,
    pub marks: Vec<Mark>,
}

/// One line of the event log.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Position in the run's stream of events (a stable key for the log's rows).
    pub seq: u64,
    pub time: i64,
    pub event_type: EventType,
    pub reason: Reason,
    /// The `From` column.
    pub source: Source,
    pub object: ObjectRef,
    /// Rendered once, when the event is gathered (`Event::message`).
    pub message: String,
}

/// One controller decision with its reason and arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    /// Position in the run's stream of decisions (a stable key for the list's items).
    pub seq: u64,
    /// The story it belongs to: the `seq` of the decision that opened it.
    pub story: u64,
    /// What that story tells (`None`: no decision opened one yet).
    pub told: Option<Story>,
    pub decision: Decision,
    /// The decision in plain words (`crate::why::render`).
    pub text: String,
}

/// The story a Deployment's next decision joins (see `Story::opened_by`): a decision that opens
/// one starts it; a self-heal is a story of its own, after which the story it interrupted goes
/// on as a new one.
#[derive(Debug, Clone, Copy)]
struct Telling {
    id: u64,
    told: Option<Story>,
    since: i64,
    /// The latest story that is not a self-heal.
    main: Option<Story>,
}

/// One command the console shows, with kubectl's output: one the user ran, or one of the
/// scenario's actions (`scripted`), shown as it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsoleEntry {
    /// The tick the command ran at.
    pub tick: i64,
    /// Whether it is one of the scenario file's `actions`, rather than the user's.
    pub scripted: bool,
    pub command: String,
    /// What was piped to `kubectl apply -f -`.
    pub stdin: Option<String>,
    pub ok: bool,
    pub output: String,
    /// A command that reads, waiting for the reader to print it (`crate::reader`): `output` is
    /// empty until it answers.
    pub reader: Option<Key>,
}

/// How the app opens: the scenario, where in it, and how fast.
#[derive(Debug, Clone)]
pub struct Boot {
    /// What Reset returns to; `None`: the scenario itself.
    pub base: Option<Scenario>,
    pub scenario: Scenario,
    pub tick: i64,
    pub speed: f64,
    pub playing: bool,
    /// The tab open below the story area.
    pub tab: Tab,
    /// A message to show once (e.g. why a bad link was ignored).
    pub notice: Option<String>,
    /// Presenter mode (large type, the pods and the narration first).
    pub presenter: bool,
    /// A saved session of a returning visitor: opened paused, asking Resume or Start fresh.
    pub ask: bool,
}

/// A command to run as a user action: a kubectl line (or a fault verb such as
/// `fault node-down node-1`), with the text piped to `kubectl apply -f -`.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    pub line: String,
    pub stdin: Option<String>,
}

/// The ticks of one replay slice, for a cluster of `pods`: about 8 ms of work in the browser
/// (a tick of the default scenario takes some 70 µs, one of a thousand pods some 3 ms). Worked
/// out from the size, not timed, so that the reducer stays free of clocks.
fn replay_slice(pods: usize) -> i64 {
    const TICKS: usize = 120;
    (TICKS / (1 + pods / 20)).max(1) as i64
}

impl Action {
    /// Whether a replay goes on through this action: those that neither act on the timeline
    /// nor show another tick (a tab, a pod, the speed, playing once the replay is over).
    fn keeps_replay(&self) -> bool {
        matches!(
            self,
            Action::Replay
                | Action::Tick(_)
                | Action::SaveFailed
                | Action::SetPlaying(_)
                | Action::SetSpeed(_)
                | Action::SelectPod(_)
                | Action::SetGroupByNode(_)
                | Action::SelectTab(_)
                | Action::DismissNotice
                | Action::DismissDiff
                | Action::SetPresenter(_)
                | Action::ShowHelp(_)
                | Action::Key(_)
                | Action::Resume(true)
                | Action::Answered { .. }
                | Action::ReaderFailed
        )
    }
}

impl Command {
    /// A command line without stdin.
    pub fn line(line: impl Into<String>) -> Command {
        Command {
            line: line.into(),
            stdin: None,
        }
    }
}

/// A command that would discard the future of the timeline (it changes the cluster, and the
/// tick shown is behind the horizon), waiting for the user to run it anyway or cancel.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub command: Command,
    /// Whether it is the YAML editor's Apply, whose result the editor shows too.
    pub from_editor: bool,
    pub discard: Discard,
}

impl Pending {
    /// What the console asks before running it.
    pub fn question(&self) -> String {
        let Discard { from, to } = self.discard;
        format!(
            "This discards {} s of history (t={from}s to t={to}s). Run it anyway?",
            self.discard.seconds()
        )
    }
}

/// Everything that changes the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The play timer fired: play this many ticks (ignored while paused or replaying). Playing
    /// stops at the end of the simulated day (`Timeline::ended`), with a notice.
    Tick(u32),
    /// Play the next slice of the replay to the tick the page opened at (`replaying`): a few
    /// milliseconds of work (`replay_slice`); the page shows that tick once it is reached.
    /// Every action that acts on the timeline or shows a tick ends the replay first, at the
    /// tick it reached (`Action::keeps_replay`).
    Replay,
    /// The session could not be saved (the browser's storage is full or turned off): said once.
    SaveFailed,
    /// Play exactly one tick, and pause (at the end of the day: nothing, and a notice).
    Step,
    SetPlaying(bool),
    SetSpeed(f64),
    /// Go to an earlier (or later, up to the furthest reached) tick (`Timeline::seek`).
    Seek(i64),
    /// Start over from the scenario as it was opened.
    Reset,
    /// Open another scenario, paused at t = 0 (Reset then returns to it).
    Open(Box<Scenario>),
    /// A user action: shown in the console with kubectl's output (refused at the end of the
    /// day, with a notice). One that only reads runs against the tick shown; one that changes
    /// the cluster while the tick shown is behind the horizon waits for `Confirm` (`pending`).
    Run(Command),
    /// `Run(first)`, and `then` once `after` more seconds have played (a preset load shape
    /// such as a lunch rush: up now, down later). Acting again before then, a seek back, Reset
    /// and Open forget `then`.
    RunThen {
        first: Command,
        then: Command,
        after: i64,
    },
    /// The YAML editor's Apply: `kubectl apply -f -` with this text (waiting like `Run`).
    Apply(String),
    /// Run the pending command, discarding the future it would discard.
    Confirm,
    /// Forget the pending command: the timeline stays as it is.
    Cancel,
    SelectPod(Option<String>),
    /// Points the controls, history, conditions, chart and YAML editor at another Deployment
    /// (`namespace/name`).
    Focus(String),
    SetGroupByNode(bool),
    /// Opens a tab below the story area.
    SelectTab(Tab),
    DismissNotice,
    /// Jump to the next tick that does something (`Timeline::next_event`, at most
    /// `NEXT_EVENT_LIMIT` ticks on), and pause; a notice says so when nothing came.
    NextEvent,
    /// Forget the diff shown after a jump.
    DismissDiff,
    SetPresenter(bool),
    /// Show or hide the keyboard shortcuts.
    ShowHelp(bool),
    /// A key pressed outside text fields: what it does, if anything (`shortcuts::action`).
    Key(String),
    /// The returning visitor's answer: resume the saved session (true), or start the default
    /// scenario afresh (false).
    Resume(bool),
    /// The reader printed what a command that reads shows (`crate::reader`).
    Answered {
        key: Key,
        ok: bool,
        output: String,
    },
    /// The reader could not be loaded (or stopped): what waits for it says so.
    ReaderFailed,
}

/// What the app gathers from each tick it shows, kept by the `Timeline` as its journal (and put
/// back as it was on a seek back): each Deployment's chart samples, the event and decision
/// logs, and the console entries of the scenario's own actions.
#[derive(Default)]
struct Gathered {
    /// The page's number for the scenario opened (`State::run`).
    run: u32,
    /// The actions of the scenario as opened: an action played is the scenario's (rather than
    /// one the user added) when it is the one at the same position, tick and line.
    script: Rc<[Scripted]>,
    /// How many actions have been played (the position of the next).
    played: usize,
    /// The scenario's `traffic:` entries as opened, and how many have been played: they run
    /// before the actions of their tick, so they are told apart from the actions first.
    traffic: Rc<[crate::scenario::TrafficEntry]>,
    traffic_played: usize,
    /// The tick of the user's last change of the cluster (0: none yet).
    changed_at: i64,
    /// For each Deployment (`namespace/name`), the requests its Services failed since then.
    failed_since: ListMap<String, i64>,
    /// The scenario's actions played so far, oldest first.
    scripted: Vec<ConsoleEntry>,
    /// For each Deployment (`namespace/name`), one sample per tick it existed, up to the
    /// current one.
    samples: ListMap<String, Vec<Sample>>,
    events: VecDeque<EventRow>,
    decisions: VecDeque<DecisionRow>,
    /// Each Deployment's story (`namespace/name`).
    stories: ListMap<String, Telling>,
    /// How many events and decisions have been gathered (the next `seq`).
    seq: u64,
    /// The actions that changed the cluster, oldest first.
    marks: Vec<Mark>,
}

/// The logs as they were at a checkpoint (the samples need no copy: a rewind drops the later
/// ones).
#[derive(Clone)]
struct LogsMark {
    events: VecDeque<EventRow>,
    decisions: VecDeque<DecisionRow>,
    stories: ListMap<String, Telling>,
    seq: u64,
    played: usize,
    traffic_played: usize,
    scripted: usize,
    changed_at: i64,
    failed_since: ListMap<String, i64>,
}

impl Journal for Gathered {
    type Mark = LogsMark;

    /// Keeps what one tick reported, and samples every Deployment at its end.
    fn absorb(&mut self, sim: &Simulation, record: TickRecord) {
        for (nth, result) in record.actions.into_iter().enumerate() {
            if let Some(label) = crate::scenario::change_label(&result.run).filter(|_| result.ok) {
                self.marks.push(Mark {
                    t: record.t,
                    label,
                    command: result.run.clone(),
                });
            }
            let entry = self.traffic.get(self.traffic_played);
            if entry.is_some_and(|e| e.at == record.t && e.line() == result.run) {
                self.traffic_played += 1;
                self.scripted.push(ConsoleEntry {
                    tick: record.t,
                    scripted: true,
                    command: result.run,
                    stdin: None,
                    ok: result.ok,
                    output: result.output,
                    reader: None,
                });
                continue;
            }
            let script = self.script.get(self.played);
            self.played += 1;
            let scripted = script.filter(|a| a.at == record.t && a.run == result.run);
            if scripted.is_none()
                && result.ok
                && crate::scenario::change_label(&result.run).is_some()
            {
                self.changed_at = record.t;
                self.failed_since = ListMap::default();
            }
            if let Some(action) = scripted {
                self.scripted.push(ConsoleEntry {
                    tick: record.t,
                    scripted: true,
                    command: result.run,
                    stdin: action.stdin.clone(),
                    ok: result.ok,
                    output: result.output,
                    reader: result.deferred.then_some(Key::Action {
                        run: self.run,
                        tick: record.t,
                        nth,
                    }),
                });
            }
        }
        for e in record.events {
            self.seq += 1;
            self.events.push_front(EventRow {
                seq: self.seq,
                time: e.time,
                event_type: e.event_type(),
                reason: e.reason(),
                source: e.source(),
                message: e.message().to_string(),
                object: e.object,
            });
        }
        self.events.truncate(LOG_LIMIT);
        for d in record.decisions {
            self.seq += 1;
            let seq = self.seq;
            let fresh = Telling {
                id: seq,
                told: None,
                since: d.time,
                main: None,
            };
            let t = self
                .stories
                .or_insert(key_of(&d.namespace, &d.deployment), fresh);
            match Story::opened_by(&d.step) {
                Some(story) => {
                    let main = if story == Story::SelfHealed {
                        t.main
                    } else {
                        Some(story)
                    };
                    *t = Telling {
                        told: Some(story),
                        main,
                        ..fresh
                    };
                }
                None if t.told == Some(Story::SelfHealed) && d.time > t.since => {
                    *t = Telling {
                        told: t.main,
                        main: t.main,
                        ..fresh
                    };
                }
                None => {}
            }
            let (story, told) = (t.id, t.told);
            self.decisions.push_front(DecisionRow {
                seq,
                story,
                told,
                text: crate::why::render(&d.step),
                decision: d,
            });
        }
        self.decisions.truncate(LOG_LIMIT);
        let t = sim.now();
        for d in sim.deployments() {
            let key = key_of(&d.metadata.namespace, &d.metadata.name);
            let sample = Sample::of(t, d, sim);
            if sample.failed > 0 {
                *self.failed_since.entry(key.clone()) += sample.failed;
            }
            self.samples.entry(key).push(sample);
        }
    }

    fn mark(&self) -> LogsMark {
        LogsMark {
            events: self.events.clone(),
            decisions: self.decisions.clone(),
            stories: self.stories.clone(),
            seq: self.seq,
            played: self.played,
            traffic_played: self.traffic_played,
            scripted: self.scripted.len(),
            changed_at: self.changed_at,
            failed_since: self.failed_since.clone(),
        }
    }

    fn rewind(&mut self, tick: i64, mark: &LogsMark) {
        self.events.clone_from(&mark.events);
        self.decisions.clone_from(&mark.decisions);
        self.stories.clone_from(&mark.stories);
        self.seq = mark.seq;
        self.played = mark.played;
        self.traffic_played = mark.traffic_played;
        self.scripted.truncate(mark.scripted);
        self.changed_at = mark.changed_at;
        self.failed_since.clone_from(&mark.failed_since);
        self.marks.retain(|m| m.t <= tick);
        self.samples.retain(|_, series| {
            series.retain(|s| s.t <= tick);
            !series.is_empty()
        });
    }
}

impl Gathered {
    /// The chart of the Deployment `focus` (`namespace/name`), with the moments the cluster
    /// was changed.
    fn chart(&self, focus: Option<&str>) -> ChartData {
        let series: &[Sample] = focus
            .and_then(|key| self.samples.get(key))
            .map_or(&[], Vec::as_slice);
        let stride = series.len().div_ceil(CHART_POINTS).max(1);
        let mut samples: Vec<Sample> = series.iter().step_by(stride).copied().collect();
        if let Some(last) = series.last() {
            if samples.last() != Some(last) {
                samples.push(*last);
            }
        }
        ChartData {
            samples,
            marks: self.marks.clone(),
        }
    }
}

/// The scenario being played, seekable, with what was gathered from it.
type Played = Timeline<Gathered>;

/// Plays `scenario` from tick 0 up to `tick`, gathering samples and logs on the way; `base` is
/// the scenario as opened, whose actions the console shows as the scenario's; `run` numbers it.
fn replay(
    scenario: Scenario,
    base: &Scenario,
    tick: i64,
    run: u32,
) -> Result<Played, ScenarioError> {
    let gathered = Gathered {
        run,
        script: base.actions.clone().into(),
        traffic: base.traffic.clone().into(),
        ..Gathered::default()
    };
    Timeline::start(scenario, gathered, tick)
}

/// The console's entries: the user's, oldest first, with the scenario's own placed before the
/// first of the user's that ran at a later tick, and what the reader printed for them filled in.
fn merged(
    typed: &[ConsoleEntry],
    scripted: &[ConsoleEntry],
    printed: &ListMap<Key, Option<(bool, String)>>,
) -> Vec<ConsoleEntry> {
    let mut all = Vec::with_capacity(typed.len() + scripted.len());
    let mut script = scripted.iter().map(|s| filled(s, printed)).peekable();
    for entry in typed {
        while let Some(s) = script.next_if(|s| s.tick <= entry.tick) {
            all.push(s);
        }
        all.push(entry.clone());
    }
    all.extend(script);
    all
}

/// A scenario's entry with the reader's answer, when it has come.
fn filled(entry: &ConsoleEntry, printed: &ListMap<Key, Option<(bool, String)>>) -> ConsoleEntry {
    let mut entry = entry.clone();
    if let Some(Some((ok, output))) = entry.reader.and_then(|key| printed.get(&key)) {
        entry.ok = *ok;
        entry.output.clone_from(output);
        entry.reader = None;
    }
    entry
}

/// What the page has for the reader to print and has not sent yet: each with the session (the
/// scenario's YAML) it is about. Shared by successive states, like the timeline; `app` sends it.
pub type Outbox = Rc<RefCell<Vec<(Rc<str>, ToReader)>>>;

/// The whole app state.
#[derive(Clone)]
pub struct State {
    timeline: Rc<RefCell<Played>>,
    /// The tick a link or saved session opened at, while the timeline is still being played up
    /// to it (in slices, one per animation frame: `Action::Replay`); `None` once there.
    replay_to: Option<i64>,
    /// Whether saving the session failed once already (it is said once).
    save_failed: bool,
    /// The scenario as opened: what Reset returns to.
    base: Rc<Scenario>,
    /// What the cluster view, tables and controls draw.
    pub view: Rc<View>,
    pub chart: Rc<ChartData>,
    /// Newest first.
    pub events: Rc<Vec<EventRow>>,
    /// Newest first.
    pub decisions: Rc<Vec<DecisionRow>>,
    /// What is happening now to the focused Deployment, in one line (`Narration`).
    pub narration: Rc<str>,
    /// What the console shows, oldest first: the user's commands and the scenario's actions
    /// played so far (which follow the timeline: a seek back removes the later ones).
    pub console: Rc<Vec<ConsoleEntry>>,
    /// The user's commands, oldest first.
    typed: Rc<Vec<ConsoleEntry>>,
    /// How many of the scenario's actions `console` holds (`None`: to be rebuilt).
    scripted_shown: Option<usize>,
    /// The page's number for the scenario opened (one more at each Open, Reset or fresh
    /// start), so that an answer about an earlier one is dropped.
    run: u32,
    /// The number of the user's latest command that reads.
    asked: u32,
    /// The scenario's own reads asked of the reader (`None`) or answered, this run.
    printed: Rc<ListMap<Key, Option<(bool, String)>>>,
    /// What is to be sent to the reader.
    outbox: Outbox,
    /// The reader could not be loaded: what waits for it says so.
    pub reader_failed: bool,
    /// The commands typed or issued, oldest first, for ArrowUp/ArrowDown recall.
    pub commands: Rc<Vec<String>>,
    /// The result of the YAML editor's last Apply.
    pub applied: Option<Rc<ConsoleEntry>>,
    /// A command waiting to be confirmed, because it would discard history.
    pub pending: Option<Rc<Pending>>,
    /// The furthest tick reached on the current timeline (the scrubber's end).
    pub horizon: i64,
    pub playing: bool,
    pub speed: f64,
    pub group_by_node: bool,
    /// The tab open below the story area (saved with the session).
    pub tab: Tab,
    /// The selected pod's `namespace/name`.
    pub selected_pod: Option<String>,
    /// The Deployment the controls act on, as picked (`namespace/name`); the first when `None`
    /// or when it does not exist.
    pub focus: Option<String>,
    pub notice: Option<String>,
    /// The scenario with every action so far, as YAML (what is saved and shared).
    pub scenario_yaml: Rc<str>,
    /// The scenario as opened, as YAML (saved, so that Reset after a reload still returns to it).
    pub base_yaml: Rc<str>,
    pub presenter: bool,
    /// The keyboard shortcuts are shown.
    pub help: bool,
    /// A returning visitor is being asked whether to resume: `Some(playing)`, whether the saved
    /// session was playing (it waits paused until answered).
    pub asking: Option<bool>,
    /// What changed across the last jump in time (a seek or "Next event"), in plain words.
    pub moved: Option<yew::AttrValue>,
    /// A command to run when the tick before `.0` has played (the second half of a load shape).
    pub later: Option<(i64, Command)>,
    /// The focused Deployment's failed requests since the user's last change, and that
    /// change's tick (0: none yet).
    pub failed_since: (i64, i64),
}

impl State {
    /// Opens a scenario at a tick. A scenario that cannot be played falls back to the default,
    /// with a notice saying why.
    pub fn boot(boot: Boot) -> State {
        let speed = clamp_speed(boot.speed);
        let base = boot.base.unwrap_or_else(|| boot.scenario.clone());
        // Opened at tick 0 and played up to `boot.tick` in slices: a link at t=86400 must not
        // freeze the page for the seconds a simulated day takes to play.
        let (timeline, base, notice) = match replay(boot.scenario, &base, 0, 0) {
            Ok(timeline) => (timeline, base, boot.notice),
            Err(e) => {
                let fallback = Scenario::default_web();
                // Display, not expect's Debug, which the browser would link for this alone
                let timeline = replay(fallback.clone(), &fallback, 0, 0).unwrap_or_else(|e| {
                    panic!("the built-in default scenario always starts, but: {e}")
                });
                (
                    timeline,
                    fallback,
                    Some(format!(
                        "The saved scenario could not be played ({e}); showing the default."
                    )),
                )
            }
        };
        let horizon = timeline.horizon();
        let base_yaml = Rc::from(base.to_yaml());
        let mut state = State {
            timeline: Rc::new(RefCell::new(timeline)),
            replay_to: (boot.tick > 0).then_some(boot.tick),
            save_failed: false,
            base: Rc::new(base),
            view: Rc::default(),
            chart: Rc::default(),
            events: Rc::default(),
            decisions: Rc::default(),
            narration: Rc::from(""),
            console: Rc::default(),
            typed: Rc::default(),
            scripted_shown: None,
            run: 0,
            asked: 0,
            printed: Rc::default(),
            outbox: Rc::default(),
            reader_failed: false,
            commands: Rc::default(),
            applied: None,
            pending: None,
            horizon,
            playing: boot.playing && !boot.ask,
            speed,
            group_by_node: false,
            tab: boot.tab,
            selected_pod: None,
            focus: None,
            notice,
            scenario_yaml: Rc::from(""),
            base_yaml,
            presenter: boot.presenter,
            help: false,
            asking: boot.ask.then_some(boot.playing),
            moved: None,
            later: None,
            failed_since: (0, 0),
        };
        state.refresh(true);
        state
    }

    /// The current tick.
    pub fn tick(&self) -> i64 {
        self.view.tick
    }

    /// While the page replays up to the tick it opened at: the tick reached and that tick.
    pub fn replaying(&self) -> Option<(i64, i64)> {
        self.replay_to.map(|to| (self.timeline.borrow().tick(), to))
    }

    /// The tick to save: the one shown, or the one a replay is going to.
    pub fn tick_to_keep(&self) -> i64 {
        self.replay_to.unwrap_or(self.tick())
    }

    /// The title of the scenario as opened (`None` for the default and untitled files).
    pub fn title(&self) -> Option<&str> {
        self.base.title.as_deref()
    }

    /// What Tab does to the console's `line` with the cursor at `cursor`, from the names the
    /// tick shown holds (`kubectl::complete`).
    pub fn complete(&self, line: &str, cursor: usize) -> Option<Completion> {
        complete(line, cursor, &Names::of(self.timeline.borrow().sim()))
    }

    /// A pod's CPU at the last tick and its CPU request, in millicores (`None`: no such pod, or
    /// it is not Running, so it has no figure).
    pub fn pod_cpu(&self, key: &str) -> Option<(i64, i64)> {
        let (namespace, name) = key.split_once('/')?;
        let timeline = self.timeline.borrow();
        let pod = timeline.sim().pod(namespace, name)?;
        let used = timeline.sim().usage().cpu_millis.get(&pod.metadata.uid)?;
        Some((*used, pod.requests.cpu_millis))
    }

    /// Rebuilds what the components draw from the timeline (and the scenario's YAML when it
    /// may have changed).
    fn refresh(&mut self, scenario_changed: bool) {
        let timeline = self.timeline.borrow();
        let gathered = timeline.journal();
        self.view = Rc::new(View::of(
            timeline.sim(),
            self.focus.as_deref(),
            &self.view.pods,
        ));
        self.chart = Rc::new(gathered.chart(self.view.focus.as_ref().map(|f| f.key.as_str())));
        self.events = Rc::new(gathered.events.iter().take(100).cloned().collect());
        self.decisions = Rc::new(gathered.decisions.iter().take(100).cloned().collect());
        let focus = self.view.focus.as_ref().and_then(|f| f.key.split_once('/'));
        let recent = gathered.decisions.iter().map(|r| &r.decision);
        self.narration = Rc::from(Narration::of(timeline.sim(), focus, recent).to_string());
        let failed = self
            .view
            .focus
            .as_ref()
            .and_then(|f| gathered.failed_since.get(&f.key));
        self.failed_since = (failed.copied().unwrap_or(0), gathered.changed_at);
        if scenario_changed {
            self.scenario_yaml = Rc::from(timeline.scenario().to_yaml());
        }
        self.horizon = timeline.horizon();
        if self.scripted_shown != Some(gathered.scripted.len()) {
            let unasked: Vec<Key> = gathered
                .scripted
                .iter()
                .filter_map(|e| e.reader)
                .filter(|key| self.printed.get(key).is_none())
                .collect();
            if !unasked.is_empty() {
                let printed = Rc::make_mut(&mut self.printed);
                let mut outbox = self.outbox.borrow_mut();
                for key in unasked {
                    printed.insert(key, None);
                    if let Key::Action { run, tick, nth } = key {
                        let ask = ToReader::Action { run, tick, nth };
                        outbox.push((self.scenario_yaml.clone(), ask));
                    }
                }
            }
            self.console = Rc::new(merged(&self.typed, &gathered.scripted, &self.printed));
            self.scripted_shown = Some(gathered.scripted.len());
        }
        if let Some(selected) = &self.selected_pod {
            if !self.view.pods.iter().any(|p| &p.key == selected) {
                self.selected_pod = None;
            }
        }
    }

    /// What is to be sent to the reader, taken out (`app` sends it after each render).
    pub fn take_asks(&self) -> Vec<(Rc<str>, ToReader)> {
        std::mem::take(&mut *self.outbox.borrow_mut())
    }

    /// The console's entries again, after an answer from the reader.
    fn rebuild_console(&mut self) {
        let timeline = self.timeline.borrow();
        let scripted = &timeline.journal().scripted;
        self.console = Rc::new(merged(&self.typed, scripted, &self.printed));
    }

    /// The one place a command from the console, the controls or the editor is decided on: it
    /// runs, unless it would discard history (`Timeline::discards`); then it waits, paused, for
    /// `Confirm` or `Cancel`.
    fn request(&mut self, command: Command, from_editor: bool) {
        let discard = self.timeline.borrow().discards(&command.line);
        match discard {
            Some(discard) => {
                self.playing = false;
                self.pending = Some(Rc::new(Pending {
                    command,
                    from_editor,
                    discard,
                }));
            }
            None => self.run_now(command, from_editor),
        }
    }

    fn run_now(&mut self, command: Command, from_editor: bool) {
        if crate::scenario::effect(&command.line) == crate::kubectl::Effect::Changes {
            self.later = None;
        }
        let entry = self.run_command(command.line, command.stdin);
        if from_editor {
            self.applied = Some(Rc::new(entry));
        }
        self.note_if_day_ended();
    }

    /// Runs a command through the timeline (`Timeline::act`: one that only reads answers from
    /// the tick shown; one that changes the cluster is recorded at the next tick, then played).
    fn run_command(&mut self, line: String, stdin: Option<String>) -> ConsoleEntry {
        let entry = {
            let mut timeline = self.timeline.borrow_mut();
            let result = timeline.act(&line, stdin.as_deref());
            let tick = timeline.tick();
            let reader = result.deferred.then(|| {
                self.asked += 1;
                let (id, line) = (self.asked, line.clone());
                let ask = ToReader::Line { id, tick, line };
                // a command that reads leaves the scenario as it was
                self.outbox
                    .borrow_mut()
                    .push((self.scenario_yaml.clone(), ask));
                Key::Line(id)
            });
            ConsoleEntry {
                tick,
                scripted: false,
                command: line.clone(),
                stdin,
                ok: result.ok,
                output: result.output,
                reader,
            }
        };
        let mut typed = (*self.typed).clone();
        typed.push(entry.clone());
        if typed.len() > CONSOLE_LIMIT {
            typed.remove(0);
        }
        self.typed = Rc::new(typed);
        self.scripted_shown = None;
        let mut commands = (*self.commands).clone();
        if commands.last() != Some(&line) {
            commands.push(line);
        }
        self.commands = Rc::new(commands);
        self.refresh(true);
        entry
    }

    /// Whether the timeline is at the end of the simulated day, past which nothing plays (a
    /// step does nothing, a command is refused); if so, the notice says so and how to go on.
    fn note_if_day_ended(&mut self) -> bool {
        let ended = self.timeline.borrow().ended();
        if ended {
            self.notice = Some(format!(
                "The simulated day has ended: a scenario lasts at most {MAX_DURATION} seconds. Reset starts over."
            ));
        }
        ended
    }

    /// Plays up to tick `to`, running the `later` command when its tick comes (it is
    /// recorded at the tick after the one shown, as every user action is).
    fn play_to(&mut self, to: i64) {
        if let Some((at, command)) = self.later.clone().filter(|(at, _)| *at <= to) {
            self.later = None;
            self.timeline.borrow_mut().play_to(at - 1);
            if self.timeline.borrow().tick() == at - 1 {
                self.run_command(command.line, command.stdin);
            }
        }
        self.timeline.borrow_mut().play_to(to);
    }

    /// Moves the time shown by `jump` (a seek or "Next event"), and says what changed.
    fn jump(&mut self, jump: impl FnOnce(&mut Played)) {
        let before = Moment::of(self.timeline.borrow().sim());
        jump(&mut self.timeline.borrow_mut());
        let diff = before.diff(&Moment::of(self.timeline.borrow().sim()));
        self.moved = Some(diff.to_string().into());
        self.pending = None;
        self.refresh(false);
    }

    /// Starts `scenario` over at tick 0; false, with a notice saying why, when it cannot be
    /// played.
    fn restart(&mut self, scenario: Scenario) -> bool {
        match replay(scenario.clone(), &scenario, 0, self.run + 1) {
            Ok(timeline) => {
                self.timeline = Rc::new(RefCell::new(timeline));
                // The views of another run: its pods' write stamps say nothing of this one's.
                self.view = Rc::default();
                self.typed = Rc::default();
                self.run += 1;
                self.printed = Rc::default();
                self.scripted_shown = None;
                self.refresh(true);
                true
            }
            Err(e) => {
                self.notice = Some(format!("Replay failed: {e}"));
                false
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if next.replay_to.is_some() && !action.keeps_replay() {
            next.replay_to = None;
            next.refresh(false);
        }
        match action {
            Action::Replay => {
                let Some(to) = next.replay_to else {
                    return self;
                };
                let moved = {
                    let mut timeline = next.timeline.borrow_mut();
                    let from = timeline.tick();
                    let slice = replay_slice(timeline.sim().pod_count());
                    timeline.play_to(to.min(from + slice));
                    timeline.tick() > from
                };
                // Reached, or stopped by the end of the day.
                if !moved || next.timeline.borrow().tick() >= to {
                    next.replay_to = None;
                    next.refresh(false);
                }
            }
            Action::SaveFailed => {
                if next.save_failed {
                    return self;
                }
                next.save_failed = true;
                next.notice = Some(
                    "This session could not be saved in the browser (its storage is full or turned off): a reload will start afresh.".into(),
                );
            }
            Action::Tick(n) => {
                if !next.playing || next.replay_to.is_some() {
                    return self;
                }
                // Time moves on: a question about discarding the old future no longer holds.
                next.pending = None;
                next.moved = None;
                let to = next.timeline.borrow().tick() + i64::from(n);
                next.play_to(to);
                next.refresh(false);
                // A scenario cannot be longer than a simulated day: playing stops there.
                next.playing = !next.note_if_day_ended();
            }
            Action::Step => {
                next.playing = false;
                next.pending = None;
                next.moved = None;
                let to = next.timeline.borrow().tick() + 1;
                next.play_to(to);
                next.refresh(false);
                next.note_if_day_ended();
            }
            Action::SetPlaying(playing) => next.playing = playing,
            Action::SetSpeed(speed) => next.speed = clamp_speed(speed),
            Action::Seek(t) => {
                if t.clamp(0, next.horizon) == next.tick() {
                    return self;
                }
                next.later = None;
                next.jump(|timeline| timeline.seek(t));
            }
            Action::Reset => {
                next.later = None;
                next.pending = None;
                next.moved = None;
                next.applied = None;
                next.restart((*next.base).clone());
            }
            Action::Run(Command { line, stdin }) => {
                let line = line.trim().to_string();
                if line.is_empty() {
                    return self;
                }
                next.request(Command { line, stdin }, false);
            }
            Action::RunThen { first, then, after } => {
                next.request(first, false);
                if next.pending.is_none() {
                    next.later = Some((next.tick() + after, then));
                }
            }
            Action::Apply(text) => {
                let command = Command {
                    line: "kubectl apply -f -".to_string(),
                    stdin: Some(text),
                };
                next.request(command, true);
            }
            Action::Confirm => {
                let Some(pending) = next.pending.take() else {
                    return self;
                };
                let Pending {
                    command,
                    from_editor,
                    ..
                } = (*pending).clone();
                next.run_now(command, from_editor);
            }
            Action::Cancel => next.pending = None,
            Action::Open(scenario) => {
                next.later = None;
                next.playing = false;
                next.pending = None;
                next.moved = None;
                next.applied = None;
                next.selected_pod = None;
                next.focus = None;
                if next.restart((*scenario).clone()) {
                    next.base_yaml = Rc::from(scenario.to_yaml());
                    next.base = Rc::from(scenario);
                }
            }
            Action::SelectPod(pod) => next.selected_pod = pod,
            Action::Focus(key) => {
                next.focus = Some(key);
                next.refresh(false);
            }
            Action::SetGroupByNode(on) => next.group_by_node = on,
            Action::SelectTab(tab) => next.tab = tab,
            Action::DismissNotice => next.notice = None,
            Action::NextEvent => {
                next.playing = false;
                let mut reached = None;
                next.jump(|timeline| reached = timeline.next_event(NEXT_EVENT_LIMIT));
                if reached.is_none() && !next.note_if_day_ended() {
                    next.notice = Some(format!(
                        "Nothing happened in the next {NEXT_EVENT_LIMIT} s."
                    ));
                }
            }
            Action::DismissDiff => next.moved = None,
            Action::SetPresenter(on) => next.presenter = on,
            Action::ShowHelp(on) => next.help = on,
            Action::Key(key) => {
                return match super::shortcuts::action(&self, &key) {
                    Some(action) => self.reduce(action),
                    None => self,
                }
            }
            Action::Resume(resume) => {
                let Some(playing) = next.asking.take() else {
                    return self;
                };
                if resume {
                    next.playing = playing;
                } else {
                    next.applied = None;
                    next.focus = None;
                    let fresh = Scenario::default_web();
                    if next.restart(fresh.clone()) {
                        next.base_yaml = Rc::from(fresh.to_yaml());
                        next.base = Rc::new(fresh);
                    }
                    next.playing = true;
                }
            }
            Action::Answered { key, ok, output } => match key {
                Key::Line(_) => {
                    let Some(at) = next.typed.iter().position(|e| e.reader == Some(key)) else {
                        return self;
                    };
                    let entry = &mut Rc::make_mut(&mut next.typed)[at];
                    (entry.ok, entry.output, entry.reader) = (ok, output, None);
                    next.rebuild_console();
                }
                Key::Action { run, .. } => {
                    if run != next.run {
                        return self;
                    }
                    Rc::make_mut(&mut next.printed).insert(key, Some((ok, output)));
                    next.rebuild_console();
                }
            },
            Action::ReaderFailed => next.reader_failed = true,
        }
        Rc::new(next)
    }
}
