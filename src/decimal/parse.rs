//! `text.parse::<f64>()` without core's float parser, for the browser.
//!
//! Core's parser (Eisel-Lemire with a table of 651 128-bit powers of five, about 14 KB of
//! wasm) reads the few floats the app meets: YAML scalars, quantities, the speed. This one
//! accepts the same texts and gives the same bits: a number that fits in 53 bits times an exact
//! power of ten is one correctly rounded operation (Clinger's fast path); any other goes
//! through the simple decimal conversion (the algorithm core falls back on itself): up to 768
//! digits shifted by powers of two until the value lies in [1, 2), then rounded half to even.
//! The tests compare it with core on generated and hard texts.

/// Digits kept; a value's rounding is decided within them (core's `DecimalSeq::MAX_DIGITS`).
const MAX_DIGITS: usize = 768;
/// The most bits one shift moves, so that a digit shifted still fits in a `u64`.
const MAX_SHIFT: u32 = 60;
/// How far the decimal point may move before the value is surely 0 or infinite.
const DECIMAL_POINT_RANGE: i32 = 2047;

/// What `str::parse::<f64>` gives, `None` where it fails: an optional sign, then `inf`,
/// `infinity` or `nan` in any case, or digits with an optional point and exponent.
pub fn parse(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = if ["inf", "infinity"]
        .iter()
        .any(|w| rest.eq_ignore_ascii_case(w))
    {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        Decimal::read(rest)?.into_f64()
    };
    Some(if negative { -value } else { value })
}

/// A decimal `0.d1d2d3... * 10^point`, digits most significant first, without leading or
/// trailing zeros; `truncated` when non-zero digits past `MAX_DIGITS` were dropped.
struct Decimal {
    digits: Vec<u8>,
    point: i32,
    truncated: bool,
}

