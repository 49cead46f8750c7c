//! The `yaml_reader` fuzz property: on any text, DeploySim's YAML reader and libyaml (the oracle
//! of `tests/yaml_oracle.rs`) take the same decision, and when both accept they read the same
//! documents, as `agree` defines it, outside the differences the README documents ("Deliberate
//! differences") and `DELIBERATE` in `tests/yaml_oracle.rs` lists. Where the reader follows Go
//! by design, `deliberate` names the difference and what is still compared.

#[path = "../common/yaml_agreement.rs"]
mod yaml_agreement;

use serde_json::Value;
use yaml_agreement::{agree, go_key, oracle, reader, shown, Outcome};

/// What is compared where the two readers may part ways by design.
enum Compare {
    /// Nothing: either may accept what the other refuses.
    Nothing,
    /// Whether both accept; the values may differ.
    Decision,
}

/// The documented difference `text` falls under, given both outcomes, if any.
fn deliberate(text: &str, oracle: &Outcome, reader: &Outcome) -> Option<(Compare, &'static str)> {
    let oracle_says = |words: &[&str]| {
        oracle
            .as_ref()
            .is_err_and(|(_, message)| words.iter().any(|w| message.contains(w)))
    };
    let reader_says = |words: &[&str]| {
        reader
            .as_ref()
            .is_err_and(|(_, message)| words.iter().any(|w| message.contains(w)))
    };
    if text.contains('!') {
        return Some((
            Compare::Nothing,
            "a tag: Go resolves tags, the oracle drops them",
        ));
    }
    if text.contains("\\'") || text.contains("\\/") {
        return Some((
            Compare::Nothing,
            "Go's scanner knows the escape \\' and not \\/, libyaml the other way round",
        ));
    }
    if text.starts_with('\u{feff}') {
        return Some((Compare::Nothing, "a byte order mark opening the text"));
    }
    if anchors_renumbered(text) {
        return Some((
            Compare::Nothing,
            "the oracle numbers anchors by how many names it has seen: after a name's second \
             anchor, the next anchor takes the same number",
        ));
    }
    if oracle_says(&[" as u128, ", " as i128, "]) {
        return Some((
            Compare::Nothing,
            "an integer beyond 64 bits is a float for Go",
        ));
    }
    if oracle_says(&[
        "duplicate entry with null key",
        "duplicate entry in YAML map",
    ]) {
        return Some((
            Compare::Nothing,
            "a duplicated null or collection key: the last wins",
        ));
    }
    if oracle_says(&["recursion limit exceeded", "repetition limit exceeded"])
        || reader_says(&["recursion limit exceeded", "excessive aliasing"])
    {
        return Some((
            Compare::Nothing,
            "nesting and aliasing limits, counted otherwise",
        ));
    }
    if oracle.is_ok() && reader_says(&["found incompatible YAML document"]) {
        return Some((Compare::Nothing, "Go reads YAML 1.1 only"));
    }
    if !text.is_ascii() && text.lines().any(|line| line.len() > 1024) {
        return Some((
            Compare::Nothing,
            "a simple key's 1024 characters: libyaml counts bytes, Go characters",
        ));
    }
    if oracle
        .as_ref()
        .is_ok_and(|values| values.iter().any(keys_meet))
    {
        return Some((
            Compare::Decision,
            "two keys YAML 1.1 reads as one (`n` and `off` are both `false`): the last wins",
        ));
    }
    if text.contains("<<") {
        // The oracle leaves a merge key as it is in a document with a duplicated key and in a
        // merged map, and merges a quoted one; Go merges every plain one and only those.
        let unmerged = !merges_applied(text)
            || oracle
                .as_ref()
                .is_ok_and(|values| values.iter().any(holds_merge_key));
        if unmerged || text.contains("\"<<\"") || text.contains("'<<'") {
            return Some((
                Compare::Nothing,
                "a merge key the oracle does not apply as Go does",
            ));
        }
        return Some((
            Compare::Decision,
            "merge keys: Go merges in key order, the oracle its own way",
        ));
    }
    None
}

/// Whether a mapping in `value` has two keys that yaml.v2 reads as the same key.
fn keys_meet(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(keys_meet),
        Value::Object(map) => {
            let mut keys: Vec<String> = map
                .keys()
                .map(|key| go_key(key).unwrap_or_else(|| key.clone()))
                .collect();
            keys.sort();
            keys.windows(2).any(|pair| pair[0] == pair[1]) || map.values().any(keys_meet)
        }
        _ => false,
    }
}

/// Whether the oracle may give two anchors the same number: serde_yaml_ng numbers an anchor by
/// how many names it has seen, so any anchor after the first that reuses a name takes that one's
/// number. Counts every `&` before a name, in scalars too.
fn anchors_renumbered(text: &str) -> bool {
    let names: Vec<&str> = text
        .split('&')
        .skip(1)
        .map(|rest| {
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|name| !name.is_empty())
        .collect();
    let reused = (1..names.len()).find(|&i| names[..i].contains(&names[i]));
    reused.is_some_and(|i| i + 1 < names.len())
}

/// Whether the oracle applies the merge keys of every document: not of one with a duplicated key,
/// which it reads again keeping the last value and the merge keys as they are.
fn merges_applied(text: &str) -> bool {
    use serde::Deserialize;
    for document in serde_yaml_ng::Deserializer::from_str(text) {
        // The oracle stops at the first error, and so does its iterator's caller here.
        if let Err(error) = serde_yaml_ng::Value::deserialize(document) {
            return !error.to_string().contains("duplicate entry with key");
        }
    }
    true
}

/// Whether `value` holds a `<<` key.
fn holds_merge_key(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(holds_merge_key),
        Value::Object(map) => map.contains_key("<<") || map.values().any(holds_merge_key),
        _ => false,
    }
}

/// Runs the property on one input; panics on a disagreement.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let expected = oracle::documents(text);
    let actual = reader(text);
    let context = || {
        format!(
            "{text:?}\nreader: {}\noracle: {}",
            shown(&actual),
            shown(&expected)
        )
    };
    match deliberate(text, &expected, &actual) {
        Some((Compare::Nothing, _)) => {}
        Some((Compare::Decision, why)) => assert_eq!(
            actual.is_ok(),
            expected.is_ok(),
            "the reader and libyaml decide otherwise ({why}) on {}",
            context()
        ),
        None if expected.is_ok() => assert!(
            agree(text, &expected, &actual),
            "the reader and libyaml disagree on {}",
            context()
        ),
        None => assert!(
            actual.is_err(),
            "the reader accepts what libyaml refuses: {}",
            context()
        ),
    }
}
