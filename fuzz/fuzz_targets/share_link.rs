//! Share links and their base64url codec: the property of `tests/fuzz_properties/share_link.rs`,
//! which `tests/fuzz_regressions.rs` also replays on every input kept under
//! `fuzz/regressions/share_link/`.

#![no_main]

#[path = "../../tests/fuzz_properties/share_link.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
