//! Tools for replaying races on one thread.

use std::cell::Cell;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::time::{Duration, Instant};

// ANCHOR: clone_hook
/// Polls `future` once with a waker that runs `hook` the first time it is
/// cloned, then does nothing.
///
/// Internal: on its first poll, a `Notified` that is neither enabled nor
/// holding a permit clones the task's waker *before* it takes the lock and
/// joins the queue of waiters (tokio 1.54.1, `NotifiedProject::poll_notified`:
/// "Clone the waker before locking"). tokio does not promise it. The hook
/// therefore runs at the instant a second thread could strike: after the
/// task looked at the state, before it is registered.
///
/// `hook` must not touch a `Notify` whose lock may be held at that moment;
/// `run_with_deadline` turns a resulting deadlock into a test failure.
pub fn poll_with_clone_hook<F: Future + ?Sized>(
    future: Pin<&mut F>,
    hook: impl FnOnce(),
) -> Poll<F::Output> {
    let hook: Cell<Option<Box<dyn FnOnce() + '_>>> =
        Cell::new(Some(Box::new(hook)));
    let data =
        &hook as *const Cell<Option<Box<dyn FnOnce() + '_>>> as *const ();
    // SAFETY: the waker and its clones never outlive this call's use of the
    // hook: clones carry a null pointer and do nothing, and only the original
    // (dropped before `hook`) reads `data`.
    let waker = unsafe { Waker::from_raw(RawWaker::new(data, &HOOK_VTABLE)) };
    let mut context = Context::from_waker(&waker);
    future.poll(&mut context)
}

static HOOK_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone_runs_hook, noop, noop, noop);
static NOOP_VTABLE: RawWakerVTable =
    RawWakerVTable::new(clone_noop, noop, noop, noop);

unsafe fn clone_runs_hook(data: *const ()) -> RawWaker {
    // SAFETY: `data` points at the hook cell in `poll_with_clone_hook`'s frame,
    // alive while the original waker is in use.
    let hook = unsafe { &*(data as *const Cell<Option<Box<dyn FnOnce()>>>) };
    if let Some(hook) = hook.take() {
        hook();
    }
    RawWaker::new(std::ptr::null(), &NOOP_VTABLE)
}

unsafe fn clone_noop(_: *const ()) -> RawWaker {
    RawWaker::new(std::ptr::null(), &NOOP_VTABLE)
}

unsafe fn noop(_: *const ()) {}
// ANCHOR_END: clone_hook

/// Runs `test` on its own thread and fails if it has not finished after
/// `seconds`: a replay that deadlocks or hangs fails instead of stalling the
/// suite. Passing never depends on timing, only failing late does.
pub fn run_with_deadline(
    seconds: u64,
    what: &str,
    test: impl FnOnce() + Send + 'static,
) {
    let (done_tx, done) = mpsc::channel();
    let runner = std::thread::spawn(move || {
        test();
        let _ = done_tx.send(());
    });
    match done.recv_timeout(Duration::from_secs(seconds)) {
        Ok(()) => runner.join().unwrap(),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The test panicked: report its own message.
            std::panic::resume_unwind(runner.join().unwrap_err())
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!(
                "{what}: did not finish within {seconds} s (deadlock or lost wake-up)"
            )
        }
    }
}

/// A waker that runs a hook every time it is woken, and counts the wakes.
///
/// `notify_one`, `notify_last` and `notify_waiters` wake a waiter's waker
/// after they have let go of the `Notify`'s lock (tokio 1.54, `notify.rs`),
/// so the hook may look at anything, including the `Notify`. It runs at the
/// first instant a woken task on another thread could: what the hook sees is
/// what that task would see.
pub struct WakeHook {
    hook: Box<dyn Fn() + Send + Sync>,
    wakes: std::sync::atomic::AtomicUsize,
}

