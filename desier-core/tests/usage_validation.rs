//! Validation of the usage returns (METHOD.md section 5): one test per diagnostic code,
//! the accounting of every row, and the reading of Italian spreadsheets.

use desier_core::{
    compare, usage, validate, Code, CompareOptions, Diagnostic, Input, Severity, Tables,
    UsageOptions,
};

const HEADER: &str = "year,entity_id,service_id,active,regional_platform,autonomous_platform,national_platform,extra_platform,total\n";

const ENTITIES: &str = "entity_id,name,kind,union_id\n\
    037006,Bologna,municipality,\n\
    037001,Anzola,municipality,U1\n\
    U1,Unione,union,\n\
    PROV_BO,Città metropolitana,province,\n";

fn tables(rows: &str) -> Tables {
    Tables {
        entities: Some(Input::from_text("entities.csv", ENTITIES)),
        returns: Some(Input::from_text("returns.csv", format!("{HEADER}{rows}"))),
        ..Tables::default()
    }
}

/// The (line, severity, code) of every diagnostic.
fn codes(rows: &str) -> Vec<(u64, Severity, Code)> {
    validate(&tables(rows))
        .unwrap()
        .diagnostics
        .iter()
        .map(|d: &Diagnostic| (d.line, d.severity, d.code))
        .collect()
}

use Severity::{Error as E, Warning as W};

#[test]
fn a_valid_row_gives_no_diagnostic() {
    assert_eq!(codes("2019,037006,suap,si,10,0,nd,5,20\n"), []);
}

#[test]
fn invalid_count() {
    for bad in ["-3", "\"12,5\"", "abc", "99999999999999999999"] {
        assert_eq!(
            codes(&format!("2019,037006,suap,si,{bad},,,,20\n")),
            [(2, E, Code::InvalidCount)],
            "{bad}"
        );
    }
}

#[test]
fn online_exceeds_total() {
    let d = validate(&tables("2019,037006,suap,si,20,,,5,20\n")).unwrap();
    assert_eq!(d.diagnostics[0].code, Code::OnlineExceedsTotal);
    // A platform count equal to the total, with another channel non-zero: the message
    // says the total was probably written in the platform field.
    assert!(d.diagnostics[0].message.contains("platform field"));
}

#[test]
fn unknown_entity_and_unknown_service() {
    assert_eq!(
        codes("2019,999999,suap,si,1,,,,2\n2019,037006,tari,si,1,,,,2\n"),
        [(2, E, Code::UnknownEntity), (3, E, Code::UnknownService)]
    );
}

#[test]
fn competence_mismatch() {
    assert_eq!(
        codes("2019,037006,provincial_fines,si,1,,,,2\n2019,PROV_BO,suap,si,1,,,,2\n2019,PROV_BO,provincial_fines,si,1,,,,2\n"),
        [(2, E, Code::CompetenceMismatch), (3, E, Code::CompetenceMismatch)]
    );
}

#[test]
fn duplicate_row_keeps_the_first_accepted() {
    // Line 2 is rejected (bad count), so line 3 is the first accepted row; line 4 repeats it.
    let rows =
        "2019,037006,suap,si,x,,,,20\n2019,037006,suap,si,10,,,,20\n2019,037006,suap,si,15,,,,20\n";
    assert_eq!(
        codes(rows),
        [(2, E, Code::InvalidCount), (4, E, Code::DuplicateRow)]
    );
    let r = usage(&tables(rows), &UsageOptions::default()).unwrap();
    let suap = r
        .services
        .iter()
        .find(|s| s.service_id.as_str() == "suap")
        .unwrap();
    assert_eq!((suap.online, suap.total), (10, 20));
}

#[test]
fn invalid_year_and_boolean() {
    assert_eq!(
        codes("20l9,037006,suap,si,1,,,,2\n2019,037006,suap,forse,1,,,,2\n"),
        [(2, E, Code::InvalidYear), (3, E, Code::InvalidBoolean)]
    );
}

#[test]
fn active_not_provided_is_kept_with_a_warning() {
    assert_eq!(
        codes("2019,037006,suap,nd,1,,,,2\n"),
        [(2, W, Code::MissingValue)]
    );
}

