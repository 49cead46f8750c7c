//! Browser tests of the address handling: `?speed=`, and how the app opens from it and from a
//! share link (the link itself is tested natively, in `tests/link.rs`).
#![cfg(target_arch = "wasm32")]

use deploysim::ui::persistence::boot_from;
use deploysim::ui::url::parse_speed;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn speed_parameter_is_read_and_checked() {
    assert_eq!(parse_speed(""), Ok(None));
    assert_eq!(parse_speed("?speed=5"), Ok(Some(5.0)));
    assert_eq!(parse_speed("?x=1&speed=0.5"), Ok(Some(0.5)));
    assert!(parse_speed("?speed=100").unwrap_err().contains("0.5 to 50"));
    assert!(parse_speed("?speed=fast").is_err());
}

#[wasm_bindgen_test]
fn bad_link_falls_back_to_the_default_with_a_message() {
    let boot = boot_from("?speed=nope", "#s=!!", None);
    let notice = boot.notice.expect("a notice explains the fallback");
    assert!(notice.contains("speed"), "{notice}");
    assert!(notice.contains("shared link"), "{notice}");
    assert_eq!(boot.tick, 0);
    assert!(boot.playing, "the default plays at once");
    assert_eq!(boot.speed, 1.0);
}

#[wasm_bindgen_test]
fn speed_parameter_sets_the_starting_speed() {
    let boot = boot_from("?speed=20", "", None);
    assert_eq!(boot.speed, 20.0);
    assert!(boot.notice.is_none());
}
