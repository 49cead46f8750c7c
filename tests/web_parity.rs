//! The native half of the native/wasm parity check (the browser half is `tests/web.rs`).
//!
//! Given the rolling-update story of `common/web_trace.rs`, when it is played natively, then the
//! trace equals `tests/golden/web_trace.txt` byte for byte. After a deliberate change to the
//! engine's behaviour, regenerate the file with `UPDATE_GOLDEN=1 cargo test --test web_parity`
//! and review the diff; the browser test then checks the wasm build against the new file.

#[path = "common/web_trace.rs"]
mod web_trace;

#[test]
fn native_trace_matches_the_golden_file() {
    let trace = web_trace::rolling_update_trace();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(web_trace::GOLDEN_PATH);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &trace).expect("write the golden file");
    }
    let golden = std::fs::read_to_string(&path).expect("read the golden file");
    assert!(
        trace == golden,
        "the engine's trace differs from {} (after an intended change: UPDATE_GOLDEN=1 cargo test \
         --test web_parity)\n--- got ---\n{trace}",
        web_trace::GOLDEN_PATH
    );
}

#[test]
fn the_story_really_rolls_out_and_back() {
    let trace = web_trace::rolling_update_trace();
    // The story is only worth comparing if it exercises a rollout: two ReplicaSets scale.
    assert!(trace.contains("Scaled up replica set web-"));
    assert!(trace.contains("Scaled down replica set web-"));
    let last = trace
        .lines()
        .rev()
        .find(|l| l.starts_with("t="))
        .expect("ticks");
    assert_eq!(last.matches(":Running:ready").count(), 6, "{last}");
}
