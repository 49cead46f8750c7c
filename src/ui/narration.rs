//! The narration: one line, above the pods, of what is happening now to the focused Deployment
//! (`crate::narration::Narration`, written by the state on each change), announced politely to
//! screen readers as it changes.

use std::rc::Rc;

use yew::prelude::*;

/// The narration line showing `text`.
pub fn narration(text: &Rc<str>) -> Html {
    html! {
        <p class="narration" data-testid="narration" role="status" aria-live="polite">
            {&**text}
        </p>
    }
}
