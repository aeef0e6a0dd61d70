//! Outcomes (esiti) of a payment record.

/// Whether a payment record was executed (eseguito), as `PAYMENTS.md` lists the spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Executed (eseguito): counted.
    Executed,
    /// Not executed (non eseguito): left out, counted in the summary.
    NotExecuted,
}

/// Reads an outcome (esito), ignoring case: empty, `OK`, `0`, `9`, `EXECUTED`,
/// `STAND_IN`, `STAND_IN_NO_RPT`, `NO_RPT` are executed; `KO`, `3`, `REVOKED` are not;
/// anything else is `None` (the row is rejected).
pub fn parse_outcome(text: &str) -> Option<Outcome> {
    let text = text.trim().to_ascii_uppercase();
    match text.as_str() {
        "" | "OK" | "0" | "9" | "EXECUTED" | "STAND_IN" | "STAND_IN_NO_RPT" | "NO_RPT" => {
            Some(Outcome::Executed)
        }
        "KO" | "3" | "REVOKED" => Some(Outcome::NotExecuted),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling() {
        for ok in [
            "",
            "OK",
            "ok",
            "0",
            "9",
            "EXECUTED",
            "STAND_IN",
            "stand_in_no_rpt",
            "NO_RPT",
        ] {
            assert_eq!(parse_outcome(ok), Some(Outcome::Executed), "{ok}");
        }
        for ko in ["KO", "3", "revoked"] {
            assert_eq!(parse_outcome(ko), Some(Outcome::NotExecuted), "{ko}");
        }
        for bad in ["1", "DONE", "maybe"] {
            assert_eq!(parse_outcome(bad), None, "{bad}");
        }
    }
}
