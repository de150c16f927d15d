//! Chapter 2: each example's fix holds, and each broken twin fails.

use std::pin::{Pin, pin};
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_test::task::spawn;
use tokio_test::{assert_pending, assert_ready, assert_ready_eq};

use crate::support::{
    WakeHook, meanwhile, poll_noop, poll_with_clone_hook, run_with_deadline,
};
use crate::{
    listing_02_01, listing_02_02, listing_02_03, listing_02_04, listing_02_05,
};
use crate::{listing_02_06, listing_02_07};

// ---------------------------------------------------------------------------
// (A) A start signal: Listings 2-1 and 2-2.

/// Fact: documented(permit-before-the-wait)
#[test]
fn start_signal_given_before_the_worker_waits_is_kept() {
    let start = Arc::new(Notify::new());
    let mut worker = spawn(listing_02_01::worker(start.clone()));
    listing_02_01::go(&start); // the worker has not been polled yet
    assert_ready_eq!(worker.poll(), "worker: started");
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn start_signal_given_while_the_worker_waits_wakes_it() {
    let start = Arc::new(Notify::new());
    let mut worker = spawn(listing_02_01::worker(start.clone()));
    assert_pending!(worker.poll());
    listing_02_01::go(&start);
    assert!(worker.is_woken());
    assert_ready_eq!(worker.poll(), "worker: started");
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn twin_start_signal_with_notify_waiters_before_the_worker_waits_is_lost() {
    let start = Arc::new(Notify::new());
    let mut worker = spawn(listing_02_02::worker(start.clone()));
    listing_02_02::go(&start); // nobody has called notified() yet
    assert_pending!(worker.poll());
    assert!(!worker.is_woken());
    assert_pending!(worker.poll()); // and nothing will ever wake it
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn twin_start_signal_works_when_the_worker_already_waits_which_hides_the_bug() {
    let start = Arc::new(Notify::new());
    let mut worker = spawn(listing_02_02::worker(start.clone()));
    assert_pending!(worker.poll());
    listing_02_02::go(&start);
    assert_ready_eq!(worker.poll(), "worker: started");
}

// ---------------------------------------------------------------------------
// (B) A queue: Listings 2-3 (one consumer), 2-4 (twin), 2-5 (several).

/// Fact: documented(one-consumer-loses-no-wakeup)
#[test]
fn single_consumer_queue_delivers_every_item_in_order() {
    let queue = listing_02_03::Queue::default();
    let mut first = spawn(queue.pop());
    assert_pending!(first.poll());
    queue.push("one");
    queue.push("two");
    assert!(first.is_woken());
    assert_ready_eq!(first.poll(), "one");
    assert_ready_eq!(spawn(queue.pop()).poll(), "two");
    assert_pending!(spawn(queue.pop()).poll());
}

/// Fact: documented(one-consumer-loses-no-wakeup)
#[test]
fn single_consumer_queue_a_push_between_the_look_and_the_registration_is_kept()
{
    // The hook runs inside pop()'s first poll: after try_pop() found nothing,
    // before the consumer joined the waiters. The ring becomes a permit.
    let queue = listing_02_03::Queue::default();
    let mut pop = pin!(queue.pop());
    let polled = poll_with_clone_hook(pop.as_mut(), || queue.push("one"));
    assert_eq!(polled, Poll::Ready("one"));
}

/// A consumer, boxed so that it can move to another thread.
pub type Consumer<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// The unlucky order of Listing 2-4, on real consumers: A's first poll
/// stops in the gap after its look (where tokio clones its waker); there,
/// B's first poll runs, on another thread, and stops in its own gap; there,
/// `produce` runs, on a third. Where a step needs a lock that a poll holds,
/// it runs as soon as the poll lets go (`meanwhile`). Returns A's and B's
/// first polls, and A and B, once every step has finished.
pub fn both_look_then_produce<T: Send + 'static>(
    mut a: Consumer<T>,
    b: Consumer<T>,
    produce: impl FnOnce() + Send + 'static,
) -> (Poll<T>, Poll<T>, Consumer<T>, Consumer<T>) {
    let mut b_thread = None;
    let a_first = poll_with_clone_hook(a.as_mut(), || {
        b_thread = Some(meanwhile(move || {
            let mut b = b;
            let mut producer = None;
            let b_first = poll_with_clone_hook(b.as_mut(), || {
                producer = Some(meanwhile(produce));
            });
            (b, b_first, producer)
        }));
    });
    let (b, b_first, producer) = b_thread
        .expect("A's first poll cloned no waker")
        .join()
        .unwrap();
    producer
        .expect("B's first poll cloned no waker")
        .join()
        .unwrap();
    (a_first, b_first, a, b)
}

/// Fact: documented(two-consumers-without-enable)
#[test]
fn twin_two_consumers_that_both_look_before_either_waits_lose_a_wake_up() {
    run_with_deadline(20, "Listing 2-4, the unlucky order", || {
        let queue = Arc::new(listing_02_04::Queue::default());
        let consumer =
            |queue: &Arc<listing_02_04::Queue<i32>>| -> Consumer<i32> {
                let queue = queue.clone();
                Box::pin(async move { queue.pop().await })
            };
        let producer = queue.clone();
        let (a_first, b_first, mut a, _b) = both_look_then_produce(
            consumer(&queue),
            consumer(&queue),
            move || {
                producer.push(1);
                producer.push(2);
            },
        );
        // B took the single stored permit and item 1...
        assert_eq!(b_first, Poll::Ready(1));
        // ...A waits, item 2 sits in the queue, and no notify_one is coming.
        assert_eq!(a_first, Poll::Pending);
        assert_eq!(queue.items.lock().unwrap().len(), 1, "item 2 is there");
        assert_eq!(poll_noop(a.as_mut()), Poll::Pending);
    });
}

/// Fact: documented(two-consumers-without-enable)
#[test]
fn twin_replay_in_the_book_loses_a_wake_up_step_by_step() {
    // The same steps as Listing 2-4's main, with assertions.
    let queue = listing_02_04::Queue::default();
    assert_eq!(queue.try_pop(), None::<i32>); // A looks
    assert_eq!(queue.try_pop(), None); // B looks
    queue.push(1);
    queue.push(2);
    let mut a_wait = spawn(queue.bell.notified()); // A waits: takes the permit
    let mut b_wait = spawn(queue.bell.notified()); // B waits: nothing left
    assert_ready!(a_wait.poll());
    assert_pending!(b_wait.poll());
    assert_eq!(queue.try_pop(), Some(1)); // A goes round and takes item 1
    assert!(!b_wait.is_woken());
    assert_pending!(b_wait.poll()); // B sleeps on...
    assert_eq!(queue.items.lock().unwrap().len(), 1); // ...next to item 2
}

/// Fact: documented(enable-for-several-consumers)
#[test]
fn fixed_queue_two_consumers_that_both_look_before_either_waits_each_get_an_item()
 {
    // The order that loses a wake-up in Listing 2-4, on Listing 2-5's pop():
    // each consumer registered with enable() before it looked, so each push
    // picks one of them.
    run_with_deadline(20, "Listing 2-5, the unlucky order", || {
        let queue = Arc::new(listing_02_05::Queue::default());
        let consumer =
            |queue: &Arc<listing_02_05::Queue<i32>>| -> Consumer<i32> {
                let queue = queue.clone();
                Box::pin(async move { queue.pop().await })
            };
        let producer = queue.clone();
        let (a_first, b_first, mut a, mut b) = both_look_then_produce(
            consumer(&queue),
            consumer(&queue),
            move || {
                producer.push(1);
                producer.push(2);
            },
        );
        assert_eq!((a_first, b_first), (Poll::Pending, Poll::Pending));
        assert_eq!(poll_noop(a.as_mut()), Poll::Ready(1), "A was not woken");
        assert_eq!(poll_noop(b.as_mut()), Poll::Ready(2), "B was not woken");
    });
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn fixed_queue_two_waiting_consumers_each_get_an_item() {
    let queue = listing_02_05::Queue::default();
    let mut a = spawn(queue.pop());
    let mut b = spawn(queue.pop());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    queue.push(1);
    assert!(
        a.is_woken() && !b.is_woken(),
        "one push, one consumer woken"
    );
    queue.push(2);
    assert!(b.is_woken());
    assert_ready_eq!(a.poll(), 1);
    assert_ready_eq!(b.poll(), 2);
}

/// Fact: documented(reset-after-a-stolen-wakeup)
#[test]
fn fixed_queue_a_consumer_woken_for_an_item_someone_else_took_waits_again() {
    run_with_deadline(10, "Listing 2-5, a stale wake-up", || {
        let queue = listing_02_05::Queue::default();
        let mut a = spawn(queue.pop());
        assert_pending!(a.poll());
        queue.push(1); // picks A...
        assert_eq!(queue.try_pop(), Some(1)); // ...but someone else takes it
        assert_pending!(a.poll()); // A looks, finds nothing, waits again
        queue.push(2);
        assert!(a.is_woken());
        assert_ready_eq!(a.poll(), 2);
    });
}

/// Fact: observed
#[test]
fn fixed_queue_a_picked_consumer_that_is_dropped_passes_the_ring_on() {
    let queue = listing_02_05::Queue::default();
    let mut a = spawn(queue.pop());
    let mut b = spawn(queue.pop());
    assert_pending!(a.poll());
    assert_pending!(b.poll());
    queue.push(1); // picks A, the oldest
    assert!(a.is_woken() && !b.is_woken(), "the ring picked A");
    drop(a); // A's pop, and its picked Notified, go away unpolled
    assert!(b.is_woken(), "the ring passed on to B");
    assert_ready_eq!(b.poll(), 1);
}

/// Polls `future` once with a waker that, when woken, records `look()`:
/// what a task woken at that instant, on another thread, would see.
fn look_when_woken<F: Future + ?Sized, T: Send + 'static>(
    future: Pin<&mut F>,
    look: impl Fn() -> T + Send + Sync + 'static,
) -> (Poll<F::Output>, Arc<Mutex<Vec<T>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = WakeHook::new({
        let seen = seen.clone();
        move || seen.lock().unwrap().push(look())
    });
    (hook.poll(future), seen)
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn single_consumer_queue_push_adds_the_item_before_it_rings() {
    let queue = Arc::new(listing_02_03::Queue::default());
    let mut pop = pin!(queue.pop());
    let look = queue.clone();
    let (first, seen) =
        look_when_woken(pop.as_mut(), move || look.items.lock().unwrap().len());
    assert!(first.is_pending());
    queue.push("one");
    assert_eq!(
        *seen.lock().unwrap(),
        [1],
        "woken before the item was there"
    );
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn single_consumer_queue_a_push_with_nobody_waiting_stores_a_permit() {
    let queue = listing_02_03::Queue::default();
    queue.push("one"); // nobody is waiting
    let mut next_wait = pin!(queue.bell.notified());
    assert!(next_wait.as_mut().enable(), "the ring was kept as a permit");
}

/// Fact: documented(notify-one-wakes-or-stores)
#[test]
fn fixed_queue_push_adds_the_item_before_it_rings() {
    let queue = Arc::new(listing_02_05::Queue::default());
    let mut pop = pin!(queue.pop());
    let look = queue.clone();
    let (first, seen) =
        look_when_woken(pop.as_mut(), move || look.items.lock().unwrap().len());
    assert!(first.is_pending());
    queue.push(1);
    assert_eq!(
        *seen.lock().unwrap(),
        [1],
        "woken before the item was there"
    );
}

// ---------------------------------------------------------------------------
// (C) Stopping many tasks: Listings 2-6 and 2-7.

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn stop_before_the_wait_starts_is_seen_at_once() {
    let stop = listing_02_06::Stop::default();
    stop.stop();
    assert_ready!(spawn(stop.wait()).poll());
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn stop_while_waiting_wakes_every_waiter() {
    let stop = listing_02_06::Stop::default();
    let mut waiters: Vec<_> = (0..3).map(|_| spawn(stop.wait())).collect();
    for waiter in &mut waiters {
        assert_pending!(waiter.poll());
    }
    stop.stop();
    for waiter in &mut waiters {
        assert!(waiter.is_woken());
        assert_ready!(waiter.poll());
    }
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn stop_during_the_first_poll_of_the_wait_is_seen() {
    // Listing 2-6's wait(): the hook fires inside the first poll of its
    // Notified, after the flag was checked (false).
    let stop = listing_02_06::Stop::default();
    let mut wait = pin!(stop.wait());
    let polled = poll_with_clone_hook(wait.as_mut(), || stop.stop());
    assert_eq!(polled, Poll::Ready(()));
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn stop_sets_the_flag_before_it_rings_so_a_woken_waiter_sees_it() {
    let stop = Arc::new(listing_02_06::Stop::default());
    let mut wait = pin!(stop.wait());
    let look = stop.clone();
    let (first, seen) =
        look_when_woken(wait.as_mut(), move || look.is_stopped());
    assert!(first.is_pending());
    stop.stop();
    assert_eq!(
        *seen.lock().unwrap(),
        [true],
        "woken before the flag was set"
    );
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn fixed_order_create_then_check_then_await_survives_a_stop_in_between() {
    // A replay: the steps of Listing 2-6's wait(), on its own Stop, with
    // stop() in each gap. The gap between create and check lies between two
    // plain calls, so no test can pause the real wait() there.
    for gap in 0..3 {
        let stop = listing_02_06::Stop::default();
        if gap == 0 {
            stop.stop();
        }
        let notified = stop.bell.notified(); // step 1: create
        if gap == 1 {
            stop.stop();
        }
        if stop.is_stopped() {
            continue; // step 2 saw the flag: wait() returns
        }
        if gap == 2 {
            stop.stop();
        }
        let mut notified = spawn(notified);
        assert_ready!(notified.poll(), "gap {gap}: the stop was missed");
    }
}

/// Fact: documented(notify-waiters-stores-nothing)
#[test]
fn twin_check_then_create_misses_a_stop_in_between() {
    // The steps of Listing 2-7's wait(), with stop() between them.
    let stop = listing_02_07::Stop::default();
    assert!(!stop.is_stopped()); // step 1: check
    stop.stop(); // flag set, notify_waiters() reaches no one
    let mut notified = spawn(stop.bell.notified()); // step 2: create, await
    assert_pending!(notified.poll());
    assert!(!notified.is_woken());
    assert!(stop.is_stopped(), "asleep, although the flag is set");
}

/// Fact: documented(notify-waiters-reaches-created)
#[test]
fn twin_check_then_create_works_when_stop_comes_later_which_hides_the_bug() {
    let stop = listing_02_07::Stop::default();
    let mut wait = spawn(stop.wait());
    assert_pending!(wait.poll());
    stop.stop();
    assert_ready!(wait.poll());
}

/// Fact: documented(notify-waiters-reaches-created)
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn workers_in_select_stop_and_report_their_work() {
    let stop = Arc::new(listing_02_06::Stop::default());
    let fast = tokio::spawn(listing_02_06::worker(
        stop.clone(),
        Duration::from_millis(100),
    ));
    let slow = tokio::spawn(listing_02_06::worker(
        stop.clone(),
        Duration::from_millis(170),
    ));
    tokio::time::sleep(Duration::from_millis(320)).await;
    stop.stop();
    let stopped =
        |worker| tokio::time::timeout(Duration::from_secs(10), worker);
    assert_eq!(stopped(fast).await.expect("still running").unwrap(), 3);
    assert_eq!(stopped(slow).await.expect("still running").unwrap(), 1);
}
