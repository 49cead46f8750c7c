//! The event log, newest first, with the columns of `kubectl describe`'s Events section. The
//! kubelet's routine pod events (Scheduled, Pulling, Started...) outnumber the rest five to one,
//! so they are hidden until asked for; warnings always show.

use std::rc::Rc;

use yew::prelude::*;

use super::state::EventRow;
use super::tables::age;
use super::tip::Tip;
use crate::engine::{EventType, ObjectKind};
use crate::glossary::Term;

#[derive(Properties, PartialEq)]
pub struct EventsLogProps {
    /// Newest first.
    pub rows: Rc<Vec<EventRow>>,
    pub now: i64,
}

/// A routine event about a pod: hidden unless pod events are shown.
fn routine_pod_event(row: &EventRow) -> bool {
    row.event_type == EventType::Normal && row.object.kind == ObjectKind::Pod
}

#[function_component(EventsLog)]
pub fn events_log(props: &EventsLogProps) -> Html {
    let show_pod_events = use_state(|| false);
    let toggle = {
        let show_pod_events = show_pod_events.clone();
        Callback::from(move |_: Event| show_pod_events.set(!*show_pod_events))
    };
    let shown = |row: &&EventRow| *show_pod_events || !routine_pod_event(row);
    html! {
        <section class="panel events" aria-labelledby="events-title">
            <h2 id="events-title"><Tip term={Term::Event}>{"Events"}</Tip></h2>
            <label class="toggle">
                <input type="checkbox" checked={*show_pod_events} onchange={toggle} />
                {" Routine pod events (Scheduled, Pulling, Pulled, Created, Started, Killing)"}
            </label>
            <div class="scroll" tabindex="0" role="region" aria-label="Events, newest first">
                <table class="kube">
                    <thead><tr>
                        <th scope="col">{"Type"}</th><th scope="col">{"Reason"}</th><th scope="col">{"Age"}</th>
                        <th scope="col">{"From"}</th><th scope="col">{"Object"}</th><th scope="col">{"Message"}</th>
                    </tr></thead>
                    <tbody>{ for props.rows.iter().filter(shown).map(|e| html! {
                        <tr key={e.seq} class={classes!((e.event_type == EventType::Warning).then_some("warn"))}>
                            <td>{e.event_type.as_str()}</td><td>{e.reason.as_str()}</td><td>{age(props.now - e.time)}</td>
                            <td>{e.source.as_str()}</td><td>{e.object.label()}</td>
                            <td class="message">{&e.message}</td>
                        </tr>
                    }) }</tbody>
                </table>
            </div>
        </section>
    }
}
