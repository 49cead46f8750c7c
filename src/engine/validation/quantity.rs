//! `resource.Quantity` as apimachinery parses, compares and prints it (`ParseQuantity`,
//! `Cmp`, `String`), for the API server's checks of container resources: `2000m` is printed `2`,
//! `1024Mi` is printed `1Gi`, and `1GB` is not a quantity at all.

use std::cmp::Ordering;

/// `resource.ErrFormatWrong`.
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `resource.ErrSuffix`.
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";
/// `resource.ErrNumeric`.
pub const ERR_NUMERIC: &str = "unable to parse numeric part of quantity";

/// How a quantity was written, which decides how it prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// A parsed quantity, in billionths of its unit (Go rounds finer values up to that scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    nanos: i128,
    format: Format,
}

const NANO: i128 = 1_000_000_000;

impl Quantity {
    /// `ParseQuantity(strings.TrimSpace(text))`.
    pub fn parse(text: &str) -> Result<Quantity, &'static str> {
        let s = text.trim();
        if s.is_empty() {
            return Err(ERR_FORMAT_WRONG);
        }
        let bytes = s.as_bytes();
        let mut pos = 0;
        let negative = match bytes[0] {
            b'-' => {
                pos = 1;
                true
            }
            b'+' => {
                pos = 1;
                false
            }
            _ => false,
        };
        let digits_from = |start: usize| {
            start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count()
        };
        let num_end = digits_from(pos);
        let num = &s[pos..num_end];
        let mut denom = "";
        let mut pos = num_end;
        if bytes.get(pos) == Some(&b'.') {
            let denom_end = digits_from(pos + 1);
            denom = &s[pos + 1..denom_end];
            pos = denom_end;
        }
        let suffix_start = pos;
        pos += bytes[pos..]
            .iter()
            .take_while(|b| b"eEinumkKMGTP".contains(b))
            .count();
        if matches!(bytes.get(pos), Some(b'-' | b'+')) {
            pos += 1;
        }
        pos = digits_from(pos);
        if pos < bytes.len() {
            return Err(ERR_FORMAT_WRONG);
        }
        let suffix = &s[suffix_start..];
        let (multiplier, format) = interpret_suffix(suffix).ok_or(ERR_SUFFIX)?;
        if num.is_empty() && denom.is_empty() {
            return Err(ERR_NUMERIC);
        }
        let scaled = scale(num, denom, multiplier).ok_or(ERR_NUMERIC)?;
        Ok(Quantity {
            nanos: if negative { -scaled } else { scaled },
            format,
        })
    }

    pub fn is_negative(&self) -> bool {
        self.nanos < 0
    }

    /// The value in millionths of its unit, rounded up (`5m` of CPU is 5,000 microcores),
    /// saturating at `i64::MAX`.
    pub fn micros_rounded_up(&self) -> i64 {
        let micros = self.nanos.div_euclid(1_000) + i128::from(self.nanos.rem_euclid(1_000) != 0);
        i64::try_from(micros).unwrap_or(if micros < 0 { i64::MIN } else { i64::MAX })
    }

    /// Whether the value is a whole number of units (`MilliValue() % 1000 == 0`).
    pub fn is_integer(&self) -> bool {
        self.nanos % NANO == 0
    }

    /// `Quantity.Cmp`.
    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }

    /// `Quantity.String()`: the canonical form.
    pub fn canonical(&self) -> String {
        if self.format == Format::BinarySI
            && self.nanos.abs() >= 1024 * NANO
            && self.nanos % NANO == 0
        {
            let mut units = self.nanos / NANO;
            let mut power = 0;
            while power < 6 && units % 1024 == 0 {
                units /= 1024;
                power += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power];
            return format!("{units}{suffix}");
        }
        if self.nanos == 0 {
            return "0".to_string();
        }
        let mut mantissa = self.nanos;
        let mut exponent: i32 = -9;
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exponent += 1;
        }
        let down = exponent.rem_euclid(3);
        mantissa = mantissa.saturating_mul(10_i128.pow(down as u32));
        exponent -= down;
        if self.format == Format::DecimalExponent {
            return if exponent == 0 {
                mantissa.to_string()
            } else {
                format!("{mantissa}e{exponent}")
            };
        }
        if exponent > 18 {
            mantissa = mantissa.saturating_mul(10_i128.saturating_pow((exponent - 18) as u32));
            exponent = 18;
        }
        let suffix = match exponent {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            _ => "E",
        };
        format!("{mantissa}{suffix}")
    }
}

