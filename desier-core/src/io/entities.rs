//! Reader of `entities.csv`: the registry of bodies.

use super::cell::{is_missing, number_problem, parse_bool, parse_count, parse_year, year_problem};
use super::table::{read_rows, ColumnSpec, Input, TableKind, TableRead};
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::ids::EntityId;
use crate::model::registry::{Entity, EntityKind, Registry, YearRegistry};
use std::collections::{BTreeMap, HashMap, HashSet};

const ID: usize = 0;
const NAME: usize = 1;
const KIND: usize = 2;
const PROVINCE: usize = 3;
const POPULATION: usize = 4;
const MOUNTAIN: usize = 5;
const UNION: usize = 6;
const YEAR: usize = 7;

/// The columns of the entities table ([`crate::schema::ENTITIES`]).
pub const COLUMNS: &[ColumnSpec] = crate::schema::ENTITIES;

/// Reads the registry. Without a `kind` column every row is a municipality.
pub fn read_entities(input: &Input, diags: &mut Diagnostics) -> Result<(Registry, TableRead)> {
    let file = input.name().to_owned();
    let mut undated: Vec<(Entity, u64)> = Vec::new();
    let mut dated: BTreeMap<i32, Vec<(Entity, u64)>> = BTreeMap::new();
    let mut seen: HashMap<(Option<i32>, EntityId), u64> = HashMap::new();
    let mut read = read_rows(input, TableKind::Entities, COLUMNS, diags, |row, diags| {
        let line = row.line;
        let raw_id = row.get(ID);
        if is_missing(raw_id) {
            diags.error(
                &file,
                line,
                Code::MissingValue,
                "the entity_id (codice) is empty: every body needs its ISTAT code or identifier; the row is left out",
            );
            return;
        }
        let year = if row.has(YEAR) && !row.get(YEAR).is_empty() {
            match parse_year(row.get(YEAR)) {
                Some(y) => Some(y),
                None => {
                    diags.error(&file, line, Code::InvalidYear, year_problem(row.get(YEAR)));
                    return;
                }
            }
        } else {
            None
        };
        let kind = if row.has(KIND) {
            match EntityKind::parse(row.get(KIND)) {
                Some(k) => k,
                None => {
                    diags.error(&file, line, Code::InvalidKind, format!("the kind `{}` of the body `{}` is not one of municipality, union, province, transport_operator, other (in Italian: comune, unione, provincia, ...): correct it; the row is left out", show(row.get(KIND)), show(raw_id)));
                    return;
                }
            }
        } else {
            EntityKind::Municipality
        };
        let mut id = raw_id.to_owned();
        if kind == EntityKind::Municipality
            && id.len() < 6
            && id.bytes().all(|b| b.is_ascii_digit())
        {
            id = format!("{id:0>6}");
            diags.warning(
                &file,
                line,
                Code::EntityIdPadded,
                padded_message(raw_id, &id),
            );
        }
        let id = EntityId::new(id);
        if let Some(first) = seen.get(&(year, id.clone())) {
            let when = year.map(|y| format!(" for {y}")).unwrap_or_default();
            diags.error(&file, line, Code::DuplicateRow, format!("the body `{}` is listed twice{when}: the row on line {first} is used and this one is left out; delete or correct one of them", show(id.as_str())));
            return;
        }
        seen.insert((year, id.clone()), line);
        let shown = show(id.as_str());
        let population = if is_missing(row.get(POPULATION)) {
            if kind == EntityKind::Municipality && row.has(POPULATION) {
                diags.warning(&file, line, Code::MissingPopulation, format!("the municipality `{shown}` has no population: it is kept, but has no size class and no weight in population-weighted means; add its population"));
            }
            None
        } else {
            match parse_count(row.get(POPULATION)) {
                Ok(p) => Some(p),
                Err(e) => {
                    let cell = row.get(POPULATION);
                    diags.warning(&file, line, Code::InvalidNumber, format!("the population `{}` of `{shown}` is {}: it is ignored, so the municipality has no size class; write a whole number (e.g. 12.345)", show(cell), number_problem(cell, e)));
                    None
                }
            }
        };
        let mountain = if row.has(MOUNTAIN) {
            match parse_bool(row.get(MOUNTAIN)) {
                Ok(m) => m,
                Err(_) => {
                    diags.warning(&file, line, Code::InvalidBoolean, format!("the mountain flag `{}` of `{shown}` is not yes or no (si/no, true/false, 1/0, x): it is ignored, so the municipality has no territory (mountain or plain); correct it", show(row.get(MOUNTAIN))));
                    None
                }
            }
        } else {
            None
        };
        let union_id =
            (!is_missing(row.get(UNION))).then(|| EntityId::new(row.get(UNION).to_owned()));
        let province = (!is_missing(row.get(PROVINCE))).then(|| row.get(PROVINCE).to_uppercase());
        let entity = Entity {
            id,
            name: row.get(NAME).to_owned(),
            kind,
            province,
            population,
            mountain,
            union_id,
        };
        match year {
            Some(y) => dated.entry(y).or_default().push((entity, line)),
            None => undated.push((entity, line)),
        }
    })?;
    check_unions(&file, &mut undated, &mut dated, diags);
    read.settle(diags);
    let strip = |v: Vec<(Entity, u64)>| v.into_iter().map(|(e, _)| e).collect::<Vec<_>>();
    let dated = dated.into_iter().map(|(y, v)| (y, strip(v))).collect();
    Ok((Registry::new(strip(undated), dated), read))
}

