//! Options given as JSON objects (what the Python and JavaScript bindings pass): the
//! core's options structs filled from them, with every problem an
//! [`Error::InvalidOption`] that names the option and what it accepts, in plain words (no
//! parser positions). Keys not given keep the method's defaults; an unknown key is refused
//! with the list of the options there are.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// Fills an options struct from a JSON object (`{}` or `null`: the defaults).
///
/// ```
/// use desier_core::{options::from_json, UsageOptions, Weighting};
/// let o: UsageOptions = from_json(r#"{"weighting": "population"}"#).unwrap();
/// assert_eq!(o.weighting, Weighting::Population);
/// let e = from_json::<UsageOptions>(r#"{"yaer": 2019}"#).unwrap_err();
/// assert_eq!(e.code(), "invalid_option");
/// assert!(e.to_string().contains("`yaer`") && e.to_string().contains("weighting"));
/// ```
///
/// # Errors
/// [`Error::InvalidOption`] for text that is not a JSON object, an unknown key, or a value
/// of the wrong kind.
pub fn from_json<T: DeserializeOwned + Serialize + Default>(json: &str) -> Result<T> {
    let value: Value = serde_json::from_str(json).map_err(|e| Error::InvalidOption {
        option: "options".into(),
        value: json.chars().take(80).collect(),
        expected: format!("an object of options ({})", plain(&e.to_string())),
    })?;
    let object = match value {
        Value::Null => return Ok(T::default()),
        Value::Object(o) => o,
        other => {
            return Err(Error::InvalidOption {
                option: "options".into(),
                value: other.to_string(),
                expected: "an object of options".into(),
            })
        }
    };
    from_object(object)
}

/// A year given as text (the command's `--year 2019`): a whole number between 1900 and
/// 2100, the years the readers accept.
///
/// ```
/// use desier_core::options::parse_year;
/// assert_eq!(parse_year(" 2019 ").unwrap(), 2019);
/// assert!(parse_year("duemila").unwrap_err().to_string().contains("a year is a number like 2019"));
/// ```
///
/// # Errors
/// [`Error::InvalidOption`] (option `year`) for anything else.
pub fn parse_year(text: &str) -> Result<i32> {
    match text.trim().parse::<i32>() {
        Ok(y) if (1900..=2100).contains(&y) => Ok(y),
        _ => Err(Error::InvalidOption {
            option: "year".into(),
            value: text.into(),
            expected: "a year is a number like 2019 (between 1900 and 2100)".into(),
        }),
    }
}

/// The keys of an options struct, as it serialises them (its defaults' keys).
pub fn known_keys<T: Serialize + Default>() -> Vec<String> {
    match serde_json::to_value(T::default()) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn from_object<T: DeserializeOwned + Serialize + Default>(object: Map<String, Value>) -> Result<T> {
    let known = known_keys::<T>();
    if let Some(key) = object.keys().find(|k| !known.contains(k)) {
        return Err(Error::InvalidOption {
            option: key.clone(),
            value: String::new(),
            expected: if known.is_empty() {
                "this computation takes no options".into()
            } else {
                format!("one of the options {}", known.join(", "))
            },
        });
    }
    // A key whose value is wrong on its own is named with what it accepts.
    for (key, value) in &object {
        let single = Value::Object(Map::from_iter([(key.clone(), value.clone())]));
        if let Err(e) = serde_json::from_value::<T>(single) {
            return Err(Error::InvalidOption {
                option: key.clone(),
                value: match value {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                },
                expected: expected(&e.to_string()),
            });
        }
    }
    serde_json::from_value(Value::Object(object)).map_err(|e| Error::InvalidOption {
        option: "options".into(),
        value: String::new(),
        expected: plain(&e.to_string()),
    })
}

/// serde's message without the parser position.
fn plain(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// What serde says is expected, in plain words.
fn expected(message: &str) -> String {
    let m = plain(message);
    let what = match m.find("expected ") {
        Some(i) => m[i + "expected ".len()..].to_owned(),
        None => m,
    };
    match what.as_str() {
        "i32" | "u32" | "u64" | "usize" => "a whole number (a year is written like 2019)".into(),
        "a sequence" => "a list".into(),
        _ => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GroupsOptions, InteractivityOptions, ScoringRule, UsageOptions};

    fn err<T: DeserializeOwned + Serialize + Default + std::fmt::Debug>(json: &str) -> String {
        let e = from_json::<T>(json).unwrap_err();
        assert_eq!(e.code(), "invalid_option");
        e.to_string()
    }

    #[test]
    fn given_keys_fill_the_struct_and_the_rest_keep_their_defaults() {
        let o: InteractivityOptions =
            from_json(r#"{"rule": "proportional", "year": 2019}"#).unwrap();
        assert_eq!((o.rule, o.year), (ScoringRule::Proportional, Some(2019)));
        assert_eq!(o.weighting, InteractivityOptions::default().weighting);
        assert_eq!(
            from_json::<UsageOptions>("null").unwrap(),
            UsageOptions::default()
        );
        assert_eq!(
            from_json::<UsageOptions>("{}").unwrap(),
            UsageOptions::default()
        );
    }

    #[test]
    fn the_keys_are_the_fields_of_the_core_structs() {
        assert_eq!(
            known_keys::<InteractivityOptions>(),
            ["year", "rule", "weighting", "size_classes"]
        );
        assert_eq!(
            known_keys::<UsageOptions>(),
            ["year", "weighting", "size_classes"]
        );
        assert_eq!(known_keys::<GroupsOptions>(), ["years", "size_classes"]);
    }

    #[test]
    fn every_problem_names_the_option_in_plain_words() {
        let m = err::<UsageOptions>(r#"{"yaer": 2019}"#);
        assert!(
            m.contains("`yaer`") && m.contains("year, weighting, size_classes"),
            "{m}"
        );
        assert!(!m.contains("line"), "{m}");
        let m = err::<InteractivityOptions>(r#"{"rule": "half"}"#);
        assert!(
            m.contains("`half`") && m.contains("`rule`") && m.contains("stepped"),
            "{m}"
        );
        let m = err::<InteractivityOptions>(r#"{"year": 2019.5}"#);
        assert!(m.contains("`year`") && m.contains("whole number"), "{m}");
        let m = err::<UsageOptions>(r#"{"year": "duemila"}"#);
        assert!(m.contains("`duemila`") && m.contains("`year`"), "{m}");
        let m = err::<GroupsOptions>(r#"{"years": 2019}"#);
        assert!(m.contains("`years`") && m.contains("list"), "{m}");
        let m = err::<UsageOptions>("[1, 2]");
        assert!(m.contains("an object of options"), "{m}");
        let m = err::<UsageOptions>("{not json");
        assert!(
            m.contains("an object of options") && !m.contains(" at line "),
            "{m}"
        );
    }
}
