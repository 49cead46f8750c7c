//! The question a returning visitor is asked (`ResumePrompt`): resume the saved session, or start
//! afresh. Escape resumes, which changes nothing.

use yew::prelude::*;

use super::modal::Modal;

#[derive(Properties, PartialEq)]
pub struct ResumePromptProps {
    /// The tick the saved session is at.
    pub tick: i64,
    /// The Deployments it holds, by name.
    pub deployments: Vec<String>,
    /// True: resume; false: start fresh.
    pub on_answer: Callback<bool>,
}

#[function_component(ResumePrompt)]
pub fn resume_prompt(props: &ResumePromptProps) -> Html {
    let what = match props.deployments.as_slice() {
        [] => "no Deployment".to_string(),
        [one] => format!("Deployment {one}"),
        many => format!("Deployments {}", many.join(", ")),
    };
    html! {
        <Modal labelled_by="resume-title" on_close={props.on_answer.reform(|value: String| value != "fresh")}>
            <h2 id="resume-title">{"Welcome back"}</h2>
            <p>{format!("Resume where you left off (t={}s, {what})?", props.tick)}</p>
            <form method="dialog" class="row">
                <button class="primary" value="resume">{"Resume"}</button>
                <button value="fresh">{"Start fresh"}</button>
            </form>
        </Modal>
    }
}
