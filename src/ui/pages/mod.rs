//! One file per page (chapter).

pub mod crash_test;
pub mod home;
pub mod not_found;
pub mod regression;
