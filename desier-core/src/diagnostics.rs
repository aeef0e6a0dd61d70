//! Diagnostics: every rejected or doubtful input row, with file, line, a stable code and a
//! message a municipal clerk can act on.
//!
//! The rule everywhere: a diagnostic of severity [`Severity::Error`] means the row was
//! rejected (left out of the computation); [`Severity::Warning`] means the row was kept and
//! flagged. Nothing is dropped silently.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row was rejected and does not enter the computation.
    Error,
    /// The row was kept, but something about it deserves a look.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal, [$($sev:ident),+], $it:literal,)*) => {
        /// The stable code of a diagnostic. This enum is the one place where the codes are
        /// defined and documented; their snake_case spelling never changes. `docs/CODES.md`
        /// lists them, generated from here (a test keeps it in step).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable snake_case spelling of the code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }

            /// What the code means (its documentation).
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => concat!($($doc),*).trim_ascii(),)*
                }
            }

            /// The severities a diagnostic with this code can have: `error` when the row is
            /// rejected, `warning` when it is kept.
            pub fn severities(self) -> &'static [Severity] {
                match self {
                    $(Code::$variant => &[$(Severity::$sev),+],)*
                }
            }

            /// What the code means, in Italian (in italiano).
            pub fn description_it(self) -> &'static str {
                match self {
                    $(Code::$variant => $it,)*
                }
            }
        }
    };
}

