//! The YAML reader's oracle and what agreeing with it means, shared by `tests/yaml_oracle.rs` and
//! the `yaml_reader` fuzz property: libyaml (serde_yaml_ng) reading a stream as kubectl's
//! conversion to JSON would, Go's yaml package error texts computed from its marks, and the
//! comparison that allows YAML 1.1's resolution of plain scalars.

use serde_json::Value;

/// What a reader makes of a stream: every document's JSON value, or Go's (line, message).
pub type Outcome = Result<Vec<Value>, (Option<usize>, String)>;

/// The serde_yaml_ng reading the project used before its own reader: documents to JSON the way
/// sigs.k8s.io/yaml converts them, with Go's yaml package error texts.
pub mod oracle {
    use serde::de::{
        DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
    };
    use serde::Deserialize;
    use serde_json::{Map, Value};

    use super::Outcome;

    /// Every document of the stream, in order (an empty one is `Null`). A duplicated key keeps
    /// its last value (and the document's merge keys are then left as they are).
    pub fn documents(text: &str) -> Outcome {
        let mut values = Vec::new();
        for (index, document) in serde_yaml_ng::Deserializer::from_str(text).enumerate() {
            let json = match serde_yaml_ng::Value::deserialize(document) {
                Ok(mut value) => {
                    value.apply_merge().map_err(|e| go_error(&e))?;
                    yaml_to_json(value)
                }
                Err(e) if e.to_string().contains("duplicate entry with key") => {
                    last_wins(text, index).map_err(|e| go_error(&e))?
                }
                Err(e) => return Err(go_error(&e)),
            };
            values.push(json);
        }
        Ok(values)
    }

    /// Document `index` of `text` read again, keeping the last of duplicated keys.
    fn last_wins(text: &str, index: usize) -> Result<Value, serde_yaml_ng::Error> {
        match serde_yaml_ng::Deserializer::from_str(text).nth(index) {
            Some(document) => LastWins.deserialize(document),
            None => Ok(Value::Null),
        }
    }

    /// Builds a JSON value straight from the YAML events, so that a later duplicate key
    /// replaces an earlier one instead of failing.
    struct LastWins;

    impl<'de> DeserializeSeed<'de> for LastWins {
        type Value = Value;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for LastWins {
        type Value = Value;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any YAML value")
        }

        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }

        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(Value::from(v))
        }

        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(Value::from(v))
        }

        /// JSON cannot hold `.inf` or `.nan`: they become strings, spelled as YAML spells them
        /// (as `yaml_to_json` does).
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(go_json_float(v))
        }

        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_string()))
        }

        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }

        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
            deserializer.deserialize_any(LastWins)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element_seed(LastWins)? {
                items.push(item);
            }
            Ok(Value::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut object = Map::new();
            while let Some(key) = map.next_key_seed(LastWins)? {
                let value = map.next_value_seed(LastWins)?;
                object.insert(key_text(key), value);
            }
            Ok(Value::Object(object))
        }

        /// A tagged value (`!foo bar`): the tag is dropped.
        fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
            let (_tag, variant) = data.variant::<String>()?;
            variant.newtype_variant_seed(LastWins)
        }
    }

    /// A float as it reaches the API server through Go's JSON: a whole number prints as an
    /// integer (`3.0` is `3`); `.inf` and `.nan`, which JSON cannot hold, stay YAML's text.
    fn go_json_float(v: f64) -> Value {
        if !v.is_finite() {
            return Value::String(serde_yaml_ng::Number::from(v).to_string());
        }
        if v.fract() == 0.0 && v.abs() < 1e21 {
            if v >= i64::MIN as f64 && v < i64::MAX as f64 {
                return Value::from(v as i64);
            }
            if v > 0.0 && v < u64::MAX as f64 {
                return Value::from(v as u64);
            }
        }
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }

    /// A mapping key as JSON text: strings as they are, other scalars as they print.
    fn key_text(key: Value) -> String {
        match key {
            Value::String(s) => s,
            Value::Null => "null".to_string(),
            other => other.to_string(),
        }
    }

    /// A YAML error as Go's yaml package (yaml.v2's `parser.fail`) words it, from libyaml's
    /// marks: the problem's 0-based line, plus one for a scanner error; when that line is 0,
    /// the context's 0-based line; when that is 0 too, no line. The message is the problem
    /// alone (Go does not print libyaml's "while parsing ..." context).
    fn go_error(error: &serde_yaml_ng::Error) -> (Option<usize>, String) {
        let text = error.to_string();
        let problem = text
            .split(" at line ")
            .next()
            .unwrap_or(&text)
            .split(" at position ")
            .next()
            .unwrap_or(&text)
            .split(", while ")
            .next()
            .unwrap_or(&text)
            .to_string();
        let debug = format!("{error:?}");
        if !["PARSER", "SCANNER", "READER"]
            .iter()
            .any(|kind| debug.contains(&format!("kind: {kind}")))
        {
            // serde_yaml_ng's own errors (limits, anchors, types): its 1-based line.
            return (error.location().map(|l| l.line()), problem);
        }
        // "PROBLEM at line L column C, CONTEXT at line L2 column C2" (1-based; a mark equal to
        // the problem's or at the very start is not printed).
        let line_after = |marker: &str| -> usize {
            text.split_once(marker)
                .and_then(|(_, rest)| rest.strip_prefix("line "))
                .and_then(|rest| rest.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok())
                .map_or(0, |line| line - 1)
        };
        let problem_line = if text.starts_with(&format!("{problem} at line ")) {
            line_after(" at ")
        } else {
            0
        };
        let context_line = text.split_once(", while ").map_or(0, |(_, context)| {
            context
                .split_once(" at line ")
                .and_then(|(_, rest)| rest.split(' ').next())
                .and_then(|n| n.parse::<usize>().ok())
                .map_or(0, |line| line - 1)
        });
        let line = if problem_line != 0 {
            Some(problem_line + usize::from(debug.contains("kind: SCANNER")))
        } else if context_line != 0 {
            Some(context_line)
        } else {
            None
        };
        (line, problem)
    }

    /// sigs.k8s.io/yaml's YAML-to-JSON conversion: tags are dropped, non-string keys become
    /// their text, and numbers JSON cannot hold (`.inf`, `.nan`) become strings.
    fn yaml_to_json(value: serde_yaml_ng::Value) -> Value {
        use serde_yaml_ng::Value as Y;
        match value {
            Y::Null => Value::Null,
            Y::Bool(b) => Value::Bool(b),
            Y::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Value::from(i)
                } else if let Some(u) = n.as_u64() {
                    Value::from(u)
                } else {
                    n.as_f64().map_or(Value::Null, go_json_float)
                }
            }
            Y::String(s) => Value::String(s),
            Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
            Y::Mapping(mapping) => {
                let mut map = Map::new();
                for (key, value) in mapping {
                    map.insert(key_text(yaml_to_json(key)), yaml_to_json(value));
                }
                Value::Object(map)
            }
            Y::Tagged(tagged) => yaml_to_json(tagged.value),
        }
    }
}

