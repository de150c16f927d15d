//! The offline bundle: the HTML book and what a reader needs to run every
//! listing and exercise, from an allowlist of tracked files, never from
//! whatever lies in the folder.

use std::path::Path;
use std::process::Command;
use std::{fs, io};

use crate::zip::ZipWriter;

/// The folder inside the zip, and the zip's name.
pub const NAME: &str = "tokio-notify-in-practice";

/// What goes into the bundle besides the HTML book: these folders and files,
/// as far as git tracks them.
pub const BUNDLED: &[&str] = &[
    "Cargo.lock",
    "LICENSE-APACHE",
    "LICENSE-MIT",
    "rustfmt.toml",
    "listings",
    "exercises",
    "tools/house",
    "tests/listings.rs",
    "tests/does_not_compile.rs",
    "tests/grep_app.rs",
    "tests/proofs",
    "tests/simulator",
    "data/simulator-fixture.txt",
    "data/token-fixture.txt",
];
/// The members of the bundle's workspace.
pub const BUNDLE_MEMBERS: &[&str] = &["listings", "exercises", "tools/house"];

/// Writes the zip; returns how many files it holds.
pub fn write(root: &Path, zip_path: &Path) -> io::Result<usize> {
    let files = files(root)?;
    fs::create_dir_all(zip_path.parent().unwrap())?;
    let mut zip =
        ZipWriter::new(io::BufWriter::new(fs::File::create(zip_path)?));
    for (name, data) in &files {
        zip.add(&format!("{NAME}/{name}"), data)?;
    }
    zip.finish()?;
    Ok(files.len())
}

/// Every file of the bundle: (path inside the bundle, contents), sorted.
pub fn files(root: &Path) -> io::Result<Vec<(String, Vec<u8>)>> {
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
    files.push(("Cargo.toml".into(), manifest(root)?.into_bytes()));
    files.push((
        "README.md".into(),
        include_bytes!("bundle-readme.md").to_vec(),
    ));
    files.sort();
    Ok(files)
}

/// The workspace manifest, with only the members the bundle carries.
pub fn manifest(root: &Path) -> io::Result<String> {
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
