//! Choosing the response format from an `Accept` header (RFC 9110 §12.5.1).
//!
//! Each offered format takes the quality of the most specific media range
//! that matches it (`application/cbor` beats `application/*` beats `*/*`,
//! whatever their order); a range with `q=0` excludes what it matches. The
//! highest quality wins; on a tie, the format named by the more specific
//! range, then the one whose range the client listed first (upstream
//! CrateStack's rule, so its clients get the codec they name first), then
//! the server's order (JSON first for [`negotiate`]). No header, an empty one, or
//! one in which no element parses, accepts anything: the first offered
//! format. Elements that do not parse (no `/`, a bad `q`) are skipped, as
//! the RFC's "ignore what you do not understand" suggests. When the header
//! is valid but excludes every offered format the answer is
//! [`NotAcceptable`] (HTTP 406).
//!
//! Media-type parameters of a range (`application/json;charset=utf-8`) are
//! not compared with the offered types, which have none: they only make
//! the range more specific than one without them.

use crate::schema::codec::Format;
use std::fmt;

/// No offered format is acceptable to the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAcceptable {
    /// The header as received.
    pub accept: String,
}

impl fmt::Display for NotAcceptable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "none of the available formats is acceptable for `Accept: {}`",
            self.accept
        )
    }
}

impl std::error::Error for NotAcceptable {}

/// The format to answer with, among those this build supports
/// ([`Format::AVAILABLE`]).
pub fn negotiate(accept: Option<&str>) -> Result<Format, NotAcceptable> {
    negotiate_among(accept, Format::AVAILABLE)
}

/// [`negotiate`] among `offered` (in the server's order of preference).
pub fn negotiate_among(accept: Option<&str>, offered: &[Format]) -> Result<Format, NotAcceptable> {
    let types: Vec<&str> = offered.iter().map(|f| f.content_type()).collect();
    choose_media_type(accept, &types).map(|index| offered[index])
}

/// The position in `offered` (media types without parameters, in the
/// server's order of preference) of the type to answer with, by the rules
/// of [`negotiate`]: what the HTTP service uses, since it offers
/// `application/cbor-seq` framing beside the formats.
pub fn choose_media_type(accept: Option<&str>, offered: &[&str]) -> Result<usize, NotAcceptable> {
    let not_acceptable = || NotAcceptable {
        accept: accept.unwrap_or_default().to_string(),
    };
    let Some(trimmed) = accept.map(str::trim).filter(|a| !a.is_empty()) else {
        return if offered.is_empty() {
            Err(not_acceptable())
        } else {
            Ok(0)
        };
    };
    // The common case, one exact type without parameters, needs no parse.
    if let Some(index) = offered.iter().position(|t| t.eq_ignore_ascii_case(trimmed)) {
        return Ok(index);
    }
    // Each range with its position in the header.
    let ranges: Vec<(usize, MediaRange)> = accept
        .unwrap_or_default()
        .split(',')
        .filter_map(MediaRange::parse)
        .enumerate()
        .collect();
    if ranges.is_empty() {
        return if offered.is_empty() {
            Err(not_acceptable())
        } else {
            Ok(0)
        };
    }
    // (quality, specificity, negative header position, negative server
    // position): the larger wins.
    let mut best: Option<((u16, u8, isize, isize), usize)> = None;
    for (position, content_type) in offered.iter().enumerate() {
        let Some((main, sub)) = content_type.split_once('/') else {
            continue;
        };
        // The most specific matching range applies (the first listed among
        // equally specific ones).
        let Some((index, range)) = ranges
            .iter()
            .filter(|(_, range)| range.matches(main, sub))
            .min_by_key(|(index, range)| (std::cmp::Reverse(range.specificity()), *index))
        else {
            continue;
        };
        if range.quality == 0 {
            continue;
        }
        let rank = (
            range.quality,
            range.specificity(),
            -(*index as isize),
            -(position as isize),
        );
        if best.is_none_or(|(current, _)| rank > current) {
            best = Some((rank, position));
        }
    }
    best.map(|(_, position)| position)
        .ok_or_else(not_acceptable)
}

/// One element of an `Accept` header.
#[derive(Debug)]
struct MediaRange<'a> {
    /// As written: compared without regard to ASCII case.
    main: &'a str,
    sub: &'a str,
    /// Parameters other than `q` (they make a range more specific).
    parameters: usize,
    /// The weight in thousandths (`q=0.5` is 500).
    quality: u16,
}

