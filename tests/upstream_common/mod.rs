//! Shared by the ported upstream table tests: reads the transcribed rows, hands each to its test
//! as a `Row` that keeps track of what the test reads, and collects failures so that one test
//! reports every failing case by name.
//!
//! A row cannot pass by being misread. Reading a key the row does not have fails the test,
//! naming the row and the key. A key the test never reads (misspelt in the row, or an
//! expectation no check looks at) fails the row, unless it is documentation: a top-level
//! `DOCUMENTATION_KEYS` entry, a name ending in `_unasserted` (declared in the Go table, never
//! checked by the Go test), or a key the test names with `Row::ignore`.

#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use deploysim::engine::intstr::IntOrString;
use deploysim::engine::StrategyType;
use serde_json::Value;

/// The transcribed upstream table tests (see its `about` field).
const VECTORS: &str = include_str!("../data/upstream_vectors.json");

/// The keys of a row that describe it rather than feed the test.
const DOCUMENTATION_KEYS: [&str; 6] = ["kind", "go_test", "file", "case", "src", "note"];

/// The suffix of the Go tables' fields that the Go test declares but never checks.
const UNASSERTED_SUFFIX: &str = "_unasserted";

/// The rows of one Go test function, in table order.
pub fn rows(go_test: &str) -> Vec<Value> {
    let all: Value = serde_json::from_str(VECTORS).expect("the vectors file is valid JSON");
    all["vectors"]
        .as_array()
        .expect("a vectors array")
        .iter()
        .filter(|r| r["go_test"] == go_test)
        .cloned()
        .collect()
}

/// Runs every row of a Go test and checks that each was run or explicitly skipped.
pub struct Table {
    go_test: &'static str,
    total: usize,
    run: usize,
    skipped: Vec<String>,
    failures: Vec<String>,
}

impl Table {
    /// Runs `check` on every row of `go_test`. `check` returns `Outcome::Pass`,
    /// `Outcome::Fail(message)`, or `Outcome::Skip(reason)` for a row that cannot apply. A row
    /// that was run fails too when it has keys `check` did not read.
    pub fn run(go_test: &'static str, check: impl FnMut(&Row) -> Outcome) -> Table {
        Table::run_rows(go_test, rows(go_test), check)
    }

    /// `run` on the given rows instead of those of the vectors file.
    pub fn run_rows(
        go_test: &'static str,
        rows: Vec<Value>,
        mut check: impl FnMut(&Row) -> Outcome,
    ) -> Table {
        assert!(!rows.is_empty(), "no rows for {go_test}");
        let mut table = Table {
            go_test,
            total: rows.len(),
            run: 0,
            skipped: Vec::new(),
            failures: Vec::new(),
        };
        for (i, value) in rows.iter().enumerate() {
            let case = value["case"]
                .as_str()
                .map_or_else(|| format!("row {i}"), str::to_string);
            let reads = Reads::new(go_test, &case);
            let outcome = check(&Row::top(value, &reads));
            let mut problems = match outcome {
                Outcome::Pass => Vec::new(),
                Outcome::Fail(message) => vec![message],
                Outcome::Skip(reason) => {
                    table.skipped.push(format!("{case}: {reason}"));
                    continue;
                }
            };
            table.run += 1;
            let unread = reads.unread(value);
            if !unread.is_empty() {
                problems.push(format!(
                    "keys the test never reads (misspelt, or unchecked): {}",
                    unread.join(", ")
                ));
            }
            if !problems.is_empty() {
                table
                    .failures
                    .push(format!("{case}: {}", problems.join("; ")));
            }
        }
        table
    }

    /// Asserts that no row failed and that every row was run, except `expected_skips` rows.
    pub fn finish(self, expected_skips: usize) {
        for skip in &self.skipped {
            println!("{}: skipped {skip}", self.go_test);
        }
        assert!(
            self.failures.is_empty(),
            "{}: {} of {} rows failed:\n{}",
            self.go_test,
            self.failures.len(),
            self.total,
            self.failures.join("\n")
        );
        assert_eq!(
            self.skipped.len(),
            expected_skips,
            "{}: unexpected skips: {:?}",
            self.go_test,
            self.skipped
        );
        assert_eq!(
            self.run + self.skipped.len(),
            self.total,
            "{}: every row must be run or skipped",
            self.go_test
        );
        assert!(self.run > 0 || expected_skips == self.total);
    }
}

/// The result of checking one row.
pub enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

/// Compares named values; collects every mismatch of a row into one failure.
#[derive(Default)]
pub struct Checks {
    mismatches: Vec<String>,
}

