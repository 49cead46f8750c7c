//! Upstream's `staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr_test.go`, row by row.

mod upstream_common;

use deploysim::engine::intstr::{
    get_int_or_percent_value_safely, get_scaled_value_from_int_or_percent,
};
use upstream_common::{bool_of, i32_of, int_or_string, Checks, Table};

fn check_scaled(row: &serde_json::Value) -> upstream_common::Outcome {
    let input = &row["input"];
    let want = &row["expected"];
    let value = int_or_string(&input["value"]);
    let got = get_scaled_value_from_int_or_percent(
        value.as_ref(),
        i32_of(&input["total"]),
        bool_of(&input["roundUp"]),
    );
    let mut c = Checks::default();
    c.eq("error", got.is_err(), bool_of(&want["error"]));
    if !bool_of(&want["error"]) {
        c.eq("value", got.unwrap_or(-1), i32_of(&want["value"]));
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
        let want = &row["expected"];
        let value = int_or_string(&row["input"]["value"]).expect("a value");
        let got = get_int_or_percent_value_safely(&value);
        let mut c = Checks::default();
        c.eq("error", got.is_err(), bool_of(&want["error"]));
        if let Ok((v, is_percent)) = got {
            c.eq("value", v, i32_of(&want["value"]));
            c.eq("isPercent", is_percent, bool_of(&want["isPercent"]));
        }
        c.outcome()
    })
    .finish(0);
}
