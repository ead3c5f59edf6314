//! The pages that are not chapters: the start page, "not found", and the crash test.

pub mod crash_test;
pub mod home;
pub mod not_found;
