//! Physical facilities per year (servizi fisici): a procedure or service that presupposes a
//! facility the body lacks is not applicable (`na`).

use super::hash::FastMap;
use crate::ids::{EntityId, FacilityId};

/// Which bodies have which facilities, per year. No row for a (year, body, facility)
/// means the facility is present.
#[derive(Clone, Debug, Default)]
pub struct Facilities {
    rows: FastMap<i32, FastMap<EntityId, Vec<(FacilityId, bool)>>>,
}

impl Facilities {
    /// Records a facility as present or absent; returns `false` when a row for the same
    /// (year, body, facility) was already recorded (the first one is kept).
    pub fn insert(
        &mut self,
        year: i32,
        entity: EntityId,
        facility: FacilityId,
        present: bool,
    ) -> bool {
        let list = self
            .rows
            .entry(year)
            .or_default()
            .entry(entity)
            .or_default();
        if list.iter().any(|(f, _)| *f == facility) {
            return false;
        }
        list.push((facility, present));
        true
    }

    /// How many (year, body, facility) rows are recorded.
    pub fn len(&self) -> usize {
        self.rows
            .values()
            .flat_map(|m| m.values())
            .map(Vec::len)
            .sum()
    }

    /// Whether no row is recorded.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether `entity` has `facility` in `year` (present unless a row says otherwise).
    pub fn present(&self, year: i32, entity: &str, facility: &str) -> bool {
        self.rows
            .get(&year)
            .and_then(|m| m.get(entity))
            .and_then(|l| l.iter().find(|(f, _)| f.as_str() == facility))
            .is_none_or(|(_, p)| *p)
    }
}
