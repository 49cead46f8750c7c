//! kubectl's reading of a manifest stream: YAML documents to JSON values the way
//! `YAMLOrJSONDecoder` and sigs.k8s.io/yaml do it, with Go's yaml.v2 error texts.

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::ManifestError;

/// The JSON value of every non-empty document, in order. A duplicated key keeps its last value,
/// as sigs.k8s.io/yaml's (non-strict) conversion does.
pub(crate) fn documents(text: &str, source_name: &str) -> Result<Vec<Value>, ManifestError> {
    let mut values = Vec::new();
    for (index, document) in serde_yaml_ng::Deserializer::from_str(text).enumerate() {
        let json = match serde_yaml_ng::Value::deserialize(document) {
            Ok(mut value) => {
                value
                    .apply_merge()
                    .map_err(|e| yaml_error(&e, source_name))?;
                yaml_to_json(value)
            }
            Err(e) if e.to_string().contains("duplicate entry with key") => {
                last_wins(text, index).map_err(|e| yaml_error(&e, source_name))?
            }
            Err(e) => return Err(yaml_error(&e, source_name)),
        };
        if !json.is_null() {
            values.push(json);
        }
    }
    Ok(values)
}

/// One YAML document as a JSON value (tags dropped, as `documents` reads them). Every YAML read
/// goes through here or `documents`, so the browser bundle carries one YAML deserializer.
pub fn yaml_value(text: &str) -> Result<Value, serde_yaml_ng::Error> {
    serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).map(yaml_to_json)
}

/// Document `index` of `text` read again, keeping the last of duplicated keys.
fn last_wins(text: &str, index: usize) -> Result<Value, serde_yaml_ng::Error> {
    match serde_yaml_ng::Deserializer::from_str(text).nth(index) {
        Some(document) => LastWins.deserialize(document),
        None => Ok(Value::Null),
    }
}

/// Builds a JSON value straight from the YAML events, so that a later duplicate key replaces an
/// earlier one instead of failing.
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

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v)
            .map_or_else(|| Value::String(v.to_string()), Value::Number))
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

/// A mapping key as JSON text: strings as they are, other scalars as they print.
fn key_text(key: Value) -> String {
    match key {
        Value::String(s) => s,
        Value::Null => "null".to_string(),
        other => other.to_string(),
    }
}

/// A YAML error as Go's yaml package words it: parser errors report the line *before* the
/// problem (libyaml's 0-based mark), scanner errors the 1-based line.
fn yaml_error(error: &serde_yaml_ng::Error, source_name: &str) -> ManifestError {
    let text = error.to_string();
    let problem = text
        .split(" at line ")
        .next()
        .unwrap_or(&text)
        .split(" at position ")
        .next()
        .unwrap_or(&text)
        .to_string();
    let line = error.location().map(|l| l.line());
    let is_parser_error = format!("{error:?}").contains("kind: PARSER");
    let line = if is_parser_error {
        line.map(|l| l.saturating_sub(1)).filter(|l| *l > 0)
    } else {
        line
    };
    ManifestError::Yaml {
        source_name: source_name.to_string(),
        line,
        message: problem,
    }
}

/// sigs.k8s.io/yaml's YAML-to-JSON conversion: tags are dropped, non-string keys become their
/// text, and numbers JSON cannot hold (`.inf`, `.nan`) become strings.
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
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(n.to_string()), Value::Number)
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
