//! Go's `%q` for a string (`strconv.Quote` for the text names, images and flags hold), which
//! upstream's messages use wherever Rust code would reach for `{:?}`.
//!
//! `{:?}` on a string would do for ASCII, but it escapes by Unicode's printable and grapheme
//! tables, which the browser bundle would then carry; Go keeps printable UTF-8 as it is too, so
//! this writes every non-ASCII character unchanged and escapes quotes, backslashes and control
//! characters as Go does.

use std::fmt;

/// `format!("{}", Quoted(name))` writes `name` as Go's `%q` does.
pub struct Quoted<T>(pub T);

impl<T: AsRef<str>> fmt::Display for Quoted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        f.write_char('"')?;
        for c in self.0.as_ref().chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\t' => f.write_str("\\t")?,
                '\r' => f.write_str("\\r")?,
                c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let b = c as usize;
                    f.write_str("\\x")?;
                    f.write_char(char::from(HEX[b >> 4]))?;
                    f.write_char(char::from(HEX[b & 15]))?;
                }
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

/// Go's `%q` of `s`, as a `String`.
pub fn go_quote(s: &str) -> String {
    Quoted(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::go_quote;

    #[test]
    fn quotes_as_go_does() {
        for (text, want) in [
            ("web", r#""web""#),
            ("", r#""""#),
            ("a\"b\\c", r#""a\"b\\c""#),
            ("tab\there\nline\r", r#""tab\there\nline\r""#),
            ("\u{1}\u{7f}", r#""\x01\x7f""#),
            ("caf\u{e9} \u{1f680}", "\"caf\u{e9} \u{1f680}\""),
        ] {
            assert_eq!(go_quote(text), want, "{text}");
        }
    }
}
