//! Browser tests of the app reducer: given the default scenario, when an action is dispatched,
//! then the state shows what the engine did.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use deploysim::engine::PodPhase;
use deploysim::scenario::{Scenario, DEFAULT_WEB_MANIFEST, MAX_DURATION};
use deploysim::ui::state::{Action, Boot, Command, State};
use deploysim::ui::tabs::Tab;
use deploysim::ui::view::ShownPhase;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn default_state(playing: bool) -> Rc<State> {
    Rc::new(State::boot(Boot {
        base: None,
        scenario: Scenario::default_web(),
        tick: 0,
        speed: 1.0,
        playing,
        tab: Tab::default(),
        notice: None,
        presenter: false,
        ask: false,
    }))
}

/// The state `boot` opens, replayed (as the page does, a slice per frame) up to its tick.
fn booted(boot: Boot) -> Rc<State> {
    let mut state = Rc::new(State::boot(boot));
    while state.replaying().is_some() {
        state = state.reduce(Action::Replay);
    }
    state
}

fn play(mut state: Rc<State>, ticks: u32) -> Rc<State> {
    state = state.reduce(Action::SetPlaying(true));
    state.reduce(Action::Tick(ticks))
}

#[wasm_bindgen_test]
fn step_advances_one_tick_and_pauses() {
    let state = default_state(true);
    let before = state.tick();
    let state = state.reduce(Action::Step);
    assert_eq!(state.tick(), before + 1);
    assert!(!state.playing);
    assert_eq!(state.chart.samples.last().map(|s| s.t), Some(before + 1));
}

#[wasm_bindgen_test]
fn timer_ticks_are_ignored_while_paused() {
    let state = default_state(false);
    let before = state.tick();
    assert_eq!(state.reduce(Action::Tick(3)).tick(), before);
}

#[wasm_bindgen_test]
fn the_default_deployment_comes_up_with_four_ready_pods() {
    let state = play(default_state(false), 30);
    let pods = &state.view.pods;
    assert_eq!(pods.len(), 4);
    assert!(pods
        .iter()
        .all(|p| p.ready && p.phase == ShownPhase::Phase(PodPhase::Running) && p.revision == 1));
    let focus = state.view.focus.as_ref().expect("the web Deployment");
    assert_eq!((focus.name.as_str(), focus.replicas), ("web", 4));
}

#[wasm_bindgen_test]
fn scaling_goes_through_kubectl_and_is_recorded_in_the_scenario() {
    let state = play(default_state(false), 10);
    let state = state.reduce(Action::Run(Command::line(
        "kubectl scale deployment/web --replicas=6",
    )));
    let entry = state.console.last().expect("a console entry");
    assert!(entry.ok, "{}", entry.output);
    assert_eq!(entry.output.trim(), "deployment.apps/web scaled");
    assert!(state
        .scenario_yaml
        .contains("kubectl scale deployment/web --replicas=6"));
    assert_eq!(
        state.commands.last().map(String::as_str),
        Some("kubectl scale deployment/web --replicas=6")
    );
    let state = play(state, 20);
    assert_eq!(state.view.pods.iter().filter(|p| p.ready).count(), 6);
}

#[wasm_bindgen_test]
fn a_failing_command_shows_kubectls_error() {
    let state =
        default_state(false).reduce(Action::Run(Command::line("kubectl get deployment nope")));
    let entry = state.console.last().unwrap();
    assert!(!entry.ok);
    assert!(entry.output.contains("not found"), "{}", entry.output);
}

#[wasm_bindgen_test]
fn seeking_back_and_forth_reproduces_the_same_state() {
    let state = play(default_state(false), 5);
    let state = state.reduce(Action::Run(Command::line(
        "kubectl set image deployment/web web=nginx:1.26",
    )));
    let state = play(state, 6);
    let at_end = state.view.clone();
    let end = state.tick();
    let back = state.clone().reduce(Action::Seek(3));
    assert_eq!(back.tick(), 3);
    assert_eq!(
        back.horizon, end,
        "the scrubber still reaches the furthest tick"
    );
    assert_eq!(
        back.chart.samples.len(),
        4,
        "chart history rebuilt for ticks 0..=3"
    );
    let again = back.reduce(Action::Seek(end));
    assert_eq!(again.view, at_end, "deterministic replay");
}

