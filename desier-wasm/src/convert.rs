//! Conversions between JavaScript values and the core's types: tables and options in,
//! results and errors out. No rule of the method here.

use desier_core::{CompareOptions, Error, Input, TableKind, Tables};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// What every export returns: a plain JavaScript value, or a thrown `Error`.
pub type JsResult = Result<JsValue, JsValue>;

/// The `code` of an argument that is not what the function takes (bindings only; the
/// core's codes come from [`Error::code`]).
pub const INVALID_ARGUMENT: &str = "invalid_argument";
/// The `code` of an options object with an unknown key or a value of the wrong kind (the
/// core's own code for a bad option value).
pub const INVALID_OPTION: &str = "invalid_option";
/// The `code` of a result that could not be converted (a bug, never expected).
pub const INTERNAL: &str = "internal_error";

/// A JavaScript `Error` named `DesierError` with a `code` property.
pub fn js_error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("DesierError");
    set(&e, "code", &code.into());
    e.into()
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Reflect.set on a fresh Error cannot fail.
    let _ = Reflect::set(target, &key.into(), value);
}

/// A bad argument.
pub fn invalid_argument(message: &str) -> JsValue {
    js_error(INVALID_ARGUMENT, message)
}

/// The core's error as a thrown `Error` with its stable `code`, and `file` / `column`
/// when it has them.
pub fn error_from(err: Error) -> JsValue {
    let e = js_error(err.code(), &err.to_string());
    if let Some(file) = err.file() {
        set(&e, "file", &file.into());
    }
    if let Some(column) = err.column() {
        set(&e, "column", &column.into());
    }
    e
}

/// A result as a plain object with the JSON shape of FORMATS.md: maps become objects,
/// `None` becomes `null`, counts become numbers.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error(INTERNAL, &format!("cannot convert the result: {e}")))
}

/// The bytes of a table's data: a string (CSV text), a `Uint8Array` (or a Node `Buffer`)
/// or an `ArrayBuffer`.
pub fn bytes(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(text) = value.as_string() {
        Some(text.into_bytes())
    } else if let Some(array) = value.dyn_ref::<Uint8Array>() {
        Some(array.to_vec())
    } else {
        value
            .dyn_ref::<ArrayBuffer>()
            .map(|buffer| Uint8Array::new(buffer).to_vec())
    }
}

