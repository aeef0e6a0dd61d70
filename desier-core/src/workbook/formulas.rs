//! The formulas of the survey workbook: the share of online use and the checks, written so
//! that a spreadsheet (Excel, LibreOffice) flags exactly the rows that desier's reader of
//! the returns and [`crate::validate::year_over_year`] flag, with the same thresholds.
//!
//! Only functions every spreadsheet knows are used (`IF`, `AND`, `OR`, `NOT`, `ISNUMBER`,
//! `N`, `INT`, `ABS`, `MAX`, `MIN`, `LOWER`, `TRIM`, `LEFT`): no `LET`, no `IFS`.

use crate::io::cell::MAX_COUNT;
use crate::validate::{FAR_LOWER, SHARE_JUMP, TOTAL_JUMP};

/// The cells of one row that the formulas read, as A1 references (`G2`).
pub(crate) struct RowCells {
    /// `active` (attivo).
    pub active: String,
    /// The three platform counts, in the order of [`crate::Channel::PLATFORMS`].
    pub platforms: [String; 3],
    /// The extra-platform count.
    pub extra: String,
    /// The total.
    pub total: String,
}

impl RowCells {
    fn online(&self) -> [&String; 4] {
        [
            &self.platforms[0],
            &self.platforms[1],
            &self.platforms[2],
            &self.extra,
        ]
    }

    fn counts(&self) -> [&String; 5] {
        [
            &self.platforms[0],
            &self.platforms[1],
            &self.platforms[2],
            &self.extra,
            &self.total,
        ]
    }
}

fn any(parts: impl IntoIterator<Item = String>) -> String {
    format!("OR({})", parts.into_iter().collect::<Vec<_>>().join(","))
}

fn all(parts: impl IntoIterator<Item = String>) -> String {
    format!("AND({})", parts.into_iter().collect::<Vec<_>>().join(","))
}

/// `LOWER(TRIM(x))` equals one of `words`.
fn is_word(x: &str, words: &[&str]) -> String {
    any(words.iter().map(|w| format!("LOWER(TRIM({x}))=\"{w}\"")))
}

/// The cell is "not provided" (`nd`, `n.d.`, `-`, empty), as [`crate::io::cell::is_missing`].
fn missing(x: &str) -> String {
    is_word(x, &["", "nd", "n.d.", "n.d", "-"])
}

/// The cell is a count desier accepts: a whole number from 0 to `MAX_COUNT`. (`AND`
/// evaluates every argument, and `INT` of a text is an error: hence the `IF`.)
fn count_ok(x: &str) -> String {
    format!("IF(ISNUMBER({x}),AND({x}>=0,{x}=INT({x}),{x}<={MAX_COUNT}),FALSE)")
}

/// A count cell that is neither missing nor a count: desier rejects the row
/// (`invalid_count`).
fn bad_count(x: &str) -> String {
    format!("AND(NOT({}),NOT({}))", missing(x), count_ok(x))
}

/// `active` spellings, as [`crate::io::cell::parse_bool`] (an empty cell is "no").
fn active_yes(x: &str) -> String {
    is_word(
        x,
        &["si", "sì", "sí", "yes", "true", "1", "x", "vero", "s", "y"],
    )
}
fn active_no(x: &str) -> String {
    is_word(x, &["", "no", "false", "0", "falso", "n"])
}
fn active_nd(x: &str) -> String {
    is_word(x, &["nd", "n.d.", "n.d", "-"])
}

/// The online count: platforms plus extra-platform (a cell not provided counts 0).
fn online(c: &RowCells) -> String {
    c.online()
        .iter()
        .map(|x| format!("N({x})"))
        .collect::<Vec<_>>()
        .join("+")
}

/// The row gives a useful datum (dato utile): active, some platform count provided, a
/// total greater than zero ([`crate::UsageReturn::useful`]).
fn useful(c: &RowCells) -> String {
    all([
        active_yes(&c.active),
        any(c.platforms.iter().map(|p| format!("NOT({})", missing(p)))),
        format!("N({})>0", c.total),
    ])
}

/// The share of online use of a useful datum.
fn share(c: &RowCells) -> String {
    format!("({})/N({})", online(c), c.total)
}

/// Whether the row is rejected by desier's reader (any error).
fn rejected(c: &RowCells) -> [String; 3] {
    let active_bad = format!(
        "NOT(OR({},{},{}))",
        active_yes(&c.active),
        active_no(&c.active),
        active_nd(&c.active)
    );
    let counts_bad = any(c.counts().iter().map(|x| bad_count(x)));
    let exceeds = all([
        format!("NOT({})", missing(&c.total)),
        format!("{}>N({})", online(c), c.total),
    ]);
    [active_bad, counts_bad, exceeds]
}

/// The share formula: online / total as a fraction (shown as a percentage) when the row
/// is accepted and gives a useful datum, else empty.
pub(crate) fn share_formula(c: &RowCells) -> String {
    let [a, b, e] = rejected(c);
    format!(
        "=IF(OR({a},{b},{e}),\"\",IF({},{},\"\"))",
        useful(c),
        share(c)
    )
}

