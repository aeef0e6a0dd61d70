//! Every reader on arbitrary bytes: the first byte picks the table (and whether the rest is
//! given as bytes or as in-memory rows), the rest is the file. Any input must give rows and
//! diagnostics whose accounting adds up, or a structural error: never a panic or a hang.
#![no_main]

use desier_core::io::{entities, facilities, offer, procedures, returns, services};
use desier_core::{Diagnostics, Input, ServiceCatalog, TableKind};
use desier_fuzz::{check, input, table_of, ENTITIES, PROCEDURES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let table = table_of(selector);
    let file = input(table.name(), bytes, selector & 0x80 != 0);
    let mut diags = Diagnostics::new();
    let registry = || {
        let mut d = Diagnostics::new();
        entities::read_entities(&Input::from_static("e.csv", ENTITIES), &mut d)
            .expect("fixture registry")
            .0
    };
    let read = match table {
        TableKind::Entities => entities::read_entities(&file, &mut diags).map(|(r, read)| {
            assert_eq!(r.len() as u64, read.accepted + read.accepted_with_warnings);
            read
        }),
        TableKind::Facilities => {
            facilities::read_facilities(&file, &registry(), &mut diags).map(|(f, read)| {
                assert_eq!(f.len() as u64, read.accepted + read.accepted_with_warnings);
                read
            })
        }
        TableKind::Procedures => procedures::read_procedures(&file, &mut diags).map(|(c, read)| {
            assert_eq!(
                c.procedures().len() as u64,
                read.accepted + read.accepted_with_warnings
            );
            read
        }),
        TableKind::Offer => {
            let mut d = Diagnostics::new();
            let catalog =
                procedures::read_procedures(&Input::from_static("p.csv", PROCEDURES), &mut d)
                    .expect("fixture catalog")
                    .0;
            offer::read_offer(&file, &registry(), &catalog, &mut diags).map(|(o, read)| {
                let kept: usize = o.years.values().map(|y| y.len()).sum();
                assert_eq!(kept as u64, read.accepted + read.accepted_with_warnings);
                read
            })
        }
        TableKind::Services => services::read_services(&file, &mut diags).map(|(s, read)| {
            assert_eq!(s.len() as u64, read.accepted + read.accepted_with_warnings);
            read
        }),
        TableKind::Returns => {
            returns::read_returns(&file, &registry(), &ServiceCatalog::default(), &mut diags).map(
                |(r, read)| {
                    assert_eq!(
                        r.rows().len() as u64,
                        read.accepted + read.accepted_with_warnings
                    );
                    read
                },
            )
        }
        // `table_of` picks among TableKind::ALL; the payment tables have their own target.
        TableKind::Payments | TableKind::ServiceMap | TableKind::ChannelRules => return,
    };
    match read {
        Ok(read) => check(&[read], diags.as_slice()),
        Err(e) => {
            assert!(!e.code().is_empty());
            assert!(!e.to_string().is_empty());
        }
    }
});
