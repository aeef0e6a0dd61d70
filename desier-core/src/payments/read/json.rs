//! pagoPA business events as JSON (eventi di business, biz-events): one event, an array
//! of events, or one per line (or any mix of concatenated events); one record per entry
//! of the event's `transferList`. Events are read one at a time (the array too), so a
//! file of millions of events is read in the memory of one. JSON nested deeper than
//! serde_json's limit (128 levels) is refused with a diagnostic, never a stack overflow.

use super::Lines;
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::{Error, Result};
use crate::payments::record::{col, RawPayment, Sink, Verdict};
use serde::Deserialize;
use serde_json::Value;
use std::io::BufRead;

/// The text of a JSON scalar at `path` ("" when absent, null, or not a scalar).
fn text(v: &Value, path: &[&str]) -> String {
    let mut v = v;
    for key in path {
        match v.get(key) {
            Some(next) => v = next,
            None => return String::new(),
        }
    }
    match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// The first non-empty text among `paths`.
fn first(v: &Value, paths: &[&[&str]]) -> String {
    paths
        .iter()
        .map(|p| text(v, p))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// Skips blanks and, between the events of an array, one `,`; returns the next byte
/// without consuming it.
fn peek(src: &mut impl BufRead, commas: bool) -> std::io::Result<Option<u8>> {
    loop {
        let buf = src.fill_buf()?;
        let Some(&b) = buf.first() else {
            return Ok(None);
        };
        if b.is_ascii_whitespace() || (commas && b == b',') || b == 0xEF || b == 0xBB || b == 0xBF {
            // A UTF-8 BOM's bytes are skipped with the blanks.
            src.consume(1);
        } else {
            return Ok(Some(b));
        }
    }
}

/// Reads business events, handing one record per transfer to `sink`. A file that is not
/// JSON stops at the first error (`malformed_json`, with its line); the events read
/// before stay.
pub fn read_json(
    file: &str,
    src: impl BufRead,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> Result<()> {
    let mut src = Lines::new(src);
    let io = |e: std::io::Error| Error::Unreadable {
        file: file.to_owned(),
        reason: e.to_string(),
    };
    let mut in_array = false;
    let mut events = 0u64;
    let mut raw = RawPayment::default();
    while let Some(b) = peek(&mut src, in_array).map_err(io)? {
        if b == b'[' && !in_array {
            src.consume(1);
            in_array = true;
            continue;
        }
        if b == b']' && in_array {
            src.consume(1);
            in_array = false;
            continue;
        }
        let line = src.line();
        let mut de = serde_json::Deserializer::from_reader(&mut src);
        let event = match Value::deserialize(&mut de) {
            Ok(v) => v,
            Err(e) => {
                let what = if e.to_string().contains("recursion limit") {
                    "è annidato troppo in profondità (oltre 128 livelli): non è un evento pagoPA"
                        .to_owned()
                } else {
                    format!("non è JSON valido ({})", show(&e.to_string()))
                };
                diags.error(file, line + u64::try_from(e.line()).unwrap_or(1).saturating_sub(1), Code::MalformedJson, format!("il file {what}: la lettura si ferma qui; gli eventi precedenti sono stati letti; controllare che il file sia completo e non modificato"));
                return Ok(());
            }
        };
        events += 1;
        event_records(file, line, &event, &mut raw, diags, sink);
    }
    if in_array {
        diags.error(file, src.line(), Code::MalformedJson, "il file finisce prima della chiusura dell'elenco di eventi (`]`): è stato probabilmente troncato; inviare il file completo");
    } else if events == 0 {
        diags.error(file, 1, Code::MalformedJson, "il file JSON non contiene eventi pagoPA: controllare che sia l'esportazione degli eventi di business");
    }
    Ok(())
}

/// Hands the records of one event (one per entry of `transferList`) to `sink`.
fn event_records(
    file: &str,
    line: u64,
    event: &Value,
    raw: &mut RawPayment,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) {
    let Some(transfers) = event
        .get("transferList")
        .and_then(Value::as_array)
        .filter(|t| !t.is_empty())
    else {
        let what = if event.is_object() {
            "non ha transferList"
        } else {
            "non è un oggetto JSON"
        };
        diags.error(file, line, Code::MalformedJson, format!("questo evento {what}: non si sa a quale ente e servizio vada il pagamento; l'evento è scartato"));
        return;
    };
    raw.clear();
    raw.line = line;
    raw.set(
        col::RECEIPT_ID,
        &first(
            event,
            &[
                &["receiptId"],
                &["debtorPosition", "iur"],
                &["paymentInfo", "IUR"],
            ],
        ),
    );
    raw.set(col::IUV, &text(event, &["debtorPosition", "iuv"]));
    raw.set(col::BROKER_PA_ID, &text(event, &["creditor", "idBrokerPA"]));
    raw.set(col::STATION_ID, &text(event, &["creditor", "idStation"]));
    raw.set(col::PSP_ID, &text(event, &["psp", "idPsp"]));
    raw.set(col::PSP_BROKER_ID, &text(event, &["psp", "idBrokerPsp"]));
    raw.set(col::CHANNEL_ID, &text(event, &["psp", "idChannel"]));
    raw.set(
        col::CHANNEL_DESCRIPTION,
        &text(event, &["psp", "channelDescription"]),
    );
    raw.set(
        col::PAID_AT,
        &text(event, &["paymentInfo", "paymentDateTime"]),
    );
    raw.set(
        col::PAYMENT_METHOD,
        &text(event, &["paymentInfo", "paymentMethod"]),
    );
    raw.set(
        col::TOUCHPOINT,
        &text(event, &["paymentInfo", "touchpoint"]),
    );
    raw.set(
        col::ORIGIN,
        &first(
            event,
            &[
                &["transactionDetails", "info", "clientId"],
                &["transactionDetails", "transaction", "origin"],
            ],
        ),
    );
    // eventStatus: DONE or absent = executed; CANCELLED, REFUNDED = not executed; any
    // other status is kept as the outcome, which rejects the record.
    let status = text(event, &["eventStatus"]);
    let outcome = match status.to_ascii_uppercase().as_str() {
        "" | "DONE" => "",
        "CANCELLED" | "REFUNDED" => "KO",
        _ => status.as_str(),
    };
    raw.set(col::OUTCOME, outcome);
    let creditor = text(event, &["creditor", "idPA"]);
    for t in transfers {
        let own = text(t, &["fiscalCodePA"]);
        raw.set(col::CREDITOR, if own.is_empty() { &creditor } else { &own });
        raw.set(col::AMOUNT, &text(t, &["amount"]));
        raw.set(col::CATEGORY, &text(t, &["transferCategory"]));
        sink(raw, Verdict::Read, diags);
    }
}
