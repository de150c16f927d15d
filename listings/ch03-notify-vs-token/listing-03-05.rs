// Listing 3-5: a tree of tokens. Cancellation flows down, never up.
use tokio_util::sync::CancellationToken;

fn main() {
    // ANCHOR: shown
    let server = CancellationToken::new();
    let connection = server.child_token();
    let request = connection.child_token();
    let same_request = request.clone(); // a clone IS the same token

    request.cancel(); // one request gives up
    println!("request:    {}", same_request.is_cancelled());
    println!("connection: {}", connection.is_cancelled());
    println!("server:     {}", server.is_cancelled());

    server.cancel(); // shutdown: the whole tree
    println!(
        "connection after server.cancel(): {}",
        connection.is_cancelled()
    );
    let late_child = server.child_token();
    println!(
        "a child made afterwards:          {}",
        late_child.is_cancelled()
    );
    // ANCHOR_END: shown
}
