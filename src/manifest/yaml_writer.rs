//! A JSON value as the YAML kubectl prints: sigs.k8s.io/yaml's `JSONToYAML`, which goes through a
//! Go map (keys in alphabetical order) and Go's yaml.v2 emitter (libyaml): block style, sequences
//! not indented under their key, strings double-quoted when a plain scalar would read back as
//! another type (`"1"`, `"true"`, `"2026-01-01T00:00:00Z"`), single-quoted when a plain scalar is
//! not allowed (`'#fff'`), folded past 80 columns, and literal blocks for multi-line text.

use serde_json::{Map, Value};

/// The YAML text of a JSON value, keys sorted, in Go yaml.v2's block style.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_sequence(&mut out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar, 2, 0));
            out.push('\n');
        }
    }
    out
}

/// libyaml's preferred line width: plain and single-quoted scalars fold at a space past it.
const BEST_WIDTH: usize = 80;

fn sorted(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    crate::engine::sorting::sort_by(&mut entries, &|a, b| a.0.cmp(b.0));
    entries
}

fn write_mapping(out: &mut String, map: &Map<String, Value>, indent: usize) {
    for (i, (key, value)) in sorted(map).into_iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        let key = string_text(key, indent + 2, indent, false);
        let column = indent + key.chars().count() + 2;
        out.push_str(&key);
        out.push(':');
        match value {
            Value::Object(map) if !map.is_empty() => {
                out.push('\n');
                out.push_str(&" ".repeat(indent + 2));
                write_mapping(out, map, indent + 2);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                write_sequence(out, items, indent);
            }
            scalar => {
                out.push(' ');
                out.push_str(&scalar_text(scalar, indent + 2, column));
                out.push('\n');
            }
        }
    }
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_mapping(out, map, indent + 2),
            Value::Array(inner) if !inner.is_empty() => write_sequence(out, inner, indent + 2),
            scalar => {
                out.push_str(&scalar_text(scalar, indent + 2, indent + 2));
                out.push('\n');
            }
        }
    }
}

/// A scalar starting at `column`; `indent` is where folded or block lines continue.
fn scalar_text(value: &Value, indent: usize, column: usize) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s, indent, column, true),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// How yaml.v2 writes a string: a literal block when it spans lines, double-quoted when a plain
/// scalar would read back as another type (`"1"`, `"true"`, a timestamp, `""`), plain when
/// libyaml allows it, single-quoted otherwise (`'#fff'`, `'a: b'`).
fn string_text(s: &str, indent: usize, column: usize, allow_breaks: bool) -> String {
    let has_special = s.chars().any(|c| !printable(c) || unicode_break(c));
    if s.contains('\n') {
        if !has_special && literal_allowed(s) {
            return literal_block(s, indent);
        }
        return double_quoted(s);
    }
    if has_special || s.is_empty() || resolves_to_non_string(s) || is_base60_float(s) {
        return double_quoted(s);
    }
    if plain_allowed(s) {
        return folded(s, indent, column, allow_breaks);
    }
    let quoted = format!("'{}'", s.replace('\'', "''"));
    folded(&quoted, indent, column, allow_breaks)
}

/// Breaks at a single space once the line is past `BEST_WIDTH`, as libyaml's `write_plain` and
/// `write_single_quoted` do.
fn folded(s: &str, indent: usize, mut column: usize, allow_breaks: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, c) in chars.iter().enumerate() {
        let previous_space = i > 0 && chars[i - 1] == ' ';
        let next_space = chars.get(i + 1) == Some(&' ');
        let at_edge = i == 0 || i + 1 == chars.len();
        if *c == ' '
            && allow_breaks
            && !previous_space
            && !next_space
            && !at_edge
            && column > BEST_WIDTH
        {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
            continue;
        }
        out.push(*c);
        column += 1;
    }
    out
}

/// A literal block needs no indentation indicator (no leading space or line break) and no line
/// ending in a space; other multi-line strings are double-quoted.
fn literal_allowed(s: &str) -> bool {
    !s.starts_with([' ', '\n']) && s.split('\n').all(|line| !line.ends_with(' '))
}

/// A literal block scalar (`|`, `|-` or `|+` by the trailing newlines).
fn literal_block(s: &str, indent: usize) -> String {
    let trailing = s.len() - s.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let pad = " ".repeat(indent);
    let mut text = chomp.to_string();
    for line in s.trim_end_matches('\n').split('\n') {
        text.push('\n');
        if !line.is_empty() {
            text.push_str(&pad);
            text.push_str(line);
        }
    }
    for _ in 1..trailing {
        text.push('\n');
    }
    text
}

/// libyaml's `IS_PRINTABLE` (with the line feed, which the literal style handles).
fn printable(c: char) -> bool {
    matches!(c as u32,
        0x0A | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x1_0000..=0x10_FFFF)
        && c != '\u{feff}'
}

/// A character libyaml reads as a line break besides `\n` and `\r`.
fn unicode_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's double-quoted style, with its escapes.
fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        let escape = match c {
            '\0' => "0",
            '\u{7}' => "a",
            '\u{8}' => "b",
            '\t' => "t",
            '\n' => "n",
            '\u{b}' => "v",
            '\u{c}' => "f",
            '\r' => "r",
            '\u{1b}' => "e",
            '"' => "\"",
            '\\' => "\\",
            '\u{85}' => "N",
            '\u{2028}' => "L",
            '\u{2029}' => "P",
            c if !printable(c) => {
                let code = c as u32;
                out.push_str(&match code {
                    0..=0xFF => format!("\\x{code:02X}"),
                    0x100..=0xFFFF => format!("\\u{code:04X}"),
                    _ => format!("\\U{code:08X}"),
                });
                continue;
            }
            c => {
                out.push(c);
                continue;
            }
        };
        out.push('\\');
        out.push_str(escape);
    }
    out.push('"');
    out
}

