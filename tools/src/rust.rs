//! Rust sources read with syn: the test functions of a file, with the lines
//! they span (for the claims ledger and the proof pages).

/// A `#[test]` or `#[tokio::test]` function.
#[derive(Clone)]
pub struct TestFn {
    pub name: String,
    /// First line of the function's doc comment or attributes, 1-based.
    pub first_line: usize,
    /// Its closing brace.
    pub last_line: usize,
    /// What its `/// Fact: ...` doc line says, as written (see
    /// `crate::facts`), if it has one.
    pub fact: Option<String>,
}

/// The test functions of `source`, in order. Panics (naming `what`) if the
/// file does not parse.
///
/// Parsed once per text: the ledger and the mutation checks ask about the
/// same proof files hundreds of times in one run.
pub fn tests_in(source: &str, what: &str) -> Vec<TestFn> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static PARSED: Mutex<Option<HashMap<String, Vec<TestFn>>>> =
        Mutex::new(None);
    if let Some(tests) = PARSED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get_or_insert_default()
        .get(source)
    {
        return tests.clone();
    }
    let tests = parse_tests(source, what);
    PARSED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get_or_insert_default()
        .insert(source.to_owned(), tests.clone());
    tests
}

fn parse_tests(source: &str, what: &str) -> Vec<TestFn> {
    use syn::spanned::Spanned;
    let file = syn::parse_file(source)
        .unwrap_or_else(|e| panic!("{what} does not parse: {e}"));
    file.items
        .iter()
        .filter_map(|item| {
            let syn::Item::Fn(function) = item else {
                return None;
            };
            let is_test = function.attrs.iter().any(|a| {
                a.path().segments.last().is_some_and(|s| s.ident == "test")
            });
            if !is_test {
                return None;
            }
            let first_line = function
                .attrs
                .iter()
                .map(|a| a.span().start().line)
                .chain([function.sig.span().start().line])
                .min()
                .unwrap();
            let fact = function.attrs.iter().find_map(|a| {
                let syn::Meta::NameValue(nv) = &a.meta else {
                    return None;
                };
                if !nv.path.is_ident("doc") {
                    return None;
                }
                let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
                else {
                    return None;
                };
                s.value()
                    .trim()
                    .strip_prefix("Fact:")
                    .map(|f| f.trim().to_owned())
            });
            Some(TestFn {
                name: function.sig.ident.to_string(),
                first_line,
                last_line: function.block.span().end().line,
                fact,
            })
        })
        .collect()
}
