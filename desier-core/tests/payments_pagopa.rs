//! The real pagoPA files of `../shared/data/pagopa` (SOURCES.md): each gives the records
//! and classes that its fields justify, read by hand from the file (quoted below).

use desier_core::payments::{payments, PaymentOptions, PaymentSource, PaymentsResult};
use desier_core::{Input, TableKind, Tables};
use serde_json::json;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/pagopa")
        .join(name)
}

/// The creditors of the files, as bodies of a registry (their fiscal codes as written in
/// the files): 77777777777 and 77777777778 (file 01), Provincia di Asti 80001630054
/// (02a), the test creditor 00000000099 (02c, 02d). APSS 01429410226 (02b) is left out.
const ENTITIES: &str = "entity_id,name,kind,fiscal_code\n\
E7,company EC1,municipality,77777777777\n\
E8,company EC2,municipality,77777777778\n\
AT,Provincia di Asti,province,80001630054\n\
E99,nodo-doc-dev,municipality,00000000099\n";

const BIZ: [&str; 4] = [
    "02_bizevent__pagopa-biz-events-datastore__bizEventECommerce.json",
    "02_bizevent__pagopa-biz-events-datastore__bizEventModCart1.json",
    "02_bizevent__pagopa-biz-events-datastore__bizEvent.json",
    "02_bizevent__pagopa-biz-events-datastore__bizEventWithTransactionDetails.json",
];
const RT: &str = "01_paSendRTV2_receipt__p4pa-payhub-activities__RECEIPT_VALID.xml";

fn run(tables: &Tables, files: &[&str]) -> PaymentsResult {
    let sources: Vec<PaymentSource> = files
        .iter()
        .map(|f| PaymentSource::from_path(data(f)))
        .collect();
    payments(tables, &sources, &PaymentOptions::default()).unwrap()
}

fn tables() -> Tables {
    Tables::default().with(
        TableKind::Entities,
        Input::from_text("entities.csv", ENTITIES),
    )
}

#[test]
fn receipts_and_events_with_the_default_tables() {
    let mut files = vec![RT];
    files.extend(BIZ);
    let r = run(&tables(), &files);
    // 01 (paSendRTV2): two transfers, 0101100IM (IMU, 20.00 to 77777777777) and
    //   0201102IM (10.00 to 77777777778): no service in the default map.
    // 02a: Provincia di Asti, transferCategory 9/0201121SA/ (provincial fines), clientId
    //   CHECKOUT -> national platform (rule 4), 298.3 euros, paymentDateTime
    //   2023-12-18T11:08:14 (local time) -> 2023.
    // 02b: creditor 01429410226 (APSS Trento), not in the registry.
    // 02c: creditor 00000000099, two transfers with the same receiptId, iuv and category
    //   "transferCategory": the second is a repeat of the first (the key of PAYMENTS.md);
    //   the category is no taxonomy code: no service.
    // 02d: the same receipt as 02c (same receiptId 9dd3d6b0..., iuv 283113132391591):
    //   both transfers are repeats.
    assert_eq!(r.returns.len(), 1);
    let x = &r.returns[0];
    assert_eq!(
        (x.year, x.entity_id.as_str(), x.service_id.as_str()),
        (2023, "AT", "provincial_fines")
    );
    assert_eq!((x.records.national_platform, x.records.total), (1, 1));
    assert_eq!(
        serde_json::to_value(x.amounts.national_platform).unwrap(),
        "298.30"
    );
    let o = serde_json::to_value(&r.out_of_scope).unwrap();
    assert_eq!(
        o,
        json!({"not_executed": 0, "excluded": 0, "duplicates": 3, "other_years": 0, "rejected": 0,
               "creditors": [{"creditor": "01429410226", "records": 1}],
               "categories": [{"category": "0101100IM", "records": 1}, {"category": "0201102IM", "records": 1},
                              {"category": "TRANSFERCATEGORY", "records": 1}]})
    );
    let hits: Vec<(usize, u64)> = r
        .rules
        .iter()
        .filter(|h| h.records > 0)
        .map(|h| (h.rule, h.records))
        .collect();
    assert_eq!(hits, [(4, 1)]);
    let dups: Vec<u64> = r.diagnostics.iter().map(|d| d.line).collect();
    // 02c: the second transfer (event on line 1); 02d: both.
    assert_eq!(dups, [1, 1, 1]);
    assert!(r
        .diagnostics
        .iter()
        .all(|d| d.code.as_str() == "duplicate_payment"));
    let rows: Vec<(u64, u64)> = r
        .tables
        .iter()
        .filter(|t| t.table == TableKind::Payments)
        .map(|t| (t.rows, t.accepted_with_warnings))
        .collect();
    assert_eq!(rows, [(2, 0), (1, 0), (1, 0), (2, 1), (2, 2)]);
}

