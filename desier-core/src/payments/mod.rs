//! Payments by channel (pagamenti per canale, "precaricamento"): the pieces of
//! `PAYMENTS.md` that turn pagoPA payment records into usage counts.
//!
//! This module holds the value rules of the definition (amounts in exact cents, taxonomy
//! codes, outcomes), the matching of the channel rules and service map cells, and the
//! mergeable counts. The readers of the record files come on top of these.

pub mod amount;
pub mod counts;
pub mod matching;
pub mod outcome;
pub mod taxonomy;

pub use amount::parse_amount_cents;
pub use counts::{Class, ClassCounts, PaymentCounts};
pub use matching::{cell_matches, first_match};
pub use outcome::{parse_outcome, Outcome};
pub use taxonomy::core_code;
