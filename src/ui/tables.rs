//! Live kubectl-style tables: `kubectl get deploy`, `get rs` and `get pods`, same columns.

use std::rc::Rc;

use yew::prelude::*;

use super::tip::Tip;
use super::view::{shown, DeploymentRow, PodView, RsView};
use crate::glossary::Term;
use crate::kubectl;

/// The most pod rows drawn; the console's `kubectl get pods` lists them all.
const POD_ROWS: usize = 50;

/// What `tables` draws from.
pub struct TablesProps {
    pub deployments: Rc<Vec<DeploymentRow>>,
    pub replica_sets: Rc<Vec<RsView>>,
    pub pods: Rc<Vec<Rc<PodView>>>,
    pub now: i64,
}

/// The AGE column: kubectl's `HumanDuration` (70s, 2m1s, 10m, 3h4m, 2d1h, ...).
pub fn age(seconds: i64) -> String {
    kubectl::human_duration(seconds)
}

/// The term a column heading explains, if any.
fn column_term(column: &str) -> Option<Term> {
    match column {
        "READY" => Some(Term::Ready),
        "UP-TO-DATE" => Some(Term::Updated),
        "AVAILABLE" => Some(Term::Available),
        "DESIRED" => Some(Term::Replicas),
        "NODE" => Some(Term::Node),
        _ => None,
    }
}

fn head(columns: &[&str]) -> Html {
    html! { <thead><tr>{ for columns.iter().map(|c| html! {
        <th scope="col">
            if let Some(term) = column_term(c) { <Tip {term}>{*c}</Tip> } else { {*c} }
        </th>
    }) }</tr></thead> }
}

pub fn tables(props: &TablesProps) -> Html {
    let now = props.now;
    html! {
        <section class="panel tables" aria-labelledby="tables-title">
            <h2 id="tables-title"><Tip term={Term::Kubectl}>{"kubectl"}</Tip>{" get"}</h2>
            <div class="scroll-x" tabindex="0" role="region" aria-label="Deployments table">
                <table class="kube" aria-label="Deployments">
                    <caption><code>{"kubectl get deployments"}</code></caption>
                    { head(&["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]) }
                    <tbody>{ for props.deployments.iter().map(|d| html! {
                        <tr key={d.key.clone()}>
                            <td>{shown(&d.key)}</td>
                            <td>{format!("{}/{}", d.ready, d.replicas)}</td>
                            <td>{d.updated}</td>
                            <td>{d.available}</td>
                            <td>{age(now - d.created)}</td>
                        </tr>
                    }) }</tbody>
                </table>
            </div>
            <div class="scroll-x" tabindex="0" role="region" aria-label="ReplicaSets table">
                <table class="kube" aria-label="ReplicaSets">
                    <caption><code>{"kubectl get replicasets"}</code></caption>
                    { head(&["NAME", "DESIRED", "CURRENT", "READY", "AGE"]) }
                    <tbody>{ for props.replica_sets.iter().map(|rs| html! {
                        <tr key={rs.key.clone()}>
                            <td>{shown(&rs.key)}</td>
                            <td>{rs.desired}</td>
                            <td>{rs.current}</td>
                            <td>{rs.ready}</td>
                            <td>{age(now - rs.created)}</td>
                        </tr>
                    }) }</tbody>
                </table>
            </div>
            <div class="scroll-x" tabindex="0" role="region" aria-label="Pods table">
                <table class="kube" aria-label="Pods">
                    <caption><code>{"kubectl get pods -o wide"}</code></caption>
                    { head(&["NAME", "READY", "STATUS", "RESTARTS", "AGE", "NODE"]) }
                    <tbody>{ for props.pods.iter().take(POD_ROWS).map(|p| html! {
                        <tr key={p.key.clone()}>
                            <td>{shown(&p.key)}</td>
                            <td>{&p.ready_count}</td>
                            <td>{&p.status}</td>
                            <td>{p.restarts}</td>
                            <td>{age(now - p.created)}</td>
                            <td>{p.node.clone().unwrap_or_else(|| "<none>".into())}</td>
                        </tr>
                    }) }</tbody>
                </table>
                if props.pods.len() > POD_ROWS {
                    <p class="hint">{format!("Showing {POD_ROWS} of {} pods; ", props.pods.len())}<code>{"kubectl get pods"}</code>{" in the console lists them all."}</p>
                }
            </div>
        </section>
    }
}
