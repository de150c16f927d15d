//! Code that chapters 4 and 5 show but the root's `cargo test` does not
//! build, because its dependencies are large: chapter 5's axum and tonic
//! wiring, and chapter 4's loom model. CI compiles it with `cargo clippy
//! --workspace` and runs the loom model with `cargo test -p integrations`.

pub mod axum_shutdown;
pub mod loom_model;
pub mod tonic_shutdown;
