mod bad_profiles;
mod check;
mod cli;
mod determinism;
mod golden;
mod integrity;
mod loader;
mod shape;
pub mod util;
