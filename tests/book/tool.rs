//! The book tool itself: it refuses what it does not understand, and its
//! offline bundle holds only tracked files, as a workspace that loads.

use std::process::Command;

use crate::root;

#[test]
fn an_unknown_option_prints_the_usage_and_exits_with_2() {
    let output = Command::new(env!("CARGO_BIN_EXE_book"))
        .arg("--pfd")
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "`cargo run -- --pfd` must fail"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown option `--pfd`") && stderr.contains("usage:"),
        "no usage message:\n{stderr}"
    );
}

#[test]
fn the_bundle_holds_only_tracked_files_and_its_workspace_loads() {
    let root = root();
    let files = book::bundle::files(&root).unwrap();
    let tracked = Command::new("git")
        .args(["ls-files"])
        .current_dir(&root)
        .output()
        .unwrap();
    let tracked = String::from_utf8_lossy(&tracked.stdout);
    let mut problems = house::Problems::new();
    let dir = root.join("target/book-check/bundle");
    let _ = std::fs::remove_dir_all(&dir);
    for (name, data) in &files {
        let generated = ["Cargo.toml", "README.md"].contains(&name.as_str());
        if !generated
            && !name.starts_with("book/")
            && !tracked.lines().any(|t| t == name)
        {
            problems.push(format!(
                "{name} is in the bundle but not tracked by git"
            ));
        }
        if name.starts_with("book/") {
            continue;
        }
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
    let readme = files
        .iter()
        .find(|(n, _)| n == "README.md")
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned());
    if !readme.is_some_and(|r| {
        r.contains("book/index.html") && r.contains("cargo run --bin listing-")
    }) {
        problems.push("the bundle's README must say to open book/index.html and how to run a listing");
    }
    let metadata = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--offline",
            "--no-deps",
            "--format-version",
            "1",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    if !metadata.status.success() {
        problems.push(format!(
            "the bundle's workspace does not load:\n{}",
            String::from_utf8_lossy(&metadata.stderr)
        ));
    }
    problems.assert_none("the offline bundle:");
}
