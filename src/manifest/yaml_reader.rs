//! kubectl's reading of a manifest stream: YAML documents to JSON values the way
//! `YAMLOrJSONDecoder` and sigs.k8s.io/yaml do it, with Go's yaml package's error texts.
//!
//! The reader is libyaml's scanner and parser, which Go's yaml.v2 ports, followed by yaml.v2's
//! decoding and sigs.k8s.io/yaml's conversion to JSON. Where yaml.v2 and libyaml part ways the
//! reader follows yaml.v2: its error lines, its escapes (`\'` but not `\/`), `%YAML 1.1` only,
//! tags (only `!!int`, `!!float`, `!!bool`, `!!null` change a scalar; any other tag leaves its
//! text a string), merge keys (`<<`, applied in key order, so a merge after a key overrides
//! it), a duplicated key keeping its last value, and its limit on alias expansion. Decoding
//! errors (merges, tags, aliases) are reported once the document has parsed, as Go does.
//!
//! Plain scalars resolve the YAML 1.1 way, as yaml.v2 does: `yes`, `on` and `y` are booleans,
//! `0644` is octal, `1_000` a thousand. A float that is a whole number becomes an integer, as
//! Go's JSON encoding prints it before the API server decodes it. The reader is written here
//! rather than taken from a YAML crate to keep the browser bundle small; `tests/yaml_oracle.rs`
//! checks it against libyaml itself (a YAML 1.2 reader: the scalars it keeps as strings are
//! compared by what yaml.v2 makes of them) and lists each place where it follows Go instead.

mod scanner;

use std::fmt;

use serde_json::{Map, Number, Value};

use scanner::{Fail, Kind, Mark, Scanner, Style, Token};

use super::ManifestError;
use crate::engine::sorting::ListMap;

/// Why a text is not YAML, as Go's yaml package words it (`yaml: line N: problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The line Go's yaml package prints (yaml.v2's `parser.fail`): the problem's 0-based line,
    /// plus one for a scanner error, when it is not 0; else the context's 0-based line when it
    /// is not 0; else none (decoding errors have none).
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "yaml: line {line}: {}", self.message),
            None => write!(f, "yaml: {}", self.message),
        }
    }
}

impl std::error::Error for YamlError {}

impl YamlError {
    fn new(message: impl Into<String>) -> YamlError {
        YamlError {
            line: None,
            message: message.into(),
        }
    }
}

/// yaml.v2's `parser.fail`: the problem's line (one more for scanner errors), else the
/// context's, else none.
impl From<Fail> for YamlError {
    fn from(fail: Fail) -> YamlError {
        let line = if fail.problem_mark.line != 0 {
            Some(fail.problem_mark.line + usize::from(fail.from_scanner))
        } else if fail.context_mark.line != 0 {
            Some(fail.context_mark.line)
        } else {
            None
        };
        YamlError {
            line,
            message: fail.problem.to_string(),
        }
    }
}

/// The JSON value of every non-empty document of a manifest stream, in order, read as kubectl
/// reads it: apimachinery's `YAMLReader` cuts the text at `---` lines (anything but a comment
/// after the dashes is refused), then sigs.k8s.io/yaml converts the first document of each
/// piece on its own (after a `...`, the rest of a piece is not read), so a YAML error names a
/// line counted from the start of its document.
pub(crate) fn stream_documents(text: &str, source_name: &str) -> Result<Vec<Value>, ManifestError> {
    let mut values = Vec::new();
    for piece in split_documents(text).map_err(|rest| ManifestError::Separator {
        source_name: source_name.to_string(),
        rest,
    })? {
        let document = first_document(&piece).map_err(|e| ManifestError::Yaml {
            source_name: source_name.to_string(),
            line: e.line,
            message: e.message,
        })?;
        if !document.is_null() {
            values.push(document);
        }
    }
    Ok(values)
}

/// apimachinery's `YAMLReader.Read`: the text between `---` lines (which are dropped, as are
/// empty pieces), each line ending in `\n`; `Err` holds what followed the dashes of a
/// separator line when it is not a comment.
fn split_documents(text: &str) -> Result<Vec<String>, String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for line in text.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(rest) = line.strip_prefix("---") {
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                return Err(rest.to_string());
            }
            if !piece.is_empty() {
                pieces.push(std::mem::take(&mut piece));
            }
            continue;
        }
        piece.push_str(line);
        piece.push('\n');
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    Ok(pieces)
}

