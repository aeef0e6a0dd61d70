//! Payments by channel (PAYMENTS.md, issue 13): every reader form, every rule operator,
//! the order of the checks, the year in Rome time, duplicates across files and forms, the
//! merge with a survey's returns and the returns table read by the usage index. Every
//! expected number is counted by hand from the records written in the test.

use desier_core::payments::{payments, PaymentOptions, PaymentSource, PaymentsResult};
use desier_core::{usage, Code, Input, Severity, TableKind, Tables, UsageOptions};
use serde_json::{json, Value};

/// Two municipalities with fiscal codes, a province, and a municipality without one.
const ENTITIES: &str = "entity_id,name,kind,fiscal_code\n\
037006,Bologna,municipality,01232710374\n\
037001,Anzola,municipality,80062710373\n\
037000,Città metropolitana,province,80029290378\n\
037002,Argelato,municipality,\n";

fn tables() -> Tables {
    Tables::default().with(
        TableKind::Entities,
        Input::from_text("entities.csv", ENTITIES),
    )
}

fn run(tables: &Tables, files: &[(&str, &str)], year: Option<i32>) -> PaymentsResult {
    let sources: Vec<PaymentSource> = files
        .iter()
        .map(|(n, t)| PaymentSource::from_bytes(*n, t.as_bytes().to_vec()))
        .collect();
    payments(tables, &sources, &PaymentOptions { year }).unwrap()
}

fn codes(r: &PaymentsResult) -> Vec<(String, u64, &'static str)> {
    r.diagnostics
        .iter()
        .map(|d| (d.file.clone(), d.line, d.code.as_str()))
        .collect()
}

/// The returns of a result as JSON rows (year, entity, service, the six classes, total).
fn counts(r: &PaymentsResult) -> Vec<Value> {
    r.returns
        .iter()
        .map(|x| {
            let c = &x.records;
            json!([
                x.year,
                x.entity_id,
                x.service_id,
                c.regional_platform,
                c.autonomous_platform,
                c.national_platform,
                c.extra_platform,
                c.offline,
                c.unclassified,
                c.total
            ])
        })
        .collect()
}

#[test]
fn canonical_csv_every_alias_separator_bom_crlf_italian_numbers_and_dates() {
    // Italian header aliases, `;`, a BOM and CRLF; amounts 1.234,50 and 12.5; dates in
    // three forms. Rows (by hand, default rules and map):
    //  line 2: Bologna, nursery 0107106SP, origin IO -> national_platform, 1234.50, 2020
    //  line 3: Bologna, nursery 9/0107106SP/, WISP via Lepida -> regional, 12.50, 2020
    //  line 4: Anzola, fines 0102100SA, cash -> offline, 87.00, 2020 (DD/MM/YYYY)
    //  line 5: Anzola, fines, card without evidence -> unclassified, 0.05, 2020
    let text = "\u{feff}IUR;identificativo_univoco_versamento;codice_fiscale_ente;esito;data_pagamento;importo;codice_tassonomico;idPSP;clientId;idBrokerPA;tipo_versamento\r\n\
        r1;100;01232710374;OK;2020-03-01T10:00:00;1.234,50;0107106SP;PSP1;IO;;creditCard\r\n\
        r2;101;01232710374;;2020-03-02;12.5;9/0107106SP/;PSP1;WISP;02770891204;creditCard\r\n\
        r3;102;80062710373;0;15/06/2020 09:30;87;0102100SA;PSP2;;;cash\r\n\
        r4;103;80062710373;EXECUTED;2020-07-01T08:00:00+02:00;0,05;0102100SA;PSP2;;;creditCard\r\n";
    let r = run(&tables(), &[("pagamenti.csv", text)], None);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        counts(&r),
        [
            json!([2020, "037001", "municipal_fines", 0, 0, 0, 0, 1, 1, 2]),
            json!([2020, "037006", "nursery_fees", 1, 0, 1, 0, 0, 0, 2]),
        ]
    );
    let a = serde_json::to_value(&r.returns[1].amounts).unwrap();
    assert_eq!(a["regional_platform"], "12.50");
    assert_eq!(a["national_platform"], "1234.50");
    assert_eq!(a["total"], "1247.00");
    let a = serde_json::to_value(&r.returns[0].amounts).unwrap();
    assert_eq!(
        (
            a["offline"].as_str(),
            a["unclassified"].as_str(),
            a["total"].as_str()
        ),
        (Some("87.00"), Some("0.05"), Some("87.05"))
    );
    // Rules 2 (WISP + Lepida), 4 (IO) and 5 (cash) fired once each.
    let hits: Vec<(usize, u64)> = r
        .rules
        .iter()
        .filter(|h| h.records > 0)
        .map(|h| (h.rule, h.records))
        .collect();
    assert_eq!(hits, [(2, 1), (4, 1), (5, 1)]);
    // The unclassified evidence: PSP2 and creditCard, every other field empty.
    let u = serde_json::to_value(&r.unclassified).unwrap();
    assert_eq!(u[0]["psp_id"], "PSP2");
    assert_eq!(u[0]["payment_method"], "creditCard");
    assert_eq!(u[0]["records"], 1);
    let t = &r.tables.last().unwrap();
    assert_eq!((t.rows, t.accepted, t.rejected), (4, 4, 0));
}

