// The checks of chapter 6's exercises, written once and shared by the
// reader's harness (`exercises/main.rs`) and the book's own test of the
// exercises (`exercises/onboarding.rs`), which runs them against both the
// starters and the solutions.
//
// To add an exercise: write its solution (see CONTRIBUTING.md), add its
// `exercise_N_checks!` macro here, and its line to `for_each_exercise!`.

/// Every exercise: the module for its code, the starter (in `exercises/`),
/// the solution (in `listings/ch06-exercises/`), and its checks.
macro_rules! for_each_exercise {
    ($then:ident) => {
        $then! {
            exercise_1: "exercise-1.rs", "../listings/ch06-exercises/exercise-1.rs" => exercise_1_checks;
            exercise_2: "exercise-2.rs", "../listings/ch06-exercises/exercise-2.rs" => exercise_2_checks;
            exercise_3: "exercise-3.rs", "../listings/ch06-exercises/exercise-3.rs" => exercise_3_checks;
            exercise_4: "exercise-4.rs", "../listings/ch06-exercises/exercise-4.rs" => exercise_4_checks;
            exercise_5: "exercise-5.rs", "../listings/ch06-exercises/exercise-5.rs" => exercise_5_checks;
            exercise_6: "exercise-6.rs", "../listings/ch06-exercises/exercise-6.rs" => exercise_6_checks;
            exercise_7: "exercise-7.rs", "../listings/ch06-exercises/exercise-7.rs" => exercise_7_checks;
            exercise_8: "exercise-8.rs", "../listings/ch06-exercises/exercise-8.rs" => exercise_8_checks;
            exercise_9: "exercise-9.rs", "../listings/ch06-exercises/exercise-9.rs" => exercise_9_checks;
            exercise_10: "exercise-10.rs", "../listings/ch06-exercises/exercise-10.rs" => exercise_10_checks;
        }
    };
}

/// `checks![a, b]` -> `pub fn checks()`, naming each check after its function.
macro_rules! checks {
    ($($check:ident),* $(,)?) => {
        pub fn checks() -> Vec<(&'static str, fn())> {
            vec![$((stringify!($check), $check as fn())),*]
        }
    };
}

/// (check, what it said) for every check that panicked.
pub fn failures(checks: Vec<(&'static str, fn())>) -> Vec<(&'static str, String)> {
    checks
        .into_iter()
        .filter_map(|(name, check)| {
            let payload = std::panic::catch_unwind(check).err()?;
            Some((name, house::panic_message(&*payload)))
        })
        .collect()
}

macro_rules! exercise_1_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "one go-ahead for two workers";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "the go-ahead was lost";
            use $ex as ex;
            use tokio_test::task::spawn;

            fn go_before_either_worker_waits_starts_both() {
                let signal = ex::StartSignal::default();
                signal.go(); // neither worker has started waiting yet
                let (mut a, mut b) = (spawn(signal.wait()), spawn(signal.wait()));
                let (a, b) = (a.poll().is_ready(), b.poll().is_ready());
                assert!(a && b, "the go-ahead was lost: go() came before the workers waited");
            }

            fn go_while_both_wait_starts_both() {
                let signal = ex::StartSignal::default();
                let (mut a, mut b) = (spawn(signal.wait()), spawn(signal.wait()));
                assert!(a.poll().is_pending() && b.poll().is_pending());
                signal.go();
                assert!(a.is_woken() && b.is_woken(), "a waiting worker was not woken");
                assert!(a.poll().is_ready() && b.poll().is_ready());
            }

            fn a_worker_that_waits_after_go_starts_at_once() {
                let signal = ex::StartSignal::default();
                let mut early = spawn(signal.wait());
                assert!(early.poll().is_pending());
                signal.go();
                assert!(early.poll().is_ready());
                let mut late = spawn(signal.wait());
                assert!(late.poll().is_ready(), "the go-ahead was lost for a worker that came later");
            }

            checks![
                go_before_either_worker_waits_starts_both,
                go_while_both_wait_starts_both,
                a_worker_that_waits_after_go_starts_at_once,
            ];
        }
    };
}

