//! The result of the payments by channel (PAYMENTS.md, "Result"), the same counts as a
//! `returns` table (precaricamento), and their merge with a survey's returns.

use super::amount::format_cents;
use super::counts::{Class, ClassCounts};
use super::engine::Partial;
use super::tables::{ChannelRules, EVIDENCE};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::io::table::TableRead;
use crate::model::returns::{Counts, Returns};
use crate::model::services::ServiceCatalog;
use serde::{Serialize, Serializer};

/// Records of one (year, body, service) per class, with their total (PAYMENTS.md).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClassFigures<T> {
    /// Regional platform (piattaforma regionale).
    pub regional_platform: T,
    /// Autonomous platform (piattaforma autonoma).
    pub autonomous_platform: T,
    /// National platform (piattaforma nazionale).
    pub national_platform: T,
    /// Online outside the platforms (extra-piattaforma).
    pub extra_platform: T,
    /// Counters, ATMs, tobacconists, post offices.
    pub offline: T,
    /// No rule matched (non classificati).
    pub unclassified: T,
    /// The five classes plus unclassified (totale).
    pub total: T,
}

impl<T: Copy> ClassFigures<T> {
    fn from_array(v: [T; 6], total: T) -> Self {
        ClassFigures {
            regional_platform: v[0],
            autonomous_platform: v[1],
            national_platform: v[2],
            extra_platform: v[3],
            offline: v[4],
            unclassified: v[5],
            total,
        }
    }
}

/// An amount in exact cents, written as euros with 2 decimals (`"1234.50"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cents(pub u64);

impl Serialize for Cents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_cents(self.0))
    }
}

/// The counts of one (year, body, service) (una riga dei conteggi).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaymentReturn {
    /// Year (in Europe/Rome time).
    pub year: i32,
    /// The body (entity_id of the registry).
    pub entity_id: String,
    /// The usage service.
    pub service_id: String,
    /// Records per class.
    #[serde(flatten)]
    pub records: ClassFigures<u64>,
    /// Exact amounts per class.
    pub amounts: ClassFigures<Cents>,
}

impl PaymentReturn {
    fn new(key: &(i32, String, String), c: &ClassCounts) -> Self {
        PaymentReturn {
            year: key.0,
            entity_id: key.1.clone(),
            service_id: key.2.clone(),
            records: ClassFigures::from_array(c.records, c.total()),
            amounts: ClassFigures::from_array(c.cents.map(Cents), Cents(c.cents.iter().sum())),
        }
    }

    /// The class count of a returns channel.
    fn count(&self, class: Class) -> u64 {
        let r = &self.records;
        match class {
            Class::RegionalPlatform => r.regional_platform,
            Class::AutonomousPlatform => r.autonomous_platform,
            Class::NationalPlatform => r.national_platform,
            Class::ExtraPlatform => r.extra_platform,
            Class::Offline => r.offline,
            Class::Unclassified => r.unclassified,
        }
    }
}

/// How often a channel rule fired.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleHits {
    /// The 1-based row of the rule among the data rows of the rules table.
    pub rule: usize,
    /// Its class.
    pub class: &'static str,
    /// Records it classified.
    pub records: u64,
}

/// The evidence of unclassified records, with how many have it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The evidence fields, in the order of [`EVIDENCE`].
    pub fields: [String; 10],
    /// Records with this evidence.
    pub records: u64,
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(11))?;
        for (k, v) in EVIDENCE.iter().zip(&self.fields) {
            m.serialize_entry(k, v)?;
        }
        m.serialize_entry("records", &self.records)?;
        m.end()
    }
}

/// Records of one creditor not in the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreditorRecords {
    /// The creditor's fiscal code.
    pub creditor: String,
    /// Records.
    pub records: u64,
}

/// Records of one category no row of the service map matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryRecords {
    /// The core taxonomy code (or `tipo_dovuto:X` for records with a local type only).
    pub category: String,
    /// Records.
    pub records: u64,
}

