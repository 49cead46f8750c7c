//! apimachinery's `pkg/util/validation` name rules (DNS-1123 labels and subdomains, qualified
//! names, label values) with their exact messages.

/// `RegexError(msg, fmt, examples...)`, two spaces before each "or" included.
pub(super) fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let listed: Vec<String> = examples.iter().map(|e| format!("'{e}', ")).collect();
    format!(
        "{msg} (e.g. {}regex used for validation is '{fmt}')",
        listed.join(" or ")
    )
}

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

fn dns1123_label_matches(s: &str) -> bool {
    let bytes = s.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            alnum(first) && alnum(last) && bytes.iter().all(|b| alnum(b) || *b == b'-')
        }
        _ => false,
    }
}

fn dns1123_subdomain_matches(s: &str) -> bool {
    s.split('.').all(dns1123_label_matches)
}

/// `IsDNS1123Label`.
pub(super) fn is_dns1123_label(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if value.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    if !dns1123_label_matches(value) {
        if dns1123_subdomain_matches(value) {
            errors.push("must not contain dots".to_string());
        } else {
            errors.push(regex_error(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errors
}

const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";

/// `IsDNS1035Label`.
pub(super) fn is_dns1035_label(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if value.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    let starts_with_letter = value.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if !(starts_with_letter && dns1123_label_matches(value)) {
        errors.push(regex_error(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errors
}

/// `IsDNS1123Subdomain`.
pub(super) fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if value.len() > 253 {
        errors.push("must be no more than 253 characters".to_string());
    }
    if !dns1123_subdomain_matches(value) {
        errors.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            &format!("{DNS1123_LABEL_FMT}(\\.{DNS1123_LABEL_FMT})*"),
            &["example.com"],
        ));
    }
    errors
}

const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

fn qualified_name_matches(s: &str) -> bool {
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// `IsQualifiedName`: an optional DNS subdomain prefix and `/`, then a name part.
pub(super) fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errors.push("prefix part must be non-empty".to_string());
            } else {
                errors.extend(
                    is_dns1123_subdomain(prefix)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            *name
        }
        _ => {
            return vec![format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, &["MyName", "my.name", "123-abc"])
            )]
        }
    };
    if name.is_empty() {
        errors.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errors.push("name part must be no more than 63 characters".to_string());
    }
    if !qualified_name_matches(name) {
        errors.push(format!(
            "name part {}",
            regex_error(
                QUALIFIED_NAME_MSG,
                QUALIFIED_NAME_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errors
}

/// `strings.ToLower(key)` as `is_qualified_name` sees it: these rules read ASCII bytes and
/// byte lengths only, so a non-ASCII character counts by the length of its lowercase and
/// whether that holds ASCII. Every character is lowered as `str::to_lowercase` lowers it except
/// those whose lowercase keeps their length and holds no ASCII, which stay as they are: the
/// rules give the same answer (a test checks every character), and the browser links no
/// Unicode case table (16 KB of wasm).
pub(super) fn lowercase_for_names(key: &str) -> String {
    /// The characters whose lowercase differs in length or is ASCII (the test finds any other).
    const CHANGES: &[(char, &str)] = &[
        ('\u{130}', "i\u{307}"),
        ('\u{23A}', "\u{2C65}"),
        ('\u{23E}', "\u{2C66}"),
        ('\u{1E9E}', "\u{DF}"),
        ('\u{2126}', "\u{3C9}"),
        ('\u{212A}', "k"),
        ('\u{212B}', "\u{E5}"),
        ('\u{2C62}', "\u{26B}"),
        ('\u{2C64}', "\u{27D}"),
        ('\u{2C6D}', "\u{251}"),
        ('\u{2C6E}', "\u{271}"),
        ('\u{2C6F}', "\u{250}"),
        ('\u{2C70}', "\u{252}"),
        ('\u{2C7E}', "\u{23F}"),
        ('\u{2C7F}', "\u{240}"),
        ('\u{A78D}', "\u{265}"),
        ('\u{A7AA}', "\u{266}"),
        ('\u{A7AB}', "\u{25C}"),
        ('\u{A7AC}', "\u{261}"),
        ('\u{A7AD}', "\u{26C}"),
        ('\u{A7AE}', "\u{26A}"),
        ('\u{A7B0}', "\u{29E}"),
        ('\u{A7B1}', "\u{287}"),
        ('\u{A7B2}', "\u{29D}"),
        ('\u{A7C5}', "\u{282}"),
        ('\u{A7CB}', "\u{264}"),
        ('\u{A7DC}', "\u{19B}"),
    ];
    let mut lower = String::with_capacity(key.len());
    for c in key.chars() {
        match CHANGES.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => lower.push_str(to),
            None => lower.push(c.to_ascii_lowercase()),
        }
    }
    lower
}

/// `IsValidLabelValue`.
pub(super) fn is_valid_label_value(value: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if value.len() > 63 {
        errors.push("must be no more than 63 characters".to_string());
    }
    if !value.is_empty() && !qualified_name_matches(value) {
        errors.push(regex_error(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            &format!("({QUALIFIED_NAME_FMT})?"),
            &["MyValue", "my_value", "12345"],
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_any_character_then_lowercase_for_names_is_judged_as_to_lowercase_is() {
        // What is_qualified_name reads of a string: its ASCII bytes, and how many other bytes.
        let seen = |s: &str| -> Vec<u8> { s.bytes().map(|b| b.min(0x80)).collect() };
        let mut buffer = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let key = c.encode_utf8(&mut buffer);
            assert_eq!(
                seen(&lowercase_for_names(key)),
                seen(&key.to_lowercase()),
                "U+{:04X}",
                c as u32
            );
        }
        // the final sigma of to_lowercase is as long as the other one
        for key in ["AΣ", "AΣ.B/ΣC\u{212A}\u{130}", "\u{212A}ey", "A-\u{1E9E}"] {
            let (ours, exact) = (lowercase_for_names(key), key.to_lowercase());
            assert_eq!(seen(&ours), seen(&exact), "{key}");
            assert_eq!(is_qualified_name(&ours), is_qualified_name(&exact), "{key}");
        }
    }

    #[test]
    fn given_label_keys_then_prefix_and_name_parts_are_checked_separately() {
        assert!(is_qualified_name("app.kubernetes.io/name").is_empty());
        assert!(is_qualified_name("MyName").is_empty());
        assert_eq!(
            is_qualified_name("/name"),
            vec!["prefix part must be non-empty".to_string()]
        );
        assert_eq!(
            is_qualified_name("Example.com/x"),
            vec![format!(
                "prefix part {}",
                is_dns1123_subdomain("Example.com").remove(0)
            )]
        );
        assert!(is_qualified_name("a/b/c")[0].starts_with("a qualified name must consist of"));
        assert_eq!(
            is_qualified_name(&"x".repeat(64)),
            vec!["name part must be no more than 63 characters".to_string()]
        );
    }

    #[test]
    fn given_names_then_labels_and_subdomains_follow_rfc_1123() {
        assert!(is_dns1123_label("web-1").is_empty());
        assert_eq!(
            is_dns1123_label("a.b"),
            vec!["must not contain dots".to_string()]
        );
        assert!(is_dns1123_subdomain("web.example.com").is_empty());
        assert_eq!(is_dns1123_subdomain("web.").len(), 1);
        assert_eq!(is_dns1123_subdomain(&"a".repeat(254)).len(), 1);
        assert!(is_valid_label_value("").is_empty());
        assert_eq!(is_valid_label_value("-x").len(), 1);
    }
}
