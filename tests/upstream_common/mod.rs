//! Shared by the ported upstream table tests: reads the transcribed rows, converts their fields,
//! and collects failures so that one test reports every failing case by name.

#![allow(dead_code)]

use deploysim::engine::intstr::IntOrString;
use serde_json::Value;

/// The transcribed upstream table tests (see its `about` field).
const VECTORS: &str = include_str!("../data/upstream_vectors.json");

/// The rows of one Go test function, in table order.
pub fn rows(go_test: &str) -> Vec<Value> {
    rows_where("go_test", go_test)
}

/// The rows of one `kind` (the validation vectors), in table order.
pub fn rows_of_kind(kind: &str) -> Vec<Value> {
    rows_where("kind", kind)
}

fn rows_where(field: &str, value: &str) -> Vec<Value> {
    let all: Value = serde_json::from_str(VECTORS).expect("the vectors file is valid JSON");
    all["vectors"]
        .as_array()
        .expect("a vectors array")
        .iter()
        .filter(|r| r[field] == value)
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
    /// Runs `check` on every row of `go_test`. `check` returns `Ok(())`, `Err(message)` for a
    /// failure, or `Err` via `Table::skip` for a row that cannot apply.
    pub fn run(go_test: &'static str, mut check: impl FnMut(&Value) -> Outcome) -> Table {
        let rows = rows(go_test);
        assert!(!rows.is_empty(), "no rows for {go_test}");
        let mut table = Table {
            go_test,
            total: rows.len(),
            run: 0,
            skipped: Vec::new(),
            failures: Vec::new(),
        };
        for row in &rows {
            let case = row["case"].as_str().unwrap_or("?").to_string();
            match check(row) {
                Outcome::Pass => table.run += 1,
                Outcome::Fail(message) => {
                    table.run += 1;
                    table.failures.push(format!("{case}: {message}"));
                }
                Outcome::Skip(reason) => table.skipped.push(format!("{case}: {reason}")),
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

/// An `intstr.IntOrString` from a row: a number, a string, or null (nil).
pub fn int_or_string(v: &Value) -> Option<IntOrString> {
    match v {
        Value::Null => None,
        Value::Number(n) => Some(IntOrString::Int(n.as_i64().expect("an integer") as i32)),
        Value::String(s) => Some(IntOrString::Str(s.clone())),
        other => panic!("not an IntOrString: {other}"),
    }
}

pub fn i32_of(v: &Value) -> i32 {
    v.as_i64().unwrap_or_else(|| panic!("not an integer: {v}")) as i32
}

pub fn opt_i32(v: &Value) -> Option<i32> {
    v.as_i64().map(|n| n as i32)
}

pub fn i64_of(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("not an integer: {v}"))
}

pub fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

pub fn bool_of(v: &Value) -> bool {
    v.as_bool().unwrap_or_else(|| panic!("not a bool: {v}"))
}
