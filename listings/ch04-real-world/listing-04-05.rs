// Listing 4-5: a render loop swallows a leftover redraw request with
// enable() just before it draws, so requests made during the frame (and only
// those) cause another frame.
use std::pin::pin;

use tokio::sync::Notify;

static REDRAW: Notify = Notify::const_new();

// ANCHOR: shown
pub fn request_redraw() {
    REDRAW.notify_one();
}

/// Called right before drawing: whatever was requested so far is about to
/// be drawn, so a stored request is now stale. Take it.
pub fn start_frame() {
    let mut leftover = pin!(REDRAW.notified());
    leftover.as_mut().enable(); // takes a stored permit, if there is one
}

pub fn redraw_pending() -> bool {
    let mut probe = pin!(REDRAW.notified());
    probe.as_mut().enable() // true only if a request is stored
}
// ANCHOR_END: shown

fn main() {
    request_redraw();
    request_redraw(); // two requests before the frame: one permit
    start_frame();
    println!("after start_frame: pending = {}", redraw_pending());
    request_redraw(); // a request while drawing
    println!("a request during the frame: pending = {}", redraw_pending());
}
