//! Every generated file is what its generator makes of the current sources:
//! the programs list in listings/Cargo.toml, the exercise starters, the
//! claims ledger, the index of questions, chapter 8's tables. `cargo run --
//! bless` writes them; this only compares.

use crate::root;

#[test]
fn every_generated_file_is_up_to_date() {
    let root = root();
    let (files, problems) = book::generated::all(&root);
    let mut report = house::Problems::new();
    report.extend(problems);
    for file in files {
        let current = std::fs::read_to_string(&file.path).unwrap_or_default();
        if current != file.contents {
            report.push(format!(
                "{} is out of date: run `cargo run -- bless`, review the diff, commit it",
                house::relative(&file.path)
            ));
        }
    }
    report.assert_none("generated files:");
}
