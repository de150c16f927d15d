// Listing 1-1: waiting by polling. The task checks a flag every 10 ms.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::time::{Instant, sleep};

// ANCHOR: poll
async fn wait_by_polling(ready: &AtomicBool) -> u32 {
    let mut checks = 0;
    loop {
        checks += 1;
        if ready.load(Ordering::Acquire) {
            return checks;
        }
        sleep(Duration::from_millis(10)).await;
    }
}
// ANCHOR_END: poll

// Time is paused: sleeps complete instantly and in order, so the numbers
// below are the same on every run and every machine.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let ready = Arc::new(AtomicBool::new(false));
    let start = Instant::now();

    let setter = tokio::spawn({
        let ready = Arc::clone(&ready);
        async move {
            sleep(Duration::from_millis(995)).await;
            ready.store(true, Ordering::Release);
        }
    });

    let checks = wait_by_polling(&ready).await;
    let noticed = start.elapsed().as_millis();
    setter.await.unwrap();
    println!("the flag was set after 995 ms");
    println!("the poller noticed after {noticed} ms, on check number {checks}");
}
