//! The loaded dataset: `load(tables)` reads the tables once into a `Dataset`, whose
//! methods are the computations (`desier_core::Dataset`), so that a page parses each table
//! once however many results it shows.

use crate::convert::{self, compare_options, error_from, to_js, year_arg, JsResult};
use desier_core::{GroupsOptions, InteractivityOptions, UsageOptions};
use wasm_bindgen::prelude::*;

/// The input tables read once, with every diagnostic and the accounting of every table
/// read; each computation is a method, whose result carries the diagnostics and
/// accounting of the tables it uses (exactly what the one-shot function gives).
#[wasm_bindgen]
pub struct Dataset(desier_core::Dataset);

/// Reads the tables once (`entities` required; `offer` needs `procedures`) into a
/// `Dataset` to compute on.
#[wasm_bindgen]
pub fn load(
    #[wasm_bindgen(unchecked_param_type = "Tables")] tables: JsValue,
) -> Result<Dataset, JsValue> {
    let tables = convert::tables(&tables)?;
    desier_core::Dataset::read(&tables)
        .map(Dataset)
        .map_err(error_from)
}

#[wasm_bindgen]
impl Dataset {
    /// The municipal interactivity index (needs `procedures` and `offer`).
    #[wasm_bindgen(unchecked_return_type = "InteractivityResult")]
    pub fn interactivity(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "InteractivityOptions")] options: Option<
            JsValue,
        >,
    ) -> JsResult {
        let options: InteractivityOptions = convert::options(options.as_ref())?;
        to_js(&self.0.interactivity(&options).map_err(error_from)?)
    }

    /// The usage index and per-service figures (needs `returns`).
    #[wasm_bindgen(unchecked_return_type = "UsageResult")]
    pub fn usage(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "UsageOptions")] options: Option<JsValue>,
    ) -> JsResult {
        let options: UsageOptions = convert::options(options.as_ref())?;
        to_js(&self.0.usage(&options).map_err(error_from)?)
    }

    /// The comparison of two years over comparable cases (needs `returns`).
    #[wasm_bindgen(unchecked_return_type = "CompareResult")]
    pub fn compare(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] from_year: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] to_year: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CompareOptions")] options: Option<JsValue>,
    ) -> JsResult {
        let from = year_arg("from_year", &from_year)?;
        let to = year_arg("to_year", &to_year)?;
        let options = compare_options(options.as_ref(), from, to)?;
        to_js(&self.0.compare(&options).map_err(error_from)?)
    }

    /// Every row check of every table read: the diagnostics and the accounting.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(&self) -> JsResult {
        to_js(&self.0.validate())
    }

    /// The municipalities of the registry with the keys of their groups in each year
    /// asked for (as `registry()`).
    #[wasm_bindgen(unchecked_return_type = "RegistryResult")]
    pub fn registry(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RegistryOptions")] options: Option<JsValue>,
    ) -> JsResult {
        let options: GroupsOptions = convert::options(options.as_ref())?;
        to_js(&self.0.groups(&options))
    }

    /// Every diagnostic of the tables read, sorted by file and line.
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self) -> JsResult {
        to_js(&self.0.diagnostics())
    }

    /// The accounting of every table read, in reading order.
    #[wasm_bindgen(getter, unchecked_return_type = "TableRead[]")]
    pub fn tables(&self) -> JsResult {
        to_js(&self.0.tables())
    }

    /// The years of the offer and of the returns, sorted.
    #[wasm_bindgen(getter, unchecked_return_type = "number[]")]
    pub fn years(&self) -> JsResult {
        to_js(&self.0.years())
    }
}