impl Checks {
    pub fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, got: T, want: T) {
        if got != want {
            self.mismatches
                .push(format!("{what}: got {got:?}, want {want:?}"));
        }
    }

    pub fn fail(&mut self, message: String) {
        self.mismatches.push(message);
    }

    pub fn outcome(self) -> Outcome {
        if self.mismatches.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail(self.mismatches.join("; "))
        }
    }
}

/// What a test has read of one row: the paths of the keys it looked up, and of the values it
/// took whole (a map whose keys are data, such as annotations).
struct Reads {
    go_test: &'static str,
    case: String,
    keys: RefCell<BTreeSet<String>>,
    whole: RefCell<BTreeSet<String>>,
}

impl Reads {
    fn new(go_test: &'static str, case: &str) -> Self {
        Reads {
            go_test,
            case: case.to_string(),
            keys: RefCell::default(),
            whole: RefCell::default(),
        }
    }

    /// The paths of the row's keys that were neither read, nor inside a value taken whole, nor
    /// documentation; in the row's order.
    fn unread(&self, row: &Value) -> Vec<String> {
        let mut unread = Vec::new();
        self.collect_unread("", row, &mut unread);
        unread
    }

    /// Collects what is unread inside `value`, found at `path`.
    fn collect_unread(&self, path: &str, value: &Value, unread: &mut Vec<String>) {
        if self.whole.borrow().contains(path) {
            return;
        }
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let documentation = key.ends_with(UNASSERTED_SUFFIX)
                        || (path.is_empty() && DOCUMENTATION_KEYS.contains(&key.as_str()));
                    if documentation {
                        continue;
                    }
                    let key_path = join(path, key);
                    if self.keys.borrow().contains(&key_path) {
                        self.collect_unread(&key_path, value, unread);
                    } else {
                        unread.push(key_path);
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.collect_unread(&format!("{path}[{i}]"), item, unread);
                }
            }
            _ => {}
        }
    }
}

/// The path of `key` inside the value at `path`.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A row of a table, or a value inside one, as its test reads it. Every read names its key;
/// reading a key that is not there, or a value of the wrong type, fails the test naming the
/// Go test, the row and the key's path (`expected.newReplicas`, `input.oldRSs[1].name`).
pub struct Row<'a> {
    value: &'a Value,
    path: String,
    reads: &'a Reads,
}

impl<'a> Row<'a> {
    fn top(value: &'a Value, reads: &'a Reads) -> Self {
        Row {
            value,
            path: String::new(),
            reads,
        }
    }

    fn child(&self, key: &str, value: &'a Value) -> Row<'a> {
        let path = join(&self.path, key);
        self.reads.keys.borrow_mut().insert(path.clone());
        Row {
            value,
            path,
            reads: self.reads,
        }
    }

    #[track_caller]
    fn fail(&self, what: &str) -> ! {
        panic!("{} row {:?}: {what}", self.reads.go_test, self.reads.case)
    }

    #[track_caller]
    fn wrong_type(&self, want: &str) -> ! {
        self.fail(&format!("`{}` is not {want}: {}", self.path, self.value))
    }

    // ----- looking keys up -----

    /// The value under `key`, which every row of the table has.
    #[track_caller]
    pub fn get(&self, key: &str) -> Row<'a> {
        match self.get_opt(key) {
            Some(row) => row,
            None => self.fail(&format!("no key `{}`", join(&self.path, key))),
        }
    }

