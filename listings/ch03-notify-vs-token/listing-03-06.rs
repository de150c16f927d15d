// Listing 3-6: dropping a token never cancels it; a DropGuard does.
use tokio_util::sync::CancellationToken;

fn main() {
    // ANCHOR: shown
    let token = CancellationToken::new();
    drop(token.clone()); // a clone is dropped
    println!("after dropping a clone: {}", token.is_cancelled());

    {
        let _guard = token.clone().drop_guard(); // cancel on scope exit
        // ... work that may return early or panic ...
    }
    println!("after the guard's scope: {}", token.is_cancelled());

    let other = CancellationToken::new();
    let guard = other.clone().drop_guard();
    let _kept = guard.disarm(); // finished normally: keep the token alive
    println!("after disarm():          {}", other.is_cancelled());
    // ANCHOR_END: shown
}
