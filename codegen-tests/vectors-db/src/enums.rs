//! The schema's enums, stored as their schema spelling.
