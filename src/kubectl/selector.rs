//! Label selectors as `-l` takes them (apimachinery `labels.Parse`): `app=web`, `app==web`,
//! `tier!=db`, `app`, `!canary`, `env in (a,b)`, `env notin (a)`, joined by commas.

use std::collections::BTreeMap;

use super::error::CmdError;
use crate::quote::Quoted;

/// One requirement of a selector.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
}

/// A parsed label selector; the empty selector matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    requirements: Vec<Requirement>,
}

impl Selector {
    /// Parses `-l` text.
    pub fn parse(text: &str) -> Result<Selector, CmdError> {
        let bad = || {
            CmdError::other(format!(
                "unable to parse label selector {text}",
                text = Quoted(&text)
            ))
        };
        let mut requirements = Vec::new();
        for part in split_top_level(text).ok_or_else(bad)? {
            let part = part.trim();
            if part.is_empty() {
                if text.trim().is_empty() {
                    continue;
                }
                return Err(bad());
            }
            requirements.push(parse_requirement(part).ok_or_else(bad)?);
        }
        Ok(Selector { requirements })
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.requirements.iter().all(|r| match r {
            Requirement::Equals(k, v) => labels.get(k) == Some(v),
            Requirement::NotEquals(k, v) => labels.get(k) != Some(v),
            Requirement::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Requirement::Exists(k) => labels.contains_key(k),
            Requirement::DoesNotExist(k) => !labels.contains_key(k),
        })
    }
}

/// Splits on commas that are not inside parentheses; `None` when parentheses do not balance.
fn split_top_level(text: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return None;
    }
    parts.push(&text[start..]);
    Some(parts)
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

fn valid_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn parse_requirement(part: &str) -> Option<Requirement> {
    if let Some(key) = part.strip_prefix('!') {
        let key = key.trim();
        return valid_key(key).then(|| Requirement::DoesNotExist(key.to_string()));
    }
    for (op, negate) in [("!=", true), ("==", false), ("=", false)] {
        if let Some((key, value)) = part.split_once(op) {
            let (key, value) = (key.trim(), value.trim());
            if !valid_key(key) || !valid_value(value) {
                return None;
            }
            let (key, value) = (key.to_string(), value.to_string());
            return Some(if negate {
                Requirement::NotEquals(key, value)
            } else {
                Requirement::Equals(key, value)
            });
        }
    }
    if let Some(open) = part.find('(') {
        let head: Vec<&str> = part[..open].split_whitespace().collect();
        let values = part[open + 1..].strip_suffix(')')?;
        let values: Vec<String> = values.split(',').map(|v| v.trim().to_string()).collect();
        if values.iter().any(|v| !valid_value(v)) {
            return None;
        }
        return match head.as_slice() {
            [key, "in"] if valid_key(key) => Some(Requirement::In(key.to_string(), values)),
            [key, "notin"] if valid_key(key) => Some(Requirement::NotIn(key.to_string(), values)),
            _ => None,
        };
    }
    valid_key(part).then(|| Requirement::Exists(part.to_string()))
}

#[cfg(test)]
mod tests {
    use super::Selector;
    use std::collections::BTreeMap;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn selectors_match_like_labels_parse() {
        let web = labels(&[("app", "web"), ("tier", "front")]);
        let table: &[(&str, bool)] = &[
            ("", true),
            ("app=web", true),
            ("app==web", true),
            ("app=db", false),
            ("app!=db", true),
            ("app=web,tier=front", true),
            ("app=web,tier=back", false),
            ("app", true),
            ("!app", false),
            ("!canary", true),
            ("tier in (front,back)", true),
            ("tier in (back)", false),
            ("tier notin (back)", true),
            ("app=web, tier in (front, back)", true),
        ];
        for (text, want) in table {
            let selector = Selector::parse(text).expect(text);
            assert_eq!(selector.matches(&web), *want, "{text}");
        }
        for bad in ["app=web,", "tier in (a", "=web", "a b", "app=w b"] {
            assert!(Selector::parse(bad).is_err(), "{bad}");
        }
    }
}