#[test]
fn malformed_records_get_file_line_code_and_italian_message() {
    let text = "iuv,creditor,paid_at,amount,category,outcome\n\
        1,01232710374,2020-13-01,1,0107106SP,\n\
        2,01232710374,2020-01-01,\"12,345\",0107106SP,\n\
        3,01232710374,2020-01-01,1,0107106SP,MAYBE\n\
        ,01232710374,2020-01-01,1,,\n\
        5,01232710374,2020-01-01,\"1,00\",0107106SP,OK\n";
    let r = run(&tables(), &[("p.csv", text)], None);
    let f = "p.csv".to_owned();
    // Line 2: month 13; line 3: three decimals; line 4: an unknown outcome; line 5: no
    // iuv, and neither category nor local type.
    assert_eq!(
        codes(&r),
        [
            (f.clone(), 2, "invalid_date"),
            (f.clone(), 3, "invalid_amount"),
            (f.clone(), 4, "invalid_outcome"),
            (f.clone(), 5, "missing_value"),
            (f.clone(), 5, "missing_value"),
        ]
    );
    assert!(r.diagnostics.iter().all(|d| d.severity == Severity::Error));
    assert!(
        r.diagnostics[0].message.contains("non è una data valida"),
        "{}",
        r.diagnostics[0].message
    );
    assert_eq!(r.out_of_scope.rejected, 4);
    // Line 6: 1,00 is one euro; without evidence it is an unclassified nursery record.
    assert_eq!(
        counts(&r),
        [json!([2020, "037006", "nursery_fees", 0, 0, 0, 0, 0, 1, 1])]
    );
    assert_eq!(
        serde_json::to_value(r.returns[0].amounts.unclassified).unwrap(),
        "1.00"
    );
    let t = r.tables.last().unwrap();
    assert_eq!(
        (t.rows, t.accepted, t.accepted_with_warnings, t.rejected),
        (5, 1, 0, 4)
    );
}

#[test]
fn the_order_of_the_checks() {
    // Each record is settled by the first reason that applies:
    //  line 2: counted (nursery, IO)
    //  line 3: the same key again and not executed -> duplicate (before not executed)
    //  line 4: not executed and creditor unknown -> not executed
    //  line 5: creditor unknown and category without a service -> creditor
    //  line 6: category without a service and an exclude rule -> no service
    //  line 7: excluded by a rule (origin TEST)
    //  line 8: Argelato has no fiscal code: its entity_id as creditor links it
    let text = "iuv,receipt_id,creditor,paid_at,category,outcome,origin\n\
        1,a,01232710374,2020-01-01,0107106SP,,IO\n\
        1,a,01232710374,2020-01-01,0107106SP,KO,IO\n\
        2,b,99999999999,2020-01-01,0107106SP,KO,IO\n\
        3,c,99999999999,2020-01-01,0101100IM,,IO\n\
        4,d,01232710374,2020-01-01,0101100IM,,TEST\n\
        5,e,01232710374,2020-01-01,0107106SP,,TEST\n\
        6,f,037002,2020-01-01,0107106SP,,IO\n";
    let rules = "origin,class\nTEST,exclude\nIO,national_platform\n";
    let t = tables().with(
        TableKind::ChannelRules,
        Input::from_text("rules.csv", rules),
    );
    let r = run(&t, &[("p.csv", text)], None);
    assert_eq!(codes(&r), [("p.csv".to_owned(), 3, "duplicate_payment")]);
    assert_eq!(r.diagnostics[0].severity, Severity::Warning);
    assert!(r.diagnostics[0].message.contains("alla riga 2"));
    let o = &r.out_of_scope;
    assert_eq!((o.duplicates, o.not_executed, o.excluded), (1, 1, 1));
    assert_eq!(
        serde_json::to_value(&o.creditors).unwrap(),
        json!([{"creditor": "99999999999", "records": 1}])
    );
    assert_eq!(
        serde_json::to_value(&o.categories).unwrap(),
        json!([{"category": "0101100IM", "records": 1}])
    );
    assert_eq!(
        counts(&r),
        [
            json!([2020, "037002", "nursery_fees", 0, 0, 1, 0, 0, 0, 1]),
            json!([2020, "037006", "nursery_fees", 0, 0, 1, 0, 0, 0, 1]),
        ]
    );
    // Rule 1 (exclude) fired once, rule 2 twice.
    let hits: Vec<(usize, &str, u64)> = r
        .rules
        .iter()
        .map(|h| (h.rule, h.class, h.records))
        .collect();
    assert_eq!(hits, [(1, "exclude", 1), (2, "national_platform", 2)]);
    // The duplicate is flagged, the others accepted.
    let t = r.tables.last().unwrap();
    assert_eq!((t.rows, t.accepted, t.accepted_with_warnings), (7, 6, 1));
}

