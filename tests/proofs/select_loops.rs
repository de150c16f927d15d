//! `Notified` inside `tokio::select!` loops.

use std::pin::pin;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::sleep;

/// Runs Listing 7-9's loop (`rearm: true`) or Listing 7-10's (`false`) and
/// counts the turns that handled a ring, for one ring.
async fn turns_for_one_ring(rearm: bool) -> u32 {
    let bell = Notify::new();
    bell.notify_one();
    let mut rung = pin!(bell.notified());
    let mut turns = 0;
    for _ in 0..1_000 {
        tokio::select! {
            _ = rung.as_mut() => {
                turns += 1;
                if rearm {
                    rung.set(bell.notified());
                }
            }
            _ = sleep(Duration::from_secs(1)) => break,
        }
    }
    turns
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_completed_pinned_notified_fires_on_every_turn_of_a_select_loop() {
    assert_eq!(turns_for_one_ring(false).await, 1_000);
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn set_rearms_a_pinned_notified_so_one_ring_is_handled_once() {
    assert_eq!(turns_for_one_ring(true).await, 1);
}

/// Listing 7-11's loop: `ring` is called inside a branch handler, while the
/// `notified()` future of the other branch has been dropped.
async fn ring_during_handler(ring: fn(&Notify)) -> bool {
    let bell = Notify::new();
    let mut handled = false;
    loop {
        tokio::select! {
            _ = bell.notified() => return true,
            _ = sleep(Duration::from_millis(10)), if !handled => {
                handled = true;
                ring(&bell);
            }
            _ = sleep(Duration::from_secs(1)) => return false,
        }
    }
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn notify_one_while_select_runs_a_handler_becomes_a_permit() {
    assert!(ring_during_handler(Notify::notify_one).await);
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn notify_waiters_while_select_runs_a_handler_is_lost() {
    assert!(!ring_during_handler(Notify::notify_waiters).await);
}
