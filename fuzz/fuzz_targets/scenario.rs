//! Scenario files read, saved, read again and played: the property of
//! `tests/fuzz_properties/scenario.rs`, which `tests/fuzz_regressions.rs` also replays on every
//! input kept under `fuzz/regressions/scenario/`.

#![no_main]

#[path = "../../tests/fuzz_properties/scenario.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
