//! Chapter 5: the service's shutdown, driven for real over 127.0.0.1.
//!
//! Every test binds port 0, talks to the listing's own code through real
//! sockets, and orders each step with explicit hand-offs: a slow request
//! announces itself and waits for the test's go-ahead (`Gate`), and the
//! shutdown and force triggers are plain futures the test completes. The
//! only timing is the drain deadline itself (200 ms), whose outcome does not
//! depend on how fast the machine is. Each test runs under a 10-second
//! deadline, so that a shutdown that hangs fails instead.

use std::io::ErrorKind;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::listing_05_04::{Gate, Outcome, ask, serve};
use crate::{listing_05_01, listing_05_02, listing_05_03, listing_05_05};
use crate::{listing_05_07, support::run_with_deadline};

/// A trigger the test pulls: (pull it, the future that completes).
fn trigger() -> (oneshot::Sender<()>, impl Future<Output = ()>) {
    let (pull, pulled) = oneshot::channel();
    (pull, async move {
        let _ = pulled.await;
    })
}

async fn connect(address: std::net::SocketAddr) -> BufReader<TcpStream> {
    BufReader::new(TcpStream::connect(address).await.unwrap())
}

/// Reads one line; "" means the server closed the connection (or reset it).
async fn read_line(stream: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    match stream.read_line(&mut line).await {
        Ok(_) => line.trim_end().to_owned(),
        Err(_) => String::new(),
    }
}

