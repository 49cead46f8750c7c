//! The app: wires the reducer, the play timer and persistence, and lays out the page: the story
//! area first (the pods, the Why, the chart and the controls, together in the first screen at
//! 1280x800; the pods first in the document, so that a small embed shows them before anything
//! else), then the rest behind tabs (`tabs`).

use std::rc::Rc;

use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::chart::{chart, ChartProps};
use super::cluster_view::ClusterView;
use super::conditions::conditions;
use super::console::Console;
use super::controls::{controls, ControlsProps};
use super::decisions::{decisions, DecisionsProps};
use super::demand::traffic_panel;
use super::events_log::EventsLog;
use super::glossary::Glossary;
use super::help::help;
use super::history::History;
use super::narration::narration;
use super::persistence::{self, Resume, SaveOnLeave};
use super::pod_details::{pod_details, PodDetailsProps};
use super::reader::Reader;
use super::resume::resume_prompt;
use super::scenarios::Scenarios;
use super::share::Share;
use super::shortcuts::KeyListener;
use super::state::{Action, Command, State};
use super::tables::{tables, TablesProps};
use super::tabs::{tab_list, tab_panel, Tab};
use super::time_bar::TimeBar;
use super::yaml_editor::YamlEditor;

/// The shortest period of the play timer; faster speeds play several ticks per firing, so that
/// the page re-renders at most 25 times a second whatever the speed.
const MIN_PERIOD_MS: f64 = 40.0;