#[test]
fn every_rule_operator_and_first_row_wins() {
    // Rules: 1 equality ignoring case; 2 alternatives; 3 prefix; 4 `-` = empty field;
    // 5 two cells that must both match; 6 catch-all.
    let rules = "touchpoint,psp_id,channel_id,payment_method,station_id,class,note\n\
        ATM,,,,,offline,equality\n\
        ,PSP_A|PSP_B,,,,extra_platform,alternatives\n\
        ,,97249640588*,,,autonomous_platform,prefix\n\
        ,,,-,X_01,regional_platform,empty method and station\n\
        ,,,cash,X_01,offline,both\n\
        ,,,,,national_platform,anything else\n";
    let rows = [
        ("atm", "PSP_A", "", "", ""), // rule 1 (first row wins over 2)
        ("", "psp_b", "", "", ""),    // rule 2
        ("", "PSP_C", "97249640588_01", "", ""), // rule 3
        ("", "PSP_C", "9724964058", "", "X_01"), // not 3 (shorter); rule 4 (method empty)
        ("", "PSP_C", "", "cash", "X_01"), // rule 5
        ("", "PSP_C", "", "cash", "X_02"), // rule 6
    ];
    let mut text =
        "iuv,creditor,paid_at,category,touchpoint,psp_id,channel_id,payment_method,station_id\n"
            .to_owned();
    for (i, (tp, psp, ch, pm, st)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "{i},01232710374,2021-05-05,0107101TS,{tp},{psp},{ch},{pm},{st}\n"
        ));
    }
    let t = tables().with(
        TableKind::ChannelRules,
        Input::from_text("rules.csv", rules),
    );
    let r = run(&t, &[("p.csv", &text)], None);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let hits: Vec<u64> = r.rules.iter().map(|h| h.records).collect();
    assert_eq!(hits, [1, 1, 1, 1, 1, 1]);
    // regional 1 (rule 4), autonomous 1 (rule 3), national 1 (rule 6), extra 1 (rule 2),
    // offline 2 (rules 1 and 5).
    assert_eq!(
        counts(&r),
        [json!([
            2021,
            "037006",
            "school_meals_payment",
            1,
            1,
            1,
            1,
            2,
            0,
            6
        ])]
    );
}

