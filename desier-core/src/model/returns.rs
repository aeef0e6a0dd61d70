//! The usage returns (rilevazione dell'utilizzo): per body, service and year, the counts of
//! requests or payments by channel, and the definitions built on them: the useful datum
//! (dato utile), the online count and the share of online use (METHOD.md section 3).

use super::hash::FastMap;
use super::services::{Channel, Channels};
use crate::ids::EntityId;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::BTreeSet;

/// The counts of one return, by channel. `None` is "not provided" (`nd`), never zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Regional platform (piattaforma regionale).
    pub regional_platform: Option<u64>,
    /// Autonomous platform (piattaforma autonoma).
    pub autonomous_platform: Option<u64>,
    /// National platform (piattaforma nazionale).
    pub national_platform: Option<u64>,
    /// Online outside the platforms (extra-piattaforma: mail / PEC, home banking).
    pub extra_platform: Option<u64>,
    /// Every channel, online and offline (totale).
    pub total: Option<u64>,
}

impl Counts {
    /// The count of a channel.
    pub fn get(&self, channel: Channel) -> Option<u64> {
        match channel {
            Channel::RegionalPlatform => self.regional_platform,
            Channel::AutonomousPlatform => self.autonomous_platform,
            Channel::NationalPlatform => self.national_platform,
            Channel::ExtraPlatform => self.extra_platform,
            Channel::Total => self.total,
        }
    }

    /// Sets the count of a channel.
    pub fn set(&mut self, channel: Channel, value: Option<u64>) {
        let slot = match channel {
            Channel::RegionalPlatform => &mut self.regional_platform,
            Channel::AutonomousPlatform => &mut self.autonomous_platform,
            Channel::NationalPlatform => &mut self.national_platform,
            Channel::ExtraPlatform => &mut self.extra_platform,
            Channel::Total => &mut self.total,
        };
        *slot = value;
    }

    /// Whether at least one platform count is provided (platform data, dati di piattaforma).
    pub fn has_platform(&self) -> bool {
        Channel::PLATFORMS.iter().any(|&c| self.get(c).is_some())
    }

    /// The online count (utilizzo online): the sum of the provided platform counts plus the
    /// extra-platform count (0 when not provided).
    pub fn online(&self) -> u64 {
        Channel::ONLINE
            .iter()
            .fold(0u64, |sum, &c| sum.saturating_add(self.get(c).unwrap_or(0)))
    }

    /// The total when it is provided and greater than zero.
    pub fn positive_total(&self) -> Option<u64> {
        self.total.filter(|&t| t > 0)
    }
}

/// One accepted return (a row of `returns.csv` that passed validation, possibly with
/// warnings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageReturn {
    /// The year.
    pub year: i32,
    /// The body that filed the return (a municipality, a union acting for its members,
    /// a province, a transport operator, ...).
    pub entity: EntityId,
    /// The body's position in that year's registry.
    pub entity_pos: usize,
    /// The service's position in the service catalog.
    pub service: usize,
    /// Whether the online service is active that year (`None`: not provided).
    pub active: Option<bool>,
    /// The counts by channel.
    pub counts: Counts,
    /// The line of the row in its file.
    pub line: u64,
}

impl UsageReturn {
    /// The useful datum (dato utile): `Some((online, total))` when the service is active,
    /// at least one platform count is provided and the total is provided and greater than
    /// zero. (Only accepted rows become [`UsageReturn`]s, so validation is implied.)
    pub fn useful(&self) -> Option<(u64, u64)> {
        if self.active != Some(true) || !self.counts.has_platform() {
            return None;
        }
        let total = self.counts.positive_total()?;
        Some((self.counts.online(), total))
    }

    /// The share of online use (quota di utilizzo online) of a useful datum:
    /// online / total.
    pub fn share(&self) -> Option<f64> {
        self.useful().map(|(o, t)| o as f64 / t as f64)
    }

    /// The counts this return contributes to a year-over-year comparison (confronto
    /// omogeneo), when the year is usable for one: the total is provided and greater than
    /// zero, and either the service is active with platform data (its counts as given) or it
    /// is not active (every online channel counted 0, only the total kept).
    pub fn comparable_counts(&self) -> Option<Counts> {
        let total = self.counts.positive_total()?;
        match self.active {
            Some(true) if self.counts.has_platform() => Some(self.counts),
            Some(false) => Some(Counts {
                total: Some(total),
                ..Counts::default()
            }),
            _ => None,
        }
    }
}

/// The accepted returns, in input order, with an index by (year, body, service).
#[derive(Clone, Debug, Default)]
pub struct Returns {
    rows: Vec<UsageReturn>,
    /// Each body that filed, numbered once: the index keys on numbers, not strings.
    bodies: FastMap<EntityId, u32>,
    index: FastMap<(i32, u32, usize), usize>,
}

impl Returns {
    /// No returns, with room for about `rows` of them.
    pub fn with_capacity(rows: usize) -> Self {
        Self {
            rows: Vec::with_capacity(rows),
            ..Self::default()
        }
    }

