// Listing 7-11: select! drops the waiting future while a branch's handler
// runs. A notify_one() then becomes a permit; a notify_waiters() is lost.
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

/// Waits on a bell in a `select!` loop; the first tick's handler calls
/// `ring` on that bell. Did the loop see the ring?
pub async fn rings_during_handler(ring: fn(&Notify)) -> &'static str {
    let bell = Notify::new();
    let mut handled_tick = false;
    // ANCHOR: shown
    loop {
        tokio::select! {
            _ = bell.notified() => return "saw the ring",
            _ = sleep(Duration::from_millis(10)), if !handled_tick => {
                handled_tick = true;
                ring(&bell); // someone rings while we are in here
            }
            _ = sleep(Duration::from_secs(1)) => return "missed it",
        }
    }
    // ANCHOR_END: shown
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let one = rings_during_handler(Notify::notify_one).await;
    println!("notify_one() during the handler:     {one}");
    let all = rings_during_handler(Notify::notify_waiters).await;
    println!("notify_waiters() during the handler: {all}");
}