/// The hand-written reader's outcome, in the oracle's terms.
pub fn reader(text: &str) -> Outcome {
    deploysim::manifest::yaml_documents(text).map_err(|e| (e.line, e.message))
}

/// An outcome as text that tells every difference apart: the documents as JSON in key order
/// (`1` and `1.0`, `0.0` and `-0.0` differ), or the error pair.
pub fn shown(outcome: &Outcome) -> String {
    match outcome {
        Ok(values) => serde_json::to_string(values).expect("JSON values print"),
        Err(error) => format!("error {error:?}"),
    }
}

/// An outcome for comparison: as `shown`, except that key order is not compared in a text with
/// merge keys. The reader merges the yaml.v2 way (merged keys in place of the `<<`), the oracle
/// moves keys around (`swap_remove`); Go's JSON sorts keys anyway.
fn compared(text: &str, outcome: &Outcome) -> String {
    fn sorted(value: &Value) -> Value {
        match value {
            Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
            Value::Object(map) => {
                let mut keys: Vec<_> = map.keys().collect();
                keys.sort();
                Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), sorted(&map[k])))
                        .collect(),
                )
            }
            other => other.clone(),
        }
    }
    match outcome {
        Ok(values) if text.contains("<<") => shown(&Ok(values.iter().map(sorted).collect())),
        _ => shown(outcome),
    }
}

/// Whether the reader's outcome is the oracle's: the same, or the same once the plain scalars
/// the oracle (YAML 1.2) keeps as strings are read as Go's yaml.v2 (YAML 1.1) reads them.
pub fn agree(text: &str, oracle: &Outcome, reader: &Outcome) -> bool {
    if compared(text, oracle) == compared(text, reader) {
        return true;
    }
    match (oracle, reader) {
        (Ok(a), Ok(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| go_reads(a, b)),
        _ => false,
    }
}

/// Whether `reader` is what yaml.v2 makes of what the oracle read as `oracle`: equal, or a
/// string the oracle kept that yaml.v2 resolves (`yes`, `on`, `0644`, `1_000`, `08`) to it,
/// in the same places (keys included).
fn go_reads(oracle: &Value, reader: &Value) -> bool {
    match (oracle, reader) {
        (Value::String(s), r) if !r.is_string() => yaml_1_1(s).as_ref() == Some(r),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| go_reads(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter().all(|(key, value)| {
                    [Some(key.clone()), go_key(key)]
                        .into_iter()
                        .flatten()
                        .any(|k| b.get(&k).is_some_and(|r| go_reads(value, r)))
                })
        }
        (a, b) => a == b,
    }
}

/// The key yaml.v2 makes of a mapping key the oracle read as the string `key`, when YAML 1.1
/// reads it otherwise as a plain scalar (`on` is the key `true`, `0x10` the key `16`).
pub fn go_key(key: &str) -> Option<String> {
    yaml_1_1(key).map(|k| match k {
        Value::String(s) => s,
        other => other.to_string(),
    })
}

/// What the reader makes of `text` alone as a plain scalar, for the tokens YAML 1.1 can read
/// otherwise than YAML 1.2 (letters, digits, `.`, `_`, `+`, `-`, `~`); `None` for others.
fn yaml_1_1(text: &str) -> Option<Value> {
    let token = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._+-~".contains(c));
    token
        .then(|| deploysim::manifest::yaml_value(text).ok())
        .flatten()
        .filter(|v| !v.is_string())
}
