//! Shared helpers for the workspace-level test suites.