/// libyaml's `analyze_scalar` for block context: no indicator at the start, no `: ` or ` #`
/// inside, no leading or trailing space, not a document marker.
fn plain_allowed(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let followed_by_blank = |i: usize| matches!(s[i..].chars().nth(1), None | Some(' ' | '\t'));
    if s.starts_with(' ') || s.ends_with(' ') || s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    if "#,[]{}&*!|>'\"%@`".contains(first) {
        return false;
    }
    if matches!(first, '-' | '?' | ':') && followed_by_blank(0) {
        return false;
    }
    for (i, c) in s.char_indices() {
        if c == ':' && followed_by_blank(i) {
            return false;
        }
        if c == '#' && i > 0 && s[..i].ends_with([' ', '\t']) {
            return false;
        }
    }
    true
}

/// yaml.v2's `isBase60Float`: `1:20` would read back as a sexagesimal number.
fn is_base60_float(s: &str) -> bool {
    let unsigned = s.trim_start_matches(['+', '-']);
    let (head, fraction) = match unsigned.split_once('.') {
        Some((head, fraction)) => (head, Some(fraction)),
        None => (unsigned, None),
    };
    let mut parts = head.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && first.starts_with(|c: char| c.is_ascii_digit())
        && first.chars().all(|c| c.is_ascii_digit() || c == '_')
        && rest.iter().all(|p| {
            (1..=2).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || p.as_bytes()[0] <= b'5')
        })
        && fraction.is_none_or(|f| f.chars().all(|c| c.is_ascii_digit() || c == '_'))
}

/// Whether a plain scalar would be read back (YAML 1.1, as yaml.v2 resolves) as something
/// other than a string: null, a boolean, a number or a timestamp.
fn resolves_to_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
        ".NaN", ".NAN", "<<",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    let plain = s.replace('_', "");
    let unsigned = plain.trim_start_matches(['+', '-']);
    let is_number = !unsigned.is_empty()
        && (crate::decimal::parse(unsigned).is_some()
            || unsigned
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || unsigned
                .strip_prefix("0b")
                .is_some_and(|b| !b.is_empty() && b.chars().all(|c| c == '0' || c == '1'))
            || unsigned
                .strip_prefix("0o")
                .is_some_and(|o| !o.is_empty() && o.chars().all(|c| ('0'..='7').contains(&c))));
    let unsigned_is_word = unsigned.chars().all(|c| c.is_ascii_alphabetic());
    if is_number && !unsigned_is_word {
        return true;
    }
    looks_like_timestamp(s)
}

/// `YYYY-MM-DD` optionally followed by a time: what yaml.v2 resolves as a timestamp.
fn looks_like_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && s[5..].contains('-')
        && s[5..].split(['T', 't', ' ']).next().is_some_and(|date| {
            date.split('-')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn given_strings_that_read_as_other_types_then_they_are_double_quoted() {
        // Keys too: `n` is a YAML 1.1 boolean, so yaml.v2 quotes it.
        let yaml = to_yaml(&json!({
            "a": "1", "b": "true", "c": "", "d": "2026-01-01T00:00:00Z", "e": "25%",
            "f": "--port=80", "g": "- x", "h": "#fff", "i": "a: b", "j": "on", "k": "1.5",
            "l": "0x1F", "m": "web-5d5dddf779", "n": "ReplicaSet \"web\" is progressing.",
            "o": "null", "p": " padded",
        }));
        assert_eq!(
            yaml,
            "a: \"1\"\nb: \"true\"\nc: \"\"\nd: \"2026-01-01T00:00:00Z\"\ne: 25%\nf: --port=80\ng: '- x'\nh: '#fff'\ni: 'a: b'\nj: \"on\"\nk: \"1.5\"\nl: \"0x1F\"\nm: web-5d5dddf779\n\"n\": ReplicaSet \"web\" is progressing.\no: \"null\"\np: ' padded'\n"
        );
    }

    #[test]
    fn given_long_or_awkward_strings_then_libyaml_folds_and_single_quotes_them() {
        let yaml = to_yaml(&json!({
            "message": "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            "quote": "it's: fine",
            "clock": "1:20",
            "list": ["*", "a  b"],
        }));
        assert_eq!(
            yaml,
            "clock: \"1:20\"\nlist:\n- '*'\n- a  b\nmessage: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available:\n  3 No preemption victims found for incoming pod.'\nquote: 'it''s: fine'\n"
        );
    }

    #[test]
    fn given_nested_lists_maps_and_multi_line_text_then_the_block_style_is_go_yaml_s() {
        let yaml = to_yaml(&json!({
            "list": [{"b": 1, "a": [1, 2]}, [], {}],
            "text": "{\"kind\":\"Deployment\"}\n",
            "script": "set -e\n\necho hi",
            "empty": {},
            "none": null,
        }));
        assert_eq!(
            yaml,
            "empty: {}\nlist:\n- a:\n  - 1\n  - 2\n  b: 1\n- []\n- {}\nnone: null\nscript: |-\n  set -e\n\n  echo hi\ntext: |\n  {\"kind\":\"Deployment\"}\n"
        );
    }
}
