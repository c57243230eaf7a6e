//! Exact decimal numbers: the digits of a figure as written ("4.1",
//! "105.41", "800,000") → a [`Decimal`], `units / 10^scale` in integers, so
//! that "4.1 million" and "4,100,000" are one value (as floats, 4.1 × 1e6 is
//! 4099999.9999999995 and the two differ).
//!
//! Invariant: a `Decimal` is kept normalised (no trailing zero in `units`
//! while `scale > 0`), so equal values are equal structs and share one
//! spelling ([`Decimal`]'s `Display`). Arithmetic is checked: a figure too
//! large for 38 digits is no figure (`None`).

use std::fmt;

use serde::{Serialize, Serializer};

/// The most decimal places a value keeps: 10^38 is the largest power of ten
/// below `i128::MAX`, so more places could not be scaled back.
const MAX_SCALE: u32 = 38;

/// An exact non-float number: `units / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    units: i128,
    scale: u32,
}

impl Decimal {
    /// A whole number.
    pub(crate) const fn from_integer(units: i128) -> Self {
        Decimal { units, scale: 0 }
    }

    /// `units / 10^scale`, normalised; `None` past [`MAX_SCALE`] places.
    fn new(mut units: i128, mut scale: u32) -> Option<Self> {
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        (scale <= MAX_SCALE).then_some(Decimal { units, scale })
    }