#[wasm_bindgen_test]
fn behind_the_horizon_a_read_runs_at_once_and_a_change_asks_first() {
    let state = play(default_state(false), 20).reduce(Action::Seek(5));
    assert_eq!((state.tick(), state.horizon), (5, 20));
    let saved = state.scenario_yaml.clone();

    let read = state.reduce(Action::Run(Command::line("kubectl get pods")));
    let entry = read.console.last().expect("the answer");
    assert!(
        entry.ok && entry.output.starts_with("NAME "),
        "{}",
        entry.output
    );
    assert_eq!(entry.tick, 5, "answered from the tick shown");
    assert_eq!(
        (read.tick(), read.horizon),
        (5, 20),
        "the scrubber keeps its end"
    );
    assert_eq!(read.scenario_yaml, saved, "a read is not recorded");
    assert!(read.pending.is_none());

    let line = "kubectl scale deployment/web --replicas=2";
    let asked = read.reduce(Action::Run(Command::line(line)));
    let pending = asked
        .pending
        .as_ref()
        .expect("a change behind the horizon asks first");
    assert_eq!(
        pending.question(),
        "This discards 15 s of history (t=5s to t=20s). Run it anyway?"
    );
    assert_eq!((asked.tick(), asked.horizon), (5, 20));
    assert_eq!(asked.console.len(), 1, "nothing ran yet");
    assert!(!asked.playing, "the clock waits for the answer");

    let cancelled = asked.clone().reduce(Action::Cancel);
    assert!(cancelled.pending.is_none());
    assert_eq!((cancelled.tick(), cancelled.horizon), (5, 20));
    assert_eq!(cancelled.scenario_yaml, saved, "Cancel keeps the future");

    let ran = asked.reduce(Action::Confirm);
    assert!(ran.pending.is_none());
    assert_eq!((ran.tick(), ran.horizon), (6, 6), "Run discards it");
    let entry = ran.console.last().unwrap();
    assert_eq!((entry.command.as_str(), entry.ok), (line, true));
    assert!(ran.scenario_yaml.contains(line));
}

#[wasm_bindgen_test]
fn behind_the_horizon_the_editors_apply_asks_first_and_shows_its_result_after_run() {
    let state = play(default_state(false), 10).reduce(Action::Seek(4));
    let manifest = DEFAULT_WEB_MANIFEST.replace("replicas: 4", "replicas: 3");
    let asked = state.reduce(Action::Apply(manifest));
    let pending = asked.pending.as_ref().expect("asks first");
    assert!(pending.from_editor);
    assert!(asked.applied.is_none());
    let moved = asked.reduce(Action::Seek(2));
    assert!(moved.pending.is_none(), "moving in time drops the question");
    let ran = moved
        .reduce(Action::Apply(
            DEFAULT_WEB_MANIFEST.replace("replicas: 4", "replicas: 3"),
        ))
        .reduce(Action::Confirm);
    let applied = ran.applied.as_ref().expect("the editor's result");
    assert!(applied.ok, "{}", applied.output);
    assert_eq!((ran.tick(), ran.horizon), (3, 3));
}

#[wasm_bindgen_test]
fn an_invalid_apply_reports_the_field_and_changes_nothing() {
    let state = play(default_state(false), 3);
    let manifest = state
        .view
        .focus
        .as_ref()
        .unwrap()
        .manifest
        .replace("replicas: 4", "replicas: -1");
    let state = state.reduce(Action::Apply(manifest));
    let applied = state.applied.as_ref().expect("the apply result");
    assert!(!applied.ok);
    assert!(
        applied.output.contains("spec.replicas"),
        "{}",
        applied.output
    );
    assert_eq!(state.view.focus.as_ref().unwrap().replicas, 4);
}

#[wasm_bindgen_test]
fn reset_returns_to_the_scenario_as_opened() {
    let state = play(default_state(false), 5).reduce(Action::Run(Command::line(
        "kubectl scale deployment/web --replicas=2",
    )));
    let state = state.reduce(Action::Reset);
    assert_eq!(state.tick(), 0);
    assert!(state.console.is_empty());
    assert!(!state.scenario_yaml.contains("kubectl scale"));
}

