//! The fuzzers' properties on stable Rust, without a fuzzer: every input a fuzzer found a bug with
//! (minimised, under `fuzz/regressions/<target>/`) and every seed it starts from
//! (`fuzz/seeds/<target>/`) still holds its target's property. The properties themselves are in
//! `tests/fuzz_properties/`, shared with the fuzz targets in `fuzz/fuzz_targets/`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

#[path = "fuzz_properties/kubectl_live.rs"]
mod kubectl_live;
#[path = "fuzz_properties/manifest.rs"]
mod manifest;
#[path = "fuzz_properties/scenario.rs"]
mod scenario;
#[path = "fuzz_properties/share_link.rs"]
mod share_link;
#[path = "fuzz_properties/yaml_reader.rs"]
mod yaml_reader;

/// The files of `fuzz/<kind>/<target>/`, sorted; none when the directory does not exist.
fn inputs(kind: &str, target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let name = format!(
                "fuzz/{kind}/{target}/{}",
                path.file_name().unwrap().to_string_lossy()
            );
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, data)
        })
        .collect();
    files.sort();
    files
}

/// A target's property: panics on an input it does not hold for.
type Property = fn(&[u8]);

/// Each fuzz target and its property.
const TARGETS: &[(&str, Property)] = &[
    ("yaml_reader", yaml_reader::check),
    ("manifest", manifest::check),
    ("kubectl_live", kubectl_live::check),
    ("scenario", scenario::check),
    ("share_link", share_link::check),
];

#[test]
fn every_input_a_fuzzer_found_or_starts_from_still_holds_its_targets_property() {
    let mut failed = Vec::new();
    for (target, property) in TARGETS {
        let seeds = inputs("seeds", target);
        assert!(!seeds.is_empty(), "fuzz/seeds/{target}/ holds no seed");
        for (name, data) in inputs("regressions", target).into_iter().chain(seeds) {
            if catch_unwind(AssertUnwindSafe(|| property(&data))).is_err() {
                failed.push(name);
            }
        }
    }
    assert!(failed.is_empty(), "a property fails on {failed:#?}");
}
