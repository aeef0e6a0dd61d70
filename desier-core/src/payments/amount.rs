//! Amounts (importi): euros with at most 2 decimals, read exactly as cents.

/// Reads an amount (importo) as exact cents, as `PAYMENTS.md` defines it: with a `,` the
/// number is Italian (`1.234,50`: `.` groups thousands), without one the `.` is the
/// decimal point (`1234.50`). At most 2 decimals; no sign. `None` when it is not such an
/// amount.
///
/// ```
/// use desier_core::payments::parse_amount_cents;
/// assert_eq!(parse_amount_cents("1.234,50"), Some(123_450));
/// assert_eq!(parse_amount_cents("1234.5"), Some(123_450));
/// assert_eq!(parse_amount_cents("12,345"), None);
/// ```
pub fn parse_amount_cents(text: &str) -> Option<u64> {
    let text = text.trim();
    let (int_part, frac_part) = if let Some((int, frac)) = text.split_once(',') {
        // Italian: dots group thousands, in groups of three.
        let mut groups = int.split('.');
        let first = groups.next()?;
        let mut digits = String::from(first);
        for group in groups {
            if group.len() != 3 || first.is_empty() || first.len() > 3 {
                return None;
            }
            digits.push_str(group);
        }
        (digits, frac.to_string())
    } else if let Some((int, frac)) = text.split_once('.') {
        (int.to_string(), frac.to_string())
    } else {
        (text.to_string(), String::new())
    };
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac_part.len() > 2 || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let euros: u64 = int_part.parse().ok()?;
    let cents: u64 = match frac_part.len() {
        0 => 0,
        1 => frac_part.parse::<u64>().ok()? * 10,
        _ => frac_part.parse().ok()?,
    };
    euros.checked_mul(100)?.checked_add(cents)
}

/// Writes cents as euros with 2 decimals and a `.` (`123450` -> `1234.50`), as the
/// result of `PAYMENTS.md` prints amounts.
pub fn format_cents(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italian_and_dot_forms() {
        assert_eq!(parse_amount_cents("1.234,50"), Some(123_450));
        assert_eq!(parse_amount_cents("1.234.567,05"), Some(123_456_705));
        assert_eq!(parse_amount_cents("0,5"), Some(50));
        assert_eq!(parse_amount_cents("1234.50"), Some(123_450));
        assert_eq!(parse_amount_cents("87"), Some(8_700));
        assert_eq!(parse_amount_cents(" 10.00 "), Some(1_000));
    }

    #[test]
    fn refused_forms() {
        for bad in [
            "",
            "1,234,5",
            "12,345",
            "1.23.4",
            "1.2345,00",
            "-5",
            "1e3",
            "abc",
            ",5",
            "1.234",
        ] {
            // "1.234" without a comma is 1 euro and 234 thousandths: 3 decimals, refused.
            assert_eq!(parse_amount_cents(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_two_decimals() {
        assert_eq!(format_cents(123_450), "1234.50");
        assert_eq!(format_cents(5), "0.05");
        assert_eq!(format_cents(0), "0.00");
    }
}
