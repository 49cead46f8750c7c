//! kubectl sessions typed at a live simulation: the property of
//! `tests/fuzz_properties/kubectl_live.rs`, which `tests/fuzz_regressions.rs` also replays on every
//! input kept under `fuzz/regressions/kubectl_live/`.

#![no_main]

#[path = "../../tests/fuzz_properties/kubectl_live.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
