//! Links in the markdown: reference links are defined, links into the
//! repository name files that exist. (That every proof mark names a test
//! that exists is checked with the claims ledger, in `generated.rs`.)

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
