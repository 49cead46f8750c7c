//! libyaml's scanner (scanner.c), ported: characters to tokens, with the same simple-key and
//! indentation bookkeeping, so that the same mistakes fail with the same words at the same
//! places as in Go's yaml package (itself a port of libyaml).

use std::collections::VecDeque;

/// A position in the text: character index, 0-based line and column (libyaml's `yaml_mark_t`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Mark {
    pub index: usize,
    pub line: usize,
    pub column: usize,
}

/// A syntax error as libyaml records it: the problem, where it is, and where the construct
/// that contains it started.
#[derive(Debug)]
pub(super) struct Fail {
    /// A scanner error (libyaml's `YAML_SCANNER_ERROR`), whose line Go prints one-based.
    pub from_scanner: bool,
    pub problem: &'static str,
    pub problem_mark: Mark,
    pub context_mark: Mark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug, PartialEq)]
pub(super) enum Kind {
    StreamStart,
    StreamEnd,
    VersionDirective(u32, u32),
    TagDirective(String, String),
    DocumentStart,
    DocumentEnd,
    BlockSequenceStart,
    BlockMappingStart,
    BlockEnd,
    FlowSequenceStart,
    FlowSequenceEnd,
    FlowMappingStart,
    FlowMappingEnd,
    BlockEntry,
    FlowEntry,
    Key,
    Value,
    Alias(String),
    Anchor(String),
    /// Handle (`!`, `!!`, `!name!`, or empty for a verbatim tag) and suffix.
    Tag(String, String),
    Scalar(String, Style),
}

#[derive(Debug)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: Mark,
}

#[derive(Clone, Copy, Default)]
struct SimpleKey {
    possible: bool,
    required: bool,
    token_number: usize,
    mark: Mark,
}

type Scan<T> = Result<T, Fail>;