#[test]
fn with_a_map_for_their_categories_the_channels_follow_from_their_fields() {
    // A user's map that gives the files' categories a service, to see their channels:
    let map = "category,service_id\n0101100IM,nursery_fees\ntransferCategory,school_meals_payment\n0501100TS,nursery_fees\n";
    let t = tables().with(TableKind::ServiceMap, Input::from_text("map.csv", map));
    let mut files = vec![RT];
    files.extend(BIZ);
    let r = run(&t, &files);
    let got: Vec<_> = r
        .returns
        .iter()
        .map(|x| {
            let c = &x.records;
            (
                x.year,
                x.entity_id.as_str(),
                x.service_id.as_str(),
                c.national_platform,
                c.extra_platform,
                c.offline,
                c.total,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // 01, first transfer: channelDescription `app` (rule 11) -> extra platform;
            // paymentDateTime 2021-10-01T17:48:22.
            (2021, "E7", "nursery_fees", 0, 1, 0, 1),
            // 02c: paymentMethod `cash` (rule 5), touchpoint `atm` -> offline; 2022-11-28.
            (2022, "E99", "school_meals_payment", 0, 0, 1, 1),
        ]
    );
    assert_eq!(
        serde_json::to_value(r.returns[0].amounts.extra_platform).unwrap(),
        "20.00"
    );
    assert_eq!(
        serde_json::to_value(r.returns[1].amounts.offline).unwrap(),
        "50.00"
    );
    // 02a's provincial fines are not in this map: out of scope now, with 0201102IM.
    let cats: Vec<&str> = r
        .out_of_scope
        .categories
        .iter()
        .map(|c| c.category.as_str())
        .collect();
    assert_eq!(cats, ["0201102IM", "0201121SA"]);
}

#[test]
fn the_modcart_event_via_wisp_is_an_autonomous_platform_payment() {
    // 02b with APSS in the registry: origin WISP (transactionDetails.transaction.origin),
    // idBrokerPA 00337460224 (not Lepida) -> rule 3, autonomous platform; category
    // 9/0501100TS/02821234832795789 -> core 0501100TS; 15.65 euros on 2024-08-29.
    let entities = format!("{ENTITIES}APSS,APSS,other,01429410226\n");
    let t = Tables::default()
        .with(
            TableKind::Entities,
            Input::from_text("entities.csv", entities),
        )
        .with(
            TableKind::ServiceMap,
            Input::from_text("map.csv", "category,service_id\n0501100TS,nursery_fees\n"),
        );
    let r = run(&t, &[BIZ[1]]);
    let x = &r.returns[0];
    assert_eq!(
        (
            x.year,
            x.entity_id.as_str(),
            x.records.autonomous_platform,
            x.records.total
        ),
        (2024, "APSS", 1, 1)
    );
    assert_eq!(serde_json::to_value(x.amounts.total).unwrap(), "15.65");
    assert_eq!(r.rules[2].records, 1);
}

#[test]
fn the_export_header_of_the_regional_intermediaries_is_understood() {
    // 09 is the header line (74 columns, `;`) of the MyPay / Piattaforma Unitaria
    // "export pagati": its columns identificativoUnivocoVersamento, identificativoDominio,
    // dataEsitoSingoloPagamento, datiSpecificiRiscossione, tipoDovuto, ... map to the
    // payments columns; it has no rows.
    let r = run(
        &tables(),
        &["09_pu_receipts_csv_v1_3_HEADER_ONLY__derived_from_p4pa-pu-feature-test.csv"],
    );
    assert!(r.returns.is_empty());
    let t = r.tables.last().unwrap();
    assert_eq!(t.rows, 0);
    // The other 66 columns are reported once each on the header line, as unknown.
    let unknown = r
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "unknown_column" && d.line == 1)
        .count();
    assert!(unknown > 50, "{unknown}");
}
