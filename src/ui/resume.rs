//! The question a returning visitor is asked (`ResumePrompt`): resume the saved session, or start
//! afresh. Escape resumes, which changes nothing.

use yew::prelude::*;

use super::modal::Modal;

/// The question for a saved session at `tick` holding `deployments` (by name); `on_answer` gets
/// true to resume, false to start fresh.
pub fn resume_prompt(tick: i64, deployments: &[String], on_answer: &Callback<bool>) -> Html {
    let what = match deployments {
        [] => "no Deployment".to_string(),
        [one] => format!("Deployment {one}"),
        many => format!("Deployments {}", many.join(", ")),
    };
    html! {
        <Modal labelled_by="resume-title" on_close={on_answer.reform(|value: String| value != "fresh")}>
            <h2 id="resume-title">{"Welcome back"}</h2>
            <p>{format!("Resume where you left off (t={}s, {what})?", tick)}</p>
            <form method="dialog" class="row">
                <button class="primary" value="resume">{"Resume"}</button>
                <button value="fresh">{"Start fresh"}</button>
            </form>
        </Modal>
    }
}
