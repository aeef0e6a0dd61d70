//! pagoPA receipts as XML (ricevute telematiche): `paSendRT` and `paSendRTV2` requests as
//! the node sends them to the creditor, bare or in a SOAP envelope, with any namespace
//! prefix, one or many per file; one record per `transfer` of the receipt's
//! `transferList`.
//!
//! XML is untrusted input: a DTD (`<!DOCTYPE`) is refused before anything in it is read,
//! an entity reference other than XML's five and character references is refused, and no
//! external resource is ever resolved (quick-xml resolves none). A billion-laughs or an
//! external-entity file therefore stops at its DTD, in bounded time and memory.

use super::Lines;
use crate::diagnostics::{show, Code, Diagnostics};
use crate::error::Result;
use crate::payments::record::{col, RawPayment, Sink, Verdict, FIELDS};
use quick_xml::events::Event;
use std::io::BufRead;

/// Deeper nesting than this is not a receipt: the file is refused.
const MAX_DEPTH: usize = 64;
/// A receipt with more transfers than this is refused (pagoPA allows five).
const MAX_TRANSFERS: usize = 1000;
/// A text or tag longer than this is refused (no field of a receipt is near it).
const MAX_EVENT: usize = 1 << 20;

/// The field a receipt element's text goes to, by its local name and its parent's.
fn field_of(parent: &[u8], name: &[u8]) -> Option<usize> {
    Some(match (parent, name) {
        (b"receipt", b"receiptId") => col::RECEIPT_ID,
        (b"receipt", b"creditorReferenceId") => col::IUV,
        (b"receipt", b"outcome") => col::OUTCOME,
        (b"receipt", b"idPSP") => col::PSP_ID,
        (b"receipt", b"idChannel") => col::CHANNEL_ID,
        (b"receipt", b"channelDescription") => col::CHANNEL_DESCRIPTION,
        (b"receipt", b"paymentMethod") => col::PAYMENT_METHOD,
        (b"receipt", b"paymentDateTime") => col::PAID_AT,
        (b"transfer", b"fiscalCodePA") => col::CREDITOR,
        (b"transfer", b"transferAmount") => col::AMOUNT,
        (b"transfer", b"transferCategory") => col::CATEGORY,
        _ => return None,
    })
}

/// The request-level fields (`idBrokerPA`, `idStation`; `idPA` as the creditor of a
/// transfer without `fiscalCodePA`).
fn request_field(name: &[u8]) -> Option<usize> {
    Some(match name {
        b"idBrokerPA" => col::BROKER_PA_ID,
        b"idStation" => col::STATION_ID,
        b"idPA" => col::CREDITOR,
        _ => return None,
    })
}

/// Whether an element is a `paSendRT` / `paSendRTV2` request (`paSendRTReq`,
/// `paSendRTV2Request`, ...), not the node's response (`...Res`, `...Response`).
fn is_request(name: &[u8]) -> bool {
    name.starts_with(b"paSendRT") && !name.ends_with(b"Res") && !name.ends_with(b"Response")
}

/// One request being read.
#[derive(Default)]
struct Request {
    /// Depth of the request element.
    depth: usize,
    line: u64,
    /// Request and receipt fields.
    common: RawPayment,
    /// The transfers: line and (creditor, amount, category).
    transfers: Vec<(u64, [String; 3])>,
}

