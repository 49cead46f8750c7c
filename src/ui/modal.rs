//! `Modal`: a modal dialog, the browser's own `<dialog>` opened with `showModal`, so that the
//! page behind is inert, focus moves into it and Tab stays inside, Escape closes it and focus
//! returns where it was. Its buttons close it through `<form method="dialog">`; `on_close` gets
//! the value of the button that closed it ("" after Escape).

use web_sys::HtmlDialogElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The id of the element that names the dialog.
    pub labelled_by: AttrValue,
    pub on_close: Callback<String>,
    pub children: Html,
}

#[function_component(Modal)]
pub fn modal(props: &ModalProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |()| {
            if let Some(dialog) = node.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        });
    }
    let onclose = props.on_close.reform(|e: Event| {
        e.target_unchecked_into::<HtmlDialogElement>()
            .return_value()
    });
    html! {
        <dialog ref={node} class="modal" aria-modal="true" aria-labelledby={props.labelled_by.clone()} {onclose}>
            { props.children.clone() }
        </dialog>
    }
}
