// Listing 5-4: the service. The accept loop runs until the shutdown
// future completes; then it stops accepting, asks every connection to
// finish its request, waits up to a deadline (or until a second signal),
// cuts the stragglers, and reports how it went in the exit status.
use std::future::Future;
use std::pin::{Pin, pin};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::AbortHandle;
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

// ANCHOR: shown
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Clean,         // every connection finished in time
    Cut(usize),    // the deadline passed: this many were aborted
    Forced(usize), // a second signal came: this many were aborted
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
    let stop = CancellationToken::new(); // parent of every connection's
    let tracker = TaskTracker::new();
    let mut tasks: Vec<AbortHandle> = Vec::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(_) => continue, // e.g. out of file descriptors
            },
        };
        let child = stop.child_token();
        let task = tracker.spawn(connection(stream, child, handle.clone()));
        tasks.retain(|task| !task.is_finished());
        tasks.push(task.abort_handle());
    }
    drop(listener); // 1. Stop accepting: new connections are refused.
    stop.cancel(); // 2. Every connection: finish the request, then close.
    tracker.close();
    // 3. Wait for them, but not past the deadline, nor a second signal.
    let forced = tokio::select! {
        () = tracker.wait() => return Outcome::Clean,
        () = sleep(deadline) => false,
        () = force => true,
    };
    // 4. Cut the stragglers, and count them.
    let stragglers: Vec<_> =
        tasks.iter().filter(|t| !t.is_finished()).collect();
    for task in &stragglers {
        task.abort();
    }
    tracker.wait().await;
    let cut = stragglers.len();
    if forced {
        Outcome::Forced(cut)
    } else {
        Outcome::Cut(cut)
    }
}

/// The program, once the listener is bound.
pub async fn run(listener: TcpListener) -> ExitCode {
    let shutdown = CancellationToken::new();
    let force = CancellationToken::new();
    watch_signals(shutdown.clone(), force.clone()).expect("signal handlers");
    let upper = |request: String| async move { request.to_uppercase() };
    let outcome = serve(
        listener,
        shutdown.cancelled_owned(),
        force.cancelled_owned(),
        Duration::from_secs(10),
        upper,
    )
    .await;
    println!("server: shutdown {outcome:?}");
    ExitCode::from(u8::from(outcome != Outcome::Clean)) // 0 when clean
}
// ANCHOR_END: shown

/// Listing 5-2's connection.
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
        if write
            .write_all(format!("{reply}\n").as_bytes())
            .await
            .is_err()
        {
            break;
        }
    }
}

/// Listing 5-1's signals.
/// From the moment this returns, the first signal cancels `shutdown` and
/// the second cancels `force`.
pub fn watch_signals(
    shutdown: CancellationToken,
    force: CancellationToken,
) -> std::io::Result<()> {
    let mut signals = Signals::listen()?;
    tokio::spawn(async move {
        signals.next().await;
        shutdown.cancel();
        signals.next().await;
        force.cancel();
    });
    Ok(())
}

#[cfg(unix)]
pub struct Signals {
    interrupt: tokio::signal::unix::Signal, // Ctrl-C
    terminate: tokio::signal::unix::Signal, // SIGTERM: `kill`, Kubernetes
}

#[cfg(unix)]
impl Signals {
    /// Listens now, and keeps listening until dropped.
    pub fn listen() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Signals {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    pub async fn next(&mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }
}

#[cfg(not(unix))]
pub struct Signals;

#[cfg(not(unix))]
impl Signals {
    pub fn listen() -> std::io::Result<Self> {
        Ok(Signals)
    }

    pub async fn next(&mut self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Sends `signal` (INT, TERM) to this very process, as `kill` would.
#[cfg(unix)]
pub fn send_to_self(signal: &str) {
    let pid = std::process::id().to_string();
    let sent = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid])
        .status()
        .expect("run `kill`");
    assert!(sent.success());
}

type Reply = Pin<Box<dyn Future<Output = String> + Send>>;

/// Requests answered in upper case; a request that starts with "slow" is
/// under the caller's control: it announces itself on `started`, then waits
/// for `finish` before it answers.
#[derive(Default)]
pub struct Gate {
    pub started: Notify,
    pub finish: Notify,
}

impl Gate {
    pub fn handler(self: Arc<Self>) -> impl Fn(String) -> Reply + Clone + Send {
        let gate = self;
        move |request| {
            let gate = Arc::clone(&gate);
            Box::pin(async move {
                if request.starts_with("slow") {
                    gate.started.notify_one();
                    gate.finish.notified().await;
                }
                request.to_uppercase()
            })
        }
    }
}

/// A client that sends one request and reads the reply.
pub async fn ask(stream: &mut BufReader<TcpStream>, request: &str) -> String {
    stream
        .write_all(format!("{request}\n").as_bytes())
        .await
        .unwrap();
    let mut reply = String::new();
    stream.read_line(&mut reply).await.unwrap();
    reply.trim_end().to_owned()
}

#[cfg(unix)]
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(run(listener));

    let client = TcpStream::connect(address).await.unwrap();
    let mut client = BufReader::new(client);
    println!("client: hello -> {}", ask(&mut client, "hello").await);
    send_to_self("TERM"); // what `kill` or Kubernetes would send
    let mut rest = String::new();
    let closed = client.read_line(&mut rest).await.unwrap() == 0;
    let status = server.await.unwrap();
    println!("client: the server closed the connection: {closed}");
    status
}

#[cfg(not(unix))]
fn main() {}
