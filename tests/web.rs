//! Browser tests: the library compiled to wasm32 and run in headless Chromium by
//! wasm-bindgen-test-runner (`scripts/test.sh wasm-test`, or
//! `cargo test --target wasm32-unknown-unknown --test web` with CHROMEDRIVER set).
//!
//! What only a browser run can show: the engine, built for a 32-bit target, tells exactly the
//! story it tells natively (the golden file shared with `tests/web_parity.rs`). The UI itself is
//! driven like a person would drive it by the Playwright suite in `tests/e2e/`.
#![cfg(target_arch = "wasm32")]

#[path = "common/web_trace.rs"]
mod web_trace;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const GOLDEN: &str = include_str!("golden/web_trace.txt");

#[wasm_bindgen_test]
fn wasm_trace_matches_the_native_golden_file() {
    let trace = web_trace::rolling_update_trace();
    if trace != GOLDEN {
        let line = trace
            .lines()
            .zip(GOLDEN.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || "a missing or extra line".to_string(),
                |i| format!("line {}", i + 1),
            );
        panic!(
            "the wasm32 engine differs from {} at {line} (if the native test `web_parity` fails \
             too, the engine changed: regenerate with UPDATE_GOLDEN=1 cargo test --test \
             web_parity)\n--- wasm32 ---\n{trace}",
            web_trace::GOLDEN_PATH
        );
    }
}

#[wasm_bindgen_test]
fn the_engine_is_deterministic_within_one_page() {
    assert_eq!(
        web_trace::rolling_update_trace(),
        web_trace::rolling_update_trace()
    );
}
