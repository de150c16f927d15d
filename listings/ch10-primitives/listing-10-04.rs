// Listing 10-4: oneshot. One reply to one request.
use tokio::sync::oneshot;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: shown
    let (reply, answer) = oneshot::channel();
    tokio::spawn(async move {
        let sum: u32 = (1..=10).sum();
        let _ = reply.send(sum);
    });
    println!("the answer: {}", answer.await.unwrap());
    // ANCHOR_END: shown
}
