//! Manifests decoded, validated and round-tripped through `-o yaml`: the property of
//! `tests/fuzz_properties/manifest.rs`, which `tests/fuzz_regressions.rs` also replays on every
//! input kept under `fuzz/regressions/manifest/`.

#![no_main]

#[path = "../../tests/fuzz_properties/manifest.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