/// The first document of `text` as JSON (`null` when there is none), as yaml.v2's `Unmarshal`
/// reads it.
fn first_document(text: &str) -> Result<Value, YamlError> {
    parser(text)?.first_document()
}

/// Every document of a YAML stream as JSON, in order; an empty document is `null`, and so is a
/// stream without any (as sigs.k8s.io/yaml converts it).
pub fn yaml_documents(text: &str) -> Result<Vec<Value>, YamlError> {
    parser(text)?.stream()
}

fn parser(text: &str) -> Result<Parser, YamlError> {
    let scanner =
        Scanner::new(text).ok_or_else(|| YamlError::new("control characters are not allowed"))?;
    Ok(Parser {
        scanner,
        anchors: ListMap::default(),
        tag_handles: ListMap::default(),
        open_anchors: Vec::new(),
        depth: 0,
        decoded: 0,
        aliased: 0,
        decode_error: None,
    })
}

/// The one document of `text` as JSON (`null` when there is none).
pub fn yaml_value(text: &str) -> Result<Value, YamlError> {
    let mut documents = yaml_documents(text)?;
    match documents.len() {
        0 => Ok(Value::Null),
        1 => Ok(documents.remove(0)),
        _ => Err(YamlError::new(
            "deserializing from YAML containing more than one document is not supported",
        )),
    }
}

/// A parsed node: its JSON value, and whether it is the plain, untagged `<<` of a merge key.
struct Node {
    value: Value,
    merge_key: bool,
}

impl Node {
    fn of(value: Value) -> Node {
        Node {
            value,
            merge_key: false,
        }
    }
}

/// libyaml's parser (parser.c) as recursive descent over the scanner's tokens, building JSON
/// values instead of emitting events.
struct Parser {
    scanner: Scanner,
    /// The document's anchors, each naming the last node that started with it (as yaml.v2
    /// registers an anchor when its node starts): that node's value and number of nodes, or
    /// `None` while it is being read, when an alias to it is a cycle.
    anchors: ListMap<String, Option<(Value, usize)>>,
    tag_handles: ListMap<String, String>,
    /// The anchors of the nodes being read, innermost last, each with whether it still names
    /// its node (a node started inside it may have taken the name since).
    open_anchors: Vec<(String, bool)>,
    depth: usize,
    /// Nodes of the document so far, and how many of them aliases copied in (yaml.v2's
    /// `decodeCount` and `aliasCount`, against "billion laughs" documents).
    decoded: usize,
    aliased: usize,
    /// The first error of yaml.v2's decoding stage (merges, tags, aliases), which Go reports
    /// only once the whole document has parsed.
    decode_error: Option<YamlError>,
}

/// Collections nested deeper than this are refused, with serde_yaml's words ("recursion limit
/// exceeded"), to keep the recursive descent within the stack; yaml.v2 allows 10,000 levels.
const MAX_DEPTH: usize = 128;

/// yaml.v2's `allowedAliasRatio`: the share of a document's nodes aliases may supply, 99% up to
/// 400,000 nodes, falling to 10% at 4,000,000.
fn allowed_alias_ratio(decoded: usize) -> f64 {
    const LOW: f64 = 400_000.0;
    const HIGH: f64 = 4_000_000.0;
    let decoded = decoded as f64;
    if decoded <= LOW {
        0.99
    } else if decoded >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((decoded - LOW) / (HIGH - LOW))
    }
}

fn node_count(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(node_count).sum(),
        Value::Object(map) => map.values().map(node_count).sum(),
        _ => 0,
    }
}

type Parse<T> = Result<T, YamlError>;

fn parser_error(problem: &'static str, problem_mark: Mark, context_mark: Mark) -> YamlError {
    YamlError::from(Fail {
        from_scanner: false,
        problem,
        problem_mark,
        context_mark,
    })
}

impl Parser {
    fn peek(&mut self) -> Parse<&Token> {
        Ok(self.scanner.peek()?)
    }

    fn peek_kind(&mut self) -> Parse<&Kind> {
        Ok(&self.peek()?.kind)
    }

    fn next(&mut self) -> Parse<Token> {
        Ok(self.scanner.next()?)
    }

