//! Writing the survey workbook with rust_xlsxwriter: the instructions sheet, then the data
//! sheet (`Rilevazione`, a sheet name the returns reader looks for) with its formats, data
//! validation, formulas, conditional formatting and protection.

use super::formulas::{self, RowCells};
use super::{instructions, write_error, SurveyRow};
use crate::error::Result;
use crate::model::returns::{Counts, UsageReturn};
use crate::model::services::Channel;
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, Format, FormatBorder, Formula,
    ProtectionOptions, Workbook, Worksheet,
};

/// The name of the data sheet (an Italian name of the returns table).
pub(crate) const DATA_SHEET: &str = "Rilevazione";

/// The columns of the data sheet, in order: the header (read back as the returns columns
/// or as [`crate::schema::RETURNS_WORKBOOK`]) and its kind.
const COLUMNS: [(&str, Kind); 22] = [
    ("Anno", Kind::Fixed),
    ("Codice ente", Kind::Fixed),
    ("Ente", Kind::Fixed),
    ("Id servizio", Kind::Fixed),
    ("Nome servizio", Kind::Fixed),
    ("Attivo", Kind::Fill),
    ("Piattaforma regionale", Kind::Fill),
    ("Piattaforma autonoma", Kind::Fill),
    ("Piattaforma nazionale", Kind::Fill),
    ("Extra piattaforma", Kind::Fill),
    ("Totale", Kind::Fill),
    ("Quota online", Kind::Computed),
    ("Controlli", Kind::Computed),
    ("Da completare", Kind::Computed),
    ("Precaricato da pagoPA", Kind::Fixed),
    ("Attivo anno precedente", Kind::Previous),
    ("Piattaforma regionale anno precedente", Kind::Previous),
    ("Piattaforma autonoma anno precedente", Kind::Previous),
    ("Piattaforma nazionale anno precedente", Kind::Previous),
    ("Extra piattaforma anno precedente", Kind::Previous),
    ("Totale anno precedente", Kind::Previous),
    ("Quota online anno precedente", Kind::Previous),
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Fixed,
    Fill,
    Computed,
    Previous,
}

const ACTIVE: u16 = 5;
const FIRST_COUNT: u16 = 6;
const SHARE: u16 = 11;
const CHECKS: u16 = 12;
const TO_COMPLETE: u16 = 13;
const PRELOADED: u16 = 14;
const PREVIOUS_ACTIVE: u16 = 15;
const PREVIOUS_SHARE: u16 = 21;

/// The longest text a cell holds.
const CELL_LIMIT: usize = 32_767;

/// `A`..`Z` name of a column of the data sheet (all are below 26).
fn letter(col: u16) -> char {
    (b'A' + col as u8) as char
}

fn cells(first: u16, row: u32) -> RowCells {
    let at = |k: u16| format!("{}{row}", letter(first + k));
    RowCells {
        active: at(0),
        platforms: [at(1), at(2), at(3)],
        extra: at(4),
        total: at(5),
    }
}

