//! Examples crate: see the `[[example]]` targets.