codes! {
    // --- any table ---
    /// A header cell that is not a column of the table: the column is ignored.
    UnknownColumn => "unknown_column", [Warning], "Colonna non prevista dalla tabella: viene ignorata.",
    /// A line above the header (a title, a note) that is not a row: it is ignored.
    TitleLine => "title_line", [Warning], "Riga sopra l'intestazione (un titolo, una nota): viene ignorata.",
    /// A required cell is empty or "not provided".
    MissingValue => "missing_value", [Error, Warning], "Cella obbligatoria vuota o «n.d.».",
    /// A row of a CSV file that cannot be split into cells (e.g. an unbalanced quote).
    MalformedRow => "malformed_row", [Error], "Riga CSV che non si può dividere in celle (virgolette non chiuse).",
    /// The last row of a file that ends in the middle of it (fewer cells than the header
    /// and no line break): the file was cut off.
    TruncatedRow => "truncated_row", [Error], "Il file finisce a metà di questa riga: il file è stato troncato.",
    /// A row with values in cells the header gives no column to, or without cells for
    /// some columns of the header.
    FieldCount => "field_count", [Warning], "Riga con valori in celle senza nome di colonna, o senza celle per alcune colonne.",
    /// A spreadsheet cell hidden by merged cells (only the first cell of a merged range
    /// holds the value).
    MergedCells => "merged_cells", [Warning], "Cella nascosta da celle unite: solo la prima cella unita contiene il valore.",
    /// A spreadsheet cell holding a formula without a computed value.
    FormulaWithoutValue => "formula_without_value", [Error], "Cella con una formula di cui il file non contiene il valore calcolato.",
    /// Text that is not valid UTF-8: it was read as Windows-1252 (Latin-1).
    InvalidEncoding => "invalid_encoding", [Warning], "Testo non UTF-8: letto come Windows-1252 (Latin-1).",
    /// The year cell is not a year between 1900 and 2100.
    InvalidYear => "invalid_year", [Error], "L'anno non è un anno tra il 1900 e il 2100.",
    /// A true/false cell with a value that is not a recognised boolean spelling.
    InvalidBoolean => "invalid_boolean", [Error, Warning], "Valore sì/no non riconosciuto.",
    /// A numeric cell that is not a number.
    InvalidNumber => "invalid_number", [Warning], "Valore numerico che non è un numero.",
    /// A row that repeats the key of an earlier row: the first one is kept.
    DuplicateRow => "duplicate_row", [Error], "Riga che ripete la chiave di una riga precedente: vale la prima.",
    /// A row about a body that is not in the registry.
    UnknownEntity => "unknown_entity", [Error], "Ente non presente nell'anagrafica.",
    /// An ISTAT code that lost its leading zeros (as spreadsheets do): they were restored.
    EntityIdPadded => "entity_id_padded", [Warning], "Codice ISTAT che ha perso gli zeri iniziali: sono stati ripristinati.",
    // --- registry ---
    /// The kind of a body is not one of the accepted kinds.
    InvalidKind => "invalid_kind", [Error], "Tipo di ente non riconosciuto.",
    /// A municipality's union is not a union of the registry: the membership is ignored.
    UnknownUnion => "unknown_union", [Warning], "L'unione del comune non è un'unione dell'anagrafica: l'appartenenza è ignorata.",
    /// A municipality without population: it has no size class and no weight.
    MissingPopulation => "missing_population", [Warning], "Comune senza popolazione: senza classe dimensionale e senza peso.",
    /// The registry has no rows for a year that is computed: another year's rows were used.
    RegistryYearFallback => "registry_year_fallback", [Warning], "L'anagrafica non ha righe per l'anno calcolato: sono usate quelle di un altro anno.",
    // --- interactivity ---
    /// A row about a procedure that is not in the catalog.
    UnknownProcedure => "unknown_procedure", [Error], "Procedimento non presente nel catalogo.",
    /// A phase that no procedure of the catalog has: it is ignored.
    UnknownPhase => "unknown_phase", [Warning], "Fase non presente nel catalogo: viene ignorata.",
    /// A phase that the catalog does not list as applicable to the procedure: it is ignored.
    PhaseNotApplicable => "phase_not_applicable", [Warning], "Fase non applicabile al procedimento: viene ignorata.",
    /// An offer row for a body that is neither a municipality nor a union.
    EntityNotMunicipal => "entity_not_municipal", [Error], "Riga dell'offerta di un ente che non è un comune né un'unione.",
    /// The year asked for has no rows in the input.
    YearNotInData => "year_not_in_data", [Warning], "L'anno richiesto non ha righe nei dati.",
    // --- usage ---
    /// A row about a service that is not in the service catalog.
    UnknownService => "unknown_service", [Error], "Servizio non presente nel catalogo dei servizi.",
    /// A count that is not a non-negative integer.
    InvalidCount => "invalid_count", [Error], "Conteggio che non è un numero intero maggiore o uguale a zero.",
    /// The online count (platforms plus extra-platform) is greater than the total.
    OnlineExceedsTotal => "online_exceeds_total", [Error], "L'utilizzo online (piattaforme più extra-piattaforma) supera il totale.",
    /// A platform count equal to the total while other channels are not zero, or the
    /// previous year was far lower: probably the total written in the platform field.
    PlatformEqualsTotal => "platform_equals_total", [Warning], "Conteggio di piattaforma uguale al totale: forse il totale scritto nel campo della piattaforma.",
    /// Counts given for a service declared not active.
    CountsOnInactive => "counts_on_inactive", [Warning], "Conteggi per un servizio dichiarato non attivo.",
    /// The share of online use moved by more than 50 points from the previous year.
    ShareJump => "share_jump", [Warning], "La quota di utilizzo online varia di oltre 50 punti dall'anno precedente.",
    /// The total changed by more than 10 times from the previous year.
    TotalJump => "total_jump", [Warning], "Il totale varia di oltre 10 volte dall'anno precedente.",
    /// A service catalog value outside its allowed set (competence, channel).
    InvalidValue => "invalid_value", [Error], "Valore del catalogo dei servizi fuori dai valori ammessi.",
    /// A return filed by a body that cannot have the service (e.g. a municipality
    /// reporting the provincial fines): municipal services are filed by municipalities or
    /// unions, provincial ones by provinces, the bus pass by transport operators.
    CompetenceMismatch => "competence_mismatch", [Error], "Ente che non può avere il servizio (competenza diversa).",
    // --- payments (PAYMENTS.md) ---
    /// A payment record whose outcome (esito) is not one of the spellings of PAYMENTS.md.
    InvalidOutcome => "invalid_outcome", [Error], "Esito del pagamento non riconosciuto.",
    /// A payment amount that is not euros with at most two decimals.
    InvalidAmount => "invalid_amount", [Error], "Importo che non è in euro con al massimo due decimali.",
    /// A payment date (paid_at) that is not a date in one of the accepted forms.
    InvalidDate => "invalid_date", [Error], "Data del pagamento non valida o in una forma non prevista.",
    /// A payment record seen again (same creditor, IUV, receipt and category): it counts once.
    DuplicatePayment => "duplicate_payment", [Warning], "Pagamento già letto (stesso ente, IUV, ricevuta e codice tassonomico): conta una volta sola.",
    /// A channel rule whose class is not one of the classes of PAYMENTS.md.
    InvalidClass => "invalid_class", [Error], "Classe della regola dei canali non riconosciuta.",
    /// An XML file of receipts that is not well-formed XML, or a receipt without its parts.
    MalformedXml => "malformed_xml", [Error], "File XML delle ricevute non ben formato: la lettura si ferma qui.",
    /// An XML file with a DTD, an entity that is not one of XML's five, or a reference to
    /// an external resource: refused, never expanded nor fetched.
    UnsafeXml => "unsafe_xml", [Error], "File XML con DTD, entità o risorse esterne: rifiutato, mai espanso.",
    /// A JSON file of business events that is not JSON, or is nested too deep.
    MalformedJson => "malformed_json", [Error], "File JSON degli eventi non valido o annidato troppo in profondità.",
    /// The survey's total is below the number of pagoPA records of the same body, service
    /// and year: the records' count is used.
    SurveyBelowRecords => "survey_below_records", [Warning], "Il totale della rilevazione è inferiore ai pagamenti pagoPA registrati: vale il conteggio dei pagamenti.",
    /// A platform or extra-platform count of the survey differs from the pagoPA records:
    /// the records' count is used.
    PlatformDiffersFromRecords => "platform_differs_from_records", [Warning], "Conteggio di canale della rilevazione diverso dai pagamenti pagoPA: vale il conteggio dei pagamenti.",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value of an input file as shown inside a message: at most 60 characters (longer
/// ones are cut, with `...`), with control characters (NUL, line breaks, escapes) written
/// as `\u{0}`, so that a message stays one readable line whatever the file holds.
///
/// ```
/// use desier_core::diagnostics::show;
/// assert_eq!(show("12\0"), "12\\u{0}");
/// assert_eq!(show(&"9".repeat(100)).chars().count(), 63);
/// ```
pub fn show(text: &str) -> String {
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == 60 {
            out.push_str("...");
            break;
        }
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// One rejected or flagged input row (or header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file, as named by the caller (a path, or a table name for in-memory tables).
    pub file: String,
    /// The 1-based line (the header is line 1; in a spreadsheet, the row number).
    pub line: u64,
    /// Whether the row was rejected (`error`) or kept and flagged (`warning`).
    pub severity: Severity,
    /// The stable code of the problem.
    pub code: Code,
    /// What is wrong and what to do, in plain words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {} [{}] {}",
            self.file,
            self.line,
            self.severity.as_str(),
            self.code,
            self.message
        )
    }
}

