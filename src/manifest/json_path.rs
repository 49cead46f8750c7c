//! Reading untyped JSON the way the API server's decoder does: Go's `encoding/json` type errors
//! (`json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type
//! int32`) and strict field validation's `unknown field "spec.replica"`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::engine::validation::quantity::Quantity;
use crate::quote::Quoted;

/// Where a value sits: the dotted path Go's type errors print (no list indices) and the path
/// strict decoding prints (with indices).
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldPath {
    dotted: String,
    indexed: String,
}

impl FieldPath {
    pub(crate) fn child(&self, name: &str) -> FieldPath {
        let join = |base: &str| {
            if base.is_empty() {
                name.to_string()
            } else {
                format!("{base}.{name}")
            }
        };
        FieldPath {
            dotted: join(&self.dotted),
            indexed: join(&self.indexed),
        }
    }

    /// The path as strict decoding and validation print it (`spec.behavior.scaleUp.policies[0]`).
    pub(crate) fn indexed_path(&self) -> String {
        self.indexed.clone()
    }

    pub(crate) fn index(&self, i: usize) -> FieldPath {
        FieldPath {
            dotted: self.dotted.clone(),
            indexed: format!("{}[{i}]", self.indexed),
        }
    }
}

/// Collects decoding problems as Go's decoder does: the first type error in document order wins;
/// unknown fields are all reported, but only when there is no type error.
#[derive(Debug, Default)]
pub(crate) struct Reader {
    /// Every type error, with the indexed path of the value it is about.
    type_errors: Vec<(String, String)>,
    unknown: Vec<String>,
}

/// Where a path lies in the document, as Go's decoder meets it: the position of each key in its
/// object and each index in its list (a missing key sorts last).
fn document_position(doc: &Map<String, Value>, indexed: &str) -> Vec<usize> {
    let mut position = Vec::new();
    let mut current = Some(doc);
    for segment in indexed.split('.') {
        let (name, indices) = segment.split_once('[').unwrap_or((segment, ""));
        let Some(object) = current else {
            break;
        };
        position.push(object.keys().position(|k| k == name).unwrap_or(usize::MAX));
        let mut value = object.get(name);
        for index in indices
            .split('[')
            .filter_map(|i| i.trim_end_matches(']').parse::<usize>().ok())
        {
            position.push(index);
            value = value.and_then(|v| v.get(index));
        }
        current = value.and_then(Value::as_object);
    }
    position
}

/// The JSON kind Go names in a type error.
fn json_kind(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "bool".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        Value::Array(_) => "array".into(),
        Value::Object(_) => "object".into(),
    }
}

impl Reader {
    /// The decoding error text for the document `doc`, if any: the type error Go would meet
    /// first, else the strict decoding errors.
    pub(crate) fn finish(self, doc: &Map<String, Value>) -> Option<String> {
        let first = self
            .type_errors
            .into_iter()
            .enumerate()
            .min_by_key(|(order, (path, _))| (document_position(doc, path), *order));
        if let Some((_, (_, message))) = first {
            return Some(message);
        }
        if self.unknown.is_empty() {
            return None;
        }
        let list: Vec<String> = self
            .unknown
            .iter()
            .map(|f| format!("unknown field {f}", f = Quoted(&f)))
            .collect();
        Some(format!("strict decoding error: {}", list.join(", ")))
    }

    fn mismatch(&mut self, found: String, go_struct: &str, at: &FieldPath, go_type: &str) {
        self.type_errors.push((
            at.indexed.clone(),
            format!(
                "json: cannot unmarshal {found} into Go struct field {go_struct}.{} of type {go_type}",
                at.dotted
            ),
        ));
    }

