//! The YAML editor: edit the Deployment and Apply (`kubectl apply -f -`). Validation errors are
//! listed next to the text with their field paths; the text being edited is never replaced
//! except by an explicit "Load live object".

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::state::ConsoleEntry;

#[derive(Properties, PartialEq)]
pub struct YamlEditorProps {
    /// The live Deployment as a manifest (what "Load live object" puts in the editor).
    pub manifest: String,
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
    let draft = use_state(|| props.manifest.clone());
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
    let load = {
        let (draft, manifest) = (draft.clone(), props.manifest.clone());
        Callback::from(move |_: MouseEvent| draft.set(manifest.clone()))
    };
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
                <div id="yaml-feedback" class="yaml-feedback">{ for feedback }</div>
            </div>
            <div class="row">
                <button type="button" class="primary" onclick={apply}>{"Apply"}</button>
                <button type="button" onclick={load}>{"Load live object"}</button>
                <code class="hint">{"kubectl apply -f -"}</code>
            </div>
        </section>
    }
}
