//! Chapter 5, "Where the same wiring meets axum and tonic": the one call each
//! framework makes, with the token future it needs. The chapter includes
//! these files; CI compiles them with `cargo build -p integrations`.

pub mod axum_shutdown;
pub mod tonic_shutdown;
