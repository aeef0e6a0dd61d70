//! Mergeable counts (conteggi parziali) of payment records by class.

use std::collections::BTreeMap;

/// The class (canale) a record is counted in, per `PAYMENTS.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// Regional platform (piattaforma regionale).
    RegionalPlatform,
    /// Autonomous platform (piattaforma autonoma).
    AutonomousPlatform,
    /// National platform (piattaforma nazionale).
    NationalPlatform,
    /// Online outside the platforms (extra-piattaforma).
    ExtraPlatform,
    /// Counters, ATMs, tobacconists, post offices (non online).
    Offline,
    /// No rule matched (non classificato): in the total, never online.
    Unclassified,
}

/// Records and exact cents of one (year, entity, service), per class.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClassCounts {
    /// Records per class, in the order of [`Class`].
    pub records: [u64; 6],
    /// Cents per class, in the order of [`Class`].
    pub cents: [u64; 6],
}

impl Class {
    /// Every class, in the order of the counts.
    pub const ALL: [Class; 6] = [
        Class::RegionalPlatform,
        Class::AutonomousPlatform,
        Class::NationalPlatform,
        Class::ExtraPlatform,
        Class::Offline,
        Class::Unclassified,
    ];

    /// The canonical spelling (`regional_platform`, ..., `unclassified`).
    pub fn as_str(self) -> &'static str {
        match self {
            Class::RegionalPlatform => "regional_platform",
            Class::AutonomousPlatform => "autonomous_platform",
            Class::NationalPlatform => "national_platform",
            Class::ExtraPlatform => "extra_platform",
            Class::Offline => "offline",
            Class::Unclassified => "unclassified",
        }
    }
}

impl ClassCounts {
    /// The total (totale): the five classes plus unclassified.
    pub fn total(&self) -> u64 {
        self.records.iter().sum()
    }
}

/// Partial counts keyed by (year, entity_id, service_id): any partition of the records,
/// counted apart and merged, gives the counts of the whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentCounts {
    /// The counts, sorted by (year, entity_id, service_id).
    pub cells: BTreeMap<(i32, String, String), ClassCounts>,
}

impl PaymentCounts {
    /// Counts one record.
    pub fn add(&mut self, year: i32, entity: &str, service: &str, class: Class, cents: u64) {
        let cell = self
            .cells
            .entry((year, entity.to_string(), service.to_string()))
            .or_default();
        cell.records[class as usize] += 1;
        cell.cents[class as usize] += cents;
    }

    /// Adds another partial count into this one.
    pub fn merge(&mut self, other: PaymentCounts) {
        for (key, counts) in other.cells {
            let cell = self.cells.entry(key).or_default();
            for i in 0..6 {
                cell.records[i] += counts.records[i];
                cell.cents[i] += counts.cents[i];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn class_of(n: u8) -> Class {
        Class::ALL[usize::from(n) % Class::ALL.len()]
    }

    #[test]
    fn hand_counted() {
        let mut c = PaymentCounts::default();
        c.add(2020, "037006", "nido", Class::RegionalPlatform, 12_050);
        c.add(2020, "037006", "nido", Class::RegionalPlatform, 10_000);
        c.add(2020, "037006", "nido", Class::Offline, 1);
        let cell = &c.cells[&(2020, "037006".into(), "nido".into())];
        assert_eq!(cell.records[0], 2);
        assert_eq!(cell.cents[0], 22_050);
        assert_eq!(cell.total(), 3);
    }

    proptest! {
        #[test]
        fn partition_and_order_invariant(
            recs in proptest::collection::vec((2019i32..2022, 0u8..3, 0u8..6, 0u64..1_000_000), 0..60),
            cut in 0usize..60,
        ) {
            let mut whole = PaymentCounts::default();
            for &(y, e, k, cents) in &recs {
                whole.add(y, &e.to_string(), "s", class_of(k), cents);
            }
            let cut = cut.min(recs.len());
            let (a, b) = recs.split_at(cut);
            let mut pa = PaymentCounts::default();
            for &(y, e, k, cents) in b.iter().rev() {
                pa.add(y, &e.to_string(), "s", class_of(k), cents);
            }
            let mut pb = PaymentCounts::default();
            for &(y, e, k, cents) in a {
                pb.add(y, &e.to_string(), "s", class_of(k), cents);
            }
            pa.merge(pb);
            prop_assert_eq!(&pa, &whole);
            let sum: u64 = whole.cells.values().map(|c| c.cents.iter().sum::<u64>()).sum();
            prop_assert_eq!(sum, recs.iter().map(|r| r.3).sum::<u64>());
        }
    }
}
