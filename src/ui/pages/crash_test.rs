//! `#/debug/panic`: panics on purpose, so the crash message can be seen and tested in the real build.

use leptos::prelude::*;

#[component]
pub fn CrashTest() -> impl IntoView {
    // Panic after mounting, as a bug in an event handler or effect would.
    Effect::new(move |_| {
        panic!("deliberate panic from #/debug/panic (tests the crash message)");
    });
}
