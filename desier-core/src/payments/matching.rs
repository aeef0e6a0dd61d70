//! Cell matching of the channel rules (regole dei canali) and of the service map (mappa
//! dei servizi), as `PAYMENTS.md` defines it.

/// Whether one rule cell matches a record's value: an empty cell matches anything; `-`
/// matches an empty value; otherwise the cell lists alternatives with `|`, each equal to
/// the value ignoring case, or ending with `*` for a prefix (`97249640588*`).
///
/// ```
/// use desier_core::payments::cell_matches;
/// assert!(cell_matches("CHECKOUT|IO", "io"));
/// assert!(cell_matches("97249640588*", "97249640588_01"));
/// assert!(cell_matches("-", ""));
/// assert!(!cell_matches("-", "IO"));
/// ```
pub fn cell_matches(cell: &str, value: &str) -> bool {
    let cell = cell.trim();
    if cell.is_empty() {
        return true;
    }
    let value = value.trim();
    cell.split('|').map(str::trim).any(|alt| {
        if alt == "-" {
            value.is_empty()
        } else if let Some(prefix) = alt.strip_suffix('*') {
            value.len() >= prefix.len()
                && value.is_char_boundary(prefix.len())
                && value[..prefix.len()].eq_ignore_ascii_case(prefix)
        } else {
            !alt.is_empty() && alt.eq_ignore_ascii_case(value)
        }
    })
}

/// The 0-based index of the first row whose cells all match the record's values (first
/// row wins). Each row is a list of (cell, value) pairs, one per column of the table.
pub fn first_match<'a, R, C>(rows: R) -> Option<usize>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = (&'a str, &'a str)>,
{
    rows.into_iter().position(|row| {
        row.into_iter()
            .all(|(cell, value)| cell_matches(cell, value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator() {
        // empty = any
        assert!(cell_matches("", "anything"));
        assert!(cell_matches("  ", ""));
        // equality ignoring case
        assert!(cell_matches("CHECKOUT", "checkout"));
        assert!(!cell_matches("CHECKOUT", "CHECKOUT_CART"));
        // alternatives
        assert!(cell_matches("CHECKOUT|IO|WISP", "WISP"));
        assert!(!cell_matches("CHECKOUT|IO", "WISP"));
        // prefix
        assert!(cell_matches("LEPIDA*", "lepida_01"));
        assert!(cell_matches("LEPIDA*", "LEPIDA"));
        assert!(!cell_matches("LEPIDA*", "LEP"));
        assert!(cell_matches("*", "x"));
        // `-` = empty field, also as an alternative
        assert!(cell_matches("-", ""));
        assert!(!cell_matches("-", "atm"));
        assert!(cell_matches("-|atm", ""));
        assert!(cell_matches("-|atm", "ATM"));
        // multi-byte values do not break the prefix
        assert!(!cell_matches("ab*", "aè"));
    }

    #[test]
    fn first_row_wins() {
        let rows: Vec<Vec<(&str, &str)>> = vec![
            vec![("IO", "CHECKOUT"), ("", "atm")],
            vec![("CHECKOUT|IO", "CHECKOUT"), ("", "atm")],
            vec![("", "CHECKOUT"), ("", "atm")],
        ];
        assert_eq!(first_match(rows), Some(1));
        let none: Vec<Vec<(&str, &str)>> = vec![vec![("IO", "WISP")]];
        assert_eq!(first_match(none), None);
    }
}