/// Reads pagoPA receipts, handing one record per transfer to `sink`. A file that is not
/// well-formed XML stops at the first error (`malformed_xml`, with its line); a DTD or an
/// unknown entity stops it too (`unsafe_xml`). Records of the receipts read before stay.
pub fn read_xml(
    file: &str,
    src: impl BufRead,
    diags: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> Result<()> {
    let mut reader = quick_xml::Reader::from_reader(Lines::new(src));
    {
        let config = reader.config_mut();
        config.trim_text(true);
        config.check_end_names = true;
        config.expand_empty_elements = true;
    }
    let mut buf = Vec::new();
    // Local names of the open elements.
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut request: Option<Request> = None;
    let mut text = String::new();
    let mut receipts = 0u64;
    loop {
        if buf.len() > MAX_EVENT {
            let line = reader.get_ref().line();
            diags.error(file, line, Code::MalformedXml, "un elemento del file è più lungo di un mega: non è una ricevuta pagoPA; la lettura si ferma qui");
            return Ok(());
        }
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                let line = reader.get_ref().line();
                diags.error(file, line, Code::MalformedXml, format!("il file non è XML ben formato ({}): la lettura si ferma a questa riga; le ricevute precedenti sono state lette; controllare che il file sia completo e non modificato", show(&e.to_string())));
                return Ok(());
            }
        };
        let line = reader.get_ref().line();
        match event {
            Event::DocType(dtd) => {
                // The line where the DTD starts.
                let inside = dtd.xml10_content().matches('\n').count() as u64;
                diags.error(file, line.saturating_sub(inside).max(1), Code::UnsafeXml, "il file contiene una DTD (<!DOCTYPE ...>): le ricevute pagoPA non ne hanno, e una DTD può definire entità che si espandono all'infinito o leggono file e indirizzi esterni; il file è rifiutato senza leggerla: chiedere l'esportazione originale delle ricevute");
                return Ok(());
            }
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                    continue;
                }
                let name = r.xml10_content();
                match name.as_ref() {
                    "amp" => text.push('&'),
                    "lt" => text.push('<'),
                    "gt" => text.push('>'),
                    "quot" => text.push('"'),
                    "apos" => text.push('\''),
                    other => {
                        diags.error(file, line, Code::UnsafeXml, format!("il file usa l'entità `&{};`, che non è una delle cinque dell'XML: le entità non sono mai espanse; il file è rifiutato da questa riga", show(other)));
                        return Ok(());
                    }
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::Start(e) => {
                if path.len() >= MAX_DEPTH {
                    diags.error(file, line, Code::MalformedXml, format!("il file annida gli elementi oltre {MAX_DEPTH} livelli: non è una ricevuta pagoPA; la lettura si ferma qui"));
                    return Ok(());
                }
                text.clear();
                let name = e.local_name().as_ref().as_bytes().to_vec();
                if request.is_none() && is_request(&name) {
                    request = Some(Request {
                        depth: path.len() + 1,
                        line,
                        ..Request::default()
                    });
                } else if let Some(req) = request.as_mut() {
                    if name == b"transfer"
                        && path.last().map(Vec::as_slice) == Some(b"transferList")
                    {
                        if req.transfers.len() >= MAX_TRANSFERS {
                            diags.error(file, line, Code::MalformedXml, format!("la ricevuta ha più di {MAX_TRANSFERS} transfer: non è una ricevuta pagoPA; la lettura si ferma qui"));
                            return Ok(());
                        }
                        req.transfers.push((line, Default::default()));
                    }
                }
                path.push(name);
            }
            Event::End(_) => {
                let Some(name) = path.pop() else {
                    continue;
                };
                let value = std::mem::take(&mut text);
                let Some(req) = request.as_mut() else {
                    continue;
                };
                let depth = path.len() + 1;
                if depth == req.depth {
                    receipts += 1;
                    emit(file, req, diags, sink);
                    request = None;
                    continue;
                }
                let parent = path.last().map(Vec::as_slice).unwrap_or(b"");
                if depth == req.depth + 1 {
                    if let Some(k) = request_field(&name) {
                        // `idPA` only fills the creditor of transfers without their own.
                        req.common.set(k, &value);
                    }
                } else if depth == req.depth + 2 && parent == b"receipt" {
                    if let Some(k) = field_of(parent, &name) {
                        req.common.set(k, &value);
                    }
                } else if parent == b"transfer" && depth == req.depth + 4 {
                    if let (Some(k), Some((_, t))) =
                        (field_of(parent, &name), req.transfers.last_mut())
                    {
                        let slot = match k {
                            col::CREDITOR => 0,
                            col::AMOUNT => 1,
                            _ => 2,
                        };
                        t[slot] = value.trim().to_owned();
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if request.is_some() || !path.is_empty() {
        let line = reader.get_ref().line();
        diags.error(file, line, Code::MalformedXml, "il file finisce prima della fine della ricevuta: è stato probabilmente troncato; l'ultima ricevuta è scartata; inviare il file completo");
    } else if receipts == 0 {
        diags.error(file, 1, Code::MalformedXml, "il file XML non contiene ricevute pagoPA (elementi paSendRT o paSendRTV2): controllare che sia l'esportazione delle ricevute");
    }
    Ok(())
}

/// Hands one record per transfer of a finished request to `sink`.
fn emit(file: &str, req: &mut Request, diags: &mut Diagnostics, sink: &mut Sink<'_>) {
    if req.transfers.is_empty() {
        diags.error(file, req.line, Code::MalformedXml, "questa ricevuta non ha transfer (transferList vuota o assente): non si sa a quale ente e servizio vada il pagamento; la ricevuta è scartata");
        return;
    }
    let mut raw = RawPayment::default();
    for (line, [creditor, amount, category]) in &req.transfers {
        raw.line = *line;
        for k in 0..FIELDS {
            raw.fields[k].clone_from(&req.common.fields[k]);
        }
        if !creditor.is_empty() {
            raw.set(col::CREDITOR, creditor);
        }
        raw.set(col::AMOUNT, amount);
        raw.set(col::CATEGORY, category);
        sink(&raw, Verdict::Read, diags);
    }
}
