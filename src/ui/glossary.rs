//! The glossary: a "Glossary" button that opens a modal `<dialog>` listing every term
//! (`crate::glossary::Term::ALL`) with its explanation, each entry `id="glossary-{id}"`. Escape or
//! "Close" closes it and focus returns to the button. It has no props, so it never re-renders.

use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

use crate::glossary::Term;

#[function_component(Glossary)]
pub fn glossary() -> Html {
    let dialog = use_node_ref();
    let opener = use_node_ref();
    let open = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                let _ = d.show_modal();
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                d.close();
            }
        })
    };
    // However it closed (Escape or the button), focus goes back to where it came from.
    let on_close = {
        let opener = opener.clone();
        Callback::from(move |_: Event| {
            if let Some(b) = opener.cast::<HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    html! {
        <>
            <button type="button" ref={opener} onclick={open} aria-haspopup="dialog">{"Glossary"}</button>
            <dialog class="glossary" ref={dialog} aria-labelledby="glossary-title" onclose={on_close}>
                <div class="glossary-head">
                    <h2 id="glossary-title">{"Glossary"}</h2>
                    <button type="button" onclick={close}>{"Close"}</button>
                </div>
                <dl>
                    { for Term::ALL.iter().map(|t| {
                        let e = t.entry();
                        html! {
                            <div id={format!("glossary-{}", e.id)} data-testid="glossary-entry">
                                <dt>{e.name}</dt>
                                <dd>{e.short}</dd>
                            </div>
                        }
                    }) }
                </dl>
            </dialog>
        </>
    }
}