pub(super) struct Scanner {
    text: Vec<char>,
    mark: Mark,
    tokens: VecDeque<Token>,
    tokens_parsed: usize,
    token_available: bool,
    stream_start_produced: bool,
    indent: isize,
    indents: Vec<isize>,
    simple_key_allowed: bool,
    simple_keys: Vec<SimpleKey>,
    flow_level: usize,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// A blank, a line break or the end of the text (`'\0'`, which `new` rejects inside it).
fn is_blankz(c: char) -> bool {
    is_blank(c) || is_break(c) || c == '\0'
}

fn is_alpha(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// What YAML allows in a stream (libyaml's reader check).
fn is_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

impl Scanner {
    /// A scanner over `text`, or `None` when the text holds a character YAML does not allow
    /// (libyaml's reader: "control characters are not allowed").
    pub fn new(text: &str) -> Option<Scanner> {
        // The reader drops a byte order mark at the start of the stream.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        if !text.chars().all(is_printable) {
            return None;
        }
        Some(Scanner {
            text: text.chars().collect(),
            mark: Mark::default(),
            tokens: VecDeque::new(),
            tokens_parsed: 0,
            token_available: false,
            stream_start_produced: false,
            indent: -1,
            indents: Vec::new(),
            simple_key_allowed: false,
            simple_keys: Vec::new(),
            flow_level: 0,
        })
    }

    /// The next token, scanning as far ahead as simple keys require.
    pub fn peek(&mut self) -> Scan<&Token> {
        if !self.token_available {
            self.fetch_more_tokens()?;
        }
        Ok(self
            .tokens
            .front()
            .expect("fetch_more_tokens leaves a token"))
    }

    /// Takes the token `peek` returned.
    pub fn next(&mut self) -> Scan<Token> {
        self.peek()?;
        self.token_available = false;
        self.tokens_parsed += 1;
        Ok(self.tokens.pop_front().expect("peeked"))
    }

    fn at(&self, offset: usize) -> char {
        self.text
            .get(self.mark.index + offset)
            .copied()
            .unwrap_or('\0')
    }

    fn ch(&self) -> char {
        self.at(0)
    }

    /// Whether the whole text has been read (`mark.index` counts characters).
    fn at_end(&self) -> bool {
        self.mark.index >= self.text.len()
    }

    fn error(&self, context_mark: Mark, problem: &'static str) -> Fail {
        Fail {
            from_scanner: true,
            problem,
            problem_mark: self.mark,
            context_mark,
        }
    }

    fn skip(&mut self) {
        self.mark.index += 1;
        self.mark.column += 1;
    }

    fn skip_line(&mut self) {
        let width = if self.ch() == '\r' && self.at(1) == '\n' {
            2
        } else if is_break(self.ch()) {
            1
        } else {
            return;
        };
        self.mark.index += width;
        self.mark.column = 0;
        self.mark.line += 1;
    }

    fn read(&mut self, string: &mut String) {
        string.push(self.ch());
        self.skip();
    }

    /// Reads a line break into `string` as libyaml does: CR, LF, CRLF and NEL become `\n`.
    fn read_line(&mut self, string: &mut String) {
        let c = self.ch();
        if !is_break(c) {
            return;
        }
        string.push(if matches!(c, '\u{2028}' | '\u{2029}') {
            c
        } else {
            '\n'
        });
        self.skip_line();
    }

    fn is_document_indicator(&self) -> bool {
        self.mark.column == 0
            && ((self.ch() == '-' && self.at(1) == '-' && self.at(2) == '-')
                || (self.ch() == '.' && self.at(1) == '.' && self.at(2) == '.'))
            && is_blankz(self.at(3))
    }

    fn fetch_more_tokens(&mut self) -> Scan<()> {
        loop {
            let mut need_more = self.tokens.is_empty();
            if !need_more {
                self.stale_simple_keys()?;
                need_more = self
                    .simple_keys
                    .iter()
                    .any(|key| key.possible && key.token_number == self.tokens_parsed);
            }
            if !need_more {
                break;
            }
            self.fetch_next_token()?;
        }
        self.token_available = true;
        Ok(())
    }

    fn push(&mut self, kind: Kind, start: Mark) {
        self.tokens.push_back(Token { kind, start });
    }

    fn fetch_next_token(&mut self) -> Scan<()> {
        if !self.stream_start_produced {
            self.stream_start_produced = true;
            self.indent = -1;
            self.simple_keys.push(SimpleKey::default());
            self.simple_key_allowed = true;
            self.push(Kind::StreamStart, self.mark);
            return Ok(());
        }
        self.scan_to_next_token();
        self.stale_simple_keys()?;
        self.unroll_indent(self.mark.column as isize);
        let c = self.ch();
        let next = self.at(1);
        if self.at_end() {
            return self.fetch_stream_end();
        }
        if self.mark.column == 0 && c == '%' {
            return self.fetch_directive();
        }
        if self.is_document_indicator() {
            let kind = if c == '-' {
                Kind::DocumentStart
            } else {
                Kind::DocumentEnd
            };
            self.unroll_indent(-1);
            self.remove_simple_key()?;
            self.simple_key_allowed = false;
            let start = self.mark;
            self.skip();
            self.skip();
            self.skip();
            self.push(kind, start);
            return Ok(());
        }
        match c {
            '[' => return self.fetch_flow_collection_start(Kind::FlowSequenceStart),
            '{' => return self.fetch_flow_collection_start(Kind::FlowMappingStart),
            ']' => return self.fetch_flow_collection_end(Kind::FlowSequenceEnd),
            '}' => return self.fetch_flow_collection_end(Kind::FlowMappingEnd),
            ',' => {
                self.remove_simple_key()?;
                self.simple_key_allowed = true;
                return self.fetch_indicator(Kind::FlowEntry);
            }
            '-' if is_blankz(next) => return self.fetch_block_entry(),
            '?' if self.flow_level > 0 || is_blankz(next) => return self.fetch_key(),
            ':' if self.flow_level > 0 || is_blankz(next) => return self.fetch_value(),
            '*' | '&' => {
                self.save_simple_key()?;
                self.simple_key_allowed = false;
                return self.scan_anchor(c == '&');
            }
            '!' => {
                self.save_simple_key()?;
                self.simple_key_allowed = false;
                return self.scan_tag();
            }
            '|' | '>' if self.flow_level == 0 => {
                self.remove_simple_key()?;
                self.simple_key_allowed = true;
                return self.scan_block_scalar(c == '|');
            }
            '\'' | '"' => {
                self.save_simple_key()?;
                self.simple_key_allowed = false;
                return self.scan_flow_scalar(c == '\'');
            }
            _ => {}
        }
        let starts_plain = !(is_blankz(c) || "-?:,[]{}#&*!|>'\"%@`".contains(c))
            || (c == '-' && !is_blank(next))
            || (self.flow_level == 0 && (c == '?' || c == ':') && !is_blankz(next));
        if starts_plain {
            self.save_simple_key()?;
            self.simple_key_allowed = false;
            return self.scan_plain_scalar();
        }
        Err(self.error(self.mark, "found character that cannot start any token"))
    }

    fn stale_simple_keys(&mut self) -> Scan<()> {
        let mark = self.mark;
        for key in &mut self.simple_keys {
            if key.possible && (key.mark.line < mark.line || key.mark.index + 1024 < mark.index) {
                if key.required {
                    return Err(Fail {
                        from_scanner: true,
                        problem: "could not find expected ':'",
                        problem_mark: mark,
                        context_mark: key.mark,
                    });
                }
                key.possible = false;
            }
        }
        Ok(())
    }

    fn save_simple_key(&mut self) -> Scan<()> {
        let required = self.flow_level == 0 && self.indent == self.mark.column as isize;
        if self.simple_key_allowed {
            let key = SimpleKey {
                possible: true,
                required,
                token_number: self.tokens_parsed + self.tokens.len(),
                mark: self.mark,
            };
            self.remove_simple_key()?;
            *self.simple_keys.last_mut().expect("a level") = key;
        }
        Ok(())
    }

    fn remove_simple_key(&mut self) -> Scan<()> {
        let key = self.simple_keys.last_mut().expect("a level");
        if key.possible && key.required {
            let context = key.mark;
            return Err(Fail {
                from_scanner: true,
                problem: "could not find expected ':'",
                problem_mark: self.mark,
                context_mark: context,
            });
        }
        key.possible = false;
        Ok(())
    }

    /// Opens an indentation level at `column` (block context only), announcing it with a
    /// `start` token at `number` (or at the end of the queue).
    fn roll_indent(&mut self, column: usize, number: Option<usize>, start: Kind, mark: Mark) {
        if self.flow_level > 0 || self.indent >= column as isize {
            return;
        }
        self.indents.push(self.indent);
        self.indent = column as isize;
        let token = Token {
            kind: start,
            start: mark,
        };
        match number {
            Some(n) => self.tokens.insert(n - self.tokens_parsed, token),
            None => self.tokens.push_back(token),
        }
    }

    fn unroll_indent(&mut self, column: isize) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            self.push(Kind::BlockEnd, self.mark);
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    fn fetch_stream_end(&mut self) -> Scan<()> {
        if self.mark.column != 0 {
            self.mark.column = 0;
            self.mark.line += 1;
        }
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        self.push(Kind::StreamEnd, self.mark);
        Ok(())
    }

    fn fetch_indicator(&mut self, kind: Kind) -> Scan<()> {
        let start = self.mark;
        self.skip();
        self.push(kind, start);
        Ok(())
    }

    fn fetch_flow_collection_start(&mut self, kind: Kind) -> Scan<()> {
        self.save_simple_key()?;
        self.simple_keys.push(SimpleKey::default());
        self.flow_level += 1;
        self.simple_key_allowed = true;
        self.fetch_indicator(kind)
    }

    fn fetch_flow_collection_end(&mut self, kind: Kind) -> Scan<()> {
        self.remove_simple_key()?;
        if self.flow_level > 0 {
            self.flow_level -= 1;
            self.simple_keys.pop();
        }
        self.simple_key_allowed = false;
        self.fetch_indicator(kind)
    }

    fn fetch_block_entry(&mut self) -> Scan<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return Err(self.error(
                    self.mark,
                    "block sequence entries are not allowed in this context",
                ));
            }
            self.roll_indent(self.mark.column, None, Kind::BlockSequenceStart, self.mark);
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.fetch_indicator(Kind::BlockEntry)
    }

    fn fetch_key(&mut self) -> Scan<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return Err(self.error(self.mark, "mapping keys are not allowed in this context"));
            }
            self.roll_indent(self.mark.column, None, Kind::BlockMappingStart, self.mark);
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = self.flow_level == 0;
        self.fetch_indicator(Kind::Key)
    }

    fn fetch_value(&mut self) -> Scan<()> {
        let key = *self.simple_keys.last().expect("a level");
        if key.possible {
            self.tokens.insert(
                key.token_number - self.tokens_parsed,
                Token {
                    kind: Kind::Key,
                    start: key.mark,
                },
            );
            self.roll_indent(
                key.mark.column,
                Some(key.token_number),
                Kind::BlockMappingStart,
                key.mark,
            );
            self.simple_keys.last_mut().expect("a level").possible = false;
            self.simple_key_allowed = false;
        } else {
            if self.flow_level == 0 {
                if !self.simple_key_allowed {
                    return Err(
                        self.error(self.mark, "mapping values are not allowed in this context")
                    );
                }
                self.roll_indent(self.mark.column, None, Kind::BlockMappingStart, self.mark);
            }
            self.simple_key_allowed = self.flow_level == 0;
        }
        self.fetch_indicator(Kind::Value)
    }

    fn scan_to_next_token(&mut self) {
        loop {
            if self.mark.column == 0 && self.ch() == '\u{FEFF}' {
                self.skip();
            }
            while self.ch() == ' '
                || ((self.flow_level > 0 || !self.simple_key_allowed) && self.ch() == '\t')
            {
                self.skip();
            }
            if self.ch() == '#' {
                self.skip_comment();
            }
            if !is_break(self.ch()) {
                break;
            }
            self.skip_line();
            if self.flow_level == 0 {
                self.simple_key_allowed = true;
            }
        }
    }

    /// `%YAML 1.1` or `%TAG !e! tag:example.com,2000:`.
    fn fetch_directive(&mut self) -> Scan<()> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.mark;
        self.skip();
        let mut name = String::new();
        while is_alpha(self.ch()) {
            self.read(&mut name);
        }
        if name.is_empty() {
            return Err(self.error(start, "could not find expected directive name"));
        }
        if !is_blankz(self.ch()) {
            return Err(self.error(start, "found unexpected non-alphabetical character"));
        }
        self.skip_blanks();
        let kind = match name.as_str() {
            "YAML" => {
                let major = self.scan_version_number(start)?;
                if self.ch() != '.' {
                    return Err(self.error(start, "did not find expected digit or '.' character"));
                }
                self.skip();
                Kind::VersionDirective(major, self.scan_version_number(start)?)
            }
            "TAG" => {
                let handle = self.scan_tag_handle(true, start)?;
                if !is_blank(self.ch()) {
                    return Err(self.error(start, "did not find expected whitespace"));
                }
                self.skip_blanks();
                let prefix = self.scan_tag_uri(String::new(), start)?;
                if !is_blankz(self.ch()) {
                    return Err(self.error(start, "did not find expected whitespace or line break"));
                }
                Kind::TagDirective(handle, prefix)
            }
            _ => return Err(self.error(start, "found unknown directive name")),
        };
        self.end_of_line(start)?;
        self.push(kind, start);
        Ok(())
    }

    /// After a directive or a block scalar header: blanks, maybe a comment, then the line ends.
    fn end_of_line(&mut self, start: Mark) -> Scan<()> {
        self.skip_blanks();
        if self.ch() == '#' {
            self.skip_comment();
        }
        if !is_blankz(self.ch()) {
            return Err(self.error(start, "did not find expected comment or line break"));
        }
        self.skip_line();
        Ok(())
    }

    fn skip_comment(&mut self) {
        while !is_break(self.ch()) && !self.at_end() {
            self.skip();
        }
    }

    fn skip_blanks(&mut self) {
        while is_blank(self.ch()) {
            self.skip();
        }
    }

    fn scan_version_number(&mut self, start: Mark) -> Scan<u32> {
        let mut value = 0u32;
        let mut length = 0;
        while let Some(digit) = self.ch().to_digit(10) {
            length += 1;
            if length > 9 {
                return Err(self.error(start, "found extremely long version number"));
            }
            value = value * 10 + digit;
            self.skip();
        }
        if length == 0 {
            return Err(self.error(start, "did not find expected version number"));
        }
        Ok(value)
    }

    fn scan_anchor(&mut self, anchor: bool) -> Scan<()> {
        let start = self.mark;
        self.skip();
        let mut name = String::new();
        while is_alpha(self.ch()) {
            self.read(&mut name);
        }
        let c = self.ch();
        if name.is_empty() || !(is_blankz(c) || "?:,]}%@`".contains(c)) {
            return Err(self.error(
                start,
                "did not find expected alphabetic or numeric character",
            ));
        }
        let kind = if anchor {
            Kind::Anchor(name)
        } else {
            Kind::Alias(name)
        };
        self.push(kind, start);
        Ok(())
    }

    fn scan_tag(&mut self) -> Scan<()> {
        let start = self.mark;
        let (handle, suffix) = if self.at(1) == '<' {
            self.skip();
            self.skip();
            let suffix = self.scan_tag_uri(String::new(), start)?;
            if self.ch() != '>' {
                return Err(self.error(start, "did not find the expected '>'"));
            }
            self.skip();
            (String::new(), suffix)
        } else {
            let handle = self.scan_tag_handle(false, start)?;
            if handle.len() > 1 && handle.ends_with('!') {
                let suffix = self.scan_tag_uri(String::new(), start)?;
                (handle, suffix)
            } else {
                let suffix = self.scan_tag_uri(handle, start)?;
                if suffix.len() == 1 {
                    (String::new(), suffix)
                } else {
                    ("!".to_string(), suffix[1..].to_string())
                }
            }
        };
        let c = self.ch();
        if !(is_blankz(c) || (self.flow_level > 0 && c == ',')) {
            return Err(self.error(start, "did not find expected whitespace or line break"));
        }
        self.push(Kind::Tag(handle, suffix), start);
        Ok(())
    }

    fn scan_tag_handle(&mut self, directive: bool, start: Mark) -> Scan<String> {
        if self.ch() != '!' {
            return Err(self.error(start, "did not find expected '!'"));
        }
        let mut handle = String::new();
        self.read(&mut handle);
        while is_alpha(self.ch()) {
            self.read(&mut handle);
        }
        if self.ch() == '!' {
            self.read(&mut handle);
        } else if directive && handle != "!" {
            return Err(self.error(start, "did not find expected '!'"));
        }
        Ok(handle)
    }

    /// A tag's URI part, after `head` (the handle, when it was not one): the characters Go's
    /// yaml.v2 allows (`,`, `[` and `]` included, even in flow context), `%XX` escapes decoded.
    fn scan_tag_uri(&mut self, head: String, start: Mark) -> Scan<String> {
        let mut length = head.len();
        let mut uri = head.into_bytes();
        loop {
            let c = self.ch();
            if !(is_alpha(c) || ";/?:@&=+$,.!~*'()[]".contains(c)) && c != '%' {
                break;
            }
            if c == '%' {
                self.scan_uri_escapes(&mut uri, start)?;
            } else {
                let mut buffer = [0; 4];
                uri.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                self.skip();
            }
            length += 1;
        }
        if length == 0 {
            return Err(self.error(start, "did not find expected tag URI"));
        }
        Ok(String::from_utf8_lossy(&uri).into_owned())
    }

    /// One UTF-8 character written as `%XX` escapes, one per byte.
    fn scan_uri_escapes(&mut self, uri: &mut Vec<u8>, start: Mark) -> Scan<()> {
        let mut remaining = None;
        while remaining != Some(0) {
            let (Some(high), Some(low)) = (self.at(1).to_digit(16), self.at(2).to_digit(16)) else {
                return Err(self.error(start, "did not find URI escaped octet"));
            };
            if self.ch() != '%' {
                return Err(self.error(start, "did not find URI escaped octet"));
            }
            let octet = (high * 16 + low) as u8;
            match remaining {
                None => {
                    let width = match octet {
                        0x00..=0x7F => 1,
                        0xC0..=0xDF => 2,
                        0xE0..=0xEF => 3,
                        0xF0..=0xF7 => 4,
                        _ => {
                            return Err(self.error(start, "found an incorrect leading UTF-8 octet"))
                        }
                    };
                    remaining = Some(width);
                }
                Some(_) if octet & 0xC0 != 0x80 => {
                    return Err(self.error(start, "found an incorrect trailing UTF-8 octet"));
                }
                Some(_) => {}
            }
            uri.push(octet);
            self.skip();
            self.skip();
            self.skip();
            remaining = remaining.map(|n| n - 1);
        }
        Ok(())
    }

    fn scan_block_scalar(&mut self, literal: bool) -> Scan<()> {
        let start = self.mark;
        self.skip();
        let mut chomping = self.scan_chomping();
        let mut increment = 0usize;
        if let Some(digit) = self.ch().to_digit(10) {
            if digit == 0 {
                return Err(self.error(start, "found an indentation indicator equal to 0"));
            }
            increment = digit as usize;
            self.skip();
            if chomping == 0 {
                chomping = self.scan_chomping();
            }
        }
        self.end_of_line(start)?;
        let mut indent = if increment == 0 {
            0
        } else if self.indent >= 0 {
            self.indent as usize + increment
        } else {
            increment
        };
        let mut string = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start)?;
        let mut leading_blank = false;
        while self.mark.column == indent && !self.at_end() {
            let trailing_blank = is_blank(self.ch());
            if !literal && leading_break.starts_with('\n') && !leading_blank && !trailing_blank {
                if trailing_breaks.is_empty() {
                    string.push(' ');
                }
                leading_break.clear();
            } else {
                string.push_str(&leading_break);
                leading_break.clear();
            }
            string.push_str(&trailing_breaks);
            trailing_breaks.clear();
            leading_blank = is_blank(self.ch());
            while !is_break(self.ch()) && !self.at_end() {
                self.read(&mut string);
            }
            self.read_line(&mut leading_break);
            self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start)?;
        }
        if chomping != -1 {
            string.push_str(&leading_break);
        }
        if chomping == 1 {
            string.push_str(&trailing_breaks);
        }
        self.push(Kind::Scalar(string, Style::Block), start);
        Ok(())
    }

    /// A block scalar's chomping indicator: `+` keeps (1), `-` strips (-1), none clips (0).
    fn scan_chomping(&mut self) -> i8 {
        let chomping = match self.ch() {
            '+' => 1,
            '-' => -1,
            _ => return 0,
        };
        self.skip();
        chomping
    }

    fn scan_block_scalar_breaks(
        &mut self,
        indent: &mut usize,
        breaks: &mut String,
        start: Mark,
    ) -> Scan<()> {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || self.mark.column < *indent) && self.ch() == ' ' {
                self.skip();
            }
            max_indent = max_indent.max(self.mark.column);
            if (*indent == 0 || self.mark.column < *indent) && self.ch() == '\t' {
                return Err(self.error(
                    start,
                    "found a tab character where an indentation space is expected",
                ));
            }
            if !is_break(self.ch()) {
                break;
            }
            self.read_line(breaks);
        }
        if *indent == 0 {
            *indent = max_indent.max((self.indent + 1).max(1) as usize);
        }
        Ok(())
    }

    fn scan_flow_scalar(&mut self, single: bool) -> Scan<()> {
        let start = self.mark;
        let quote = self.ch();
        self.skip();
        let mut string = String::new();
        let mut folding = Folding::default();
        loop {
            if self.is_document_indicator() {
                return Err(self.error(start, "found unexpected document indicator"));
            }
            if self.at_end() {
                return Err(self.error(start, "found unexpected end of stream"));
            }
            while !is_blankz(self.ch()) {
                let c = self.ch();
                if single && c == '\'' && self.at(1) == '\'' {
                    string.push('\'');
                    self.skip();
                    self.skip();
                } else if c == quote {
                    break;
                } else if !single && c == '\\' && is_break(self.at(1)) {
                    self.skip();
                    self.skip_line();
                    folding.leading_blanks = true;
                    break;
                } else if !single && c == '\\' {
                    self.scan_escape(&mut string, start)?;
                } else {
                    self.read(&mut string);
                }
            }
            if self.ch() == quote {
                break;
            }
            folding.consume(self, None)?;
            folding.join(&mut string);
        }
        self.skip();
        self.push(Kind::Scalar(string, Style::Quoted), start);
        Ok(())
    }

    /// One `\` escape of a double-quoted scalar, appended to `string`.
    fn scan_escape(&mut self, string: &mut String, start: Mark) -> Scan<()> {
        let simple = match self.at(1) {
            '0' => Some('\0'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            't' | '\t' => Some('\t'),
            'n' => Some('\n'),
            'v' => Some('\u{B}'),
            'f' => Some('\u{C}'),
            'r' => Some('\r'),
            'e' => Some('\u{1B}'),
            ' ' => Some(' '),
            '"' => Some('"'),
            '\'' => Some('\''),
            '\\' => Some('\\'),
            'N' => Some('\u{85}'),
            '_' => Some('\u{A0}'),
            'L' => Some('\u{2028}'),
            'P' => Some('\u{2029}'),
            _ => None,
        };
        let length = match self.at(1) {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if let Some(c) = simple {
            string.push(c);
            self.skip();
            self.skip();
            return Ok(());
        }
        if length == 0 {
            return Err(self.error(start, "found unknown escape character"));
        }
        self.skip();
        self.skip();
        let mut value = 0u32;
        for k in 0..length {
            let Some(digit) = self.at(k).to_digit(16) else {
                return Err(self.error(start, "did not find expected hexdecimal number"));
            };
            value = (value << 4) + digit;
        }
        let Some(c) = char::from_u32(value) else {
            return Err(self.error(start, "found invalid Unicode character escape code"));
        };
        string.push(c);
        for _ in 0..length {
            self.skip();
        }
        Ok(())
    }

    fn scan_plain_scalar(&mut self) -> Scan<()> {
        let start = self.mark;
        let indent = self.indent + 1;
        let mut string = String::new();
        let mut folding = Folding::default();
        loop {
            if self.is_document_indicator() || self.ch() == '#' {
                break;
            }
            while !is_blankz(self.ch()) {
                let c = self.ch();
                if self.flow_level > 0 && c == ':' && ",?[]{}".contains(self.at(1)) {
                    return Err(self.error(start, "found unexpected ':'"));
                }
                if (c == ':' && is_blankz(self.at(1)))
                    || (self.flow_level > 0 && ",[]{}".contains(c))
                {
                    break;
                }
                folding.join(&mut string);
                self.read(&mut string);
            }
            if !(is_blank(self.ch()) || is_break(self.ch())) {
                break;
            }
            folding.consume(self, Some((indent, start)))?;
            if self.flow_level == 0 && (self.mark.column as isize) < indent {
                break;
            }
        }
        let leading_blanks = folding.leading_blanks;
        self.push(Kind::Scalar(string, Style::Plain), start);
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(())
    }
}

/// The blanks and line breaks inside a plain or quoted scalar, and how they fold: a single
/// line break becomes a space, each further one a `\n`; blanks inside a line are kept.
#[derive(Default)]
struct Folding {
    leading_blanks: bool,
    leading_break: String,
    trailing_breaks: String,
    whitespaces: String,
}

impl Folding {
    /// Reads the blanks and breaks at the scanner. For a plain scalar, `plain` gives its
    /// indentation and start: a tab cannot indent its continuation lines.
    fn consume(&mut self, s: &mut Scanner, plain: Option<(isize, Mark)>) -> Scan<()> {
        while is_blank(s.ch()) || is_break(s.ch()) {
            if is_blank(s.ch()) {
                if let Some((indent, start)) = plain {
                    if self.leading_blanks && (s.mark.column as isize) < indent && s.ch() == '\t' {
                        return Err(
                            s.error(start, "found a tab character that violates indentation")
                        );
                    }
                }
                if self.leading_blanks {
                    s.skip();
                } else {
                    s.read(&mut self.whitespaces);
                }
            } else if self.leading_blanks {
                s.read_line(&mut self.trailing_breaks);
            } else {
                self.whitespaces.clear();
                s.read_line(&mut self.leading_break);
                self.leading_blanks = true;
            }
        }
        Ok(())
    }

    /// Appends what was consumed, folded, before the scalar's next characters.
    fn join(&mut self, string: &mut String) {
        if self.leading_blanks {
            if !self.leading_break.starts_with('\n') {
                string.push_str(&self.leading_break);
            } else if self.trailing_breaks.is_empty() {
                string.push(' ');
            }
            string.push_str(&self.trailing_breaks);
            self.leading_break.clear();
            self.trailing_breaks.clear();
            self.leading_blanks = false;
        } else {
            string.push_str(&self.whitespaces);
            self.whitespaces.clear();
        }
    }
}