fn is_nothing(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

fn plain_object(value: &JsValue) -> Option<&Object> {
    if value.is_object() && !Array::is_array(value) && !value.is_instance_of::<Uint8Array>() {
        value.dyn_ref::<Object>()
    } else {
        None
    }
}

/// The name diagnostics give as `file` for a table given without a name.
pub fn default_name(kind: TableKind, bytes: &[u8]) -> String {
    let extension = if bytes.starts_with(b"PK\x03\x04") {
        "xlsx"
    } else {
        "csv"
    };
    format!("{}.{extension}", kind.name())
}

fn table_names() -> String {
    TableKind::ALL.map(TableKind::name).join(", ")
}

/// The `tables` argument: an object mapping table names to CSV text, XLSX bytes, or
/// `{ name, data }` (the name diagnostics give as `file`). `undefined` and `null` entries
/// are skipped.
pub fn tables(value: &JsValue) -> Result<Tables, JsValue> {
    let object = plain_object(value).ok_or_else(|| {
        invalid_argument(&format!(
            "tables must be an object mapping table names ({}) to CSV text (a string) or XLSX bytes (a Uint8Array)",
            table_names()
        ))
    })?;
    let mut tables = Tables::default();
    for entry in Object::entries(object).iter() {
        let entry: Array = entry.unchecked_into();
        let key = entry.get(0).as_string().unwrap_or_default();
        let value = entry.get(1);
        let kind = TableKind::from_name(&key).ok_or_else(|| {
            invalid_argument(&format!(
                "unknown table `{key}`: the tables are {}",
                table_names()
            ))
        })?;
        if is_nothing(&value) {
            continue;
        }
        tables.set(kind, input(kind, &value)?);
    }
    Ok(tables)
}

fn input(kind: TableKind, value: &JsValue) -> Result<Input, JsValue> {
    let what = || {
        invalid_argument(&format!(
            "the {} table must be CSV text (a string), XLSX bytes (a Uint8Array or an ArrayBuffer) or {{ name, data }}",
            kind.name()
        ))
    };
    if let Some(data) = bytes(value) {
        return Ok(Input::from_bytes(default_name(kind, &data), data));
    }
    let object = plain_object(value).ok_or_else(what)?;
    let data = Reflect::get(object, &"data".into()).map_err(|_| what())?;
    let data_bytes = bytes(&data).ok_or_else(what)?;
    let name = Reflect::get(object, &"name".into()).map_err(|_| what())?;
    let name = match name.as_string() {
        Some(name) if !name.is_empty() => name,
        _ if is_nothing(&name) => default_name(kind, &data_bytes),
        _ => {
            return Err(invalid_argument(&format!(
                "the name of the {} table must be a non-empty string",
                kind.name()
            )))
        }
    };
    Ok(Input::from_bytes(name, data_bytes))
}

fn keys_of(object: &Object) -> Vec<String> {
    Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
        .collect()
}

fn options_object(value: Option<&JsValue>) -> Result<Option<&Object>, JsValue> {
    match value {
        None => Ok(None),
        Some(v) if is_nothing(v) => Ok(None),
        Some(v) => plain_object(v)
            .map(Some)
            .ok_or_else(|| invalid_argument("options must be an object")),
    }
}

/// An options object filled into the core's options struct by the core
/// ([`desier_core::options::from_json`]): defaults for what is not given, an unknown key or
/// a value of the wrong kind an `invalid_option` error naming the option.
pub fn options<T>(value: Option<&JsValue>) -> Result<T, JsValue>
where
    T: DeserializeOwned + Serialize + Default,
{
    let Some(object) = options_object(value)? else {
        return Ok(T::default());
    };
    // JSON.stringify leaves out keys given as `undefined`: "not given", as in JavaScript.
    let json = js_sys::JSON::stringify(object)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| js_error(INVALID_OPTION, "options must be a plain object of values"))?;
    desier_core::options::from_json(&json).map_err(error_from)
}

/// The options of [`desier_core::compare`]: the two years, and no other option for now
/// (any key is an `invalid_option` error).
pub fn compare_options(
    value: Option<&JsValue>,
    from_year: i32,
    to_year: i32,
) -> Result<CompareOptions, JsValue> {
    if let Some(object) = options_object(value)? {
        if let Some(key) = keys_of(object).first() {
            return Err(js_error(
                INVALID_OPTION,
                &format!("`{key}` is not an option here: compare takes only the two years"),
            ));
        }
    }
    Ok(CompareOptions::new(from_year, to_year))
}

/// A whole number that fits a year.
pub fn year_of(number: f64) -> Option<i32> {
    (number.is_finite() && number.fract() == 0.0 && number.abs() <= f64::from(i32::MAX))
        .then_some(number as i32)
}

/// A year argument (`from_year`, `to_year`): a whole number.
pub fn year_arg(name: &str, value: &JsValue) -> Result<i32, JsValue> {
    value.as_f64().and_then(year_of).ok_or_else(|| {
        invalid_argument(&format!(
            "{name} must be a year as a whole number (e.g. 2019)"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_say_what_the_bytes_are() {
        assert_eq!(
            default_name(TableKind::Offer, b"year,entity_id"),
            "offer.csv"
        );
        assert_eq!(
            default_name(TableKind::Returns, b"PK\x03\x04..."),
            "returns.xlsx"
        );
    }

    #[test]
    fn years_are_whole_numbers() {
        assert_eq!(year_of(2019.0), Some(2019));
        assert_eq!(year_of(2019.5), None);
        assert_eq!(year_of(f64::NAN), None);
        assert_eq!(year_of(1e12), None);
    }
}
