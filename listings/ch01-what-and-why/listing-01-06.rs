// Listing 1-6: who wakes up. Three tasks wait, in the order A, B, C.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc};
use tokio::task::yield_now;
use tokio::time::timeout;

// ANCHOR: who
/// Spawns one task per name that waits at the bell and reports when it
/// wakes. With `line_up`, each runs to its `.await` before the next spawns;
/// `main` passes `true`. Try `false`: the text after the output says why
/// `notify_last()` then wakes A.
pub async fn spawn_waiters(
    bell: &Arc<Notify>,
    woke_tx: &mpsc::UnboundedSender<&'static str>,
    line_up: bool,
) {
    for name in ["A", "B", "C"] {
        let bell = Arc::clone(bell);
        let woke_tx = woke_tx.clone();
        tokio::spawn(async move {
            bell.notified().await;
            woke_tx.send(name).unwrap();
        });
        if line_up {
            yield_now().await; // let it run to its .await: it waits in order
        }
    }
}
// ANCHOR_END: who

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let bell = Arc::new(Notify::new());
    let (woke_tx, mut woke) = mpsc::unbounded_channel();

    // ANCHOR: who
    spawn_waiters(&bell, &woke_tx, true).await;

    bell.notify_last();
    println!("notify_last()    woke {}", woke.recv().await.unwrap());
    bell.notify_one();
    println!("notify_one()     woke {}", woke.recv().await.unwrap());
    bell.notify_waiters();
    println!("notify_waiters() woke {}", woke.recv().await.unwrap());

    // notify_waiters() with nobody waiting stores nothing:
    bell.notify_waiters();
    let late = timeout(Duration::from_secs(1), bell.notified()).await;
    println!(
        "a later wait:    {}",
        match late {
            Ok(()) => "returned",
            Err(_) => "still waiting after 1 s",
        }
    );
    // ANCHOR_END: who
}