macro_rules! exercise_2_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "a countdown for one waiter";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;
            use std::sync::atomic::Ordering;
            use tokio_test::task::spawn;

            fn a_count_of_zero_does_not_wait() {
                let countdown = ex::Countdown::new(0);
                assert!(spawn(countdown.wait()).poll().is_ready(), "nothing to wait for, yet wait() waited");
            }

            fn wait_returns_after_the_last_count_down() {
                let countdown = ex::Countdown::new(2);
                let mut waiting = spawn(countdown.wait());
                assert!(waiting.poll().is_pending(), "wait() returned before anyone counted down");
                countdown.count_down();
                assert!(waiting.poll().is_pending(), "wait() returned with one worker still busy");
                countdown.count_down();
                assert!(waiting.is_woken(), "the last count_down() did not wake the waiter");
                assert!(waiting.poll().is_ready());
            }

            fn a_count_down_before_the_wait_is_kept() {
                let countdown = ex::Countdown::new(1);
                countdown.count_down(); // before anyone waits
                assert!(spawn(countdown.wait()).poll().is_ready(), "the last count_down() was lost: it came before wait()");
            }

            /// A waker that checks, when it is woken, that the count is zero
            /// already: ring after the change, never before.
            struct CountMustBeZero(std::sync::Arc<ex::Countdown>);
            impl std::task::Wake for CountMustBeZero {
                fn wake(self: std::sync::Arc<Self>) {
                    self.wake_by_ref();
                }
                fn wake_by_ref(self: &std::sync::Arc<Self>) {
                    let left = self.0.left.load(Ordering::Acquire);
                    assert_eq!(left, 0, "count_down() rang before the count reached zero");
                }
            }

            fn the_ring_comes_after_the_count_reaches_zero() {
                use std::future::Future;
                let countdown = std::sync::Arc::new(ex::Countdown::new(1));
                let waker = std::task::Waker::from(std::sync::Arc::new(CountMustBeZero(countdown.clone())));
                let mut cx = std::task::Context::from_waker(&waker);
                let mut waiting = Box::pin(countdown.wait());
                assert!(waiting.as_mut().poll(&mut cx).is_pending());
                countdown.count_down(); // wakes the waiter: the check runs in there
                assert!(waiting.as_mut().poll(&mut cx).is_ready());
            }

            checks![
                a_count_of_zero_does_not_wait,
                wait_returns_after_the_last_count_down,
                a_count_down_before_the_wait_is_kept,
                the_ring_comes_after_the_count_reaches_zero,
            ];
        }
    };
}

macro_rules! exercise_3_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "a queue for many consumers";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;
            use std::task::Poll;
            use tokio_test::task::spawn;

            fn items_come_out_in_order() {
                let queue = ex::Queue::default();
                queue.push(1);
                queue.push(2);
                assert_eq!(spawn(queue.pop()).poll(), Poll::Ready(1));
                assert_eq!(spawn(queue.pop()).poll(), Poll::Ready(2));
                assert!(spawn(queue.pop()).poll().is_pending(), "pop returned without an item");
            }

            fn two_waiting_consumers_each_get_an_item() {
                let queue = ex::Queue::default();
                let mut a = spawn(queue.pop());
                let mut b = spawn(queue.pop());
                assert!(a.poll().is_pending() && b.poll().is_pending());
                queue.push(1);
                queue.push(2);
                assert!(a.is_woken() && b.is_woken(), "a waiting consumer was not woken");
                assert_eq!(a.poll(), Poll::Ready(1));
                assert_eq!(b.poll(), Poll::Ready(2));
            }

            fn two_items_that_arrive_while_two_consumers_look_reach_both() {
                // A looks and finds nothing; right then B looks and finds
                // nothing; right then two items arrive, with two rings.
                let queue = ex::Queue::default();
                let mut a = spawn(queue.pop());
                let mut b = spawn(queue.pop());
                let mut b_first = None;
                let a_first = ex::after_empty_look(
                    || {
                        let rings = || {
                            queue.push(1);
                            queue.push(2);
                        };
                        b_first = Some(ex::after_empty_look(rings, || b.poll()));
                    },
                    || a.poll(),
                );
                let b_first = b_first.expect("pop() must look at the queue with try_pop()");
                let mut got = Vec::new();
                for (first, task) in [(a_first, &mut a), (b_first, &mut b)] {
                    match first {
                        Poll::Ready(item) => got.push(item),
                        Poll::Pending => {
                            assert!(task.is_woken(), "a wake-up was lost: a consumer sleeps while an item waits");
                            match task.poll() {
                                Poll::Ready(item) => got.push(item),
                                Poll::Pending => panic!("a woken consumer found no item"),
                            }
                        }
                    }
                }
                got.sort();
                assert_eq!(got, [1, 2]);
            }

            checks![
                items_come_out_in_order,
                two_waiting_consumers_each_get_an_item,
                two_items_that_arrive_while_two_consumers_look_reach_both,
            ];
        }
    };
}

