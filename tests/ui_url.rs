//! Browser tests of the address handling: base64url, `?speed=`, the share link, and how the app
//! opens from them.
#![cfg(target_arch = "wasm32")]

use deploysim::ui::persistence::boot_from;
use deploysim::ui::url::{
    decode_base64url, encode_base64url, parse_share, parse_speed, share_hash,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn base64url_round_trips_every_length_and_byte() {
    let bytes: Vec<u8> = (0..=255).collect();
    for len in 0..40 {
        let encoded = encode_base64url(&bytes[..len]);
        assert!(!encoded.contains(['+', '/', '=']), "{encoded}");
        assert_eq!(decode_base64url(&encoded).unwrap(), &bytes[..len]);
    }
    assert_eq!(encode_base64url(b"hello?"), "aGVsbG8_");
    assert_eq!(decode_base64url("aGVsbG8_").unwrap(), b"hello?");
}

#[wasm_bindgen_test]
fn base64url_rejects_damaged_text() {
    assert!(
        decode_base64url("a").is_err(),
        "one symbol cannot be a byte"
    );
    assert!(decode_base64url("ab$c").unwrap_err().contains("position 2"));
}

#[wasm_bindgen_test]
fn speed_parameter_is_read_and_checked() {
    assert_eq!(parse_speed(""), Ok(None));
    assert_eq!(parse_speed("?speed=5"), Ok(Some(5.0)));
    assert_eq!(parse_speed("?x=1&speed=0.5"), Ok(Some(0.5)));
    assert!(parse_speed("?speed=100").unwrap_err().contains("0.5 to 50"));
    assert!(parse_speed("?speed=fast").is_err());
}

#[wasm_bindgen_test]
fn share_link_round_trips_scenario_and_tick() {
    let yaml = "seed: 3\nduration: 60\nmanifests: |\n  kind: Deployment\n";
    let hash = share_hash(yaml, 42);
    let shared = parse_share(&hash).unwrap().unwrap();
    assert_eq!(shared.yaml, yaml);
    assert_eq!(shared.tick, 42);
    assert_eq!(parse_share("#other=1"), Ok(None));
    assert!(parse_share("#s=%%%").is_err());
    assert!(parse_share(&format!("{}x", share_hash(yaml, 1).replace("&t=1", "&t=-"))).is_err());
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
