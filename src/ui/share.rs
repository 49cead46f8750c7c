//! The Share button: puts a link that reproduces this exact moment (the scenario with every
//! action so far, and the tick) in the address bar and, where the page may, on the clipboard.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::url;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The scenario with every action so far, as YAML.
    pub scenario: Rc<str>,
    pub tick: i64,
}

#[function_component(Share)]
pub fn share(props: &ShareProps) -> Html {
    let message = use_state(|| None::<&'static str>);
    let onclick = {
        let (scenario, tick, message) = (props.scenario.clone(), props.tick, message.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(why) = crate::link::too_large_to_share(&scenario) {
                message.set(Some(why));
                return;
            }
            let Some(address) = url::replace_hash(&crate::link::share_hash(&scenario, tick)) else {
                message.set(Some("This page cannot change its address."));
                return;
            };
            message.set(Some("Link in the address bar."));
            let Some(window) = web_sys::window() else {
                return;
            };
            // `navigator.clipboard` is missing outside secure contexts and in some iframes.
            let Some(clipboard) = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
                .ok()
                .filter(|c| !c.is_undefined() && !c.is_null())
            else {
                return;
            };
            let promise = clipboard
                .unchecked_into::<web_sys::Clipboard>()
                .write_text(&address);
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if JsFuture::from(promise).await.is_ok() {
                    message.set(Some("Link copied."));
                }
            });
        })
    };
    html! {
        <div class="share">
            <button type="button" {onclick} aria-label="Share" title="Put a link to this exact moment in the address bar and on the clipboard">
                {"Share"}
            </button>
            <span class="share-message" role="status">{message.unwrap_or("")}</span>
        </div>
    }
}