/// The checks formula: in Italian words, what desier reports on the row (an error that
/// leaves the row out, or the warnings that keep it), empty when desier reports nothing.
/// `previous` are last year's cells of the same body and service (values, or empty when
/// there was no accepted return).
pub(crate) fn checks_formula(c: &RowCells, previous: &RowCells) -> String {
    let [active_bad, counts_bad, exceeds] = rejected(c);
    let platform_is_total = any(c
        .platforms
        .iter()
        .map(|p| format!("AND(NOT({}),N({p})=N({}))", missing(p), c.total)));
    let on_inactive = all([
        active_no(&c.active),
        any(c.platforms.iter().map(|p| format!("N({p})>0"))),
    ]);
    let total = format!("N({})", c.total);
    let before_total = format!("N({})", previous.total);
    let equals_total = any(c.platforms.iter().zip(&previous.platforms).map(|(p, b)| {
        all([
            active_yes(&c.active),
            format!("{total}>0"),
            format!("NOT({})", missing(p)),
            format!("N({p})={total}"),
            format!("NOT({})", missing(b)),
            format!("N({b})<INT({total}/{FAR_LOWER})"),
        ])
    }));
    // `IF`, not `AND`: the shares divide by totals that may be 0 when not useful.
    let share_jump = format!(
        "IF({},ABS({}-{})>{SHARE_JUMP},FALSE)",
        all([useful(c), useful(previous)]),
        share(c),
        share(previous)
    );
    let total_jump = all([
        format!("{total}>0"),
        format!("{before_total}>0"),
        format!("MAX({total},{before_total})>{TOTAL_JUMP}*MIN({total},{before_total})"),
    ]);
    let warnings = [
        (active_nd(&c.active), MSG_ACTIVE_ND),
        (on_inactive, MSG_ON_INACTIVE),
        (equals_total, MSG_EQUALS_TOTAL),
        (share_jump, MSG_SHARE_JUMP),
        (total_jump, MSG_TOTAL_JUMP),
    ]
    .into_iter()
    .map(|(cond, msg)| format!("IF({cond},\"{msg} \",\"\")"))
    .collect::<Vec<_>>()
    .join("&");
    format!(
        "=IF({active_bad},\"{MSG_ACTIVE_BAD}\",IF({counts_bad},\"{MSG_COUNTS_BAD}\",\
         IF({exceeds},\"{MSG_EXCEEDS}\"&IF({platform_is_total},\"{MSG_EXCEEDS_HINT}\",\"\"),\
         TRIM({warnings}))))"
    )
}

/// The guidance formula (not a check of desier's): what is still to fill in for the row to
/// give a useful datum.
pub(crate) fn to_complete_formula(c: &RowCells) -> String {
    let [a, b, e] = rejected(c);
    let no_platform = all(c.platforms.iter().map(|p| missing(p)));
    format!(
        "=IF(OR({a},{b},{e}),\"\",IF(AND({yes},{no_platform}),\"{MSG_NO_PLATFORM} \",\"\")&IF(AND({yes},{no_total}),\"{MSG_NO_TOTAL}\",\"\"))",
        yes = active_yes(&c.active),
        no_total = missing(&c.total),
    )
}

/// The prefix of the messages of a row that desier leaves out (conditional formatting
/// colours those rows red, the others with a message orange).
pub(crate) const ERROR_PREFIX: &str = "Errore";

const MSG_ACTIVE_BAD: &str =
    "Errore: in «Attivo» scrivere si oppure no (nd se non si sa). La riga non viene usata.";
const MSG_COUNTS_BAD: &str = "Errore: i conteggi sono numeri interi da 0 in su, oppure nd se non noti (mai 0 al posto di nd). La riga non viene usata.";
const MSG_EXCEEDS: &str = "Errore: l'utilizzo online (piattaforme più extra piattaforma) supera il totale, che conta tutti i canali. La riga non viene usata.";
const MSG_EXCEEDS_HINT: &str =
    " Una piattaforma è uguale al totale: il totale è stato forse scritto nel campo della piattaforma.";
const MSG_ACTIVE_ND: &str =
    "«Attivo» non indicato: la riga non dà un dato utile; scrivere si o no.";
const MSG_ON_INACTIVE: &str = "Conteggi di piattaforma su un servizio dichiarato non attivo (o con «Attivo» vuoto): non vengono usati; se il servizio era attivo scrivere si.";
const MSG_EQUALS_TOTAL: &str = "Una piattaforma è uguale al totale mentre l'anno scorso era molto più bassa (meno della metà): controllare se il totale è stato scritto nel campo della piattaforma.";
const MSG_SHARE_JUMP: &str = "La quota online cambia di più di 50 punti rispetto all'anno scorso: controllare i conteggi dei due anni.";
const MSG_TOTAL_JUMP: &str =
    "Il totale cambia di più di 10 volte rispetto all'anno scorso: una cifra in più o in meno?";
const MSG_NO_PLATFORM: &str =
    "Servizio attivo: indicare almeno un conteggio di piattaforma (0 se nessuna richiesta).";
const MSG_NO_TOTAL: &str = "Manca il totale: senza totale la quota non si calcola.";

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: u32, first: char) -> RowCells {
        let col = |k: u8| format!("{}{row}", (first as u8 + k) as char);
        RowCells {
            active: col(0),
            platforms: [col(1), col(2), col(3)],
            extra: col(4),
            total: col(5),
        }
    }

    #[test]
    fn formulas_use_the_thresholds_of_validation() {
        let f = checks_formula(&cells(2, 'F'), &cells(2, 'P'));
        assert!(
            f.contains("ABS((N(G2)+N(H2)+N(I2)+N(J2))/N(K2)-(N(Q2)+N(R2)+N(S2)+N(T2))/N(U2))>0.5"),
            "{f}"
        );
        assert!(f.contains("N(Q2)<INT(N(K2)/2)"), "{f}");
        assert!(f.contains("MAX(N(K2),N(U2))>10*MIN(N(K2),N(U2))"), "{f}");
        assert!(f.contains("G2<=999999999"), "{f}");
        // Excel's limit on the length of a formula.
        assert!(f.len() < 8192, "{}", f.len());
        assert!(f.starts_with('=') && !f.contains('\n'));
    }
}
