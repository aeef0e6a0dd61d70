//! The module structure of desier-core: the schema depends on nothing else in the crate,
//! and no two top-level modules import each other (directly or through others), so that
//! each layer can be read, and changed, without the ones above it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a source file belongs to (`io/table.rs` -> `io`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

/// The top-level modules named by `crate::NAME` in a file's code (outside `#[cfg(test)]`
/// blocks, which are at the end of each file by house style).
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && name.chars().next().unwrap().is_ascii_lowercase() {
            out.insert(name);
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in all {
        let m = module_of(&f);
        if m == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let deps = g.entry(m.clone()).or_default();
        for d in imports(&text) {
            if d != m {
                deps.insert(d);
            }
        }
    }
    g
}

#[test]
fn the_schema_depends_on_nothing_else_in_the_crate() {
    let text = std::fs::read_to_string(src().join("schema.rs")).unwrap();
    assert_eq!(imports(&text), BTreeSet::new());
    assert!(!text.contains("super::"));
}

#[test]
fn the_errors_depend_only_on_the_schema() {
    let text = std::fs::read_to_string(src().join("error.rs")).unwrap();
    assert_eq!(imports(&text), BTreeSet::from(["schema".to_owned()]));
}

/// Known cycles still to be broken, each as the pair of modules; the test fails on any
/// other cycle, and on a listed one that is gone (so that the list only shrinks).
const KNOWN_CYCLES: &[(&str, &str)] = &[];

#[test]
fn no_import_cycle_between_top_level_modules() {
    let g = graph();
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(m) = stack.pop() {
            for d in g.get(&m).into_iter().flatten() {
                if d == to {
                    return true;
                }
                if seen.insert(d.clone()) {
                    stack.push(d.clone());
                }
            }
        }
        false
    };
    let mut cycles = Vec::new();
    for a in g.keys() {
        for b in g.keys() {
            if a < b && reaches(a, b) && reaches(b, a) {
                cycles.push((a.clone(), b.clone()));
            }
        }
    }
    let known: Vec<(String, String)> = KNOWN_CYCLES
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(
        cycles, known,
        "import cycles between top-level modules: {g:#?}"
    );
}
