//! The book tool.
//!
//! ```text
//! cargo run                  build the book into book/ and open it
//! cargo run -- --no-open     only build it (CI, the Pages workflow)
//! cargo run -- --bundle      also write target/tokio-notify-in-practice.zip
//! cargo run -- --pdf         also print target/tokio-notify-in-practice.pdf
//!                            (A4; add --letter for US Letter)
//! cargo run -- bless         rewrite every generated file (see below)
//! ```
//!
//! The HTML is rendered here, by mdBook (the version pinned in Cargo.lock)
//! used as a library; nothing renders the book in a build script.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;
use std::{env, fs, io};

use book::{generated, pdf, render, zip};

const NAME: &str = "tokio-notify-in-practice";
const USAGE: &str = "\
usage: cargo run [-- OPTIONS]     build the book into book/ and open it
       cargo run -- bless         rewrite every generated file

options:
  --no-open   build the book, do not open it
  --bundle    also write target/tokio-notify-in-practice.zip (read offline, run the listings)
  --pdf       also print the book to target/tokio-notify-in-practice.pdf (needs Chromium)
  --letter    print the PDF on US Letter paper instead of A4
  -h, --help  this text

bless rewrites, from the files they come from: the programs list in
listings/Cargo.toml, every listing's .out file (by running it) and .stderr
file (by compiling it), the exercise starters, the claims ledger, the index of
questions and chapter 8's tables.";

struct Options {
    open: bool,
    bundle: bool,
    pdf: bool,
    paper: pdf::Paper,
}

fn main() -> ExitCode {
    let root = house::root();
    let args: Vec<String> = env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("bless") {
        if args.len() > 1 {
            return usage(&format!("bless takes no options: {:?}", &args[1..]));
        }
        return bless(&root);
    }
    let mut options = Options {
        open: env::var_os("CI").is_none(),
        bundle: false,
        pdf: false,
        paper: pdf::Paper::A4,
    };
    for arg in &args {
        match arg.as_str() {
            "--no-open" => options.open = false,
            "--bundle" => options.bundle = true,
            "--pdf" => options.pdf = true,
            "--letter" => options.paper = pdf::Paper::Letter,
            "--a4" => options.paper = pdf::Paper::A4,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown option `{other}`")),
        }
    }
    build(&root, &options)
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}

fn build(root: &Path, options: &Options) -> ExitCode {
    let book = root.join("book");
    let report = render::html(root, &book);
    for line in &report {
        eprintln!("mdBook: {line}");
    }
    let index = book.join("index.html");
    println!("The book is at {}", index.display());
    let mut ok = report.is_empty();

    if options.bundle {
        let zip = root.join("target").join(format!("{NAME}.zip"));
        match bundle(root, &zip) {
            Ok(files) => println!("Bundle: {} ({files} files)", zip.display()),
            Err(error) => {
                eprintln!("could not write the bundle: {error}");
                ok = false;
            }
        }
    }
    if options.pdf {
        let pdf_file = root.join("target").join(format!("{NAME}.pdf"));
        match pdf::print(root, &book, &pdf_file, options.paper) {
            Ok(printed) => println!(
                "PDF: {} ({} pages, {:?}; {} printed it {} times to number the contents)",
                pdf_file.display(),
                printed.pages,
                options.paper,
                printed.browser,
                printed.passes
            ),
            Err(error) => {
                eprintln!("could not print the PDF: {error}");
                ok = false;
            }
        }
    }
    if options.open && !options.bundle && !options.pdf {
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

// ---------------------------------------------------------------------------
// bless

fn bless(root: &Path) -> ExitCode {
    let mut failed = Vec::new();
    // The programs list first: a new listing needs it to be built.
    let manifest = root.join(generated::LISTINGS_MANIFEST);
    let (files, _) = generated::all(root);
    if let Some(list) = files.iter().find(|g| g.path == manifest) {
        write_if_changed(&list.path, &list.contents);
    }

    println!("bless: building the listings");
    match built_listings(root) {
        Ok(programs) => {
            for listing in
                house::listings().iter().filter(|l| !l.must_not_compile)
            {
                let Some(program) = programs.get(&listing.name) else {
                    failed.push(format!(
                        "{}: no program was built",
                        listing.relative()
                    ));
                    continue;
                };
                match house::run_program(program, Duration::from_secs(30)) {
                    Ok(printed) => {
                        write_if_changed(&listing.expected_file(), &printed)
                    }
                    Err(why) => {
                        failed.push(format!("{}: {why}", listing.relative()))
                    }
                }
            }
        }
        Err(why) => failed.push(why),
    }

    println!(
        "bless: recording the errors of the listings that must not compile"
    );
    let status = Command::new(env!("CARGO"))
        .args([
            "test",
            "--quiet",
            "-p",
            "listings",
            "--test",
            "does_not_compile",
        ])
        .env("TRYBUILD", "overwrite")
        .current_dir(root)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        failed.push("TRYBUILD=overwrite cargo test -p listings --test does_not_compile failed".into());
    }

    // Last, the pages generated from the book (they read the outputs).
    let (files, problems) = generated::all(root);
    for file in &files {
        write_if_changed(&file.path, &file.contents);
    }
    failed.extend(problems);
    if failed.is_empty() {
        println!("bless: done; review the changes with `git diff`");
        ExitCode::SUCCESS
    } else {
        eprintln!("bless: written what could be, but:\n{}", failed.join("\n"));
        ExitCode::FAILURE
    }
}

fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("  wrote {}", house::relative(path));
    }
}

