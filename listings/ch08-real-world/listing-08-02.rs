// Listing 8-2: a render loop takes any leftover redraw request with enable()
// just before it draws, so only requests made during the frame cause another.
use std::pin::pin;

use tokio::sync::Notify;

// ANCHOR: shown
static REDRAW: Notify = Notify::const_new();

pub fn request_redraw() {
    REDRAW.notify_one();
}

/// Takes a stored request, if there is one: what `start_frame` does before
/// every frame, since the frame about to be drawn covers it.
pub fn take_redraw_request() -> bool {
    let mut probe = pin!(REDRAW.notified());
    probe.as_mut().enable()
}
// ANCHOR_END: shown

fn main() {
    request_redraw();
    request_redraw();
    let start_frame = take_redraw_request();
    println!("start_frame took a request: {start_frame}");
    println!("another request left: {}", take_redraw_request());
    request_redraw(); // a request while the frame is drawn
    println!(
        "a request during the frame, left: {}",
        take_redraw_request()
    );
}