/// Starts a "slow" request on a new connection and returns once the server
/// is handling it.
async fn slow_request(
    address: std::net::SocketAddr,
    gate: &Gate,
) -> BufReader<TcpStream> {
    let mut busy = connect(address).await;
    busy.write_all(b"slow job\n").await.unwrap();
    gate.started.notified().await;
    busy
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------
// Listing 5-1: signals feed the tokens.

/// Tests that must not overlap. Signals go to the whole test process, so
/// one signal test at a time. And `send_to_self` starts a `kill` process:
/// until that child runs `kill`, it holds a copy of every socket this
/// process has open, so a listener closed in that instant keeps taking
/// connections; the test that a closed listener refuses them waits its turn.
static TAKE_TURNS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Fact: documented(cancel-wakes-every-waiter)
#[cfg(unix)]
#[test]
fn the_first_signal_cancels_shutdown_and_the_second_cancels_force() {
    let _one_at_a_time = TAKE_TURNS.lock().unwrap_or_else(|e| e.into_inner());
    run_with_deadline(10, "signals", || {
        current_thread().block_on(async {
            let shutdown = CancellationToken::new();
            let force = CancellationToken::new();
            // Listening from here on: the signals below cannot kill the
            // test process.
            listing_05_01::watch_signals(shutdown.clone(), force.clone())
                .unwrap();
            listing_05_01::send_to_self("INT");
            shutdown.cancelled().await;
            assert!(!force.is_cancelled(), "one signal is not two");
            listing_05_01::send_to_self("TERM");
            force.cancelled().await;
        })
    });
}

/// Fact: documented(ctrl-c-after-first-poll)
#[cfg(unix)]
#[test]
fn a_new_ctrl_c_listener_does_not_see_a_press_that_came_before_it() {
    use tokio::signal::unix::{SignalKind, signal};
    use tokio_test::assert_pending;
    let _one_at_a_time = TAKE_TURNS.lock().unwrap_or_else(|e| e.into_inner());
    run_with_deadline(10, "ctrl_c", || {
        current_thread().block_on(async {
            // A long-lived listener, as in Listing 5-1: it tells the test
            // when tokio has seen and passed on each press.
            let mut seen = signal(SignalKind::interrupt()).unwrap();
            listing_05_01::send_to_self("INT");
            seen.recv().await;
            // A ctrl_c() created after that press: it waits.
            let mut late = tokio_test::task::spawn(tokio::signal::ctrl_c());
            assert_pending!(late.poll());
            // It sees only the presses that come after its first poll. (It
            // may be woken a moment after `seen`: the thread that passes a
            // press on can be another test's runtime, waking one listener
            // after the other.)
            listing_05_01::send_to_self("INT");
            seen.recv().await;
            late.await.unwrap();
        })
    });
}

// ---------------------------------------------------------------------------
// Listings 5-2 and 5-3: one connection.

/// Fact: documented(tracker-waits-closed-and-empty)
#[test]
fn a_request_in_flight_is_finished_and_answered_after_the_stop() {
    run_with_deadline(10, "connection", || {
        current_thread().block_on(async {
            let (client, server) = listing_05_02::pair().await;
            let gate = Arc::new(listing_05_02::Gate::default());
            let stop = CancellationToken::new();
            let connection = tokio::spawn(listing_05_02::connection(
                server,
                stop.clone(),
                Arc::clone(&gate).handler(),
            ));
            let mut client = BufReader::new(client);
            client.write_all(b"slow job\n").await.unwrap();
            gate.started.notified().await;
            stop.cancel();
            // Let the connection run first, if the stop woke it: it must
            // see the stop while the request is still in flight.
            tokio::task::yield_now().await;
            gate.finish.notify_one();
            assert_eq!(read_line(&mut client).await, "SLOW JOB");
            assert_eq!(read_line(&mut client).await, "", "then it closes");
            connection.await.unwrap();
        })
    });
}

/// Fact: documented(cancel-wakes-every-waiter)
#[test]
fn an_idle_connection_closes_at_once_when_stopped() {
    run_with_deadline(10, "connection", || {
        current_thread().block_on(async {
            let (client, server) = listing_05_02::pair().await;
            let gate = Arc::new(listing_05_02::Gate::default());
            let stop = CancellationToken::new();
            let connection = tokio::spawn(listing_05_02::connection(
                server,
                stop.clone(),
                Arc::clone(&gate).handler(),
            ));
            let mut client = BufReader::new(client);
            client.write_all(b"hi\n").await.unwrap();
            assert_eq!(read_line(&mut client).await, "HI");
            stop.cancel();
            assert_eq!(read_line(&mut client).await, "");
            connection.await.unwrap();
        })
    });
}

/// Fact: documented(select-cancels-the-rest)
#[test]
fn twin_the_stop_cuts_a_request_in_flight_and_its_reply_is_lost() {
    run_with_deadline(10, "twin connection", || {
        current_thread().block_on(async {
            let (client, server) = listing_05_03::pair().await;
            let gate = Arc::new(listing_05_03::Gate::default());
            let stop = CancellationToken::new();
            let connection = tokio::spawn(listing_05_03::connection(
                server,
                stop.clone(),
                Arc::clone(&gate).handler(),
            ));
            let mut client = BufReader::new(client);
            client.write_all(b"slow job\n").await.unwrap();
            gate.started.notified().await;
            stop.cancel();
            connection.await.unwrap(); // it returned mid-request
            gate.finish.notify_one();
            // Nobody was waiting for `finish` any more, so the ring was kept
            // as a permit: the handler was dropped before its work finished.
            let mut late = tokio_test::task::spawn(gate.finish.notified());
            assert!(late.poll().is_ready(), "the handler was still waiting");
            assert_eq!(read_line(&mut client).await, "", "no reply, ever");
        })
    });
}

/// Fact: documented(cancelled-after-cancel-is-ready)
#[test]
fn a_stopped_connection_starts_no_new_request() {
    // Two requests arrive together; the stop comes while the first is in
    // flight. `biased` looks at the stop first, so the second one, already
    // read and waiting, is never started. (Without `biased`, select! picks
    // a branch at random: twenty rounds make a lucky pass unlikely.)
    run_with_deadline(10, "connection", || {
        current_thread().block_on(async {
            for _ in 0..20 {
                let (client, server) = listing_05_02::pair().await;
                let gate = Arc::new(listing_05_02::Gate::default());
                let stop = CancellationToken::new();
                let connection = tokio::spawn(listing_05_02::connection(
                    server,
                    stop.clone(),
                    Arc::clone(&gate).handler(),
                ));
                let mut client = BufReader::new(client);
                client.write_all(b"slow job\nnext\n").await.unwrap();
                gate.started.notified().await;
                stop.cancel();
                gate.finish.notify_one();
                assert_eq!(read_line(&mut client).await, "SLOW JOB");
                assert_eq!(read_line(&mut client).await, "", "NEXT was served");
                connection.await.unwrap();
            }
        })
    });
}

// ---------------------------------------------------------------------------
// Listing 5-4: the service, over real sockets.

/// Fact: documented(tracker-waits-closed-and-empty)
#[test]
fn in_flight_connections_finish_and_the_drain_is_clean() {
    run_with_deadline(
        10,
        "in_flight_connections_finish_and_the_drain_is_clean",
        || {
            current_thread().block_on(async {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                let address = listener.local_addr().unwrap();
                let gate = Arc::new(Gate::default());
                let (shutdown, on_shutdown) = trigger();
                let (_force, on_force) = trigger();
                let long = Duration::from_secs(30);
                let server = serve(
                    listener,
                    on_shutdown,
                    on_force,
                    long,
                    Arc::clone(&gate).handler(),
                );
                let clients = async {
                    let mut idle = connect(address).await;
                    assert_eq!(ask(&mut idle, "hi").await, "HI");
                    let mut busy = slow_request(address, &gate).await;
                    shutdown.send(()).unwrap();
                    assert_eq!(
                        read_line(&mut idle).await,
                        "",
                        "idle: closed at once"
                    );
                    gate.finish.notify_one();
                    assert_eq!(
                        read_line(&mut busy).await,
                        "SLOW JOB",
                        "busy: answered"
                    );
                    assert_eq!(read_line(&mut busy).await, "", "then closed");
                };
                let (outcome, ()) = tokio::join!(server, clients);
                assert_eq!(outcome, Outcome::Clean);
            })
        },
    );
}

/// Fact: documented(listener-closes-when-dropped)
#[test]
fn a_new_connection_after_shutdown_is_refused() {
    let _one_at_a_time = TAKE_TURNS.lock().unwrap_or_else(|e| e.into_inner());
    run_with_deadline(10, "a_new_connection_after_shutdown_is_refused", || {
        current_thread().block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let address = listener.local_addr().unwrap();
            let gate = Arc::new(Gate::default());
            let (shutdown, on_shutdown) = trigger();
            let (_force, on_force) = trigger();
            let long = Duration::from_secs(30);
            let server = serve(
                listener,
                on_shutdown,
                on_force,
                long,
                Arc::clone(&gate).handler(),
            );
            let clients = async {
                let mut idle = connect(address).await;
                assert_eq!(ask(&mut idle, "hi").await, "HI");
                let mut busy = slow_request(address, &gate).await;
                shutdown.send(()).unwrap();
                // The idle connection closes after the listener was dropped...
                assert_eq!(read_line(&mut idle).await, "");
                // ...so, while the busy one still drains, nobody new gets in.
                let refused = TcpStream::connect(address).await.unwrap_err();
                assert_eq!(refused.kind(), ErrorKind::ConnectionRefused);
                gate.finish.notify_one();
                assert_eq!(read_line(&mut busy).await, "SLOW JOB");
            };
            let (outcome, ()) = tokio::join!(server, clients);
            assert_eq!(outcome, Outcome::Clean);
        })
    });
}

