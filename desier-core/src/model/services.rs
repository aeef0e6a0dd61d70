//! The usage-service catalog (catalogo dei servizi interattivi misurati): the services whose
//! online use the usage index measures, their competence, extra-platform channel and the
//! facility they presuppose; and the closed set of channels (canali) of the survey.
//!
//! The ten services of METHOD.md section 3 are built in ([`ServiceCatalog::default`]); a
//! `services.csv` replaces or extends them (see [`ServiceCatalog::merge`]).

use crate::ids::{FacilityId, ServiceId};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Which kind of body a service belongs to (competenza).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Competence {
    /// Municipal (competenza comunale, or delegated to the union): enters the usage index.
    Municipal,
    /// Province or metropolitan city (competenza provinciale).
    Province,
    /// Local public-transport operator (azienda di trasporto pubblico locale).
    TransportOperator,
    /// Any other body.
    Other,
}

impl Competence {
    /// Parses `municipal | province | transport_operator | other` (or the Italian
    /// `comunale | provinciale | trasporto | altro`).
    pub fn parse(s: &str) -> Option<Competence> {
        Some(match crate::schema::normalise_header(s).as_str() {
            "municipal" | "comunale" | "comune" => Competence::Municipal,
            "province" | "provinciale" | "provincia" => Competence::Province,
            "transport_operator" | "trasporto" | "tpl" | "azienda_trasporti" => {
                Competence::TransportOperator
            }
            "other" | "altro" | "altri" => Competence::Other,
            _ => return None,
        })
    }

    /// The canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Competence::Municipal => "municipal",
            Competence::Province => "province",
            Competence::TransportOperator => "transport_operator",
            Competence::Other => "other",
        }
    }
}

/// The online channel outside the platforms that a service has (canale extra-piattaforma).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraChannel {
    /// Mail or certified mail (e-mail o PEC).
    MailPec,
    /// Certified mail only (PEC).
    Pec,
    /// Home banking (and the other remote payments at a provider).
    HomeBanking,
}

impl ExtraChannel {
    /// Parses `mail_pec | pec | home_banking`.
    pub fn parse(s: &str) -> Option<ExtraChannel> {
        Some(match crate::schema::normalise_header(s).as_str() {
            "mail_pec" | "mail_o_pec" | "email_pec" | "mail" => ExtraChannel::MailPec,
            "pec" => ExtraChannel::Pec,
            "home_banking" | "homebanking" => ExtraChannel::HomeBanking,
            _ => return None,
        })
    }

    /// The canonical spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ExtraChannel::MailPec => "mail_pec",
            ExtraChannel::Pec => "pec",
            ExtraChannel::HomeBanking => "home_banking",
        }
    }
}

/// A channel of the usage survey (canale): the three kinds of platform, the online
/// channels outside the platforms, and the total through every channel. A closed set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Regional platform (piattaforma regionale: Payer, SIEDER, SUAPER, ...).
    RegionalPlatform,
    /// The body's own or its vendor's platform (piattaforma autonoma).
    AutonomousPlatform,
    /// National platform (piattaforma nazionale, e.g. "impresa in un giorno").
    NationalPlatform,
    /// Online outside the platforms (extra-piattaforma: mail / PEC or home banking).
    ExtraPlatform,
    /// Every channel, online and offline (totale).
    Total,
}

impl Channel {
    /// Every channel, in the column order of `returns.csv`.
    pub const ALL: [Channel; 5] = [
        Channel::RegionalPlatform,
        Channel::AutonomousPlatform,
        Channel::NationalPlatform,
        Channel::ExtraPlatform,
        Channel::Total,
    ];
    /// The online channels (their sum is the online count).
    pub const ONLINE: [Channel; 4] = [
        Channel::RegionalPlatform,
        Channel::AutonomousPlatform,
        Channel::NationalPlatform,
        Channel::ExtraPlatform,
    ];
    /// The platform channels.
    pub const PLATFORMS: [Channel; 3] = [
        Channel::RegionalPlatform,
        Channel::AutonomousPlatform,
        Channel::NationalPlatform,
    ];

