//! One pod of the cluster view: a single small keyed element whose shape, outline and glyph
//! say its state and whose colour says its ReplicaSet. CSS transitions animate the changes
//! between ticks; nothing here runs per animation frame. Only one pod of the view is a Tab stop
//! (`tab_stop`); the cluster view moves between them with the arrow keys.

use std::rc::Rc;

use yew::prelude::*;

use super::view::PodView;

#[derive(Properties, PartialEq)]
pub struct PodProps {
    pub pod: Rc<PodView>,
    pub selected: bool,
    /// Whether Tab stops here (the one pod of the view that does).
    #[prop_or_default]
    pub tab_stop: bool,
    /// Emits the pod's `namespace/name`.
    pub on_select: Callback<String>,
}

/// The CSS class of a palette slot (`c0`..`c6`, or `cx` for none): a ReplicaSet's colour.
pub fn colour_class(slot: Option<usize>) -> &'static str {
    const CLASSES: [&str; 8] = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "cx"];
    CLASSES[slot.map_or(7, |slot| slot.min(7))]
}

/// The element id of a pod (`pod:namespace/name`), by which the arrow keys find it.
pub fn element_id(key: &str) -> String {
    format!("pod:{key}")
}

/// `"true"` or `"false"`, without allocating.
fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

#[function_component(Pod)]
pub fn pod(props: &PodProps) -> Html {
    let pod = &props.pod;
    let label = AttrValue::from(pod.label());
    let onclick = {
        let key = pod.key.clone();
        props.on_select.reform(move |_: MouseEvent| key.clone())
    };
    let class = classes!(
        "pod",
        pod.look.pod_class(),
        colour_class(pod.colour),
        props.selected.then_some("pod--selected"),
    );
    html! {
        <button
            type="button"
            id={element_id(&pod.key)}
            tabindex={if props.tab_stop { "0" } else { "-1" }}
            {class}
            data-testid="pod"
            data-phase={pod.phase.as_str()}
            data-ready={flag(pod.ready)}
            data-revision={pod.revision.to_string()}
            data-rs={pod.rs.clone()}
            title={label.clone()}
            aria-label={label}
            aria-pressed={flag(props.selected)}
            {onclick}
        />
    }
}
