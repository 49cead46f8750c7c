//! Keyboard shortcuts: what each key does (`action`, a pure function of the state and the key,
//! which the reducer asks on `Action::Key`), the list the help overlay shows (`KEYS`), and the
//! window's keydown listener (`KeyListener`). The listener leaves alone a key with Ctrl, Alt or
//! Meta, any key pressed in a dialog or typed into a text field, a select or a slider (whose
//! arrows move it), and Space on a button, link or summary (which it presses); no shortcut uses
//! an arrow key.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

use super::state::{Action, State, SPEEDS};

/// Every shortcut, as the help overlay lists it.
pub const KEYS: [(&str, &str); 7] = [
    ("Space or K", "Play or pause"),
    (".", "Step one second"),
    ("N", "Jump to the next event"),
    ("+ or -", "Faster or slower"),
    ("P", "Presenter mode on or off"),
    ("?", "Show these shortcuts"),
    ("Esc", "Close a dialog"),
];

/// The speed of `SPEEDS` just above (`faster`) or just below `speed`; `None` past the end.
pub fn next_speed(speed: f64, faster: bool) -> Option<f64> {
    if faster {
        SPEEDS.iter().copied().find(|&s| s > speed)
    } else {
        SPEEDS.iter().rev().copied().find(|&s| s < speed)
    }
}

/// What `key` (a `KeyboardEvent.key`) does in `state`; nothing while a dialog is open.
pub fn action(state: &State, key: &str) -> Option<Action> {
    if state.help || state.asking.is_some() {
        return None;
    }
    Some(match key {
        " " | "k" | "K" => Action::SetPlaying(!state.playing),
        "." => Action::Step,
        "n" | "N" => Action::NextEvent,
        "+" | "=" => Action::SetSpeed(next_speed(state.speed, true)?),
        "-" => Action::SetSpeed(next_speed(state.speed, false)?),
        "p" | "P" => Action::SetPresenter(!state.presenter),
        "?" => Action::ShowHelp(true),
        _ => return None,
    })
}

/// Whether a key is a shortcut at all (its default, such as Space scrolling, is then prevented).
fn bound(key: &str) -> bool {
    matches!(
        key,
        " " | "k" | "K" | "." | "n" | "N" | "+" | "=" | "-" | "p" | "P" | "?"
    )
}

/// Whether the key belongs to the element it was pressed in.
fn taken(e: &web_sys::KeyboardEvent) -> bool {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    // A key pressed in a dialog (the help, the glossary) belongs to the dialog.
    if el.closest("dialog").ok().flatten().is_some() {
        return true;
    }
    match el.tag_name().as_str() {
        "INPUT" | "TEXTAREA" | "SELECT" => true,
        "BUTTON" | "A" | "SUMMARY" => e.key() == " ",
        _ => el.is_content_editable(),
    }
}

/// Sends each shortcut pressed on the page to `on_key`, for as long as it lives.
pub struct KeyListener {
    window: web_sys::Window,
    listener: Closure<dyn Fn(web_sys::KeyboardEvent)>,
}

impl KeyListener {
    pub fn new(on_key: Callback<String>) -> Option<KeyListener> {
        let window = web_sys::window()?;
        let listener =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                let key = e.key();
                if e.ctrl_key() || e.alt_key() || e.meta_key() || !bound(&key) || taken(&e) {
                    return;
                }
                e.prevent_default();
                on_key.emit(key);
            });
        window
            .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref())
            .ok()?;
        Some(KeyListener { window, listener })
    }
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("keydown", self.listener.as_ref().unchecked_ref());
    }
}
