// Listing 4-4: the waker-clone hook. It runs your code inside a future's
// poll, at the moment the future clones the waker. On a first poll of a
// `Notified`, that moment lies between the look and the registration: the
// gap where a lost wake-up hides.
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use tokio::sync::Notify;

// ANCHOR: helper
type Hook<'a> = Mutex<Option<Box<dyn FnOnce() + Send + 'a>>>;

/// Polls `future` once; the first time it clones the waker, runs `hook`.
pub fn poll_with_clone_hook<F: Future + ?Sized>(
    future: Pin<&mut F>,
    hook: impl FnOnce() + Send,
) -> Poll<F::Output> {
    let hook: Hook<'_> = Mutex::new(Some(Box::new(hook)));
    let data = &hook as *const Hook<'_> as *const ();
    // SAFETY: only this waker reads `data`, and it is dropped before `hook`
    // is; its clones are no-op wakers that carry no data.
    let waker = unsafe { Waker::from_raw(RawWaker::new(data, &HOOK)) };
    future.poll(&mut Context::from_waker(&waker))
}

static HOOK: RawWakerVTable =
    RawWakerVTable::new(clone_runs_hook, noop, noop, noop);

unsafe fn clone_runs_hook(data: *const ()) -> RawWaker {
    // SAFETY: `data` points to the `hook` of the running call above.
    let hook = unsafe { &*(data as *const Hook<'_>) };
    let taken = hook.lock().unwrap().take(); // unlocked again before it runs
    if let Some(hook) = taken {
        hook();
    }
    RawWaker::new(Waker::noop().data(), Waker::noop().vtable())
}

unsafe fn noop(_: *const ()) {}
// ANCHOR_END: helper

// ANCHOR: helper
/// The helper's own test: fails if tokio stops cloning the waker between
/// the look (for a permit) and the registration.
pub fn hook_runs_between_look_and_registration() {
    let notify = Notify::new();
    let mut notified = pin!(notify.notified());
    let ran = AtomicBool::new(false);
    let first_poll = poll_with_clone_hook(notified.as_mut(), || {
        ran.store(true, Ordering::SeqCst);
        notify.notify_one(); // nobody registered yet: stores a permit
    });
    assert!(ran.load(Ordering::SeqCst), "the hook never ran: no clone");
    // Under its lock, the poll finds the permit the hook left: Ready.
    assert_eq!(first_poll, Poll::Ready(()), "the hook ran too late");
}
// ANCHOR_END: helper

fn main() {
    hook_runs_between_look_and_registration();
    println!("test hook_runs_between_look_and_registration ... ok");
}
