//! The event log, newest first, with the columns of `kubectl describe`'s Events section.

use std::rc::Rc;

use yew::prelude::*;

use super::state::EventRow;
use super::tables::age;

#[derive(Properties, PartialEq)]
pub struct EventsLogProps {
    /// Newest first.
    pub rows: Rc<Vec<EventRow>>,
    pub now: i64,
}

#[function_component(EventsLog)]
pub fn events_log(props: &EventsLogProps) -> Html {
    html! {
        <section class="panel events" aria-labelledby="events-title">
            <h2 id="events-title">{"Events"}</h2>
            <div class="scroll" tabindex="0" role="region" aria-label="Events, newest first">
                <table class="kube">
                    <thead><tr>
                        <th scope="col">{"Type"}</th><th scope="col">{"Reason"}</th><th scope="col">{"Age"}</th>
                        <th scope="col">{"From"}</th><th scope="col">{"Object"}</th><th scope="col">{"Message"}</th>
                    </tr></thead>
                    <tbody>{ for props.rows.iter().map(|e| html! {
                        <tr key={e.seq} class={classes!((e.kind == "Warning").then_some("warn"))}>
                            <td>{e.kind}</td><td>{e.reason}</td><td>{age(props.now - e.time)}</td>
                            <td>{e.from}</td><td>{&e.object}</td><td class="message">{&e.message}</td>
                        </tr>
                    }) }</tbody>
                </table>
            </div>
        </section>
    }
}