#[wasm_bindgen_test]
fn seeking_through_checkpoints_matches_a_fresh_replay() {
    let state = play(default_state(false), 10).reduce(Action::Run(Command::line(
        "kubectl scale deployment/web --replicas=7",
    )));
    let state = play(state, 120);
    let end = state.tick();
    let at_end = state.view.clone();
    let mid = state.reduce(Action::Seek(75));
    assert_eq!(mid.tick(), 75);
    assert_eq!(mid.chart.samples.last().map(|s| s.t), Some(75));
    let fresh = booted(Boot {
        base: None,
        scenario: Scenario::parse(&mid.scenario_yaml, "test").unwrap(),
        tick: 75,
        speed: 1.0,
        playing: false,
        tab: Tab::default(),
        notice: None,
        presenter: false,
        ask: false,
    });
    assert_eq!(
        fresh.view, mid.view,
        "a checkpoint restores exactly what a replay gives"
    );
    assert_eq!(*fresh.chart, *mid.chart);
    assert_eq!(*fresh.events, *mid.events);
    assert_eq!(*fresh.decisions, *mid.decisions);
    let again = mid.reduce(Action::Seek(end));
    assert_eq!(again.view, at_end);
    assert_eq!(again.view.pods.len(), 7);
}

#[wasm_bindgen_test]
fn every_example_opens_paused_at_the_start_and_reset_returns_to_it() {
    use deploysim::ui::scenarios::{read, EXAMPLES};
    for (name, _) in EXAMPLES {
        let scenario = read(name, "").unwrap_or_else(|e| panic!("{name}: {e}"));
        let state = play(default_state(false), 3).reduce(Action::Open(Box::new(scenario)));
        assert_eq!(state.tick(), 0, "{name}");
        assert!(!state.playing, "{name}");
        assert!(state.notice.is_none(), "{name}: {:?}", state.notice);
        let state = play(state, 5).reduce(Action::Reset);
        assert_eq!(state.tick(), 0, "{name}");
        assert_eq!(
            state.base_yaml, state.scenario_yaml,
            "{name}: Reset returns to the example"
        );
    }
}

#[wasm_bindgen_test]
fn a_pasted_scenario_with_a_typo_is_refused_with_the_reason() {
    use deploysim::ui::scenarios::read;
    let error = read("", "duration: 10\nmanifest: |\n  kind: Deployment\n").unwrap_err();
    assert!(error.contains("pasted scenario"), "{error}");
}

#[wasm_bindgen_test]
fn picking_another_deployment_points_the_controls_chart_and_scaling_at_it() {
    use deploysim::ui::scenarios::read;
    let scenario = read("environments.yaml", "").expect("the example opens");
    let state = play(
        default_state(false).reduce(Action::Open(Box::new(scenario))),
        8,
    );
    let keys: Vec<&str> = state
        .view
        .deployments
        .iter()
        .map(|d| d.key.as_str())
        .collect();
    assert_eq!(keys, ["dev/shop", "prod/shop", "staging/shop"]);
    let first = state.view.focus.as_ref().expect("a Deployment");
    assert_eq!((first.key.as_str(), first.replicas), ("dev/shop", 1));

    let state = state.reduce(Action::Focus("staging/shop".into()));
    let focus = state.view.focus.as_ref().expect("staging");
    assert_eq!((focus.key.as_str(), focus.replicas), ("staging/shop", 2));
    assert_eq!(focus.target, "deployment/shop -n staging");
    assert!(
        focus.manifest.contains("namespace: staging"),
        "{}",
        focus.manifest
    );
    let last = state.chart.samples.last().expect("samples");
    assert_eq!((last.t, last.desired), (state.tick(), 2));

    // The controls issue their kubectl lines for the picked Deployment.
    let state = play(
        state.reduce(Action::Run(Command::line(
            "kubectl scale deployment/shop -n staging --replicas=5",
        ))),
        10,
    );
    let focus = state.view.focus.as_ref().expect("still staging");
    assert_eq!((focus.key.as_str(), focus.replicas), ("staging/shop", 5));
    assert_eq!(state.chart.samples.last().map(|s| s.desired), Some(5));
    let dev = state.view.deployments.iter().find(|d| d.key == "dev/shop");
    assert_eq!(dev.map(|d| d.replicas), Some(1), "dev is untouched");

    // Seeking back keeps the pick, and the chart is the picked Deployment's at that tick.
    let back = state.clone().reduce(Action::Seek(3));
    assert_eq!(
        back.view.focus.as_ref().map(|f| f.key.as_str()),
        Some("staging/shop")
    );
    assert_eq!(
        back.chart.samples.last().map(|s| (s.t, s.desired)),
        Some((3, 2))
    );

    // A pick that no longer exists falls back to the first Deployment.
    let gone = state.reduce(Action::Focus("qa/shop".into()));
    assert_eq!(
        gone.view.focus.as_ref().map(|f| f.key.as_str()),
        Some("dev/shop")
    );
}