    /// Every document of the stream.
    fn stream(mut self) -> Parse<Vec<Value>> {
        self.next()?; // STREAM-START
        let mut documents = Vec::new();
        while let Some(document) = self.document(documents.is_empty())? {
            documents.push(document);
        }
        if documents.is_empty() {
            documents.push(Value::Null);
        }
        Ok(documents)
    }

    /// The stream's first document, as yaml.v2's `Unmarshal` reads it: whatever follows it is
    /// never parsed.
    fn first_document(mut self) -> Parse<Value> {
        self.next()?; // STREAM-START
        Ok(self.document(true)?.unwrap_or(Value::Null))
    }

    /// The next document (libyaml's document start, content and end states), or `None` at the
    /// end of the stream. Only the first may start without `---`.
    fn document(&mut self, first: bool) -> Parse<Option<Value>> {
        if !first {
            while *self.peek_kind()? == Kind::DocumentEnd {
                self.next()?;
            }
        }
        self.anchors.clear();
        self.decoded = 0;
        self.aliased = 0;
        let kind = self.peek_kind()?;
        let starts_content = !matches!(
            kind,
            Kind::VersionDirective(..)
                | Kind::TagDirective(..)
                | Kind::DocumentStart
                | Kind::StreamEnd
        );
        let document = if first && starts_content {
            self.tag_handles.clear();
            self.node(true, false)?.value
        } else if *kind != Kind::StreamEnd {
            self.directives()?;
            let token = self.next()?;
            if token.kind != Kind::DocumentStart {
                return Err(parser_error(
                    "did not find expected <document start>",
                    token.start,
                    Mark::default(),
                ));
            }
            let empty = matches!(
                self.peek_kind()?,
                Kind::VersionDirective(..)
                    | Kind::TagDirective(..)
                    | Kind::DocumentStart
                    | Kind::DocumentEnd
                    | Kind::StreamEnd
            );
            if empty {
                Value::Null
            } else {
                self.node(true, false)?.value
            }
        } else {
            return Ok(None);
        };
        let document = self.decoded_document(document)?;
        if *self.peek_kind()? == Kind::DocumentEnd {
            self.next()?;
        }
        Ok(Some(document))
    }

    /// A parsed document, or the first error its decoding met.
    fn decoded_document(&mut self, document: Value) -> Parse<Value> {
        match self.decode_error.take() {
            Some(error) => Err(error),
            None => Ok(document),
        }
    }

    /// Records an error of the decoding stage (the first one is reported, after parsing).
    fn decode_fail(&mut self, error: YamlError) {
        self.decode_error.get_or_insert(error);
    }

    /// `%YAML` and `%TAG` before a `---`: the version must be 1.1 (Go's yaml.v2 refuses any
    /// other), the handles are kept for the document.
    fn directives(&mut self) -> Parse<()> {
        self.tag_handles.clear();
        let mut version_seen = false;
        loop {
            let token = self.peek()?;
            let start = token.start;
            match &token.kind {
                Kind::VersionDirective(major, minor) => {
                    if version_seen {
                        return Err(parser_error(
                            "found duplicate %YAML directive",
                            start,
                            Mark::default(),
                        ));
                    }
                    if (*major, *minor) != (1, 1) {
                        return Err(parser_error(
                            "found incompatible YAML document",
                            start,
                            Mark::default(),
                        ));
                    }
                    version_seen = true;
                }
                Kind::TagDirective(handle, prefix) => {
                    let (handle, prefix) = (handle.clone(), prefix.clone());
                    if self.tag_handles.contains_key(&handle) {
                        return Err(parser_error(
                            "found duplicate %TAG directive",
                            start,
                            Mark::default(),
                        ));
                    }
                    self.tag_handles.insert(handle, prefix);
                }
                _ => return Ok(()),
            }
            self.next()?;
        }
    }