/// A union_id must name a union of the same year's registry; otherwise it is dropped.
fn check_unions(
    file: &str,
    undated: &mut [(Entity, u64)],
    dated: &mut BTreeMap<i32, Vec<(Entity, u64)>>,
    diags: &mut Diagnostics,
) {
    let unions_undated: HashSet<EntityId> = undated
        .iter()
        .filter(|(e, _)| e.kind == EntityKind::Union)
        .map(|(e, _)| e.id.clone())
        .collect();
    let mut check = |rows: &mut [(Entity, u64)], unions: &HashSet<EntityId>| {
        for (e, line) in rows.iter_mut() {
            if let Some(u) = &e.union_id {
                if !unions.contains(u) {
                    diags.warning(file, *line, Code::UnknownUnion, format!("`{}` is not a union of the registry (a row of kind union): the membership of `{}` in it is ignored; add the union as a row, or correct the union_id", show(u.as_str()), show(e.id.as_str())));
                    e.union_id = None;
                }
            }
        }
    };
    for rows in dated.values_mut() {
        let mut unions = unions_undated.clone();
        unions.extend(
            rows.iter()
                .filter(|(e, _)| e.kind == EntityKind::Union)
                .map(|(e, _)| e.id.clone()),
        );
        check(rows, &unions);
    }
    check(undated, &unions_undated);
}

/// Resolves a body id of a row of another table against a year's registry, warning when
/// leading zeros had to be restored. Emits `unknown_entity` and returns `None` when the
/// body is not in the registry.
pub(crate) fn resolve_entity(
    registry: &YearRegistry,
    raw: &str,
    year: i32,
    file: &str,
    line: u64,
    diags: &mut Diagnostics,
) -> Option<usize> {
    match registry.resolve(raw) {
        Some((pos, padded)) => {
            if padded {
                diags.warning(
                    file,
                    line,
                    Code::EntityIdPadded,
                    padded_message(raw, registry.entities()[pos].id.as_str()),
                );
            }
            Some(pos)
        }
        None => {
            if is_missing(raw) {
                diags.error(
                    file,
                    line,
                    Code::MissingValue,
                    "the entity_id (codice) is empty: give the ISTAT code or identifier of the body the row is about; the row is left out",
                );
            } else {
                diags.error(file, line, Code::UnknownEntity, format!("the body `{}` is not in the registry (entities) for {year}: check the code, or add the body to the registry; the row is left out", show(raw)));
            }
            None
        }
    }
}

/// Resolves the year and body cells of the rows of a per-year table (offer, facilities,
/// returns): the year, that year's registry and the body's position in it; emits
/// `invalid_year`, `unknown_entity` or `missing_value` otherwise. Rows mostly come
/// grouped by body: the last body resolved as written (without a warning) is
/// remembered, which spares the lookup for most rows.
#[derive(Default)]
pub(crate) struct RowBodies {
    last: Option<(i32, String, usize)>,
}

impl RowBodies {
    /// The year, that year's registry and the body's position; `None` (with a
    /// diagnostic) when the year or the body is not valid.
    pub(crate) fn resolve<'r>(
        &mut self,
        registry: &'r Registry,
        year_cell: &str,
        entity_cell: &str,
        file: &str,
        line: u64,
        diags: &mut Diagnostics,
    ) -> Option<(i32, &'r YearRegistry, usize)> {
        let year = row_year(year_cell, file, line, diags)?;
        let reg = registry.year(year);
        if let Some((y, id, pos)) = &self.last {
            if *y == year && id == entity_cell {
                return Some((year, reg, *pos));
            }
        }
        let pos = resolve_entity(reg, entity_cell, year, file, line, diags)?;
        if reg.entities()[pos].id.as_str() == entity_cell {
            self.last = Some((year, entity_cell.to_owned(), pos));
        }
        Some((year, reg, pos))
    }
}

/// The warning of an ISTAT code that lost its leading zeros.
fn padded_message(raw: &str, id: &str) -> String {
    format!("the ISTAT code `{}` lost its leading zeros (as spreadsheets do when the column holds numbers): it is read as `{}`; format the column as text to keep them", show(raw), show(id))
}

/// Parses the year cell of a row of another table, emitting `invalid_year` when it is not
/// a year.
pub(crate) fn row_year(cell: &str, file: &str, line: u64, diags: &mut Diagnostics) -> Option<i32> {
    let y = parse_year(cell);
    if y.is_none() {
        diags.error(file, line, Code::InvalidYear, year_problem(cell));
    }
    y
}
