//! `docs/CODES.md`, the one list of every stable code (diagnostics and errors), is generated
//! from `Code::ALL` and `Error::CODES`: this test fails when the document and the code
//! differ, and rewrites it with `DESIER_BLESS=1`.

use desier_core::{Code, Error, Severity};
use std::path::PathBuf;

fn render() -> String {
    let mut out = String::from(
        "# Codes\n\n\
         Every problem desier reports has a stable snake_case code: scripts, the Python package \
         and the JavaScript package match on the code, never on the message (messages are \
         reworded to be clearer; codes never change). This document is generated from \
         `desier_core::Code` (`desier-core/src/diagnostics.rs`) and `desier_core::Error::CODES` \
         (`desier-core/src/error.rs`), the one place where codes are defined; a test \
         (`desier-core/tests/codes_doc.rs`) fails when they differ. Regenerate with \
         `DESIER_BLESS=1 cargo test -p desier-core --test codes_doc`.\n\n\
         ## Diagnostics: problems of single rows\n\n\
         A diagnostic has a `file`, a `line` (the header is line 1; in a workbook, the row \
         number), a `severity`, a `code` and a `message` that says what is wrong and what to \
         do. Severity `error`: the row is rejected (left out of the computation); `warning`: \
         the row is kept and flagged. The computation goes on either way, and every result \
         accounts for each table's rows (`tables`: rows read, accepted, accepted with \
         warnings, rejected). A few codes can be either, depending on the column.\n\n\
         | code | severity | meaning | in italiano |\n|---|---|---|---|\n",
    );
    for code in Code::ALL {
        let severities: Vec<&str> = code.severities().iter().map(|s| s.as_str()).collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            code.as_str(),
            severities.join(", "),
            code.description().replace('\n', " "),
            code.description_it()
        ));
    }
    out.push_str(
        "\n## Errors: problems that stop a computation\n\n\
         A structural problem (a file that cannot be read, a missing column, a file given as \
         the wrong table) stops the computation with an error instead of a result. The \
         command prints `desier: error [<code>]: <message>` and exits with status 1; the \
         Python package raises `desier.InputError` (`desier.OptionError` for \
         `invalid_option`), both `desier.DesierError`, with `.code`, `.file` and `.column`; \
         the JavaScript package throws an `Error` whose `code` is the code.\n\n\
         | code | meaning |\n|---|---|\n",
    );
    for (code, meaning) in Error::CODES {
        out.push_str(&format!("| `{code}` | {meaning} |\n"));
    }
    out.push_str(
        "\n## Exit status of the command\n\n\
         0: computed without rejected rows (warnings allowed); 1: rows were rejected (the \
         results are still written, with the diagnostics) or a structural error stopped the \
         computation; 2: a wrong command line.\n",
    );
    out
}

#[test]
fn codes_md_lists_every_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/CODES.md");
    let text = render();
    if std::env::var_os("DESIER_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let found = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        found == text,
        "docs/CODES.md is not up to date: run DESIER_BLESS=1 cargo test -p desier-core --test codes_doc"
    );
}

#[test]
fn every_code_is_documented_in_both_languages() {
    for code in Code::ALL {
        assert!(code.description().len() > 20, "{code}");
        assert!(code.description_it().len() > 20, "{code}");
        assert!(!code.severities().is_empty(), "{code}");
        // The serde spelling is the stable one.
        assert_eq!(
            serde_json::to_value(code).unwrap(),
            serde_json::Value::from(code.as_str())
        );
    }
    let _ = Severity::Error;
}
