//! Opening a scenario: the default, one of the examples shipped with the project, or a scenario
//! file pasted in (the same format as `deploysim run FILE`). It opens paused at t = 0, so that
//! a class can step through it; Reset returns to it.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::scenario::Scenario;

/// The examples, by file name, with their text (compiled in: the page works offline).
pub const EXAMPLES: [(&str, &str); 6] = [
    (
        "rolling-update.yaml",
        include_str!("../../examples/rolling-update.yaml"),
    ),
    (
        "recreate.yaml",
        include_str!("../../examples/recreate.yaml"),
    ),
    (
        "crashloop-and-deadline.yaml",
        include_str!("../../examples/crashloop-and-deadline.yaml"),
    ),
    (
        "node-failure.yaml",
        include_str!("../../examples/node-failure.yaml"),
    ),
    (
        "proportional-scaling.yaml",
        include_str!("../../examples/proportional-scaling.yaml"),
    ),
    (
        "environments.yaml",
        include_str!("../../examples/environments.yaml"),
    ),
];

/// The default scenario's name in the picker.
pub const DEFAULT: &str = "default (web, 4 replicas)";

/// Reads the scenario a picker entry names, or a pasted text.
pub fn read(name: &str, pasted: &str) -> Result<Scenario, String> {
    if name == DEFAULT {
        return Ok(Scenario::default_web());
    }
    let (source, text) = EXAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(("pasted scenario", pasted), |(n, t)| (*n, *t));
    Scenario::parse(text, source).map_err(|e| e.to_string())
}

#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    pub on_open: Callback<Scenario>,
}

#[function_component(Scenarios)]
pub fn scenarios(props: &ScenariosProps) -> Html {
    let choice = use_state(|| EXAMPLES[0].0.to_string());
    let pasted = use_state(String::new);
    let error = use_state(|| None::<String>);
    let on_choice = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            choice.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let on_paste = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            pasted.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let open = |name: Option<UseStateHandle<String>>| {
        let (pasted, error, on_open) = (pasted.clone(), error.clone(), props.on_open.clone());
        Callback::from(move |_: MouseEvent| {
            let name = name.as_ref().map_or(String::new(), |n| (**n).clone());
            match read(&name, &pasted) {
                Ok(scenario) => {
                    error.set(None);
                    on_open.emit(scenario);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    html! {
        <section class="panel scenarios" aria-labelledby="scenarios-title">
            <h2 id="scenarios-title">{"Scenario"}</h2>
            <div class="row">
                <label for="scenario-picker" class="field-label">{"Example"}</label>
                <select id="scenario-picker" onchange={on_choice}>
                    { for EXAMPLES.iter().map(|(name, _)| name).chain([&DEFAULT]).map(|name| html! {
                        <option value={*name} selected={*name == *choice}>{*name}</option>
                    }) }
                </select>
                <button type="button" onclick={open(Some(choice.clone()))}>{"Open example"}</button>
            </div>
            <details>
                <summary>{"Paste a scenario file"}</summary>
                <label for="scenario-text" class="field-label">{"Scenario YAML"}</label>
                <textarea id="scenario-text" rows="8" spellcheck="false" value={(*pasted).clone()}
                    oninput={on_paste} placeholder="duration: 60\nmanifests: |\n  apiVersion: apps/v1\n  ..." />
                <button type="button" onclick={open(None)}>{"Open pasted scenario"}</button>
            </details>
            if let Some(message) = &*error {
                <p class="error" role="alert">{message}</p>
            }
        </section>
    }
}
