// Listing 5-3: broken twin of Listing 5-2. The stop wins the race against
// the whole connection, including the request in flight: the client never
// gets its reply.
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

// ANCHOR: shown
/// BROKEN: the stop is raced against the whole connection, so it cuts a
/// request in the middle, and its reply is never sent.
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
    let serve = async {
        while let Ok(Some(request)) = lines.next_line().await {
            let reply = handle(request).await;
            if write
                .write_all(format!("{reply}\n").as_bytes())
                .await
                .is_err()
            {
                break;
            }
        }
    };
    tokio::select! {
        _ = stop.cancelled() => {}
        _ = serve => {}
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
    let stop = CancellationToken::new();
    let slow = Arc::clone(&gate).handler(); // "slow ..." waits for `finish`
    let server = tokio::spawn(connection(server, stop.clone(), slow));

    let mut client = BufReader::new(client);
    client.write_all(b"slow report\n").await.unwrap();
    gate.started.notified().await; // "slow report" is in flight
    stop.cancel();
    server.await.unwrap(); // the connection is gone...
    gate.finish.notify_one(); // ...before "slow report" could finish

    let mut reply = String::new();
    let n = client.read_line(&mut reply).await.unwrap();
    println!("stopped during \"slow report\"; bytes of reply received: {n}");
}
