//! Demand on screen: the traffic panel (offered, served and failed requests per second now, and
//! the requests failed since the user's last change), the HorizontalPodAutoscaler beside the
//! Deployment, and the traffic control, which runs the `traffic SERVICE RPS [--over S]` verb
//! (or, with no Service, offers the `kubectl expose` that creates one).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::Command;
use super::tip::Tip;
use super::view::{DemandView, HpaView};
use crate::glossary::Term;

/// The traffic panel: what the Service's endpoints made of the load at the last tick, and
/// `failed` requests since the user's last change at tick `since` (0: none yet).
pub fn traffic_panel(demand: &DemandView, (failed, since): (i64, i64)) -> Html {
    let l = &demand.load;
    let since_text = if since > 0 {
        format!("since your last change (t={since}s)")
    } else {
        "since the start".to_string()
    };
    html! {
        <section class="panel traffic" aria-label="Traffic" data-testid="traffic">
            <span class="traffic-title"><Tip term={Term::Service}>{"Service"}</Tip>{" "}<code>{&demand.service}</code>{", requests per second:"}</span>
            <span>{"offered "}<b data-testid="traffic-offered">{l.offered}</b></span>
            <span>{"served "}<b data-testid="traffic-served">{l.served}</b></span>
            <span class={classes!((l.failed > 0).then_some("bad"))}>{"failed "}<b data-testid="traffic-failed">{l.failed}</b></span>
            <span><b>{l.endpoints}</b>{" "}<Tip term={Term::Endpoint}>{"endpoints"}</Tip></span>
            <span class={classes!("failed-since", (failed > 0).then_some("bad"))} data-testid="failed-since" data-failed={failed.to_string()}>
                {format!("{failed} requests failed {since_text}")}
            </span>
        </section>
    }
}

/// The HorizontalPodAutoscaler of the Deployment acted on, as `kubectl describe hpa` tells it.
pub fn autoscaler_panel(hpa: &HpaView, now: i64) -> Html {
    let cpu = match hpa.utilization {
        Some(u) => format!("{u}% (target {}%)", hpa.target),
        None => format!("<unknown> (target {}%)", hpa.target),
    };
    html! {
        <div class="hpa" data-testid="hpa" role="group" aria-labelledby="hpa-title">
            <h3 id="hpa-title"><Tip term={Term::HorizontalPodAutoscaler}>{"Autoscaler"}</Tip>{" "}<code>{&hpa.name}</code></h3>
            <dl class="facts">
                <dt><Tip term={Term::Utilization}>{"CPU"}</Tip></dt><dd data-testid="hpa-cpu">{cpu}</dd>
                <dt>{"Replicas"}</dt>
                <dd data-testid="hpa-replicas" data-current={hpa.current.to_string()} data-desired={hpa.desired.to_string()}>
                    {format!("{} current / {} desired, as of its last sync (every 15 s: the Deployment may be ahead)", hpa.current, hpa.desired)}
                </dd>
                <dt>{"Min / max"}</dt><dd>{format!("{} / {}", hpa.min, hpa.max)}</dd>
                <dt>{"Last scale"}</dt>
                <dd>{hpa.last_scale.map_or_else(|| "never".to_string(), |t| format!("t={t}s ({} s ago)", now - t))}</dd>
            </dl>
            if let Some(hold) = hpa.hold {
                <p class="hint" data-testid="hpa-hold" data-seconds={hold.seconds_left.to_string()}>
                    <Tip term={Term::StabilizationWindow}>{"Stabilization window"}</Tip>
                    {format!(": keeps {} pods (the CPU asks for {}) for {} s more.", hold.held, hold.wanted, hold.seconds_left)}
                </p>
            }
            if let Some(problem) = &hpa.problem {
                <p class="error">{problem}</p>
            }
        </div>
    }
}

/// With no Service: one line saying so, and the command that creates one.
pub fn no_service(target: &str, on_run: &Callback<Command>) -> Html {
    let line = format!("kubectl expose {target} --port=80");
    let onclick = {
        let line = line.clone();
        on_run.reform(move |_: MouseEvent| Command::line(line.clone()))
    };
    html! {
        <p class="hint traffic-control">
            <b>{"Traffic: "}</b>{"no "}<Tip term={Term::Service}>{"Service"}</Tip>{". "}
            <button type="button" class="small" {onclick} aria-label={format!("Run {line}")}>{"Run"}</button>
            {" "}<code>{line}</code>
        </p>
    }
}

