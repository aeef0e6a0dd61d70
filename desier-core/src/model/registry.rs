//! The registry of bodies (anagrafica degli enti), per year.

use super::hash::FastMap;
use crate::ids::EntityId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kind of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// Municipality (comune).
    Municipality,
    /// Union of municipalities (unione di comuni).
    Union,
    /// Province or metropolitan city (provincia / città metropolitana).
    Province,
    /// Local public-transport operator (azienda di trasporto pubblico locale).
    TransportOperator,
    /// Any other body (ASP, service company, ...).
    Other,
}

impl EntityKind {
    /// Parses the `kind` column: the English values of FORMATS.md or their Italian names.
    pub fn parse(s: &str) -> Option<EntityKind> {
        let s = crate::schema::normalise_header(s);
        Some(match s.as_str() {
            "municipality" | "comune" => EntityKind::Municipality,
            "union" | "unione" | "unione_di_comuni" => EntityKind::Union,
            "province" | "provincia" | "citta_metropolitana" | "metropolitan_city" => {
                EntityKind::Province
            }
            "transport_operator" | "azienda_trasporti" | "trasporto" | "tpl" => {
                EntityKind::TransportOperator
            }
            "other" | "altro" | "altri" => EntityKind::Other,
            _ => return None,
        })
    }

    /// The canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Municipality => "municipality",
            EntityKind::Union => "union",
            EntityKind::Province => "province",
            EntityKind::TransportOperator => "transport_operator",
            EntityKind::Other => "other",
        }
    }
}

/// One body of the registry in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Identifier (the ISTAT code for municipalities).
    pub id: EntityId,
    /// Name (denominazione).
    pub name: String,
    /// Kind of body.
    pub kind: EntityKind,
    /// Two-letter province code (sigla provincia), when known.
    pub province: Option<String>,
    /// Resident population on 1 January of the year (municipalities).
    pub population: Option<u64>,
    /// Mountain municipality (comune montano, L.R. 2/2004), when known.
    pub mountain: Option<bool>,
    /// The union the municipality belongs to, if any.
    pub union_id: Option<EntityId>,
}

/// The registry as it stands in one year, with an index by id.
#[derive(Clone, Debug, Default)]
pub struct YearRegistry {
    entities: Vec<Entity>,
    index: FastMap<EntityId, usize>,
}

impl YearRegistry {
    /// Builds a year's registry; entities are sorted by id.
    pub fn new(mut entities: Vec<Entity>) -> Self {
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let index = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Self { entities, index }
    }

    /// All bodies, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The position of a body in [`entities`](Self::entities).
    pub fn position(&self, id: &str) -> Option<usize> {
        // `HashMap<EntityId, _>` cannot be queried by `&str` without an allocation-free
        // Borrow impl, so the id newtype borrows as str.
        self.index.get(id).copied()
    }

    /// A body by id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.position(id).map(|i| &self.entities[i])
    }

    /// Resolves an id as written in an input file. A code of digits shorter than six
    /// that matches a municipality once its leading zeros are restored (as spreadsheets
    /// strip them) resolves too; the second value tells whether that happened.
    pub fn resolve(&self, id: &str) -> Option<(usize, bool)> {
        if let Some(i) = self.position(id) {
            return Some((i, false));
        }
        if !id.is_empty() && id.len() < 6 && id.bytes().all(|b| b.is_ascii_digit()) {
            let padded = format!("{id:0>6}");
            if let Some(i) = self.position(&padded) {
                if self.entities[i].kind == EntityKind::Municipality {
                    return Some((i, true));
                }
            }
        }
        None
    }

    /// The municipalities, in id order, with their positions.
    pub fn municipalities(&self) -> impl Iterator<Item = (usize, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Municipality)
    }

    /// The position of the union of the municipality at `pos`, when it belongs to one.
    pub fn union_of(&self, pos: usize) -> Option<usize> {
        let u = self.entities[pos].union_id.as_ref()?;
        let i = self.position(u.as_str())?;
        (self.entities[i].kind == EntityKind::Union).then_some(i)
    }
}

/// The registry of bodies, possibly different per year.
///
/// Rows without a year apply to every year; rows with a year apply to that year and
/// override a year-less row with the same id. A year with no rows of its own uses the
/// latest earlier year that has rows (or else the earliest later one).
#[derive(Clone, Debug, Default)]
pub struct Registry {
    undated: Vec<Entity>,
    dated: BTreeMap<i32, Vec<Entity>>,
    cache: BTreeMap<i32, YearRegistry>,
    all: YearRegistry,
}

impl Registry {
    /// Builds the registry from year-less rows and rows per year.
    pub fn new(undated: Vec<Entity>, dated: BTreeMap<i32, Vec<Entity>>) -> Self {
        let mut cache = BTreeMap::new();
        for (&y, rows) in &dated {
            cache.insert(y, YearRegistry::new(merge(&undated, rows)));
        }
        let all = YearRegistry::new(undated.clone());
        Self {
            undated,
            dated,
            cache,
            all,
        }
    }

    /// A registry that is the same every year.
    pub fn constant(entities: Vec<Entity>) -> Self {
        Self::new(entities, BTreeMap::new())
    }

    /// The years that have rows of their own (empty when the registry has no `year`).
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.dated.keys().copied()
    }

    /// The year whose rows are used for `year` (`None`: the year-less rows), and whether
    /// that is a fallback to another year.
    pub fn source_year(&self, year: i32) -> (Option<i32>, bool) {
        if self.dated.is_empty() || self.dated.contains_key(&year) {
            return (self.dated.contains_key(&year).then_some(year), false);
        }
        let y = self
            .dated
            .range(..year)
            .next_back()
            .or_else(|| self.dated.range(year..).next())
            .map(|(y, _)| *y);
        (y, true)
    }

    /// The registry as it stands in `year`.
    pub fn year(&self, year: i32) -> &YearRegistry {
        match self.source_year(year).0 {
            Some(y) => &self.cache[&y],
            None => &self.all,
        }
    }

    /// How many rows the registry was built from (year-less and per year).
    pub fn len(&self) -> usize {
        self.undated.len() + self.dated.values().map(Vec::len).sum::<usize>()
    }

    /// Whether the registry has no bodies at all.
    pub fn is_empty(&self) -> bool {
        self.undated.is_empty() && self.dated.is_empty()
    }
}

fn merge(undated: &[Entity], dated: &[Entity]) -> Vec<Entity> {
    let mut by_id: BTreeMap<&EntityId, &Entity> = undated.iter().map(|e| (&e.id, e)).collect();
    for e in dated {
        by_id.insert(&e.id, e);
    }
    by_id.into_values().cloned().collect()
}