#[wasm_bindgen_test]
fn seeking_back_after_an_action_matches_a_fresh_replay() {
    // Checkpoints from before the action continue under the new scenario (see
    // tests/timeline.rs for `scenario::Timeline` itself).
    let state = play(default_state(false), 120).reduce(Action::Run(Command::line(
        "kubectl set image deployment/web web=nginx:1.26",
    )));
    let state = play(state, 30);
    for t in [60, 130, 100] {
        let seen = state.clone().reduce(Action::Seek(t));
        let fresh = booted(Boot {
            base: None,
            scenario: Scenario::parse(&state.scenario_yaml, "test").unwrap(),
            tick: t,
            speed: 1.0,
            playing: false,
            tab: Tab::default(),
            notice: None,
            presenter: false,
            ask: false,
        });
        assert_eq!(seen.view, fresh.view, "tick {t}");
        assert_eq!(*seen.chart, *fresh.chart, "tick {t}");
        assert_eq!(*seen.events, *fresh.events, "tick {t}");
        assert_eq!(*seen.decisions, *fresh.decisions, "tick {t}");
    }
}

#[wasm_bindgen_test]
fn a_save_is_due_when_what_is_saved_changes_and_the_tick_only_while_paused() {
    use deploysim::ui::persistence::{boot_from, load, Resume, STORAGE_KEY};
    let playing = play(default_state(false), 5);
    let due = Resume::of(&playing).due();
    let later = playing.clone().reduce(Action::Tick(3));
    assert_eq!(later.tick(), 8);
    assert_eq!(
        Resume::of(&later).due(),
        due,
        "the play timer's ticks are not"
    );
    let paused = later.reduce(Action::SetPlaying(false));
    let due = Resume::of(&paused).due();
    assert_ne!(due, Resume::of(&playing).due(), "pausing is");
    let stepped = paused.reduce(Action::Step);
    assert_ne!(Resume::of(&stepped).due(), due, "a step is");
    let sought = stepped.clone().reduce(Action::Seek(2));
    assert_ne!(
        Resume::of(&sought).due(),
        Resume::of(&stepped).due(),
        "a seek while paused is"
    );

    // What is saved reopens the session where it was.
    Resume::of(&sought).save();
    let boot = boot_from("", "", load().as_deref());
    let _ = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .map(|s| s.remove_item(STORAGE_KEY));
    assert_eq!((boot.tick, boot.playing), (2, false));
    let reopened = booted(boot);
    assert_eq!(reopened.view, sought.view);
}

#[wasm_bindgen_test]
fn the_open_tab_is_saved_with_the_session_and_opens_again() {
    use deploysim::ui::persistence::{boot_from, load, Resume, Saved, STORAGE_KEY};
    let state = default_state(false);
    assert_eq!(state.tab, Tab::Console, "the console is open at first");
    let history = state.clone().reduce(Action::SelectTab(Tab::History));
    assert_eq!(history.tab, Tab::History);
    assert_ne!(
        Resume::of(&history).due(),
        Resume::of(&state).due(),
        "a save is due"
    );
    Resume::of(&history).save();
    let saved = load();
    let _ = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .map(|s| s.remove_item(STORAGE_KEY));
    let boot = boot_from("", "", saved.as_deref());
    assert_eq!(boot.tab, Tab::History);
    assert_eq!(State::boot(boot).tab, Tab::History);
    // A shared link opens the scenario it holds, in the tab this browser had open.
    let shared = deploysim::link::share_hash(&state.scenario_yaml, 0);
    assert_eq!(boot_from("", &shared, saved.as_deref()).tab, Tab::History);
    // A session saved before there were tabs, or naming no known tab, opens the console.
    let old = r#"{"base":null,"scenario":"x","tick":0,"speed":1.0,"playing":true}"#;
    assert_eq!(Saved::parse(old).map(|s| s.tab), Some(Tab::Console));
    let unknown = r#"{"scenario":"x","tick":0,"speed":1.0,"playing":true,"tab":"nope"}"#;
    assert_eq!(Saved::parse(unknown).map(|s| s.tab), Some(Tab::Console));
    for tab in Tab::ALL {
        assert_eq!(Tab::parse(tab.name()), Some(tab));
    }
}

