//! Chapter 8: the stop lost in a busy session (Listing 8-12), and its fix.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc};
use tokio::time::{sleep, timeout};
use tokio_util::sync::CancellationToken;

use crate::listing_08_12;

/// Sends one command, then the stop while the session handles it; returns
/// whether the session ended within 10 s (of paused time).
async fn stop_while_busy<F: Future<Output = ()> + Send + 'static>(
    session: F,
    commands: mpsc::Sender<&'static str>,
    stop: impl FnOnce(),
) -> bool {
    let task = tokio::spawn(session);
    commands.send("status").await.unwrap();
    sleep(Duration::from_millis(5)).await; // the session is handling it
    stop();
    timeout(Duration::from_secs(10), task).await.is_ok()
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn twin_a_stop_sent_while_the_session_is_busy_is_lost() {
    let bell = Arc::new(Notify::new());
    let (commands, inbox) = mpsc::channel(4);
    let session = listing_08_12::session(bell.clone(), inbox);
    assert!(
        !stop_while_busy(session, commands, || bell.notify_waiters()).await
    );
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn with_a_token_a_stop_sent_while_the_session_is_busy_is_seen() {
    let token = CancellationToken::new();
    let (commands, inbox) = mpsc::channel(4);
    let session = listing_08_12::session_with_token(token.clone(), inbox);
    assert!(stop_while_busy(session, commands, || token.cancel()).await);
}
