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
    /// A whole number too large to be a count (above [`MAX_COUNT`]).
    TooLarge,
    /// `1,000`: a decimal comma followed by three zeros, which an English spreadsheet
    /// writes for one thousand; read as a count it would be 1. Not guessed: rejected.
    Ambiguous,
}

/// The largest count accepted (just under a billion requests or payments of one body for
/// one service in one year, or inhabitants): larger numbers are typing or export errors.
/// It also keeps every sum of counts exact, in 64-bit integers and in the 53 bits of the
/// numbers of JavaScript.
pub const MAX_COUNT: u64 = 999_999_999;

/// Parses a number written the Italian way (`576.931`, `12,5`, `1.234,5`), or the plain
/// way (`576931`, `12.5`). Spaces (also non-breaking) inside digits are thousands
/// separators. A dot followed by exactly three digits groups thousands, as in Italian
/// spreadsheets; a single comma is the decimal separator.
pub fn parse_decimal(cell: &str) -> Result<f64, NumberError> {
    let n = Written::parse(cell)?;
    let v: f64 = format!("{}.{}", n.whole, n.fraction)
        .parse()
        .map_err(|_| NumberError::NotANumber)?;
    if !v.is_finite() {
        return Err(NumberError::TooLarge);
    }
    Ok(if n.negative { -v } else { v })
}

/// A number as written, split into its sign, the digits of its whole part and the digits
/// of its fraction (thousands separators removed). Kept as text so that a count is read
/// exactly: through a float, `0,99999999999999999` would become 1.
struct Written {
    negative: bool,
    whole: String,
    fraction: String,
}

impl Written {
    fn parse(cell: &str) -> Result<Written, NumberError> {
        let s: String = cell
            .trim()
            .chars()
            .filter(|&c| !is_digit_space(c))
            .collect();
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(&s)),
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
        let (whole, fraction) = if commas > 1 {
            return Err(NumberError::NotANumber);
        } else if commas == 1 {
            // Italian: dots group thousands, the comma is decimal.
            let (int, frac) = digits.split_once(',').unwrap_or((digits, ""));
            if dots > 0 && !is_grouped(int) || frac.contains('.') {
                return Err(NumberError::NotANumber);
            }
            (int.replace('.', ""), frac.to_owned())
        } else if dots == 0 {
            (digits.to_owned(), String::new())
        } else if is_grouped(digits) {
            // `576.931`, `1.234.567`: thousands.
            (digits.replace('.', ""), String::new())
        } else if dots == 1 {
            // `12.5`: a plain decimal point.
            let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
            (int.to_owned(), frac.to_owned())
        } else {
            return Err(NumberError::NotANumber);
        };
        if whole.is_empty() && fraction.is_empty() {
            return Err(NumberError::NotANumber);
        }
        Ok(Written {
            negative,
            whole,
            fraction,
        })
    }
}

/// Spaces (also non-breaking) and apostrophes, which group digits in numbers as people
/// write them (`576 931`, `576'931`).
fn is_digit_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\''
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

/// Parses a count: a whole non-negative number, Italian formatting allowed (`576.931`),
/// at most [`MAX_COUNT`], read exactly (never through a float). A fractional part of zeros
/// (`12,0`) is accepted, except `,000` ([`NumberError::Ambiguous`]).
pub fn parse_count(cell: &str) -> Result<u64, NumberError> {
    if let Some(n) = plain_count(cell.trim()) {
        return Ok(n);
    }
    let n = Written::parse(cell)?;
    let whole = n.whole.trim_start_matches('0');
    if n.negative && !(whole.is_empty() && n.fraction.bytes().all(|b| b == b'0')) {
        return Err(NumberError::Negative);
    }
    if n.fraction.bytes().any(|b| b != b'0') {
        return Err(NumberError::NotWhole);
    }
    let compact: String = cell.chars().filter(|&c| !is_digit_space(c)).collect();
    if n.fraction.len() == 3 && compact.contains(',') && !compact.contains('.') {
        return Err(NumberError::Ambiguous);
    }
    // MAX_COUNT has nine digits: compare by length first, so any number of digits is safe.
    if whole.len() > 9 {
        return Err(NumberError::TooLarge);
    }
    Ok(whole.parse::<u64>().unwrap_or(0))
}

