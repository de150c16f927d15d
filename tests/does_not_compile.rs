//! Code the book shows as "does not compile" really does not, with the error shown.
//!
//! A listing with a `.stderr` file beside it is one that must fail to compile;
//! the `.stderr` file holds the compiler's error, and the chapter shows it
//! under the listing. trybuild compiles each such listing and fails if it
//! compiles, or if the error differs. After a deliberate change, refresh the
//! errors with `TRYBUILD=overwrite cargo test --test does_not_compile`.

use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn listings_marked_does_not_compile_fail_with_the_error_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failing = Vec::new();
    collect(&root.join("listings"), &mut failing);
    assert!(!failing.is_empty(), "no listing has a .stderr file");

    let cases = trybuild::TestCases::new();
    for listing in failing {
        cases.compile_fail(listing.strip_prefix(root).unwrap());
    }
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.with_extension("stderr").exists()
        {
            found.push(path);
        }
    }
}
