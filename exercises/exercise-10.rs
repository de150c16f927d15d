//! Exercise 10: wire shutdown into a server, with a `JoinSet`, and name
//! the clients you cut.
//!
//! The server below answers line requests; `connection` is written for you
//! and already finishes its current request when its token is cancelled.
//! Write `serve`:
//!
//! 1. accept connections until `shutdown` completes, each one a task in a
//!    `JoinSet`, with a child of one `CancellationToken`, and remember each
//!    task's client address (`AbortHandle::id` names the task);
//! 2. then stop accepting (new connections must be refused), and cancel;
//! 3. collect the connections as they finish, but only until `deadline`
//!    has passed or `force` has completed;
//! 4. abort the rest, and report their client addresses, sorted.
//!
//! Finished tasks stay in a `JoinSet` until you join them: join them in the
//! accept loop too (`try_join_next_with_id`), or a long-running server keeps
//! an entry for every connection it ever had.
//!
//! Check your work: cargo test --test exercises exercise_10
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{Id, JoinError, JoinSet};
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

#[derive(Debug, PartialEq)]
pub enum Outcome {
    Clean,                   // every connection finished in time
    Cut(Vec<SocketAddr>),    // the deadline passed: these clients were cut
    Forced(Vec<SocketAddr>), // `force` completed: these clients were cut
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
    todo!("accept until `shutdown`; then refuse, cancel, drain, name the cut")
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
