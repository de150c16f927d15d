//! Exercise 4: a fair baton.
//!
//! Tasks take turns with a baton: one holds it at a time, and when it is
//! passed, the task that has waited longest gets it. Implement `Baton` with
//! a `Notify` and nothing else. (Hint: rule 1, at most one permit, and
//! rule 3, oldest registration first.)
//!
//! Check your work: cargo test --test exercises exercise_4
use tokio::sync::Notify;

pub struct Baton {
    bell: Notify,
}

impl Baton {
    /// A baton that nobody holds yet.
    pub fn new() -> Self {
        todo!("a baton that the first `take` gets at once")
    }

    /// Waits until this task holds the baton.
    pub async fn take(&self) {
        todo!("wait for the baton")
    }

    /// Hands the baton to the task that has waited longest, or leaves it
    /// free for the next `take` if nobody waits.
    pub fn pass(&self) {
        todo!("hand the baton on")
    }
}

impl Default for Baton {
    fn default() -> Self {
        Self::new()
    }
}

fn main() {
    println!(
        "Exercise 4: check your work with `cargo test --test exercises exercise_4`"
    );
}
