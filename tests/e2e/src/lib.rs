//! See tests/window.rs: this crate only holds end-to-end tests.
