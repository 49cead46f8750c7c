//! Opening a scenario, from the top bar: the picker lists the examples shipped with the project
//! by their title, each with its description (both from the file), and the default; a smaller
//! disclosure takes a scenario file pasted in (the same format as `deploysim run FILE`). It
//! opens paused at t = 0 with the pods scrolled into view, so that a class can step through it;
//! Reset returns to it.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::scenario::Scenario;

/// The examples, by file name, with their text (compiled in: the page works offline).
pub const EXAMPLES: [(&str, &str); 10] = [
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
    (
        "rolling-update-under-load.yaml",
        include_str!("../../examples/rolling-update-under-load.yaml"),
    ),
    (
        "recreate-under-load.yaml",
        include_str!("../../examples/recreate-under-load.yaml"),
    ),
    (
        "lunch-rush.yaml",
        include_str!("../../examples/lunch-rush.yaml"),
    ),
    (
        "hpa-without-requests.yaml",
        include_str!("../../examples/hpa-without-requests.yaml"),
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

/// What the default scenario does, in the picker.
const DEFAULT_DESCRIPTION: &str =
    "Deployment web: 4 replicas of nginx:1.25, nothing scripted. Try the controls and the console.";

#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    pub on_open: Callback<Scenario>,
    /// The title of the scenario open now (`None`: the default or an untitled file).
    pub current: Option<AttrValue>,
}

/// An entry of the picker: its name for `read`, title and description.
struct Entry {
    name: &'static str,
    title: String,
    description: String,
}

/// The picker's entries: the examples by title (their file name when they have none), then the
/// default.
fn entries() -> Vec<Entry> {
    let mut list: Vec<Entry> = EXAMPLES
        .iter()
        .map(|(name, text)| {
            let scenario = Scenario::parse(text, name).ok();
            let field =
                |f: fn(&Scenario) -> &Option<String>| scenario.as_ref().and_then(|s| f(s).clone());
            Entry {
                name,
                title: field(|s| &s.title).unwrap_or_else(|| name.to_string()),
                description: field(|s| &s.description).unwrap_or_default(),
            }
        })
        .collect();
    list.push(Entry {
        name: DEFAULT,
        title: DEFAULT.to_string(),
        description: DEFAULT_DESCRIPTION.to_string(),
    });
    list
}

/// Closes the picker and brings the pods into view, from the narration just above them (which
/// may change length as the example opens: below it, the pods stay in view).
fn close_and_show_pods(picker: &NodeRef) {
    if let Some(el) = picker.cast::<web_sys::Element>() {
        let _ = el.remove_attribute("open");
    }
    let cluster = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".narration").ok().flatten());
    if let Some(el) = cluster {
        el.scroll_into_view();
    }
}

#[function_component(Scenarios)]
pub fn scenarios(props: &ScenariosProps) -> Html {
    let entries = use_memo((), |()| entries());
    let pasted = use_state(String::new);
    let error = use_state(|| None::<String>);
    let picker = use_node_ref();
    let on_paste = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            pasted.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let open = |name: &'static str| {
        let (pasted, error, on_open, picker) = (
            pasted.clone(),
            error.clone(),
            props.on_open.clone(),
            picker.clone(),
        );
        Callback::from(move |_: MouseEvent| match read(name, &pasted) {
            Ok(scenario) => {
                error.set(None);
                on_open.emit(scenario);
                close_and_show_pods(&picker);
            }
            Err(message) => error.set(Some(message)),
        })
    };
    let current = props.current.as_deref();
    html! {
        <details class="picker scenarios" ref={picker.clone()}>
            <summary title="Open an example scenario">
                {"Examples"}<span class="current">{current.unwrap_or("default")}</span>
            </summary>
            <div class="picker-panel">
                <ul class="examples" aria-label="Examples">
                    { for entries.iter().enumerate().map(|(i, e)| {
                        let id = format!("example-{i}");
                        let chosen = current == Some(e.title.as_str())
                            || (current.is_none() && e.name == DEFAULT);
                        html! {
                            <li>
                                <button type="button" aria-describedby={id.clone()}
                                    aria-current={chosen.then_some("true")} onclick={open(e.name)}>
                                    {&e.title}
                                </button>
                                <p id={id} class="hint">{&e.description}</p>
                            </li>
                        }
                    }) }
                </ul>
                <details class="paste">
                    <summary>{"Paste a scenario file"}</summary>
                    <label for="scenario-text" class="field-label">{"Scenario YAML"}</label>
                    <textarea id="scenario-text" rows="8" spellcheck="false" value={(*pasted).clone()}
                        oninput={on_paste} placeholder="title: My scenario\nduration: 60\nmanifests: |\n  apiVersion: apps/v1\n  ..." />
                    <button type="button" onclick={open("")}>{"Open pasted scenario"}</button>
                </details>
                if let Some(message) = &*error {
                    <p class="error" role="alert">{message}</p>
                }
            </div>
        </details>
    }
}
