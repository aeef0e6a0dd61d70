//! Structural errors: problems that stop a computation (an unreadable file, a missing
//! required column). Row-level problems are never errors: they are
//! [`Diagnostic`](crate::Diagnostic)s and the computation goes on.

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
    /// A required column is missing from the header line.
    #[error(
        "{file}: the required column `{column}` is missing from the {table} table \
         (accepted names: {aliases}); add it to the header line"
    )]
    MissingColumn {
        /// The file, as named by the caller.
        file: String,
        /// The table the file was read as (`entities`, `offer`, ...).
        table: String,
        /// The canonical name of the missing column.
        column: String,
        /// The accepted names of the column, comma-separated.
        aliases: String,
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
    #[error("the {table} table is required for this computation but was not given")]
    MissingTable {
        /// The missing table.
        table: String,
    },
    /// An option has a value outside its allowed set.
    #[error("invalid value `{value}` for option `{option}`: expected {expected}")]
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
    /// A stable snake_case code for this kind of error, for bindings and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unreadable { .. } => "unreadable_file",
            Error::MissingColumn { .. } => "missing_column",
            Error::DuplicateColumn { .. } => "duplicate_column",
            Error::MissingTable { .. } => "missing_table",
            Error::InvalidOption { .. } => "invalid_option",
        }
    }

    /// The file the error is about, when there is one.
    pub fn file(&self) -> Option<&str> {
        match self {
            Error::Unreadable { file, .. }
            | Error::MissingColumn { file, .. }
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
            _ => None,
        }
    }
}

/// Result with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
