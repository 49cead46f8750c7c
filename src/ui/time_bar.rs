//! The time bar (`TimeBar`): Play/Pause, Step, Next event (`Timeline::next_event`), speed,
//! Reset, and the scrubber that goes back to
//! any earlier second (`scenario::Timeline::seek`: deterministic replay from the nearest
//! checkpoint) and continues from there. While the scrubber is dragged it only previews the
//! second; the replay happens once, when it is let go. Its DOM keeps the `timeline` class and the
//! scrubber's "Timeline" name, which the end-to-end tests and the style sheet read.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::SPEEDS;

#[derive(Properties, PartialEq)]
pub struct TimeBarProps {
    pub tick: i64,
    /// The furthest tick reached: the scrubber's end.
    pub horizon: i64,
    pub playing: bool,
    pub speed: f64,
    pub on_play: Callback<bool>,
    pub on_step: Callback<()>,
    pub on_next: Callback<()>,
    pub on_speed: Callback<f64>,
    pub on_seek: Callback<i64>,
    pub on_reset: Callback<()>,
}

/// How a speed reads in the picker: `0.5×`, `10×`.
pub fn speed_label(speed: f64) -> String {
    format!("{}×", crate::decimal::shortest(speed))
}

#[function_component(TimeBar)]
pub fn time_bar(props: &TimeBarProps) -> Html {
    let playing = props.playing;
    let toggle = props.on_play.reform(move |_: MouseEvent| !playing);
    let step = props.on_step.reform(|_: MouseEvent| ());
    let reset = props.on_reset.reform(|_: MouseEvent| ());
    let next = props.on_next.reform(|_: MouseEvent| ());
    let speed = props.on_speed.reform(|e: Event| {
        crate::decimal::parse(&e.target_unchecked_into::<HtmlSelectElement>().value())
            .unwrap_or(1.0)
    });
    // Dragging previews the second; letting go replays to it (one replay, not one per pixel).
    let preview = use_state(|| None::<i64>);
    let read = |e: &Event| {
        e.target_unchecked_into::<HtmlInputElement>()
            .value()
            .parse::<i64>()
            .unwrap_or(0)
    };
    let drag = {
        let preview = preview.clone();
        Callback::from(move |e: InputEvent| preview.set(Some(read(&e))))
    };
    let seek = {
        let (preview, on_seek) = (preview.clone(), props.on_seek.clone());
        Callback::from(move |e: Event| {
            preview.set(None);
            on_seek.emit(read(&e));
        })
    };
    let shown = preview.unwrap_or(props.tick);
    let mut speeds: Vec<f64> = SPEEDS.to_vec();
    if !speeds.contains(&props.speed) {
        speeds.push(props.speed);
        crate::engine::sorting::sort_by(&mut speeds, &f64::total_cmp);
    }
    html! {
        <div class="timeline" role="group" aria-label="Time">
            <button type="button" class="primary" onclick={toggle} aria-label={if playing { "Pause" } else { "Play" }}>
                <span aria-hidden="true">{if playing { "❚❚" } else { "▶" }}</span>
                <span class="label">{if playing { " Pause" } else { " Play" }}</span>
            </button>
            <button type="button" onclick={step} aria-label="Step" title="Play one simulated second, then pause">
                <span aria-hidden="true">{"▶|"}</span><span class="label">{" Step"}</span>
            </button>
            <button type="button" onclick={next} aria-label="Next event" title="Jump to the next second in which something happens (N)">
                <span aria-hidden="true">{"▶▶|"}</span><span class="label">{" Next event"}</span>
            </button>
            <label class="speed">
                <span class="label">{"Speed "}</span>
                <select aria-label="Speed" onchange={speed}>
                    { for speeds.iter().map(|&s| html! {
                        <option value={crate::decimal::shortest(s)} selected={s == props.speed}>{speed_label(s)}</option>
                    }) }
                </select>
            </label>
            <button type="button" onclick={reset} aria-label="Reset" title="Start the scenario over">
                <span aria-hidden="true">{"↺"}</span><span class="label">{" Reset"}</span>
            </button>
            <input
                type="range"
                class="scrubber"
                aria-label="Timeline (simulated seconds)"
                min="0"
                max={props.horizon.to_string()}
                value={shown.to_string()}
                aria-valuetext={format!("{shown} seconds")}
                oninput={drag}
                onchange={seek}
            />
            <output class="clock" aria-live="off">{format!("t = {shown}s")}</output>
        </div>
    }
}
