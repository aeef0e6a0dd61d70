//! Helpers shared by the command's test files.

use std::path::Path;

/// The municipality rows of the entities file a `desier sample --out DIR` wrote, counted
/// from its text (the sample has no quoted cells there).
pub fn sample_municipalities(dir: &Path) -> usize {
    let entities = std::fs::read_to_string(dir.join("entities.csv")).unwrap();
    entities
        .lines()
        .filter(|l| l.split(',').nth(2) == Some("municipality"))
        .count()
}
