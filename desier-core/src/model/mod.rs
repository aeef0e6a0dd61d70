//! The model of the method: bodies, size classes, catalogs, facilities and the surveyed
//! offer.

pub mod catalog;
pub mod facilities;
pub mod hash;
pub mod offer;
pub mod registry;
pub mod size_class;
