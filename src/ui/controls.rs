//! Controls that need no typing. Each one issues the kubectl line a user would type (scale,
//! set image, apply, rollout pause/resume/restart, the node fault verbs), so the console teaches
//! the CLI as the buttons are used.

use std::rc::Rc;

use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::demand::{autoscaler_panel, traffic_section};
use super::state::Command;
use super::tip::Tip;
use super::view::{shown, DemandView, DeploymentRow, FocusView, HpaView, NodeView};
use crate::engine::{StrategyType, MAX_REPLICAS};
use crate::glossary::Term;

/// What `controls` offers.
pub struct ControlsProps {
    /// The Deployment acted on; `None` when there is none (controls are then disabled).
    pub focus: Option<Rc<FocusView>>,
    /// Every Deployment: with more than one, a picker chooses the one acted on.
    pub deployments: Rc<Vec<DeploymentRow>>,
    /// Picks the Deployment acted on (`namespace/name`).
    pub on_focus: Callback<String>,
    /// The images the picker offers.
    pub images: Rc<Vec<String>>,
    pub nodes: Rc<Vec<NodeView>>,
    pub on_run: Callback<Command>,
    /// The Deployment's Service and load, and its autoscaler (`None`: it has none).
    pub demand: Option<Rc<DemandView>>,
    pub hpa: Option<Rc<HpaView>>,
    /// The command waiting to run later (the end of a lunch rush), with its tick.
    pub later: Option<(i64, Command)>,
    pub now: i64,
    /// Runs a command now and another after some seconds (`Action::RunThen`).
    pub on_run_then: Callback<(Command, Command, i64)>,
}

/// The strategy editor's fields, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategyDraft {
    pub kind: StrategyType,
    pub max_surge: String,
    pub max_unavailable: String,
    pub min_ready_seconds: String,
    pub progress_deadline_seconds: String,
}

impl StrategyDraft {
    pub fn of(focus: &FocusView) -> Self {
        StrategyDraft {
            kind: focus.strategy,
            max_surge: focus.max_surge.clone(),
            max_unavailable: focus.max_unavailable.clone(),
            min_ready_seconds: focus.min_ready_seconds.to_string(),
            progress_deadline_seconds: focus.progress_deadline_seconds.to_string(),
        }
    }
}

/// `3` stays a number, `25%` (or anything else) a string: the API server judges the rest (and
/// rejects, with its own message, a string where it wants a number).
fn int_or_string(text: &str) -> Value {
    let text = text.trim();
    text.parse::<i64>()
        .map_or_else(|_| Value::String(text.to_string()), Value::from)
}

/// The live manifest with the strategy fields replaced by the draft's: the text piped to
/// `kubectl apply -f -`.
pub fn strategy_manifest(manifest: &str, draft: &StrategyDraft) -> Result<String, String> {
    let mut object = crate::manifest::yaml_value(manifest).map_err(|e| e.to_string())?;
    let spec = object
        .get_mut("spec")
        .and_then(Value::as_object_mut)
        .ok_or("the manifest has no spec")?;
    let strategy = match draft.kind {
        StrategyType::Recreate => serde_json::json!({ "type": "Recreate" }),
        StrategyType::RollingUpdate => serde_json::json!({
            "type": "RollingUpdate",
            "rollingUpdate": {
                "maxSurge": int_or_string(&draft.max_surge),
                "maxUnavailable": int_or_string(&draft.max_unavailable),
            },
        }),
    };
    spec.insert("strategy".into(), strategy);
    spec.insert(
        "minReadySeconds".into(),
        int_or_string(&draft.min_ready_seconds),
    );
    spec.insert(
        "progressDeadlineSeconds".into(),
        int_or_string(&draft.progress_deadline_seconds),
    );
    Ok(crate::manifest::to_yaml(&object))
}

