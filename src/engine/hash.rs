//! Names: the pod-template-hash of a ReplicaSet (`controller.ComputeHash`) and the random suffix
//! of a pod name, both in upstream's alphabet (`rand.SafeEncodeString`).
//!
//! Upstream hashes a `spew` dump of the Go struct, which cannot be reproduced outside Go; this
//! hashes a canonical JSON encoding of the template instead, with the same FNV-32a, the same
//! collision-count mixing and the same alphabet, so names have upstream's format.

use super::objects::PodTemplateSpec;
use super::rng::SimRng;

/// `rand.SafeEncodeString`'s alphabet: no vowels, no look-alike characters.
const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `ComputeHash(template, collisionCount)`: FNV-32a, then the decimal digits mapped onto the
/// alphabet.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: i32) -> String {
    let mut template = template.clone();
    template
        .metadata
        .labels
        .remove(super::objects::POD_TEMPLATE_HASH_LABEL);
    let encoded = serde_json::to_vec(&template).unwrap_or_default();
    let mut hash: u32 = 0x811c_9dc5;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u32::from(*b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    };
    feed(&encoded);
    if collision_count != 0 {
        feed(&collision_count.to_le_bytes());
    }
    safe_encode_string(&hash.to_string())
}

/// `rand.SafeEncodeString`: maps every byte onto the alphabet.
pub fn safe_encode_string(s: &str) -> String {
    s.bytes()
        .map(|b| ALPHANUMS[usize::from(b) % ALPHANUMS.len()] as char)
        .collect()
}

/// The 5 random characters the API server appends to a `generateName` (`rand.String(5)`).
pub fn random_suffix(rng: &mut SimRng) -> String {
    (0..5)
        .map(|_| ALPHANUMS[rng.below(ALPHANUMS.len() as u32) as usize] as char)
        .collect()
}
