//! The browser entry point: renders the app. On the host it only explains itself.

#[cfg(target_arch = "wasm32")]
fn main() {
    deploysim::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("deploysim-web is the browser build; build it with `trunk build` (see README)");
}