    /// Adds a return; when one with the same (year, body, service) is already there, it is
    /// kept and the line of that earlier row is returned as the error.
    pub fn insert(&mut self, r: UsageReturn) -> Result<(), u64> {
        let body = match self.bodies.get(r.entity.as_str()) {
            Some(&b) => b,
            None => {
                let b = self.bodies.len() as u32;
                self.bodies.insert(r.entity.clone(), b);
                b
            }
        };
        match self.index.entry((r.year, body, r.service)) {
            Entry::Occupied(e) => Err(self.rows[*e.get()].line),
            Entry::Vacant(e) => {
                e.insert(self.rows.len());
                self.rows.push(r);
                Ok(())
            }
        }
    }

    /// Every accepted return, in input order.
    pub fn rows(&self) -> &[UsageReturn] {
        &self.rows
    }

    /// The return of a body for a service and year.
    pub fn get(&self, year: i32, entity: &EntityId, service: usize) -> Option<&UsageReturn> {
        let &body = self.bodies.get(entity.as_str())?;
        self.index
            .get(&(year, body, service))
            .map(|&i| &self.rows[i])
    }

    /// The years that have at least one accepted return, ascending.
    pub fn years(&self) -> BTreeSet<i32> {
        self.rows.iter().map(|r| r.year).collect()
    }
}

/// Pooled counts over a set of returns (the region's "considering all available data"):
/// sums of each online channel and of the total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pool {
    /// Sum of each online channel (a channel not provided adds 0).
    pub channels: Channels<u64>,
    /// Sum of the totals.
    pub total: u64,
}

impl Pool {
    /// Adds the counts of one return.
    pub fn add(&mut self, counts: &Counts) {
        // Counts are at most `MAX_COUNT` (just under 10^9): a 64-bit sum cannot overflow
        // before 1.8 x 10^10 rows. Saturating keeps the code free of panics regardless.
        let c = &mut self.channels;
        let add = |sum: &mut u64, v: Option<u64>| *sum = sum.saturating_add(v.unwrap_or(0));
        add(&mut c.regional_platform, counts.regional_platform);
        add(&mut c.autonomous_platform, counts.autonomous_platform);
        add(&mut c.national_platform, counts.national_platform);
        add(&mut c.extra_platform, counts.extra_platform);
        add(&mut self.total, counts.total);
    }

    /// The pooled online count.
    pub fn online(&self) -> u64 {
        let c = &self.channels;
        c.regional_platform
            .saturating_add(c.autonomous_platform)
            .saturating_add(c.national_platform)
            .saturating_add(c.extra_platform)
    }

    /// `count` / pooled total (`None` when the pooled total is 0).
    pub fn ratio(&self, count: u64) -> Option<f64> {
        (self.total > 0).then(|| count as f64 / self.total as f64)
    }

    /// The pooled share of online use: pooled online / pooled total.
    pub fn share(&self) -> Option<f64> {
        self.ratio(self.online())
    }

    /// The pooled share of each online channel: pooled channel / pooled total.
    pub fn channel_shares(&self) -> Channels<Option<f64>> {
        Channels::from_fn(|c| self.ratio(*self.channels.get(c).unwrap_or(&0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ret(active: Option<bool>, counts: Counts) -> UsageReturn {
        UsageReturn {
            year: 2019,
            entity: EntityId::from("037006"),
            entity_pos: 0,
            service: 0,
            active,
            counts,
            line: 2,
        }
    }

    #[test]
    fn useful_datum_needs_active_platform_and_positive_total() {
        let c = Counts {
            autonomous_platform: Some(30),
            extra_platform: Some(10),
            total: Some(100),
            ..Counts::default()
        };
        assert_eq!(ret(Some(true), c).useful(), Some((40, 100)));
        assert_eq!(ret(Some(true), c).share(), Some(0.4));
        assert_eq!(ret(Some(false), c).useful(), None);
        assert_eq!(ret(None, c).useful(), None);
        let no_platform = Counts {
            autonomous_platform: None,
            ..c
        };
        assert_eq!(ret(Some(true), no_platform).useful(), None);
        let zero_total = Counts {
            total: Some(0),
            ..c
        };
        assert_eq!(ret(Some(true), zero_total).useful(), None);
        let no_total = Counts { total: None, ..c };
        assert_eq!(ret(Some(true), no_total).useful(), None);
    }

    #[test]
    fn a_provided_zero_platform_count_is_platform_data() {
        let c = Counts {
            regional_platform: Some(0),
            total: Some(50),
            ..Counts::default()
        };
        assert_eq!(ret(Some(true), c).useful(), Some((0, 50)));
    }

    #[test]
    fn inactive_years_compare_with_online_zero() {
        let c = Counts {
            extra_platform: Some(12),
            total: Some(80),
            ..Counts::default()
        };
        let cc = ret(Some(false), c).comparable_counts().unwrap();
        assert_eq!((cc.online(), cc.total), (0, Some(80)));
        assert_eq!(ret(Some(true), c).comparable_counts(), None);
    }

    #[test]
    fn pooled_shares() {
        let mut p = Pool::default();
        p.add(&Counts {
            regional_platform: Some(10),
            total: Some(100),
            ..Counts::default()
        });
        p.add(&Counts {
            extra_platform: Some(30),
            total: Some(100),
            ..Counts::default()
        });
        assert_eq!(p.share(), Some(0.2));
        assert_eq!(p.channel_shares().extra_platform, Some(0.15));
        assert_eq!(Pool::default().share(), None);
    }
}