impl Decimal {
    /// `digits[.digits][(e|E)[+-]digits]` with at least one digit before the exponent.
    fn read(text: &str) -> Option<Decimal> {
        let bytes = text.as_bytes();
        let mut digits = Vec::new();
        let mut point: i64 = 0;
        let mut seen_digit = false;
        let mut seen_point = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'0'..=b'9' => {
                    seen_digit = true;
                    if b != b'0' || !digits.is_empty() {
                        digits.push(b - b'0');
                    }
                    if !seen_point && !digits.is_empty() {
                        point += 1;
                    } else if seen_point && digits.is_empty() {
                        point -= 1;
                    }
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            i += 1;
        }
        if !seen_digit {
            return None;
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            let negative = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let start = i;
            let mut exponent: i64 = 0;
            while let Some(&b @ b'0'..=b'9') = bytes.get(i) {
                // core stops growing it there too: past it a value is 0 or infinite
                if exponent < 0x10000 {
                    exponent = exponent * 10 + i64::from(b - b'0');
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            point += if negative { -exponent } else { exponent };
        }
        if i != bytes.len() {
            return None;
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        let truncated = digits.len() > MAX_DIGITS;
        digits.truncate(MAX_DIGITS);
        Some(Decimal {
            digits,
            point: point.clamp(-(1 << 24), 1 << 24) as i32,
            truncated,
        })
    }

    fn into_f64(mut self) -> f64 {
        if let Some(value) = self.fast() {
            return value;
        }
        if self.digits.is_empty() || self.point < -324 {
            return 0.0;
        }
        if self.point >= 310 {
            return f64::INFINITY;
        }
        // Shift by powers of two until the value lies in [1/2, 1), counting them in `exp2`.
        let shift_for = |n: i32| -> u32 {
            const POWERS: [u32; 19] = [
                0, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59,
            ];
            POWERS.get(n as usize).copied().unwrap_or(MAX_SHIFT)
        };
        let mut exp2: i32 = 0;
        while self.point > 0 {
            let shift = shift_for(self.point);
            self.right_shift(shift);
            if self.point < -DECIMAL_POINT_RANGE {
                return 0.0;
            }
            exp2 += shift as i32;
        }
        while self.point <= 0 {
            let shift = if self.point == 0 {
                match self.digits[0] {
                    5.. => break,
                    0 | 1 => 2,
                    _ => 1,
                }
            } else {
                shift_for(-self.point)
            };
            self.left_shift(shift);
            if self.point > DECIMAL_POINT_RANGE {
                return f64::INFINITY;
            }
            exp2 -= shift as i32;
        }
        // Now in [1, 2) times 2^exp2; subnormals shift further right.
        exp2 -= 1;
        const MIN_EXPONENT: i32 = -1023;
        while MIN_EXPONENT + 1 > exp2 {
            let n = ((MIN_EXPONENT + 1 - exp2) as u32).min(MAX_SHIFT);
            self.right_shift(n);
            exp2 += n as i32;
        }
        if exp2 - MIN_EXPONENT >= 0x7FF {
            return f64::INFINITY;
        }
        self.left_shift(53);
        let mut mantissa = self.round();
        if mantissa >= 1 << 53 {
            self.right_shift(1);
            exp2 += 1;
            mantissa = self.round();
            if exp2 - MIN_EXPONENT >= 0x7FF {
                return f64::INFINITY;
            }
        }
        let mut power2 = (exp2 - MIN_EXPONENT) as u64;
        if mantissa < 1 << 52 {
            power2 -= 1;
        }
        f64::from_bits((mantissa & ((1 << 52) - 1)) | (power2 << 52))
    }

    /// Clinger's fast path: at most 15 digits times 10^-22..=10^22 (both exact in an `f64`)
    /// is one operation, which rounds correctly.
    fn fast(&self) -> Option<f64> {
        if self.digits.len() > 15 || self.truncated {
            return None;
        }
        let exponent = self.point - self.digits.len() as i32;
        if !(-22..=22).contains(&exponent) {
            return None;
        }
        let mantissa = self.digits.iter().fold(0u64, |n, d| n * 10 + u64::from(*d));
        let power = (0..exponent.unsigned_abs()).fold(1.0f64, |p, _| p * 10.0);
        Some(if exponent < 0 {
            mantissa as f64 / power
        } else {
            mantissa as f64 * power
        })
    }

    /// Multiplies by 2^shift (shift <= 60), keeping at most `MAX_DIGITS` digits.
    fn left_shift(&mut self, shift: u32) {
        if self.digits.is_empty() {
            return;
        }
        let mut reversed = Vec::with_capacity(self.digits.len() + 19);
        let mut n: u64 = 0;
        for digit in self.digits.iter().rev() {
            n += u64::from(*digit) << shift;
            reversed.push((n % 10) as u8);
            n /= 10;
        }
        while n > 0 {
            reversed.push((n % 10) as u8);
            n /= 10;
        }
        self.point += (reversed.len() - self.digits.len()) as i32;
        reversed.reverse();
        if reversed.len() > MAX_DIGITS {
            self.truncated |= reversed[MAX_DIGITS..].iter().any(|d| *d != 0);
            reversed.truncate(MAX_DIGITS);
        }
        while reversed.last() == Some(&0) {
            reversed.pop();
        }
        self.digits = reversed;
    }

    /// Divides by 2^shift (shift <= 60), keeping at most `MAX_DIGITS` digits.
    fn right_shift(&mut self, shift: u32) {
        let mut read = 0;
        let mut n: u64 = 0;
        while n >> shift == 0 {
            if let Some(digit) = self.digits.get(read) {
                n = 10 * n + u64::from(*digit);
                read += 1;
            } else if n == 0 {
                return;
            } else {
                while n >> shift == 0 {
                    n *= 10;
                    read += 1;
                }
                break;
            }
        }
        self.point -= read as i32 - 1;
        if self.point < -DECIMAL_POINT_RANGE {
            self.digits.clear();
            self.point = 0;
            self.truncated = false;
            return;
        }
        let mask = (1u64 << shift) - 1;
        let mut out = Vec::with_capacity(self.digits.len() + 19);
        while let Some(digit) = self.digits.get(read) {
            out.push((n >> shift) as u8);
            n = 10 * (n & mask) + u64::from(*digit);
            read += 1;
        }
        while n > 0 {
            let digit = (n >> shift) as u8;
            n = 10 * (n & mask);
            if out.len() < MAX_DIGITS {
                out.push(digit);
            } else if digit > 0 {
                self.truncated = true;
            }
        }
        while out.last() == Some(&0) {
            out.pop();
        }
        self.digits = out;
    }

    /// The integer part, rounded half to even (a tie only when nothing was truncated).
    fn round(&self) -> u64 {
        if self.digits.is_empty() || self.point < 0 {
            return 0;
        }
        if self.point > 18 {
            return u64::MAX;
        }
        let point = self.point as usize;
        let digit = |i: usize| u64::from(self.digits.get(i).copied().unwrap_or(0));
        let n = (0..point).fold(0u64, |n, i| n * 10 + digit(i));
        let mut round_up = false;
        if point < self.digits.len() {
            round_up = digit(point) >= 5;
            if digit(point) == 5 && point + 1 == self.digits.len() {
                round_up = self.truncated || (point != 0 && digit(point - 1) % 2 == 1);
            }
        }
        n + u64::from(round_up)
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn same(text: &str) {
        let core = text.parse::<f64>().ok().map(f64::to_bits);
        let ours = parse(text).map(f64::to_bits);
        assert_eq!(ours, core, "{text:?}");
    }

    #[test]
    fn given_short_texts_then_what_parses_and_its_bits_are_cores() {
        // every text of up to five of these characters
        let alphabet: Vec<char> = "05.9e-+1".chars().collect();
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            for t in &longer {
                same(t);
            }
            texts = longer;
        }
        for text in [
            "",
            "+",
            "-",
            ".",
            "e",
            "inf",
            "-INF",
            "Infinity",
            "+infinity",
            "infinit",
            "nan",
            "-NaN",
            "NAN",
            "nan1",
            " 1",
            "1 ",
            "1_0",
            "0x10",
            "1e",
            "1e+",
            "1.e5",
            ".5e-3",
            "00012.3400e0002",
            "1E400",
            "-1e-400",
            "1e99999999999999999999",
            "0e99999999999",
            "5e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000000000000000001",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "1.5Gi",
            "250m",
            "4",
            "0.000001",
            "1e22",
            "1e23",
            "123456789012345e-22",
            "8.98846567431158e307",
            "4.9406564584124654e-324",
        ] {
            same(text);
        }
    }

    #[test]
    fn given_long_texts_then_ties_past_the_kept_digits_round_as_core_does() {
        let zeros = "0".repeat(800);
        for text in [
            format!("9007199254740993{zeros}e-800"),
            format!("9007199254740993.{zeros}1"),
            format!("9007199254740993.{zeros}"),
            format!("0.{zeros}1e800"),
            format!("1{zeros}"),
            format!("0.{zeros}24703282292062327e-324"),
            // 2^-1075 exactly, halfway between 0 and the least subnormal
            "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324".to_string()
        ] {
            same(&text);
        }
    }

    #[test]
    fn given_written_floats_then_they_read_back_as_core_reads_them() {
        // a deterministic spread of bit patterns, written in several ways and perturbed
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..4_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let value = f64::from_bits(state);
            if !value.is_finite() {
                continue;
            }
            for text in [
                format!("{value}"),
                format!("{value:e}"),
                format!("{value:.3e}"),
                format!("{:.20e}", value),
                format!("{}", (state % 100_000) as f64 / 1000.0),
            ] {
                same(&text);
                if let Some(stripped) = text.strip_suffix(|c: char| c.is_ascii_digit()) {
                    same(&format!("{stripped}5"));
                    same(&format!("{stripped}50000000000000000001"));
                }
            }
        }
    }
}