#[test]
fn counts_on_inactive() {
    // A platform count on a service declared not active is flagged; extra-platform counts
    // and totals are expected there (mail and counters work without the online service).
    assert_eq!(
        codes("2019,037006,suap,no,3,,,,20\n2019,037001,suap,no,0,,,4,20\n"),
        [(2, W, Code::CountsOnInactive)]
    );
}

#[test]
fn platform_equals_total_after_a_far_lower_year() {
    let rows =
        "2018,037006,municipal_fines,si,7,0,,4,179\n2019,037006,municipal_fines,si,169,0,,,169\n";
    let c = codes(rows);
    assert!(c.contains(&(3, W, Code::PlatformEqualsTotal)), "{c:?}");
    // Not flagged when the previous year was comparable.
    let c = codes("2018,037006,suap,si,150,,,,160\n2019,037006,suap,si,169,,,,169\n");
    assert_eq!(c, []);
}

#[test]
fn share_jump() {
    assert_eq!(
        codes("2018,037006,suap,si,10,,,,100\n2019,037006,suap,si,70,,,,100\n"),
        [(3, W, Code::ShareJump)]
    );
    // Exactly 50 points is not more than 50.
    assert_eq!(
        codes("2018,037006,suap,si,10,,,,100\n2019,037006,suap,si,60,,,,100\n"),
        []
    );
}

#[test]
fn total_jump() {
    assert_eq!(
        codes("2018,037006,suap,si,10,,,,100\n2019,037006,suap,si,101,,,,1001\n"),
        [(3, W, Code::TotalJump)]
    );
    assert_eq!(
        codes("2018,037006,suap,si,10,,,,100\n2019,037006,suap,si,100,,,,1000\n"),
        []
    );
}

#[test]
fn invalid_value_in_the_service_catalog() {
    let mut t = tables("");
    t.services = Some(Input::from_text(
        "services.csv",
        "service_id,competence,extra_platform_channel\ntari,regional,pec\n",
    ));
    let d = validate(&t).unwrap().diagnostics;
    assert_eq!((d[0].line, d[0].code), (2, Code::InvalidValue));
}

#[test]
fn every_row_is_accounted_for() {
    let rows = "2019,037006,suap,si,10,,,,20\n\
                2019,037006,suap,si,10,,,,20\n\
                2019,037001,suap,no,3,,,,20\n\
                2019,037001,nursery_fees,si,-1,,,,20\n\
                2019,U1,suap,si,5,,,,10\n";
    let r = usage(&tables(rows), &UsageOptions::default()).unwrap();
    let rejected: std::collections::BTreeSet<u64> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == E)
        .map(|d| d.line)
        .collect();
    assert_eq!(rejected.into_iter().collect::<Vec<_>>(), [3, 5]);
    // Accepted: lines 2, 4 (flagged) and 6: SUAP pools Bologna and the union once.
    let suap = r
        .services
        .iter()
        .find(|s| s.service_id.as_str() == "suap")
        .unwrap();
    assert_eq!((suap.online, suap.total), (15, 30));
    // Anzola's own (inactive) return takes precedence over its union's.
    assert_eq!((suap.bodies_offering, suap.bodies_with_data), (1, 1));
}

#[test]
fn italian_spreadsheets_with_semicolons_aliases_and_thousands() {
    let returns = "Anno;Codice;Servizio;Attivo;Piattaforma regionale;Piattaforma autonoma;\
                   Piattaforma nazionale;Extra piattaforma;Totale\n\
                   2019;37006;registry_certificates;sì;n.d.;63.903;-;29.886;576.931\n";
    let t = Tables {
        entities: Some(Input::from_text("entities.csv", ENTITIES)),
        returns: Some(Input::from_text("utilizzo.csv", returns)),
        ..Tables::default()
    };
    let r = usage(&t, &UsageOptions::default()).unwrap();
    let cert = r
        .services
        .iter()
        .find(|s| s.service_id.as_str() == "registry_certificates")
        .unwrap();
    assert_eq!((cert.online, cert.total), (93_789, 576_931));
    // The ISTAT code lost its leading zero: restored, with a warning.
    assert_eq!(r.diagnostics[0].code, Code::EntityIdPadded);
}

