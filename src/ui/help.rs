//! The help overlay (`Help`): every keyboard shortcut (`shortcuts::KEYS`), in a modal dialog.

use yew::prelude::*;

use super::modal::Modal;
use super::shortcuts::KEYS;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<()>,
}

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    html! {
        <Modal labelled_by="help-title" on_close={props.on_close.reform(|_: String| ())}>
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
