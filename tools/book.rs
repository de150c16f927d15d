//! The book tool.
//!
//! - `cargo run`: builds the book into `book/` and opens it in a browser.
//!   The copy works offline, straight from the disk.
//! - `cargo run -- --no-open`: only builds it (CI, the Pages workflow).
//! - `cargo run -- --bundle`: also writes `target/tokio-notify-in-practice.zip`,
//!   the HTML book plus the sources, so that a reader can unzip it, open
//!   `book/index.html` offline, and run every listing.
//! - `cargo run -- --pdf`: also prints the whole book to
//!   `target/tokio-notify-in-practice.pdf` with a headless Chromium (which
//!   must be installed: `chromium`, `chromium-browser` or `google-chrome`).
//!
//! The HTML is rendered by mdBook (the version pinned in Cargo.lock) when
//! cargo runs `build.rs`; this program copies it and reports any warning.

mod files;
mod zip;

use files::files_under;

use std::path::Path;
use std::process::{Command, ExitCode};
use std::{env, fs, io};

const RENDERED: &str = concat!(env!("OUT_DIR"), "/html");
const REPORT: &str =
    include_str!(concat!(env!("OUT_DIR"), "/mdbook-report.txt"));
const NAME: &str = "tokio-notify-in-practice";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let book = root.join("book");
    if let Err(error) = copy_dir(Path::new(RENDERED), &book) {
        eprintln!("could not write {}: {error}", book.display());
        return ExitCode::FAILURE;
    }
    for line in REPORT.lines() {
        eprintln!("mdBook: {line}");
    }
    let index = book.join("index.html");
    println!("The book is at {}", index.display());

    let mut ok = REPORT.is_empty();
    if args.iter().any(|a| a == "--bundle") {
        let zip = root.join("target").join(format!("{NAME}.zip"));
        match bundle(root, &zip) {
            Ok(files) => println!("Bundle: {} ({files} files)", zip.display()),
            Err(error) => {
                eprintln!("could not write the bundle: {error}");
                ok = false;
            }
        }
    }
    if args.iter().any(|a| a == "--pdf") {
        let pdf = root.join("target").join(format!("{NAME}.pdf"));
        match print_pdf(&book.join("print.html"), &pdf) {
            Ok(()) => println!("PDF: {}", pdf.display()),
            Err(error) => {
                eprintln!("could not print the PDF: {error}");
                ok = false;
            }
        }
    }

    let quiet =
        args.iter().any(|a| a.starts_with("--")) || env::var_os("CI").is_some();
    if !quiet {
        println!("Open it in any browser: it works offline, from the disk.");
        if !open_in_browser(&index) {
            println!(
                "(No browser could be started from here; open the file above.)"
            );
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    if to.exists() {
        fs::remove_dir_all(to)?;
    }
    for file in files_under(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        fs::create_dir_all(target.parent().unwrap())?;
        fs::copy(&file, target)?;
    }
    Ok(())
}

/// The HTML book and the sources that build and test it, under one folder.
fn bundle(root: &Path, zip_path: &Path) -> io::Result<usize> {
    fs::create_dir_all(zip_path.parent().unwrap())?;
    let mut zip =
        zip::ZipWriter::new(io::BufWriter::new(fs::File::create(zip_path)?));
    let files = files_under(root);
    for file in &files {
        let name = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        zip.add(&format!("{NAME}/{name}"), &fs::read(file)?)?;
    }
    zip.finish()?;
    Ok(files.len())
}

fn print_pdf(print_page: &Path, pdf: &Path) -> io::Result<()> {
    let chosen = env::var("CHROMIUM").ok();
    let browser = chosen
        .iter()
        .map(String::as_str)
        .chain(["chromium", "google-chrome", "chromium-browser"])
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .ok_or_else(|| {
            io::Error::other(
                "no Chromium found: set CHROMIUM, or install chromium",
            )
        })?;
    let profile = env::temp_dir().join(format!("{NAME}-pdf-profile"));
    fs::create_dir_all(pdf.parent().unwrap())?;
    let status = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", print_page.display()))
        .status()?;
    if !status.success() || !pdf.exists() {
        return Err(io::Error::other(format!(
            "{browser} exited with {status}"
        )));
    }
    Ok(())
}

fn open_in_browser(page: &Path) -> bool {
    let page = page.as_os_str();
    let attempt = if cfg!(target_os = "macos") {
        Command::new("open").arg(page).status()
    } else if cfg!(windows) {
        Command::new("cmd")
            .args(["/C", "start", ""])
            .arg(page)
            .status()
    } else {
        Command::new("xdg-open").arg(page).status()
    };
    attempt.is_ok_and(|status| status.success())
}
