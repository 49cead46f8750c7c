//! The help overlay (`Help`): every keyboard shortcut (`shortcuts::KEYS`), in a modal dialog.

use yew::prelude::*;

use super::modal::Modal;
use super::shortcuts::KEYS;

/// The help overlay; `on_close` is called when it closes.
pub fn help(on_close: &Callback<()>) -> Html {
    html! {
        <Modal labelled_by="help-title" on_close={on_close.reform(|_: String| ())}>
            <h2 id="help-title">{"Keyboard shortcuts"}</h2>
            <dl class="keys">
                { for KEYS.iter().map(|&(key, what)| html! {
                    <><dt><kbd>{key}</kbd></dt><dd>{what}</dd></>
                }) }
            </dl>
            <p class="hint">{"They work while the focus is not in a text field."}</p>
            <form method="dialog"><button class="primary">{"Close"}</button></form>
        </Modal>
    }
}
