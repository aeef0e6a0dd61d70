//! The surveyed online offer (rilevazione dell'offerta di servizi interattivi).

use std::collections::BTreeMap;

/// Bit set of a procedure's applicable phases (bit `i` = the `i`-th phase of the
/// catalog entry), with [`SEEN`] marking that a survey row exists.
pub type PhaseMask = u64;

/// Marks that an offer row exists for the (body, procedure), even with no phase.
pub const SEEN: PhaseMask = 1 << 63;

/// The offer of one year: for each (body, procedure), the phases delivered online.
/// Bodies are positions in that year's registry; procedures positions in the catalog.
#[derive(Clone, Debug)]
pub struct YearOffer {
    procedures: usize,
    masks: Vec<PhaseMask>,
}

impl YearOffer {
    /// An empty offer for `entities` bodies and `procedures` procedures.
    pub fn new(entities: usize, procedures: usize) -> Self {
        Self {
            procedures,
            masks: vec![0; entities * procedures],
        }
    }

    /// Records a row; returns `false` if the (body, procedure) already had one (kept).
    pub fn insert(&mut self, entity: usize, procedure: usize, phases: PhaseMask) -> bool {
        let m = &mut self.masks[entity * self.procedures + procedure];
        if *m & SEEN != 0 {
            return false;
        }
        *m = phases | SEEN;
        true
    }

    /// How many (body, procedure) pairs have a survey row.
    pub fn len(&self) -> usize {
        self.masks.iter().filter(|&&m| m & SEEN != 0).count()
    }

    /// Whether no (body, procedure) pair has a survey row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The phases delivered online by `entity` for `procedure` (without [`SEEN`]).
    pub fn phases(&self, entity: usize, procedure: usize) -> PhaseMask {
        self.masks[entity * self.procedures + procedure] & !SEEN
    }
}

/// The offer of every surveyed year.
#[derive(Clone, Debug, Default)]
pub struct Offer {
    /// The offer per year.
    pub years: BTreeMap<i32, YearOffer>,
}
