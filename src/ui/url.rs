//! The page's address: the `?speed=N` parameter, and reading and replacing the address bar's
//! query and hash (the share link itself is read by `link`).

use crate::link::param;
use wasm_bindgen::JsValue;

/// The starting speed asked for by `?speed=N`: `Ok(None)` when absent, an error message when it
/// is not a number from 0.5 to 50.
pub fn parse_speed(query: &str) -> Result<Option<f64>, String> {
    let Some(raw) = param(query, "speed") else {
        return Ok(None);
    };
    match crate::decimal::parse(raw) {
        Some(v) if (super::state::MIN_SPEED..=super::state::MAX_SPEED).contains(&v) => Ok(Some(v)),
        _ => Err(format!(
            "Ignored ?speed={}: the speed must be a number from 0.5 to 50.",
            crate::link::shortened(raw)
        )),
    }
}

/// The page's query string and hash, as they are now.
pub fn current() -> (String, String) {
    let location = web_sys::window().map(|w| w.location());
    let read = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    (read(|l| l.search()), read(|l| l.hash()))
}

/// Replaces the hash in the address bar without reloading or adding a history entry, and
/// returns the full address. An empty hash removes it.
pub fn replace_hash(hash: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let address = format!(
        "{}{}{}{hash}",
        location.origin().ok()?,
        location.pathname().ok()?,
        location.search().ok()?
    );
    window
        .history()
        .ok()?
        .replace_state_with_url(&JsValue::NULL, "", Some(&address))
        .ok()?;
    Some(address)
}