#[test]
fn the_service_map_is_a_table_and_replaces_the_default() {
    // A user's map: the local type NIDO of Bologna is nursery fees whatever the category;
    // any 0102* category is municipal fines; Anzola's (by fiscal code) 0101100IM too.
    let map = "category;local_type;creditor;service_id\n\
        ;NIDO;037006;nursery_fees\n\
        0102*;;;municipal_fines\n\
        9/0101100IM/;;80062710373;municipal_fines\n";
    let text = "iuv,creditor,paid_at,category,local_type,origin\n\
        1,01232710374,2021-01-01,,NIDO,IO\n\
        2,01232710374,2021-01-01,0102999SA,,IO\n\
        3,80062710373,2021-01-01,0101100IM,,IO\n\
        4,01232710374,2021-01-01,0101100IM,,IO\n\
        5,01232710374,2021-01-01,0107106SP,,IO\n";
    let t = tables().with(TableKind::ServiceMap, Input::from_text("map.csv", map));
    let r = run(&t, &[("p.csv", text)], None);
    assert_eq!(
        counts(&r),
        [
            json!([2021, "037001", "municipal_fines", 0, 0, 1, 0, 0, 0, 1]),
            json!([2021, "037006", "municipal_fines", 0, 0, 1, 0, 0, 0, 1]),
            json!([2021, "037006", "nursery_fees", 0, 0, 1, 0, 0, 0, 1]),
        ]
    );
    // The default row for 0107106SP is gone: line 6 has no service now.
    let cats: Vec<(&str, u64)> = r
        .out_of_scope
        .categories
        .iter()
        .map(|c| (c.category.as_str(), c.records))
        .collect();
    assert_eq!(cats, [("0101100IM", 1), ("0107106SP", 1)]);
    assert_eq!(
        r.tables
            .iter()
            .filter(|t| t.table == TableKind::ServiceMap)
            .count(),
        1
    );
}

#[test]
fn the_year_is_the_year_in_rome_and_year_selects() {
    let text = "iuv,creditor,paid_at,category,origin\n\
        1,01232710374,2019-12-31T23:30:00Z,0107106SP,IO\n\
        2,01232710374,2019-12-31T22:30:00Z,0107106SP,IO\n\
        3,01232710374,2019-12-31T23:30:00,0107106SP,IO\n\
        4,01232710374,2020-06-30T22:30:00Z,0107106SP,IO\n";
    // 1: 00:30 on 1 January in Rome = 2020; 2: 23:30 in Rome = 2019; 3: local = 2019;
    // 4: summer (UTC+2), 00:30 on 1 July = 2020.
    let r = run(&tables(), &[("p.csv", text)], None);
    assert_eq!(
        counts(&r),
        [
            json!([2019, "037006", "nursery_fees", 0, 0, 2, 0, 0, 0, 2]),
            json!([2020, "037006", "nursery_fees", 0, 0, 2, 0, 0, 0, 2]),
        ]
    );
    let r = run(&tables(), &[("p.csv", text)], Some(2020));
    assert_eq!(
        counts(&r),
        [json!([2020, "037006", "nursery_fees", 0, 0, 2, 0, 0, 0, 2])]
    );
    assert_eq!(r.out_of_scope.other_years, 2);
}

#[test]
fn each_taxonomy_form_is_the_same_service() {
    let forms = [
        "0107106SP",
        "9/0107106SP/",
        "9/0107106SP/ABC",
        "6/0107106sp",
        "0107106SP/",
    ];
    let mut text = "iuv,creditor,paid_at,category,origin\n".to_owned();
    for (i, f) in forms.iter().enumerate() {
        text.push_str(&format!("{i},01232710374,2021-01-01,{f},CHECKOUT\n"));
    }
    let r = run(&tables(), &[("p.csv", &text)], None);
    assert_eq!(
        counts(&r),
        [json!([2021, "037006", "nursery_fees", 0, 0, 5, 0, 0, 0, 5])]
    );
    // Written in every form, the same receipt is one record: the key is on the core code.
    let mut dup = "iuv,receipt_id,creditor,paid_at,category,origin\n".to_owned();
    for f in forms {
        dup.push_str(&format!("1,R,01232710374,2021-01-01,{f},CHECKOUT\n"));
    }
    let r = run(&tables(), &[("p.csv", &dup)], None);
    assert_eq!(r.out_of_scope.duplicates, 4);
    assert_eq!(r.returns[0].records.total, 1);
}

