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
    let canonical = serde_json::to_value(&template)
        .map(canonical_json)
        .unwrap_or_default();
    let encoded = serde_json::to_vec(&canonical).unwrap_or_default();
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

/// The same value with every object's keys in sorted order, so that equal templates hash alike
/// whatever order their manifest gave the fields in.
fn canonical_json(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<(String, serde_json::Value)> = map.into_iter().collect();
            super::sorting::sort_by(&mut entries, &|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, canonical_json(v)))
                    .collect(),
            )
        }
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(canonical_json).collect())
        }
        other => other,
    }
}

/// `rand.SafeEncodeString`: maps every byte onto the alphabet.
pub fn safe_encode_string(s: &str) -> String {
    s.bytes()
        .map(|b| ALPHANUMS[usize::from(b) % ALPHANUMS.len()] as char)
        .collect()
}

/// The 5 random characters the API server appends to a `generateName` (`rand.String(5)`).
pub fn random_suffix(rng: &mut SimRng) -> impl Iterator<Item = char> + '_ {
    (0..5).map(|_| ALPHANUMS[rng.below(ALPHANUMS.len() as u32) as usize] as char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::objects::Deployment;
    use serde_json::json;

    #[test]
    fn equal_templates_hash_alike_whatever_the_field_order() {
        let mut a = Deployment::new("default", "web", "web", "nginx:1.25", 1)
            .spec
            .template;
        let mut b = a.clone();
        let extra = &mut a.spec.containers[0].extra;
        extra.insert("ports".into(), json!([{"containerPort": 80}]));
        extra.insert("imagePullPolicy".into(), json!("IfNotPresent"));
        let extra = &mut b.spec.containers[0].extra;
        extra.insert("imagePullPolicy".into(), json!("IfNotPresent"));
        extra.insert("ports".into(), json!([{"containerPort": 80}]));
        assert_eq!(compute_hash(&a, 0), compute_hash(&b, 0));
        assert_ne!(
            compute_hash(&a, 0),
            compute_hash(&a, 1),
            "collisions change the hash"
        );
        assert!(compute_hash(&a, 0)
            .chars()
            .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)));
    }
}