/// After a rush: the load to go back to, after how many seconds, over how many.
type Back = Option<(i64, i64, i64)>;

/// The load shapes offered with a click: a name, the load, the ramp, and for a rush the way back.
const PRESETS: [(&str, i64, i64, Back); 4] = [
    ("Quiet 20 rps", 20, 10, None),
    ("Busy 300 rps", 300, 10, None),
    ("Lunch rush", 1200, 30, Some((20, 150, 60))),
    ("No traffic", 0, 0, None),
];

#[derive(Properties, PartialEq)]
pub struct TrafficProps {
    /// The Service as the `traffic` verb names it (`web`, `web -n shop`).
    pub target: AttrValue,
    /// The command waiting to run later (the end of a rush), and its tick.
    pub later: Option<(i64, AttrValue)>,
    pub on_run: Callback<Command>,
    /// Runs a command now and another after some seconds.
    pub on_run_then: Callback<(Command, Command, i64)>,
}

/// `traffic web 300 --over 10`.
fn traffic(target: &str, rps: i64, over: i64) -> Command {
    Command::line(if over > 0 {
        format!("traffic {target} {rps} --over {over}")
    } else {
        format!("traffic {target} {rps}")
    })
}

/// The traffic control: a load and a ramp typed in, or a preset shape. A component, like the
/// replicas control, so that numbers being typed survive the app's renders.
#[function_component(TrafficControl)]
pub fn traffic_control(props: &TrafficProps) -> Html {
    let rps = use_state(|| "100".to_string());
    let over = use_state(|| "0".to_string());
    let typed = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (rps, over, target, on_run) = (
            rps.clone(),
            over.clone(),
            props.target.clone(),
            props.on_run.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The verb judges the numbers and says what is wrong, in the console.
            let line = match over.trim() {
                "" | "0" => format!("traffic {target} {}", rps.trim()),
                s => format!("traffic {target} {} --over {s}", rps.trim()),
            };
            on_run.emit(Command::line(line));
        })
    };
    let target = props.target.to_string();
    html! {
        <form class="field traffic-control" {onsubmit} aria-labelledby="traffic-title">
            <span class="field-label" id="traffic-title">{"Traffic to "}<code>{&target}</code></span>
            <div class="row">
                <label>{"Requests per second"}
                    <input type="number" min="0" size="6" value={(*rps).clone()} oninput={typed(&rps)} />
                </label>
                <label>{"Ramp over (s)"}
                    <input type="number" min="0" size="4" value={(*over).clone()} oninput={typed(&over)} />
                </label>
                <button type="submit">{"Set load"}</button>
            </div>
            <div class="row presets">
                { for PRESETS.iter().map(|&(name, load, ramp, back)| {
                    let target = target.clone();
                    let onclick = match back {
                        None => props.on_run.reform(move |_: MouseEvent| traffic(&target, load, ramp)),
                        Some((to, after, down)) => props.on_run_then.reform(move |_: MouseEvent| {
                            (traffic(&target, load, ramp), traffic(&target, to, down), after)
                        }),
                    };
                    let title = match back {
                        None => format!("{load} requests per second"),
                        Some((to, after, down)) => format!(
                            "Up to {load} rps over {ramp} s, then back to {to} rps over {down} s, {after} s later"
                        ),
                    };
                    html! { <button type="button" class="small" {onclick} {title}>{name}</button> }
                }) }
            </div>
            if let Some((at, line)) = &props.later {
                <p class="hint">{format!("At t={at}s: ")}<code>{line}</code></p>
            }
        </form>
    }
}

/// What the controls column shows about traffic: the control, or how to get a Service.
pub fn traffic_section(
    demand: Option<&Rc<DemandView>>,
    deployment_target: &str,
    later: Option<&(i64, Command)>,
    on_run: &Callback<Command>,
    on_run_then: &Callback<(Command, Command, i64)>,
) -> Html {
    match demand {
        None => no_service(deployment_target, on_run),
        Some(d) => html! {
            <TrafficControl
                target={AttrValue::from(d.target.clone())}
                later={later.map(|(at, c)| (*at, AttrValue::from(c.line.clone())))}
                on_run={on_run.clone()}
                on_run_then={on_run_then.clone()}
            />
        },
    }
}
