//! The classification of payment records (classificazione dei pagamenti) and its
//! mergeable partial result, in the order of checks of PAYMENTS.md: malformed, duplicate,
//! not executed, creditor not in the registry, no service, excluded by a rule, then
//! counted in its class (or unclassified).

use super::amount::parse_amount_cents;
use super::counts::{Class, PaymentCounts};
use super::dates::RomeYear;
use super::outcome::{parse_outcome, Outcome};
use super::record::{col, RawPayment, Verdict};
use super::tables::{ChannelRules, RuleClass, ServiceMap};
use super::taxonomy::core_code;
use crate::diagnostics::{show, Code, Diagnostics, Severity};
use crate::model::registry::Registry;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hasher};

/// The partial result of some records (risultato parziale): counts, rule hits, the
/// unclassified evidence and the out-of-scope summary. The partials of any partition of
/// the records, merged, equal the partial of the whole (duplicates excepted: a record and
/// its repeat must be in the same part for the repeat to be recognised, which holds when
/// parts are files, or records split by their key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Partial {
    /// Counts and cents per (year, body, service) and class.
    pub counts: PaymentCounts,
    /// Records per rule (by the rule's 0-based position), `exclude` rules included.
    pub rule_hits: Vec<u64>,
    /// Unclassified records per distinct evidence (in the order of the rules' columns).
    pub unclassified: BTreeMap<[String; 10], u64>,
    /// Records not executed (non eseguiti).
    pub not_executed: u64,
    /// Records excluded by a rule (esclusi).
    pub excluded: u64,
    /// Repeats of records already read (duplicati).
    pub duplicates: u64,
    /// Records of other years than the one asked for.
    pub other_years: u64,
    /// Records rejected as malformed (scartati).
    pub rejected: u64,
    /// Records of creditors not in the registry, per creditor.
    pub creditors: BTreeMap<String, u64>,
    /// Records whose category (or local type) no row of the service map matches.
    pub categories: BTreeMap<String, u64>,
}

impl Partial {
    /// Adds another partial into this one.
    pub fn merge(&mut self, other: Partial) {
        self.counts.merge(other.counts);
        if self.rule_hits.len() < other.rule_hits.len() {
            self.rule_hits.resize(other.rule_hits.len(), 0);
        }
        for (i, n) in other.rule_hits.into_iter().enumerate() {
            self.rule_hits[i] += n;
        }
        for (k, n) in other.unclassified {
            *self.unclassified.entry(k).or_default() += n;
        }
        for (k, n) in other.creditors {
            *self.creditors.entry(k).or_default() += n;
        }
        for (k, n) in other.categories {
            *self.categories.entry(k).or_default() += n;
        }
        self.not_executed += other.not_executed;
        self.excluded += other.excluded;
        self.duplicates += other.duplicates;
        self.other_years += other.other_years;
        self.rejected += other.rejected;
    }
}

/// Where a record was first read: its file (by number) and line (lines past 2^32 are
/// written as 2^32 - 1). With the 128-bit fingerprint of its key as two `u64`, 24 bytes a
/// record: the one part of the state that grows with the records (exact duplicates need
/// every key seen).
type FirstSeen = (u32, u32);

/// Classifies records one at a time into a [`Partial`], with the diagnostics of each.
pub struct Engine<'a> {
    registry: &'a Registry,
    map: &'a ServiceMap,
    rules: &'a ChannelRules,
    year: Option<i32>,
    rome: RomeYear,
    /// Per year, the registry's bodies by fiscal code.
    fiscal: HashMap<i32, HashMap<String, String>>,
    /// The keys seen, as 128-bit fingerprints (16 bytes per record, not its strings).
    seen: HashMap<[u64; 2], FirstSeen>,
    hasher: [std::collections::hash_map::RandomState; 2],
    files: Vec<String>,
    /// The result so far.
    pub partial: Partial,
    /// Accepted, flagged and rejected records of the current file.
    pub accounting: [u64; 3],
}

