//! Live formulas: MathML rendered from LaTeX at build time, drawn natively by the browser. Each is
//! inserted once; when a parameter moves, only its numbers (`<mn data-param>`) and the LaTeX
//! annotation are rewritten in place — the elements found once, a number touched only when its text
//! changes. MathML relayout costs a millisecond or two per formula, so while a slider is dragged (its
//! changes arrive every frame) the numbers follow at most every [`FOLLOW_MS`]; a single step, and the
//! first change of a drag, are written at once, and the last one within that time: the frames of the
//! drag stay short and the formula never lags behind the settled value.

use crate::formula::{shown_values, Formula};
use crate::ui::timing::now_ms;
use leptos::html::Div;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// The shortest time between two rewrites of a formula's numbers while its parameters stream.
pub const FOLLOW_MS: f64 = 500.0;
/// Changes closer together than this are a stream (a dragged slider); a change after a pause is
/// written at once.
const STREAM_MS: f64 = 40.0;

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

/// A formula's live numbers: its `<mn>` elements per parameter and the text they show.
struct Numbers {
    formula: Formula,
    node: NodeRef<Div>,
    /// (name, its <mn> elements, the text they show), found once after the insertion.
    found: Option<Vec<(&'static str, Vec<web_sys::Element>, String)>>,
    annotation: Option<web_sys::Element>,
    last_write: f64,
    last_change: f64,
    pending: bool,
}

impl Numbers {
    /// Writes `values` into the formula, touching only numbers whose text changed.
    fn write(&mut self, values: &[(&'static str, f64)]) {
        // The formula may be gone by the time a delayed write runs.
        let Some(Some(div)) = self.node.try_get_untracked() else { return };
        let found = self.found.get_or_insert_with(|| {
            shown_values(values)
                .into_iter()
                .map(|(name, _)| {
                    let list = div.query_selector_all(&format!("mn[data-param='{name}']")).ok();
                    let elements = list
                        .map(|list| (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| wasm_bindgen::JsCast::dyn_into(n).ok()).collect())
                        .unwrap_or_default();
                    (name, elements, String::new())
                })
                .collect()
        });
        let mut changed = false;
        for ((_, elements, last), (_, shown)) in found.iter_mut().zip(shown_values(values)) {
            if *last != shown {
                if elements.first().and_then(|e| e.text_content()).as_deref() != Some(shown.as_str()) {
                    for element in elements.iter() {
                        element.set_text_content(Some(&shown));
                    }
                    changed = true;
                }
                *last = shown;
            }
        }
        if changed {
            if self.annotation.is_none() {
                self.annotation = div.query_selector("annotation").ok().flatten();
            }
            if let Some(annotation) = &self.annotation {
                annotation.set_text_content(Some(&self.formula.latex_with(values)));
            }
            self.last_write = now_ms();
        }
    }
}

#[component]
fn LiveFormula(formula: Formula, values: Memo<Vec<(&'static str, f64)>>) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let initial = formula.mathml_with(&values.get_untracked());
    if formula.has_parameters() {
        let numbers = Rc::new(RefCell::new(Numbers { formula, node, found: None, annotation: None, last_write: f64::NEG_INFINITY, last_change: f64::NEG_INFINITY, pending: false }));
        Effect::new(move |_| {
            let current = values.get();
            let mut state = numbers.borrow_mut();
            let now = now_ms();
            let fresh = now - state.last_change > STREAM_MS;
            state.last_change = now;
            let wait = state.last_write + FOLLOW_MS - now;
            if fresh || wait <= 0.0 {
                state.write(&current);
            } else if !state.pending {
                state.pending = true;
                let numbers = numbers.clone();
                set_timeout(
                    move || {
                        let mut state = numbers.borrow_mut();
                        state.pending = false;
                        if let Some(latest) = values.try_get_untracked() {
                            state.write(&latest);
                        }
                    },
                    std::time::Duration::from_millis(wait.ceil() as u64),
                );
            }
        });
    }
    view! { <div class="formula" data-testid=format!("formula-{}", formula.key) node_ref=node inner_html=initial></div> }
}