/// The play timer's period in milliseconds and the ticks to play at each firing, for a speed.
pub fn cadence(speed: f64) -> (u32, u32) {
    let ticks = (speed * MIN_PERIOD_MS / 1000.0).ceil().max(1.0);
    let period = (ticks * 1000.0 / speed).round();
    (period as u32, ticks as u32)
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::boot(persistence::boot()));
    let (period, _) = cadence(state.speed);

    // The play timer: one Interval while playing, replaced when the speed changes.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(
            (state.playing, state.speed.to_bits()),
            move |&(playing, speed)| {
                let interval = playing.then(|| {
                    let (period, ticks) = cadence(f64::from_bits(speed));
                    Interval::new(period, move || dispatcher.dispatch(Action::Tick(ticks)))
                });
                move || drop(interval)
            },
        );
    }

    // A link or saved session opened at a later tick: replayed a slice at a time (`Replay`),
    // a frame's worth of work every 16 ms, so that the page answers throughout.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.replaying().is_some(), move |&replaying| {
            let timer =
                replaying.then(|| Interval::new(16, move || dispatcher.dispatch(Action::Replay)));
            move || drop(timer)
        });
    }

    // Persistence (see `persistence`): save when what is saved changes (the tick only while
    // paused), and when the page is hidden or left; a refused save is said once.
    let latest = use_mut_ref(|| Resume::of(&state));
    *latest.borrow_mut() = Resume::of(&state);
    use_effect_with(latest.borrow().due(), {
        let latest = latest.clone();
        let dispatcher = state.dispatcher();
        move |_| {
            if !latest.borrow().save() {
                dispatcher.dispatch(Action::SaveFailed);
            }
        }
    });
    use_effect_with((), move |()| {
        let listening = SaveOnLeave::new(latest);
        move || drop(listening)
    });

    // Tab completion reads the names of the tick shown, from the latest state.
    let shown = use_mut_ref(|| state.clone());
    *shown.borrow_mut() = state.clone();
    let complete = use_memo((), move |()| {
        Callback::from(move |(line, at): (String, usize)| shown.borrow().complete(&line, at))
    });

    // The reader (see `reader`): what the reducer left to print is sent after each render.
    let reader = use_memo((), {
        let dispatcher = state.dispatcher();
        move |()| Reader::new(Callback::from(move |action| dispatcher.dispatch(action)))
    });
    let on_console_focus = {
        let reader = reader.clone();
        Callback::from(move |()| {
            reader.warm();
        })
    };
    {
        let (reader, state) = (reader.clone(), state.clone());
        use_effect(move || {
            for (session, ask) in state.take_asks() {
                reader.ask(&session, &ask);
            }
        });
    }

    // Keyboard shortcuts (see `shortcuts`): the reducer decides what each key does.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let listening = KeyListener::new(Callback::from(move |key| {
                dispatcher.dispatch(Action::Key(key))
            }));
            move || drop(listening)
        });
    }

    let dispatcher = state.dispatcher();
    let on_run = use_callback(dispatcher.clone(), |command: Command, d| {
        d.dispatch(Action::Run(command))
    });
    let on_select = use_callback(dispatcher.clone(), |pod: String, d| {
        d.dispatch(Action::SelectPod(Some(pod)))
    });
    let on_group_by_node = use_callback(dispatcher.clone(), |on: bool, d| {
        d.dispatch(Action::SetGroupByNode(on))
    });
    let on_close_pod = use_callback(dispatcher.clone(), |(), d| {
        d.dispatch(Action::SelectPod(None))
    });
    let on_play = use_callback(dispatcher.clone(), |on: bool, d| {
        d.dispatch(Action::SetPlaying(on))
    });
    let on_run_then = use_callback(
        dispatcher.clone(),
        |(first, then, after): (Command, Command, i64), d| {
            d.dispatch(Action::RunThen { first, then, after })
        },
    );
    let on_step = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::Step));
    let on_next = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::NextEvent));
    let on_help = use_callback(dispatcher.clone(), |on: bool, d| {
        d.dispatch(Action::ShowHelp(on))
    });
    let on_answer = use_callback(dispatcher.clone(), |resume: bool, d| {
        d.dispatch(Action::Resume(resume))
    });
    let on_speed = use_callback(dispatcher.clone(), |speed: f64, d| {
        d.dispatch(Action::SetSpeed(speed))
    });
    let on_seek = use_callback(dispatcher.clone(), |t: i64, d| d.dispatch(Action::Seek(t)));
    let on_reset = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::Reset));
    let on_apply = use_callback(dispatcher.clone(), |text: String, d| {
        d.dispatch(Action::Apply(text))
    });
    let on_confirm = use_callback(dispatcher.clone(), |run: bool, d| {
        d.dispatch(if run { Action::Confirm } else { Action::Cancel })
    });
    let on_open = use_callback(
        dispatcher.clone(),
        |scenario: crate::scenario::Scenario, d| d.dispatch(Action::Open(Box::new(scenario))),
    );
    let on_focus = use_callback(dispatcher.clone(), |key: String, d| {
        d.dispatch(Action::Focus(key))
    });
    let on_dismiss = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissNotice))
    };
    let on_dismiss_diff = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissDiff))
    };
    let presenter = state.presenter;
    let on_presenter = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetPresenter(!presenter)))
    };
    let open_help = on_help.reform(|_: MouseEvent| true);

    let view = &state.view;
    let selected = state
        .selected_pod
        .as_ref()
        .and_then(|key| view.pods.iter().find(|p| &p.key == key).cloned());
    let focus = view.focus.clone();

    let tab = state.tab;
    let on_tab = use_callback(dispatcher.clone(), |tab: Tab, d| {
        d.dispatch(Action::SelectTab(tab))
    });
    let to_console = on_tab.reform(|_: MouseEvent| Tab::Console);

    html! {
        <div class={classes!("app", presenter.then_some("app--presenter"))} style={format!("--tick: {period}ms")}>
            <a class="skip" href="#console" onclick={to_console}>{"Skip to the kubectl console"}</a>
            <header class="topbar">
                <h1 class="brand">{"DeploySim"}</h1>
                <TimeBar
                    tick={state.tick()}
                    horizon={state.horizon}
                    playing={state.playing}
                    speed={state.speed}
                    {on_play} {on_step} {on_next} {on_speed} {on_seek} {on_reset}
                />
                <Scenarios {on_open} current={state.title().map(AttrValue::from)} />
                <Share scenario={state.scenario_yaml.clone()} tick={state.tick()} />
                <Glossary />
                <button type="button" class="presenter-toggle" aria-label="Presenter mode" aria-pressed={presenter.to_string()} onclick={on_presenter} title="Large type for a projector (P)">
                    {"Presenter"}<span class="wide-only">{" mode"}</span>
                </button>
                <button type="button" onclick={open_help} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
                    {"?"}
                </button>
                // In the sticky top bar, next to the scrubber that caused it.
                if let Some(moved) = &state.moved {
                    <div class="moved" role="status" data-testid="diff">
                        <span>{moved.clone()}</span>
                        <button type="button" class="small" onclick={on_dismiss_diff} aria-label="Dismiss the changes">{"×"}</button>
                    </div>
                }
            </header>
            if state.help {
                { help(&on_help.reform(|()| false)) }
            }
            if state.asking.is_some() {
                { resume_prompt(
                    state.tick(),
                    &view.deployments.iter().map(|d| {
                        if d.key.starts_with("default/") { d.name.clone() } else { d.key.clone() }
                    }).collect::<Vec<_>>(),
                    &on_answer,
                ) }
            }
            if let Some((reached, to)) = state.replaying() {
                <div class="notice replaying" role="status" data-testid="replaying">
                    {format!("Replaying every second up to t={to}s: t={reached}s so far. A step, a seek or a command stops it there.")}
                </div>
            }
            if let Some(notice) = &state.notice {
                <div class="notice" role="status">
                    <span>{notice}</span>
                    <button type="button" onclick={on_dismiss}>{"Dismiss"}</button>
                </div>
            }
            <main class="layout">
                // The story: what happens, why, and how it adds up, in the first screen.
                <div class="story">
                    <section class="story-main" aria-label="Cluster">
                        { narration(&state.narration) }
                        <div class="story-pods" id="pods">
                            <ClusterView
                                pods={view.pods.clone()}
                                replica_sets={view.replica_sets.clone()}
                                deployments={view.deployments.clone()}
                                nodes={view.nodes.clone()}
                                by_node={state.group_by_node}
                                selected={state.selected_pod.clone()}
                                {on_select}
                                on_group_by_node={on_group_by_node}
                                on_run={on_run.clone()}
                            />
                        </div>
                        if let Some(pod) = selected {
                            { pod_details(&PodDetailsProps {
                                cpu: state.pod_cpu(&pod.key),
                                pod,
                                now: state.tick(),
                                on_run: on_run.clone(),
                                on_close: on_close_pod,
                            }) }
                        }
                        if let Some(demand) = &view.demand {
                            { traffic_panel(demand, state.failed_since) }
                        }
                        <div class="story-chart" id="chart">
                            { chart(&ChartProps { data: state.chart.clone(), now: state.tick(), horizon: state.horizon }) }
                        </div>
                    </section>
                    <div class="story-why" id="why">
                        { decisions(&DecisionsProps { rows: state.decisions.clone() }) }
                    </div>
                    <div class="story-controls">
                        { controls(&ControlsProps {
                            focus: focus.clone(),
                            deployments: view.deployments.clone(),
                            on_focus,
                            images: view.images.clone(),
                            nodes: view.nodes.clone(),
                            on_run: on_run.clone(),
                            demand: view.demand.clone(),
                            hpa: view.hpa.clone(),
                            later: state.later.clone(),
                            now: state.tick(),
                            on_run_then,
                        }) }
                    </div>
                </div>
                // The rest, one click away.
                <div class="tabs">
                    { tab_list(tab, &on_tab) }
                    { tab_panel(Tab::Console, tab, html! { <>
                        <Console
                            entries={state.console.clone()}
                            commands={state.commands.clone()}
                            target={focus.as_ref().map(|f| f.target.clone())}
                            on_run={on_run.clone()}
                            pending={state.pending.clone()}
                            reader_failed={state.reader_failed}
                            on_focus={on_console_focus}
                            {on_confirm}
                            complete={(*complete).clone()}
                        />
                    </> }) }
                    { tab_panel(Tab::Yaml, tab, html! { <>
                        <YamlEditor
                            manifest={focus.as_ref().map(|f| f.manifest.clone()).unwrap_or_default()}
                            image={focus.as_ref().map(|f| f.image.clone()).unwrap_or_default()}
                            replicas={focus.as_ref().map_or(0, |f| f.replicas)}
                            applied={state.applied.clone()}
                            {on_apply}
                        />
                    </> }) }
                    // Drawn only while open: it holds nothing typed, and its rows change every tick.
                    { tab_panel(Tab::Tables, tab, html! { <>
                        if tab == Tab::Tables {
                            { tables(&TablesProps {
                                deployments: view.deployments.clone(),
                                replica_sets: view.replica_sets.clone(),
                                pods: view.pods.clone(),
                                now: state.tick(),
                            }) }
                        }
                    </> }) }
                    { tab_panel(Tab::Events, tab, html! { <>
                        if let Some(focus) = focus.clone() {
                            { conditions(&focus.name, &focus.conditions) }
                        }
                        <EventsLog rows={state.events.clone()} now={state.tick()} />
                    </> }) }
                    { tab_panel(Tab::History, tab, html! { <>
                        if let Some(focus) = focus.clone() {
                            <History
                                target={focus.target.clone()}
                                rows={Rc::new(focus.history.clone())}
                                on_run={on_run.clone()}
                            />
                        } else {
                            <p class="hint">{"There is no Deployment, so no rollout history."}</p>
                        }
                    </> }) }
                </div>
            </main>
        </div>
    }
}
