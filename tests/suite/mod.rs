mod bad_profiles;
mod check;
mod cli;
mod determinism;
mod golden;
mod integrity;
mod shape;
pub mod util;