    /// The canonical spelling (also the column of `returns.csv`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::RegionalPlatform => "regional_platform",
            Channel::AutonomousPlatform => "autonomous_platform",
            Channel::NationalPlatform => "national_platform",
            Channel::ExtraPlatform => "extra_platform",
            Channel::Total => "total",
        }
    }
}

/// One value per online channel: the `channels` object of the results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channels<T> {
    /// Regional platform (piattaforma regionale).
    pub regional_platform: T,
    /// Autonomous platform (piattaforma autonoma).
    pub autonomous_platform: T,
    /// National platform (piattaforma nazionale).
    pub national_platform: T,
    /// Online outside the platforms (extra-piattaforma).
    pub extra_platform: T,
}

impl<T> Channels<T> {
    /// Builds the four values from a function of the channel.
    pub fn from_fn(mut f: impl FnMut(Channel) -> T) -> Self {
        Channels {
            regional_platform: f(Channel::RegionalPlatform),
            autonomous_platform: f(Channel::AutonomousPlatform),
            national_platform: f(Channel::NationalPlatform),
            extra_platform: f(Channel::ExtraPlatform),
        }
    }

    /// The value of an online channel (`None` for [`Channel::Total`]).
    pub fn get(&self, channel: Channel) -> Option<&T> {
        match channel {
            Channel::RegionalPlatform => Some(&self.regional_platform),
            Channel::AutonomousPlatform => Some(&self.autonomous_platform),
            Channel::NationalPlatform => Some(&self.national_platform),
            Channel::ExtraPlatform => Some(&self.extra_platform),
            Channel::Total => None,
        }
    }
}

/// A service measured by the usage index (servizio interattivo).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Identifier (e.g. `registry_certificates`).
    pub id: ServiceId,
    /// Italian name (denominazione del servizio).
    pub name: String,
    /// The kind of body the service belongs to (competenza).
    pub competence: Competence,
    /// The online channel outside the platforms, when the service has one.
    pub extra_platform_channel: Option<ExtraChannel>,
    /// The physical facility the service presupposes (e.g. `nursery`), if any.
    pub requires_facility: Option<FacilityId>,
}

/// The catalog of services measured by the usage index, in catalog order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceCatalog {
    services: Vec<Service>,
    index: HashMap<ServiceId, usize>,
}

impl Default for ServiceCatalog {
    /// The ten services of METHOD.md section 3: eight municipal ones (the usage index),
    /// the provincial fines and the bus pass.
    ///
    /// ```
    /// use desier_core::{Competence, ServiceCatalog};
    /// let c = ServiceCatalog::default();
    /// assert_eq!(c.services().len(), 10);
    /// assert_eq!(c.services().iter().filter(|s| s.competence == Competence::Municipal).count(), 8);
    /// ```
    fn default() -> Self {
        use Competence::*;
        use ExtraChannel::*;
        let s = |id: &str, name: &str, competence, extra, facility: Option<&str>| Service {
            id: ServiceId::new(id),
            name: name.into(),
            competence,
            extra_platform_channel: Some(extra),
            requires_facility: facility.map(FacilityId::new),
        };
        ServiceCatalog::new(vec![
            s(
                "registry_certificates",
                "Richiesta certificati anagrafici (anagrafe / stato civile)",
                Municipal,
                MailPec,
                None,
            ),
            s(
                "nursery_enrolment",
                "Iscrizione all'asilo nido",
                Municipal,
                MailPec,
                Some("nursery"),
            ),
            s(
                "nursery_fees",
                "Pagamento retta nido",
                Municipal,
                HomeBanking,
                Some("nursery"),
            ),
            s(
                "school_meals_enrolment",
                "Iscrizione alla mensa scolastica",
                Municipal,
                MailPec,
                None,
            ),
            s(
                "school_meals_payment",
                "Pagamento mensa scolastica",
                Municipal,
                HomeBanking,
                None,
            ),
            s(
                "building_scia",
                "SCIA edilizia residenziale",
                Municipal,
                Pec,
                None,
            ),
            s(
                "suap",
                "Presentazione domande SUAP (sportello unico attività produttive)",
                Municipal,
                Pec,
                None,
            ),
            s(
                "municipal_fines",
                "Pagamento contravvenzioni comunali (violazioni Codice della Strada)",
                Municipal,
                HomeBanking,
                None,
            ),
            s(
                "provincial_fines",
                "Pagamento contravvenzioni provinciali",
                Province,
                HomeBanking,
                None,
            ),
            s(
                "bus_pass_renewal",
                "Rinnovo abbonamento autobus",
                TransportOperator,
                HomeBanking,
                None,
            ),
        ])
    }
}

