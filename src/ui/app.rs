//! The root component: language context, the shell, and the page named by the URL hash.

use super::i18n::provide_language;
use super::pages::{crash_test::CrashTest, home::Home, not_found::NotFound, regression::RegressionPage};
use super::shell::{Footer, Header};
use super::url::hash_signal;
use crate::state::Route;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    provide_language();
    let hash = hash_signal();
    provide_context(CurrentHash(hash));
    // Re-create the page only when the path changes; a page follows its own query itself.
    let path = Memo::new(move |_| Route::path_of(&hash.get()));
    let page = move || {
        let _ = path.get();
        match Route::parse(&hash.get_untracked()) {
            Route::Home => view! { <Home/> }.into_any(),
            Route::Regression(params, lab) => view! { <RegressionPage initial=params initial_lab=lab/> }.into_any(),
            Route::CrashTest => view! { <CrashTest/> }.into_any(),
            Route::NotFound(path) => view! { <NotFound path=path/> }.into_any(),
        }
    };
    view! {
        <Header path=path/>
        <main id="main">{page}</main>
        <Footer/>
    }
}

/// The location hash, for pages that follow their query string.
#[derive(Clone, Copy)]
pub struct CurrentHash(pub RwSignal<String>);