/// A paSendRTV2 receipt of Bologna in a SOAP envelope with its own prefixes: two
/// transfers, nursery fees and a school meal, paid in the IO app... as a receipt, its
/// channel description says `app`.
const RECEIPT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pafn="http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd">
  <soapenv:Body>
    <pafn:paSendRTV2Request>
      <idPA>01232710374</idPA>
      <idBrokerPA>02770891204</idBrokerPA>
      <idStation>02770891204_01</idStation>
      <receipt>
        <receiptId>R-1</receiptId>
        <creditorReferenceId>IUV-1</creditorReferenceId>
        <outcome>OK</outcome>
        <transferList>
          <transfer>
            <idTransfer>1</idTransfer>
            <transferAmount>100.00</transferAmount>
            <fiscalCodePA>01232710374</fiscalCodePA>
            <transferCategory>9/0107106SP/</transferCategory>
          </transfer>
          <transfer>
            <idTransfer>2</idTransfer>
            <transferAmount>4.50</transferAmount>
            <fiscalCodePA>01232710374</fiscalCodePA>
            <transferCategory>9/0107101TS/</transferCategory>
          </transfer>
        </transferList>
        <idPSP>BPPIITRRXXX</idPSP>
        <idChannel>BPPIITRRXXX_01</idChannel>
        <channelDescription>app</channelDescription>
        <paymentMethod>creditCard</paymentMethod>
        <paymentDateTime>2022-12-31T23:59:59</paymentDateTime>
      </receipt>
    </pafn:paSendRTV2Request>
  </soapenv:Body>
</soapenv:Envelope>
"#;

#[test]
fn receipts_xml_in_a_soap_envelope_one_record_per_transfer() {
    let r = run(&tables(), &[("rt.xml", RECEIPT_XML)], None);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // channel description `app` -> rule 11, extra_platform.
    assert_eq!(
        counts(&r),
        [
            json!([2022, "037006", "nursery_fees", 0, 0, 0, 1, 0, 0, 1]),
            json!([2022, "037006", "school_meals_payment", 0, 0, 0, 1, 0, 0, 1]),
        ]
    );
    assert_eq!(
        serde_json::to_value(r.returns[1].amounts.extra_platform).unwrap(),
        "4.50"
    );
    let t = r.tables.last().unwrap();
    assert_eq!((t.rows, t.accepted), (2, 2));
    // Minified on one line, and bare (without the envelope), it is the same.
    let bare: String = RECEIPT_XML
        .lines()
        .filter(|l| !l.contains("soapenv") && !l.starts_with("<?xml"))
        .map(str::trim)
        .collect();
    let r2 = run(&tables(), &[("rt.xml", &bare)], None);
    assert_eq!(counts(&r2), counts(&r));
}

#[test]
fn business_events_one_array_or_one_per_line() {
    let event = |iuv: &str, status: &str, origin: &str| {
        json!({"receiptId": format!("R{iuv}"), "debtorPosition": {"iuv": iuv},
               "creditor": {"idPA": "01232710374", "idBrokerPA": "02770891204"},
               "psp": {"idPsp": "X"}, "eventStatus": status,
               "paymentInfo": {"paymentDateTime": "2023-01-10T10:00:00", "paymentMethod": "CP"},
               "transactionDetails": {"info": {"clientId": origin}},
               "transferList": [{"fiscalCodePA": "01232710374", "amount": 10.5, "transferCategory": "9/0102100SA/"},
                                {"fiscalCodePA": "80062710373", "amount": "2.00", "transferCategory": "9/0102106SA/"}]})
        .to_string()
    };
    // e1 CHECKOUT_CART via Lepida -> regional; e2 cancelled; e3 IO -> national.
    let (e1, e2, e3) = (
        event("1", "DONE", "CHECKOUT_CART"),
        event("2", "CANCELLED", "IO"),
        event("3", "", "IO"),
    );
    let lines = format!("{e1}\n{e2}\n{e3}\n");
    let array = format!("[\n{e1},\n{e2},\n{e3}\n]");
    for (name, text) in [("events.ndjson", lines), ("events.json", array)] {
        let r = run(&tables(), &[(name, &text)], None);
        assert!(r.diagnostics.is_empty(), "{name}: {:?}", r.diagnostics);
        assert_eq!(
            counts(&r),
            [
                json!([2023, "037001", "municipal_fines", 1, 0, 1, 0, 0, 0, 2]),
                json!([2023, "037006", "municipal_fines", 1, 0, 1, 0, 0, 0, 2]),
            ],
            "{name}"
        );
        assert_eq!(r.out_of_scope.not_executed, 2, "{name}");
        assert_eq!(
            serde_json::to_value(r.returns[1].amounts.total).unwrap(),
            "21.00"
        );
        assert_eq!(r.tables.last().unwrap().rows, 6);
    }
}

