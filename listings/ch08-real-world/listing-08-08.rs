// Listing 8-8: broken twin: a session stopped by a bare broadcast, with a
// fresh notified() on every turn.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc};
use tokio::time::{sleep, timeout};
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
pub async fn session(
    stop: Arc<Notify>,
    mut commands: mpsc::Receiver<&'static str>,
) {
    loop {
        tokio::select! {
            _ = stop.notified() => return, // BROKEN: only while parked here
            Some(command) = commands.recv() => {
                sleep(Duration::from_millis(10)).await; // handle it
                println!("session: handled {command}");
            }
        }
    }
}
// ANCHOR_END: shown

/// The fix: the same session, stopped by a token.
#[allow(dead_code)] // run by the book's tests, not by main
pub async fn session_with_token(
    stop: CancellationToken,
    mut commands: mpsc::Receiver<&'static str>,
) {
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            Some(command) = commands.recv() => {
                sleep(Duration::from_millis(10)).await; // handle it
                println!("session: handled {command}");
            }
        }
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let stop = Arc::new(Notify::new());
    let (commands, inbox) = mpsc::channel(4);
    let task = tokio::spawn(session(stop.clone(), inbox));
    commands.send("status").await.unwrap();
    sleep(Duration::from_millis(5)).await; // the session is busy handling
    stop.notify_waiters(); // stop() arrives now
    match timeout(Duration::from_secs(10), task).await {
        Ok(_) => println!("main: the session stopped"),
        Err(_) => println!("main: the session is still running after 10 s"),
    }
}
