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

#[test]
fn a_link_too_long_to_hold_a_scenario_is_refused_before_it_is_decoded() {
    use deploysim::link::{too_large_to_share, MAX_SHARED_BYTES};
    // Given a 2 MB link (today's browsers take it) ...
    let huge = format!("#s={}&t=5", "A".repeat(2 * 1024 * 1024));
    let message = parse_share(&huge).unwrap_err();
    assert_eq!(
        message,
        "The shared link is too long (2048 KiB; a link holds at most 256 KiB of scenario); showing the default scenario."
    );
    // ... while the largest scenario a link holds still opens,
    let largest = format!("manifests: \"\"\n#{}", "x".repeat(MAX_SHARED_BYTES - 15));
    assert_eq!(largest.len(), MAX_SHARED_BYTES);
    assert_eq!(
        parse_share(&share_hash(&largest, 1)).unwrap().unwrap().yaml,
        largest
    );
    assert_eq!(too_large_to_share(&largest), None);
    // and the Share button says why it makes no link for a larger one.
    let larger = format!("{largest}y");
    assert_eq!(
        too_large_to_share(&larger),
        Some("This scenario is too large for a link: a link holds at most 256 KiB of scenario.")
    );
}

#[test]
fn a_bad_time_in_a_link_is_quoted_short() {
    let hash = format!("#s=YQ&t={}", "9".repeat(5000));
    assert_eq!(
        parse_share(&hash).unwrap_err(),
        "The shared link's time t=999999999999999999999999… is not a whole number of seconds; showing the default scenario."
    );
}
