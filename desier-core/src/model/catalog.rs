//! The interactivity catalog (catalogo dei procedimenti amministrativi): procedures,
//! thematic areas, applicable online phases and facility prerequisites. It is versioned
//! data that the region revises: loaded, never hard-coded.

use super::hash::FastMap;
use crate::ids::{AreaId, FacilityId, PhaseId, ProcedureId};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The most online phases a procedure can have.
pub const MAX_PHASES: usize = 63;

/// One administrative procedure of municipal competence (procedimento amministrativo).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procedure {
    /// Identifier.
    pub id: ProcedureId,
    /// Name (denominazione del procedimento).
    pub name: String,
    /// Thematic area (area tematica).
    pub area: AreaId,
    /// The online phases applicable to the procedure (fasi online applicabili), at most
    /// [`MAX_PHASES`].
    pub phases: Vec<PhaseId>,
    /// The physical facility the procedure presupposes (e.g. `nursery`), if any.
    pub requires_facility: Option<FacilityId>,
}

/// A thematic area of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    /// Identifier.
    pub id: AreaId,
    /// Name (e.g. "Istruzione e diritto allo studio").
    pub name: String,
}

/// The catalog of procedures, with indexes.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    procedures: Vec<Procedure>,
    areas: Vec<Area>,
    area_of: Vec<usize>,
    index: FastMap<ProcedureId, usize>,
    phases: HashSet<PhaseId>,
}

impl Catalog {
    /// Builds a catalog. Procedures keep their order; areas are sorted by id; an area's
    /// name is the first one given for it.
    pub fn new(procedures: Vec<Procedure>, area_names: &HashMap<AreaId, String>) -> Self {
        let mut area_ids: Vec<&AreaId> = procedures.iter().map(|p| &p.area).collect();
        area_ids.sort();
        area_ids.dedup();
        let areas: Vec<Area> = area_ids
            .into_iter()
            .map(|id| Area {
                id: id.clone(),
                name: area_names.get(id).cloned().unwrap_or_default(),
            })
            .collect();
        let area_of = procedures
            .iter()
            .map(|p| areas.iter().position(|a| a.id == p.area).unwrap_or(0))
            .collect();
        let index = procedures
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        let phases = procedures
            .iter()
            .flat_map(|p| p.phases.iter().cloned())
            .collect();
        Self {
            procedures,
            areas,
            area_of,
            index,
            phases,
        }
    }

    /// The procedures, in catalog order.
    pub fn procedures(&self) -> &[Procedure] {
        &self.procedures
    }

    /// The thematic areas, sorted by id.
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    /// The position in [`areas`](Self::areas) of the area of procedure `p`.
    pub fn area_of(&self, p: usize) -> usize {
        self.area_of[p]
    }

    /// The position of a procedure.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Whether any procedure lists `phase` as applicable.
    pub fn knows_phase(&self, phase: &str) -> bool {
        self.phases.contains(phase)
    }
}