impl<'a> MediaRange<'a> {
    fn parse(element: &'a str) -> Option<MediaRange<'a>> {
        let mut parts = element.split(';');
        let (main, sub) = parts.next()?.trim().split_once('/')?;
        let (main, sub) = (main.trim(), sub.trim());
        if !is_token(main) || !is_token(sub) || (main == "*" && sub != "*") {
            return None;
        }
        let mut quality = 1000;
        let mut parameters = 0;
        for parameter in parts {
            let (name, value) = parameter.split_once('=')?;
            let name = name.trim();
            if !is_token(name) {
                return None;
            }
            if name.eq_ignore_ascii_case("q") {
                quality = parse_quality(value.trim())?;
                // Anything after the weight is an accept-extension, not a
                // media-type parameter.
                break;
            }
            parameters += 1;
        }
        Some(MediaRange {
            main,
            sub,
            parameters,
            quality,
        })
    }

    fn matches(&self, main: &str, sub: &str) -> bool {
        (self.main == "*" || self.main.eq_ignore_ascii_case(main))
            && (self.sub == "*" || self.sub.eq_ignore_ascii_case(sub))
    }

    /// `*/*` < `type/*` < `type/sub` < `type/sub;param`.
    fn specificity(&self) -> u8 {
        match (self.main, self.sub) {
            ("*", _) => 0,
            (_, "*") => 1,
            _ => 2 + u8::try_from(self.parameters.min(8)).unwrap_or(8),
        }
    }
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`.
fn parse_quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// An RFC 9110 token (`tchar`s), which media types and parameter names are.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Format::{Cbor, Json};

    const BOTH: &[Format] = &[Json, Cbor];

    /// (Accept header, offered formats, expected answer).
    const CASES: &[(Option<&str>, &[Format], Option<Format>)] = &[
        // No preference: the server's first choice.
        (None, BOTH, Some(Json)),
        (Some(""), BOTH, Some(Json)),
        (Some("   "), BOTH, Some(Json)),
        (Some("*/*"), BOTH, Some(Json)),
        (Some("application/*"), BOTH, Some(Json)),
        (None, &[Cbor], Some(Cbor)),
        // Exact types.
        (Some("application/cbor"), BOTH, Some(Cbor)),
        (Some("application/json"), BOTH, Some(Json)),
        (Some("APPLICATION/CBOR"), BOTH, Some(Cbor)),
        (Some(" application/cbor ; q=1 "), BOTH, Some(Cbor)),
        // Weights.
        (
            Some("application/json;q=0.5, application/cbor;q=0.8"),
            BOTH,
            Some(Cbor),
        ),
        (
            Some("application/json;q=0.9, application/cbor;q=0.8"),
            BOTH,
            Some(Json),
        ),
        (Some("application/cbor;Q=0.001, */*;q=0"), BOTH, Some(Cbor)),
        // Ties: the range naming the type beats a wildcard, then the
        // client's order, then the server's.
        (Some("*/*, application/cbor"), BOTH, Some(Cbor)),
        (Some("application/cbor, application/json"), BOTH, Some(Cbor)),
        (Some("application/json, application/cbor"), BOTH, Some(Json)),
        (
            Some("application/cbor;q=0.5, application/json;q=0.5"),
            BOTH,
            Some(Cbor),
        ),
        (Some("application/*"), BOTH, Some(Json)),
        // Specificity decides which range applies, not order.
        (Some("application/json;q=0, */*"), BOTH, Some(Cbor)),
        (Some("*/*, application/json;q=0"), BOTH, Some(Cbor)),
        (
            Some("application/*;q=0.2, application/cbor"),
            BOTH,
            Some(Cbor),
        ),
        (
            Some("application/*;q=0.9, application/cbor;q=0.1"),
            BOTH,
            Some(Json),
        ),
        (Some("application/*;q=0, */*;q=1"), BOTH, None),
        (Some("text/*, application/cbor;q=0.3"), BOTH, Some(Cbor)),
        // Parameters make a range more specific.
        (
            Some("application/json;charset=utf-8;q=0.2, application/*;q=0.9"),
            BOTH,
            Some(Cbor),
        ),
        // Exclusion and nothing acceptable.
        (Some("application/json;q=0"), BOTH, None),
        (Some("text/html"), BOTH, None),
        (Some("application/cbor"), &[Json], None),
        (Some("*/*;q=0"), BOTH, None),
        (None, &[], None),
        // Malformed elements are skipped; all malformed means no preference.
        (Some("garbage, application/cbor"), BOTH, Some(Cbor)),
        (
            Some("application/cbor;q=2, application/json;q=0.1"),
            BOTH,
            Some(Json),
        ),
        (
            Some("application/cbor;q=0.5555, application/json;q=0.1"),
            BOTH,
            Some(Json),
        ),
        (Some("application/cbor;q=abc"), BOTH, Some(Json)),
        (Some("application/cbor;q"), BOTH, Some(Json)),
        (Some("*/cbor"), BOTH, Some(Json)),
        (Some(",,,"), BOTH, Some(Json)),
        (Some("application/json;q=1.5"), &[Cbor], Some(Cbor)),
        // Accept-extensions after the weight are ignored.
        (
            Some("application/cbor;q=0.7;ext=1, application/json;q=0.6"),
            BOTH,
            Some(Cbor),
        ),
    ];

    #[test]
    fn accept_header_cases() {
        let mut failures = Vec::new();
        for &(accept, offered, expected) in CASES {
            let got = negotiate_among(accept, offered).ok();
            if got != expected {
                failures.push(format!(
                    "Accept {accept:?} offering {offered:?}: expected {expected:?}, got {got:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn not_acceptable_names_the_header() {
        let error = negotiate_among(Some("text/html"), BOTH).unwrap_err();
        assert_eq!(error.accept, "text/html");
        assert!(error.to_string().contains("text/html"));
    }

    #[test]
    fn qvalues_parse_per_the_grammar() {
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("0.05"), Some(50));
        assert_eq!(parse_quality("0"), Some(0));
        assert_eq!(parse_quality("0."), Some(0));
        assert_eq!(parse_quality("1.001"), None);
        assert_eq!(parse_quality("0.0001"), None);
        assert_eq!(parse_quality("-0.5"), None);
        assert_eq!(parse_quality(""), None);
    }
}
