//! The schema's `type` structs and its auth principal. Stored as JSON when a model field holds one.