    /// A node: alias, or optional anchor and tag followed by content (libyaml's
    /// `yaml_parser_parse_node`).
    fn node(&mut self, block: bool, indentless_sequence: bool) -> Parse<Node> {
        let token = self.next_if(|k| matches!(k, Kind::Alias(_)))?;
        if let Some(Token {
            kind: Kind::Alias(name),
            ..
        }) = token
        {
            return self.alias(name).map(Node::of);
        }
        self.decoded += 1;
        let start = self.peek()?.start;
        let mut anchor = None;
        let mut tag: Option<(String, String, Mark)> = None;
        let mut properties = 0;
        while properties < 2 {
            properties += 1;
            let wants_anchor = anchor.is_none();
            let wants_tag = tag.is_none();
            let property = self.next_if(|k| match k {
                Kind::Anchor(_) => wants_anchor,
                Kind::Tag(..) => wants_tag,
                _ => false,
            })?;
            match property.map(|t| (t.kind, t.start)) {
                Some((Kind::Anchor(name), _)) => anchor = Some(name),
                Some((Kind::Tag(handle, suffix), tag_start)) => {
                    tag = Some((handle, suffix, tag_start));
                }
                _ => break,
            }
        }
        if let Some(name) = &anchor {
            for (open, names_its_node) in &mut self.open_anchors {
                *names_its_node &= open != name;
            }
            self.open_anchors.push((name.clone(), true));
            self.anchors.insert(name.clone(), None);
        }
        // As in libyaml, the handle is looked up once the token after the properties is read.
        self.peek()?;
        let tag = match tag {
            Some((handle, suffix, tag_start)) => {
                Some(self.resolve_tag(handle, suffix, start, tag_start)?)
            }
            None => None,
        };
        let token = self.peek()?;
        let token_start = token.start;
        let node = match &token.kind {
            Kind::BlockEntry if indentless_sequence => {
                Node::of(self.nested(Parser::indentless_sequence)?)
            }
            Kind::Scalar(..) => {
                let Token {
                    kind: Kind::Scalar(text, style),
                    ..
                } = self.next()?
                else {
                    unreachable!("peeked a scalar")
                };
                let merge_key = text == "<<"
                    && match tag.as_deref() {
                        None => style == Style::Plain,
                        Some(tag) => tag == MERGE_TAG,
                    };
                Node {
                    value: self.scalar(text, style, tag.as_deref()),
                    merge_key,
                }
            }
            Kind::FlowSequenceStart => Node::of(self.nested(Parser::flow_sequence)?),
            Kind::FlowMappingStart => Node::of(self.nested(Parser::flow_mapping)?),
            Kind::BlockSequenceStart if block => Node::of(self.nested(Parser::block_sequence)?),
            Kind::BlockMappingStart if block => Node::of(self.nested(Parser::block_mapping)?),
            _ if anchor.is_some() || tag.is_some() => {
                Node::of(self.scalar(String::new(), Style::Plain, tag.as_deref()))
            }
            _ => {
                return Err(parser_error(
                    "did not find expected node content",
                    token_start,
                    start,
                ))
            }
        };
        if anchor.is_some() {
            if let Some((name, true)) = self.open_anchors.pop() {
                let read = (node.value.clone(), node_count(&node.value));
                self.anchors.insert(name, Some(read));
            }
        }
        Ok(node)
    }

    /// The value an alias stands for: a copy of its anchor's, within yaml.v2's limits.
    fn alias(&mut self, name: String) -> Parse<Value> {
        let size = match self.anchors.get(&name) {
            None => {
                return Err(YamlError::new(format!(
                    "unknown anchor '{name}' referenced"
                )))
            }
            Some(None) => {
                self.decode_fail(YamlError::new(format!(
                    "anchor '{name}' value contains itself"
                )));
                return Ok(Value::Null);
            }
            Some(Some((_, size))) => *size,
        };
        self.decoded += 1 + size;
        self.aliased += size;
        if self.aliased > 100
            && self.decoded > 1000
            && self.aliased as f64 / self.decoded as f64 > allowed_alias_ratio(self.decoded)
        {
            self.decode_fail(YamlError::new("document contains excessive aliasing"));
        }
        if self.decode_error.is_some() {
            // The document fails anyway: copy nothing more.
            return Ok(Value::Null);
        }
        Ok(self
            .anchors
            .get(&name)
            .and_then(Option::as_ref)
            .map_or(Value::Null, |(value, _)| value.clone()))
    }

    /// A scalar's value (see `resolve`); a tag it does not fit fails the document.
    fn scalar(&mut self, text: String, style: Style, tag: Option<&str>) -> Value {
        resolve(text, style, tag).unwrap_or_else(|error| {
            self.decode_fail(error);
            Value::Null
        })
    }