    /// Reports every key of `map` that is not in `known`.
    pub(crate) fn known_fields(
        &mut self,
        map: &Map<String, Value>,
        known: &[&str],
        at: &FieldPath,
    ) {
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.unknown.push(at.child(key).indexed);
            }
        }
    }

    /// An object-typed field (a Go struct or map); `None` when absent, null or of another type.
    pub(crate) fn object<'v>(
        &mut self,
        value: Option<&'v Value>,
        go_struct: &str,
        at: &FieldPath,
        go_type: &str,
    ) -> Option<&'v Map<String, Value>> {
        match value? {
            Value::Null => None,
            Value::Object(map) => Some(map),
            other => {
                self.mismatch(json_kind(other), go_struct, at, go_type);
                None
            }
        }
    }

    /// A list-typed field.
    pub(crate) fn array<'v>(
        &mut self,
        value: Option<&'v Value>,
        go_struct: &str,
        at: &FieldPath,
        go_type: &str,
    ) -> Option<&'v Vec<Value>> {
        match value? {
            Value::Null => None,
            Value::Array(items) => Some(items),
            other => {
                self.mismatch(json_kind(other), go_struct, at, go_type);
                None
            }
        }
    }

    /// A string field.
    pub(crate) fn string(
        &mut self,
        value: Option<&Value>,
        go_struct: &str,
        at: &FieldPath,
        go_type: &str,
    ) -> Option<String> {
        match value? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => {
                self.mismatch(json_kind(other), go_struct, at, go_type);
                None
            }
        }
    }

    /// An integer field of Go type `int32` or `int64`, range-checked like Go's decoder.
    pub(crate) fn int(
        &mut self,
        value: Option<&Value>,
        go_struct: &str,
        at: &FieldPath,
        go_type: &str,
    ) -> Option<i64> {
        let (min, max) = if go_type == "int32" {
            (i64::from(i32::MIN), i64::from(i32::MAX))
        } else {
            (i64::MIN, i64::MAX)
        };
        match value? {
            Value::Null => None,
            Value::Number(n) => {
                let whole = n.as_i64().or_else(|| {
                    n.as_f64()
                        .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e18)
                        .map(|f| f as i64)
                });
                match whole {
                    Some(v) if (min..=max).contains(&v) => Some(v),
                    _ => {
                        self.mismatch(format!("number {n}"), go_struct, at, go_type);
                        None
                    }
                }
            }
            other => {
                self.mismatch(json_kind(other), go_struct, at, go_type);
                None
            }
        }
    }

    /// A boolean field.
    pub(crate) fn boolean(
        &mut self,
        value: Option<&Value>,
        go_struct: &str,
        at: &FieldPath,
    ) -> Option<bool> {
        match value? {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            other => {
                self.mismatch(json_kind(other), go_struct, at, "bool");
                None
            }
        }
    }

    /// A `resource.Quantity`: its `UnmarshalJSON` parses the JSON text (a string's contents, or
    /// a number as written) and fails with apimachinery's message, without field context.
    pub(crate) fn quantity(&mut self, value: &Value, at: &FieldPath) {
        let text = match value {
            Value::Null => return,
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let Err(message) = Quantity::parse(&text) {
            self.type_errors
                .push((at.indexed.clone(), message.to_string()));
        }
    }

    /// A `map[string]string` field (labels, annotations, nodeSelector, matchLabels).
    pub(crate) fn string_map(
        &mut self,
        value: Option<&Value>,
        go_struct: &str,
        at: &FieldPath,
    ) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some(map) = self.object(value, go_struct, at, "map[string]string") else {
            return out;
        };
        for (key, value) in map {
            if let Some(s) = self.string(Some(value), go_struct, at, "string") {
                out.insert(key.clone(), s);
            }
        }
        out
    }

    /// A `[]string` field (command, args, selector values).
    pub(crate) fn string_list(
        &mut self,
        value: Option<&Value>,
        go_struct: &str,
        at: &FieldPath,
    ) -> Vec<String> {
        let Some(items) = self.array(value, go_struct, at, "[]string") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(Some(item), go_struct, at, "string"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn given_a_string_for_an_int32_then_go_names_struct_path_and_type() {
        let mut reader = Reader::default();
        let at = FieldPath::default().child("spec").child("replicas");
        reader.int(Some(&json!("three")), "DeploymentSpec", &at, "int32");
        assert_eq!(
            reader.finish(&Map::new()).as_deref(),
            Some("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")
        );
    }

    #[test]
    fn given_a_fraction_or_an_overflow_then_the_number_is_quoted() {
        let at = FieldPath::default().child("spec").child("replicas");
        let mut reader = Reader::default();
        assert_eq!(
            reader.int(Some(&json!(3.0)), "DeploymentSpec", &at, "int32"),
            Some(3)
        );
        reader.int(
            Some(&json!(3_000_000_000_i64)),
            "DeploymentSpec",
            &at,
            "int32",
        );
        assert_eq!(
            reader.finish(&Map::new()).as_deref(),
            Some("json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32")
        );
    }

    #[test]
    fn given_unknown_fields_then_strict_decoding_lists_them_with_indices() {
        let mut reader = Reader::default();
        let at = FieldPath::default()
            .child("spec")
            .child("containers")
            .index(0);
        let map = json!({"name": "a", "imagePullPolcy": "Always"});
        reader.known_fields(map.as_object().unwrap(), &["name"], &at);
        assert_eq!(
            reader.finish(&Map::new()).as_deref(),
            Some("strict decoding error: unknown field \"spec.containers[0].imagePullPolcy\"")
        );
    }
}
