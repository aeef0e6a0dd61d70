//! The instructions sheet of the survey workbook (Istruzioni), in Italian for the office
//! that fills it in: what each column means, what a platform is, what is online outside
//! the platforms, what the total is, and that `nd` is never 0.

use crate::validate::{SHARE_JUMP, TOTAL_JUMP};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// Writes the instructions for the survey of `year` on `ws`.
pub(crate) fn write(ws: &mut Worksheet, year: i32) -> Result<(), XlsxError> {
    ws.set_name("Istruzioni")?;
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new().set_bold().set_font_size(11);
    let body = Format::new().set_text_wrap();
    ws.set_column_width(0, 110)?;
    ws.write_string_with_format(
        0,
        0,
        format!("Rilevazione dell'utilizzo dei servizi online - anno {year}"),
        &title,
    )?;
    let mut row = 2;
    for (head, paragraphs) in sections(year) {
        ws.write_string_with_format(row, 0, head, &heading)?;
        row += 1;
        for p in paragraphs {
            ws.write_string_with_format(row, 0, &p, &body)?;
            // About 120 characters a line at this width.
            let lines = p.chars().count() / 120 + 1;
            ws.set_row_height(row, 15 * lines as u32)?;
            row += 1;
        }
        row += 1;
    }
    ws.protect();
    Ok(())
}

fn sections(year: i32) -> Vec<(&'static str, Vec<String>)> {
    let share_points = (SHARE_JUMP * 100.0).round();
    vec![
        ("Come si compila", vec![
            format!("Il foglio «Rilevazione» ha una riga per ogni ente e ogni servizio di sua competenza. Per ogni riga si compilano solo le celle bianche: «Attivo» e i cinque conteggi dell'anno {year}. Le altre celle sono bloccate: i dati dell'ente e del servizio, le colonne calcolate, i dati dell'anno precedente e i conteggi precaricati da pagoPA."),
            "I conteggi sono numeri di richieste (o di pagamenti, per i servizi di pagamento) presentate nell'anno: numeri interi da 0 in su, senza decimali. Se un dato non è disponibile si scrive nd: nd significa «non disponibile» e non vale mai 0. Scrivere 0 solo quando le richieste sono state davvero zero.".into(),
            "Non aggiungere, togliere o spostare colonne e righe: il file viene riletto così com'è.".into(),
        ]),
        ("Le colonne da compilare", vec![
            "Attivo: si se nell'anno il servizio era disponibile online (su una qualsiasi piattaforma), no se non lo era. Se il servizio non era attivo si possono comunque indicare i canali extra piattaforma e il totale.".into(),
            "Piattaforma regionale: richieste presentate sulle piattaforme messe a disposizione dalla Regione (ad esempio SUAPER, SIEDER, Payer per i pagamenti).".into(),
            "Piattaforma autonoma: richieste presentate sulla piattaforma propria dell'ente o del suo fornitore di software.".into(),
            "Piattaforma nazionale: richieste presentate sulle piattaforme nazionali (ad esempio «impresa in un giorno»).".into(),
            "Extra piattaforma: richieste arrivate online ma fuori dalle piattaforme: per posta elettronica o PEC; per i pagamenti, con l'home banking o nei canali dei prestatori di servizi di pagamento (vedi sotto).".into(),
            "Totale: tutte le richieste dell'anno, da qualsiasi canale, online e non online (sportello, posta, telefono). Il totale comprende quindi anche le richieste delle piattaforme e quelle extra piattaforma, e non può essere minore della loro somma.".into(),
        ]),
        ("I pagamenti e pagoPA", vec![
            "Con pagoPA l'ente crea un avviso di pagamento; il cittadino lo può pagare in più modi. Conta come piattaforma il pagamento avviato sul portale dei pagamenti (ad esempio Payer della Regione, o il portale dell'ente): il cittadino entra nel portale, sceglie il pagamento e paga subito (nel linguaggio pagoPA, il «modello 1», pagamento avviato presso l'ente).".into(),
            "Conta come extra piattaforma il pagamento dello stesso avviso fatto online fuori dal portale: con l'home banking, con l'app della banca o di un altro prestatore (il «modello 3», pagamento avviato presso il prestatore).".into(),
            "Non è online il pagamento in contanti o con carta allo sportello, in banca, in posta, in tabaccheria o al bancomat: entra solo nel totale.".into(),
            "Quando la colonna «Precaricato da pagoPA» dice sì, i conteggi online della riga vengono dai pagamenti pagoPA che la Regione già conosce: sono bloccati (in verde). Il totale va comunque scritto dall'ufficio: i pagamenti pagoPA sono solo una parte di tutti i pagamenti, per cui il totale è almeno il numero indicato.".into(),
        ]),
        ("Le colonne calcolate", vec![
            "Quota online: la parte delle richieste arrivate online (piattaforme più extra piattaforma) sul totale. Si calcola solo quando il servizio è attivo, c'è almeno un conteggio di piattaforma e il totale è maggiore di zero.".into(),
            "Controlli: dice con parole cosa non va nella riga. «Errore» significa che la riga non può essere usata (riga rossa) finché non si corregge; gli altri avvisi (riga arancione) segnalano numeri sospetti da ricontrollare.".into(),
            format!("I controlli sono: «Attivo» non valido; un conteggio che non è un numero intero da 0 in su né nd; l'utilizzo online maggiore del totale; «Attivo» non indicato (nd); conteggi di piattaforma su un servizio non attivo; una piattaforma uguale al totale quando l'anno scorso era meno della metà (spesso il totale è stato scritto nel campo della piattaforma); la quota online che cambia di più di {share_points} punti rispetto all'anno scorso; il totale che cambia di più di {TOTAL_JUMP} volte rispetto all'anno scorso."),
            "Da completare: cosa manca perché la riga dia un dato utile (un conteggio di piattaforma, il totale).".into(),
            format!("Le colonne «anno precedente» (in grigio) riportano i dati inviati per il {}, per confronto: non si modificano.", year - 1),
        ]),
    ]
}