    /// Adds a pair to a mapping; a merge that is not of mappings fails the document.
    fn add(&mut self, mapping: &mut Mapping, key: Node, value: Value) {
        if let Err(error) = mapping.add(key, value) {
            self.decode_fail(error);
        }
    }

    /// A collection, read by `read` one level deeper; too deep a nesting is refused rather than
    /// risking the stack.
    fn nested(&mut self, read: fn(&mut Parser) -> Parse<Value>) -> Parse<Value> {
        if self.depth == MAX_DEPTH {
            return Err(YamlError::new("recursion limit exceeded"));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    /// Takes the next token when `wanted` says so.
    fn next_if(&mut self, wanted: impl Fn(&Kind) -> bool) -> Parse<Option<Token>> {
        if wanted(self.peek_kind()?) {
            Ok(Some(self.next()?))
        } else {
            Ok(None)
        }
    }

    /// The full name of a tag: `!!x` is `tag:yaml.org,2002:x`, `!x` stays `!x`, and a
    /// `%TAG` handle expands to its prefix.
    fn resolve_tag(
        &self,
        handle: String,
        suffix: String,
        node_start: Mark,
        tag_start: Mark,
    ) -> Parse<String> {
        if handle.is_empty() {
            return Ok(suffix);
        }
        if let Some(prefix) = self.tag_handles.get(&handle) {
            return Ok(format!("{prefix}{suffix}"));
        }
        match handle.as_str() {
            "!" => Ok(format!("!{suffix}")),
            "!!" => Ok(format!("tag:yaml.org,2002:{suffix}")),
            _ => Err(parser_error(
                "found undefined tag handle",
                tag_start,
                node_start,
            )),
        }
    }

    /// Entries `- x` until `BLOCK-END`; the token after each `-` decides whether it holds a
    /// node or nothing.
    fn block_sequence(&mut self) -> Parse<Value> {
        let start = self.next()?.start; // BLOCK-SEQUENCE-START
        let mut items = Vec::new();
        loop {
            let token = self.next()?;
            match token.kind {
                Kind::BlockEntry => {
                    if matches!(self.peek_kind()?, Kind::BlockEntry | Kind::BlockEnd) {
                        items.push(Value::Null);
                    } else {
                        items.push(self.node(true, false)?.value);
                    }
                }
                Kind::BlockEnd => return Ok(Value::Array(items)),
                _ => {
                    return Err(parser_error(
                        "did not find expected '-' indicator",
                        token.start,
                        start,
                    ))
                }
            }
        }
    }

    /// `key:` followed by `- x` entries at the key's own indentation.
    fn indentless_sequence(&mut self) -> Parse<Value> {
        let mut items = Vec::new();
        while *self.peek_kind()? == Kind::BlockEntry {
            self.next()?;
            if matches!(
                self.peek_kind()?,
                Kind::BlockEntry | Kind::Key | Kind::Value | Kind::BlockEnd
            ) {
                items.push(Value::Null);
            } else {
                items.push(self.node(true, false)?.value);
            }
        }
        Ok(Value::Array(items))
    }

    fn block_mapping(&mut self) -> Parse<Value> {
        let start = self.next()?.start; // BLOCK-MAPPING-START
        let mut mapping = Mapping::default();
        loop {
            let token = self.next()?;
            match token.kind {
                Kind::Key => {}
                Kind::BlockEnd => return Ok(mapping.finish()),
                _ => {
                    return Err(parser_error(
                        "did not find expected key",
                        token.start,
                        start,
                    ))
                }
            }
            let key = if matches!(self.peek_kind()?, Kind::Key | Kind::Value | Kind::BlockEnd) {
                Node::of(Value::Null)
            } else {
                self.node(true, true)?
            };
            let value = if *self.peek_kind()? == Kind::Value {
                self.next()?;
                if matches!(self.peek_kind()?, Kind::Key | Kind::Value | Kind::BlockEnd) {
                    Value::Null
                } else {
                    self.node(true, true)?.value
                }
            } else {
                Value::Null
            };
            self.add(&mut mapping, key, value);
        }
    }

    fn flow_sequence(&mut self) -> Parse<Value> {
        let start = self.next()?.start; // FLOW-SEQUENCE-START
        let mut items = Vec::new();
        let end = Kind::FlowSequenceEnd;
        while self.flow_entry(
            items.is_empty(),
            &end,
            start,
            "did not find expected ',' or ']'",
        )? {
            if *self.peek_kind()? == Kind::Key {
                // `[a: 1]`: a single-pair mapping.
                let (key, value) = self.flow_pair(&end)?;
                let mut mapping = Mapping::default();
                self.add(&mut mapping, key, value);
                items.push(mapping.finish());
            } else if *self.peek_kind()? != end {
                items.push(self.node(false, false)?.value);
            }
        }
        Ok(Value::Array(items))
    }

    fn flow_mapping(&mut self) -> Parse<Value> {
        let start = self.next()?.start; // FLOW-MAPPING-START
        let mut mapping = Mapping::default();
        let end = Kind::FlowMappingEnd;
        let mut first = true;
        while self.flow_entry(first, &end, start, "did not find expected ',' or '}'")? {
            first = false;
            if *self.peek_kind()? == Kind::Key {
                let (key, value) = self.flow_pair(&end)?;
                self.add(&mut mapping, key, value);
            } else if *self.peek_kind()? != end {
                // `{a, b: 1}`: a key without a value.
                let key = self.node(false, false)?;
                self.add(&mut mapping, key, Value::Null);
            }
        }
        Ok(mapping.finish())
    }

    /// Before an entry of a flow collection: `false` (and the closing bracket taken) at its
    /// end, else the `,` that must separate it from the previous entry is taken.
    fn flow_entry(
        &mut self,
        first: bool,
        end: &Kind,
        start: Mark,
        problem: &'static str,
    ) -> Parse<bool> {
        if self.peek_kind()? == end {
            self.next()?;
            return Ok(false);
        }
        if !first {
            let token = self.next()?;
            if token.kind != Kind::FlowEntry {
                return Err(parser_error(problem, token.start, start));
            }
        }
        Ok(true)
    }

    /// `? key : value` in a flow collection, from its `KEY` token; either side may be empty.
    /// In a flow sequence, an empty key swallows the token after it (`:`, `,` or `]`), as
    /// libyaml's `parse_flow_sequence_entry_mapping_key` does.
    fn flow_pair(&mut self, end: &Kind) -> Parse<(Node, Value)> {
        self.next()?; // KEY
        let kind = self.peek_kind()?;
        let key = if *kind == Kind::Value || *kind == Kind::FlowEntry || kind == end {
            if *end == Kind::FlowSequenceEnd {
                self.next()?;
            }
            Node::of(Value::Null)
        } else {
            self.node(false, false)?
        };
        if *self.peek_kind()? != Kind::Value {
            return Ok((key, Value::Null));
        }
        self.next()?;
        let kind = self.peek_kind()?;
        if *kind == Kind::FlowEntry || kind == end {
            Ok((key, Value::Null))
        } else {
            Ok((key, self.node(false, false)?.value))
        }
    }
}

/// A mapping being read, with yaml.v2's treatment of merge keys and duplicates.
#[derive(Default)]
struct Mapping {
    map: Map<String, Value>,
}

impl Mapping {
    fn add(&mut self, key: Node, value: Value) -> Parse<()> {
        if !key.merge_key {
            self.map.insert(key_text(key.value), value);
            return Ok(());
        }
        let want_map = || YamlError::new("map merge requires map or sequence of maps as the value");
        match value {
            Value::Object(merged) => self.map.extend(merged),
            Value::Array(maps) => {
                // Earlier maps take precedence, so they are merged last.
                for map in maps.into_iter().rev() {
                    let Value::Object(merged) = map else {
                        return Err(want_map());
                    };
                    self.map.extend(merged);
                }
            }
            _ => return Err(want_map()),
        }
        Ok(())
    }

    fn finish(self) -> Value {
        Value::Object(self.map)
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

const TAG_PREFIX: &str = "tag:yaml.org,2002:";
const MERGE_TAG: &str = "tag:yaml.org,2002:merge";

/// A scalar's JSON value, as yaml.v2's `resolve`: untagged, a plain scalar resolves the YAML 1.1
/// way (`plain`) and a quoted or block one is a string; `!!int`, `!!float`, `!!bool` and
/// `!!null` make it that type (an integer is a `!!float` too) or fail; any other tag (`!!str`,
/// `!custom`, ...) leaves the text a string.
fn resolve(text: String, style: Style, tag: Option<&str>) -> Parse<Value> {
    let Some(tag) = tag else {
        return Ok(if style == Style::Plain {
            plain(&text).unwrap_or(Value::String(text))
        } else {
            Value::String(text)
        });
    };
    let wanted = tag.strip_prefix(TAG_PREFIX).unwrap_or_default();
    if !matches!(wanted, "int" | "float" | "bool" | "null") {
        return Ok(Value::String(text));
    }
    let value = plain(&text);
    let found = match &value {
        None => "str",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "bool",
        Some(Value::Number(n)) if n.is_f64() => "float",
        Some(Value::Number(_)) => "int",
        Some(Value::String(_)) => "float", // .inf and .nan
        Some(_) => "str",
    };
    if found == wanted || (wanted == "float" && found == "int") {
        Ok(value.unwrap_or(Value::String(text)))
    } else {
        Err(YamlError::new(format!(
            "cannot decode !!{found} `{text}` as a !!{wanted}"
        )))
    }
}

/// yaml.v2's resolution of a plain scalar, YAML 1.1: `y`/`yes`/`on`/`true` and their
/// capitalised forms are true, `n`/`no`/`off`/`false` false, `~`/`null` null; numbers go by Go's
/// `ParseInt(text, 0, 64)` (so `0644` is octal, `0x1F` hex, `0b101` binary, underscores
/// ignored), then `ParseUint`, then a decimal float. `None` for a string.
fn plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Some(Value::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Some(Value::Bool(false))
        }
        // JSON cannot hold these: they stay the text YAML spells them with.
        ".nan" | ".NaN" | ".NAN" => return Some(Value::String(".nan".into())),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::String(".inf".into()))
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::String("-.inf".into())),
        _ => {}
    }
    match text.as_bytes()[0] {
        b'.' => float(text),
        b'0'..=b'9' | b'+' | b'-' => {
            let digits = text.replace('_', "");
            go_int(&digits).or_else(|| {
                if is_yaml_float(&digits) {
                    float(&digits)
                } else {
                    None
                }
            })
        }
        _ => None,
    }
}

