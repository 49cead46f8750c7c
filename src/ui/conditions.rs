//! The Deployment's conditions (Available, Progressing, ReplicaFailure), as `describe` lists them.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{ConditionStatus, DeploymentConditionType};
use crate::glossary::Term;

use super::tip::Tip;
use super::view::ConditionRow;

#[derive(Properties, PartialEq)]
pub struct ConditionsProps {
    pub name: String,
    pub rows: Rc<Vec<ConditionRow>>,
}

#[function_component(Conditions)]
pub fn conditions(props: &ConditionsProps) -> Html {
    html! {
        <section class="panel" aria-labelledby="conditions-title">
            <h2 id="conditions-title"><Tip term={Term::Condition}>{"Conditions"}</Tip>{" of "}<code>{&props.name}</code></h2>
            if props.rows.is_empty() {
                <p class="hint">{"No conditions yet."}</p>
            } else {
                <div class="scroll-x" tabindex="0" role="region" aria-label="Conditions table">
                <table class="kube">
                    <thead><tr>
                        <th scope="col">{"Type"}</th><th scope="col">{"Status"}</th>
                        <th scope="col">{"Reason"}</th><th scope="col">{"Message"}</th>
                    </tr></thead>
                    <tbody>{ for props.rows.iter().map(|c| html! {
                        <tr class={classes!((c.status != ConditionStatus::True).then_some("warn"))}>
                            <td>{ match c.kind {
                                DeploymentConditionType::Available => html! { <Tip term={Term::Available}>{"Available"}</Tip> },
                                DeploymentConditionType::Progressing => html! { <Tip term={Term::Progressing}>{"Progressing"}</Tip> },
                                DeploymentConditionType::ReplicaFailure => html! { {c.kind.as_str()} },
                            } }</td><td>{c.status.as_str()}</td><td>{c.reason.as_str()}</td><td class="message">{&c.message}</td>
                        </tr>
                    }) }</tbody>
                </table>
                </div>
            }
        </section>
    }
}
