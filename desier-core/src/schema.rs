//! The schema of the input tables (FORMATS.md): every table kind, its canonical columns
//! with their accepted (Italian) aliases, which columns are required, the Italian sheet
//! and file names of each table, and the normalisation of header cells.
//!
//! This module depends on nothing else in the crate, so that readers, errors, the
//! command's help, the bindings and the generator can all take their column lists from
//! it. Adding an input table is one [`TableKind`] variant with its entry here and one
//! reader in `io/`.

use serde::{Deserialize, Serialize};

/// The tables of the method, as named in FORMATS.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// `entities`: the registry of bodies (anagrafica degli enti).
    Entities,
    /// `facilities`: physical facilities per year (servizi fisici, e.g. the nursery).
    Facilities,
    /// `procedures`: the interactivity catalog (catalogo dei procedimenti).
    Procedures,
    /// `offer`: the surveyed online offer (rilevazione dell'offerta).
    Offer,
    /// `services`: the usage-service catalog (catalogo dei servizi).
    Services,
    /// `returns`: the usage returns (rilevazione dell'utilizzo).
    Returns,
}

impl TableKind {
    /// Every table, in reading order.
    pub const ALL: [TableKind; 6] = [
        TableKind::Entities,
        TableKind::Facilities,
        TableKind::Procedures,
        TableKind::Offer,
        TableKind::Services,
        TableKind::Returns,
    ];

    /// The canonical table name (also the canonical file stem and sheet name).
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Entities => "entities",
            TableKind::Facilities => "facilities",
            TableKind::Procedures => "procedures",
            TableKind::Offer => "offer",
            TableKind::Services => "services",
            TableKind::Returns => "returns",
        }
    }

    /// The columns of the table.
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            TableKind::Entities => ENTITIES,
            TableKind::Facilities => FACILITIES,
            TableKind::Procedures => PROCEDURES,
            TableKind::Offer => OFFER,
            TableKind::Services => SERVICES,
            TableKind::Returns => RETURNS,
        }
    }

    /// The columns that the survey workbook (`desier template`) adds beside the table's own
    /// (names, computed share and checks, last year's figures, the preloaded marker): a
    /// reader recognises them and leaves them out, so that a filled workbook read back
    /// gives no `unknown_column`. Their cells are never read (a formula without a value
    /// there is not an error).
    pub fn companion_columns(self) -> &'static [ColumnSpec] {
        match self {
            TableKind::Returns => RETURNS_WORKBOOK,
            _ => &[],
        }
    }

    /// Italian sheet names accepted for the table in a workbook.
    pub(crate) fn sheet_aliases(self) -> &'static [&'static str] {
        match self {
            TableKind::Entities => &["enti", "anagrafica", "comuni"],
            TableKind::Facilities => &["strutture", "servizi_fisici"],
            TableKind::Procedures => &["procedimenti", "catalogo"],
            TableKind::Offer => &["offerta"],
            TableKind::Services => &["servizi"],
            TableKind::Returns => &["utilizzo", "rilevazione", "ritorni"],
        }
    }

    /// Whether a workbook's sheet is named for this table (canonical or Italian name).
    pub(crate) fn is_sheet_name(self, sheet: &str) -> bool {
        let s = normalise_header(sheet);
        s == self.name() || self.sheet_aliases().contains(&s.as_str())
    }

    /// Parses a canonical table name.
    pub fn from_name(name: &str) -> Option<TableKind> {
        TableKind::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The table a file or sheet name stands for: its stem (any folder and extension
    /// dropped, normalised as headers are) is the canonical table name or an Italian one
    /// (`offerta`, `enti`, `utilizzo`, ...), alone or as a `_`-separated part
    /// (`offerta_2019.csv`, `2020-enti.xlsx`). The longest matching name wins.
    ///
    /// ```
    /// use desier_core::TableKind;
    /// assert_eq!(TableKind::from_file_name("dati/Offerta 2019.csv"), Some(TableKind::Offer));
    /// assert_eq!(TableKind::from_file_name("servizi_fisici.xlsx"), Some(TableKind::Facilities));
    /// assert_eq!(TableKind::from_file_name("returns"), Some(TableKind::Returns));
    /// assert_eq!(TableKind::from_file_name("dati.csv"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<TableKind> {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let stem = match base.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && !ext.contains(' ') => stem,
            _ => base,
        };
        let padded = format!("_{}_", normalise_header(stem));
        TableKind::ALL
            .into_iter()
            .flat_map(|t| {
                std::iter::once(t.name())
                    .chain(t.sheet_aliases().iter().copied())
                    .map(move |n| (t, n))
            })
            .filter(|(_, n)| padded.contains(&format!("_{n}_")))
            .max_by_key(|(_, n)| n.len())
            .map(|(t, _)| t)
    }
}

