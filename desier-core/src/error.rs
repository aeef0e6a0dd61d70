//! Structural errors: problems that stop a computation (an unreadable file, a missing
//! required column). Row-level problems are never errors: they are
//! [`Diagnostic`](crate::Diagnostic)s and the computation goes on.

use crate::schema::TableKind;

/// A structural problem with the input or the options.
///
/// Bindings map on [`Error::code`], never on the message text.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read at all.
    #[error("{file}: the file cannot be read: {reason}")]
    Unreadable {
        /// The file, as named by the caller.
        file: String,
        /// What went wrong, in plain words.
        reason: String,
    },
    /// An output file or folder could not be written (no permission, a folder that cannot
    /// be made, a full disk).
    #[error("{file}: the file cannot be written: {reason}")]
    Unwritable {
        /// The file or folder, as named by the caller (`standard output` for the terminal).
        file: String,
        /// What went wrong, in plain words.
        reason: String,
    },
    /// A result could not be turned into its output format. This is a bug of desier, never
    /// of the input: a result is not written rather than written wrong.
    #[error("the result cannot be written as {format}: {reason} (this is a bug of desier: please report it)")]
    Serialization {
        /// The output format (`JSON`, ...).
        format: String,
        /// What went wrong.
        reason: String,
    },
    /// A required column is missing from the header line.
    #[error(
        "{file}: the required column `{column}` of the {table} table is missing from the header \
         ({header}). Add the column to the header line (accepted names: {}), and check that \
         this is the {table} file",
        accepted_names(*table, column)
    )]
    MissingColumn {
        /// The file, as named by the caller.
        file: String,
        /// The table the file was read as (`entities`, `offer`, ...).
        table: TableKind,
        /// The canonical name of the missing column.
        column: String,
        /// The header as found: its line and first cells (`line 1: year, entity_id`).
        header: String,
    },
    /// The header is that of another table: the file was given as the wrong table (the
    /// offer given as the returns).
    #[error(
        "{file}: this looks like a{} {looks_like} file, not a{} {table} file: its header has \
         the columns of the {looks_like} table ({}){}. Give it as the {looks_like} table, and \
         give the {table} file as the {table} table",
        if looks_like.name().starts_with(['a', 'e', 'i', 'o', 'u']) { "n" } else { "" },
        if table.name().starts_with(['a', 'e', 'i', 'o', 'u']) { "n" } else { "" },
        required_columns(*looks_like),
        missing.as_ref().map(|m| format!(" and not the column `{m}` of the {table} table")).unwrap_or_default()
    )]
    WrongTable {
        /// The file, as named by the caller.
        file: String,
        /// The table the file was given as.
        table: TableKind,
        /// The table whose columns the header has.
        looks_like: TableKind,
        /// A required column of `table` that the header lacks, if any.
        missing: Option<String>,
    },
    /// Two columns of the header line mean the same thing.
    #[error("{file}: the columns `{first}` and `{second}` both give `{column}`; keep only one")]
    DuplicateColumn {
        /// The file, as named by the caller.
        file: String,
        /// The canonical column they both map to.
        column: String,
        /// The first header cell.
        first: String,
        /// The second header cell.
        second: String,
    },
    /// A table needed by the computation was not given.
    #[error("the {table} table is needed for this computation but was not given: give its file too (e.g. {table}.csv or {table}.xlsx)")]
    MissingTable {
        /// The missing table.
        table: TableKind,
    },
    /// An option has a value outside its allowed set, or is not an option at all (then
    /// `value` is empty).
    #[error("{}", invalid_option(option, value, expected))]
    InvalidOption {
        /// The option's name.
        option: String,
        /// The rejected value.
        value: String,
        /// What is accepted.
        expected: String,
    },
}