macro_rules! exercise_4_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "a fair baton";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;
            use tokio_test::task::spawn;

            fn the_first_take_gets_the_baton_at_once() {
                let baton = ex::Baton::new();
                assert!(spawn(baton.take()).poll().is_ready(), "nobody held the baton, yet take() waited");
            }

            fn a_second_take_waits_until_the_baton_is_passed() {
                let baton = ex::Baton::new();
                assert!(spawn(baton.take()).poll().is_ready());
                let mut second = spawn(baton.take());
                assert!(second.poll().is_pending(), "two tasks hold the baton at once");
                baton.pass();
                assert!(second.is_woken() && second.poll().is_ready(), "pass() did not hand the baton on");
            }

            fn the_task_that_waited_longest_gets_it() {
                let baton = ex::Baton::new();
                assert!(spawn(baton.take()).poll().is_ready());
                let mut waiting: Vec<_> = (0..3).map(|_| spawn(baton.take())).collect();
                for task in &mut waiting {
                    assert!(task.poll().is_pending());
                }
                for turn in 0..3 {
                    baton.pass();
                    assert!(waiting[turn].poll().is_ready(), "task {turn} should have had the baton");
                    for later in &mut waiting[turn + 1..] {
                        assert!(later.poll().is_pending(), "the baton went to a later task");
                    }
                }
            }

            fn a_pass_with_nobody_waiting_leaves_the_baton_free() {
                let baton = ex::Baton::new();
                assert!(spawn(baton.take()).poll().is_ready());
                baton.pass();
                assert!(spawn(baton.take()).poll().is_ready(), "the passed baton was lost");
                assert!(spawn(baton.take()).poll().is_pending(), "one pass freed the baton twice");
            }

            checks![
                the_first_take_gets_the_baton_at_once,
                a_second_take_waits_until_the_baton_is_passed,
                the_task_that_waited_longest_gets_it,
                a_pass_with_nobody_waiting_leaves_the_baton_free,
            ];
        }
    };
}

macro_rules! exercise_5_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "graceful shutdown";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;
            use std::sync::atomic::Ordering;
            use std::time::Duration;

            fn paused() -> tokio::runtime::Runtime {
                tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap()
            }

            fn workers_run_until_shutdown() {
                crate::support::run_with_deadline(10, "exercise 5", workers_run_until_shutdown_on_time);
            }

            fn workers_run_until_shutdown_on_time() {
                paused().block_on(async {
                    let service = ex::Service::default();
                    service.spawn_worker();
                    service.spawn_worker();
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    assert_eq!(service.cleaned_up.load(Ordering::Acquire), 0, "a worker stopped before shutdown");
                });
            }

            fn shutdown_returns_after_every_worker_cleaned_up() {
                crate::support::run_with_deadline(
                    10,
                    "shutdown() (did it close the tracker, and cancel before waiting?)",
                    shutdown_returns_on_time,
                );
            }

            fn shutdown_returns_on_time() {
                paused().block_on(async {
                    let service = ex::Service::default();
                    for _ in 0..3 {
                        service.spawn_worker();
                    }
                    let start = tokio::time::Instant::now();
                    service.shutdown().await;
                    assert_eq!(
                        service.cleaned_up.load(Ordering::Acquire),
                        3,
                        "shutdown returned before every worker cleaned up"
                    );
                    assert!(start.elapsed() >= Duration::from_millis(10), "the workers did not take their cleanup time");
                });
            }

            checks![
                workers_run_until_shutdown,
                shutdown_returns_after_every_worker_cleaned_up,
            ];
        }
    };
}

