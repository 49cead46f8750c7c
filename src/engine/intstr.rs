//! `IntOrString` and its scaling rules, ported from apimachinery `pkg/util/intstr/intstr.go`.

use std::fmt;

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
    let (v, is_percent) = get_int_or_percent_value_safely(value)?;
    if !is_percent {
        return Ok(v);
    }
    let scaled = f64::from(v) * f64::from(total) / 100.0;
    Ok(if round_up {
        scaled.ceil() as i32
    } else {
        scaled.floor() as i32
    })
}

/// `getIntOrPercentValueSafely`: the number and whether it was a percentage.
pub fn get_int_or_percent_value_safely(value: &IntOrString) -> Result<(i32, bool), String> {
    match value {
        IntOrString::Int(v) => Ok((*v, false)),
        IntOrString::Str(s) => {
            let Some(number) = s.strip_suffix('%') else {
                return Err(format!("invalid type: string is not a percentage: {s}"));
            };
            number
                .parse::<i32>()
                .map(|v| (v, true))
                .map_err(|_| format!("invalid value for IntOrString: invalid value {s:?}"))
        }
    }
}
