//! Exercise 10: wire shutdown into a server.
//!
//! The server below answers line requests; `connection` is written for you
//! and already finishes its current request when its token is cancelled.
//! Write `serve`:
//!
//! 1. accept connections until `shutdown` completes, running each one on a
//!    `TaskTracker` with a child of one `CancellationToken`;
//! 2. then stop accepting (new connections must be refused), and cancel;
//! 3. wait until every connection has finished, but at most `deadline`, and
//!    no longer once `force` completes;
//! 4. abort the connections still running, and report how many.
//!
//! Check your work: cargo test --test exercises exercise_10
use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::AbortHandle;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    Clean,         // every connection finished in time
    Cut(usize),    // the deadline passed: this many were aborted
    Forced(usize), // `force` completed: this many were aborted
}

pub async fn serve<H, F>(
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
    force: impl Future<Output = ()>,
    deadline: Duration,
    handle: H,
) -> Outcome
where
    H: Fn(String) -> F + Clone + Send + 'static,
    F: Future<Output = String> + Send + 'static,
{
    // ANCHOR: solution
    let stop = CancellationToken::new();
    let tracker = TaskTracker::new();
    let mut tasks: Vec<AbortHandle> = Vec::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(_) => continue,
            },
        };
        let child = stop.child_token();
        let task = tracker.spawn(connection(stream, child, handle.clone()));
        tasks.retain(|task| !task.is_finished());
        tasks.push(task.abort_handle());
    }
    drop(listener);
    stop.cancel();
    tracker.close();
    let cut: fn(usize) -> Outcome = tokio::select! {
        () = tracker.wait() => return Outcome::Clean,
        () = sleep(deadline) => Outcome::Cut,
        () = force => Outcome::Forced,
    };
    let stragglers: Vec<_> =
        tasks.iter().filter(|task| !task.is_finished()).collect();
    for task in &stragglers {
        task.abort();
    }
    tracker.wait().await;
    cut(stragglers.len())
    // ANCHOR_END: solution
    /* STARTER
    todo!("accept until `shutdown`; then refuse, cancel, drain, cut")
    */
}

/// One connection: answers each request line with `handle`'s reply; when
/// `stop` is cancelled, finishes the request in flight, then closes.
pub async fn connection<H, F>(
    mut stream: TcpStream,
    stop: CancellationToken,
    handle: H,
) where
    H: Fn(String) -> F,
    F: Future<Output = String>,
{
    let (read, mut write) = stream.split();
    let mut lines = BufReader::new(read).lines();
    loop {
        let request = tokio::select! {
            biased;
            _ = stop.cancelled() => break, // between requests: close
            line = lines.next_line() => match line {
                Ok(Some(line)) => line,
                _ => break, // the client left
            },
        };
        // In flight: finished and answered even if the stop comes now.
        let reply = handle(request).await;
        if write.write_all(format!("{reply}\n").as_bytes()).await.is_err() {
            break;
        }
    }
}

fn main() {
    println!("Exercise 10: check your work with");
    println!("    cargo test --test exercises exercise_10");
}
