//! The narration: one line, above the pods, of what is happening now to the focused Deployment
//! (`crate::narration::Narration`, written by the state on each change), announced politely to
//! screen readers as it changes.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub text: Rc<str>,
}

#[function_component(Narration)]
pub fn narration(props: &NarrationProps) -> Html {
    html! {
        <p class="narration" data-testid="narration" role="status" aria-live="polite">
            {&*props.text}
        </p>
    }
}
