//! The cell parsers on arbitrary text: Italian numbers, counts, years, booleans, lists.
//! A parsed count must be the number written (no digit lost or invented).
#![no_main]

use desier_core::io::cell::{
    is_missing, parse_bool, parse_count, parse_decimal, parse_year, split_list,
};
use libfuzzer_sys::fuzz_target;

fn unsigned(s: &str) -> &str {
    s.strip_prefix(['+', '-']).unwrap_or(s)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = is_missing(text);
    let _ = parse_bool(text);
    if let Ok(v) = parse_decimal(text) {
        assert!(v.is_finite(), "{text:?} -> {v}");
    }
    if let Ok(n) = parse_count(text) {
        // The digits of the count are the digits written, in order (thousands separators,
        // spaces and a fractional part of zeros aside).
        let compact: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
            .collect();
        // The whole part: before the decimal comma, or before a decimal point (a single
        // dot not followed by exactly three digits); dots in it group thousands.
        let whole = match compact.split_once(',') {
            Some((whole, _)) => whole.to_owned(),
            None => match compact.split_once('.') {
                Some((whole, frac))
                    if !frac.contains('.')
                        && (frac.len() != 3 || !(1..=3).contains(&unsigned(whole).len())) =>
                {
                    whole.to_owned()
                }
                _ => compact.clone(),
            },
        };
        let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
        let digits = digits.trim_start_matches('0');
        assert_eq!(digits, if n == 0 { "" } else { digits }, "{text:?}");
        assert_eq!(
            n.to_string().trim_start_matches('0'),
            digits,
            "{text:?} -> {n}"
        );
    }
    if let Some(y) = parse_year(text) {
        assert!((1900..=2100).contains(&y));
    }
    for item in split_list(text) {
        assert!(!item.is_empty() && item == item.trim());
    }
});
