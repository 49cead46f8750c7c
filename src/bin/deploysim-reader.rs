//! The reader worker's entry point: a Web Worker that answers the page's read-only commands
//! (`deploysim::reader`), one JSON message in, one out. On the host it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;

    use deploysim::reader::{FromReader, Replica, ToReader};
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |message: &FromReader| {
            if let Ok(text) = serde_json::to_string(message) {
                let _ = scope.post_message(&JsValue::from_str(&text));
            }
        }
    };
    let replica = RefCell::new(Replica::default());
    let answer = post.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let message = e.data().as_string();
        let Some(message) = message.and_then(|m| serde_json::from_str::<ToReader>(&m).ok()) else {
            return;
        };
        if let Some(reply) = replica.borrow_mut().handle(message) {
            answer(&reply);
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // the handler lives as long as the worker
    onmessage.forget();
    post(&FromReader::Ready);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "deploysim-reader is the browser's reader worker; `trunk build` builds it (see README)"
    );
}
