//! Hands skeptic the chapters as mdBook expands them, so that every
//! ```` ```rust ```` block becomes a test of exactly what the reader sees
//! (hidden `# ` lines included).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const WATCHED: [&str; 5] =
    ["book.toml", "src", "listings", "exercises", "theme"];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = fs::canonicalize(root).unwrap();
    for watched in WATCHED {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    // mdBook's own report is checked by the book's tests (tests/book/).
    let (chapters, _report) = book::render::expanded(&root);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("markdown");
    let newest_input = newest_mtime(&root);
    let mut files = Vec::new();
    for chapter in chapters {
        let file = out.join(&chapter.path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        if fs::read_to_string(&file).ok().as_deref() != Some(&chapter.content) {
            fs::write(&file, &chapter.content).unwrap();
            // skeptic asks cargo to re-run this script whenever these files
            // change. Dated now, they would look newer than the run and make
            // cargo run it on every build; dated like their newest source,
            // they change exactly when the sources do.
            fs::File::options()
                .write(true)
                .open(&file)
                .unwrap()
                .set_modified(newest_input)
                .unwrap();
        }
        files.push(file);
    }
    skeptic::generate_doc_tests(&files);
}

/// The modification time of the newest file the chapters are made from.
fn newest_mtime(root: &Path) -> SystemTime {
    WATCHED
        .iter()
        .flat_map(|w| {
            let path = root.join(w);
            if path.is_dir() {
                house::files_under(&path)
            } else {
                vec![path]
            }
        })
        .filter_map(|f| f.metadata().and_then(|m| m.modified()).ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}
