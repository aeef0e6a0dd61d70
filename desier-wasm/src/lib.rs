//! # desier-wasm
//!
//! WebAssembly bindings of [`desier_core`]: the DESI-ER indices computed in a browser page
//! or in Node, from the same CSV or XLSX files as the command, with nothing uploaded.
//!
//! The bindings only convert: JavaScript tables and options in, the core's results out as
//! plain objects with exactly the JSON shape of FORMATS.md, and the core's errors as
//! thrown `Error`s carrying the core's stable `code`. Every rule of the method lives in the
//! core. The TypeScript declarations of every input and output are in `types.d.ts`,
//! shipped in the package's `.d.ts`.
//!
//! ```js
//! const desier = require("./pkg/node/desier_wasm.js");
//! const result = desier.interactivity(desier.sample(), { year: 2020 });
//! result.aggregates.find((a) => a.group === "region").index;
//! // Or read the tables once, and compute on them as many times as wanted:
//! const data = desier.load(desier.sample());
//! data.usage({ year: 2020 }).municipalities.length;
//! data.compare(2019, 2020).services;
//! ```

mod convert;
mod dataset;

pub use dataset::{load, Dataset};

use convert::{compare_options, error_from, to_js, year_arg, JsResult};
use desier_core::{GroupsOptions, InteractivityOptions, UsageOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The municipal interactivity index (indice di interattività comunale) of every
/// municipality and year, its area sub-indices and its aggregates.
#[wasm_bindgen(unchecked_return_type = "InteractivityResult")]
pub fn interactivity(
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "InteractivityOptions")] options: Option<
        JsValue,
    >,
) -> JsResult {
    let tables = convert::tables(&tables)?;
    let options: InteractivityOptions = convert::options(options.as_ref())?;
    to_js(&desier_core::interactivity(&tables, &options).map_err(error_from)?)
}

/// The usage index of interactive services (indice di utilizzo): per-service figures by
/// channel, the index of every municipality and its aggregates.
#[wasm_bindgen(unchecked_return_type = "UsageResult")]
pub fn usage(
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "UsageOptions")] options: Option<JsValue>,
) -> JsResult {
    let tables = convert::tables(&tables)?;
    let options: UsageOptions = convert::options(options.as_ref())?;
    to_js(&desier_core::usage(&tables, &options).map_err(error_from)?)
}

/// The comparison of two years over comparable cases (confronto omogeneo).
#[wasm_bindgen(unchecked_return_type = "CompareResult")]
pub fn compare(
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] from_year: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] to_year: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CompareOptions")] options: Option<JsValue>,
) -> JsResult {
    let tables = convert::tables(&tables)?;
    let from = year_arg("from_year", &from_year)?;
    let to = year_arg("to_year", &to_year)?;
    let options = compare_options(options.as_ref(), from, to)?;
    to_js(&desier_core::compare(&tables, &options).map_err(error_from)?)
}

/// Every row check of every table given, without computing an index: the rejected
/// (`error`) and flagged (`warning`) rows.
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue) -> JsResult {
    let tables = convert::tables(&tables)?;
    to_js(&desier_core::validate(&tables).map_err(error_from)?)
}

/// The municipalities of the registry with the keys of their groups (name, size class,
/// province, territory, union) in each year asked for, as the aggregates key them: to show
/// and filter per-municipality results.
#[wasm_bindgen(unchecked_return_type = "RegistryResult")]
pub fn registry(
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RegistryOptions")] options: Option<JsValue>,
) -> JsResult {
    let tables = convert::tables(&tables)?;
    let options: GroupsOptions = convert::options(options.as_ref())?;
    to_js(&desier_core::municipality_groups(&tables, &options).map_err(error_from)?)
}

/// The options of `italyRegistry()`.
#[derive(serde::Deserialize, serde::Serialize, Default)]
struct ItalyRegistryOptions {
    /// The year of the registry (default: the latest).
    year: Option<u16>,
    /// One region: ISTAT code or name.
    region: Option<String>,
}

/// The canonical entities table (CSV text) of every Italian municipality, or of one
/// region, from the built-in national registry (anagrafe dei comuni italiani, 2022 and
/// 2023; Openpolis, ISTAT, CC BY 4.0): ISTAT code, name, province, resident population on
/// 1 January. `mountain` and `union_id` are empty, for the analyst to fill in.
#[wasm_bindgen(js_name = "italyRegistry")]
pub fn italy_registry(
    #[wasm_bindgen(unchecked_optional_param_type = "ItalyRegistryOptions")] options: Option<
        JsValue,
    >,
) -> Result<String, JsValue> {
    let o: ItalyRegistryOptions = convert::options(options.as_ref())?;
    desier_core::registry::entities_csv(o.year, o.region.as_deref()).map_err(error_from)
}

/// The built-in sample (the 330 municipalities of Emilia-Romagna, illustrative catalog,
/// synthetic surveys) as `tables`: CSV text per table.
#[wasm_bindgen(unchecked_return_type = "SampleTables")]
pub fn sample() -> JsResult {
    let files: std::collections::BTreeMap<&str, &str> = desier_core::sample::FILES
        .iter()
        .map(|(kind, text)| (kind.name(), *text))
        .collect();
    to_js(&files)
}

