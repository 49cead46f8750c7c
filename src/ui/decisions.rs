//! The why: each controller decision in plain language with its arithmetic (`crate::why`), told
//! as stories (a rollout, a scale, a self-heal), each read oldest first. The latest story is
//! last on screen and the list starts scrolled to its end (CSS `column-reverse`), so that the
//! latest line shows without scrolling; in the document, and to a screen reader, the latest
//! story comes first.

use std::rc::Rc;

use yew::prelude::*;

use super::state::DecisionRow;

/// What `decisions` draws from.
pub struct DecisionsProps {
    /// Newest first.
    pub rows: Rc<Vec<DecisionRow>>,
}

pub fn decisions(props: &DecisionsProps) -> Html {
    // The stories, newest first (the order their newest rows come in), each with its rows.
    let mut stories: Vec<Vec<&DecisionRow>> = Vec::new();
    for row in props.rows.iter() {
        match stories.iter_mut().find(|s| s[0].story == row.story) {
            Some(story) => story.push(row),
            None => stories.push(vec![row]),
        }
    }
    html! {
        <section class="panel decisions" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{"Why: controller decisions"}</h2>
            if props.rows.is_empty() {
                <p class="hint">{"Nothing decided yet: change the Deployment to see the controller reason."}</p>
            } else {
                <ol class="scroll stories" tabindex="0" aria-label="Decisions by story, latest story first, each oldest first">
                    { for stories.iter().map(|rows| {
                        let first = rows[0];
                        let d = &first.decision;
                        let title = match first.told {
                            Some(story) => crate::why::story_title(&d.deployment, story),
                            None => d.deployment.clone(),
                        };
                        html! {
                            <li key={first.story} class="why-story">
                                <h3>{title}</h3>
                                <ol class="decision-list">
                                    { for rows.iter().rev().map(|r| html! {
                                        <li key={r.seq} data-testid="decision">
                                            <span class="at">{format!("t={}s", r.decision.time)}</span>
                                            <span class="text">{&r.text}</span>
                                        </li>
                                    }) }
                                </ol>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}