#[wasm_bindgen_test]
fn at_the_end_of_the_simulated_day_nothing_plays_on_and_a_notice_says_reset_starts_over() {
    let state = booted(Boot {
        base: None,
        scenario: Scenario::default_web(),
        tick: MAX_DURATION - 1,
        speed: 1.0,
        playing: false,
        tab: Tab::default(),
        notice: None,
        presenter: false,
        ask: false,
    });
    let state = state.reduce(Action::Step);
    assert_eq!(state.tick(), MAX_DURATION);
    let ended =
        "The simulated day has ended: a scenario lasts at most 86400 seconds. Reset starts over.";
    assert_eq!(state.notice.as_deref(), Some(ended));

    let state = state.reduce(Action::DismissNotice).reduce(Action::Step);
    assert_eq!(state.tick(), MAX_DURATION);
    assert_eq!(state.notice.as_deref(), Some(ended));

    let state = state.reduce(Action::Run(Command::line(
        "kubectl scale deployment/web --replicas=2",
    )));
    let entry = state.console.last().expect("a console entry");
    assert!(!entry.ok);
    assert_eq!(
        entry.output,
        "error: the simulated day has ended: a scenario lasts at most 86400 seconds\n"
    );
    let state = state.reduce(Action::Apply(DEFAULT_WEB_MANIFEST.to_string()));
    assert!(!state.applied.as_ref().expect("the apply's result").ok);
    let state = play(state, 5);
    assert!(!state.playing);
    assert_eq!((state.tick(), state.horizon), (MAX_DURATION, MAX_DURATION));
    assert_eq!(state.view.focus.as_ref().map(|f| f.replicas), Some(4));
    let saved = Scenario::parse(&state.scenario_yaml, "saved.yaml")
        .expect("what is saved at the end of the day opens again");
    assert_eq!((saved.duration, saved.actions.len()), (MAX_DURATION, 0));

    let state = state.reduce(Action::Reset);
    assert_eq!(state.tick(), 0);
    assert_eq!(state.reduce(Action::Step).tick(), 1);
}

#[wasm_bindgen_test]
fn the_scenarios_own_commands_are_in_the_console_as_they_run_and_a_seek_back_takes_them_back() {
    use deploysim::ui::scenarios::read;
    let scenario = read("rolling-update.yaml", "").expect("the example opens");
    let state = default_state(false).reduce(Action::Open(Box::new(scenario)));
    assert!(state.console.is_empty(), "nothing has run at t=0");
    let state = play(state, 12);
    let scripted: Vec<_> = state.console.iter().filter(|e| e.scripted).collect();
    assert_eq!(scripted.len(), 1);
    assert_eq!(scripted[0].tick, 10);
    assert_eq!(
        scripted[0].command,
        "kubectl set image deployment/web web=nginx:1.26"
    );
    assert!(scripted[0].ok && scripted[0].output.contains("image updated"));
    let state = state.reduce(Action::Run(Command::line("kubectl get deploy")));
    assert_eq!(state.console.len(), 2);
    assert!(
        !state.console[1].scripted,
        "the user's own, after the scenario's"
    );
    let state = state.reduce(Action::Seek(5));
    assert_eq!(
        state.console.len(),
        1,
        "the scenario's command of t=10 is taken back"
    );
    assert!(!state.console[0].scripted);
    let state = play(state, 7);
    assert_eq!(state.console.len(), 2, "and comes again");
    assert!(state.console[0].scripted, "in time order");
}

fn key(state: Rc<State>, key: &str) -> Rc<State> {
    state.reduce(Action::Key(key.to_string()))
}

#[wasm_bindgen_test]
fn each_shortcut_does_what_the_help_lists_and_none_works_while_a_dialog_is_open() {
    use deploysim::ui::state::SPEEDS;
    let state = default_state(true);
    let state = key(state, " ");
    assert!(!state.playing, "Space pauses");
    let state = key(state, "k");
    assert!(state.playing, "K plays");
    let before = state.tick();
    let state = key(state, ".");
    assert_eq!(
        (state.tick(), state.playing),
        (before + 1, false),
        ". steps"
    );
    let state = key(state, "+");
    assert_eq!(state.speed, 2.0, "+ is faster");
    let state = key(key(state, "-"), "-");
    assert_eq!(state.speed, 0.5, "- is slower");
    let slowest = key(state.clone(), "-");
    assert!(
        Rc::ptr_eq(&slowest, &state),
        "nothing is slower than {}",
        SPEEDS[0]
    );
    let state = key(state, "P");
    assert!(state.presenter, "P turns presenter mode on");
    let state = key(state, "?");
    assert!(state.help, "? shows the shortcuts");
    let still = key(key(state.clone(), " "), "p");
    assert!(
        !still.playing && still.presenter && still.tick() == state.tick(),
        "keys do nothing while the help is open"
    );
    let state = state.reduce(Action::ShowHelp(false));
    let state = key(state, "n");
    assert!(state.tick() > before + 1, "N jumps to the next event");
    assert!(
        Rc::ptr_eq(&key(state.clone(), "x"), &state),
        "other keys do nothing"
    );
}

