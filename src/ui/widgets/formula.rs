//! A formula: MathML rendered from LaTeX at build time (see `src/formula.rs`), drawn natively by the
//! browser. It is inserted once; when a parameter moves, only its numbers (`<mn data-param>`) and
//! the LaTeX annotation are rewritten in place, which costs far less than parsing new MathML.

use crate::formula::{latex, latex_filled, mathml, shown_values};
use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn Formula(
    /// Which formula: a key of `src/formula_tex.rs`.
    key: &'static str,
    /// The values of its parameters (names as in its LaTeX placeholders).
    #[prop(into)]
    values: Signal<Vec<(&'static str, f64)>>,
    /// `data-testid` of the wrapper.
    testid: String,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let initial = mathml(key, &values.get_untracked());
    let has_parameters = latex(key).is_some_and(|source| source.contains('@'));
    Effect::new(move |_| {
        let values = values.get();
        let Some(div) = node.get() else { return };
        if !has_parameters {
            return;
        }
        for (name, shown) in shown_values(&values) {
            let Ok(numbers) = div.query_selector_all(&format!("mn[data-param='{name}']")) else { continue };
            for i in 0..numbers.length() {
                if let Some(number) = numbers.item(i) {
                    if number.text_content().as_deref() != Some(shown.as_str()) {
                        number.set_text_content(Some(&shown));
                    }
                }
            }
        }
        if let Ok(Some(annotation)) = div.query_selector("annotation") {
            annotation.set_text_content(Some(&latex_filled(key, &values)));
        }
    });
    view! { <div class="formula" data-testid=testid node_ref=node inner_html=initial></div> }
}
