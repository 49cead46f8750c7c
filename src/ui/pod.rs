//! One pod of the cluster view: a single small keyed element whose shape, outline and glyph
//! say its state and whose colour says its revision. CSS transitions animate the changes between
//! ticks; nothing here runs per animation frame.

use std::rc::Rc;

use yew::prelude::*;

use super::view::{colour_slot, PodView};

#[derive(Properties, PartialEq)]
pub struct PodProps {
    pub pod: Rc<PodView>,
    pub selected: bool,
    /// Emits the pod's `namespace/name`.
    pub on_select: Callback<String>,
}

/// The CSS class of a revision's colour (`c0`..`c6`, or `cx` for none).
pub fn colour_class(revision: i64) -> String {
    colour_slot(revision).map_or_else(|| "cx".to_string(), |slot| format!("c{slot}"))
}

#[function_component(Pod)]
pub fn pod(props: &PodProps) -> Html {
    let pod = &props.pod;
    let label = pod.label();
    let onclick = {
        let key = pod.key.clone();
        props.on_select.reform(move |_: MouseEvent| key.clone())
    };
    html! {
        <button
            type="button"
            class={classes!(
                "pod",
                format!("pod--{}", pod.look.class()),
                colour_class(pod.revision),
                props.selected.then_some("pod--selected"),
            )}
            data-testid="pod"
            data-phase={pod.phase.as_str()}
            data-ready={pod.ready.to_string()}
            data-revision={pod.revision.to_string()}
            data-rs={pod.rs.clone()}
            title={label.clone()}
            aria-label={label}
            aria-pressed={props.selected.to_string()}
            {onclick}
        />
    }
}
