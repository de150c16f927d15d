//! Code the book shows as "does not compile" really does not, with the error shown.
//!
//! A listing with a `.stderr` file beside it is one that must fail to compile;
//! the `.stderr` file holds the compiler's error, and the chapter shows it
//! under the listing. trybuild compiles each such listing and fails if it
//! compiles, or if the error differs. After a deliberate change,
//! `cargo run -- bless` records the new errors.

#[test]
fn listings_marked_does_not_compile_fail_with_the_error_shown() {
    let failing: Vec<house::Listing> = house::listings()
        .into_iter()
        .filter(|l| l.must_not_compile)
        .collect();
    assert!(!failing.is_empty(), "no listing has a .stderr file");

    // trybuild takes paths relative to this package (`listings/`).
    let package = house::root().join("listings");
    let cases = trybuild::TestCases::new();
    for listing in failing {
        cases.compile_fail(listing.path.strip_prefix(&package).unwrap());
    }
}
