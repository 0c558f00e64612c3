//! Field validators behind generated `validate()` methods. Every failing
//! field is collected; an error names the field and the rule, never the
//! value (which may be private).

use rust_decimal::Decimal;
use std::fmt;

/// One failed rule on one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The schema's field name.
    pub field: &'static str,
    /// A stable rule code: `length.min`, `length.max`, `range.min`,
    /// `range.max`, `regex`, `email`, `uri`, `iso4217`, `required`.
    pub rule: &'static str,
    pub message: String,
}

/// Every field error of one input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationErrors {
    pub errors: Vec<FieldError>,
}

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &'static str, rule: &'static str, message: String) {
        self.errors.push(FieldError {
            field,
            rule,
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok` when nothing failed.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// Whether `field` failed `rule`.
    pub fn has(&self, field: &str, rule: &str) -> bool {
        self.errors
            .iter()
            .any(|error| error.field == field && error.rule == rule)
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.errors.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", error.field, error.message)?;
        }
        Ok(())
    }
}

/// `@length` on text: counted in characters.
pub fn length_text(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) {
    length(
        errors,
        field,
        value.chars().count(),
        min,
        max,
        ("character", "characters"),
    );
}

/// `@length` on bytes.
pub fn length_bytes(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: &[u8],
    min: Option<usize>,
    max: Option<usize>,
) {
    length(errors, field, value.len(), min, max, ("byte", "bytes"));
}

fn length(
    errors: &mut ValidationErrors,
    field: &'static str,
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
    (one, many): (&str, &str),
) {
    let unit = |n: usize| if n == 1 { one } else { many };
    if let Some(min) = min.filter(|&min| len < min) {
        errors.push(
            field,
            "length.min",
            format!("must be at least {min} {}", unit(min)),
        );
    }
    if let Some(max) = max.filter(|&max| len > max) {
        errors.push(
            field,
            "length.max",
            format!("must be at most {max} {}", unit(max)),
        );
    }
}

/// `@range` on `Int`.
pub fn range_int(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
) {
    if let Some(min) = min.filter(|&min| value < min) {
        errors.push(field, "range.min", format!("must be at least {min}"));
    }
    if let Some(max) = max.filter(|&max| value > max) {
        errors.push(field, "range.max", format!("must be at most {max}"));
    }
}

/// `@range` on `Decimal`: exact comparison, fractional bounds included.
pub fn range_decimal(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
) {
    if let Some(min) = min.filter(|&min| value < min) {
        errors.push(field, "range.min", format!("must be at least {min}"));
    }
    if let Some(max) = max.filter(|&max| value > max) {
        errors.push(field, "range.max", format!("must be at most {max}"));
    }
}

/// `@range` on `Float`.
pub fn range_float(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
) {
    if let Some(min) = min.filter(|&min| value < min) {
        errors.push(field, "range.min", format!("must be at least {min}"));
    }
    if let Some(max) = max.filter(|&max| value > max) {
        errors.push(field, "range.max", format!("must be at most {max}"));
    }
}

/// `@regex`: the pattern must match somewhere in the value.
pub fn regex(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: &str,
    pattern: &regex::Regex,
) {
    if !pattern.is_match(value) {
        errors.push(field, "regex", "does not match the required pattern".into());
    }
}

/// `@email`: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn email(errors: &mut ValidationErrors, field: &'static str, value: &str) {
    let valid = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
    }) && !value.chars().any(char::is_whitespace);
    if !valid {
        errors.push(field, "email", "must be an email address".into());
    }
}

/// `@uri`: an RFC 3986 scheme (`letter *( letter / digit / + - . )`), a
/// colon, and a non-empty rest without spaces.
pub fn uri(errors: &mut ValidationErrors, field: &'static str, value: &str) {
    let valid = value.split_once(':').is_some_and(|(scheme, rest)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !rest.is_empty()
    }) && !value.chars().any(char::is_whitespace);
    if !valid {
        errors.push(field, "uri", "must be a URI".into());
    }
}

/// ISO 4217 alphabetic currency codes in current use.
const ISO4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW",
    "ZWG",
];

/// `@iso4217`: an ISO 4217 currency code in current use.
pub fn iso4217(errors: &mut ValidationErrors, field: &'static str, value: &str) {
    if !ISO4217.contains(&value) {
        errors.push(field, "iso4217", "must be an ISO 4217 currency code".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn length_messages_count_their_unit() {
        let mut errors = ValidationErrors::new();
        length_text(&mut errors, "title", "", Some(1), None);
        length_text(&mut errors, "name", "abc", None, Some(2));
        length_bytes(&mut errors, "blob", &[], Some(1), None);
        assert_eq!(
            errors.to_string(),
            "title: must be at least 1 character; name: must be at most 2 characters; \
             blob: must be at least 1 byte"
        );
    }

    #[test]
    fn decimal_bounds_are_exact_at_the_edges() {
        let min = Decimal::from_str("0.01").ok();
        let max = Decimal::from_str("999999.99").ok();
        let check = |text: &str| {
            let mut errors = ValidationErrors::new();
            range_decimal(
                &mut errors,
                "price",
                Decimal::from_str(text).unwrap(),
                min,
                max,
            );
            errors
        };
        assert!(check("0.01").is_empty());
        assert!(check("999999.99").is_empty());
        assert!(check("0.009").has("price", "range.min"));
        assert!(check("999999.991").has("price", "range.max"));
    }

    #[test]
    fn text_validators_accept_and_reject() {
        let mut errors = ValidationErrors::new();
        email(&mut errors, "a", "x@example.com");
        uri(&mut errors, "b", "https://example.com/x");
        iso4217(&mut errors, "c", "EUR");
        length_text(&mut errors, "d", "héllo", Some(5), Some(5));
        assert!(errors.is_empty(), "{errors}");
        email(&mut errors, "a", "x@localhost");
        uri(&mut errors, "b", "no scheme");
        iso4217(&mut errors, "c", "EURO");
        length_text(&mut errors, "d", "", Some(1), None);
        let rules: Vec<_> = errors.errors.iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["email", "uri", "iso4217", "length.min"]);
    }
}
