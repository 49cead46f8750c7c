//! The share link and its codec, read as untrusted input (`deploysim::link`).

use deploysim::link::{decode_base64url, encode_base64url, parse_share, share_hash};

#[test]
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

#[test]
fn base64url_rejects_damaged_text() {
    assert!(
        decode_base64url("a").is_err(),
        "one symbol cannot be a byte"
    );
    assert!(decode_base64url("ab$c").unwrap_err().contains("position 2"));
}

#[test]
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