impl Error {
    /// Every code that [`Error::code`] returns, with what it means: the bindings check that
    /// they map each to an error type, and `docs/CODES.md` lists them (a test keeps both in
    /// step with the variants).
    pub const CODES: &'static [(&'static str, &'static str)] = &[
        (
            "unreadable_file",
            "The file cannot be read at all: it does not exist, it is empty, it is not a table \
             (an old .xls, an .ods, a web page, a PDF), or it is a damaged workbook.",
        ),
        (
            "unwritable_file",
            "An output file or folder cannot be written: no permission, a folder that cannot \
             be made, a full disk.",
        ),
        (
            "serialization_error",
            "A result could not be turned into its output format (a bug of desier, not of the \
             input); nothing is written.",
        ),
        (
            "missing_column",
            "A required column of the table is missing from the header line.",
        ),
        (
            "wrong_table",
            "The file's header is that of another table: the file was given as the wrong \
             table (e.g. the offer given as the returns).",
        ),
        (
            "duplicate_column",
            "Two columns of the header mean the same thing (e.g. `codice` and `entity_id`).",
        ),
        (
            "missing_table",
            "A table the computation needs was not given.",
        ),
        (
            "invalid_option",
            "An option has a value outside its allowed set (e.g. the same year twice in a \
             comparison).",
        ),
    ];

    /// A stable snake_case code for this kind of error, for bindings and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unreadable { .. } => "unreadable_file",
            Error::Unwritable { .. } => "unwritable_file",
            Error::Serialization { .. } => "serialization_error",
            Error::MissingColumn { .. } => "missing_column",
            Error::WrongTable { .. } => "wrong_table",
            Error::DuplicateColumn { .. } => "duplicate_column",
            Error::MissingTable { .. } => "missing_table",
            Error::InvalidOption { .. } => "invalid_option",
        }
    }

    /// The file the error is about, when there is one.
    pub fn file(&self) -> Option<&str> {
        match self {
            Error::Unreadable { file, .. }
            | Error::Unwritable { file, .. }
            | Error::MissingColumn { file, .. }
            | Error::WrongTable { file, .. }
            | Error::DuplicateColumn { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The column the error is about, when there is one.
    pub fn column(&self) -> Option<&str> {
        match self {
            Error::MissingColumn { column, .. } | Error::DuplicateColumn { column, .. } => {
                Some(column)
            }
            Error::WrongTable { missing, .. } => missing.as_deref(),
            _ => None,
        }
    }
}

/// The message of [`Error::InvalidOption`]: an unknown option has no value.
fn invalid_option(option: &str, value: &str, expected: &str) -> String {
    if value.is_empty() {
        format!("`{option}` is not an option here: expected {expected}")
    } else {
        format!("invalid value `{value}` for option `{option}`: expected {expected}")
    }
}

/// The accepted names of a column of a table, comma-separated.
fn accepted_names(table: TableKind, column: &str) -> String {
    let spec = table.columns().iter().find(|c| c.name == column);
    match spec {
        Some(c) => std::iter::once(c.name)
            .chain(c.aliases.iter().copied())
            .collect::<Vec<_>>()
            .join(", "),
        None => column.to_owned(),
    }
}

/// The required columns of a table, comma-separated.
fn required_columns(table: TableKind) -> String {
    table
        .columns()
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of each variant; the match has no wildcard, so a new variant does not
    /// compile until it is added here (and so to the checks below).
    fn one_of_each() -> Vec<Error> {
        let s = String::new;
        let all = vec![
            Error::Unreadable {
                file: s(),
                reason: s(),
            },
            Error::Unwritable {
                file: s(),
                reason: s(),
            },
            Error::Serialization {
                format: s(),
                reason: s(),
            },
            Error::MissingColumn {
                file: s(),
                table: TableKind::Returns,
                column: "total".into(),
                header: s(),
            },
            Error::WrongTable {
                file: s(),
                table: TableKind::Returns,
                looks_like: TableKind::Offer,
                missing: None,
            },
            Error::DuplicateColumn {
                file: s(),
                column: s(),
                first: s(),
                second: s(),
            },
            Error::MissingTable {
                table: TableKind::Returns,
            },
            Error::InvalidOption {
                option: s(),
                value: s(),
                expected: s(),
            },
        ];
        for e in &all {
            match e {
                Error::Unreadable { .. }
                | Error::Unwritable { .. }
                | Error::Serialization { .. }
                | Error::MissingColumn { .. }
                | Error::WrongTable { .. }
                | Error::DuplicateColumn { .. }
                | Error::MissingTable { .. }
                | Error::InvalidOption { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_variant_has_a_listed_code_and_every_code_a_variant() {
        let codes: Vec<&str> = one_of_each().iter().map(Error::code).collect();
        let listed: Vec<&str> = Error::CODES.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, listed);
        for e in one_of_each() {
            assert!(!e.to_string().is_empty());
        }
    }
}
