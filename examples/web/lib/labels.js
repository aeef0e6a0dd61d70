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

/** What each diagnostic code means, in short; the core's message gives the details. */
export const CODES = {
  unknown_column: "Colonna non riconosciuta (ignorata)",
  missing_value: "Valore obbligatorio mancante",
  malformed_row: "Riga non leggibile (virgolette non chiuse)",
  field_count: "Numero di celle diverso dall'intestazione",
  invalid_encoding: "Testo non in UTF-8 (letto come Latin-1)",
  invalid_year: "Anno non valido",
  invalid_boolean: "Valore sì/no non riconosciuto",
  invalid_number: "Numero non valido",
  duplicate_row: "Riga duplicata (vale la prima)",
  unknown_entity: "Ente non presente in anagrafica",
  entity_id_padded: "Codice ISTAT senza zeri iniziali (ripristinati)",
  invalid_kind: "Tipo di ente non riconosciuto",
  unknown_union: "Unione non presente in anagrafica",
  missing_population: "Popolazione mancante",
  registry_year_fallback: "Anagrafica di un altro anno",
  unknown_procedure: "Procedimento non presente nel catalogo",
  unknown_phase: "Fase sconosciuta",
  phase_not_applicable: "Fase non applicabile al procedimento",
  entity_not_municipal: "Ente che non è un comune né un'unione",
  year_not_in_data: "Anno assente dai dati",
  unknown_service: "Servizio non presente nel catalogo",
  invalid_count: "Conteggio non valido",
  online_exceeds_total: "Online superiore al totale",
  platform_equals_total: "Conteggio di piattaforma pari al totale",
  counts_on_inactive: "Conteggi per un servizio non attivo",
  share_jump: "Quota online cambiata di oltre 50 punti",
  total_jump: "Totale cambiato di oltre 10 volte",
  invalid_value: "Valore non ammesso",
  competence_mismatch: "Servizio di competenza di un altro tipo di ente",
};

/** The label of an id in a dictionary, or the id itself. */
export const label = (dict, id) => dict[id] ?? id;

/** Orders services as the method lists them (municipal first), others after by id. */
export function byServiceOrder(a, b) {
  const order = Object.keys(SERVICES);
  const rank = (id) => (order.includes(id) ? order.indexOf(id) : order.length);
  return rank(a.service_id) - rank(b.service_id) || a.service_id.localeCompare(b.service_id);
}
