//! The why: each controller decision in plain language with its arithmetic (`crate::why`),
//! newest first (for example "... maxSurge 25% of 10 = 3 (rounded up), so at most 10 + 3 = 13
//! pods in all ...").

use std::rc::Rc;

use yew::prelude::*;

use super::state::DecisionRow;

#[derive(Properties, PartialEq)]
pub struct DecisionsProps {
    /// Newest first.
    pub rows: Rc<Vec<DecisionRow>>,
}

#[function_component(Decisions)]
pub fn decisions(props: &DecisionsProps) -> Html {
    html! {
        <section class="panel decisions" aria-labelledby="decisions-title">
            <h2 id="decisions-title">{"Why: controller decisions"}</h2>
            if props.rows.is_empty() {
                <p class="hint">{"Nothing decided yet: change the Deployment to see the controller reason."}</p>
            } else {
                <ol class="scroll decision-list" tabindex="0" aria-label="Decisions, newest first">
                    { for props.rows.iter().map(|d| html! {
                        <li key={d.seq}>
                            <span class="at">{format!("t={}s", d.time)}</span>
                            <span class="who">{&d.deployment}</span>
                            <span class="text">{&d.text}</span>
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
