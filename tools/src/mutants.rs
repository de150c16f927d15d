//! The mutation catalogue (`data/mutations.toml`) and its runner.
//!
//! Each entry is one semantic mutation of listing code that a proof vouches
//! for: a text to find in a file (exactly once), its replacement, the claim
//! it breaks, and the tests that must fail when it is applied. `cargo run --
//! mutants` applies each in a scratch copy of the repository and runs the
//! listings' tests there; a mutation the tests do not catch is a *survivor*,
//! and means some proof does not test what the book says it tests.
//!
//! `cargo test` checks only the catalogue's shape, offline (`problems`): the
//! files exist, each `find` occurs once, each test named exists, and every
//! proof of listing code is named by at least one mutation.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::marks::Kind;

pub const CATALOGUE: &str = "data/mutations.toml";
/// In `caught_by`: the check that every listing prints its `.out` file.
pub const LISTINGS_OUTPUT: &str = "listings";

/// One `[[mutation]]`.
#[derive(Clone, Debug)]
pub struct Mutation {
    pub id: String,
    pub file: String,
    pub find: String,
    pub replace: String,
    pub breaks: String,
    pub caught_by: Vec<String>,
}

/// The catalogue, in file order.
pub fn catalogue(root: &Path) -> Result<Vec<Mutation>, String> {
    let text = fs::read_to_string(root.join(CATALOGUE))
        .map_err(|e| format!("{CATALOGUE}: {e}"))?;
    let table: toml::Table =
        text.parse().map_err(|e| format!("{CATALOGUE}: {e}"))?;
    let Some(entries) = table.get("mutation").and_then(|m| m.as_array()) else {
        return Err(format!("{CATALOGUE}: no [[mutation]] entries"));
    };
    let mut mutations = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let field = |name: &str| -> Result<String, String> {
            entry
                .get(name)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or_else(|| {
                    format!("{CATALOGUE}: mutation #{}: no `{name}`", i + 1)
                })
        };
        let caught_by = entry
            .get("caught_by")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        mutations.push(Mutation {
            id: field("id")?,
            file: field("file")?,
            find: field("find")?,
            replace: field("replace")?,
            breaks: field("breaks")?,
            caught_by,
        });
    }
    Ok(mutations)
}

/// Proofs that call a listing only for setup (a socket pair, a way to send
/// a signal) while what they prove is tokio's own behaviour: they need no
/// mutation. Each `[[tokio_behaviour]]` entry names the test and says why.
pub fn tokio_behaviour(root: &Path) -> Vec<(String, String)> {
    let Ok(text) = fs::read_to_string(root.join(CATALOGUE)) else {
        return Vec::new();
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .get("tokio_behaviour")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|e| {
            Some((
                e.get("test")?.as_str()?.to_owned(),
                e.get("why")?.as_str()?.to_owned(),
            ))
        })
        .collect()
}

/// For each proof test (`module::test`), the ids of the mutations it must
/// catch.
pub fn caught_by_test(root: &Path) -> BTreeMap<String, Vec<String>> {
    let mut by_test: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for mutation in catalogue(root).unwrap_or_default() {
        for test in &mutation.caught_by {
            by_test
                .entry(test.clone())
                .or_default()
                .push(mutation.id.clone());
        }
    }
    by_test
}

/// The proof modules that include a listing (their tests vouch for listing
/// code), and their tests.
fn listing_proofs(root: &Path) -> Vec<(String, Vec<String>)> {
    crate::generated::proof_modules(root)
        .into_iter()
        .filter(|(module, _)| {
            !crate::generated::NOT_CLAIMS.contains(&module.as_str())
        })
        .filter_map(|(module, file)| {
            let source = fs::read_to_string(&file).ok()?;
            let lines: Vec<&str> = source.lines().collect();
            // A test vouches for listing code when its body calls into a
            // listing (`listing_NN_MM::...`); one about tokio alone does not.
            let tests = crate::rust::tests_in(&source, &module)
                .into_iter()
                .filter(|t| {
                    lines[t.first_line - 1..t.last_line]
                        .iter()
                        .any(|l| l.contains("listing_"))
                })
                .map(|t| t.name)
                .collect();
            Some((module, tests))
        })
        .collect()
}

