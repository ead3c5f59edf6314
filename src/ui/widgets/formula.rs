//! Live formulas: MathML rendered from LaTeX at build time, drawn natively by the browser. Each is
//! inserted once; when a parameter moves, only its numbers (`<mn data-param>`) and the LaTeX
//! annotation are rewritten in place — the elements found once, a number touched only when its text
//! changes — which costs far less than parsing new MathML.

use crate::formula::{shown_values, Formula};
use leptos::html::Div;
use leptos::prelude::*;

/// The formulas of `list`, each with its parameters from `values`.
#[component]
pub fn FormulaList(
    /// Which formulas, in order.
    list: Memo<Vec<Formula>>,
    /// The values of their parameters (names as in their LaTeX placeholders).
    values: Memo<Vec<(&'static str, f64)>>,
) -> impl IntoView {
    view! {
        <For each=move || list.get() key=|formula| formula.key let:formula>
            <LiveFormula formula=formula values=values/>
        </For>
    }
}

#[component]
fn LiveFormula(formula: Formula, values: Memo<Vec<(&'static str, f64)>>) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let initial_values = values.get_untracked();
    let initial = formula.mathml_with(&initial_values);
    if formula.has_parameters() {
        // (name, its <mn> elements, the text they show), found once after the insertion.
        let mut numbers: Option<Vec<(&'static str, Vec<web_sys::Element>, String)>> = None;
        let mut annotation: Option<web_sys::Element> = None;
        Effect::new(move |_| {
            let values = values.get();
            let Some(div) = node.get() else { return };
            let numbers = numbers.get_or_insert_with(|| {
                shown_values(&initial_values)
                    .into_iter()
                    .map(|(name, shown)| {
                        let found = div.query_selector_all(&format!("mn[data-param='{name}']")).ok();
                        let elements = found
                            .map(|list| (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| wasm_bindgen::JsCast::dyn_into(n).ok()).collect())
                            .unwrap_or_default();
                        (name, elements, shown)
                    })
                    .collect()
            });
            let mut changed = false;
            for ((_, elements, last), (_, shown)) in numbers.iter_mut().zip(shown_values(&values)) {
                if *last != shown {
                    for element in elements.iter() {
                        element.set_text_content(Some(&shown));
                    }
                    *last = shown;
                    changed = true;
                }
            }
            if changed {
                if annotation.is_none() {
                    annotation = div.query_selector("annotation").ok().flatten();
                }
                if let Some(annotation) = &annotation {
                    annotation.set_text_content(Some(&formula.latex_with(&values)));
                }
            }
        });
    }
    view! { <div class="formula" data-testid=format!("formula-{}", formula.key) node_ref=node inner_html=initial></div> }
}