/// The records left out, each under the first reason that applies (fuori ambito).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OutOfScope {
    /// Not executed (non eseguiti).
    pub not_executed: u64,
    /// Excluded by a rule (esclusi).
    pub excluded: u64,
    /// Repeats of a record already read (duplicati).
    pub duplicates: u64,
    /// Records of other years than the one asked for (`--year`).
    pub other_years: u64,
    /// Malformed records, rejected with an error diagnostic.
    pub rejected: u64,
    /// Creditors not in the registry, most records first.
    pub creditors: Vec<CreditorRecords>,
    /// Categories without a service, most records first.
    pub categories: Vec<CategoryRecords>,
}

/// The result of [`crate::payments::payments`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PaymentsResult {
    /// Counts and amounts per (year, entity_id, service_id), in that order.
    pub returns: Vec<PaymentReturn>,
    /// How often each channel rule fired, in the rules' order.
    pub rules: Vec<RuleHits>,
    /// The distinct evidence of the unclassified records, most frequent first.
    pub unclassified: Vec<Evidence>,
    /// The records left out.
    pub out_of_scope: OutOfScope,
    /// When survey returns were merged: the merged returns table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_returns: Option<Vec<ReturnRow>>,
    /// Every rejected or flagged record or row.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of every table and file read.
    pub tables: Vec<TableRead>,
    /// The names of the bodies of the returns (for display; not part of the JSON).
    #[serde(skip)]
    pub names: std::collections::BTreeMap<crate::ids::EntityId, String>,
}

/// One line of the out-of-scope summary as a flat table (for CSV and terminal output).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutOfScopeRow {
    /// `not_executed`, `excluded`, `duplicates`, `other_years`, `rejected`, `creditor`
    /// (not in the registry) or `category` (no service).
    pub reason: &'static str,
    /// The creditor or the category (empty for the counts).
    pub value: String,
    /// Records.
    pub records: u64,
}

impl OutOfScope {
    /// The summary as rows: the five counts, then each creditor and each category.
    pub fn rows(&self) -> Vec<OutOfScopeRow> {
        let n = |reason, records| OutOfScopeRow {
            reason,
            value: String::new(),
            records,
        };
        let mut rows = vec![
            n("not_executed", self.not_executed),
            n("excluded", self.excluded),
            n("duplicates", self.duplicates),
            n("other_years", self.other_years),
            n("rejected", self.rejected),
        ];
        rows.extend(self.creditors.iter().map(|c| OutOfScopeRow {
            reason: "creditor",
            value: c.creditor.clone(),
            records: c.records,
        }));
        rows.extend(self.categories.iter().map(|c| OutOfScopeRow {
            reason: "category",
            value: c.category.clone(),
            records: c.records,
        }));
        rows
    }
}

fn most_first<T>(map: std::collections::BTreeMap<T, u64>) -> Vec<(T, u64)> {
    let mut v: Vec<(T, u64)> = map.into_iter().collect();
    // Stable: equal counts keep the map's (sorted) order.
    v.sort_by_key(|e| std::cmp::Reverse(e.1));
    v
}

impl PaymentsResult {
    /// The result of a partial, with the rules it was classified by.
    pub fn from_partial(p: Partial, rules: &ChannelRules) -> Self {
        let returns = p
            .counts
            .cells
            .iter()
            .map(|(k, c)| PaymentReturn::new(k, c))
            .collect();
        let rules = rules
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| RuleHits {
                rule: r.rule,
                class: r.class.as_str(),
                records: p.rule_hits.get(i).copied().unwrap_or(0),
            })
            .collect();
        let unclassified = most_first(p.unclassified)
            .into_iter()
            .map(|(fields, records)| Evidence { fields, records })
            .collect();
        PaymentsResult {
            returns,
            rules,
            unclassified,
            out_of_scope: OutOfScope {
                not_executed: p.not_executed,
                excluded: p.excluded,
                duplicates: p.duplicates,
                other_years: p.other_years,
                rejected: p.rejected,
                creditors: most_first(p.creditors)
                    .into_iter()
                    .map(|(creditor, records)| CreditorRecords { creditor, records })
                    .collect(),
                categories: most_first(p.categories)
                    .into_iter()
                    .map(|(category, records)| CategoryRecords { category, records })
                    .collect(),
            },
            ..PaymentsResult::default()
        }
    }

    /// The counts as rows of a `returns` table (FORMATS.md): the platform columns,
    /// `extra_platform`, `total` (offline and unclassified records are in it only), and
    /// `active` = any platform count above zero.
    pub fn as_returns(&self) -> Vec<ReturnRow> {
        self.returns.iter().map(ReturnRow::from_records).collect()
    }
}

