//! Taxonomy codes (codici tassonomici) of the pagoPA collection services.

/// The core `TTMMSSSXX` of a pagoPA taxonomy code (codice tassonomico), as `PAYMENTS.md`
/// compares them: a leading `6/`, `7/`, `8/` or `9/`, the trailing `/` and anything after
/// it are not part of the code. Upper-cased; surrounding blanks removed.
///
/// ```
/// use desier_core::payments::core_code;
/// assert_eq!(core_code("9/0501100TS/ABC"), "0501100TS");
/// assert_eq!(core_code("0107106SP"), "0107106SP");
/// ```
pub fn core_code(text: &str) -> String {
    let text = text.trim();
    let rest = match text.as_bytes() {
        [b'6' | b'7' | b'8' | b'9', b'/', ..] => &text[2..],
        _ => text,
    };
    let core = rest.split('/').next().unwrap_or("");
    core.trim().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::core_code;

    #[test]
    fn every_form() {
        assert_eq!(core_code("0107106SP"), "0107106SP");
        assert_eq!(core_code("9/0107106SP/"), "0107106SP");
        assert_eq!(core_code("9/0501100TS/ABC"), "0501100TS");
        assert_eq!(core_code("6/0102100SA"), "0102100SA");
        assert_eq!(core_code("7/0105107TS/x/y"), "0105107TS");
        assert_eq!(core_code("8/0104103sp"), "0104103SP");
        assert_eq!(core_code("0102106SA/"), "0102106SA");
        // A leading digit other than 6-9 followed by / is not a prefix.
        assert_eq!(core_code("5/0102106SA"), "5");
    }
}
