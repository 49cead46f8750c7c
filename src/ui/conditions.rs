//! The Deployment's conditions (Available, Progressing, ReplicaFailure), as `describe` lists them.

use yew::prelude::*;

use crate::engine::{ConditionStatus, DeploymentConditionType};
use crate::glossary::Term;

use super::tip::Tip;
use super::view::ConditionRow;

/// The conditions of the Deployment `name`.
pub fn conditions(name: &str, rows: &[ConditionRow]) -> Html {
    html! {
        <section class="panel" aria-labelledby="conditions-title">
            <h2 id="conditions-title"><Tip term={Term::Condition}>{"Conditions"}</Tip>{" of "}<code>{name}</code></h2>
            if rows.is_empty() {
                <p class="hint">{"No conditions yet."}</p>
            } else {
                <div class="scroll-x" tabindex="0" role="region" aria-label="Conditions table">
                <table class="kube">
                    <thead><tr>
                        <th scope="col">{"Type"}</th><th scope="col">{"Status"}</th>
                        <th scope="col">{"Reason"}</th><th scope="col">{"Message"}</th>
                    </tr></thead>
                    <tbody>{ for rows.iter().map(|c| html! {
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
