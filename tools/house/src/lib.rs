//! The house rules, written once and shared by the book tool (`tools/`) and
//! every test crate: where the project's files are, what a listing is, and
//! how a check reports what it found. No dependencies, so it costs nothing to
//! compile.

use std::any::Any;
use std::fmt::Display;
use std::fs;
use std::path::{Path, PathBuf};

/// The repository's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tools/house is two levels below the root")
        .to_path_buf()
}

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

/// A listing: `listings/chNN-name/listing-NN-MM.rs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// `listing-NN-MM`, also the name of its program.
    pub name: String,
    /// The source, absolute.
    pub path: PathBuf,
    /// A `.stderr` file beside it holds the compiler's error: the listing
    /// must not compile, and is not a program.
    pub must_not_compile: bool,
}

impl Listing {
    /// The path from the repository's root, with `/`.
    pub fn relative(&self) -> String {
        relative(&self.path)
    }
    /// What it prints (`.out`) or, if it must not compile, the error (`.stderr`).
    pub fn expected_file(&self) -> PathBuf {
        let extension = if self.must_not_compile {
            "stderr"
        } else {
            "out"
        };
        self.path.with_extension(extension)
    }
}

/// Every listing of the book, in file order.
pub fn listings() -> Vec<Listing> {
    files_under(&root().join("listings"))
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?;
            let name = name.strip_prefix("listing-")?.strip_suffix(".rs")?;
            Some(Listing {
                name: format!("listing-{name}"),
                must_not_compile: path.with_extension("stderr").exists(),
                path,
            })
        })
        .collect()
}

/// `path` relative to the repository's root, with `/`.
pub fn relative(path: &Path) -> String {
    let root = root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// What a check found wrong, collected so that one run reports everything.
#[derive(Default)]
pub struct Problems(Vec<String>);

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, problem: impl Display) {
        self.0.push(problem.to_string());
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Panics with `heading` and every problem, one a line, if there are any.
    #[track_caller]
    pub fn assert_none(self, heading: &str) {
        if !self.0.is_empty() {
            panic!("{heading}\n{}", self.0.join("\n"));
        }
    }
}

impl Extend<String> for Problems {
    fn extend<I: IntoIterator<Item = String>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

/// The message a panic carried (`panic!("...")` or `assert!(..., "...")`).
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "(a panic without a message)".to_owned())
}

/// Runs a program with no arguments and returns what it printed on stdout;
/// an error if it cannot start, fails, or runs longer than `limit`.
pub fn run_program(
    program: &Path,
    limit: std::time::Duration,
) -> Result<String, String> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "still running after {limit:?}: does it hang?"
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let printed = out.join().unwrap().map_err(|e| e.to_string())?;
    let errors = err.join().unwrap().unwrap_or_default();
    if !status.success() {
        return Err(format!("exited with {status}\n{errors}"));
    }
    Ok(printed)
}

/// The exercise files (`exercise-N.rs`) in `dir`: the solutions in
/// `listings/ch06-exercises/`, or the starters in `exercises/`.
pub fn exercise_files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|f| {
            f.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with("exercise-") && n.ends_with(".rs")
            })
        })
        .collect()
}
