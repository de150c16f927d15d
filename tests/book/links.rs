//! Links in the markdown: reference links are defined, links into the
//! repository name files that exist, and every proof link names a test.

use std::fs;

use crate::{chapters, root};

#[test]
fn every_reference_link_is_defined() {
    let mut problems = house::Problems::new();
    for chapter in chapters() {
        for (line, label) in &chapter.undefined {
            problems.push(format!(
                "{}:{line}: [..][{label}] is not defined",
                chapter.name
            ));
        }
    }
    problems.assert_none("reference links with no definition:");
}

#[test]
fn links_into_the_repository_name_files_that_exist() {
    let files = format!("{}/blob/main/", book::generated::repository(&root()));
    let mut problems = house::Problems::new();
    for chapter in chapters() {
        let urls = chapter
            .links
            .iter()
            .map(|l| (l.line, &l.url))
            .chain(chapter.definitions.values().map(|d| (d.line, &d.url)));
        for (line, url) in urls {
            let Some(path) = url.strip_prefix(&files) else {
                continue;
            };
            let path = path.split('#').next().unwrap();
            if !root().join(path).exists() {
                problems.push(format!(
                    "{}:{line}: links to {path}, which is not in the repository",
                    chapter.name
                ));
            }
        }
    }
    problems.assert_none("links to files the repository does not have:");
}

/// A claim links to its proof as
/// `[label]: <repository>/blob/main/tests/proofs/FILE.rs "proof: MODULE::TEST"`.
#[test]
fn every_proof_link_names_a_test_that_exists() {
    let root = root();
    let proofs = format!(
        "{}/blob/main/tests/proofs/",
        book::generated::repository(&root)
    );
    let mut problems = house::Problems::new();
    let mut cited = 0;
    for chapter in chapters() {
        // The ledger links whole files; it is checked against the proofs.
        if chapter.name == book::generated::LEDGER {
            continue;
        }
        for definition in chapter.definitions.values() {
            let Some(file) = definition.url.strip_prefix(&proofs) else {
                continue;
            };
            let at = format!("{}:{}", chapter.name, definition.line);
            let Some((module, test)) =
                book::generated::proof_of(&root, definition)
            else {
                if !["main.rs", "stress.rs"].contains(&file) {
                    problems.push(format!(
                        "{at}: a link to tests/proofs/{file} needs a title \"proof: MODULE::TEST\""
                    ));
                }
                continue;
            };
            if format!("{module}.rs") != file {
                problems
                    .push(format!("{at}: `{module}::{test}` is not in {file}"));
                continue;
            }
            let source =
                fs::read_to_string(root.join("tests/proofs").join(file))
                    .unwrap_or_default();
            let tests = book::rust::tests_in(&source, file);
            if !tests.iter().any(|t| t.name == test) {
                problems.push(format!(
                    "{at}: no test `{test}` in tests/proofs/{file} (renamed or removed?)"
                ));
            }
            cited += 1;
        }
    }
    assert!(
        cited > 0,
        "no proof links found: has the repository URL changed?"
    );
    problems.assert_none("proof links that prove nothing:");
}
