//! The Leptos components (browser only). Components hold no maths: they read parameters from
//! `crate::state`, ask `crate::figures` for what to show and `crate::plot` to draw it.

pub mod app;
pub mod i18n;
pub mod pages;
pub mod panic;
pub mod shell;
pub mod url;
pub mod widgets;

/// Starts the app: installs the crash message, then mounts the page.
pub fn start() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