impl std::fmt::Display for TableKind {
    /// The canonical name (`entities`, `offer`, ...).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A column of a table: its canonical name, accepted aliases and whether it is required.
#[derive(Clone, Copy, Debug)]
pub struct ColumnSpec {
    /// Canonical (English) name.
    pub name: &'static str,
    /// Accepted aliases (Italian names), matched case-insensitively.
    pub aliases: &'static [&'static str],
    /// Whether the table cannot be read without it.
    pub required: bool,
}

impl ColumnSpec {
    /// A required column.
    pub const fn required(name: &'static str, aliases: &'static [&'static str]) -> Self {
        Self {
            name,
            aliases,
            required: true,
        }
    }
    /// An optional column.
    pub const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Self {
        Self {
            name,
            aliases,
            required: false,
        }
    }
}

/// Normalises a header cell: trimmed, lower case, accents folded, spaces and dashes as `_`.
pub(crate) fn normalise_header(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' | '.' => '_',
            c => fold_accent(c).to_ascii_lowercase(),
        })
        .collect()
}

/// A vowel without its accent (grave, acute, circumflex, diaeresis; case kept apart from
/// that), any other character as it is.
pub(crate) fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' => 'a',
        'À' | 'Á' | 'Â' | 'Ä' => 'A',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ò' | 'ó' | 'ô' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        c => c,
    }
}

/// The columns of the entities table.
pub const ENTITIES: &[ColumnSpec] = &[
    ColumnSpec::required(
        "entity_id",
        &["codice", "codice_istat", "id", "codice_ente"],
    ),
    ColumnSpec::optional("name", &["nome", "denominazione", "ente", "comune"]),
    ColumnSpec::optional("kind", &["tipo", "tipo_ente", "tipologia"]),
    ColumnSpec::optional("province", &["provincia", "sigla_provincia"]),
    ColumnSpec::optional("population", &["popolazione", "abitanti", "residenti"]),
    ColumnSpec::optional("mountain", &["montano", "comune_montano", "montagna"]),
    ColumnSpec::optional("union_id", &["unione", "id_unione", "codice_unione"]),
    ColumnSpec::optional("year", &["anno"]),
];

/// The columns of the facilities table.
pub const FACILITIES: &[ColumnSpec] = &[
    ColumnSpec::required("year", &["anno"]),
    ColumnSpec::required(
        "entity_id",
        &["codice", "codice_istat", "id", "codice_ente"],
    ),
    ColumnSpec::required("facility", &["struttura", "servizio_fisico", "servizio"]),
    ColumnSpec::required("present", &["presente", "presenza"]),
];

/// The columns of the procedures table.
pub const PROCEDURES: &[ColumnSpec] = &[
    ColumnSpec::required(
        "procedure_id",
        &["id_procedimento", "codice_procedimento", "procedimento_id"],
    ),
    ColumnSpec::optional(
        "procedure_name",
        &["procedimento", "nome_procedimento", "denominazione"],
    ),
    ColumnSpec::required("area_id", &["area", "id_area", "codice_area"]),
    ColumnSpec::optional("area_name", &["nome_area", "area_tematica"]),
    ColumnSpec::required("phases", &["fasi", "fasi_applicabili", "fasi_online"]),
    ColumnSpec::optional(
        "requires_facility",
        &["struttura", "servizio_fisico", "richiede_struttura"],
    ),
];