macro_rules! exercise_6_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "a configuration readers wait on";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;
            use std::task::Poll;
            use tokio_test::task::spawn;

            fn a_reader_that_is_behind_gets_the_newest_at_once() {
                let config = ex::Config::new("a");
                config.set("b");
                config.set("c");
                assert_eq!(spawn(config.changed_since(0)).poll(), Poll::Ready((2, "c".to_owned())));
            }

            fn a_reader_that_is_up_to_date_waits() {
                let config = ex::Config::new("a");
                config.set("b");
                assert!(spawn(config.changed_since(1)).poll().is_pending(), "nothing changed since version 1");
            }

            fn every_waiting_reader_wakes_on_set() {
                let config = ex::Config::new("a");
                let mut readers: Vec<_> = (0..3).map(|_| spawn(config.changed_since(0))).collect();
                for reader in &mut readers {
                    assert!(reader.poll().is_pending());
                }
                config.set("b");
                for reader in &mut readers {
                    assert!(reader.is_woken(), "a waiting reader was not woken");
                    assert_eq!(reader.poll(), Poll::Ready((1, "b".to_owned())));
                }
            }

            fn a_set_right_after_a_reader_looked_is_not_missed() {
                let config = ex::Config::new("a");
                let mut reader = spawn(config.changed_since(0));
                let mut hook_ran = false;
                let first = ex::with_hook_after_read(
                    || {
                        hook_ran = true;
                        config.set("b"); // just after the reader read version 0
                    },
                    || reader.poll(),
                );
                assert!(hook_ran, "changed_since() must read the state with current()");
                if first.is_pending() {
                    assert!(reader.is_woken(), "a set() between the reader's look and its wait was missed");
                    assert_eq!(reader.poll(), Poll::Ready((1, "b".to_owned())));
                } else {
                    assert_eq!(first, Poll::Ready((1, "b".to_owned())));
                }
            }

            checks![
                a_reader_that_is_behind_gets_the_newest_at_once,
                a_reader_that_is_up_to_date_waits,
                every_waiting_reader_wakes_on_set,
                a_set_right_after_a_reader_looked_is_not_missed,
            ];
        }
    };
}

macro_rules! exercise_7_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "write the test that catches Listing 2-4's bug";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;

            fn your_test_fails_on_listing_2_4s_queue() {
                let outcome = std::panic::catch_unwind(ex::two_consumers_never_lose_a_wake_up::<ex::Broken>);
                match outcome {
                    Ok(()) => panic!("your test passed on Broken, Listing 2-4's queue: it misses the bug"),
                    Err(payload) => {
                        let message = house::panic_message(&*payload);
                        if message.contains("not yet implemented") {
                            panic!("{message}");
                        }
                    }
                }
            }

            fn your_test_passes_on_listing_2_5s_queue() {
                // A failure here reports your test's own message.
                ex::two_consumers_never_lose_a_wake_up::<ex::Fixed>();
            }

            checks![
                your_test_fails_on_listing_2_4s_queue,
                your_test_passes_on_listing_2_5s_queue,
            ];
        }
    };
}

macro_rules! exercise_8_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "review with the checklist";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "review:";
            use $ex as ex;
            use std::task::Poll;
            use tokio_test::task::spawn;

            /// A waker that checks, when it is woken, that the new
            /// configuration is stored already.
            struct MustBePublished(std::sync::Arc<ex::Reloader>);
            impl std::task::Wake for MustBePublished {
                fn wake(self: std::sync::Arc<Self>) {
                    self.wake_by_ref();
                }
                fn wake_by_ref(self: &std::sync::Arc<Self>) {
                    // Locked means publish still holds it: the value is going in.
                    if let Ok(current) = self.0.current.try_lock() {
                        assert_eq!(current.0, 1, "review: publish() rang before it stored the configuration");
                    }
                }
            }

            fn publish_stores_before_it_rings() {
                use std::future::Future;
                let reloader = std::sync::Arc::new(ex::Reloader::new("a"));
                let waker = std::task::Waker::from(std::sync::Arc::new(MustBePublished(reloader.clone())));
                let mut cx = std::task::Context::from_waker(&waker);
                let mut next = Box::pin(reloader.next(0));
                assert!(next.as_mut().poll(&mut cx).is_pending());
                reloader.publish("b"); // wakes the reader: the check runs in there
                assert_eq!(next.as_mut().poll(&mut cx), Poll::Ready(Some((1, "b".to_owned()))));
            }

            fn a_stale_ring_is_not_taken_for_a_stop() {
                let reloader = ex::Reloader::new("a");
                reloader.publish("b"); // nobody waits: the ring is stored
                let mut next = spawn(reloader.next(1)); // the reader has seen version 1
                let got = next.poll();
                assert!(got.is_pending(), "review: next(1) returned {got:?}, though nothing is new and nothing was stopped");
            }

            fn a_next_that_starts_after_stop_returns_none() {
                let reloader = ex::Reloader::new("a");
                reloader.stop();
                let got = spawn(reloader.next(0)).poll();
                assert_eq!(got, Poll::Ready(None), "review: a next() that starts after stop() never returns");
            }

            fn stop_wakes_a_waiting_reader() {
                let reloader = ex::Reloader::new("a");
                let mut next = spawn(reloader.next(0));
                assert!(next.poll().is_pending());
                reloader.stop();
                assert!(next.is_woken(), "review: stop() did not wake the reader");
                assert_eq!(next.poll(), Poll::Ready(None));
            }

            checks![
                publish_stores_before_it_rings,
                a_stale_ring_is_not_taken_for_a_stop,
                a_next_that_starts_after_stop_returns_none,
                stop_wakes_a_waiting_reader,
            ];
        }
    };
}

