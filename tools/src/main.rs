//! The book tool.
//!
//! ```text
//! cargo run                  build the book into book/ and open it
//! cargo run -- --no-open     only build it (CI, the Pages workflow)
//! cargo run -- --bundle      also write target/tokio-notify-in-practice.zip
//! cargo run -- --pdf         also print target/tokio-notify-in-practice.pdf
//!                            (A4; add --letter for US Letter)
//! cargo run -- bless         rewrite every generated file (see below)
//! cargo run -- check-citations   online: every cited commit is on its
//!                            default branch, its lines hold the idents, and
//!                            every search recipe finds its recorded sites
//! cargo run -- mutants       run the mutation catalogue (data/mutations.toml)
//! ```
//!
//! The HTML is rendered here, by mdBook (the version pinned in Cargo.lock)
//! used as a library; nothing renders the book in a build script.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;
use std::{env, fs};

use book::{citations, generated, mutants, pdf, render};

const NAME: &str = "tokio-notify-in-practice";
const USAGE: &str = "\
usage: cargo run [-- OPTIONS]     build the book into book/ and open it
       cargo run -- bless         rewrite every generated file
       cargo run -- check-citations [--mirrors DIR [--fetch]] [--no-grep-app]
                                  online (GITHUB_TOKEN from the environment):
                                  every commit in data/citations.toml is on
                                  its default branch, its cited lines still
                                  contain the site's idents, and each search
                                  recipe finds the sites found_by records, in
                                  the cited files and in grep.app's answers;
                                  --mirrors reads bare clones in DIR
                                  (DIR/owner+name) instead of GitHub's API,
                                  --fetch clones the missing ones
       cargo run -- mutants [--only ID] [--list]
                                  apply each mutation of data/mutations.toml in
                                  a scratch copy (target/mutants/) and check
                                  that the listings' tests catch it

options:
  --no-open   build the book, do not open it
  --bundle    also write target/tokio-notify-in-practice.zip (read offline, run the listings)
  --pdf       also print the book to target/tokio-notify-in-practice.pdf (needs Chromium)
  --letter    print the PDF on US Letter paper instead of A4
  -h, --help  this text

bless rewrites, from the files they come from: the programs list in
listings/Cargo.toml, every listing's .out file (by running it) and .stderr
file (by compiling it), the simulators' records of the real Notify and tokens,
the exercise starters, the claims ledger, the index of questions, chapter
8's tables and Listing 8-9's sample answer.";

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
    if args.first().map(String::as_str) == Some("check-citations") {
        return check_citations(&root, &args[1..]);
    }
    if args.first().map(String::as_str) == Some("mutants") {
        return run_mutants(&root, &args[1..]);
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

/// The weekly check (.github/workflows/citations.yml): reads the cited
/// code (GitHub's API and raw files, or bare clones with `--mirrors DIR`),
/// asks grep.app, opens nothing, and fails with the list of problems.
fn check_citations(root: &Path, args: &[String]) -> ExitCode {
    let mut mirrors = None;
    let mut fetch_mirrors = false;
    let mut grep_app = true;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--mirrors" => match args.next() {
                Some(dir) => mirrors = Some(PathBuf::from(dir)),
                None => return usage("--mirrors needs a directory"),
            },
            "--fetch" => fetch_mirrors = true,
            "--no-grep-app" => grep_app = false,
            other => {
                return usage(&format!(
                    "check-citations: unknown option `{other}`"
                ));
            }
        }
    }
    let token = env::var("GITHUB_TOKEN").ok().filter(|t| !t.is_empty());
    let patterns = citations::patterns(root);
    let sites: usize = patterns.iter().map(|p| p.sites().len()).sum();
    let mut requests = 0;
    let mut fetch = |url: &str| {
        requests += 1;
        citations::online::curl(url, token.as_deref())
    };
    let mut github;
    let mut clones;
    let source: &mut dyn citations::online::Source = match &mirrors {
        Some(dir) => {
            clones = citations::online::mirrors(dir);
            if fetch_mirrors {
                let mut repos: Vec<String> = patterns
                    .iter()
                    .flat_map(|p| p.sites())
                    .map(|s| s.get("repo").to_owned())
                    .collect();
                repos.sort();
                repos.dedup();
                fs::create_dir_all(dir).expect("the mirrors directory");
                for repo in repos.iter().filter(|r| clones.git_dir(r).is_none())
                {
                    println!("cloning {repo}");
                    if !clones
                        .clone_command(repo)
                        .status()
                        .is_ok_and(|s| s.success())
                    {
                        eprintln!("could not clone {repo}");
                    }
                }
            }
            &mut clones
        }
        None => {
            if token.is_none() {
                eprintln!(
                    "GITHUB_TOKEN is not set: asking GitHub's API without it \
                     (60 requests an hour)"
                );
            }
            github = citations::online::GitHub::new(|url: &str| {
                citations::online::curl(url, token.as_deref())
            });
            &mut github
        }
    };
    let mut report = citations::online::check(&patterns, source);
    if grep_app {
        report.notes.extend(citations::online::probes(&mut fetch));
        let live = citations::online::live(&patterns, source, &mut fetch);
        report.problems.extend(live.problems);
        report.notes.extend(live.notes);
    }
    for note in &report.notes {
        println!("{note}");
    }
    println!("{sites} sites checked ({requests} requests to grep.app)");
    if report.problems.is_empty() {
        println!(
            "every cited commit is on its default branch, every cited range \
             still holds its idents, and every recipe finds what data/citations.toml says"
        );
        return ExitCode::SUCCESS;
    }
    eprintln!("{} problems in data/citations.toml:", report.problems.len());
    for problem in &report.problems {
        eprintln!("  {problem}");
    }
    ExitCode::FAILURE
}

fn run_mutants(root: &Path, args: &[String]) -> ExitCode {
    let mut only = None;
    let mut list = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--list" => list = true,
            "--only" => match args.next() {
                Some(id) => only = Some(id.as_str()),
                None => return usage("--only needs a mutation id"),
            },
            other => {
                return usage(&format!("mutants: unknown option `{other}`"));
            }
        }
    }
    if list {
        return match mutants::catalogue(root) {
            Ok(catalogue) => {
                for m in catalogue {
                    println!(
                        "{}  {}  [{}]\n    breaks: {}",
                        m.id,
                        m.file,
                        m.caught_by.join(", "),
                        m.breaks
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    if mutants::run(root, only) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
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
        match book::bundle::write(root, &zip) {
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
    // The programs list first: a new listing needs it to be built; and the
    // grep.app client's sample answer, which its output shows.
    let first = [
        root.join(generated::LISTINGS_MANIFEST),
        root.join(generated::GREP_APP_CLIENT),
    ];
    let (files, _) = generated::all(root);
    for file in files.iter().filter(|g| first.contains(&g.path)) {
        write_if_changed(&file.path, &file.contents);
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

    println!(
        "bless: recording what the real Notify and tokens do, for the simulators"
    );
    let status = Command::new(env!("CARGO"))
        .args(["test", "--quiet", "-p", "listings", "--test", "simulator"])
        .env("SIMULATOR_FIXTURE", "overwrite")
        .current_dir(root)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        failed.push("SIMULATOR_FIXTURE=overwrite cargo test -p listings --test simulator failed".into());
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
