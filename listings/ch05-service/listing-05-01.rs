// Listing 5-1: signals feed tokens. The first Ctrl-C (or, on Unix, SIGTERM)
// asks for a graceful shutdown; a second one asks to force it.
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
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
// ANCHOR_END: shown

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

#[cfg(unix)]
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let shutdown = CancellationToken::new();
    let force = CancellationToken::new();
    watch_signals(shutdown.clone(), force.clone()).unwrap();

    send_to_self("INT"); // as if you pressed Ctrl-C
    shutdown.cancelled().await;
    println!("Ctrl-C: shutdown = {}", shutdown.is_cancelled());
    println!("        force    = {}", force.is_cancelled());

    send_to_self("TERM"); // a second signal
    force.cancelled().await;
    println!("SIGTERM: force   = {}", force.is_cancelled());
    // ANCHOR_END: shown
}

#[cfg(not(unix))]
fn main() {}
