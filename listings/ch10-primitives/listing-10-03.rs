// Listing 10-3: mpsc. Hand each job to one worker, in order.
use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let (jobs, mut inbox) = mpsc::channel(16);
    let worker = tokio::spawn(async move {
        while let Some(job) = inbox.recv().await {
            println!("worker: job {job}");
        }
    });
    for job in ["resize", "encode", "upload"] {
        jobs.send(job).await.unwrap();
    }
    drop(jobs); // no more jobs: the worker's loop ends
    worker.await.unwrap();
    // ANCHOR_END: shown
}
