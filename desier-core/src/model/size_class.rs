//! Size classes of municipalities (classi demografiche). The boundaries are data: other
//! regions use other classes.

use serde::{Deserialize, Serialize};

/// One size class: its key and the smallest population it contains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeClass {
    /// The key used in results (e.g. `micro`).
    pub key: String,
    /// The smallest population in the class (inclusive).
    pub min_population: u64,
}

/// An ordered set of size classes; a municipality falls in the last class whose
/// `min_population` is not above its population.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SizeClasses(pub Vec<SizeClass>);

impl Default for SizeClasses {
    /// The five classes of the Emilia-Romagna method: micro < 3,000; small 3,000-4,999;
    /// medium 5,000-14,999; medium-large 15,000-49,999; large >= 50,000.
    fn default() -> Self {
        let c = |key: &str, min_population| SizeClass {
            key: key.into(),
            min_population,
        };
        SizeClasses(vec![
            c("micro", 0),
            c("small", 3_000),
            c("medium", 5_000),
            c("medium_large", 15_000),
            c("large", 50_000),
        ])
    }
}

impl SizeClasses {
    /// The class of a population (`None` below the first class).
    ///
    /// ```
    /// use desier_core::SizeClasses;
    /// let classes = SizeClasses::default();
    /// assert_eq!(classes.classify(2_999), Some("micro"));
    /// assert_eq!(classes.classify(3_000), Some("small"));
    /// assert_eq!(classes.classify(50_000), Some("large"));
    /// ```
    pub fn classify(&self, population: u64) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|c| population >= c.min_population)
            .map(|c| c.key.as_str())
    }

    /// The position of a key, for ordering results.
    pub fn rank(&self, key: &str) -> usize {
        self.0
            .iter()
            .position(|c| c.key == key)
            .unwrap_or(usize::MAX)
    }
}