/// A growing list of diagnostics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a diagnostic. Control characters that a value of the file brought into the
    /// message are written as `\u{0}`, so a message is always one printable line.
    pub fn push(
        &mut self,
        file: &str,
        line: u64,
        severity: Severity,
        code: Code,
        message: impl Into<String>,
    ) {
        let mut message = message.into();
        if message.chars().any(char::is_control) {
            message = message
                .chars()
                .map(|c| {
                    if c.is_control() {
                        c.escape_unicode().to_string()
                    } else {
                        c.to_string()
                    }
                })
                .collect();
        }
        self.items.push(Diagnostic {
            file: file.to_owned(),
            line,
            severity,
            code,
            message,
        });
    }

    /// Adds an error: the row is rejected.
    pub fn error(&mut self, file: &str, line: u64, code: Code, message: impl Into<String>) {
        self.push(file, line, Severity::Error, code, message);
    }

    /// Adds a warning: the row is kept and flagged.
    pub fn warning(&mut self, file: &str, line: u64, code: Code, message: impl Into<String>) {
        self.push(file, line, Severity::Warning, code, message);
    }

    /// The diagnostics so far.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Appends copies of `items`.
    pub fn extend_from_slice(&mut self, items: &[Diagnostic]) {
        self.items.extend_from_slice(items);
    }

    /// Appends all diagnostics of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// The diagnostics, sorted by file and line (the order of the results); those of one
    /// line keep the order in which they were found.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        self.items
    }
}
