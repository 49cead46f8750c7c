//! The page's side of the reader (`crate::reader`): the Web Worker `deploysim-reader`, started
//! the first time the console's command line takes the focus or something asks it to print (a
//! command that reads, typed or the scenario's own), from the same origin (`static/deploysim-reader-loader.js` loads its glue and module).
//! The session goes first whenever it differs from the last one sent; messages wait here until
//! the worker says it is ready; answers go to the reducer as `Action::Answered`, and a worker
//! that cannot be loaded (or stops) as `Action::ReaderFailed`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{Event, MessageEvent, Worker};
use yew::Callback;

use super::state::Action;
use crate::reader::{FromReader, ToReader};

/// The worker's loader, next to `index.html`.
const LOADER: &str = "./deploysim-reader-loader.js";

/// The reader as the page holds it: nothing is loaded until the first `ask`.
pub struct Reader {
    inner: Rc<RefCell<Inner>>,
    dispatch: Callback<Action>,
}

#[derive(Default)]
struct Inner {
    worker: Option<Worker>,
    ready: bool,
    /// Messages (JSON) waiting for the worker to be ready.
    waiting: Vec<String>,
    /// The session last sent.
    session: Option<Rc<str>>,
    /// The worker's handlers, kept as long as it lives.
    on_message: Option<Closure<dyn Fn(MessageEvent)>>,
    on_error: Option<Closure<dyn Fn(Event)>>,
}

impl Inner {
    fn send(&mut self, message: &ToReader) {
        let Ok(text) = serde_json::to_string(message) else {
            return;
        };
        match (&self.worker, self.ready) {
            (Some(worker), true) => {
                let _ = worker.post_message(&JsValue::from_str(&text));
            }
            _ => self.waiting.push(text),
        }
    }
}

impl Reader {
    pub fn new(dispatch: Callback<Action>) -> Reader {
        Reader {
            inner: Rc::default(),
            dispatch,
        }
    }

    /// Starts the worker if it is not yet, so that it is loaded by the time it is asked (the
    /// console's command line took the focus); false when the browser refuses.
    pub fn warm(&self) -> bool {
        let started = self.inner.borrow().worker.is_some();
        if !started && !self.start() {
            self.dispatch.emit(Action::ReaderFailed);
            return false;
        }
        true
    }

    /// Asks the reader to print `ask` about `session` (the scenario's YAML), starting it first.
    pub fn ask(&self, session: &Rc<str>, ask: &ToReader) {
        if !self.warm() {
            return;
        }
        let mut inner = self.inner.borrow_mut();
        if inner.session.as_deref() != Some(&**session) {
            inner.send(&ToReader::Session(session.to_string()));
            inner.session = Some(session.clone());
        }
        inner.send(ask);
    }

    /// Starts the worker and listens to it; false when the browser refuses.
    fn start(&self) -> bool {
        let Ok(worker) = Worker::new(LOADER) else {
            return false;
        };
        let weak: Weak<RefCell<Inner>> = Rc::downgrade(&self.inner);
        let dispatch = self.dispatch.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let heard = e.data().as_string();
            match heard.and_then(|text| FromReader::parse(&text)) {
                Some(FromReader::Ready) => {
                    if let Some(inner) = weak.upgrade() {
                        let mut inner = inner.borrow_mut();
                        inner.ready = true;
                        for text in std::mem::take(&mut inner.waiting) {
                            if let Some(worker) = &inner.worker {
                                let _ = worker.post_message(&JsValue::from_str(&text));
                            }
                        }
                    }
                }
                Some(FromReader::Answer { key, ok, output }) => {
                    dispatch.emit(Action::Answered { key, ok, output })
                }
                None => {}
            }
        });
        let dispatch = self.dispatch.clone();
        let on_error = Closure::<dyn Fn(Event)>::new(move |e: Event| {
            // said in the console instead
            e.prevent_default();
            dispatch.emit(Action::ReaderFailed);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.worker = Some(worker);
        inner.on_message = Some(on_message);
        inner.on_error = Some(on_error);
        true
    }
}