macro_rules! exercise_9_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "a safety net around a wait";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;
            use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
            use std::time::Duration;
            use tokio::sync::Notify;
            use tokio::time::{Instant, sleep};

            const PERIOD: Duration = Duration::from_secs(1);

            /// Runs `test` on a paused clock, failing instead of hanging.
            fn paused(what: &'static str, test: fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>) {
                crate::support::run_with_deadline(10, what, move || {
                    tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap().block_on(test())
                });
            }

            fn a_lost_wake_up_becomes_one_period_of_latency() {
                paused("wait_for with a lost wake-up", || Box::pin(async {
                    let (bell, ready, rechecks) = (Notify::new(), AtomicBool::new(false), AtomicU32::new(0));
                    let start = Instant::now();
                    let wait = ex::wait_for(&bell, PERIOD, &rechecks, || ready.load(Ordering::SeqCst).then_some("there"));
                    let quiet = async {
                        sleep(Duration::from_millis(300)).await;
                        ready.store(true, Ordering::SeqCst); // and nobody rings
                    };
                    let hour = Duration::from_secs(3600);
                    let (found, ()) = tokio::time::timeout(hour, async { tokio::join!(wait, quiet) })
                        .await
                        .expect("a lost wake-up was not turned into latency: still waiting after an hour");
                    assert_eq!(found, "there");
                    assert_eq!(start.elapsed(), PERIOD, "found at the first re-check, one period after the wait began");
                    assert_eq!(rechecks.load(Ordering::SeqCst), 1, "one re-check after one silent period");
                }));
            }

            fn a_real_wake_up_is_prompt() {
                paused("wait_for with a ring", || Box::pin(async {
                    let (bell, ready, rechecks) = (Notify::new(), AtomicBool::new(false), AtomicU32::new(0));
                    let start = Instant::now();
                    let wait = ex::wait_for(&bell, PERIOD, &rechecks, || ready.load(Ordering::SeqCst).then_some(7));
                    let ring = async {
                        sleep(Duration::from_millis(300)).await;
                        ready.store(true, Ordering::SeqCst);
                        bell.notify_one();
                    };
                    let (found, ()) = tokio::join!(wait, ring);
                    assert_eq!(found, 7);
                    assert_eq!(start.elapsed(), Duration::from_millis(300), "the ring did not end the wait at once");
                    assert_eq!(rechecks.load(Ordering::SeqCst), 0, "no period passed in silence");
                }));
            }

            fn the_state_is_checked_first_and_after_every_silent_period() {
                paused("wait_for with nothing to find", || Box::pin(async {
                    let (bell, rechecks, looks) = (Notify::new(), AtomicU32::new(0), AtomicU32::new(0));
                    // Already there: found on the first look, without waiting.
                    let start = Instant::now();
                    let found = ex::wait_for(&bell, PERIOD, &rechecks, || Some(1)).await;
                    assert_eq!((found, start.elapsed()), (1, Duration::ZERO), "the state was not checked before waiting");
                    // Never there: one look, then one per silent period.
                    let wait = ex::wait_for(&bell, PERIOD, &rechecks, || {
                        looks.fetch_add(1, Ordering::SeqCst);
                        None::<()>
                    });
                    let gave_up = tokio::time::timeout(Duration::from_millis(3500), wait).await;
                    assert!(gave_up.is_err(), "returned without finding anything");
                    assert_eq!(looks.load(Ordering::SeqCst), 4, "expected a look at 0 s, 1 s, 2 s and 3 s");
                    assert_eq!(rechecks.load(Ordering::SeqCst), 3, "expected three re-checks in 3.5 s");
                }));
            }

            checks![
                a_lost_wake_up_becomes_one_period_of_latency,
                a_real_wake_up_is_prompt,
                the_state_is_checked_first_and_after_every_silent_period,
            ];
        }
    };
}

