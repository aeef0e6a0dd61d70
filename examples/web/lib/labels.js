// Italian labels of the page. Keys are the stable ids and codes of the results
// (FORMATS.md); an id without a label is shown as it is.

export const TABLES = {
  entities: "Anagrafica degli enti",
  facilities: "Strutture (es. nido)",
  procedures: "Catalogo dei procedimenti",
  offer: "Offerta online (interattività)",
  services: "Catalogo dei servizi",
  returns: "Rilevazione dell'utilizzo",
};

export const INDICES = {
  interactivity: "Indice di interattività",
  usage: "Indice di utilizzo",
};

export const GROUPS = {
  region: "Regione",
  size_class: "Classe demografica",
  province: "Provincia",
  territory: "Territorio",
  union: "Unione di comuni",
};

export const SIZE_CLASSES = {
  micro: "Micro",
  small: "Piccoli",
  medium: "Medi",
  medium_large: "Medio-grandi",
  large: "Grandi",
};

export const TERRITORIES = { mountain: "Montano", plain: "Pianura" };

export const SERVICES = {
  registry_certificates: "Certificati anagrafici",
  nursery_enrolment: "Iscrizione al nido",
  nursery_fees: "Pagamento retta nido",
  school_meals_enrolment: "Iscrizione mensa scolastica",
  school_meals_payment: "Pagamento mensa scolastica",
  building_scia: "SCIA edilizia",
  suap: "SUAP",
  municipal_fines: "Contravvenzioni comunali",
  provincial_fines: "Contravvenzioni provinciali",
  bus_pass_renewal: "Rinnovo abbonamento bus",
};

export const CHANNELS = {
  regional_platform: "Piattaforma regionale",
  autonomous_platform: "Piattaforma autonoma",
  national_platform: "Piattaforma nazionale",
  extra_platform: "Fuori piattaforma (PEC, e-mail, home banking)",
};

export const SEVERITY = { error: "Errore: riga scartata", warning: "Avviso: riga tenuta" };

/**
 * What each diagnostic code means, in Italian: filled from the core's own descriptions
 * (`desier.codes()`, Code::description_it) when the package is loaded, so that the page
 * never keeps a copy that misses a code.
 */
export const CODES = {};

/** Fills CODES from `desier.codes()`. */
export function setCodeLabels(codes) {
  for (const c of codes) CODES[c.code] = c.description_it;
}

/** The label of an id in a dictionary, or the id itself. */
export const label = (dict, id) => dict[id] ?? id;

/** Orders services as the method lists them (municipal first), others after by id. */
export function byServiceOrder(a, b) {
  const order = Object.keys(SERVICES);
  const rank = (id) => (order.includes(id) ? order.indexOf(id) : order.length);
  return rank(a.service_id) - rank(b.service_id) || a.service_id.localeCompare(b.service_id);
}
