//! `IntOrString` and its scaling rules, ported from apimachinery `pkg/util/intstr/intstr.go`.

use std::fmt;

use crate::quote::Quoted;
use serde::{Serialize, Serializer};

/// An `intstr.IntOrString`: `3` or `"25%"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntOrString {
    Int(i32),
    Str(String),
}

impl fmt::Display for IntOrString {
    /// `IntOrString.String()`: `3`, `25%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrString::Int(v) => write!(f, "{v}"),
            IntOrString::Str(s) => f.write_str(s),
        }
    }
}

impl Serialize for IntOrString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrString::Int(v) => serializer.serialize_i32(*v),
            IntOrString::Str(s) => serializer.serialize_str(s),
        }
    }
}

/// `GetScaledValueFromIntOrPercent(intOrPercent, total, roundUp)`.
///
/// Ints come back unchanged; `"N%"` scales `total` by N percent, rounding up or down. A string
/// that is not a percentage is an error, with upstream's messages.
pub fn get_scaled_value_from_int_or_percent(
    value: Option<&IntOrString>,
    total: i32,
    round_up: bool,
) -> Result<i32, String> {
    let value = value.ok_or_else(|| "nil value for IntOrString".to_string())?;
    let (v, is_percent) = int_or_percent_value(value)?;
    if !is_percent {
        return Ok(v as i32);
    }
    let scaled = v as f64 * f64::from(total) / 100.0;
    let rounded = if round_up {
        scaled.ceil()
    } else {
        scaled.floor()
    };
    // Go computes in `int` and the callers convert to int32, which wraps.
    Ok(rounded as i64 as i32)
}

/// `getIntOrPercentValueSafely`: the number and whether it was a percentage (a percentage
/// beyond int32 wraps, as Go's conversion does).
pub fn get_int_or_percent_value_safely(value: &IntOrString) -> Result<(i32, bool), String> {
    int_or_percent_value(value).map(|(v, is_percent)| (v as i32, is_percent))
}

/// The same in Go's `int` (64 bits): `strconv.Atoi` of the digits before `%`.
fn int_or_percent_value(value: &IntOrString) -> Result<(i64, bool), String> {
    match value {
        IntOrString::Int(v) => Ok((i64::from(*v), false)),
        IntOrString::Str(s) => {
            let Some(number) = s.strip_suffix('%') else {
                return Err(format!("invalid type: string is not a percentage: {s}"));
            };
            number.parse::<i64>().map(|v| (v, true)).map_err(|_| {
                format!(
                    "invalid value for IntOrString: invalid value {s}",
                    s = Quoted(&s)
                )
            })
        }
    }
}
