// Listing 8-4: a render loop swallows a leftover redraw request with
// enable() just before it draws, so requests made during the frame (and only
// those) cause another frame.
use std::pin::pin;

use tokio::sync::Notify;

// ANCHOR: shown
static REDRAW: Notify = Notify::const_new();

pub fn request_redraw() {
    REDRAW.notify_one();
}

/// Called right before drawing: whatever was requested so far is about to
/// be drawn, so a stored request is now stale. Take it.
pub fn start_frame() {
    let mut leftover = pin!(REDRAW.notified());
    leftover.as_mut().enable(); // takes a stored permit, if there is one
}

/// Takes a stored request, if there is one (like any enable() on a fresh
/// future, this consumes the permit).
pub fn take_redraw_request() -> bool {
    let mut probe = pin!(REDRAW.notified());
    probe.as_mut().enable()
}
// ANCHOR_END: shown

fn main() {
    request_redraw();
    request_redraw(); // two requests before the frame: one permit
    start_frame();
    println!(
        "after start_frame: a request left = {}",
        take_redraw_request()
    );
    request_redraw(); // a request while drawing
    println!(
        "a request during the frame: left = {}",
        take_redraw_request()
    );
}