/// The columns of the offer table.
pub const OFFER: &[ColumnSpec] = &[
    ColumnSpec::required("year", &["anno"]),
    ColumnSpec::required(
        "entity_id",
        &["codice", "codice_istat", "id", "codice_ente"],
    ),
    ColumnSpec::required(
        "procedure_id",
        &["id_procedimento", "codice_procedimento", "procedimento"],
    ),
    ColumnSpec::required("online_phases", &["fasi_online", "fasi_erogate", "fasi"]),
    ColumnSpec::optional("platform", &["piattaforma"]),
    ColumnSpec::optional("platform_kind", &["tipo_piattaforma"]),
];

/// The columns of the services table.
pub const SERVICES: &[ColumnSpec] = &[
    ColumnSpec::required(
        "service_id",
        &["id_servizio", "codice_servizio", "servizio_id"],
    ),
    ColumnSpec::optional(
        "service_name",
        &["servizio", "nome_servizio", "denominazione"],
    ),
    ColumnSpec::required("competence", &["competenza"]),
    ColumnSpec::optional(
        "extra_platform_channel",
        &["canale_extra_piattaforma", "canale_extra"],
    ),
    ColumnSpec::optional(
        "requires_facility",
        &["struttura", "servizio_fisico", "richiede_struttura"],
    ),
];

/// The columns of the returns table.
pub const RETURNS: &[ColumnSpec] = &[
    ColumnSpec::required("year", &["anno"]),
    ColumnSpec::required(
        "entity_id",
        &["codice", "codice_istat", "id", "codice_ente"],
    ),
    ColumnSpec::required(
        "service_id",
        &["id_servizio", "codice_servizio", "servizio"],
    ),
    ColumnSpec::required("active", &["attivo", "servizio_attivo"]),
    ColumnSpec::required("regional_platform", &["piattaforma_regionale"]),
    ColumnSpec::required("autonomous_platform", &["piattaforma_autonoma"]),
    ColumnSpec::required("national_platform", &["piattaforma_nazionale"]),
    ColumnSpec::required(
        "extra_platform",
        &["extra_piattaforma", "fuori_piattaforma"],
    ),
    ColumnSpec::required("total", &["totale"]),
];

/// The columns the survey workbook adds to the returns (foglio di rilevazione), recognised
/// and left out when it is read back ([`TableKind::companion_columns`]). The first alias is
/// the workbook's header, normalised.
pub const RETURNS_WORKBOOK: &[ColumnSpec] = &[
    ColumnSpec::optional("entity_name", &["ente", "nome_ente"]),
    ColumnSpec::optional("service_name", &["nome_servizio"]),
    ColumnSpec::optional("share", &["quota_online"]),
    ColumnSpec::optional("checks", &["controlli"]),
    ColumnSpec::optional("to_complete", &["da_completare"]),
    ColumnSpec::optional("preloaded", &["precaricato_da_pagopa"]),
    ColumnSpec::optional("previous_active", &["attivo_anno_precedente"]),
    ColumnSpec::optional(
        "previous_regional_platform",
        &["piattaforma_regionale_anno_precedente"],
    ),
    ColumnSpec::optional(
        "previous_autonomous_platform",
        &["piattaforma_autonoma_anno_precedente"],
    ),
    ColumnSpec::optional(
        "previous_national_platform",
        &["piattaforma_nazionale_anno_precedente"],
    ),
    ColumnSpec::optional(
        "previous_extra_platform",
        &["extra_piattaforma_anno_precedente"],
    ),
    ColumnSpec::optional("previous_total", &["totale_anno_precedente"]),
    ColumnSpec::optional("previous_share", &["quota_online_anno_precedente"]),
];