    /// The value under `key`, for a key that some rows leave out (or a map whose keys are
    /// looked up one by one: the keys never looked up then count as unread).
    #[track_caller]
    pub fn get_opt(&self, key: &str) -> Option<Row<'a>> {
        let Value::Object(map) = self.value else {
            self.wrong_type("an object")
        };
        map.get(key).map(|value| self.child(key, value))
    }

    /// Marks `key` as read without using it: a key of the Go table that the port does not need
    /// (prose, or a field the function under test never looks at). The key must be there.
    #[track_caller]
    pub fn ignore(&self, key: &str) {
        self.get(key);
    }

    /// The elements of this array.
    #[track_caller]
    pub fn list(&self) -> Vec<Row<'a>> {
        let Value::Array(items) = self.value else {
            self.wrong_type("an array")
        };
        items
            .iter()
            .enumerate()
            .map(|(i, value)| Row {
                value,
                path: format!("{}[{i}]", self.path),
                reads: self.reads,
            })
            .collect()
    }

    /// The entries of this object, in the row's order, for a map whose keys are data.
    #[track_caller]
    pub fn entries(&self) -> Vec<(&'a str, Row<'a>)> {
        let Value::Object(map) = self.value else {
            self.wrong_type("an object")
        };
        map.iter()
            .map(|(key, value)| (key.as_str(), self.child(key, value)))
            .collect()
    }

    /// This row or value, whole: nothing inside it counts as unread.
    pub fn value(&self) -> &'a Value {
        self.reads.whole.borrow_mut().insert(self.path.clone());
        self.value
    }

    // ----- this value, typed -----

    fn is_null(&self) -> bool {
        self.value.is_null()
    }

    /// This value, or `None` when it is null.
    pub fn nullable(self) -> Option<Row<'a>> {
        (!self.value.is_null()).then_some(self)
    }

    #[track_caller]
    pub fn as_i64(&self) -> i64 {
        self.value
            .as_i64()
            .unwrap_or_else(|| self.wrong_type("an integer"))
    }

    #[track_caller]
    pub fn as_i32(&self) -> i32 {
        i32::try_from(self.as_i64()).unwrap_or_else(|_| self.wrong_type("an int32"))
    }

    #[track_caller]
    pub fn as_bool(&self) -> bool {
        self.value
            .as_bool()
            .unwrap_or_else(|| self.wrong_type("a bool"))
    }

    #[track_caller]
    pub fn as_str(&self) -> &'a str {
        self.value
            .as_str()
            .unwrap_or_else(|| self.wrong_type("a string"))
    }

    /// A Deployment strategy type (`RollingUpdate`, `Recreate`).
    #[track_caller]
    pub fn as_strategy(&self) -> StrategyType {
        StrategyType::parse(self.as_str())
            .unwrap_or_else(|| self.wrong_type("RollingUpdate or Recreate"))
    }

    /// An `intstr.IntOrString`: a number, a string, or null (nil).
    #[track_caller]
    fn as_int_or_string(&self) -> Option<IntOrString> {
        match self.value {
            Value::Null => None,
            Value::String(s) => Some(IntOrString::Str(s.clone())),
            Value::Number(_) => Some(IntOrString::Int(self.as_i32())),
            _ => self.wrong_type("an IntOrString"),
        }
    }

    /// A map of strings (labels, annotations); `None` when null.
    #[track_caller]
    fn as_string_map(&self) -> Option<BTreeMap<String, String>> {
        if self.is_null() {
            return None;
        }
        let map = self
            .entries()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.as_str().to_string()))
            .collect();
        Some(map)
    }

    // ----- a key, typed -----

    #[track_caller]
    pub fn i32(&self, key: &str) -> i32 {
        self.get(key).as_i32()
    }

    #[track_caller]
    pub fn i64(&self, key: &str) -> i64 {
        self.get(key).as_i64()
    }

    #[track_caller]
    pub fn bool(&self, key: &str) -> bool {
        self.get(key).as_bool()
    }

    #[track_caller]
    pub fn str(&self, key: &str) -> &'a str {
        self.get(key).as_str()
    }

    /// An integer that may be null.
    #[track_caller]
    pub fn opt_i32(&self, key: &str) -> Option<i32> {
        self.get(key).nullable().map(|v| v.as_i32())
    }

    /// An integer that may be null.
    #[track_caller]
    pub fn opt_i64(&self, key: &str) -> Option<i64> {
        self.get(key).nullable().map(|v| v.as_i64())
    }

    /// A string that may be null.
    #[track_caller]
    pub fn opt_str(&self, key: &str) -> Option<&'a str> {
        self.get(key).nullable().map(|v| v.as_str())
    }

    #[track_caller]
    pub fn int_or_string(&self, key: &str) -> IntOrString {
        let value = self.get(key);
        value
            .as_int_or_string()
            .unwrap_or_else(|| value.wrong_type("an IntOrString"))
    }

    /// A Deployment strategy type, as a manifest names it.
    #[track_caller]
    pub fn strategy(&self, key: &str) -> StrategyType {
        self.get(key).as_strategy()
    }

    /// An `IntOrString` that may be null (nil).
    #[track_caller]
    pub fn opt_int_or_string(&self, key: &str) -> Option<IntOrString> {
        self.get(key).as_int_or_string()
    }

    /// A map of strings.
    #[track_caller]
    pub fn string_map(&self, key: &str) -> BTreeMap<String, String> {
        let value = self.get(key);
        value
            .as_string_map()
            .unwrap_or_else(|| value.wrong_type("a map of strings"))
    }

    /// A map of strings that may be null.
    #[track_caller]
    pub fn opt_string_map(&self, key: &str) -> Option<BTreeMap<String, String>> {
        self.get(key).as_string_map()
    }
}