#[test]
fn duplicates_across_files_and_forms() {
    // The receipt of RECEIPT_XML again, as a row of the canonical CSV: one record.
    let csv = "iuv,receipt_id,creditor,paid_at,category,amount,channel_description\n\
        IUV-1,R-1,01232710374,2022-12-31,0107106SP,100.00,app\n";
    let r = run(
        &tables(),
        &[("rt.xml", RECEIPT_XML), ("export.csv", csv)],
        None,
    );
    assert_eq!(
        codes(&r),
        [("export.csv".to_owned(), 2, "duplicate_payment")]
    );
    assert!(
        r.diagnostics[0].message.contains("rt.xml"),
        "{}",
        r.diagnostics[0].message
    );
    assert_eq!(r.out_of_scope.duplicates, 1);
    assert_eq!(r.returns[0].records.total, 1);
}

#[test]
fn hostile_xml_and_json_are_refused_quickly() {
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<paSendRTV2Request><receipt><receiptId>&lol3;</receiptId></receipt></paSendRTV2Request>"#;
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<paSendRTV2Request><receipt><receiptId>&x;</receiptId></receipt></paSendRTV2Request>"#;
    let undeclared =
        "<paSendRTV2Request>\n<receipt><receiptId>&x;</receiptId></receipt></paSendRTV2Request>";
    let deep = format!("[{}", "[".repeat(100_000));
    let deep_object = "{\"a\":".repeat(50_000);
    let started = std::time::Instant::now();
    let r = run(
        &tables(),
        &[
            ("laughs.xml", laughs),
            ("xxe.xml", xxe),
            ("undeclared.xml", undeclared),
            ("deep.json", &deep),
            ("deep2.json", &deep_object),
        ],
        None,
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(
        codes(&r),
        [
            ("deep.json".to_owned(), 1, "malformed_json"),
            ("deep2.json".to_owned(), 1, "malformed_json"),
            ("laughs.xml".to_owned(), 2, "unsafe_xml"),
            ("undeclared.xml".to_owned(), 2, "unsafe_xml"),
            ("xxe.xml".to_owned(), 2, "unsafe_xml"),
        ]
    );
    assert!(
        r.diagnostics[0].message.contains("annidato troppo"),
        "{}",
        r.diagnostics[0].message
    );
    assert!(r.diagnostics[2].message.contains("DTD"));
    assert!(r.returns.is_empty());
}

#[test]
fn a_folder_of_files_in_any_mix() {
    let dir = std::env::temp_dir().join(format!("desier-payments-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.xml"), RECEIPT_XML).unwrap();
    std::fs::write(
        dir.join("sub/b.csv"),
        "iuv;creditor;paid_at;category;payment_method\nZ;80062710373;01/02/2022;0102100SA;cash\n",
    )
    .unwrap();
    std::fs::write(dir.join(".hidden"), "garbage").unwrap();
    let sources = PaymentSource::expand(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(sources.len(), 2);
    let r = payments(&tables(), &sources, &PaymentOptions::default()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        counts(&r),
        [
            json!([2022, "037001", "municipal_fines", 0, 0, 0, 0, 1, 0, 1]),
            json!([2022, "037006", "nursery_fees", 0, 0, 0, 1, 0, 0, 1]),
            json!([2022, "037006", "school_meals_payment", 0, 0, 0, 1, 0, 0, 1]),
        ]
    );
    assert_eq!(
        r.tables
            .iter()
            .filter(|t| t.table == TableKind::Payments)
            .count(),
        2
    );
}

/// Bologna's nursery fees in 2020: 3 on Payer (WISP via Lepida: rule 2), 1 in a bank's
/// app (rule 10), 2 in cash (rule 5).
fn nursery_records() -> String {
    let mut text =
        "iuv,creditor,paid_at,category,origin,idBrokerPA,touchpoint,payment_method\n".to_owned();
    for i in 0..3 {
        text.push_str(&format!(
            "w{i},01232710374,2020-02-01,0107106SP,WISP,02770891204,,\n"
        ));
    }
    text.push_str("a,01232710374,2020-02-01,0107106SP,,,app,\n");
    text.push_str("c1,01232710374,2020-02-01,0107106SP,,,,cash\n");
    text.push_str("c2,01232710374,2020-02-01,0107106SP,,,,cash\n");
    text
}

#[test]
fn the_returns_table_feeds_the_usage_index() {
    // Bologna's nursery fees in 2020: 3 on Payer (WISP via Lepida), 1 in a bank's app,
    // 2 in cash. As a returns row: regional 3, extra 1, total 6, active.
    let text = nursery_records();
    let r = run(&tables(), &[("p.csv", &text)], None);
    let csv = desier_core::payments::ReturnRow::to_csv(&r.as_returns());
    assert_eq!(
        csv,
        "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
         2020,037006,nursery_fees,true,3,0,0,1,6\n"
    );
    let t = tables().with(TableKind::Returns, Input::from_text("returns.csv", csv));
    let u = usage(&t, &UsageOptions::default().with_year(Some(2020))).unwrap();
    assert!(
        u.diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{:?}",
        u.diagnostics
    );
    let s = u
        .services
        .iter()
        .find(|s| s.service_id.as_str() == "nursery_fees")
        .unwrap();
    // online = 3 + 1 = 4 of 6.
    let share = s.share.unwrap();
    assert!((share - 4.0 / 6.0).abs() < 1e-12, "{share}");
}

#[test]
fn merged_with_a_survey_the_warnings_name_both_numbers() {
    // Records for 2020: Bologna nursery: regional 3, extra 1, offline 2 (total 6);
    // Anzola fines: national 2 (total 2); Bologna fines: national 1.
    let mut text = nursery_records();
    text.push_str(
        "f1,80062710373,2020-02-01,0102100SA,IO,,,\nf2,80062710373,2020-02-01,0102100SA,IO,,,\n",
    );
    text.push_str("f3,01232710374,2020-02-01,0102100SA,IO,,,\n");
    // The survey: Bologna nursery total 50 (wins: >= 6), regional 3 (same), extra 2
    // (differs from 1); Anzola fines total 1 (below the 2 records); Bologna fines: the
    // total 40 written in the national field too (records: 1); Bologna certificates: no
    // records, kept as it is.
    let survey = "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
        2020,037006,nursery_fees,true,3,0,0,2,50\n\
        2020,037001,municipal_fines,true,0,0,1,0,1\n\
        2020,037006,municipal_fines,true,0,0,40,0,40\n\
        2020,037006,registry_certificates,true,10,0,0,5,100\n";
    let t = tables().with(TableKind::Returns, Input::from_text("survey.csv", survey));
    let r = run(&t, &[("p.csv", &text)], None);
    let merged = desier_core::payments::ReturnRow::to_csv(r.merged_returns.as_ref().unwrap());
    assert_eq!(
        merged,
        "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n\
         2020,037001,municipal_fines,true,0,0,2,0,2\n\
         2020,037006,municipal_fines,true,0,0,1,0,40\n\
         2020,037006,nursery_fees,true,3,0,0,1,50\n\
         2020,037006,registry_certificates,true,10,0,0,5,100\n"
    );
    let w: Vec<(u64, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.file == "survey.csv")
        .map(|d| (d.line, d.code.as_str()))
        .collect();
    assert_eq!(
        w,
        [
            (2, "platform_differs_from_records"),
            (3, "platform_differs_from_records"),
            (3, "survey_below_records"),
            (4, "platform_equals_total"),
        ]
    );
    let eq = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::PlatformEqualsTotal)
        .unwrap();
    assert!(
        eq.message.contains("(40)") && eq.message.contains(" 1:"),
        "{}",
        eq.message
    );
    let below = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::SurveyBelowRecords)
        .unwrap();
    assert!(
        below.message.contains("(1)") && below.message.contains("(2)"),
        "{}",
        below.message
    );
}

