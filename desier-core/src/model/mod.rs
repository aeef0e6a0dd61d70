//! The model of the method: bodies, size classes, catalogs, facilities, the surveyed
//! offer, the usage services and their returns.

pub mod catalog;
pub mod facilities;
pub mod offer;
pub mod registry;
pub mod returns;
pub mod services;
pub mod size_class;
