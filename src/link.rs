//! Share links and URL parameters, read as untrusted input: the share link
//! `#s=<base64url of the scenario YAML>&t=<tick>`, the `key=value` parameters of a query or hash,
//! and the base64url codec they need (RFC 4648 section 5, without padding; a few lines do not
//! justify a dependency). Native, so that the tests and the fuzzers reach it; the page's own
//! address is read in `ui::url`.

use crate::quote::Quoted;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Encodes bytes as unpadded base64url.
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url (padding and the `+/` alphabet are accepted too, as some mailers rewrite).
pub fn decode_base64url(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for (i, c) in text.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => {
                return Err(format!(
                    "character {} at position {i} is not base64url",
                    Quoted(char::from(c).to_string())
                ))
            }
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err("the text is cut short (its length is not possible in base64url)".into());
    }
    Ok(out)
}

/// Reads one `key=value` parameter of a query (`?a=1&b=2`) or hash (`#s=..&t=..`).
pub fn param<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.trim_start_matches(['?', '#'])
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

/// A parameter's value as a message quotes it: its first 24 characters.
pub fn shortened(value: &str) -> String {
    match value.char_indices().nth(24) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_string(),
    }
}

/// The most scenario text a share link may hold: far more than any scenario a person writes
/// (the examples are 1 to 2 KiB, a session of a thousand commands about 60 KiB), far less than
/// what would make opening the link slow. Browsers take addresses of up to about 2 MB.
pub const MAX_SHARED_BYTES: usize = 256 * 1024;

/// Why a share link cannot be made: its scenario is over `MAX_SHARED_BYTES`.
pub fn too_large_to_share(yaml: &str) -> Option<&'static str> {
    (yaml.len() > MAX_SHARED_BYTES).then_some(
        "This scenario is too large for a link: a link holds at most 256 KiB of scenario.",
    )
}

/// A scenario and tick read from a share link.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub yaml: String,
    pub tick: i64,
}

/// Reads a share link's hash: `Ok(None)` when the hash holds no scenario, an error message when
/// it holds one that cannot be read.
pub fn parse_share(hash: &str) -> Result<Option<Shared>, String> {
    let Some(encoded) = param(hash, "s") else {
        return Ok(None);
    };
    // Four symbols hold three bytes: checked before decoding anything.
    if encoded.len() / 4 * 3 > MAX_SHARED_BYTES {
        return Err(format!(
            "The shared link is too long ({} KiB; a link holds at most {} KiB of scenario); showing the default scenario.",
            encoded.len().div_ceil(1024),
            MAX_SHARED_BYTES / 1024
        ));
    }
    let bytes = decode_base64url(encoded)
        .map_err(|e| format!("The shared link is damaged ({e}); showing the default scenario."))?;
    let yaml = String::from_utf8(bytes).map_err(|_| {
        "The shared link does not hold text; showing the default scenario.".to_string()
    })?;
    let tick = match param(hash, "t") {
        None => 0,
        Some(t) => t.parse::<i64>().ok().filter(|t| *t >= 0).ok_or_else(|| {
            format!(
                "The shared link's time t={} is not a whole number of seconds; showing the default scenario.",
                shortened(t)
            )
        })?,
    };
    Ok(Some(Shared { yaml, tick }))
}

/// The hash of a share link for a scenario at a tick.
pub fn share_hash(yaml: &str, tick: i64) -> String {
    format!("#s={}&t={tick}", encode_base64url(yaml.as_bytes()))
}
