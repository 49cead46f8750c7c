//! The `share_link` fuzz property: base64url round-trips any bytes, and a text it decodes encodes
//! back to the same bytes; any text is a share link's hash that `parse_share` reads or refuses
//! with the page's message, never a panic; what it reads, written again with `share_hash`,
//! reads back the same; and when the link holds a scenario the page can open, the link the
//! Share button makes of that scenario opens the same scenario at the same tick.

use deploysim::link::{decode_base64url, encode_base64url, param, parse_share, share_hash};
use deploysim::scenario::Scenario;

/// Runs the property on one input; panics where it does not hold.
pub fn check(data: &[u8]) {
    let encoded = encode_base64url(data);
    assert_eq!(encoded.len(), (data.len() * 4).div_ceil(3), "{encoded}");
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{encoded}"
    );
    assert_eq!(decode_base64url(&encoded).as_deref(), Ok(data));
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(bytes) = decode_base64url(text) {
        assert_eq!(
            decode_base64url(&encode_base64url(&bytes)),
            Ok(bytes),
            "{text:?}"
        );
    }
    let shared = match parse_share(text) {
        Ok(Some(shared)) => shared,
        Ok(None) => {
            assert_eq!(param(text, "s"), None, "{text:?} holds a scenario");
            return;
        }
        Err(message) => {
            assert!(
                message.starts_with("The shared link") && message.ends_with("default scenario."),
                "{message:?}"
            );
            return;
        }
    };
    let again = share_hash(&shared.yaml, shared.tick);
    assert_eq!(parse_share(&again), Ok(Some(shared.clone())), "{again}");
    let Ok(scenario) = Scenario::parse(&shared.yaml, "shared link") else {
        return;
    };
    let link = share_hash(&scenario.to_yaml(), shared.tick);
    let reopened = parse_share(&link)
        .ok()
        .flatten()
        .expect("the Share button's link holds a scenario");
    assert_eq!(reopened.tick, shared.tick, "{link}");
    assert_eq!(
        Scenario::parse(&reopened.yaml, "shared link").as_ref(),
        Ok(&scenario),
        "{link}"
    );
}
