//! `cargo run`: builds the book and opens it in your browser.
//!
//! The HTML is rendered by mdBook (the version pinned in Cargo.lock) when
//! cargo runs `build.rs`; this program copies it to `book/`, prints any
//! warning mdBook gave, and opens `book/index.html`. The copy works offline,
//! straight from the disk.
//!
//! `cargo run -- --no-open` only builds (used by CI and the Pages workflow).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::{env, fs, io};

const RENDERED: &str = concat!(env!("OUT_DIR"), "/html");
const REPORT: &str =
    include_str!(concat!(env!("OUT_DIR"), "/mdbook-report.txt"));

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dest = root.join("book");
    if let Err(error) = copy_dir(Path::new(RENDERED), &dest) {
        eprintln!("could not write {}: {error}", dest.display());
        return ExitCode::FAILURE;
    }
    for line in REPORT.lines() {
        eprintln!("mdBook: {line}");
    }
    let index = dest.join("index.html");
    println!("The book is at {}", index.display());
    println!("Open it in any browser: it works offline, from the disk.");

    let no_open =
        env::args().any(|a| a == "--no-open") || env::var_os("CI").is_some();
    if !no_open && !open_in_browser(&index) {
        println!(
            "(No browser could be started from here; open the file above yourself.)"
        );
    }
    if REPORT.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    if to.exists() {
        fs::remove_dir_all(to)?;
    }
    let mut stack: Vec<(PathBuf, PathBuf)> = vec![(from.into(), to.into())];
    while let Some((src, dst)) = stack.pop() {
        fs::create_dir_all(&dst)?;
        for entry in fs::read_dir(&src)? {
            let entry = entry?;
            let target = dst.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push((entry.path(), target));
            } else {
                fs::copy(entry.path(), target)?;
            }
        }
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
