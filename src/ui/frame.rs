//! One callback at the browser's next animation frame, cancelled if dropped before it runs.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A requested animation frame; dropping it cancels the callback if it has not run.
pub struct NextFrame {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl NextFrame {
    /// Asks for `f` to run at the next animation frame (`None`: the page has no window).
    pub fn request(f: impl FnOnce() + 'static) -> Option<NextFrame> {
        let window = web_sys::window()?;
        let callback = Closure::once(f);
        let id = window
            .request_animation_frame(callback.as_ref().unchecked_ref())
            .ok()?;
        Some(NextFrame {
            id,
            _callback: callback,
        })
    }
}

impl Drop for NextFrame {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.cancel_animation_frame(self.id);
        }
    }
}