pub fn controls(props: &ControlsProps) -> Html {
    let Some(focus) = props.focus.clone() else {
        return html! {
            <section class="panel controls" aria-labelledby="controls-title">
                <h2 id="controls-title">{"Deployment"}</h2>
                <p>{"There is no Deployment. Apply one in the YAML editor or the console."}</p>
            </section>
        };
    };
    let title = if props.deployments.len() > 1 {
        let on_change = props
            .on_focus
            .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
        html! {
            <div class="focus-picker">
                <h2 id="controls-title"><Tip term={Term::Deployment}>{"Deployment"}</Tip></h2>
                <select aria-label="Deployment acted on" onchange={on_change}>
                    { for props.deployments.iter().map(|d| html! {
                        <option value={d.key.clone()} selected={d.key == focus.key}>
                            {shown(&d.key)}
                        </option>
                    }) }
                </select>
            </div>
        }
    } else {
        html! {
            <h2 id="controls-title">
                <Tip term={Term::Deployment}>{"Deployment"}</Tip>{" "}<code>{&focus.name}</code>
            </h2>
        }
    };
    html! {
        <section class="panel controls" aria-labelledby="controls-title">
            {title}
            if let Some(hpa) = &props.hpa {
                { autoscaler_panel(hpa, props.now) }
            }
            <Replicas focus={focus.clone()} on_run={props.on_run.clone()} />
            { image_picker(&focus, &props.images, &props.on_run) }
            { rollout(&focus, &props.on_run) }
            <StrategyEditor focus={focus.clone()} on_run={props.on_run.clone()} />
            { nodes(&props.nodes, &props.on_run) }
            { traffic_section(props.demand.as_ref(), &focus.target, props.later.as_ref(), &props.on_run, &props.on_run_then) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FocusProps {
    focus: Rc<FocusView>,
    on_run: Callback<Command>,
}

fn scale(focus: &FocusView, replicas: i64) -> Command {
    let replicas = replicas.clamp(0, i64::from(MAX_REPLICAS));
    Command::line(format!(
        "kubectl scale {} --replicas={replicas}",
        focus.target
    ))
}

/// Replicas: a stepper and a slider (`kubectl scale`). A component, unlike the other controls: Yew
/// writes an input's `value` back whenever its owner renders, so a number being typed survives the
/// app's renders on every tick only because this re-renders when the Deployment changes.
#[function_component(Replicas)]
fn replicas(props: &FocusProps) -> Html {
    let (focus, on_run) = (&props.focus, &props.on_run);
    let replicas = i64::from(focus.replicas);
    let step = |delta: i64| {
        let focus = focus.clone();
        on_run.reform(move |_: MouseEvent| scale(&focus, replicas + delta))
    };
    let from_input = {
        let focus = focus.clone();
        on_run.reform(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            scale(&focus, value.trim().parse::<i64>().unwrap_or(replicas))
        })
    };
    let slider_max = (replicas * 2).clamp(20, i64::from(MAX_REPLICAS));
    html! {
        <div class="field">
            <span class="field-label"><Tip term={Term::Replicas}>{"Replicas"}</Tip></span>
            <div class="stepper">
                <button type="button" onclick={step(-1)} disabled={replicas == 0} aria-label="One replica fewer">{"−"}</button>
                <input type="number" min="0" max={MAX_REPLICAS.to_string()} value={replicas.to_string()}
                    aria-label="Replicas" onchange={from_input.clone()} />
                <button type="button" onclick={step(1)} aria-label="One replica more">{"+"}</button>
            </div>
            <input type="range" min="0" max={slider_max.to_string()} value={replicas.to_string()}
                aria-label="Replicas slider" onchange={from_input} />
        </div>
    }
}

/// Image: the known tags (`kubectl set image`).
fn image_picker(focus: &FocusView, images: &[String], on_run: &Callback<Command>) -> Html {
    let onchange = {
        let (target, container) = (focus.target.clone(), focus.container.clone());
        on_run.reform(move |e: Event| {
            let image = e.target_unchecked_into::<HtmlSelectElement>().value();
            Command::line(format!("kubectl set image {target} {container}={image}"))
        })
    };
    html! {
        <div class="field">
            <label class="field-label" for="image-picker">
                <Tip term={Term::Image}>{"Image"}</Tip>{format!(" of container {}", focus.container)}
            </label>
            <select id="image-picker" {onchange}>
                { for images.iter().map(|image| html! {
                    <option value={image.clone()} selected={*image == focus.image}>{image}</option>
                }) }
            </select>
        </div>
    }
}

/// Pause/resume and restart (`kubectl rollout ...`).
fn rollout(focus: &FocusView, on_run: &Callback<Command>) -> Html {
    let target = focus.target.clone();
    let verb = if focus.paused { "resume" } else { "pause" };
    let toggle = {
        let line = format!("kubectl rollout {verb} {target}");
        on_run.reform(move |_: MouseEvent| Command::line(line.clone()))
    };
    let restart = {
        let line = format!("kubectl rollout restart {target}");
        on_run.reform(move |_: MouseEvent| Command::line(line.clone()))
    };
    html! {
        <div class="field row">
            <Tip term={Term::Paused} control=true>
                <button type="button" onclick={toggle} aria-pressed={focus.paused.to_string()}>
                    {if focus.paused { "Resume rollout" } else { "Pause rollout" }}
                </button>
            </Tip>
            <button type="button" onclick={restart}>{"Restart"}</button>
        </div>
    }
}

/// The strategy: type, maxSurge, maxUnavailable (number or %), minReadySeconds and
/// progressDeadlineSeconds, applied as the edited manifest (`kubectl apply -f -`).
#[function_component(StrategyEditor)]
fn strategy_editor(props: &FocusProps) -> Html {
    let draft = use_state(|| StrategyDraft::of(&props.focus));
    // A change made elsewhere (console, YAML) replaces what the form shows.
    {
        let draft = draft.clone();
        use_effect_with(StrategyDraft::of(&props.focus), move |live| {
            draft.set(live.clone());
        });
    }
    let error = use_state(|| None::<String>);
    let field = |set: fn(&mut StrategyDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            set(
                &mut next,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            draft.set(next);
        })
    };
    let on_kind = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut next = (*draft).clone();
            next.kind =
                StrategyType::parse(&e.target_unchecked_into::<HtmlSelectElement>().value())
                    .unwrap_or(StrategyType::RollingUpdate);
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, error, focus, on_run) = (
            draft.clone(),
            error.clone(),
            props.focus.clone(),
            props.on_run.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match strategy_manifest(&focus.manifest, &draft) {
                Ok(stdin) => {
                    error.set(None);
                    on_run.emit(Command {
                        line: "kubectl apply -f -".into(),
                        stdin: Some(stdin),
                    });
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let rolling = draft.kind == StrategyType::RollingUpdate;
    html! {
        <form class="strategy" {onsubmit} aria-labelledby="strategy-title">
            <h3 id="strategy-title"><Tip term={Term::Strategy}>{"Strategy"}</Tip></h3>
            <label><Tip term={if rolling { Term::RollingUpdate } else { Term::Recreate }}>{"Type"}</Tip>
                <select onchange={on_kind}>
                    <option value="RollingUpdate" selected={rolling}>{"RollingUpdate"}</option>
                    <option value="Recreate" selected={!rolling}>{"Recreate"}</option>
                </select>
            </label>
            <label><Tip term={Term::MaxSurge}>{"maxSurge"}</Tip>
                <input type="text" inputmode="numeric" size="5" value={draft.max_surge.clone()} disabled={!rolling}
                    oninput={field(|d, v| d.max_surge = v)} />
            </label>
            <label><Tip term={Term::MaxUnavailable}>{"maxUnavailable"}</Tip>
                <input type="text" inputmode="numeric" size="5" value={draft.max_unavailable.clone()} disabled={!rolling}
                    oninput={field(|d, v| d.max_unavailable = v)} />
            </label>
            <label><Tip term={Term::MinReadySeconds}>{"minReadySeconds"}</Tip>
                <input type="number" min="0" value={draft.min_ready_seconds.clone()}
                    oninput={field(|d, v| d.min_ready_seconds = v)} />
            </label>
            <label><Tip term={Term::ProgressDeadlineSeconds}>{"progressDeadlineSeconds"}</Tip>
                <input type="number" min="1" value={draft.progress_deadline_seconds.clone()}
                    oninput={field(|d, v| d.progress_deadline_seconds = v)} />
            </label>
            <button type="submit">{"Apply strategy"}</button>
            <p class="hint fenceposts">
                {format!(
                    "Now: at most {} pods in all (replicas + maxSurge), at least {} available (replicas − maxUnavailable).",
                    props.focus.ceiling, props.focus.floor
                )}
            </p>
            if let Some(message) = &*error {
                <p class="error" role="alert">{message}</p>
            }
        </form>
    }
}

/// Nodes: fail and recover (the `fault node-down` / `fault node-up` verbs).
fn nodes(nodes: &[NodeView], on_run: &Callback<Command>) -> Html {
    html! {
        <div class="field">
            <span class="field-label">{"Nodes"}</span>
            <ul class="node-list">
                { for nodes.iter().map(|node| {
                    let (verb, text) = if node.ready { ("node-down", "Fail") } else { ("node-up", "Recover") };
                    let line = format!("fault {verb} {}", node.name);
                    let onclick = on_run.reform(move |_: MouseEvent| Command::line(line.clone()));
                    html! {
                        <li key={node.name.clone()}>
                            <span class={classes!("node-dot", (!node.ready).then_some("node-dot--down"))} aria-hidden="true"></span>
                            {format!("{} ", node.name)}
                            <span class="sr-only">{if node.ready { "Ready" } else { "NotReady" }}</span>
                            <button type="button" class="small" {onclick} aria-label={format!("{text} {}", node.name)}>{text}</button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