#[test]
fn cells_without_a_column_are_flagged_and_ignored() {
    // Line 3 has an unquoted Italian amount: `1,50` splits into two cells, the 50 lands in
    // the category column and `0107106SP` beyond the header.
    let text = "iuv,creditor,paid_at,amount,category\n\
        1,01232710374,2020-01-01,1.50,0107106SP\n\
        2,01232710374,2020-01-01,1,50,0107106SP\n";
    let r = run(&tables(), &[("p.csv", text)], None);
    assert_eq!(codes(&r), [("p.csv".to_owned(), 3, "field_count")]);
    // Line 3 is kept with category 50 (no service): 1 counted, 1 out of scope.
    assert_eq!(r.returns[0].records.total, 1);
    assert_eq!(r.out_of_scope.categories[0].category, "50");
    let t = r.tables.last().unwrap();
    assert_eq!((t.rows, t.accepted, t.accepted_with_warnings), (2, 1, 1));
}

#[test]
fn a_workbook_with_excel_dates_gives_the_counts_of_the_same_csv() {
    // fixtures/payments/records.xlsx (tools/make_hostile_payments.py) holds the records of
    // records.csv with paid_at as Excel date cells and amounts as numbers (fixtures/payments
    // /README.md counts them): Bologna's nursery fees 2020 regional 1, national 1,
    // offline 1; Anzola's fines 2021 national 1.
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/payments");
    let entities = std::fs::read_to_string(dir.join("entities.csv")).unwrap();
    let t = Tables::default().with(
        TableKind::Entities,
        Input::from_text("entities.csv", entities),
    );
    let run_file = |name: &str| {
        payments(
            &t,
            &[PaymentSource::from_path(dir.join(name))],
            &PaymentOptions::default(),
        )
        .unwrap()
    };
    let x = run_file("records.xlsx");
    assert!(x.diagnostics.is_empty(), "{:?}", x.diagnostics);
    let expected = [
        json!([2020, "037006", "nursery_fees", 1, 0, 1, 0, 1, 0, 3]),
        json!([2021, "037001", "municipal_fines", 0, 0, 1, 0, 0, 0, 1]),
    ];
    assert_eq!(counts(&x), expected);
    assert_eq!(counts(&run_file("records.csv")), expected);
    assert_eq!(
        serde_json::to_value(x.returns[0].amounts.total).unwrap(),
        "250.00"
    );
    assert_eq!(x.tables.last().unwrap().rows, 5);
}

