//! A formula: MathML (rendered from LaTeX at build time, see `src/formula.rs`), drawn natively by the browser.

use leptos::prelude::*;

#[component]
pub fn Formula(
    /// The MathML to show; replaced when it changes.
    #[prop(into)]
    mathml: Signal<String>,
    /// `data-testid` of the wrapper.
    testid: String,
) -> impl IntoView {
    view! { <div class="formula" data-testid=testid inner_html=move || mathml.get()></div> }
}