macro_rules! exercise_10_checks {
    ($name:ident, $ex:path) => {
        pub mod $name {
            #[allow(dead_code)]
            pub const TITLE: &str = "wire shutdown into a server";
            #[allow(dead_code)]
            pub const STARTER_FAILS_WITH: &str = "not yet implemented";
            use $ex as ex;
            use std::net::SocketAddr;
            use std::pin::Pin;
            use std::sync::Arc;
            use std::time::{Duration, Instant};
            use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
            use tokio::net::{TcpListener, TcpStream};
            use tokio::sync::{Notify, oneshot};

            /// Requests are answered in upper case; one that starts with
            /// "slow" says so on `started`, then waits for `finish`.
            #[derive(Default)]
            struct Gate {
                started: Notify,
                finish: Notify,
            }

            type Reply = Pin<Box<dyn std::future::Future<Output = String> + Send>>;

            fn handler(gate: Arc<Gate>) -> impl Fn(String) -> Reply + Clone + Send {
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

            fn trigger() -> (oneshot::Sender<()>, impl std::future::Future<Output = ()>) {
                let (pull, pulled) = oneshot::channel::<()>();
                (pull, async move {
                    let _ = pulled.await;
                })
            }

            async fn connect(address: SocketAddr) -> BufReader<TcpStream> {
                BufReader::new(TcpStream::connect(address).await.expect("could not connect before the shutdown"))
            }

            /// The client's own address: what the server sees as its peer.
            fn client_address(stream: &BufReader<TcpStream>) -> SocketAddr {
                stream.get_ref().local_addr().unwrap()
            }

            /// One line; "" when the server closed the connection.
            async fn read_line(stream: &mut BufReader<TcpStream>) -> String {
                let mut line = String::new();
                match stream.read_line(&mut line).await {
                    Ok(_) => line.trim_end().to_owned(),
                    Err(_) => String::new(),
                }
            }

            async fn ask(stream: &mut BufReader<TcpStream>, request: &str) -> String {
                stream.write_all(format!("{request}\n").as_bytes()).await.unwrap();
                read_line(stream).await
            }

            /// A connection with a "slow" request the server is handling.
            async fn slow_request(address: SocketAddr, gate: &Gate) -> BufReader<TcpStream> {
                let mut busy = connect(address).await;
                busy.write_all(b"slow job\n").await.unwrap();
                gate.started.notified().await;
                busy
            }

            fn run(what: &'static str, test: fn() -> Pin<Box<dyn std::future::Future<Output = ()>>>) {
                crate::support::run_with_deadline(10, what, move || {
                    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(test())
                });
            }

            fn a_request_in_flight_finishes_and_the_drain_is_clean() {
                run("serve() with a request in flight", || Box::pin(async {
                    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                    let address = listener.local_addr().unwrap();
                    let gate = Arc::new(Gate::default());
                    let ((shutdown, on_shutdown), (_force, on_force)) = (trigger(), trigger());
                    let server = ex::serve(listener, on_shutdown, on_force, Duration::from_secs(30), handler(Arc::clone(&gate)));
                    let clients = async {
                        let mut busy = slow_request(address, &gate).await;
                        shutdown.send(()).unwrap();
                        gate.finish.notify_one();
                        assert_eq!(read_line(&mut busy).await, "SLOW JOB", "the request in flight was not answered");
                        assert_eq!(read_line(&mut busy).await, "", "the connection stayed open after its request");
                    };
                    let (outcome, ()) = tokio::join!(server, clients);
                    assert_eq!(outcome, ex::Outcome::Clean);
                }));
            }

            fn a_new_connection_after_shutdown_is_refused() {
                run("serve() refusing connections", || Box::pin(async {
                    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                    let address = listener.local_addr().unwrap();
                    let gate = Arc::new(Gate::default());
                    let ((shutdown, on_shutdown), (_force, on_force)) = (trigger(), trigger());
                    let server = ex::serve(listener, on_shutdown, on_force, Duration::from_secs(30), handler(Arc::clone(&gate)));
                    let clients = async {
                        let mut idle = connect(address).await;
                        assert_eq!(ask(&mut idle, "hi").await, "HI");
                        let mut busy = slow_request(address, &gate).await;
                        shutdown.send(()).unwrap();
                        assert_eq!(read_line(&mut idle).await, "", "an idle connection was not closed at the shutdown");
                        let refused = TcpStream::connect(address).await;
                        assert!(refused.is_err(), "a new connection was accepted after the shutdown");
                        gate.finish.notify_one();
                        assert_eq!(read_line(&mut busy).await, "SLOW JOB");
                    };
                    let (outcome, ()) = tokio::join!(server, clients);
                    assert_eq!(outcome, ex::Outcome::Clean);
                }));
            }

            fn a_stuck_connection_is_cut_at_the_deadline_and_named() {
                run("serve() with a stuck connection (is there a deadline?)", || Box::pin(async {
                    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                    let address = listener.local_addr().unwrap();
                    let gate = Arc::new(Gate::default());
                    let ((shutdown, on_shutdown), (_force, on_force)) = (trigger(), trigger());
                    let deadline = Duration::from_millis(100);
                    let server = ex::serve(listener, on_shutdown, on_force, deadline, handler(Arc::clone(&gate)));
                    let clients = async {
                        let mut idle = connect(address).await;
                        assert_eq!(ask(&mut idle, "hi").await, "HI");
                        let mut stuck = slow_request(address, &gate).await;
                        shutdown.send(()).unwrap();
                        let started = Instant::now();
                        assert_eq!(read_line(&mut idle).await, "", "an idle connection was not closed at the shutdown");
                        assert_eq!(read_line(&mut stuck).await, "", "the stuck connection was not cut");
                        (client_address(&stuck), started.elapsed())
                    };
                    let (outcome, (stuck, waited)) = tokio::join!(server, clients);
                    assert_eq!(
                        outcome,
                        ex::Outcome::Cut(vec![stuck]),
                        "expected the stuck client, and only it, cut at the deadline"
                    );
                    assert!(waited >= deadline, "cut before the deadline, after {waited:?}");
                }));
            }

            fn a_second_trigger_forces_the_exit_and_names_every_client_cut() {
                run("serve() with a second trigger (is `force` awaited?)", || Box::pin(async {
                    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                    let address = listener.local_addr().unwrap();
                    let gate = Arc::new(Gate::default());
                    let ((shutdown, on_shutdown), (force, on_force)) = (trigger(), trigger());
                    let hour = Duration::from_secs(3600);
                    let server = ex::serve(listener, on_shutdown, on_force, hour, handler(Arc::clone(&gate)));
                    let clients = async {
                        let mut first = slow_request(address, &gate).await;
                        let mut second = slow_request(address, &gate).await;
                        shutdown.send(()).unwrap();
                        force.send(()).unwrap();
                        assert_eq!(read_line(&mut first).await, "", "a stuck connection was not cut");
                        assert_eq!(read_line(&mut second).await, "", "a stuck connection was not cut");
                        let mut both = vec![client_address(&first), client_address(&second)];
                        both.sort();
                        both
                    };
                    let (outcome, both) = tokio::join!(server, clients);
                    assert_eq!(
                        outcome,
                        ex::Outcome::Forced(both),
                        "expected both stuck clients, sorted, cut by the second trigger"
                    );
                }));
            }

            checks![
                a_request_in_flight_finishes_and_the_drain_is_clean,
                a_new_connection_after_shutdown_is_refused,
                a_stuck_connection_is_cut_at_the_deadline_and_named,
                a_second_trigger_forces_the_exit_and_names_every_client_cut,
            ];
        }
    };
}