/// Which tables a file holds, from its name and content: for an Excel workbook the
/// tables that have a sheet named for them, otherwise the table its file name stands
/// for (`offerta_2019.csv` -> `offer`). Empty when neither tells.
#[wasm_bindgen(js_name = "detectTables", unchecked_return_type = "TableName[]")]
pub fn detect_tables(
    #[wasm_bindgen(js_name = "fileName")] file_name: &str,
    #[wasm_bindgen(unchecked_param_type = "TableData")] data: JsValue,
) -> JsResult {
    let bytes = convert::bytes(&data).ok_or_else(|| {
        convert::invalid_argument(
            "detectTables: data must be a string, a Uint8Array or an ArrayBuffer",
        )
    })?;
    let names: Vec<&str> = desier_core::detect_tables(file_name, &bytes)
        .into_iter()
        .map(|t| t.name())
        .collect();
    to_js(&names)
}

/// A result (what `interactivity`, `usage`, `compare` or `validate` returns) as an Excel
/// workbook, the bytes of the .xlsx to offer for download: one sheet per table, Italian
/// headers and labels of codes, names of bodies (`names`: entity_id -> name) and services
/// beside their ids, percentages and thousands formatted, header frozen, filters on; the
/// same workbook as the command's `--format xlsx`.
#[wasm_bindgen(js_name = "toExcel")]
pub fn to_excel(
    #[wasm_bindgen(
        unchecked_param_type = "InteractivityResult | UsageResult | CompareResult | ValidationResult"
    )]
    result: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string>")] names: Option<
        JsValue,
    >,
) -> Result<Vec<u8>, JsValue> {
    let json: String = js_sys::JSON::stringify(&result)
        .map_err(|_| convert::invalid_argument("toExcel: result must be a desier result"))?
        .into();
    let entities: std::collections::BTreeMap<String, String> = match names {
        Some(n) if !n.is_undefined() && !n.is_null() => {
            serde_wasm_bindgen::from_value(n).map_err(|_| {
                convert::invalid_argument("toExcel: names must map entity ids to names")
            })?
        }
        _ => Default::default(),
    };
    let names = desier_core::output::Names::new(
        entities
            .into_iter()
            .map(|(k, v)| (desier_core::EntityId::new(k), v))
            .collect(),
        &desier_core::ServiceCatalog::default(),
    );
    desier_core::output::json_to_xlsx(&json, &names).map_err(error_from)
}

/// Every diagnostic code with the severities it can have and what it means in English and
/// in Italian (`description_it`): the labels the page shows come from here, not from a copy.
#[wasm_bindgen(unchecked_return_type = "CodeInfo[]")]
pub fn codes() -> JsResult {
    #[derive(serde::Serialize)]
    struct Info {
        code: &'static str,
        severities: &'static [desier_core::Severity],
        description: &'static str,
        description_it: &'static str,
    }
    let all: Vec<Info> = desier_core::Code::ALL
        .iter()
        .map(|c| Info {
            code: c.as_str(),
            severities: c.severities(),
            description: c.description(),
            description_it: c.description_it(),
        })
        .collect();
    to_js(&all)
}

/// The options of [`template`].
#[derive(serde::Serialize, serde::Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct TemplateArgs {
    year: i32,
    services: Vec<String>,
}

/// The survey workbook (foglio di rilevazione) the offices fill in, as the bytes of the
/// .xlsx: one row per body of `tables.entities` and service of its competence, the
/// instructions in Italian, the share and desier's checks as formulas, last year's figures
/// (`tables.returns`, the rows of `year - 1`) locked beside; the same workbook as
/// `desier template`. Dropped back in as `returns`, it is read like any returns file.
#[wasm_bindgen]
pub fn template(
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ year: number; services?: string[] }")]
    options: JsValue,
) -> Result<Vec<u8>, JsValue> {
    let tables = convert::tables(&tables)?;
    let args: TemplateArgs = convert::options(Some(&options))?;
    let options = desier_core::workbook::TemplateOptions {
        year: args.year,
        services: args.services,
        split: false,
    };
    let mut t = desier_core::workbook::template(&tables, None, &options).map_err(error_from)?;
    Ok(t.files.pop().map(|f| f.bytes).unwrap_or_default())
}

/// The version of the desier library.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests {
    use desier_core::{Code, Error};

    const TYPES: &str = include_str!("types.d.ts");

    fn declared(code: &str) -> bool {
        TYPES.contains(&format!("\"{code}\""))
    }

    #[test]
    fn the_declarations_list_every_diagnostic_code() {
        for code in Code::ALL {
            assert!(declared(code.as_str()), "types.d.ts lacks `{code}`");
        }
    }

    #[test]
    fn the_declarations_list_every_error_code() {
        for (code, _) in Error::CODES {
            assert!(declared(code), "types.d.ts lacks `{code}`");
        }
        for code in [
            super::convert::INVALID_ARGUMENT,
            super::convert::INVALID_OPTION,
            super::convert::INTERNAL,
        ] {
            assert!(declared(code), "types.d.ts lacks `{code}`");
        }
    }
}
