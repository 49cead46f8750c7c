//! Upstream's `staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr_test.go`, row by row.

mod upstream_common;

use deploysim::engine::intstr::{
    get_int_or_percent_value_safely, get_scaled_value_from_int_or_percent,
};
use upstream_common::{Checks, Outcome, Row, Table};

fn check_scaled(row: &Row) -> Outcome {
    let (input, want) = (row.get("input"), row.get("expected"));
    let value = input.opt_int_or_string("value");
    let got = get_scaled_value_from_int_or_percent(
        value.as_ref(),
        input.i32("total"),
        input.bool("roundUp"),
    );
    let (want_error, want_value) = (want.bool("error"), want.i32("value"));
    let mut c = Checks::default();
    c.eq("error", got.is_err(), want_error);
    if !want_error {
        c.eq("value", got.unwrap_or(-1), want_value);
    }
    c.outcome()
}

#[test]
fn test_get_int_from_int_or_percent() {
    Table::run("TestGetIntFromIntOrPercent", check_scaled).finish(0);
}

#[test]
fn test_get_value_from_int_or_percent_nil() {
    Table::run("TestGetValueFromIntOrPercentNil", check_scaled).finish(0);
}

#[test]
fn test_get_int_from_int_or_string() {
    Table::run("TestGetIntFromIntOrString", |row| {
        let want = row.get("expected");
        let (want_error, want_value, want_percent) = (
            want.bool("error"),
            want.i32("value"),
            want.bool("isPercent"),
        );
        let value = row.get("input").int_or_string("value");
        let got = get_int_or_percent_value_safely(&value);
        let mut c = Checks::default();
        c.eq("error", got.is_err(), want_error);
        if let Ok((v, is_percent)) = got {
            c.eq("value", v, want_value);
            c.eq("isPercent", is_percent, want_percent);
        }
        c.outcome()
    })
    .finish(0);
}
