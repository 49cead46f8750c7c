//! Rollout history: the Deployment's revisions with their change-causes and images, and a
//! "Roll back" button per earlier revision (`kubectl rollout undo --to-revision=N`). A roll
//! back renumbers the rows, so the focus then moves to the heading: never onto another row's
//! button, where a second Enter would roll back again.

use std::rc::Rc;

use yew::prelude::*;

use super::pod::colour_class;
use super::state::Command;
use super::tip::Tip;
use super::view::RevisionRow;
use crate::glossary::Term;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    /// `deployment/web`.
    pub target: String,
    pub rows: Rc<Vec<RevisionRow>>,
    pub on_run: Callback<Command>,
}

#[function_component(History)]
pub fn history(props: &HistoryProps) -> Html {
    let heading = use_node_ref();
    html! {
        <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title" tabindex="-1" ref={heading.clone()}><Tip term={Term::Rollout}>{"Rollout"}</Tip>{" history"}</h2>
            <table class="kube">
                <thead><tr>
                    <th scope="col"><Tip term={Term::Revision}>{"REVISION"}</Tip></th>
                    <th scope="col">{"CHANGE-CAUSE"}</th>
                    <th scope="col">{"IMAGE"}</th>
                    <th scope="col"><span class="sr-only">{"Action"}</span></th>
                </tr></thead>
                <tbody>
                    { for props.rows.iter().map(|row| {
                        let line = format!("kubectl rollout undo {} --to-revision={}", props.target, row.revision);
                        let onclick = {
                                let (on_run, heading) = (props.on_run.clone(), heading.clone());
                                Callback::from(move |_: MouseEvent| {
                                    if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                                        // The heading stays put while the rows change under it.
                                        let _ = h.focus();
                                    }
                                    on_run.emit(Command::line(line.clone()));
                                })
                            };
                        html! {
                            <tr key={row.revision}>
                                <td>
                                    <span class={classes!("swatch", colour_class(row.colour))} aria-hidden="true"></span>
                                    {row.revision}
                                </td>
                                <td>{&row.change_cause}</td>
                                <td><code>{&row.images}</code></td>
                                <td>
                                    if row.current {
                                        <span class="badge">{"current"}</span>
                                    } else {
                                        <Tip term={Term::Rollback} control=true>
                                            <button type="button" class="small" {onclick}
                                                aria-label={format!("Roll back to revision {}", row.revision)}>{"Roll back"}</button>
                                        </Tip>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
