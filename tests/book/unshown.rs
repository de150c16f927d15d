//! Code compiled but not shown: the exercises' test support (with its
//! `unsafe`) is in their files and in the blocks skeptic compiles, and in
//! no page of the HTML book, not even behind the eye button.

use std::fs;

use crate::root;

#[test]
fn the_exercises_test_support_is_compiled_but_not_shown() {
    let mut problems = house::Problems::new();
    let mut carrying = 0;
    for file in house::files_under(&root().join("listings/ch06-exercises")) {
        let text = fs::read_to_string(&file).unwrap();
        if text.contains("mod test_support") {
            carrying += 1;
            if !text.contains(book::unshown::MARK) {
                problems.push(format!(
                    "{}: its test support must follow the line `{}`",
                    house::relative(&file),
                    book::unshown::MARK
                ));
            }
        }
    }
    assert!(
        carrying >= 3,
        "only {carrying} exercises carry test support"
    );
    // skeptic compiles the blocks as the markdown renderer expands them:
    // the module is there, hidden.
    let (chapters, _) = book::render::expanded(&root());
    let exercises = chapters
        .iter()
        .find(|c| c.path.to_string_lossy() == "ch06-exercises.md")
        .unwrap();
    let compiled = exercises.content.matches("# mod test_support {").count();
    if compiled != 2 * carrying {
        problems.push(format!(
            "skeptic sees {compiled} test-support modules in chapter 6, not {} (a starter and a solution each)",
            2 * carrying
        ));
    }
    let (html, _) = crate::rendered();
    // (Other pages may show `unsafe`: the waker-clone hook of Part II.)
    for (page, words) in [
        (
            "ch06-exercises.html",
            &["mod test_support", "unsafe", "transmute"][..],
        ),
        ("print.html", &["mod test_support", "transmute"][..]),
    ] {
        let text = fs::read_to_string(html.join(page)).unwrap();
        for shown in words {
            if text.contains(shown) {
                problems.push(format!("{page} shows `{shown}`"));
            }
        }
    }
    problems.assert_none("the exercises' test support:");
}
