//! The multi-line label and annotation fields of `kubectl describe`
//! (`printLabelsMultilineWithIndent`, `printAnnotationsMultilineWithIndent`).

use std::collections::BTreeMap;

use crate::engine::LAST_APPLIED_ANNOTATION;

/// Longest `key: value` printed on one line (`maxAnnotationLen`).
const MAX_ANNOTATION_LEN: usize = 140;

/// `Labels:\tk=v`, each further label on a line starting with a TAB, or `<none>`.
pub fn labels(out: &mut String, indent: &str, title: &str, labels: &BTreeMap<String, String>) {
    out.push_str(&format!("{indent}{title}:\t"));
    if labels.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            out.push('\t');
        }
        out.push_str(&format!("{k}={v}\n"));
    }
}

/// Continuation lines start with a TAB (KUBECTL.md §2.1); under the tab writer that is the same
/// as upstream's indent-then-TAB.
///
/// `Annotations:\tk: v`, one per line (sorted; the last-applied configuration is skipped); a long
/// or multi-line value goes on its own lines under `key:`.
pub fn annotations(
    out: &mut String,
    indent: &str,
    title: &str,
    annotations: &BTreeMap<String, String>,
) {
    out.push_str(&format!("{indent}{title}:\t"));
    let keys: Vec<&String> = annotations
        .keys()
        .filter(|k| k.as_str() != LAST_APPLIED_ANNOTATION)
        .collect();
    if keys.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    let continuation = "\t";
    for (i, key) in keys.into_iter().enumerate() {
        if i != 0 {
            out.push_str(continuation);
        }
        let value = annotations[key]
            .strip_suffix('\n')
            .unwrap_or(&annotations[key]);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            out.push_str(&format!("{key}:\n"));
            for line in value.split('\n') {
                out.push_str(&format!(
                    "{continuation}  {}\n",
                    shorten(line, MAX_ANNOTATION_LEN - 2)
                ));
            }
        } else {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
}

/// `shorten`: cuts a long line and marks the cut with `...`.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn labels_continue_on_lines_that_start_with_a_tab() {
        let mut out = String::new();
        labels(
            &mut out,
            "  ",
            "Labels",
            &map(&[("app", "web"), ("pod-template-hash", "abc")]),
        );
        assert_eq!(out, "  Labels:\tapp=web\n\tpod-template-hash=abc\n");
        let mut out = String::new();
        labels(&mut out, "", "Labels", &BTreeMap::new());
        assert_eq!(out, "Labels:\t<none>\n");
    }

    #[test]
    fn long_annotations_move_under_their_key() {
        let long = "x".repeat(200);
        let mut out = String::new();
        annotations(
            &mut out,
            "",
            "Annotations",
            &map(&[
                ("a", "1"),
                ("b", long.as_str()),
                (LAST_APPLIED_ANNOTATION, "{}"),
            ]),
        );
        assert_eq!(
            out,
            format!("Annotations:\ta: 1\n\tb:\n\t  {}...\n", "x".repeat(138))
        );
    }
}
