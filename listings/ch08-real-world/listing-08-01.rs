// Listing 8-1: a background flusher. Producers ring when the buffer is nearly
// full; otherwise the flusher wakes on its interval. Rings while it is busy
// collapse into one permit.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::{Instant, interval};

const NEARLY_FULL: usize = 3;

// ANCHOR: shown
#[derive(Default)]
pub struct Buffer {
    events: Mutex<Vec<u32>>,
    should_flush: Notify,
}

impl Buffer {
    pub fn record(&self, event: u32) {
        let len = {
            let mut events = self.events.lock().unwrap();
            events.push(event);
            events.len()
        };
        if len >= NEARLY_FULL {
            self.should_flush.notify_one(); // "flush early, please"
        }
    }
}

pub async fn flusher(buffer: Arc<Buffer>, rounds: u32, start: Instant) {
    let mut tick = interval(Duration::from_secs(1));
    for _ in 0..rounds {
        let why = tokio::select! {
            _ = tick.tick() => "interval",
            _ = buffer.should_flush.notified() => "nearly full",
        };
        let events = std::mem::take(&mut *buffer.events.lock().unwrap());
        let at = start.elapsed().as_millis();
        println!("{at:>4} ms flush ({why}): {events:?}");
    }
}
// ANCHOR_END: shown

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let buffer = Arc::new(Buffer::default());
    let task = tokio::spawn(flusher(buffer.clone(), 3, start));
    tokio::time::sleep(Duration::from_millis(100)).await;
    for event in 1..=6 {
        buffer.record(event); // the 3rd rings; the 4th to 6th collapse
    }
    task.await.unwrap();
}
