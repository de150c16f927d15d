//! Walking the project's folders, shared by build.rs, the book tool and
//! the tests (each includes this file with `#[path]`).

use std::fs;
use std::path::{Path, PathBuf};

/// Every file below `dir`, sorted (so that what is generated from them is
/// stable), skipping build output, dependencies and version control.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name();
            if matches!(name.to_str(), Some("target" | ".git" | "node_modules"))
            {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