/// Fact: documented(timeout-cancels-the-future)
#[test]
fn a_connection_that_never_finishes_is_cut_at_the_deadline() {
    run_with_deadline(
        10,
        "a_connection_that_never_finishes_is_cut_at_the_deadline",
        || {
            current_thread().block_on(async {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                let address = listener.local_addr().unwrap();
                let gate = Arc::new(Gate::default());
                let (shutdown, on_shutdown) = trigger();
                let (_force, on_force) = trigger();
                let deadline = Duration::from_millis(200);
                let server = serve(
                    listener,
                    on_shutdown,
                    on_force,
                    deadline,
                    Arc::clone(&gate).handler(),
                );
                let clients = async {
                    let mut idle = connect(address).await;
                    assert_eq!(ask(&mut idle, "hi").await, "HI");
                    let mut stuck = slow_request(address, &gate).await; // never finishes
                    shutdown.send(()).unwrap();
                    let started = Instant::now();
                    assert_eq!(
                        read_line(&mut stuck).await,
                        "",
                        "cut, without a reply"
                    );
                    started.elapsed()
                };
                let (outcome, waited) = tokio::join!(server, clients);
                assert_eq!(outcome, Outcome::Cut(1), "one straggler, aborted");
                assert!(
                    waited >= deadline,
                    "not before the deadline: {waited:?}"
                );
            })
        },
    );
}

/// Fact: documented(cancel-wakes-every-waiter)
#[test]
fn a_second_trigger_during_the_drain_forces_exit() {
    run_with_deadline(
        10,
        "a_second_trigger_during_the_drain_forces_exit",
        || {
            current_thread().block_on(async {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                let address = listener.local_addr().unwrap();
                let gate = Arc::new(Gate::default());
                let (shutdown, on_shutdown) = trigger();
                let (force, on_force) = trigger();
                let hour = Duration::from_secs(3600);
                let server = serve(
                    listener,
                    on_shutdown,
                    on_force,
                    hour,
                    Arc::clone(&gate).handler(),
                );
                let clients = async {
                    let mut idle = connect(address).await;
                    assert_eq!(ask(&mut idle, "hi").await, "HI");
                    let mut stuck = slow_request(address, &gate).await; // never finishes
                    shutdown.send(()).unwrap();
                    assert_eq!(
                        read_line(&mut idle).await,
                        "",
                        "the drain has begun"
                    );
                    force.send(()).unwrap(); // the second Ctrl-C
                    assert_eq!(
                        read_line(&mut stuck).await,
                        "",
                        "cut, without a reply"
                    );
                };
                let started = Instant::now();
                let (outcome, ()) = tokio::join!(server, clients);
                assert_eq!(outcome, Outcome::Forced(1));
                assert!(
                    started.elapsed() < Duration::from_secs(60),
                    "not the deadline"
                );
            })
        },
    );
}

// ---------------------------------------------------------------------------
// Listing 5-5: a drain without a deadline.

/// Fact: documented(tracker-waits-closed-and-empty)
#[test]
fn twin_a_drain_without_a_deadline_waits_forever_for_a_stuck_connection() {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap()
        .block_on(async {
            let tracker = TaskTracker::new();
            tracker.spawn(std::future::pending::<()>());
            let a_day = Duration::from_secs(24 * 3600);
            let drain = listing_05_05::drain(&tracker);
            assert!(tokio::time::timeout(a_day, drain).await.is_err());
        });
}

// ---------------------------------------------------------------------------
// Listing 5-7: an owned shutdown future for a framework that spawns it.

/// Fact: documented(cancelled-owned)
#[tokio::test]
async fn cancelled_owned_can_be_handed_to_a_framework_that_spawns_it() {
    let token = CancellationToken::new();
    let signal =
        listing_05_07::with_graceful_shutdown(token.clone().cancelled_owned());
    tokio::task::yield_now().await;
    assert!(!signal.is_finished(), "waits for the token");
    token.cancel();
    signal.await.unwrap();
}
