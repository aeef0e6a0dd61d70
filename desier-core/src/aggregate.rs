//! Aggregates of a municipal index (indice regionale, per classe demografica, provincia,
//! territorio, unione): the simple mean of the municipal values by default, the
//! population-weighted mean as an option.

use crate::error::Error;
use crate::model::registry::YearRegistry;
use crate::model::size_class::SizeClasses;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::str::FromStr;

/// How municipal values are averaged into aggregates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Arithmetic mean of the municipalities (media semplice): the method's default.
    #[default]
    Simple,
    /// Mean weighted by resident population (media ponderata per popolazione);
    /// municipalities without population are left out.
    Population,
}

impl FromStr for Weighting {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "simple" => Ok(Weighting::Simple),
            "population" => Ok(Weighting::Population),
            _ => Err(Error::InvalidOption {
                option: "weighting".into(),
                value: s.into(),
                expected: "simple or population".into(),
            }),
        }
    }
}

/// The grouping of an aggregate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// The whole region (key `region`).
    Region,
    /// Size class (classe demografica), keys from [`SizeClasses`].
    SizeClass,
    /// Province (key: the two-letter code).
    Province,
    /// Territory: `mountain` or `plain` (montano / pianura).
    Territory,
    /// Union of municipalities (key: the union's entity_id).
    Union,
}

impl Group {
    /// The snake_case name used in results.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Region => "region",
            Group::SizeClass => "size_class",
            Group::Province => "province",
            Group::Territory => "territory",
            Group::Union => "union",
        }
    }
}

/// The mean of a municipal index over a group of municipalities in one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// The grouping.
    pub group: Group,
    /// The group's key (`region`, `micro`, `BO`, `mountain`, a union's id).
    pub key: String,
    /// The year.
    pub year: i32,
    /// The mean, or `null` when no municipality of the group has a value.
    pub index: Option<f64>,
    /// How many municipalities entered the mean.
    pub municipalities: usize,
}

#[derive(Default)]
struct Acc {
    sum: f64,
    weight: f64,
    n: usize,
}

/// The groups the municipality at `pos` of `registry` belongs to, as aggregates key them:
/// `(group, rank for ordering, key)`. The region always; the size class when the
/// population is known, the province and the territory when given, the union when the
/// municipality belongs to a union of the registry.
pub(crate) fn group_keys(
    registry: &YearRegistry,
    pos: usize,
    size_classes: &SizeClasses,
) -> Vec<(Group, usize, String)> {
    let e = &registry.entities()[pos];
    let mut keys: Vec<(Group, usize, String)> = vec![(Group::Region, 0, "region".into())];
    if let Some(class) = e.population.and_then(|p| size_classes.classify(p)) {
        keys.push((Group::SizeClass, size_classes.rank(class), class.to_owned()));
    }
    if let Some(p) = &e.province {
        keys.push((Group::Province, 0, p.clone()));
    }
    if let Some(m) = e.mountain {
        let (rank, key) = if m { (0, "mountain") } else { (1, "plain") };
        keys.push((Group::Territory, rank, key.into()));
    }
    if let Some(u) = registry.union_of(pos) {
        keys.push((Group::Union, 0, registry.entities()[u].id.0.clone()));
    }
    keys
}

/// Aggregates the values of the municipalities of `registry` in `year`. `values` holds,
/// for every municipality to consider, its position in the registry and its value
/// (`None`: no value, left out of the means). Every group that has a municipality appears,
/// with `index: null` when none of them has a value.
pub fn aggregate(
    year: i32,
    registry: &YearRegistry,
    values: &[(usize, Option<f64>)],
    weighting: Weighting,
    size_classes: &SizeClasses,
) -> Vec<Aggregate> {
    // Key order: groups in enum order; size classes in their scheme's order.
    let mut groups: BTreeMap<(Group, usize, String), Acc> = BTreeMap::new();
    for &(pos, value) in values {
        let e = &registry.entities()[pos];
        let weight = match weighting {
            Weighting::Simple => Some(1.0),
            Weighting::Population => e.population.filter(|&p| p > 0).map(|p| p as f64),
        };
        for k in group_keys(registry, pos, size_classes) {
            let acc = groups.entry(k).or_default();
            if let (Some(v), Some(w)) = (value, weight) {
                acc.sum += v * w;
                acc.weight += w;
                acc.n += 1;
            }
        }
    }
    groups
        .into_iter()
        .map(|((group, _, key), acc)| Aggregate {
            group,
            key,
            year,
            index: (acc.n > 0).then(|| acc.sum / acc.weight),
            municipalities: acc.n,
        })
        .collect()
}