impl<'a> Engine<'a> {
    /// An engine with the registry, the service map, the rules and the year asked for
    /// (`None`: every year).
    pub fn new(
        registry: &'a Registry,
        map: &'a ServiceMap,
        rules: &'a ChannelRules,
        year: Option<i32>,
    ) -> Self {
        Engine {
            registry,
            map,
            rules,
            year,
            rome: RomeYear::new(),
            fiscal: HashMap::new(),
            seen: HashMap::new(),
            hasher: Default::default(),
            files: Vec::new(),
            partial: Partial {
                rule_hits: vec![0; rules.rules.len()],
                ..Partial::default()
            },
            accounting: [0; 3],
        }
    }

    /// Starts a file: its records are accounted from zero.
    pub fn begin_file(&mut self, name: &str) {
        self.files.push(name.to_owned());
        self.accounting = [0; 3];
    }

    fn file(&self) -> &str {
        self.files.last().map_or("", String::as_str)
    }

    fn fingerprint(&self, key: [&str; 4]) -> [u64; 2] {
        self.hasher.each_ref().map(|state| {
            let mut h = state.build_hasher();
            for part in key {
                h.write(part.as_bytes());
                h.write_u8(0xff);
            }
            h.finish()
        })
    }

    /// The body of a creditor in `year`: by the registry's fiscal_code, else by entity_id.
    fn body(&mut self, year: i32, creditor: &str) -> Option<String> {
        let registry = self.registry;
        let by_code = self.fiscal.entry(year).or_insert_with(|| {
            registry
                .year(year)
                .entities()
                .iter()
                .filter_map(|e| Some((e.fiscal_code.clone()?, e.id.as_str().to_owned())))
                .collect()
        });
        if let Some(id) = by_code.get(creditor) {
            return Some(id.clone());
        }
        let reg = registry.year(year);
        reg.position(creditor)
            .map(|i| reg.entities()[i].id.as_str().to_owned())
    }

    /// Settles one record (what the reader said of it in `verdict`), adding it to the
    /// partial result and accounting for it.
    pub fn record(&mut self, raw: &RawPayment, verdict: Verdict, diags: &mut Diagnostics) {
        let before = diags.len();
        if verdict != Verdict::Rejected {
            self.settle(raw, diags);
        } else {
            self.partial.rejected += 1;
        }
        let mut worst = match verdict {
            Verdict::Read => 0,
            Verdict::Flagged => 1,
            Verdict::Rejected => 2,
        };
        for d in &diags.as_slice()[before..] {
            worst = worst.max(if d.severity == Severity::Error { 2 } else { 1 });
        }
        self.accounting[worst] += 1;
    }

    fn settle(&mut self, raw: &RawPayment, diags: &mut Diagnostics) {
        let file = self.file().to_owned();
        let line = raw.line;
        let Some((year, cents, outcome)) = self.check(&file, raw, diags) else {
            self.partial.rejected += 1;
            return;
        };
        if self.year.is_some_and(|y| y != year) {
            self.partial.other_years += 1;
            return;
        }
        let creditor = raw.get(col::CREDITOR);
        let category = core_code(raw.get(col::CATEGORY));
        let key = [
            creditor,
            raw.get(col::IUV),
            raw.get(col::RECEIPT_ID),
            category.as_str(),
        ];
        let fp = self.fingerprint(key);
        let here = (
            self.files.len() as u32 - 1,
            u32::try_from(line).unwrap_or(u32::MAX),
        );
        if let Some(&(f, l)) = self.seen.get(&fp) {
            let at = if f == here.0 {
                format!("alla riga {l}")
            } else {
                format!("in {} alla riga {l}", show(&self.files[f as usize]))
            };
            diags.warning(&file, line, Code::DuplicatePayment, format!("questo pagamento (ente {}, IUV {}, ricevuta {}, codice {}) è già stato letto {at}: conta una volta sola", show(creditor), show(key[1]), show(key[2]), show(&category)));
            self.partial.duplicates += 1;
            return;
        }
        self.seen.insert(fp, here);
        if outcome == Outcome::NotExecuted {
            self.partial.not_executed += 1;
            return;
        }
        let Some(entity) = self.body(year, creditor) else {
            *self
                .partial
                .creditors
                .entry(creditor.to_owned())
                .or_default() += 1;
            return;
        };
        let local = raw.get(col::LOCAL_TYPE);
        let Some(service) = self.map.service(&category, local, creditor, &entity) else {
            let key = if category.is_empty() {
                format!("tipo_dovuto:{local}")
            } else {
                category
            };
            *self.partial.categories.entry(key).or_default() += 1;
            return;
        };
        let evidence = raw.evidence();
        match self.rules.classify(&evidence) {
            Some(i) => {
                self.partial.rule_hits[i] += 1;
                match self.rules.rules[i].class {
                    RuleClass::Exclude => self.partial.excluded += 1,
                    RuleClass::Class(c) => {
                        self.partial.counts.add(year, &entity, service, c, cents)
                    }
                }
            }
            None => {
                self.partial
                    .counts
                    .add(year, &entity, service, Class::Unclassified, cents);
                *self
                    .partial
                    .unclassified
                    .entry(evidence.map(str::to_owned))
                    .or_default() += 1;
            }
        }
    }