/// What is wrong with a cell that should be a count, in words for a clerk: `not a number`,
/// `negative`, ..., with what spreadsheets are known to do (full-width digits, a cell
/// formatted as a date, an Excel error, scientific notation).
pub fn number_problem(cell: &str, e: NumberError) -> String {
    let what = match e {
        NumberError::NotANumber => "not a number",
        NumberError::NotWhole => "not a whole number",
        NumberError::Negative => "negative",
        NumberError::TooLarge => "too large: the largest count accepted is 999.999.999",
        NumberError::Ambiguous => {
            "ambiguous: one thousand written the English way, or 1 with three decimals? write 1000 or 1"
        }
    };
    format!("{what}{}", spreadsheet_hint(cell))
}

/// A hint about what a spreadsheet did to a cell that is not a number or a year.
fn spreadsheet_hint(cell: &str) -> &'static str {
    if cell.chars().any(|c| ('\u{ff10}'..='\u{ff19}').contains(&c)) {
        " (written with full-width digits: retype it with the digits 0-9)"
    } else if cell.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
        " (written with the digits of another script: retype it with the digits 0-9)"
    } else if cell.ends_with("(a date)") || cell.ends_with("(a duration)") {
        " (the cell is formatted as a date: format the column as a number or as text)"
    } else if cell.ends_with("(an Excel error)") {
        " (the cell holds an Excel error: correct the formula, or type the number)"
    } else if cell.contains(['e', 'E']) && cell.chars().any(|c| c.is_ascii_digit()) {
        " (if it is in scientific notation, write the number in full)"
    } else {
        ""
    }
}

/// The message for a year cell that is not a year.
pub fn year_problem(cell: &str) -> String {
    if is_missing(cell) {
        return "the year is empty: write the year of the data, with four digits (e.g. 2019); the row is left out".into();
    }
    format!(
        "the year `{}` is not a year between 1900 and 2100{}: write it with four digits (e.g. 2019); the row is left out",
        crate::diagnostics::show(cell),
        spreadsheet_hint(cell)
    )
}

/// The usual count: up to nine plain digits (at most [`MAX_COUNT`]), already trimmed.
pub(crate) fn plain_count(t: &str) -> Option<u64> {
    if !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
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
        assert_eq!(parse_count("999999999"), Ok(MAX_COUNT));
        assert_eq!(parse_count("0001000000000"), Err(NumberError::TooLarge));
        assert_eq!(parse_count("1.000.000.000"), Err(NumberError::TooLarge));
        assert_eq!(parse_count("000"), Ok(0));
        assert_eq!(parse_count("1,000"), Err(NumberError::Ambiguous));
        assert_eq!(parse_count("1.000,000"), Ok(1000));
        assert_eq!(parse_count("1,00"), Ok(1));
        assert_eq!(
            parse_count("0,99999999999999999999"),
            Err(NumberError::NotWhole)
        );
        assert_eq!(parse_count("-0"), Ok(0));
        assert_eq!(parse_count(","), Err(NumberError::NotANumber));
        assert_eq!(parse_count(",0"), Ok(0));
        assert_eq!(parse_decimal(&"9".repeat(400)), Err(NumberError::TooLarge));
        assert_eq!(parse_decimal("12,5"), Ok(12.5));
        assert_eq!(parse_decimal("1.234,5"), Ok(1234.5));
        assert_eq!(parse_decimal("12.5"), Ok(12.5));
        assert_eq!(parse_decimal("12.50"), Ok(12.5));
        assert_eq!(parse_decimal("1.2345"), Ok(1.2345));
        assert_eq!(parse_decimal("."), Err(NumberError::NotANumber));
        assert_eq!(parse_decimal("-"), Err(NumberError::NotANumber));
    }

    #[test]
    fn problems_name_what_spreadsheets_do() {
        assert!(number_problem("１２", NumberError::NotANumber).contains("full-width"));
        assert!(number_problem("1900-02-14 (a date)", NumberError::NotANumber).contains("date"));
        assert!(number_problem("1e30", NumberError::NotANumber).contains("scientific"));
        assert!(year_problem("").contains("empty"));
        assert!(year_problem("２０１９").contains("full-width"));
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
