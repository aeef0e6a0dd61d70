//! Parsing of single cells as Italian spreadsheets write them: `nd`, `n.d.`, `-` and empty
//! mean "not provided"; `.` groups thousands (`576.931`) and `,` is the decimal separator
//! (`12,5`); booleans are `true/false`, `yes/no`, `si/sì/no`, `1/0`, `x`/empty.

/// Whether a cell means "not provided" (`nd`, `n.d.`, `-`, empty; any case).
pub fn is_missing(cell: &str) -> bool {
    let t = cell.trim();
    t.is_empty()
        || t == "-"
        || t.eq_ignore_ascii_case("nd")
        || t.eq_ignore_ascii_case("n.d.")
        || t.eq_ignore_ascii_case("n.d")
}

/// Parses a boolean. An empty cell is `false` (an unticked `x` column); `nd` is `None`.
/// Returns [`NotABoolean`] for a spelling that is not a boolean.
pub fn parse_bool(cell: &str) -> Result<Option<bool>, NotABoolean> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(Some(false));
    }
    if is_missing(t) {
        return Ok(None);
    }
    match t {
        "true" => return Ok(Some(true)),
        "false" => return Ok(Some(false)),
        _ => {}
    }
    if t.is_ascii() {
        // The other spellings, without allocating a lower-case copy.
        const TRUE: [&str; 8] = ["true", "yes", "si", "1", "x", "vero", "s", "y"];
        const FALSE: [&str; 5] = ["false", "no", "0", "falso", "n"];
        if TRUE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
            return Ok(Some(true));
        }
        if FALSE.iter().any(|w| t.eq_ignore_ascii_case(w)) {
            return Ok(Some(false));
        }
        return Err(NotABoolean);
    }
    let lower = t.to_lowercase();
    match lower.as_str() {
        "true" | "yes" | "si" | "sì" | "sí" | "1" | "x" | "vero" | "s" | "y" => Ok(Some(true)),
        "false" | "no" | "0" | "falso" | "n" => Ok(Some(false)),
        _ => Err(NotABoolean),
    }
}

/// A cell that is not one of the boolean spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotABoolean;

/// Why a number was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all.
    NotANumber,
    /// A number with a fractional part where a whole number is needed.
    NotWhole,
    /// A negative number where a count is needed.
    Negative,
    /// A whole number too large to be a count.
    TooLarge,
}

/// Parses a number written the Italian way (`576.931`, `12,5`, `1.234,5`), or the plain
/// way (`576931`, `12.5`). Spaces (also non-breaking) inside digits are thousands
/// separators. A dot followed by exactly three digits groups thousands, as in Italian
/// spreadsheets; a single comma is the decimal separator.
pub fn parse_decimal(cell: &str) -> Result<f64, NumberError> {
    let t = cell.trim();
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        if c != ' ' && c != '\u{a0}' && c != '\u{202f}' && c != '\'' {
            s.push(c);
        }
    }
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, s.strip_prefix('+').unwrap_or(&s)),
    };
    if digits.is_empty()
        || !digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(NumberError::NotANumber);
    }
    let commas = digits.matches(',').count();
    let dots = digits.matches('.').count();
    let normalised: String = if commas > 1 {
        return Err(NumberError::NotANumber);
    } else if commas == 1 {
        // Italian: dots group thousands, the comma is decimal.
        let (int, frac) = digits.split_once(',').unwrap_or((digits, ""));
        if dots > 0 && !is_grouped(int) {
            return Err(NumberError::NotANumber);
        }
        format!("{}.{}", int.replace('.', ""), frac)
    } else if dots == 0 {
        digits.to_owned()
    } else if is_grouped(digits) {
        // `576.931`, `1.234.567`: thousands.
        digits.replace('.', "")
    } else if dots == 1 {
        // `12.5`: a plain decimal point.
        digits.to_owned()
    } else {
        return Err(NumberError::NotANumber);
    };
    let n = normalised.trim_end_matches('.');
    if n.is_empty() || n.starts_with('.') && n.len() == 1 {
        return Err(NumberError::NotANumber);
    }
    n.parse::<f64>()
        .map(|v| sign * v)
        .map_err(|_| NumberError::NotANumber)
}

/// `1.234`, `12.345.678`: groups of exactly three digits after the first dot.
fn is_grouped(s: &str) -> bool {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 {
        return false;
    }
    let mut any = false;
    for p in parts {
        if p.len() != 3 {
            return false;
        }
        any = true;
    }
    any
}

