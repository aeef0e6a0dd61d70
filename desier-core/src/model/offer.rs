//! The surveyed online offer (rilevazione dell'offerta di servizi interattivi).

use std::collections::{BTreeMap, HashMap};

/// Bit set of a procedure's applicable phases (bit `i` = the `i`-th phase of the
/// catalog entry), with [`SEEN`] marking that a survey row exists.
pub type PhaseMask = u64;

/// Marks that an offer row exists for the (body, procedure), even with no phase.
pub const SEEN: PhaseMask = 1 << 63;

/// Above this many (body, procedure) pairs, a year's offer is kept as a map of its rows
/// rather than a grid: a registry of a million bodies and a catalog of a hundred thousand
/// procedures must not make every year cost 800 GB.
const DENSE_LIMIT: usize = 1 << 22;

/// The offer of one year: for each (body, procedure), the phases delivered online.
/// Bodies are positions in that year's registry; procedures positions in the catalog.
#[derive(Clone, Debug)]
pub struct YearOffer {
    procedures: usize,
    masks: Masks,
}

#[derive(Clone, Debug)]
enum Masks {
    /// One mask per (body, procedure): fast, for registries and catalogs of real size.
    Dense(Vec<PhaseMask>),
    /// The masks of the rows only.
    Sparse(HashMap<(usize, usize), PhaseMask>),
}

impl YearOffer {
    /// An empty offer for `entities` bodies and `procedures` procedures.
    pub fn new(entities: usize, procedures: usize) -> Self {
        let masks = match entities.checked_mul(procedures) {
            Some(n) if n <= DENSE_LIMIT => Masks::Dense(vec![0; n]),
            _ => Masks::Sparse(HashMap::new()),
        };
        Self { procedures, masks }
    }

    /// Records a row; returns `false` if the (body, procedure) already had one (kept).
    pub fn insert(&mut self, entity: usize, procedure: usize, phases: PhaseMask) -> bool {
        let m = match &mut self.masks {
            Masks::Dense(v) => &mut v[entity * self.procedures + procedure],
            Masks::Sparse(map) => map.entry((entity, procedure)).or_insert(0),
        };
        if *m & SEEN != 0 {
            return false;
        }
        *m = phases | SEEN;
        true
    }

    /// How many (body, procedure) pairs have a survey row.
    pub fn len(&self) -> usize {
        match &self.masks {
            Masks::Dense(v) => v.iter().filter(|&&m| m & SEEN != 0).count(),
            Masks::Sparse(map) => map.len(),
        }
    }

    /// Whether no (body, procedure) pair has a survey row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The phases delivered online by `entity` for `procedure` (without [`SEEN`]).
    pub fn phases(&self, entity: usize, procedure: usize) -> PhaseMask {
        let m = match &self.masks {
            Masks::Dense(v) => v[entity * self.procedures + procedure],
            Masks::Sparse(map) => map.get(&(entity, procedure)).copied().unwrap_or(0),
        };
        m & !SEEN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_registry_and_catalog_keep_only_the_rows() {
        for (entities, procedures) in [(10, 4), (1_000_000, 100_000)] {
            let mut o = YearOffer::new(entities, procedures);
            assert!(o.insert(entities - 1, procedures - 1, 0b10));
            assert!(!o.insert(entities - 1, procedures - 1, 0b01));
            assert_eq!(o.phases(entities - 1, procedures - 1), 0b10);
            assert_eq!(o.phases(0, 0), 0);
            assert_eq!(o.len(), 1);
        }
    }
}

/// The offer of every surveyed year.
#[derive(Clone, Debug, Default)]
pub struct Offer {
    /// The offer per year.
    pub years: BTreeMap<i32, YearOffer>,
}
