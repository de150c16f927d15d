// Listing 5-2: one connection. Requests are lines; each gets a reply line.
// The stop is checked only between requests: a request in flight is
// finished and answered, then the connection closes.
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
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
// ANCHOR_END: shown

/// A connected pair: (client side, server side).
pub async fn pair() -> (TcpStream, TcpStream) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let client = TcpStream::connect(listener.local_addr().unwrap());
    let (client, accepted) = tokio::join!(client, listener.accept());
    (client.unwrap(), accepted.unwrap().0)
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

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (client, server) = pair().await;
    let gate = Arc::new(Gate::default());
    // ANCHOR: shown
    let stop = CancellationToken::new();
    let slow = Arc::clone(&gate).handler(); // "slow ..." waits for `finish`
    let server = tokio::spawn(connection(server, stop.clone(), slow));

    let mut client = BufReader::new(client);
    client.write_all(b"slow report\n").await.unwrap();
    gate.started.notified().await; // "slow report" is in flight
    stop.cancel();
    gate.finish.notify_one();

    let mut reply = String::new();
    client.read_line(&mut reply).await.unwrap();
    println!(
        "stopped during \"slow report\"; the reply: {:?}",
        reply.trim_end()
    );
    let closed = client.read_line(&mut reply).await.unwrap() == 0;
    println!("then the server closed the connection: {closed}");
    server.await.unwrap();
    // ANCHOR_END: shown
}
