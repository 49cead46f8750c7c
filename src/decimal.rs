//! The decimal text of an `f64`, as `format!("{}")` and `format!("{:.1}")` write it and as
//! `str::parse` reads it, without core's float formatting or parsing.
//!
//! Core's `Display for f64` (Grisu with a Dragon fallback, and their tables) costs about 10 KB
//! of wasm, and the browser only formats a few numbers with it (the chart's coordinates, the
//! speed). `shortest` takes its digits from the formatter serde_json links anyway (zmij), takes
//! the upper of two equally near texts as core does, and lays them out as `{}` does; `tenths` rounds the exact binary value to one decimal, ties to
//! even, as `{:.1}` does. The tests compare both with core's output. `parse` reads what
//! `str::parse::<f64>` reads, without core's parser.

mod parse;

pub use parse::parse;

/// `format!("{value}")`: the shortest digits that read back as `value`, never in exponent form,
/// without a fraction when it is an integer (`640`, `0.5`, `94.54545454545455`, `-0`, `NaN`).
pub fn shortest(value: f64) -> String {
    let Some(number) = serde_json::Number::from_f64(value) else {
        return non_finite(value);
    };
    // zmij writes `640.0`, `0.5`, `1e16`, `1.5e-7`: digits, maybe a point, maybe an exponent.
    let text = number.to_string();
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The decimal point sits after `point` digits of `digits`.
    let (mut digits, mut point) =
        significant(&format!("{whole}{fraction}"), whole.len() as i32 + exponent);
    // When two texts of that length are equally near, zmij takes the lower and core the upper.
    let (exact, exact_point) = exact_digits(value);
    if exact_point == point
        && exact.len() == digits.len() + 1
        && exact.starts_with(&digits)
        && exact.ends_with('5')
    {
        let mut bytes = digits.into_bytes();
        let mut i = bytes.len();
        loop {
            if i == 0 {
                bytes.insert(0, b'1');
                point += 1;
                break;
            }
            i -= 1;
            if bytes[i] == b'9' {
                bytes[i] = b'0';
            } else {
                bytes[i] += 1;
                break;
            }
        }
        (digits, point) = significant(&String::from_utf8(bytes).unwrap_or_default(), point);
    }
    let len = digits.len() as i32;
    let body = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{digits}{}", "0".repeat((point - len) as usize))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    format!("{sign}{body}")
}

/// `digits` without leading and trailing zeros, and where the point then sits (`"0"` for zero).
fn significant(digits: &str, point: i32) -> (String, i32) {
    let trimmed = digits.trim_start_matches('0');
    let point = point - (digits.len() - trimmed.len()) as i32;
    let trimmed = trimmed.trim_end_matches('0');
    if trimmed.is_empty() {
        ("0".to_string(), 1)
    } else {
        (trimmed.to_string(), point)
    }
}

/// Every digit of a finite `value`'s exact magnitude, as `significant` gives them.
fn exact_digits(value: f64) -> (String, i32) {
    let (mantissa, exponent) = parts(value);
    if exponent >= 0 {
        let text = Integer::times_power(mantissa, 2, exponent as u32).to_string();
        let point = text.len() as i32;
        significant(&text, point)
    } else {
        // mantissa / 2^k = mantissa * 5^k / 10^k.
        let shift = exponent.unsigned_abs();
        let text = Integer::times_power(mantissa, 5, shift).to_string();
        let point = text.len() as i32 - shift as i32;
        significant(&text, point)
    }
}

/// `value`'s magnitude as `mantissa * 2^exponent`, exactly.
fn parts(value: f64) -> (u64, i32) {
    let bits = value.abs().to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    }
}

/// `format!("{value:.1}")`: the exact value rounded to tenths, ties to even (`34.2`, `-0.0`).
pub fn tenths(value: f64) -> String {
    let mut text = String::new();
    push_tenths(&mut text, value);
    text
}

