//! Who stands behind each page, added by a preprocessor that runs inside
//! mdBook (registered in `render.rs`):
//!
//! - `{{#verified}}`: "tokio 1.54.1 and tokio-util 0.7.20, built on
//!   2026-10-25", with the versions read from `Cargo.lock` and the date of
//!   the build (or of `SOURCE_DATE_EPOCH`, for a reproducible build), so
//!   that no one types them. Expanded for every renderer.
//! - `{{#repository}}`: the repository's address, from book.toml's
//!   `git-repository-url`.
//! - On every page of the HTML book, a footer: the same line, and a "report
//!   an error" link that opens a new issue on the repository (book.toml's
//!   `git-repository-url`, the one place it is set) carrying the page's
//!   source path and the commit the book was built from. Print hides it
//!   (theme/reader.css); the introduction's own line stays.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use mdbook_driver::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// The directive a chapter writes where the line belongs.
pub const DIRECTIVE: &str = "{{#verified}}";

/// The directive for the repository's address.
pub const REPOSITORY: &str = "{{#repository}}";

/// The class of the footer each HTML page ends with.
pub const FOOTER_CLASS: &str = "page-provenance";

/// What the book was verified against and when it was built.
#[derive(Clone, Debug)]
pub struct Provenance {
    /// `https://github.com/OWNER/REPO`, from book.toml.
    pub repository: String,
    /// The commit the book is built from, or `main` outside a checkout.
    pub commit: String,
    pub tokio: String,
    pub tokio_util: String,
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
}

impl Provenance {
    /// Reads the versions from `Cargo.lock` and the repository from
    /// `book.toml`; the date is today's (UTC), or `SOURCE_DATE_EPOCH`'s.
    pub fn new(root: &Path) -> Provenance {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs())
            });
        let commit = std::process::Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_else(|| "main".to_owned());
        Provenance {
            repository: crate::generated::repository(root),
            commit,
            tokio: locked_version(root, "tokio"),
            tokio_util: locked_version(root, "tokio-util"),
            date: date(seconds),
        }
    }

    /// "tokio 1.54.1 and tokio-util 0.7.20, built on 2026-10-25".
    pub fn verified(&self) -> String {
        format!(
            "tokio {} and tokio-util {}, built on {}",
            self.tokio, self.tokio_util, self.date
        )
    }

    /// A new issue on the repository about `page` (relative to `src/`).
    pub fn report_url(&self, page: &Path) -> String {
        let source =
            format!("src/{}", page.to_string_lossy().replace('\\', "/"));
        let title = format!("Error in {source}");
        let body = format!(
            "Page: {source}\n\
             Built from: {}/blob/{}/{source}\n\
             Verified against: tokio {} and tokio-util {}\n\n\
             What is wrong (quote the sentence, the listing or the output):\n\n",
            self.repository, self.commit, self.tokio, self.tokio_util
        );
        format!(
            "{}/issues/new?title={}&body={}",
            self.repository,
            crate::citations::encode(&title),
            crate::citations::encode(&body)
        )
    }

    /// The footer of the HTML page made from `page` (relative to `src/`).
    pub fn footer(&self, page: &Path) -> String {
        format!(
            "\n\n<footer class=\"{FOOTER_CLASS} screen-only\"><p>Verified against {}. \
             <a href=\"{}\">Report an error on this page</a> \
             (a new issue on GitHub, with the page's name filled in).</p></footer>\n",
            self.verified(),
            self.report_url(page).replace('&', "&amp;")
        )
    }

    /// `text` with every `{{#verified}}` and `{{#repository}}` expanded.
    pub fn expand(&self, text: &str) -> String {
        text.replace(DIRECTIVE, &self.verified())
            .replace(REPOSITORY, &self.repository)
    }
}

/// The version `Cargo.lock` pins for `name` (the first entry of that name).
fn locked_version(root: &Path, name: &str) -> String {
    let lock: toml::Table = std::fs::read_to_string(root.join("Cargo.lock"))
        .expect("Cargo.lock")
        .parse()
        .expect("Cargo.lock is not TOML");
    lock["package"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"].as_str() == Some(name))
        .and_then(|p| p["version"].as_str())
        .unwrap_or_else(|| panic!("Cargo.lock pins no `{name}`"))
        .to_owned()
}

/// `YYYY-MM-DD` (UTC) of a Unix time, by the proleptic Gregorian calendar.
pub fn date(unix_seconds: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = (unix_seconds / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524
        - day_of_era / 146_096)
        / 365;
    let day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

impl Preprocessor for Provenance {
    fn name(&self) -> &str {
        "notify-book-provenance"
    }

    fn run(
        &self,
        context: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_driver::errors::Result<Book> {
        let html = context.renderer == "html";
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                chapter.content = self.expand(&chapter.content);
                if html && let Some(path) = &chapter.path {
                    chapter.content.push_str(&self.footer(path));
                }
            }
        });
        Ok(book)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_civil_dates() {
        assert_eq!(super::date(0), "1970-01-01");
        assert_eq!(super::date(951_782_400), "2000-02-29");
        assert_eq!(super::date(1_798_761_599), "2026-12-31");
    }
}