    /// The checks of a well-formed record: the year in Rome, the cents, the outcome.
    /// Every problem found is an error diagnostic; `None` when there is one.
    fn check(
        &self,
        file: &str,
        raw: &RawPayment,
        diags: &mut Diagnostics,
    ) -> Option<(i32, u64, Outcome)> {
        let line = raw.line;
        let mut ok = true;
        for (c, what) in [
            (col::IUV, "lo IUV (iuv)"),
            (
                col::CREDITOR,
                "il codice fiscale dell'ente creditore (creditor)",
            ),
            (col::PAID_AT, "la data del pagamento (paid_at)"),
        ] {
            if raw.get(c).is_empty() {
                diags.error(
                    file,
                    line,
                    Code::MissingValue,
                    format!("manca {what}: il pagamento è scartato; completare l'esportazione"),
                );
                ok = false;
            }
        }
        if raw.get(col::CATEGORY).is_empty() && raw.get(col::LOCAL_TYPE).is_empty() {
            diags.error(file, line, Code::MissingValue, "mancano sia il codice tassonomico (category) sia il tipo dovuto (local_type): non si sa a quale servizio appartenga il pagamento; il pagamento è scartato");
            ok = false;
        }
        let paid = raw.get(col::PAID_AT);
        let year = if paid.is_empty() {
            None
        } else {
            let y = self.rome.year(paid);
            if y.is_none() {
                diags.error(file, line, Code::InvalidDate, format!("la data del pagamento `{}` non è una data valida nelle forme AAAA-MM-GG, AAAA-MM-GGThh:mm[:ss][Z|+hh:mm] o GG/MM/AAAA [hh:mm[:ss]]: correggerla; il pagamento è scartato", show(paid)));
                ok = false;
            }
            y
        };
        let outcome = parse_outcome(raw.get(col::OUTCOME));
        if outcome.is_none() {
            diags.error(file, line, Code::InvalidOutcome, format!("l'esito `{}` non è uno di quelli previsti (vuoto, OK, 0, 9, EXECUTED, STAND_IN, STAND_IN_NO_RPT, NO_RPT per i pagamenti eseguiti; KO, 3, REVOKED per quelli non eseguiti): correggerlo; il pagamento è scartato", show(raw.get(col::OUTCOME))));
            ok = false;
        }
        let amount = raw.get(col::AMOUNT);
        let cents = if amount.is_empty() {
            Some(0)
        } else {
            parse_amount_cents(amount)
        };
        if cents.is_none() {
            diags.error(file, line, Code::InvalidAmount, format!("l'importo `{}` non è un importo in euro con al massimo due decimali (1.234,50 o 1234.50): correggerlo; il pagamento è scartato", show(amount)));
            ok = false;
        }
        if !ok {
            return None;
        }
        Some((year?, cents?, outcome?))
    }
}