/// Appends `tenths(value)` to `out`, allocating nothing more (the chart writes thousands of
/// coordinates at each tick).
pub fn push_tenths(out: &mut String, value: f64) {
    use std::fmt::Write;
    if !value.is_finite() {
        out.push_str(&non_finite(value));
        return;
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let (mantissa, exponent) = parts(value);
    if exponent >= 0 {
        let _ = write!(
            out,
            "{sign}{}.0",
            Integer::times_power(mantissa, 2, exponent as u32)
        );
        return;
    }
    let shift = exponent.unsigned_abs();
    // Below 2^-17 the value times ten is under a half: it rounds to zero.
    let rounded = if shift >= 70 {
        0
    } else {
        let scaled = u128::from(mantissa) * 10;
        let quotient = scaled >> shift;
        let remainder = scaled - (quotient << shift);
        let half = 1u128 << (shift - 1);
        if remainder > half || (remainder == half && quotient % 2 == 1) {
            quotient + 1
        } else {
            quotient
        }
    };
    // A u128 is divided in software: most values fit a u64.
    let _ = match u64::try_from(rounded) {
        Ok(small) => write!(out, "{sign}{}.{}", small / 10, small % 10),
        Err(_) => write!(out, "{sign}{}.{}", rounded / 10, rounded % 10),
    };
}

fn non_finite(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_string()
    } else if value > 0.0 {
        "inf".to_string()
    } else {
        "-inf".to_string()
    }
}

/// A non-negative integer of any size, in base 10^9 limbs, least significant first.
struct Integer(Vec<u32>);

impl Integer {
    /// `mantissa * base^exponent`, for a base of 2 or 5.
    fn times_power(mantissa: u64, base: u32, exponent: u32) -> Integer {
        const LIMB: u64 = 1_000_000_000;
        // The largest power of the base that keeps a limb times it within a u64.
        let chunk = if base == 2 { 31 } else { 13 };
        let mut limbs = vec![(mantissa % LIMB) as u32, (mantissa / LIMB % LIMB) as u32];
        limbs.push((mantissa / LIMB / LIMB) as u32);
        let mut left = exponent;
        while left > 0 {
            let step = left.min(chunk);
            left -= step;
            let factor = u64::from(base).pow(step);
            let mut carry = 0u64;
            for limb in &mut limbs {
                let v = u64::from(*limb) * factor + carry;
                *limb = (v % LIMB) as u32;
                carry = v / LIMB;
            }
            while carry > 0 {
                limbs.push((carry % LIMB) as u32);
                carry /= LIMB;
            }
        }
        while limbs.len() > 1 && limbs.last() == Some(&0) {
            limbs.pop();
        }
        Integer(limbs)
    }
}

impl std::fmt::Display for Integer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut limbs = self.0.iter().rev();
        if let Some(first) = limbs.next() {
            write!(f, "{first}")?;
        }
        for limb in limbs {
            write!(f, "{limb:09}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic spread of doubles: every exponent, many mantissas, both signs.
    fn samples() -> Vec<f64> {
        let mut out = vec![
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            34.25,
            34.75,
            640.0,
            0.5,
            50.0,
            1e15,
            1e16,
            1e17,
            1e-5,
            1e-6,
            1e-7,
            // 1658206780088562.25 and 233115890514796.125: ties between two 17-digit texts.
            f64::from_bits(0x4317_9085_685d_83c9),
            f64::from_bits(0x42ea_8090_bb0f_6d84),
            123456789.125,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            1e23,
            0.1,
            94.54545454545455,
            9.95,
            0.95,
            99.95,
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let value = f64::from_bits(state);
            if value.is_finite() {
                out.push(value);
            }
            // Chart-sized values, with halves and quarters among them.
            out.push((state % 100_000) as f64 / 64.0);
            out.push(f64::from_bits(state & !0xffff_ffff));
            out.push(f64::from_bits(
                0x3f50_0000_0000_0000 + state % 0x0180_0000_0000_0000,
            ));
            out.push(34.0 + 598.0 * (state % 1000) as f64 / ((state >> 20) % 5000 + 30) as f64);
        }
        let negated: Vec<f64> = out.iter().map(|v| -v).collect();
        out.extend(negated);
        out.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        out
    }

    #[test]
    fn shortest_writes_what_display_writes() {
        for value in samples() {
            assert_eq!(
                shortest(value),
                format!("{value}"),
                "{:#x}",
                value.to_bits()
            );
        }
    }

    #[test]
    fn tenths_writes_what_one_decimal_writes() {
        for value in samples() {
            assert_eq!(
                tenths(value),
                format!("{value:.1}"),
                "{:#x}",
                value.to_bits()
            );
        }
    }
}