#[test]
fn a_missing_column_is_a_structural_error() {
    let t = Tables {
        entities: Some(Input::from_text("entities.csv", ENTITIES)),
        returns: Some(Input::from_text(
            "returns.csv",
            "year,entity_id,service_id,active,total\n",
        )),
        ..Tables::default()
    };
    let e = usage(&t, &UsageOptions::default()).unwrap_err();
    assert_eq!(e.code(), "missing_column");
    assert_eq!(
        compare(&tables(""), &CompareOptions::new(2019, 2019))
            .unwrap_err()
            .code(),
        "invalid_option"
    );
}

#[test]
fn validate_the_sample_finds_its_deliberate_faults() {
    let d = validate(&desier_core::sample::tables())
        .unwrap()
        .diagnostics;
    let returns: Vec<(u64, Code)> = d
        .iter()
        .filter(|d| d.file.ends_with("returns.csv"))
        .map(|d| (d.line, d.code))
        .collect();
    // The lines of the faults that tools/make_sample.py plants (data/sample/README.md),
    // found here in the CSV text by what they contain.
    let (_, text) = desier_core::sample::FILES
        .iter()
        .find(|(kind, _)| kind.name() == "returns")
        .unwrap();
    let rows: Vec<(u64, Vec<&str>)> = (2u64..)
        .zip(text.lines().skip(1))
        .map(|(n, l)| (n, l.split(',').collect()))
        .collect();
    let n = rows.len() as u64 + 1; // the last line
                                   // The five rejected rows are the last five: -12 (not a count), 12,5 (quoted, not an
                                   // integer), 140 + 35 online > 150 total, an unknown service, a repeated key.
    assert_eq!(rows[rows.len() - 5].1[4], "-12");
    assert!(text.contains("\"12,5\""));
    assert_eq!(rows[rows.len() - 3].1[4..9], ["140", "", "", "35", "150"]);
    assert_eq!(rows[rows.len() - 2].1[2], "servizio_sconosciuto");
    let last = &rows[rows.len() - 1].1;
    let first_of_key = rows.iter().find(|(_, c)| c[..3] == last[..3]).unwrap().0;
    assert!(first_of_key < n);
    // The counts on a service declared not active: the only inactive row with a platform
    // count.
    let inactive: Vec<u64> = rows
        .iter()
        .filter(|(_, c)| c[3] == "false" && c[4..7].iter().any(|v| !v.is_empty()))
        .map(|(l, _)| *l)
        .collect();
    assert_eq!(inactive.len(), 1);
    // The total written in the regional field (regional = total, extra-platform empty):
    // the share is 100% where the previous year's was regional + extra over the total,
    // (t/25 + t/40) / t = 6.5%, a jump of more than 50 points.
    let full: Vec<&(u64, Vec<&str>)> = rows
        .iter()
        .filter(|(_, c)| c[3] == "true" && !c[4].is_empty() && c[4] == c[8] && c[7].is_empty())
        .collect();
    assert_eq!(full.len(), 1);
    let (w2, cells) = full[0];
    let prev = rows
        .iter()
        .find(|(_, c)| c[0] == "2018" && c[1] == cells[1] && c[2] == cells[2])
        .unwrap();
    let share = |c: &[&str]| {
        let n = |v: &str| v.parse::<f64>().unwrap_or(0.0);
        (n(c[4]) + n(c[5]) + n(c[6]) + n(c[7])) / n(c[8])
    };
    assert!(share(&cells[..]) - share(&prev.1[..]) > 0.5);
    let mut expected = vec![
        (*w2, Code::PlatformEqualsTotal),
        (*w2, Code::ShareJump),
        (inactive[0], Code::CountsOnInactive),
        (n - 4, Code::InvalidCount),
        (n - 3, Code::InvalidCount),
        (n - 2, Code::OnlineExceedsTotal),
        (n - 1, Code::UnknownService),
        (n, Code::DuplicateRow),
    ];
    expected.sort_by_key(|(line, _)| *line);
    assert_eq!(returns, expected);
}
