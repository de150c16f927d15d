// Listing 8-9: a child token per connection. One connection can be dropped
// on its own; shutting the server down reaches them all.
use std::collections::BTreeMap;

use tokio_util::sync::CancellationToken;

// ANCHOR: shown
pub struct Server {
    shutdown: CancellationToken,
    connections: BTreeMap<u32, CancellationToken>,
}

impl Server {
    pub fn accept(&mut self, id: u32) -> CancellationToken {
        let token = self.shutdown.child_token();
        self.connections.insert(id, token.clone());
        token // handed to the connection's task
    }

    /// Sheds one connection, say under load; the others keep going.
    pub fn cancel_connection(&mut self, id: u32) {
        if let Some(token) = self.connections.remove(&id) {
            token.cancel();
        }
    }
}
// ANCHOR_END: shown

fn main() {
    let mut server = Server {
        shutdown: CancellationToken::new(),
        connections: BTreeMap::new(),
    };
    let tokens: Vec<_> = (1..=3).map(|id| server.accept(id)).collect();
    server.cancel_connection(2);
    let states: Vec<bool> = tokens.iter().map(|t| t.is_cancelled()).collect();
    println!("after shedding connection 2: {states:?}");
    server.shutdown.cancel();
    let states: Vec<bool> = tokens.iter().map(|t| t.is_cancelled()).collect();
    println!("after shutdown:              {states:?}");
}
