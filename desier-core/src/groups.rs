//! The groups of each municipality (appartenenza dei comuni): its name, size class,
//! province, territory and union in a year, keyed exactly as the aggregates key them, so
//! that a page or a report can show and filter per-municipality results by the same groups
//! as the means.

use crate::aggregate::{group_keys, Group};
use crate::dataset::Dataset;
use crate::diagnostics::Diagnostic;
use crate::error::Result;
use crate::ids::EntityId;
use crate::io::{TableKind, TableRead, Tables};
use crate::model::registry::YearRegistry;
use crate::model::size_class::SizeClasses;
use serde::{Deserialize, Serialize};

/// Options of [`municipality_groups`]. Every field has a default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct GroupsOptions {
    /// The years to describe. Default: none, which describes the registry of a year
    /// without rows of its own (the year-less rows; for a registry with only dated rows,
    /// its earliest year), reported with `year: null`.
    pub years: Vec<i32>,
    /// The size classes (default: the five classes of the method).
    pub size_classes: SizeClasses,
}

impl GroupsOptions {
    /// Sets the years to describe.
    pub fn with_years(mut self, years: Vec<i32>) -> Self {
        self.years = years;
        self
    }
    /// Sets the size classes.
    pub fn with_size_classes(mut self, size_classes: SizeClasses) -> Self {
        self.size_classes = size_classes;
        self
    }
}

/// One municipality in one year, with the keys of the groups it belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalityGroups {
    /// The municipality.
    pub entity_id: EntityId,
    /// The year (`null` for the registry without a year).
    pub year: Option<i32>,
    /// Its name (denominazione).
    pub name: String,
    /// Its population, when known.
    pub population: Option<u64>,
    /// Its size class key (`micro`, ...), when the population is known.
    pub size_class: Option<String>,
    /// Its province, when given.
    pub province: Option<String>,
    /// `mountain` or `plain`, when given.
    pub territory: Option<String>,
    /// The union it belongs to, when that union is in the registry.
    pub union_id: Option<EntityId>,
    /// That union's name.
    pub union_name: Option<String>,
}

/// The result of [`municipality_groups`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupsResult {
    /// One row per municipality and year, sorted by (year, entity_id).
    pub municipalities: Vec<MunicipalityGroups>,
    /// The diagnostics of reading the registry.
    pub diagnostics: Vec<Diagnostic>,
    /// The accounting of the registry: rows read, accepted, accepted with warnings,
    /// rejected.
    pub tables: Vec<TableRead>,
}

/// Reads the registry (`entities`) and lists every municipality of each requested year
/// with its groups.
///
/// ```
/// use desier_core::{municipality_groups, GroupsOptions, Input, Tables};
/// let tables = Tables {
///     entities: Some(Input::from_text("entities.csv",
///         "entity_id,name,kind,province,population,mountain\n037006,Bologna,municipality,BO,390000,false\n")),
///     ..Tables::default()
/// };
/// let options = GroupsOptions::default().with_years(vec![2019]);
/// let m = &municipality_groups(&tables, &options).unwrap().municipalities[0];
/// assert_eq!(m.size_class.as_deref(), Some("large"));
/// assert_eq!(m.territory.as_deref(), Some("plain"));
/// ```
pub fn municipality_groups(tables: &Tables, options: &GroupsOptions) -> Result<GroupsResult> {
    Ok(Dataset::read_only(tables, TABLES)?.groups(options))
}

/// The tables the groups read: only `entities`.
pub const TABLES: &[TableKind] = &[TableKind::Entities];

impl Dataset {
    /// Every municipality of each year of `options.years` with its groups, with the
    /// diagnostics and accounting of the registry.
    pub fn groups(&self, options: &GroupsOptions) -> GroupsResult {
        let registry = self.registry();
        let mut part = self.part(TABLES);
        let mut municipalities = Vec::new();
        if options.years.is_empty() {
            // The year-less registry: any year without dated rows of its own.
            let reg = registry.year(i32::MIN);
            describe(reg, None, &options.size_classes, &mut municipalities);
        }
        let mut years = options.years.clone();
        years.sort_unstable();
        years.dedup();
        for year in years {
            part.registry_fallback(year);
            describe(
                registry.year(year),
                Some(year),
                &options.size_classes,
                &mut municipalities,
            );
        }
        let (diagnostics, tables) = part.finish();
        GroupsResult {
            municipalities,
            diagnostics,
            tables,
        }
    }
}

fn describe(
    reg: &YearRegistry,
    year: Option<i32>,
    size_classes: &SizeClasses,
    out: &mut Vec<MunicipalityGroups>,
) {
    for (pos, e) in reg.municipalities() {
        let mut m = MunicipalityGroups {
            entity_id: e.id.clone(),
            year,
            name: e.name.clone(),
            population: e.population,
            size_class: None,
            province: None,
            territory: None,
            union_id: None,
            union_name: None,
        };
        for (group, _, key) in group_keys(reg, pos, size_classes) {
            match group {
                Group::Region => {}
                Group::SizeClass => m.size_class = Some(key),
                Group::Province => m.province = Some(key),
                Group::Territory => m.territory = Some(key),
                Group::Union => {
                    m.union_name = reg.get(&key).map(|u| u.name.clone());
                    m.union_id = Some(EntityId::new(key));
                }
            }
        }
        out.push(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Input;

    fn tables(entities: &str) -> Tables {
        Tables {
            entities: Some(Input::from_text("entities.csv", entities)),
            ..Tables::default()
        }
    }

    #[test]
    fn groups_match_the_aggregates_keys() {
        let t = tables(
            "entity_id,name,kind,province,population,mountain,union_id\n\
             000001,Alfa,municipality,AA,1000,true,U1\n\
             000002,Beta,municipality,AA,,,\n\
             U1,Unione,union,AA,,,\n",
        );
        let r = municipality_groups(
            &t,
            &GroupsOptions {
                years: vec![2020, 2019, 2020],
                ..GroupsOptions::default()
            },
        )
        .unwrap();
        assert_eq!(r.municipalities.len(), 4, "two municipalities, two years");
        let alfa = &r.municipalities[0];
        assert_eq!(alfa.year, Some(2019));
        assert_eq!(alfa.size_class.as_deref(), Some("micro"));
        assert_eq!(alfa.territory.as_deref(), Some("mountain"));
        assert_eq!(alfa.union_id.as_ref().map(EntityId::as_str), Some("U1"));
        assert_eq!(alfa.union_name.as_deref(), Some("Unione"));
        let beta = &r.municipalities[1];
        assert_eq!(beta.size_class, None, "no population, no size class");
        assert_eq!(beta.union_id, None);
    }

    #[test]
    fn without_years_the_undated_registry() {
        let t = tables("entity_id,name\n037006,Bologna\n");
        let r = municipality_groups(&t, &GroupsOptions::default()).unwrap();
        assert_eq!(r.municipalities.len(), 1);
        assert_eq!(r.municipalities[0].year, None);
        assert_eq!(r.municipalities[0].name, "Bologna");
    }

    #[test]
    fn the_entities_table_is_required() {
        let err = municipality_groups(&Tables::default(), &GroupsOptions::default());
        assert_eq!(err.unwrap_err().code(), "missing_table");
    }
}