/// A suffix's multiplier as (power of ten, power of two) and the format it implies.
fn interpret_suffix(suffix: &str) -> Option<((i32, u32), Format)> {
    let decimal = |e: i32| Some(((e, 0), Format::DecimalSI));
    let binary = |p: u32| Some(((0, p), Format::BinarySI));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ => {
            let exponent = suffix.strip_prefix(['e', 'E'])?.parse::<i32>().ok()?;
            Some(((exponent, 0), Format::DecimalExponent))
        }
    }
}

/// `num.denom × 10^ten × 2^two` in billionths, rounded up; `None` when it does not fit in an
/// `i128` (apimachinery's arbitrary precision is not modelled).
fn scale(num: &str, denom: &str, (ten, two): (i32, u32)) -> Option<i128> {
    let digits = format!("{num}{denom}");
    let digits = digits.trim_start_matches('0');
    // Trailing zeros go into the exponent, so that a long canonical form reads back.
    let significant = digits.trim_end_matches('0');
    let (significant, zeros) = if significant.is_empty() {
        ("0", 0)
    } else {
        (significant, digits.len() - significant.len())
    };
    let mut value: i128 = significant.parse().ok()?;
    value = value.checked_mul(1_i128.checked_shl(two)?)?;
    let exponent = ten
        .checked_add(9)?
        .checked_add(i32::try_from(zeros).ok()?)?
        .checked_sub(i32::try_from(denom.len()).ok()?)?;
    if exponent >= 0 {
        value.checked_mul(10_i128.checked_pow(exponent as u32)?)
    } else {
        let divisor = 10_i128.checked_pow(exponent.unsigned_abs())?;
        Some((value + divisor - 1) / divisor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> String {
        Quantity::parse(text).map_or_else(|e| e.to_string(), |q| q.canonical())
    }

    #[test]
    fn given_quantities_then_they_print_as_apimachinery_prints_them() {
        for (text, want) in [
            ("2", "2"),
            ("2000m", "2"),
            ("0.5", "500m"),
            ("1000", "1k"),
            ("1500", "1500"),
            ("1.5k", "1500"),
            ("100m", "100m"),
            ("64Mi", "64Mi"),
            ("1024Mi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("512", "512"),
            ("1e3", "1e3"),
            ("-1", "-1"),
            (" 250m ", "250m"),
            ("0", "0"),
        ] {
            assert_eq!(canonical(text), want, "{text}");
        }
    }

    #[test]
    fn given_malformed_quantities_then_apimachinery_s_errors_come_back() {
        assert_eq!(canonical("1GB"), ERR_FORMAT_WRONG);
        assert_eq!(canonical("512MB"), ERR_FORMAT_WRONG);
        assert_eq!(canonical("abc"), ERR_FORMAT_WRONG);
        assert_eq!(canonical(""), ERR_FORMAT_WRONG);
        assert_eq!(canonical("1mi"), ERR_SUFFIX);
        assert_eq!(canonical("Mi"), ERR_NUMERIC);
        assert_eq!(canonical("1e2147483647"), ERR_NUMERIC);
        assert_eq!(canonical("1e-2147483648"), ERR_NUMERIC);
    }

    #[test]
    fn given_two_quantities_then_they_compare_by_value() {
        let a = Quantity::parse("1").expect("a quantity");
        let b = Quantity::parse("1000m").expect("a quantity");
        let c = Quantity::parse("1.5").expect("a quantity");
        assert_eq!(a.cmp_value(&b), Ordering::Equal);
        assert_eq!(c.cmp_value(&a), Ordering::Greater);
        assert!(!c.is_integer());
    }

    #[test]
    fn given_a_huge_quantity_then_its_canonical_form_reads_back() {
        // Found by the property below: a 37-digit canonical mantissa used to be refused.
        let quantity = Quantity::parse("932000000000.0000001Gi").expect("a quantity");
        let again = Quantity::parse(&quantity.canonical()).expect("canonical parses");
        assert_eq!(again.cmp_value(&quantity), Ordering::Equal);
    }

    proptest::proptest! {
        /// Any text parses or is refused without panic, and a canonical form reads back as the
        /// same value.
        #[test]
        fn canonical_forms_read_back_as_the_same_value(text in "[-+]?[0-9]{0,12}(\\.[0-9]{0,9})?(m|k|M|G|Ki|Mi|Gi|e[0-9]|[a-zA-Z]{0,2})?") {
            if let Ok(quantity) = Quantity::parse(&text) {
                let again = Quantity::parse(&quantity.canonical()).expect("canonical parses");
                proptest::prop_assert_eq!(again.cmp_value(&quantity), Ordering::Equal, "{} -> {}", text, quantity.canonical());
            }
        }
    }
}
