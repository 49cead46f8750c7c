//! DeploySim: a Kubernetes Deployment simulator.
//!
//! `engine` is the deterministic simulation, `manifest` turns YAML into API objects, `kubectl`
//! turns command lines into API calls and prints kubectl's output, `scenario` is the file format
//! shared by the command line, the browser and the tests, `why` puts the controller's decisions in
//! plain words, `glossary` explains the Kubernetes words the page shows, `narration` says in one
//! line what is happening now, `decimal` writes floats as `{}` and `{:.1}` do without core's
//! float formatting, `quote`
//! writes strings as Go's `%q` does, `reader` answers the commands that only read for a page
//! built without kubectl's read printers (the `printers` feature), and `ui` is the browser
//! front end.

pub mod decimal;
pub mod engine;
pub mod glossary;
pub mod kubectl;
pub mod link;
pub mod manifest;
pub mod narration;
pub mod quote;
pub mod reader;
pub mod scenario;
#[cfg(target_arch = "wasm32")]
pub mod ui;
pub mod why;

/// In the browser's release builds (the page and the reader worker), Talc replaces Rust's
/// default dlmalloc: a smaller module (-3.2 KiB gzipped on the first load) and faster allocation.
/// Debug builds (the browser tests) keep dlmalloc: Talc's debug assertions check its heap on
/// every call, which a test replaying a simulated day cannot afford.
#[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
