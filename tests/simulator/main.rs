//! The book's simulators tell the truth: what the real primitives do.
//!
//! The book embeds two simulators (`src/sim/`), each running a model written
//! in JavaScript: one of `tokio::sync::Notify` (`notify.rs` here) and one of
//! a tree of `tokio_util::sync::CancellationToken`s (`token.rs`). Each test
//! here runs 10,000 random operation sequences, and every case the book links
//! to, on the real primitive at the pinned version, by hand, and records
//! everything a program can observe in a fixture (`data/*-fixture.txt`).
//! The browser tests replay every line with the model the page runs and
//! require the same observations (`browser-tests/simulator.test.mjs`).
//!
//! `cargo test` regenerates every line and compares it with the file;
//! `cargo run -- bless` rewrites the files (it runs these tests with
//! `SIMULATOR_FIXTURE=overwrite`, and only then do they read the book's
//! links). Each file's header documents its encoding, one sequence a line.

mod notify;
mod token;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::task::Wake;
use std::time::Instant;
use std::{env, fs};

const SEQUENCES: usize = 10_000;
const MAX_OPS: usize = 40;

/// A waker that records, in a shared log, the future it belongs to.
struct Recorder {
    future: usize,
    log: Arc<Mutex<Vec<usize>>>,
}

impl Wake for Recorder {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.log.lock().unwrap().push(self.future);
    }
}

/// xorshift64*: small, deterministic on every platform and Rust release.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The cases the book shows: every `#<key>=...` link in `src/*.md`, and
/// the case each simulator starts with (`data-<key>="..."`).
fn linked_scenarios(key: &str) -> BTreeSet<String> {
    let (link, embed) = (format!("#{key}="), format!("data-{key}=\""));
    let mut found = BTreeSet::new();
    for file in house::files_under(&house::root().join("src")) {
        if file.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap();
        let links = text.match_indices(&link);
        for (at, key) in links.chain(text.match_indices(&embed)) {
            let scenario: String = text[at + key.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            found.insert(scenario);
        }
    }
    found
}

/// Regenerates `fixture` (with the book's cases it names, or with those the
/// book links to when blessing) and compares it with the file.
fn check_fixture(
    fixture: &str,
    key: &str,
    what: &str,
    generate: fn(&[String]) -> String,
) {
    let path = house::root().join(fixture);
    let committed = fs::read_to_string(&path).unwrap_or_default();
    let overwrite = env::var("SIMULATOR_FIXTURE").as_deref() == Ok("overwrite");
    let scenarios: Vec<String> = if overwrite {
        linked_scenarios(key).into_iter().collect()
    } else {
        committed
            .lines()
            .filter_map(|l| l.strip_prefix("book:"))
            .map(|l| l.split(' ').next().unwrap().to_owned())
            .collect()
    };
    let started = Instant::now();
    let fresh = generate(&scenarios);
    let took = started.elapsed();
    if overwrite {
        if fresh != committed {
            fs::write(&path, &fresh).unwrap();
            println!("wrote {fixture}");
        }
        return;
    }
    eprintln!(
        "{} sequences run on {what} in {took:.2?}",
        fresh.lines().filter(|l| !l.starts_with('#')).count()
    );
    let mut wrong: Vec<String> = fresh
        .lines()
        .zip(committed.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .take(5)
        .map(|(i, (a, b))| {
            format!("line {}:\n  real:    {a}\n  fixture: {b}", i + 1)
        })
        .collect();
    let (lines, expected) = (fresh.lines().count(), committed.lines().count());
    if lines != expected {
        wrong.push(format!(
            "the real one gives {lines} lines, the file has {expected}"
        ));
    }
    assert!(
        wrong.is_empty(),
        "{fixture} is not what {what} does (run `cargo run -- bless` \
         after a deliberate change):\n{}",
        wrong.join("\n")
    );
}
