//! Proofs of the book's claims about behaviour.
//!
//! Each claim in the book links to one test here, named after the claim. Every
//! test is deterministic: futures are polled by hand (tokio-test), or run on a
//! current-thread runtime with paused time. None sleeps and hopes.
//!
//! Modules follow the topics of the book: `permits` (what notify_one,
//! notify_last and enable do), `notify_waiters`, `dropping` (drop and cancel
//! safety), `select_loops`, `types` (Send, Sync, 'static), `budget`; then
//! `examples` for chapter 2 (each broken twin next to its fix), `token` and
//! `versus` for chapter 3, `primitives` for the tools Part I compares `Notify`
//! with (Condvar, Semaphore, SetOnce, JoinSet, TaskTracker, ...), and
//! `stress` for the correct patterns under real parallelism.

mod budget;
mod doorbell;
mod dropping;
mod examples;
mod mini_token;
mod notify_waiters;
mod permits;
mod primitives;
mod realworld;
mod select_loops;
mod service;
mod stress;
mod support;
mod testing;
mod token;
mod types;
mod versus;

// The listings the proofs exercise, compiled exactly as the book shows them.
// (Their `main` functions are not used here.)
macro_rules! listing {
    ($name:ident, $path:literal) => {
        #[path = $path]
        #[allow(dead_code)]
        mod $name;
    };
}
listing!(
    listing_01_03,
    "../../listings/ch01-what-and-why/listing-01-03.rs"
);
listing!(
    listing_01_04,
    "../../listings/ch01-what-and-why/listing-01-04.rs"
);
listing!(
    listing_01_05,
    "../../listings/ch01-what-and-why/listing-01-05.rs"
);
listing!(
    listing_01_06,
    "../../listings/ch01-what-and-why/listing-01-06.rs"
);
listing!(
    listing_02_01,
    "../../listings/ch02-examples/listing-02-01.rs"
);
listing!(
    listing_02_02,
    "../../listings/ch02-examples/listing-02-02.rs"
);
listing!(
    listing_02_03,
    "../../listings/ch02-examples/listing-02-03.rs"
);
listing!(
    listing_02_04,
    "../../listings/ch02-examples/listing-02-04.rs"
);
listing!(
    listing_02_05,
    "../../listings/ch02-examples/listing-02-05.rs"
);
listing!(
    listing_02_06,
    "../../listings/ch02-examples/listing-02-06.rs"
);
listing!(
    listing_02_07,
    "../../listings/ch02-examples/listing-02-07.rs"
);
listing!(
    listing_02_08,
    "../../listings/ch02-examples/listing-02-08.rs"
);
listing!(
    listing_03_01,
    "../../listings/ch03-notify-vs-token/listing-03-01.rs"
);
listing!(
    listing_03_02,
    "../../listings/ch03-notify-vs-token/listing-03-02.rs"
);
listing!(
    listing_03_03,
    "../../listings/ch03-notify-vs-token/listing-03-03.rs"
);
listing!(
    listing_03_04,
    "../../listings/ch03-notify-vs-token/listing-03-04.rs"
);
listing!(
    listing_03_08,
    "../../listings/ch03-notify-vs-token/listing-03-08.rs"
);
listing!(
    listing_03_09,
    "../../listings/ch03-notify-vs-token/listing-03-09.rs"
);
listing!(
    listing_03_10,
    "../../listings/ch03-notify-vs-token/listing-03-10.rs"
);
listing!(
    listing_03_11,
    "../../listings/ch03-notify-vs-token/listing-03-11.rs"
);
listing!(
    listing_03_12,
    "../../listings/ch03-notify-vs-token/listing-03-12.rs"
);
listing!(
    listing_03_13,
    "../../listings/ch03-notify-vs-token/listing-03-13.rs"
);
listing!(
    listing_03_14,
    "../../listings/ch03-notify-vs-token/listing-03-14.rs"
);
listing!(
    listing_03_15,
    "../../listings/ch03-notify-vs-token/listing-03-15.rs"
);
listing!(
    listing_03_16,
    "../../listings/ch03-notify-vs-token/listing-03-16.rs"
);
listing!(
    listing_04_01,
    "../../listings/ch04-testing/listing-04-01.rs"
);
listing!(
    listing_04_02,
    "../../listings/ch04-testing/listing-04-02.rs"
);
listing!(
    listing_04_03,
    "../../listings/ch04-testing/listing-04-03.rs"
);
listing!(
    listing_04_04,
    "../../listings/ch04-testing/listing-04-04.rs"
);
listing!(
    listing_04_05,
    "../../listings/ch04-testing/listing-04-05.rs"
);
listing!(
    listing_04_06,
    "../../listings/ch04-testing/listing-04-06.rs"
);
listing!(
    listing_04_07,
    "../../listings/ch04-testing/listing-04-07.rs"
);
listing!(
    listing_05_01,
    "../../listings/ch05-service/listing-05-01.rs"
);
listing!(
    listing_05_02,
    "../../listings/ch05-service/listing-05-02.rs"
);
listing!(
    listing_05_03,
    "../../listings/ch05-service/listing-05-03.rs"
);
listing!(
    listing_05_04,
    "../../listings/ch05-service/listing-05-04.rs"
);
listing!(
    listing_05_05,
    "../../listings/ch05-service/listing-05-05.rs"
);
listing!(
    listing_05_07,
    "../../listings/ch05-service/listing-05-07.rs"
);
listing!(listing_07_09, "../../listings/ch07-rules/listing-07-09.rs");
listing!(listing_07_10, "../../listings/ch07-rules/listing-07-10.rs");
listing!(listing_07_11, "../../listings/ch07-rules/listing-07-11.rs");
listing!(
    listing_08_01,
    "../../listings/ch08-real-world/listing-08-01.rs"
);
listing!(
    listing_08_02,
    "../../listings/ch08-real-world/listing-08-02.rs"
);
listing!(
    listing_08_03,
    "../../listings/ch08-real-world/listing-08-03.rs"
);
listing!(
    listing_08_04,
    "../../listings/ch08-real-world/listing-08-04.rs"
);
listing!(
    listing_08_05,
    "../../listings/ch08-real-world/listing-08-05.rs"
);
listing!(
    listing_08_06,
    "../../listings/ch08-real-world/listing-08-06.rs"
);
listing!(
    listing_08_07,
    "../../listings/ch08-real-world/listing-08-07.rs"
);
listing!(
    listing_08_08,
    "../../listings/ch08-real-world/listing-08-08.rs"
);
listing!(
    listing_10_09,
    "../../listings/ch10-primitives/listing-10-09.rs"
);