/// Everything wrong with the catalogue's shape; empty when it is sound.
pub fn problems(root: &Path) -> Vec<String> {
    let mutations = match catalogue(root) {
        Ok(mutations) => mutations,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    for m in &mutations {
        let at = format!("{CATALOGUE}: `{}`", m.id);
        if !ids.insert(m.id.clone()) {
            problems.push(format!("{at}: the id is used twice"));
        }
        if m.find == m.replace {
            problems.push(format!("{at}: `replace` is the same as `find`"));
        }
        if m.breaks.trim().is_empty() {
            problems.push(format!("{at}: say which claim it breaks"));
        }
        match fs::read_to_string(root.join(&m.file)) {
            Err(_) => problems.push(format!("{at}: no file {}", m.file)),
            Ok(text) => {
                let count = text.matches(&m.find).count();
                if count != 1 {
                    problems.push(format!(
                        "{at}: `find` occurs {count} times in {} (must be once)",
                        m.file
                    ));
                }
            }
        }
        if m.caught_by.is_empty() {
            problems.push(format!("{at}: `caught_by` names no test"));
        }
        for test in &m.caught_by {
            if test == LISTINGS_OUTPUT {
                continue;
            }
            let (module, name) = test.split_once("::").unwrap_or(("", test));
            let exists = fs::read_to_string(
                root.join("tests/proofs").join(format!("{module}.rs")),
            )
            .ok()
            .is_some_and(|source| {
                crate::rust::tests_in(&source, module)
                    .iter()
                    .any(|t| t.name == name)
            });
            if !exists {
                problems.push(format!(
                    "{at}: caught_by `{test}` is not a test in tests/proofs/{module}.rs"
                ));
            }
        }
    }
    // Every proof of listing code can be made to fail. (A test cited only
    // as a replay is evidence, not proof, and needs no mutation.)
    let kinds = crate::generated::mark_kinds(root);
    let mut named: BTreeSet<&String> =
        mutations.iter().flat_map(|m| &m.caught_by).collect();
    let exempt = tokio_behaviour(root);
    named.extend(exempt.iter().map(|(test, _)| test));
    for (module, tests) in listing_proofs(root) {
        for test in tests {
            let key = format!("{module}::{test}");
            let replay_only = kinds
                .get(&(module.clone(), test.clone()))
                .is_some_and(|k| !k.contains(&Kind::Proof));
            if !replay_only && !named.contains(&key) {
                problems.push(format!(
                    "{CATALOGUE}: no mutation is caught by `{key}`, a proof of listing code \
                     (add one that breaks the claim it proves)"
                ));
            }
        }
    }
    problems
}

// ---------------------------------------------------------------------------
// The runner.

/// What became of one mutation.
pub enum Outcome {
    /// The tests failed, each test named in `caught_by` among them.
    Caught { failed: Vec<String> },
    /// The tests failed, but not every named test did.
    Missed {
        failed: Vec<String>,
        missing: Vec<String>,
    },
    /// Every test passed: nothing vouches for this code.
    Survived,
    /// The mutated code does not compile, or the run broke down.
    Broken(String),
}

/// Runs the catalogue (or one entry); prints a report; `true` when every
/// mutation was caught as the catalogue says.
pub fn run(root: &Path, only: Option<&str>) -> bool {
    let started = Instant::now();
    let problems = problems(root);
    if !problems.is_empty() {
        eprintln!("mutants: the catalogue is stale:\n{}", problems.join("\n"));
        return false;
    }
    let mut mutations = catalogue(root).unwrap();
    if let Some(id) = only {
        mutations.retain(|m| m.id == id);
        if mutations.is_empty() {
            eprintln!("mutants: no mutation `{id}` in {CATALOGUE}");
            return false;
        }
    }
    let scratch = root.join("target/mutants");
    let tree = scratch.join("tree");
    let target = scratch.join("target");
    println!("mutants: copying the tracked files to {}", tree.display());
    let files = match copy_tracked(root, &tree) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("mutants: {e}");
            return false;
        }
    };
    // Unmutated, the tests must pass, or no failure below means anything.
    println!("mutants: the tests on the unmutated copy (builds once)");
    match test_suite(&tree, &target) {
        Ok(failed) if failed.is_empty() => {}
        Ok(failed) => {
            eprintln!("mutants: the unmutated copy fails: {failed:?}");
            return false;
        }
        Err(e) => {
            eprintln!("mutants: the unmutated copy: {e}");
            return false;
        }
    }
    let mut bad = Vec::new();
    for (i, m) in mutations.iter().enumerate() {
        let file = tree.join(&m.file);
        let original = files
            .get(&m.file)
            .cloned()
            .unwrap_or_else(|| fs::read_to_string(&file).unwrap_or_default());
        let mutated = original.replacen(&m.find, &m.replace, 1);
        let one = Instant::now();
        fs::write(&file, &mutated).unwrap();
        let outcome = match test_suite(&tree, &target) {
            Err(e) => Outcome::Broken(e),
            Ok(failed) if failed.is_empty() => Outcome::Survived,
            Ok(failed) => {
                let missing: Vec<String> = m
                    .caught_by
                    .iter()
                    .filter(|t| !failed.contains(t))
                    .cloned()
                    .collect();
                if missing.is_empty() {
                    Outcome::Caught { failed }
                } else {
                    Outcome::Missed { failed, missing }
                }
            }
        };
        fs::write(&file, &original).unwrap();
        let secs = one.elapsed().as_secs();
        let line = match &outcome {
            Outcome::Caught { failed } => {
                format!("caught by {} test(s)", failed.len())
            }
            Outcome::Missed { failed, missing } => format!(
                "MISSED: {} did not fail (failed: {})",
                missing.join(", "),
                failed.join(", ")
            ),
            Outcome::Survived => format!("SURVIVED: {}", m.breaks),
            Outcome::Broken(why) => format!("BROKEN: {why}"),
        };
        println!(
            "[{}/{}] {} ({secs} s): {line}",
            i + 1,
            mutations.len(),
            m.id
        );
        if !matches!(outcome, Outcome::Caught { .. }) {
            bad.push(m.id.clone());
        }
    }
    println!(
        "mutants: {} mutation(s), {} caught, {} not ({}), in {} s",
        mutations.len(),
        mutations.len() - bad.len(),
        bad.len(),
        if bad.is_empty() {
            "none".to_owned()
        } else {
            bad.join(", ")
        },
        started.elapsed().as_secs()
    );
    bad.is_empty()
}

