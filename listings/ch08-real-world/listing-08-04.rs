// Listing 8-4: a guard that rings on drop. However the work ends (a return,
// `?`, a panic), the guard's Drop keeps the news in a flag, then rings.
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

// ANCHOR: shown
#[derive(Default)]
pub struct Done {
    done: AtomicBool,
    bell: Notify,
}

pub struct RingOnDrop<'a>(pub &'a Done);

impl Drop for RingOnDrop<'_> {
    fn drop(&mut self) {
        self.0.done.store(true, Ordering::Release);
        self.0.bell.notify_waiters();
    }
}

impl Done {
    pub async fn wait(&self) {
        let bell = self.bell.notified();
        if !self.done.load(Ordering::Acquire) {
            bell.await;
        }
    }
}

/// BROKEN twin, the shape of tokio-notify-drop 0.10.0: a ring, no flag.
pub struct BareRingOnDrop<'a>(pub &'a Notify);

impl Drop for BareRingOnDrop<'_> {
    fn drop(&mut self) {
        self.0.notify_waiters();
    }
}
// ANCHOR_END: shown

/// Work whose `step` may fail; the guard rings however it ends.
pub fn work(
    done: &Done,
    step: Result<(), &'static str>,
) -> Result<(), &'static str> {
    let _ring = RingOnDrop(done);
    step?;
    Ok(())
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let done = Done::default();
    let _ = work(&done, Err("failed half-way"));
    done.wait().await;
    println!("a wait after the work failed returned");
    let bell = Notify::new();
    drop(BareRingOnDrop(&bell));
    let late = tokio::time::timeout(Duration::from_secs(5), bell.notified());
    println!(
        "the twin's ring, heard by a later wait: {}",
        late.await.is_ok()
    );
}