/// Builds every listing; returns each program's path by name, as cargo
/// reports it.
fn built_listings(
    root: &Path,
) -> Result<std::collections::BTreeMap<String, PathBuf>, String> {
    let output = Command::new(env!("CARGO"))
        .args([
            "build",
            "-p",
            "listings",
            "--bins",
            "--message-format=json-render-diagnostics",
        ])
        .current_dir(root)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err("the listings do not build (see above)".into());
    }
    let mut programs = std::collections::BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line)
        else {
            continue;
        };
        if message["reason"] == "compiler-artifact"
            && let Some(path) = message["executable"].as_str()
            && let Some(name) = message["target"]["name"].as_str()
        {
            programs.insert(name.to_owned(), PathBuf::from(path));
        }
    }
    Ok(programs)
}

// ---------------------------------------------------------------------------
// The offline bundle: the HTML book and what a reader needs to run every
// listing and exercise, from an allowlist of tracked files.

/// What goes into the bundle besides the HTML book: these folders and files,
/// as far as git tracks them.
const BUNDLED: &[&str] = &[
    "Cargo.lock",
    "rustfmt.toml",
    "listings",
    "exercises",
    "tools/house",
    "tests/listings.rs",
    "tests/does_not_compile.rs",
    "tests/grep_app.rs",
    "tests/proofs",
];
/// The members of the bundle's workspace.
const BUNDLE_MEMBERS: &[&str] = &["listings", "exercises", "tools/house"];

/// Writes the zip; returns how many files it holds.
fn bundle(root: &Path, zip_path: &Path) -> io::Result<usize> {
    let tracked = Command::new("git")
        .args(["ls-files", "-z", "--"])
        .args(BUNDLED)
        .current_dir(root)
        .output()
        .map_err(|e| {
            io::Error::other(format!(
                "the bundle is made from a git checkout: {e}"
            ))
        })?;
    if !tracked.status.success() {
        return Err(io::Error::other(
            "git ls-files failed: is this a git checkout?",
        ));
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for name in String::from_utf8_lossy(&tracked.stdout)
        .split('\0')
        .filter(|n| !n.is_empty())
    {
        files.push((name.to_owned(), fs::read(root.join(name))?));
    }
    for file in house::files_under(&root.join("book")) {
        let name = format!(
            "book/{}",
            file.strip_prefix(root.join("book"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        );
        files.push((name, fs::read(&file)?));
    }
    files.push(("Cargo.toml".into(), bundle_manifest(root)?.into_bytes()));
    files.push((
        "README.md".into(),
        include_bytes!("bundle-readme.md").to_vec(),
    ));
    files.sort();

    fs::create_dir_all(zip_path.parent().unwrap())?;
    let mut zip =
        zip::ZipWriter::new(io::BufWriter::new(fs::File::create(zip_path)?));
    for (name, data) in &files {
        zip.add(&format!("{NAME}/{name}"), data)?;
    }
    zip.finish()?;
    Ok(files.len())
}

/// The workspace manifest, with only the members the bundle carries.
fn bundle_manifest(root: &Path) -> io::Result<String> {
    let mut manifest: toml::Table =
        fs::read_to_string(root.join("Cargo.toml"))?
            .parse()
            .map_err(io::Error::other)?;
    let members: Vec<toml::Value> = BUNDLE_MEMBERS
        .iter()
        .map(|m| toml::Value::from(*m))
        .collect();
    let workspace = manifest["workspace"].as_table_mut().unwrap();
    workspace.insert("members".into(), members.clone().into());
    workspace.insert("default-members".into(), members.into());
    Ok(format!(
        "# The offline bundle of Tokio Notify in Practice: the listings and the\n\
         # exercises. (The full repository also holds the book tool and its checks.)\n{}",
        toml::to_string(&manifest).map_err(io::Error::other)?
    ))
}

// ---------------------------------------------------------------------------

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