/// One row of a `returns` table (FORMATS.md). `None` is "not provided".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReturnRow {
    /// Year.
    pub year: i32,
    /// The body.
    pub entity_id: String,
    /// The usage service.
    pub service_id: String,
    /// Whether the online service is active (servizio attivo).
    pub active: Option<bool>,
    /// Regional platform.
    pub regional_platform: Option<u64>,
    /// Autonomous platform.
    pub autonomous_platform: Option<u64>,
    /// National platform.
    pub national_platform: Option<u64>,
    /// Extra-platform.
    pub extra_platform: Option<u64>,
    /// Total.
    pub total: Option<u64>,
}

const PLATFORMS: [(Class, &str); 4] = [
    (Class::RegionalPlatform, "regional_platform"),
    (Class::AutonomousPlatform, "autonomous_platform"),
    (Class::NationalPlatform, "national_platform"),
    (Class::ExtraPlatform, "extra_platform"),
];

impl ReturnRow {
    fn from_records(r: &PaymentReturn) -> Self {
        ReturnRow {
            year: r.year,
            entity_id: r.entity_id.clone(),
            service_id: r.service_id.clone(),
            active: Some(PLATFORMS[..3].iter().any(|(c, _)| r.count(*c) > 0)),
            regional_platform: Some(r.records.regional_platform),
            autonomous_platform: Some(r.records.autonomous_platform),
            national_platform: Some(r.records.national_platform),
            extra_platform: Some(r.records.extra_platform),
            total: Some(r.records.total),
        }
    }

    fn get(&self, i: usize) -> Option<u64> {
        [
            self.regional_platform,
            self.autonomous_platform,
            self.national_platform,
            self.extra_platform,
        ][i]
    }

    fn set(&mut self, i: usize, v: Option<u64>) {
        *[
            &mut self.regional_platform,
            &mut self.autonomous_platform,
            &mut self.national_platform,
            &mut self.extra_platform,
        ][i] = v;
    }

