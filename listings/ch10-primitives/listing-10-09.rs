// Listing 10-9: OnceCell. Compute a value once, on first use; tasks that ask
// meanwhile wait for that one computation instead of starting their own.
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::sync::OnceCell;
use tokio::time::sleep;

// ANCHOR: shown
pub static LOADS: AtomicU32 = AtomicU32::new(0);

/// Loading takes 50 ms; we count how often it runs.
pub async fn load() -> String {
    LOADS.fetch_add(1, Ordering::Relaxed);
    sleep(Duration::from_millis(50)).await;
    "settings".to_owned()
}

pub async fn settings(cell: &OnceCell<String>) -> &String {
    cell.get_or_init(load).await
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // ANCHOR: shown
    static CELL: OnceCell<String> = OnceCell::const_new();
    let tasks: Vec<_> = (0..3)
        .map(|id| tokio::spawn(async move { (id, settings(&CELL).await) }))
        .collect();
    for task in tasks {
        let (id, value) = task.await.unwrap();
        println!("task {id} got {value}");
    }
    println!("load() ran {} time(s)", LOADS.load(Ordering::Relaxed));
    // ANCHOR_END: shown
}
