//! Identifier newtypes. Python and JavaScript see them as plain strings.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The identifier, as written in the input files.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            /// The identifier as written in the input files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// The identifier's text.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        /// Maps keyed by the identifier can be looked up with a `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

id_type!(
    /// Identifier of a body (ente): the 6-digit ISTAT code of a municipality (codice ISTAT,
    /// leading zeros kept, e.g. `037006` for Bologna) or any unique string for other bodies.
    EntityId
);
id_type!(
    /// Identifier of an administrative procedure (procedimento amministrativo) of the catalog.
    ProcedureId
);
id_type!(
    /// Identifier of a thematic area (area tematica) of the procedure catalog.
    AreaId
);
id_type!(
    /// Identifier of an online phase (fase online) of a procedure, e.g. `request`, `payment`.
    PhaseId
);
id_type!(
    /// Identifier of a physical facility (servizio fisico) that a procedure or service
    /// presupposes, e.g. `nursery` (asilo nido).
    FacilityId
);
id_type!(
    /// Identifier of a service measured by the usage index (servizio interattivo), e.g.
    /// `registry_certificates`.
    ServiceId
);
