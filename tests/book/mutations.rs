//! The mutation catalogue (`data/mutations.toml`) is sound: every file it
//! names exists, every `find` occurs exactly once, every test it names
//! exists, and every proof of listing code is named by a mutation. Running
//! the mutations is `cargo run -- mutants` (CI runs it on changes to the
//! listings or the proofs); this checks only the shape, offline.

use crate::root;

#[test]
fn the_mutation_catalogue_is_sound() {
    let mut report = house::Problems::new();
    report.extend(book::mutants::problems(&root()));
    report.assert_none("data/mutations.toml:");
}
