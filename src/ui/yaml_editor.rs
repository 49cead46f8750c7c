//! The YAML editor: edit the Deployment and Apply (`kubectl apply -f -`). Validation errors are
//! listed next to the text with their field paths.
//!
//! It follows the live object: while the text is the object as last loaded, a change made
//! elsewhere (the controls, the console, a scenario) loads the new one, and so does a
//! successful Apply. Once the user has edited the text it is never replaced behind their back:
//! when the live object then changes, the editor says so and what changed ("image is now
//! nginx:1.26"), since applying the old text would undo it, and "Reload from cluster" replaces
//! the text only when asked.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::state::ConsoleEntry;

#[derive(Properties, PartialEq)]
pub struct YamlEditorProps {
    /// The live Deployment as a manifest (what "Reload from cluster" puts in the editor).
    pub manifest: String,
    /// Its first container's image and its replicas, which the editor names when they changed.
    pub image: String,
    pub replicas: i32,
    /// The result of the last Apply.
    pub applied: Option<Rc<ConsoleEntry>>,
    pub on_apply: Callback<String>,
}

/// One problem reported by the API server or the manifest reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The field path (`spec.replicas`), when the line names one.
    pub field: Option<String>,
    pub message: String,
}

/// Splits kubectl's error output into problems, one per cause, with their field paths:
/// `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be ...` and the
/// multi-cause form (`* spec.x: ...` lines).
pub fn problems(output: &str) -> Vec<Problem> {
    let mut list = Vec::new();
    // The multi-cause form's first line (`The Deployment "web" is invalid:`) only announces
    // the list that follows.
    for line in output
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.ends_with(" is invalid:"))
    {
        let cause = line
            .strip_prefix("* ")
            .or_else(|| line.split_once(" is invalid: ").map(|(_, rest)| rest))
            .unwrap_or(line);
        if cause.is_empty() {
            continue;
        }
        let field = cause
            .split_once(": ")
            .map(|(head, _)| head)
            .filter(|head| looks_like_field_path(head));
        list.push(Problem {
            field: field.map(str::to_string),
            message: field
                .map_or(cause, |f| cause[f.len() + 2..].trim_start())
                .to_string(),
        });
    }
    list
}

/// The live object as the editor last loaded it.
#[derive(Debug, Clone, PartialEq)]
struct Loaded {
    manifest: String,
    image: String,
    replicas: i32,
}

/// What changed in the live object since `loaded`, in a few words ("image is now nginx:1.26").
fn changes(loaded: &Loaded, props: &YamlEditorProps) -> String {
    let mut what = Vec::new();
    if loaded.image != props.image {
        what.push(format!("image is now {}", props.image));
    }
    if loaded.replicas != props.replicas {
        what.push(format!("replicas is now {}", props.replicas));
    }
    if what.is_empty() {
        "its spec is different".to_string()
    } else {
        what.join(", ")
    }
}

/// `spec.template.spec.containers[0].image`, `metadata.name`: dotted, no spaces.
fn looks_like_field_path(text: &str) -> bool {
    text.contains('.')
        && !text.contains(' ')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '[' | ']' | '-' | '_' | '/'))
}

#[function_component(YamlEditor)]
pub fn yaml_editor(props: &YamlEditorProps) -> Html {
    let live = Loaded {
        manifest: props.manifest.clone(),
        image: props.image.clone(),
        replicas: props.replicas,
    };
    let draft = use_state(|| props.manifest.clone());
    let loaded = use_state(|| live.clone());
    let edited = *draft != loaded.manifest;
    // Not edited: follow the live object. Edited: keep the text (the notice below says so).
    {
        let (draft, loaded, live) = (draft.clone(), loaded.clone(), live.clone());
        use_effect_with(props.manifest.clone(), move |_| {
            if *draft == loaded.manifest && loaded.manifest != live.manifest {
                draft.set(live.manifest.clone());
                loaded.set(live);
            }
        });
    }
    // Applied: the live object is now what the text said.
    {
        let (draft, loaded, live) = (draft.clone(), loaded.clone(), live.clone());
        use_effect_with(props.applied.clone(), move |applied| {
            if applied.as_ref().is_some_and(|a| a.ok) {
                draft.set(live.manifest.clone());
                loaded.set(live);
            }
        });
    }
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let apply = {
        let (draft, on_apply) = (draft.clone(), props.on_apply.clone());
        Callback::from(move |_: MouseEvent| on_apply.emit((*draft).clone()))
    };
    let reload = {
        let (draft, loaded, live) = (draft.clone(), loaded.clone(), live.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(live.manifest.clone());
            loaded.set(live.clone());
        })
    };
    let stale = edited && loaded.manifest != props.manifest;
    let reload_button =
        html! { <button type="button" onclick={reload}>{"Reload from cluster"}</button> };
    let feedback = props.applied.as_ref().map(|entry| {
        if entry.ok {
            html! { <p class="ok" role="status">{&entry.output}</p> }
        } else {
            html! {
                <div class="error" role="alert">
                    <p>{"Not applied; your text is unchanged."}</p>
                    <ul>
                        { for problems(&entry.output).into_iter().map(|p| html! {
                            <li>
                                if let Some(field) = p.field { <code class="field-path">{field}</code>{": "} }
                                {p.message}
                            </li>
                        }) }
                    </ul>
                </div>
            }
        }
    });
    html! {
        <section class="panel yaml" aria-labelledby="yaml-title">
            <h2 id="yaml-title">{"YAML"}</h2>
            <div class="yaml-body">
                <label for="yaml-text" class="field-label">{"Deployment YAML"}</label>
                <textarea
                    id="yaml-text"
                    name="Deployment YAML"
                    spellcheck="false"
                    rows="18"
                    aria-describedby="yaml-feedback"
                    value={(*draft).clone()}
                    {oninput}
                />
                <div id="yaml-feedback" class="yaml-feedback">
                    if stale {
                        <div class="error" role="status" data-testid="yaml-stale">
                            <p>{format!(
                                "The Deployment changed since you started editing ({}). Applying your text would undo that.",
                                changes(&loaded, props)
                            )}</p>
                            {reload_button.clone()}
                        </div>
                    }
                    { for feedback }
                </div>
            </div>
            <div class="row">
                <button type="button" class="primary" onclick={apply}>{"Apply"}</button>
                if !stale { {reload_button} }
                <code class="hint">{"kubectl apply -f -"}</code>
            </div>
        </section>
    }
}