#[wasm_bindgen_test]
fn next_event_moves_through_the_history_after_a_seek_back_and_says_what_changed() {
    let state = play(default_state(false), 30).reduce(Action::SetPlaying(false));
    let state = state.reduce(Action::Seek(0));
    let moved = state.moved.clone().expect("a seek says what changed");
    assert!(moved.starts_with("From t=30s to t=0s: "), "{moved}");
    assert!(moved.ends_with(": 4 no longer Ready."), "{moved}");
    let state = state.reduce(Action::NextEvent);
    assert!(state.tick() > 0 && state.tick() < 30, "{}", state.tick());
    assert_eq!(
        state.horizon, 30,
        "a jump through the history forks nothing"
    );
    assert!(state
        .moved
        .as_deref()
        .unwrap()
        .starts_with("From t=0s to t="));
    let state = state.reduce(Action::DismissDiff);
    assert!(state.moved.is_none());

    // Settled at the horizon, nothing comes within the limit: it says so.
    let state = state.reduce(Action::Seek(30)).reduce(Action::NextEvent);
    assert_eq!(state.tick(), 630);
    assert!(state
        .notice
        .as_deref()
        .unwrap()
        .contains("Nothing happened"));
}

#[wasm_bindgen_test]
fn a_returning_visitor_is_asked_first_and_a_share_link_is_not() {
    use deploysim::ui::persistence::{boot_from, Resume};
    let state = play(default_state(false), 12)
        .reduce(Action::SetPresenter(true))
        .reduce(Action::Run(Command::line(
            "kubectl scale deployment/web --replicas=2",
        )));
    let mut saved = Resume::of(&state);
    saved.playing = true;
    saved.save();
    let text = deploysim::ui::persistence::load().unwrap();
    let _ = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .map(|s| s.remove_item(deploysim::ui::persistence::STORAGE_KEY));

    let shared = boot_from(
        "",
        &deploysim::link::share_hash("duration: 60\nmanifests: \"\"\n", 3),
        Some(&text),
    );
    assert!(!shared.ask, "a share link opens at once");

    let boot = boot_from("?speed=5", "", Some(&text));
    assert!(boot.ask && boot.presenter && boot.playing);
    let asking = booted(boot);
    assert_eq!(asking.asking, Some(true));
    assert!(!asking.playing, "it waits, paused, for the answer");
    assert!(asking.presenter);
    assert_eq!(asking.view, state.view);
    assert!(
        Rc::ptr_eq(&key(asking.clone(), " "), &asking),
        "keys wait too"
    );
    assert!(
        Resume::of(&asking).playing,
        "the session stays saved as playing"
    );

    let resumed = asking.clone().reduce(Action::Resume(true));
    assert!(resumed.playing && resumed.asking.is_none());
    assert_eq!(resumed.view, state.view);

    let fresh = asking.reduce(Action::Resume(false));
    assert!(fresh.playing && fresh.asking.is_none());
    assert_eq!(fresh.tick(), 0);
    assert_eq!(
        fresh.scenario_yaml,
        Rc::from(Scenario::default_web().to_yaml())
    );
    assert_eq!(fresh.speed, 5.0);
}