impl ServiceCatalog {
    /// A catalog of the given services, in the given order. A later service with the id of
    /// an earlier one replaces it in place.
    pub fn new(services: Vec<Service>) -> Self {
        let mut catalog = ServiceCatalog {
            services: Vec::with_capacity(services.len()),
            index: HashMap::new(),
        };
        catalog.merge(services);
        catalog
    }

    /// Adds services: one with the id of a service already in the catalog replaces it
    /// whole, in its place (a `services.csv` row is a complete definition, so an empty
    /// `requires_facility` removes the facility); one with a new id is appended.
    ///
    /// ```
    /// use desier_core::{Competence, Service, ServiceCatalog, ServiceId};
    /// let mut c = ServiceCatalog::default();
    /// c.merge(vec![Service { id: ServiceId::from("tari"), name: "Pagamento TARI".into(),
    ///     competence: Competence::Municipal, extra_platform_channel: None,
    ///     requires_facility: None }]);
    /// assert_eq!(c.services().len(), 11);
    /// ```
    pub fn merge(&mut self, services: Vec<Service>) {
        for s in services {
            match self.index.get(&s.id) {
                Some(&i) => self.services[i] = s,
                None => {
                    self.index.insert(s.id.clone(), self.services.len());
                    self.services.push(s);
                }
            }
        }
    }

    /// The services, in catalog order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// The position of a service in [`services`](Self::services).
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// A service by id.
    pub fn get(&self, id: &str) -> Option<&Service> {
        self.position(id).map(|i| &self.services[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_matches_the_method() {
        let c = ServiceCatalog::default();
        let nursery: Vec<_> = c
            .services()
            .iter()
            .filter(|s| {
                s.requires_facility
                    .as_ref()
                    .is_some_and(|f| f.as_str() == "nursery")
            })
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(nursery, ["nursery_enrolment", "nursery_fees"]);
        assert_eq!(
            c.get("provincial_fines").map(|s| s.competence),
            Some(Competence::Province)
        );
        assert_eq!(
            c.get("suap").and_then(|s| s.extra_platform_channel),
            Some(ExtraChannel::Pec)
        );
    }

    #[test]
    fn merge_replaces_in_place_and_appends() {
        let mut c = ServiceCatalog::default();
        let mut suap = c.get("suap").cloned().unwrap();
        suap.name = "SUAP".into();
        c.merge(vec![suap]);
        assert_eq!(c.position("suap"), Some(6));
        assert_eq!(c.services()[6].name, "SUAP");
        assert_eq!(c.services().len(), 10);
    }

    #[test]
    fn spellings() {
        assert_eq!(Competence::parse("Comunale"), Some(Competence::Municipal));
        assert_eq!(
            ExtraChannel::parse("home banking"),
            Some(ExtraChannel::HomeBanking)
        );
        assert_eq!(ExtraChannel::parse("fax"), None);
        for c in Channel::ALL {
            assert!(!c.as_str().is_empty());
        }
    }
}
