//! The committed reference files (data/registry, data/boundaries) are what
//! tools/reference_data.py writes, byte for byte, when its pinned packages are installed
//! (in the scratch venv of `make reference-data`: $REFDATA_VENV, default
//! /tmp/desier-refdata-venv). Without them (CI, a fresh machine) the test says so and
//! passes without comparing: it never needs the network.

use std::path::{Path, PathBuf};
use std::process::Command;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if path.extension().is_some_and(|e| e == "csv" || e == "json") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn reference_files_are_what_the_tool_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let venv = std::env::var_os("REFDATA_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/desier-refdata-venv"));
    let python = venv.join("bin").join("python");
    if !python.exists() {
        eprintln!(
            "SKIPPED reference_files_are_what_the_tool_writes: no venv of `make reference-data` at {} \
             (set REFDATA_VENV, or run `make reference-data` once)",
            venv.display()
        );
        return;
    }
    let out = std::env::temp_dir().join(format!("desier-refdata-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(&python)
        .arg(root.join("tools/reference_data.py"))
        .arg("--inside")
        .arg(&out)
        .output()
        .unwrap();
    if run.status.code() == Some(3) {
        eprintln!(
            "SKIPPED reference_files_are_what_the_tool_writes: {}",
            String::from_utf8_lossy(&run.stderr).trim()
        );
        return;
    }
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let data = root.join("desier-core/data");
    let written = files(&out);
    // 2 registries, 20 regions and Italy by province.
    assert_eq!(written.len(), 2 + 20 + 1);
    for path in &written {
        let relative = path.strip_prefix(&out).unwrap();
        let committed = std::fs::read(data.join(relative)).unwrap();
        assert!(
            std::fs::read(path).unwrap() == committed,
            "{} differs from what tools/reference_data.py writes: run `make reference-data`",
            relative.display()
        );
    }
    // Nothing committed that the tool no longer writes.
    let mut committed: Vec<_> = files(&data.join("registry"))
        .into_iter()
        .chain(files(&data.join("boundaries")))
        .map(|p| p.strip_prefix(&data).unwrap().to_owned())
        .collect();
    let relative: Vec<_> = written
        .iter()
        .map(|p| p.strip_prefix(&out).unwrap().to_owned())
        .collect();
    committed.sort();
    assert_eq!(committed, relative);
    std::fs::remove_dir_all(&out).unwrap();
}