#[test]
fn a_pasendrt_request_of_the_first_version_and_responses_beside_it() {
    // paSendRT (version 1: paSendRTReq), bare, no prefix, with the node's response in the
    // same file (not a receipt). The transfer has no fiscalCodePA: the request's idPA is
    // the creditor. touchpoint-less, paymentMethod cash -> offline (rule 5).
    let xml = "<file>\n<paSendRTReq><idPA>80062710373</idPA><idBrokerPA>x</idBrokerPA><idStation>x_01</idStation>\n\
        <receipt><receiptId>A</receiptId><creditorReferenceId>7</creditorReferenceId><outcome>OK</outcome>\n\
        <transferList><transfer><transferAmount>1.234,00</transferAmount><transferCategory>0102106SA</transferCategory></transfer></transferList>\n\
        <paymentMethod>cash</paymentMethod><paymentDateTime>2021-04-01T09:00:00+02:00</paymentDateTime></receipt></paSendRTReq>\n\
        <paSendRTRes><outcome>OK</outcome></paSendRTRes>\n</file>\n";
    let r = run(&tables(), &[("rt1.xml", xml)], None);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(
        counts(&r),
        [json!([
            2021,
            "037001",
            "municipal_fines",
            0,
            0,
            0,
            0,
            1,
            0,
            1
        ])]
    );
    assert_eq!(
        serde_json::to_value(r.returns[0].amounts.offline).unwrap(),
        "1234.00"
    );
}

#[test]
fn a_byte_order_mark_before_xml_or_json() {
    let xml = format!("\u{feff}{RECEIPT_XML}");
    let r = run(&tables(), &[("bom.xml", &xml)], None);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.returns.len(), 2);
    let json = "\u{feff}{\"debtorPosition\":{\"iuv\":\"1\"},\"paymentInfo\":{\"paymentDateTime\":\"2020-01-01\"},\
        \"transferList\":[{\"fiscalCodePA\":\"01232710374\",\"transferCategory\":\"0107106SP\"}]}";
    let r = run(&tables(), &[("bom.json", json)], None);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.returns[0].records.unclassified, 1);
}

#[test]
fn a_title_line_above_the_header_and_rows_after_it() {
    // Line 1 is a title; the header is line 2; the rows read while looking for the header
    // (lines 3-8) and those after (9-10) are all counted, with their own line numbers.
    let mut text =
        "Esportazione pagamenti 2021\n\niuv;creditor;paid_at;category;origin\n".to_owned();
    for i in 0..7 {
        text.push_str(&format!("{i};01232710374;2021-01-01;0107106SP;IO\n"));
    }
    text.push_str("7;01232710374;not a date;0107106SP;IO\n");
    let r = run(&tables(), &[("p.csv", &text)], None);
    assert_eq!(
        codes(&r),
        [
            ("p.csv".to_owned(), 1, "title_line"),
            ("p.csv".to_owned(), 11, "invalid_date")
        ]
    );
    assert_eq!(r.returns[0].records.national_platform, 7);
    let t = r.tables.last().unwrap();
    assert_eq!((t.rows, t.accepted, t.rejected), (8, 7, 1));
}