#[wasm_bindgen_test]
fn a_session_saved_before_presenter_mode_existed_still_opens() {
    use deploysim::ui::persistence::Saved;
    let saved = Saved::parse(r#"{"scenario":"x","tick":3,"speed":1,"playing":false}"#).unwrap();
    assert!(!saved.presenter);
}

#[wasm_bindgen_test]
fn a_replica_set_keeps_its_colour_when_a_rollback_renumbers_it() {
    let state = play(default_state(false), 20);
    let first = state.view.replica_sets[0].clone();
    assert_eq!((first.revision, first.colour), (1, Some(0)));
    let state = state.reduce(Action::Run(Command::line(
        "kubectl set image deployment/web web=nginx:1.26",
    )));
    let state = play(state, 30);
    let state = state.reduce(Action::Run(Command::line(
        "kubectl rollout undo deployment/web --to-revision=1",
    )));
    let state = play(state, 30);
    let back = state
        .view
        .replica_sets
        .iter()
        .find(|rs| rs.key == first.key)
        .expect("the first ReplicaSet");
    assert_eq!((back.revision, back.colour), (3, Some(0)));
    assert!(state.view.pods.iter().all(|p| p.colour == Some(0)));
    let history = &state.view.focus.as_ref().expect("web").history;
    let colours: Vec<_> = history.iter().map(|r| (r.revision, r.colour)).collect();
    assert_eq!(colours, [(2, Some(1)), (3, Some(0))]);
}

#[wasm_bindgen_test]
fn only_commands_that_change_the_cluster_mark_the_chart_with_a_label() {
    let state = play(default_state(false), 10);
    let state = state.reduce(Action::Run(Command::line("kubectl get pods")));
    let state = state.reduce(Action::Run(Command::line(
        "kubectl scale deployment/nope --replicas=2",
    )));
    assert!(state.chart.marks.is_empty(), "{:?}", state.chart.marks);
    let state = state.reduce(Action::Run(Command::line(
        "kubectl scale deployment/web --replicas=6",
    )));
    let marks: Vec<_> = state
        .chart
        .marks
        .iter()
        .map(|m| (m.t, m.label.as_str(), m.command.as_str()))
        .collect();
    assert_eq!(
        marks,
        [(12, "scale 6", "kubectl scale deployment/web --replicas=6")]
    );
    // Seeking back before it drops the mark, as a fresh replay would.
    assert!(state.reduce(Action::Seek(5)).chart.marks.is_empty());
}

#[wasm_bindgen_test]
fn each_tick_a_pod_keeps_its_view_exactly_while_it_is_unchanged() {
    use deploysim::scenario::Run;
    use deploysim::ui::view::View;
    // Given a 30-replica Deployment rolling to a new image, then one pod deleted ...
    let mut run = Run::start(Scenario::default_web()).unwrap();
    for line in [
        "kubectl scale deployment/web --replicas=30",
        "kubectl set image deployment/web web=nginx:1.26",
    ] {
        run.act(line, None);
    }
    let mut before = View::of(run.sim(), None, &[]);
    let (mut kept, mut renewed) = (0, 0);
    for tick in 0..90 {
        if tick == 60 {
            let victim = before.pods[0].name.clone();
            run.act(&format!("kubectl delete pod {victim}"), None);
        }
        run.step();
        // ... each tick the views built from the previous ones equal views built afresh,
        let view = View::of(run.sim(), None, &before.pods);
        let fresh = View::of(run.sim(), None, &[]);
        assert_eq!(view.pods, fresh.pods, "tick {tick}");
        // and a pod that did not change keeps the previous view itself.
        for pod in view.pods.iter() {
            match before.pods.iter().find(|p| p.uid == pod.uid) {
                Some(old) if old == pod => {
                    assert!(
                        Rc::ptr_eq(old, pod),
                        "tick {tick}: {} was rebuilt",
                        pod.name
                    );
                    kept += 1;
                }
                Some(_) => renewed += 1,
                None => {}
            }
        }
        before = view;
    }
    assert!(
        kept > 1000 && renewed > 30,
        "{kept} kept, {renewed} renewed"
    );
}

#[wasm_bindgen_test]
fn a_pod_view_kept_by_its_write_stamp_is_exact_across_seeks_and_a_changed_future() {
    use deploysim::scenario::timeline::Timeline;
    use deploysim::ui::view::View;
    // Given a 20-replica rollout played to t=40, its views built each tick from the previous ...
    let mut timeline = Timeline::start(Scenario::default_web(), (), 0).unwrap();
    timeline.act("kubectl scale deployment/web --replicas=20", None);
    timeline.act("kubectl set image deployment/web web=nginx:1.26", None);
    let mut before = View::of(timeline.sim(), None, &[]);
    let mut check = |timeline: &Timeline<()>, what: &str| {
        let view = View::of(timeline.sim(), None, &before.pods);
        let fresh = View::of(timeline.sim(), None, &[]);
        assert_eq!(view.pods, fresh.pods, "{what} at t={}", timeline.tick());
        before = view;
    };
    for t in 1..=40 {
        timeline.play_to(t);
        check(&timeline, "played on");
    }
    // ... when the time goes back (a checkpoint and a replay) and another future is played
    // from there (pods deleted and the image changed again, writing the same pods other
    // content under the stamps the first future used), every view still equals a fresh one,
    timeline.seek(6);
    check(&timeline, "seek back");
    timeline.act("kubectl delete pod --all", None);
    timeline.act("kubectl set image deployment/web web=nginx:1.27", None);
    for t in 7..=40 {
        timeline.play_to(t);
        check(&timeline, "another future");
    }
    // ... and so it does jumping back and forth in the new future.
    for t in [12, 39, 3, 25, 40] {
        timeline.seek(t);
        check(&timeline, "seek");
    }
}

#[wasm_bindgen_test]
fn a_late_tick_is_replayed_in_slices_that_end_where_a_replay_at_once_does() {
    use deploysim::ui::persistence::Resume;
    // Given the default scenario played to t=300 with a rollout on the way ...
    let at_once = play(default_state(false), 20)
        .reduce(Action::Run(Command::line(
            "kubectl set image deployment/web web=nginx:1.26",
        )))
        .reduce(Action::Tick(279));
    assert_eq!(at_once.tick(), 300);
    let boot = || Boot {
        base: None,
        scenario: Scenario::parse(&at_once.scenario_yaml, "test").unwrap(),
        tick: 300,
        speed: 1.0,
        playing: false,
        tab: Tab::default(),
        notice: None,
        presenter: false,
        ask: false,
    };
    // ... the page opening it at t=300 starts at t=0, replaying, and saves t=300 meanwhile;
    let opening = Rc::new(State::boot(boot()));
    assert_eq!(opening.replaying(), Some((0, 300)));
    assert_eq!(opening.tick(), 0);
    assert_eq!(Resume::of(&opening).tick, 300, "a reload goes on to t=300");
    // the play timer waits for it, and each slice plays at most its ticks;
    let waiting = opening.clone().reduce(Action::SetPlaying(true));
    assert!(Rc::ptr_eq(
        &waiting.clone().reduce(Action::Tick(5)),
        &waiting
    ));
    let sliced = waiting.reduce(Action::Replay);
    let (reached, to) = sliced.replaying().expect("a slice is less than 300 s");
    assert!(reached > 0 && to == 300, "{reached}");
    assert_eq!(sliced.tick(), 0, "the tick shown waits for the end");
    // once there it shows exactly what was played at once, and plays on.
    let mut done = sliced;
    while done.replaying().is_some() {
        done = done.reduce(Action::Replay);
    }
    assert_eq!(done.replaying(), None);
    assert_eq!(done.tick(), 300);
    assert_eq!(done.view, at_once.view);
    assert_eq!(*done.events, *at_once.events);
    assert_eq!(done.reduce(Action::Tick(1)).tick(), 301);

    // A step ends the replay where it reached; a command too, and then acts there.
    let replayed = Rc::new(State::boot(boot())).reduce(Action::Replay);
    let (reached, _) = replayed.replaying().unwrap();
    let stepped = replayed.reduce(Action::Step);
    assert_eq!((stepped.replaying(), stepped.tick()), (None, reached + 1));
    let acted = Rc::new(State::boot(boot()))
        .reduce(Action::Replay)
        .reduce(Action::Run(Command::line(
            "kubectl scale deployment/web --replicas=2",
        )));
    assert_eq!(acted.replaying(), None);
    assert_eq!(
        acted.tick(),
        reached + 1,
        "the command is recorded at the next tick"
    );
    assert_eq!(acted.view.deployments[0].replicas, 2);
}

#[wasm_bindgen_test]
fn a_link_or_session_past_the_end_of_the_day_opens_at_its_end_and_says_so() {
    use deploysim::scenario::MAX_DURATION;
    use deploysim::ui::persistence::boot_from;
    let yaml = "duration: 60\nmanifests: \"\"\n";
    let hash = deploysim::link::share_hash(yaml, 999_999_999_999);
    let boot = boot_from("", &hash, None);
    assert_eq!(boot.tick, MAX_DURATION);
    let notice = boot.notice.expect("a notice");
    assert!(
        notice.contains("t=999999999999 is past the end of the simulated day; it opens at t=86400"),
        "{notice}"
    );
    let saved = format!(
        r#"{{"scenario":{},"tick":123456789,"speed":1.0,"playing":false}}"#,
        serde_json::to_string(yaml).unwrap()
    );
    let boot = boot_from("", "", Some(&saved));
    assert_eq!(boot.tick, MAX_DURATION);
    assert!(boot
        .notice
        .unwrap()
        .contains("saved session's time t=123456789"));
}