/// Copies every file git tracks (and every new file it does not ignore) to
/// `tree`, writing only what differs so that cargo rebuilds only what
/// changed; returns the copied texts by path.
fn copy_tracked(
    root: &Path,
    tree: &Path,
) -> Result<BTreeMap<String, String>, String> {
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output()
        .map_err(|e| format!("git ls-files: {e}"))?;
    if !listed.status.success() {
        return Err("git ls-files failed: is this a git checkout?".into());
    }
    let mut texts = BTreeMap::new();
    for name in String::from_utf8_lossy(&listed.stdout)
        .split('\0')
        .filter(|n| !n.is_empty())
    {
        let from = root.join(name);
        let Ok(data) = fs::read(&from) else { continue }; // deleted
        let to = tree.join(name);
        if fs::read(&to).ok().as_deref() != Some(&data[..]) {
            fs::create_dir_all(to.parent().unwrap())
                .map_err(|e| format!("{}: {e}", to.display()))?;
            fs::write(&to, &data)
                .map_err(|e| format!("{}: {e}", to.display()))?;
        }
        if let Ok(text) = String::from_utf8(data) {
            texts.insert(name.to_owned(), text);
        }
    }
    Ok(texts)
}

/// Longest a mutated suite may run before it counts as broken.
const SUITE_LIMIT: Duration = Duration::from_secs(600);

/// Runs the proofs and the listings' output check in `tree`; returns the
/// names of the failed tests (`module::test` for proofs, `listings` for
/// the output check), or why the run broke down.
fn test_suite(tree: &Path, target: &Path) -> Result<Vec<String>, String> {
    let mut failed = Vec::new();
    for (test, prefix) in [("proofs", ""), ("listings", LISTINGS_OUTPUT)] {
        let output = cargo_test(tree, target, test)?;
        let stdout = String::from_utf8_lossy(&output.0);
        let mut ran = false;
        for line in stdout.lines() {
            if line.starts_with("test result:") {
                ran = true;
            }
            if let Some(name) = line
                .strip_prefix("test ")
                .and_then(|l| l.strip_suffix(" ... FAILED"))
            {
                failed.push(if prefix.is_empty() {
                    name.to_owned()
                } else {
                    prefix.to_owned()
                });
            }
        }
        if !ran {
            let stderr = String::from_utf8_lossy(&output.1);
            let why = stderr
                .lines()
                .filter(|l| l.starts_with("error"))
                .take(3)
                .collect::<Vec<_>>()
                .join("; ");
            return Err(format!("`--test {test}` did not run: {why}"));
        }
    }
    failed.dedup();
    Ok(failed)
}

fn cargo_test(
    tree: &Path,
    target: &Path,
    test: &str,
) -> Result<(Vec<u8>, Vec<u8>), String> {
    // The stress runs are supporting evidence, never named in `caught_by`,
    // and a mutation that loses a wake-up makes each of them wait out its
    // 60 s deadline: they are left out.
    let mut child = Command::new(env!("CARGO"))
        .args(["test", "-p", "listings", "--test", test, "--no-fail-fast"])
        .args(["--", "--skip", "stress::"])
        .env("CARGO_TARGET_DIR", target)
        .current_dir(tree)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    // Read both pipes on threads, so a chatty run cannot block on a full one.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let started = Instant::now();
    loop {
        if child.try_wait().map_err(|e| e.to_string())?.is_some() {
            break;
        }
        if started.elapsed() > SUITE_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "`--test {test}` ran longer than {} s",
                SUITE_LIMIT.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok((out.join().unwrap(), err.join().unwrap()))
}

/// Where the scratch copy lives (for messages).
pub fn scratch_dir(root: &Path) -> PathBuf {
    root.join("target/mutants")
}