/// Text from the input, cut to what a cell holds. Always written with `write_string`, so
/// a name beginning with `=`, `+`, `-` or `@` stays text and never becomes a formula.
fn text(s: &str) -> &str {
    match s.char_indices().nth(CELL_LIMIT) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

struct Formats {
    header: Format,
    fixed: Format,
    fill: Format,
    preloaded: Format,
    computed: Format,
    percent: Format,
    previous: Format,
    previous_percent: Format,
}

impl Formats {
    fn new() -> Self {
        let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color(0xBFBFBF);
        let grey = Color::RGB(0xE7E6E6);
        Self {
            header: border(
                Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_background_color(0xDDEBF7),
            ),
            fixed: border(Format::new().set_background_color(0xF2F2F2)),
            fill: border(Format::new().set_unlocked()),
            preloaded: border(
                Format::new()
                    .set_italic()
                    .set_background_color(0xE2EFDA)
                    .set_font_color(0x375623),
            ),
            computed: border(Format::new().set_background_color(0xFFF9E5)),
            percent: border(
                Format::new()
                    .set_num_format("0.0%")
                    .set_background_color(0xFFF9E5),
            ),
            previous: border(
                Format::new()
                    .set_background_color(grey)
                    .set_font_color(0x595959),
            ),
            previous_percent: border(
                Format::new()
                    .set_num_format("0.0%")
                    .set_background_color(grey)
                    .set_font_color(0x595959),
            ),
        }
    }
}

/// The workbook of `rows` (all of one year) as .xlsx bytes.
pub(crate) fn write(rows: &[SurveyRow<'_>], year: i32) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let guide = wb.add_worksheet();
    instructions::write(guide, year).map_err(write_error)?;
    let data = wb.add_worksheet();
    write_data(data, rows).map_err(write_error)?;
    wb.save_to_buffer().map_err(write_error)
}

fn write_data(
    ws: &mut Worksheet,
    rows: &[SurveyRow<'_>],
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(DATA_SHEET)?;
    let f = Formats::new();
    let mut widths: Vec<usize> = COLUMNS.iter().map(|(h, _)| longest_word(h)).collect();
    for (col, (h, _)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &f.header)?;
    }
    ws.set_row_height(0, 45)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let line = row + 1;
        let mut put = |ws: &mut Worksheet, col: u16, s: &str, fmt: &Format| {
            widths[col as usize] = widths[col as usize].max(s.chars().count());
            ws.write_string_with_format(row, col, text(s), fmt)
                .map(|_| ())
        };
        ws.write_number_with_format(row, 0, f64::from(r.year), &f.fixed)?;
        put(ws, 1, r.entity.id.as_str(), &f.fixed)?;
        put(ws, 2, &r.entity.name, &f.fixed)?;
        put(ws, 3, r.service.id.as_str(), &f.fixed)?;
        put(ws, 4, &r.service.name, &f.fixed)?;
        ws.write_blank(row, ACTIVE, &f.fill)?;
        for (k, channel) in Channel::ALL.into_iter().enumerate() {
            let col = FIRST_COUNT + k as u16;
            // The online counts of pagoPA are preloaded and locked; the total of pagoPA is
            // only a floor of the body's total (payments outside pagoPA), so it is shown in
            // the marker column and the office writes the total.
            match r.preloaded.and_then(|p| p.counts.get(channel)) {
                Some(v) if channel != Channel::Total => {
                    ws.write_number_with_format(row, col, v as f64, &f.preloaded)?;
                }
                _ => {
                    ws.write_blank(row, col, &f.fill)?;
                }
            }
        }
        if let Some(p) = r.preloaded {
            let floor = p
                .counts
                .total
                .map(|t| format!(" (pagamenti pagoPA in tutto: {t}; il totale è almeno questo)"))
                .unwrap_or_default();
            put(ws, PRELOADED, &format!("sì{floor}"), &f.preloaded)?;
        } else {
            ws.write_blank(row, PRELOADED, &f.fixed)?;
        }
        write_previous(ws, row, r.previous, &f)?;
        let now = cells(ACTIVE, line);
        let before = cells(PREVIOUS_ACTIVE, line);
        ws.write_formula_with_format(
            row,
            SHARE,
            Formula::new(formulas::share_formula(&now)),
            &f.percent,
        )?;
        ws.write_formula_with_format(
            row,
            CHECKS,
            Formula::new(formulas::checks_formula(&now, &before)),
            &f.computed,
        )?;
        ws.write_formula_with_format(
            row,
            TO_COMPLETE,
            Formula::new(formulas::to_complete_formula(&now)),
            &f.computed,
        )?;
        ws.write_formula_with_format(
            row,
            PREVIOUS_SHARE,
            Formula::new(formulas::share_formula(&before)),
            &f.previous_percent,
        )?;
    }
    let last = rows.len() as u32;
    if last > 0 {
        validations(ws, last)?;
        highlight(ws, last)?;
    }
    for (col, (_, kind)) in COLUMNS.iter().enumerate() {
        let w = match kind {
            Kind::Computed if col as u16 == SHARE => 10,
            Kind::Computed => 60,
            _ => widths[col].clamp(8, 50) + 2,
        };
        ws.set_column_width(col as u16, w as f64)?;
    }
    ws.set_freeze_panes(1, 5)?;
    let mut allow = ProtectionOptions::new();
    allow.format_columns = true;
    allow.format_rows = true;
    ws.protect_with_options(&allow);
    Ok(())
}

fn write_previous(
    ws: &mut Worksheet,
    row: u32,
    previous: Option<&UsageReturn>,
    f: &Formats,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    let Some(p) = previous else {
        for k in 0..6 {
            ws.write_blank(row, PREVIOUS_ACTIVE + k, &f.previous)?;
        }
        return Ok(());
    };
    let active = match p.active {
        Some(true) => "si",
        Some(false) => "no",
        None => "nd",
    };
    ws.write_string_with_format(row, PREVIOUS_ACTIVE, active, &f.previous)?;
    let counts: &Counts = &p.counts;
    for (k, channel) in Channel::ALL.into_iter().enumerate() {
        let col = PREVIOUS_ACTIVE + 1 + k as u16;
        match counts.get(channel) {
            Some(v) => ws.write_number_with_format(row, col, v as f64, &f.previous)?,
            None => ws.write_string_with_format(row, col, "nd", &f.previous)?,
        };
    }
    Ok(())
}

/// Data validation: `active` from a list (si, no), counts whole numbers from 0 or `nd`.
fn validations(
    ws: &mut Worksheet,
    last: u32,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    let active = DataValidation::new()
        .allow_list_strings(&["si", "no"])?
        .set_input_title("Attivo")?
        .set_input_message("si se il servizio online era attivo nell'anno, altrimenti no")?
        .set_error_title("Valore non valido")?
        .set_error_message("Scrivere si oppure no.")?;
    ws.add_data_validation(1, ACTIVE, last, ACTIVE, &active)?;
    let c = format!("{}2", letter(FIRST_COUNT));
    let count = DataValidation::new()
        .allow_custom(Formula::new(format!(
            "=IF(ISNUMBER({c}),AND({c}>=0,{c}=INT({c})),LOWER(TRIM({c}))=\"nd\")"
        )))
        .set_input_title("Conteggio")?
        .set_input_message("Un numero intero da 0 in su, oppure nd se il dato non è disponibile (mai 0 al posto di nd).")?
        .set_error_title("Valore non valido")?
        .set_error_message("Scrivere un numero intero da 0 in su, oppure nd se il dato non è disponibile.")?;
    ws.add_data_validation(1, FIRST_COUNT, last, FIRST_COUNT + 4, &count)?;
    Ok(())
}

/// Conditional formatting: rows that desier leaves out red, rows it flags orange.
fn highlight(ws: &mut Worksheet, last: u32) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    let checks = letter(CHECKS);
    let n = formulas::ERROR_PREFIX.chars().count();
    let error = ConditionalFormatFormula::new()
        .set_rule(Formula::new(format!(
            "=LEFT(${checks}2,{n})=\"{}\"",
            formulas::ERROR_PREFIX
        )))
        .set_format(Format::new().set_background_color(0xF8CBAD))
        .set_stop_if_true(true);
    let warning = ConditionalFormatFormula::new()
        .set_rule(Formula::new(format!("=${checks}2<>\"\"")))
        .set_format(Format::new().set_background_color(0xFFE699));
    let end = COLUMNS.len() as u16 - 1;
    ws.add_conditional_format(1, 0, last, end, &error)?;
    ws.add_conditional_format(1, 0, last, end, &warning)?;
    Ok(())
}

/// The length of the longest word of a header (the header wraps).
fn longest_word(h: &str) -> usize {
    h.split(' ').map(|w| w.chars().count()).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_back_as_returns_or_workbook_columns() {
        let known: Vec<&str> = crate::schema::RETURNS
            .iter()
            .chain(crate::schema::RETURNS_WORKBOOK)
            .flat_map(|c| c.aliases.iter().copied())
            .collect();
        for (h, _) in COLUMNS {
            let n = crate::schema::normalise_header(h);
            assert!(known.contains(&n.as_str()), "{h} -> {n}");
        }
        assert_eq!(COLUMNS[SHARE as usize].0, "Quota online");
        assert_eq!(
            COLUMNS[PREVIOUS_ACTIVE as usize].0,
            "Attivo anno precedente"
        );
    }

    #[test]
    fn long_texts_are_cut_to_a_cell() {
        let long = "é".repeat(CELL_LIMIT + 5);
        assert_eq!(text(&long).chars().count(), CELL_LIMIT);
        assert_eq!(text("=1+1"), "=1+1");
    }
}