/// Go's `strconv.ParseInt(text, 0, 64)`, then `ParseUint(text, 0, 64)`: a sign (for the
/// former), then `0x`, `0o`, `0b` or a leading `0` (octal) or decimal digits.
fn go_int(text: &str) -> Option<Value> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = unsigned.get(..2).map(str::to_ascii_lowercase);
    let (radix, digits) = match lower.as_deref() {
        Some("0x") => (16, &unsigned[2..]),
        Some("0o") => (8, &unsigned[2..]),
        Some("0b") => (2, &unsigned[2..]),
        _ if unsigned.len() > 1 && unsigned.starts_with('0') => (8, &unsigned[1..]),
        _ => (10, unsigned),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(Value::from(magnitude));
    }
    if magnitude <= 1 << 63 {
        Some(Value::from((magnitude as i64).wrapping_neg()))
    } else {
        None
    }
}

/// yaml.v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(text: &str) -> bool {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let whole = digits(s);
    let mut rest = &s[whole..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = digits(fraction);
        if whole == 0 && n == 0 {
            return false;
        }
        rest = &fraction[n..];
    } else if whole == 0 {
        return false;
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        let n = digits(exponent);
        return n > 0 && n == exponent.len();
    }
    rest.is_empty()
}

/// A float as Go parses it and JSON then carries it: out of range is no float (the text stays
/// a string); a whole number prints as an integer (Go's `json.Marshal(3.0)` is `3`), which is
/// how kubectl's YAML-to-JSON step hands `replicas: 3.0` to the API server.
fn float(text: &str) -> Option<Value> {
    let value = crate::decimal::parse(text)?;
    if !value.is_finite() {
        return None;
    }
    if value.fract() == 0.0 && value.abs() < 1e21 {
        if let Ok(n) = i64::try_from(value as i128) {
            if n as f64 == value {
                return Some(Value::from(n));
            }
        }
        if value > 0.0 && value < u64::MAX as f64 {
            return Some(Value::from(value as u64));
        }
    }
    Number::from_f64(value).map(Value::Number)
}
