//! Code the book compiles but does not show, removed by a preprocessor that
//! runs inside mdBook for the HTML book only (registered in `render.rs`):
//! skeptic and the checks read the chapters without it, so every block is
//! still compiled whole.
//!
//! Exercises 3, 6 and 7 give their checks a hook that needs a module of
//! test support, with `unsafe` in it, that the reader neither edits nor
//! copies. In the exercise's file it is the module that follows the line
//! [`MARK`] (in `listings/ch06-exercises/exercise-N.rs`, and so in the
//! starter that `cargo run -- bless` writes from it). A block shows it as
//! hidden lines; this step replaces those lines, from the comment to the
//! module's closing brace, with one hidden line that says where it is.

use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// The comment that opens the test support in an exercise's file.
pub const MARK: &str = "// Test support: do not edit, do not copy.";

/// What a reader sees instead, behind the eye button.
pub const INSTEAD: &str = "# // (The checks' test support is in the exercise's file, not shown here.)";

/// `text` with every hidden test-support module replaced by [`INSTEAD`].
pub fn remove(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let opens = line
            .strip_prefix("# ")
            .is_some_and(|code| code.starts_with(MARK));
        let end = opens
            .then(|| {
                let module = (i..lines.len())
                    .find(|&j| lines[j].starts_with("# mod test_support {"))?;
                (module..lines.len()).find(|&j| lines[j] == "# }")
            })
            .flatten();
        let Some(end) = end else {
            out.push(line);
            i += 1;
            continue;
        };
        // The rule above the comment goes too.
        if out.last().is_some_and(|l| l.starts_with("# // ----")) {
            out.pop();
        }
        out.push(INSTEAD);
        i = end + 1;
    }
    let mut result = out.join("\n");
    if text.ends_with('\n') {
        result.push('\n');
    }
    result
}

/// The preprocessor.
pub struct Unshown;

impl Preprocessor for Unshown {
    fn name(&self) -> &str {
        "notify-book-unshown"
    }

    fn supports_renderer(
        &self,
        renderer: &str,
    ) -> mdbook_driver::errors::Result<bool> {
        Ok(renderer == "html")
    }

    fn run(
        &self,
        _: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_driver::errors::Result<Book> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && chapter.content.contains(MARK)
            {
                chapter.content = remove(&chapter.content);
            }
        });
        Ok(book)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hidden_module_goes_and_the_rest_stays() {
        let block = "```rust\n# fn hook() { test_support::run_hook(); }\n\
                     # // ------------\n# // Test support: do not edit, do not copy. It\n\
                     # // takes `unsafe`.\n# mod test_support {\n#     pub fn run_hook() {\n\
                     #     }\n# }\n#\n# fn main() {}\n```\n";
        let shown = super::remove(block);
        assert_eq!(
            shown,
            format!(
                "```rust\n# fn hook() {{ test_support::run_hook(); }}\n{}\n#\n# fn main() {{}}\n```\n",
                super::INSTEAD
            )
        );
    }
}