impl WakeHook {
    pub fn new(hook: impl Fn() + Send + Sync + 'static) -> Arc<WakeHook> {
        Arc::new(WakeHook {
            hook: Box::new(hook),
            wakes: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// How often it has been woken.
    pub fn wakes(&self) -> usize {
        self.wakes.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Polls `future` once with this waker.
    pub fn poll<F: Future + ?Sized>(
        self: &Arc<Self>,
        future: Pin<&mut F>,
    ) -> Poll<F::Output> {
        let waker = Waker::from(self.clone());
        future.poll(&mut Context::from_waker(&waker))
    }
}

impl std::task::Wake for WakeHook {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        (self.hook)();
    }
}

/// Polls `future` once with a waker that does nothing.
pub fn poll_noop<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// How long `meanwhile` waits, at most, for a step that keeps running.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// Where a thread's state cannot be read: how long `meanwhile` waits.
pub const BLIND_PATIENCE: Duration = Duration::from_millis(400);

/// Runs `step` on another thread and waits until it has finished, or until
/// it is stuck.
///
/// Called from a hook inside a poll, it runs `step` "in the gap" where the
/// hook stands. If the step needs a lock that this poll holds (a second
/// `Notify` call while tokio holds the `Notify`'s lock), it cannot run in
/// the gap: its thread falls asleep on the lock, the wait ends, and the step
/// goes on as soon as the poll lets go of the lock, which is what a real
/// thread would do. Either way the caller joins the returned handle before
/// it asserts, so a passing test never depends on timing.
///
/// "Asleep" is read from Linux's `/proc` (the thread's state `S` on several
/// looks in a row, and not because it waits for a `meanwhile` of its own).
/// A step still running after `PATIENCE` is left to run; where there is no
/// `/proc`, the wait ends after `BLIND_PATIENCE`. (A step that is slow for no reason only makes the gap
/// look closed: it can hide a bug, never invent one.)
pub fn meanwhile<T: Send + 'static>(
    step: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    // From here on this thread waits for its step (spawning it included),
    // which a `meanwhile` waiting for this thread must not take for a lock.
    let mark = WAITING.with(|w| w.borrow().clone());
    if let Some(mark) = &mark {
        mark.store(true, Ordering::SeqCst);
    }
    let (done_tx, done) = mpsc::channel();
    let (started_tx, started) = mpsc::channel();
    let nested = Arc::new(AtomicBool::new(false));
    let flag = nested.clone();
    let handle = std::thread::spawn(move || {
        WAITING.with(|w| *w.borrow_mut() = Some(flag));
        let _ = started_tx.send(std::fs::read_link("/proc/thread-self").ok());
        let result = step();
        let _ = done_tx.send(());
        result
    });
    let stat = started
        .recv()
        .ok()
        .flatten()
        .map(|task| Path::new("/proc").join(task).join("stat"));
    let give_up = Instant::now()
        + if stat.is_some() {
            PATIENCE
        } else {
            BLIND_PATIENCE
        };
    let mut asleep = 0;
    while Instant::now() < give_up && asleep < 3 {
        match done.recv_timeout(Duration::from_millis(1)) {
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            _ => break, // finished, or panicked
        }
        let sleeping = stat.as_ref().is_some_and(|stat| {
            sleeping(stat) && !nested.load(Ordering::SeqCst)
        });
        asleep = if sleeping { asleep + 1 } else { 0 };
    }
    if let Some(mark) = &mark {
        mark.store(false, Ordering::SeqCst);
    }
    handle
}

thread_local! {
    /// On a `meanwhile` thread: set while it waits for a `meanwhile` of its
    /// own, so that the thread waiting for it does not take that wait for a
    /// step stuck on a lock.
    static WAITING: std::cell::RefCell<Option<Arc<AtomicBool>>> =
        const { std::cell::RefCell::new(None) };
}

/// Whether the thread whose `/proc/.../stat` this is sleeps (state `S`).
fn sleeping(stat: &Path) -> bool {
    std::fs::read_to_string(stat).is_ok_and(|text| {
        text.rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('S'))
    })
}