/// Parses a count: a whole non-negative number, Italian formatting allowed (`576.931`).
/// A fractional part of zeros (`12,0`) is accepted.
pub fn parse_count(cell: &str) -> Result<u64, NumberError> {
    let t = cell.trim();
    if let Some(n) = plain_count(t) {
        return Ok(n);
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::TooLarge);
    }
    let v = parse_decimal(t)?;
    if v < 0.0 {
        return Err(NumberError::Negative);
    }
    if v.fract() != 0.0 {
        return Err(NumberError::NotWhole);
    }
    if v >= 9.0e15 {
        return Err(NumberError::TooLarge);
    }
    Ok(v as u64)
}

/// The usual count: up to 19 plain digits (always a valid `u64`), already trimmed.
pub(crate) fn plain_count(t: &str) -> Option<u64> {
    if !t.is_empty() && t.len() <= 19 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().ok()
    } else {
        None
    }
}

/// Parses a year between 1900 and 2100 (`2019`, also `2019,0` or `2019.0` as spreadsheets
/// sometimes export it).
pub fn parse_year(cell: &str) -> Option<i32> {
    let t = cell.trim();
    let t = t
        .strip_suffix(".0")
        .or_else(|| t.strip_suffix(",0"))
        .unwrap_or(t);
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = t.parse().ok()?;
    (1900..=2100).contains(&y).then_some(y)
}

/// Splits a `|`-separated list (phases), trimming items and dropping empty ones.
/// Commas and semicolons are accepted as separators too.
pub fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    // Byte by byte: the separators are ASCII, so every item is a slice of valid text.
    let mut rest = cell;
    std::iter::from_fn(move || loop {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .bytes()
            .position(|b| matches!(b, b'|' | b',' | b';'))
            .unwrap_or(rest.len());
        let item = trim(&rest[..end]);
        rest = rest.get(end + 1..).unwrap_or("");
        if !item.is_empty() {
            return Some(item);
        }
    })
}

/// `str::trim`, with a fast path for the usual cell that starts and ends with a visible
/// ASCII character (nothing to trim).
pub(crate) fn trim(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (None, _) => cell,
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_spellings() {
        for s in ["", " ", "nd", "ND", "n.d.", "N.D.", "-", " - "] {
            assert!(is_missing(s), "{s:?}");
        }
        for s in ["0", "x", "no"] {
            assert!(!is_missing(s), "{s:?}");
        }
    }

    #[test]
    fn booleans() {
        for s in ["true", "TRUE", "yes", "si", "Sì", "SI", "1", "x", "X"] {
            assert_eq!(parse_bool(s), Ok(Some(true)), "{s:?}");
        }
        for s in ["false", "no", "NO", "0", ""] {
            assert_eq!(parse_bool(s), Ok(Some(false)), "{s:?}");
        }
        assert_eq!(parse_bool("nd"), Ok(None));
        assert_eq!(parse_bool("forse"), Err(NotABoolean));
    }

    #[test]
    fn italian_numbers() {
        assert_eq!(parse_count("576.931"), Ok(576_931));
        assert_eq!(parse_count("1.234.567"), Ok(1_234_567));
        assert_eq!(parse_count("576931"), Ok(576_931));
        assert_eq!(parse_count(" 576 931 "), Ok(576_931));
        assert_eq!(parse_count("12,0"), Ok(12));
        assert_eq!(parse_count("12,5"), Err(NumberError::NotWhole));
        assert_eq!(parse_count("-3"), Err(NumberError::Negative));
        assert_eq!(parse_count("abc"), Err(NumberError::NotANumber));
        assert_eq!(parse_count("1,2,3"), Err(NumberError::NotANumber));
        assert_eq!(
            parse_count("99999999999999999999"),
            Err(NumberError::TooLarge)
        );
        assert_eq!(parse_decimal("12,5"), Ok(12.5));
        assert_eq!(parse_decimal("1.234,5"), Ok(1234.5));
        assert_eq!(parse_decimal("12.5"), Ok(12.5));
        assert_eq!(parse_decimal("12.50"), Ok(12.5));
        assert_eq!(parse_decimal("1.2345"), Ok(1.2345));
        assert_eq!(parse_decimal("."), Err(NumberError::NotANumber));
        assert_eq!(parse_decimal("-"), Err(NumberError::NotANumber));
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("2019"), Some(2019));
        assert_eq!(parse_year(" 2019.0"), Some(2019));
        assert_eq!(parse_year("20l9"), None);
        assert_eq!(parse_year("19"), None);
        assert_eq!(parse_year("3000"), None);
    }

    #[test]
    fn lists() {
        let v: Vec<_> = split_list(" request | payment||").collect();
        assert_eq!(v, ["request", "payment"]);
        let v: Vec<_> = split_list("à;b,\u{a0}c\u{a0}|").collect();
        assert_eq!(v, ["à", "b", "c"]);
        assert_eq!(split_list("").count(), 0);
        assert_eq!(trim(" x "), "x");
        assert_eq!(trim("\u{a0}x"), "x");
        assert_eq!(trim("x"), "x");
    }
}
