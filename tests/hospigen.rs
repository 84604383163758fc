//! The one integration-test binary: drives the real `hospigen` binary.

mod suite;
