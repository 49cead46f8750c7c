//! The YAML reader against libyaml: the property of `tests/fuzz_properties/yaml_reader.rs`, which
//! `tests/fuzz_regressions.rs` also replays on every input kept under
//! `fuzz/regressions/yaml_reader/`.

#![no_main]

#[path = "../../tests/fuzz_properties/yaml_reader.rs"]
mod property;

libfuzzer_sys::fuzz_target!(|data: &[u8]| property::check(data));