    /// The rows as CSV text with the columns of the returns table (empty = not provided),
    /// quoted by the csv crate's writer as every other CSV the project writes.
    pub fn to_csv(rows: &[ReturnRow]) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        // Writing into memory cannot fail.
        let _ = w.write_record(crate::schema::RETURNS.iter().map(|c| c.name));
        for r in rows {
            let active = match r.active {
                Some(true) => "true",
                Some(false) => "false",
                None => "",
            };
            let _ = w.write_record([
                r.year.to_string().as_str(),
                &r.entity_id,
                &r.service_id,
                active,
                &n(r.regional_platform),
                &n(r.autonomous_platform),
                &n(r.national_platform),
                &n(r.extra_platform),
                &n(r.total),
            ]);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// Merges the records' counts with a survey's returns (precaricamento), as the issue
/// defines it: the records fill the platform and extra-platform counts of the services
/// they have; the survey's total wins when it is at least the records' total. Warnings
/// (on the survey's row) name both numbers: a survey total below the records
/// (`survey_below_records`), a survey count of a channel that differs from the records
/// (`platform_differs_from_records`), and a platform count equal to the survey's total
/// where the records show fewer than half of it (`platform_equals_total`: the total
/// written in the platform field, seed 001). Rows of the survey without records stay as
/// they are. Sorted by (year, entity_id, service_id).
pub fn merge_returns(
    records: &[PaymentReturn],
    survey: &Returns,
    survey_file: &str,
    registry: &crate::model::registry::Registry,
    catalog: &ServiceCatalog,
    diags: &mut Diagnostics,
) -> Vec<ReturnRow> {
    use std::collections::BTreeMap;
    let mut rows: BTreeMap<(i32, String, String), ReturnRow> = BTreeMap::new();
    for s in survey.rows() {
        let entity = registry.year(s.year).entities()[s.entity_pos]
            .id
            .as_str()
            .to_owned();
        let service = catalog.services()[s.service].id.as_str().to_owned();
        let c: Counts = s.counts;
        let row = ReturnRow {
            year: s.year,
            entity_id: entity.clone(),
            service_id: service.clone(),
            active: s.active,
            regional_platform: c.regional_platform,
            autonomous_platform: c.autonomous_platform,
            national_platform: c.national_platform,
            extra_platform: c.extra_platform,
            total: c.total,
        };
        rows.insert((s.year, entity, service), row);
    }
    let lines: BTreeMap<(i32, String, String), u64> = survey
        .rows()
        .iter()
        .map(|s| {
            (
                (
                    s.year,
                    registry.year(s.year).entities()[s.entity_pos]
                        .id
                        .as_str()
                        .to_owned(),
                    catalog.services()[s.service].id.as_str().to_owned(),
                ),
                s.line,
            )
        })
        .collect();
    for r in records {
        let key = (r.year, r.entity_id.clone(), r.service_id.clone());
        let from_records = ReturnRow::from_records(r);
        let Some(row) = rows.get_mut(&key) else {
            rows.insert(key, from_records);
            continue;
        };
        let line = lines.get(&key).copied().unwrap_or(1);
        let what = format!("{} {} {}", r.year, r.entity_id, r.service_id);
        let survey_total = row.total;
        for (i, (_, name)) in PLATFORMS.iter().enumerate() {
            let ours = from_records.get(i).unwrap_or(0);
            if let Some(theirs) = row.get(i) {
                if i < 3 && Some(theirs) == survey_total && theirs > 0 && ours * 2 < theirs {
                    diags.warning(survey_file, line, Code::PlatformEqualsTotal, format!("{what}: il conteggio {name} della rilevazione ({theirs}) è uguale al suo totale, ma i pagamenti pagoPA su quel canale sono {ours}: probabilmente il totale è stato scritto nel campo della piattaforma; vale il conteggio dei pagamenti ({ours})"));
                } else if theirs != ours {
                    diags.warning(survey_file, line, Code::PlatformDiffersFromRecords, format!("{what}: il conteggio {name} della rilevazione ({theirs}) è diverso da quello dei pagamenti pagoPA ({ours}): vale il conteggio dei pagamenti"));
                }
            }
            row.set(i, Some(ours));
        }
        let ours = r.records.total;
        row.total = match survey_total {
            Some(t) if t >= ours => Some(t),
            Some(t) => {
                diags.warning(survey_file, line, Code::SurveyBelowRecords, format!("{what}: il totale della rilevazione ({t}) è inferiore ai pagamenti pagoPA registrati ({ours}), che sono solo una parte dei pagamenti: vale il conteggio dei pagamenti ({ours}); controllare il totale"));
                Some(ours)
            }
            None => Some(ours),
        };
        row.active = Some(row.active == Some(true) || from_records.active == Some(true));
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::ReturnRow;

    #[test]
    fn the_returns_csv_quotes_what_needs_quoting_and_leaves_not_provided_empty() {
        let row = ReturnRow {
            year: 2023,
            entity_id: "037006".into(),
            service_id: "multe, \"vigili\"".into(),
            active: Some(true),
            regional_platform: Some(4),
            autonomous_platform: None,
            national_platform: Some(0),
            extra_platform: None,
            total: Some(10),
        };
        assert_eq!(
            ReturnRow::to_csv(&[row]),
            "year,entity_id,service_id,active,regional_platform,autonomous_platform,\
             national_platform,extra_platform,total\n\
             2023,037006,\"multe, \"\"vigili\"\"\",true,4,,0,,10\n"
        );
    }
}
