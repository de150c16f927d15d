//! Facts about versions: the introduction's table matches Cargo.lock, and
//! every row of the API history is in the crate's own CHANGELOG.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use crate::root;

/// `cargo metadata` for the workspace, read with serde_json (once a run).
pub(crate) fn metadata() -> &'static serde_json::Value {
    static METADATA: std::sync::OnceLock<serde_json::Value> =
        std::sync::OnceLock::new();
    METADATA.get_or_init(read_metadata)
}

fn read_metadata() -> serde_json::Value {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .current_dir(root())
        .output()
        .expect("cargo metadata");
    assert!(output.status.success(), "cargo metadata failed");
    serde_json::from_slice(&output.stdout).expect("cargo metadata printed JSON")
}

/// The version of each package in the resolved graph, and its manifest.
pub(crate) fn packages(
    metadata: &serde_json::Value,
) -> BTreeMap<String, (String, PathBuf)> {
    metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                (
                    p["version"].as_str().unwrap().to_owned(),
                    PathBuf::from(p["manifest_path"].as_str().unwrap()),
                ),
            )
        })
        .collect()
}

#[test]
fn the_introduction_states_the_versions_in_cargo_lock() {
    let packages = packages(metadata());
    let manifest: toml::Table = fs::read_to_string(root().join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let msrv = manifest["workspace"]["package"]["rust-version"]
        .as_str()
        .unwrap();
    let intro = fs::read_to_string(root().join("src/introduction.md")).unwrap();
    let rows = [
        ("tokio", packages["tokio"].0.clone()),
        ("tokio-util", packages["tokio-util"].0.clone()),
        ("mdBook", packages["mdbook-driver"].0.clone()),
        ("Rust", format!("{msrv} or newer")),
    ];
    let mut problems = house::Problems::new();
    for (what, version) in rows {
        if !intro.contains(&format!("| {what} | {version}")) {
            problems.push(format!("| {what} | {version} ..."));
        }
    }
    problems.assert_none(
        "src/introduction.md's version table does not match Cargo.lock / Cargo.toml; expected rows starting:",
    );
}

#[test]
fn the_toolchain_sentence_says_what_ci_builds_with_which_rust() {
    let read = |file: &str| fs::read_to_string(root().join(file)).unwrap();
    let manifest: toml::Table = read("Cargo.toml").parse().unwrap();
    let msrv = manifest["workspace"]["package"]["rust-version"]
        .as_str()
        .unwrap();
    let toolchain: toml::Table = read("rust-toolchain.toml").parse().unwrap();
    let channel = toolchain["toolchain"]["channel"].as_str().unwrap();
    let intro = read("src/introduction.md");
    let mut problems = house::Problems::new();
    // What the introduction says...
    for said in [
        format!("| Rust | {msrv} or newer; {channel} for `cargo test` |"),
        format!("build with Rust {msrv} or newer"),
        format!("needs the pinned Rust {channel}"),
    ] {
        if !intro.contains(&said) {
            problems.push(format!("src/introduction.md does not say `{said}`"));
        }
    }
    // ...is what CI's msrv job does: with Cargo.toml's rust-version, it
    // builds every listing, runs the exercises and builds the book.
    let run = read(".ci/run");
    let step = run
        .split("step_msrv() {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .unwrap_or("");
    for command in [
        "toolchain=$(msrv)",
        "cargo build --locked --workspace --all-targets",
        "cargo test --locked -p listings --test listings",
        "cargo test --locked -p exercises",
        "cargo run --locked --quiet -- --no-open",
    ] {
        if !step.contains(command) {
            problems.push(format!(
                ".ci/run's step_msrv no longer runs `{command}`"
            ));
        }
    }
    if !run.contains("msrv() { sed -n 's/^rust-version = ") {
        problems
            .push(".ci/run's msrv() no longer reads Cargo.toml's rust-version");
    }
    if !read(".github/workflows/ci.yml").contains("run: bash .ci/run msrv") {
        problems.push("CI no longer runs `bash .ci/run msrv`");
    }
    problems.assert_none("the introduction's toolchain sentence:");
}

#[test]
fn every_api_history_row_is_in_the_crates_changelog() {
    let packages = packages(metadata());
    let page =
        fs::read_to_string(root().join("src/appendix-api-history.md")).unwrap();
    let mut problems = house::Problems::new();
    let mut rows = 0;
    let mut krate = String::new();
    let mut changelogs: BTreeMap<String, String> = BTreeMap::new();
    for line in page.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            krate = heading.trim().to_owned();
            continue;
        }
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        if cells.len() != 3
            || cells[1] == "Since"
            || cells[1].starts_with("---")
        {
            continue;
        }
        let (api, version, entry) = (cells[0], cells[1], cells[2]);
        let Some((_, manifest)) = packages.get(&krate) else {
            problems.push(format!(
                "section `{krate}` is not a crate the book depends on"
            ));
            continue;
        };
        let changelog = changelogs.entry(krate.clone()).or_insert_with(|| {
            fs::read_to_string(manifest.with_file_name("CHANGELOG.md"))
                .unwrap_or_default()
        });
        let section = changelog_section(changelog, version);
        rows += 1;
        if section.is_empty() {
            problems.push(format!(
                "{krate} {version} ({api}): no such release in its CHANGELOG.md"
            ));
        } else if !section.contains(entry) {
            problems.push(format!(
                "{krate} {version} ({api}): the CHANGELOG has no entry \"{entry}\" for that release"
            ));
        }
    }
    assert!(rows >= 20, "only {rows} rows read from the API history");
    problems.assert_none("src/appendix-api-history.md:");
}

/// The lines under `# VERSION (date)`, up to the next release heading.
fn changelog_section(changelog: &str, version: &str) -> String {
    let heading = format!("# {version} ");
    let mut lines = changelog.lines().skip_while(|l| !l.starts_with(&heading));
    let Some(first) = lines.next() else {
        return String::new();
    };
    let rest: Vec<&str> = lines.take_while(|l| !l.starts_with("# ")).collect();
    format!("{first}\n{}", rest.join("\n"))
}