    /// Read digits the way `str::parse::<f64>` reads the digits of a number
    /// that starts with one: `Digit+ ('.' Digit*)? ([eE] [+-]? Digit+)?`,
    /// commas anywhere skipped ("800,000", "1,5" is 15 as it always was).
    /// `None` for anything else, or a value too long to hold exactly.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let mut bytes = text.bytes().filter(|&b| b != b',').peekable();
        let mut units: i128 = 0;
        let mut scale: u32 = 0;
        let mut digits = 0;
        let push =
            |units: i128, digit: u8| units.checked_mul(10)?.checked_add(i128::from(digit - b'0'));
        while let Some(digit) = bytes.next_if(u8::is_ascii_digit) {
            units = push(units, digit)?;
            digits += 1;
        }
        if digits == 0 {
            return None;
        }
        if bytes.next_if_eq(&b'.').is_some() {
            while let Some(digit) = bytes.next_if(u8::is_ascii_digit) {
                units = push(units, digit)?;
                scale += 1;
            }
        }
        let mut exponent: i64 = 0;
        if bytes.next_if(|b| matches!(b, b'e' | b'E')).is_some() {
            let negative = match bytes.next_if(|b| matches!(b, b'+' | b'-')) {
                Some(sign) => sign == b'-',
                None => false,
            };
            let mut exponent_digits = 0;
            while let Some(digit) = bytes.next_if(u8::is_ascii_digit) {
                exponent = exponent
                    .checked_mul(10)?
                    .checked_add(i64::from(digit - b'0'))?;
                exponent_digits += 1;
            }
            if exponent_digits == 0 {
                return None;
            }
            if negative {
                exponent = -exponent;
            }
        }
        if bytes.next().is_some() {
            return None;
        }
        let scale = i64::from(scale) - exponent;
        if scale >= 0 {
            Decimal::new(units, u32::try_from(scale).ok()?)
        } else {
            let power = 10i128.checked_pow(u32::try_from(-scale).ok()?)?;
            Decimal::new(units.checked_mul(power)?, 0)
        }
    }

    /// `self × other`, exactly ("4.1" × a million).
    pub(crate) fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        Decimal::new(
            self.units.checked_mul(other.units)?,
            self.scale.checked_add(other.scale)?,
        )
    }

    /// `self + other`, exactly ("two men and two women").
    pub(crate) fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let widen = |d: Decimal| d.units.checked_mul(10i128.checked_pow(scale - d.scale)?);
        Decimal::new(widen(self)?.checked_add(widen(other)?)?, scale)
    }

    /// The value as an integer when it is a whole number ("2015", not "20.15").
    pub(crate) fn to_integer(self) -> Option<i128> {
        (self.scale == 0).then_some(self.units)
    }

    /// The nearest float: what report.json prints, and what thresholds
    /// (a year, an address number) are compared with.
    pub fn to_f64(self) -> f64 {
        // Exact integers over an exact power of ten: one correctly rounded
        // division, the float `str::parse` gives for the same digits.
        const EXACT_INTEGER: i128 = 1 << f64::MANTISSA_DIGITS;
        const EXACT_POWER_OF_TEN: u32 = 22;
        if self.units.abs() <= EXACT_INTEGER && self.scale <= EXACT_POWER_OF_TEN {
            return self.units as f64 / 10f64.powi(self.scale as i32);
        }
        // Our own spelling always parses; NaN only if that ever broke.
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    /// Digits with a decimal point only when there is a fraction ("82",
    /// "4100000", "0.41"): for the values a float held exactly, the digits
    /// Rust prints for that float.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let sign = if self.units < 0 { "-" } else { "" };
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

impl Serialize for Decimal {
    /// As a JSON number, printed as the float was before values were exact
    /// (82 → `82.0`, $50 billion → `50000000000.0`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.to_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or_else(|| panic!("{text} is a number"))
    }

    #[test]
    fn digits_are_read_as_float_parsing_reads_them() {
        for text in [
            "0",
            "7",
            "82",
            "007",
            "800000",
            "0.41",
            "1.5",
            "1.50",
            "105.41",
            "2015.0",
            "1.",
            "1e3",
            "1E3",
            "2.5e-3",
            "1.e5",
            "12e+2",
            "0.08",
            "123456789.125",
        ] {
            let exact = parse(text);
            let float: f64 = text.parse().expect("a float");
            assert_eq!(exact.to_f64(), float, "{text}");
            assert_eq!(exact.to_string(), format!("{float}"), "{text}");
        }
        assert_eq!(parse("800,000"), parse("800000"));
        assert_eq!(parse("1.50"), parse("1.5"));
        for text in [
            "",
            "12th",
            "1e",
            "4'5",
            "1.2.3",
            "e5",
            "1e400",
            &"9".repeat(40),
        ] {
            assert_eq!(Decimal::parse(text), None, "{text}");
        }
    }

    #[test]
    fn scaled_figures_are_exact() {
        let million = Decimal::from_integer(1_000_000);
        let billion = Decimal::from_integer(1_000_000_000);
        let scaled = |text: &str, by: Decimal| parse(text).checked_mul(by).expect("in range");
        assert_eq!(scaled("4.1", million), parse("4100000"));
        assert_eq!(scaled("4.1", million).to_string(), "4100000");
        assert_eq!(scaled("105.41", billion), parse("105410000000"));
        assert_eq!(scaled("105.41", billion).to_f64(), 105_410_000_000.0);
        assert_eq!(scaled("0.5", million).to_string(), "500000");
        assert_eq!(
            scaled("1.25", Decimal::from_integer(1000)).to_string(),
            "1250"
        );
        assert_eq!(
            scaled("2.5", Decimal::from_integer(1)).to_string(),
            "2.5",
            "a fraction stays one"
        );
        assert_eq!(
            parse("0.1").checked_add(parse("0.2")),
            Some(parse("0.3")),
            "sums are exact too"
        );
        assert_eq!(parse("0.005").to_string(), "0.005");
        assert_eq!(parse("2015.0").to_integer(), Some(2015));
        assert_eq!(parse("20.15").to_integer(), None);
    }

    #[test]
    fn report_json_prints_values_as_before() {
        let json = |d: Decimal| serde_json::to_string(&d).expect("serialises");
        assert_eq!(json(parse("82")), "82.0");
        assert_eq!(
            json(
                parse("50")
                    .checked_mul(Decimal::from_integer(1_000_000_000))
                    .expect("in range")
            ),
            "50000000000.0"
        );
        assert_eq!(json(parse("0.41")), "0.41");
        let float = serde_json::to_string(&1e16f64).expect("serialises");
        assert_eq!(json(parse("1e16")), float);
    }
}
