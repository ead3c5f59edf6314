//! A formula: LaTeX rendered to MathML (the browser draws it natively).

use crate::formula::mathml;
use leptos::prelude::*;

#[component]
pub fn Formula(
    /// The LaTeX source; re-rendered when it changes.
    #[prop(into)]
    latex: Signal<String>,
    /// `data-testid` of the wrapper.
    testid: String,
) -> impl IntoView {
    view! { <div class="formula" data-testid=testid inner_html=move || mathml(&latex.get())></div> }
}
