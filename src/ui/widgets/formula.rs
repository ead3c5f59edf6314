//! Live formulas: MathML rendered from LaTeX at build time, drawn natively by the browser. Each is
//! inserted once; when a parameter moves, only its numbers (`<mn data-param>`) are rewritten in place
//! — the elements found once, a number touched only when its text changes. MathML relayout costs a
//! millisecond or two per formula, so while a slider is dragged (its changes arrive every frame) the
//! numbers follow at most every [`FOLLOW_MS`]; a single step, and the first change of a drag, are
//! written at once, and the last one within that time: the frames of the drag stay short and the
//! formula never lags behind the settled value.

use crate::formula::{shown_values, Formula};
use crate::ui::dom::{self, attr, live};
use crate::ui::figure::Read;
use crate::ui::timing::now_ms;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The shortest time between two rewrites of a formula's numbers while its parameters stream.
pub const FOLLOW_MS: f64 = 500.0;
/// Changes closer together than this are a stream (a dragged slider); a change after a pause is
/// written at once.
const STREAM_MS: f64 = 40.0;

/// The live numbers of the formulas shown: per formula, per parameter, its `<mn>` elements and the
/// text they show.
#[derive(Default)]
struct Numbers {
    found: Vec<(&'static str, Vec<Element>, String)>,
    last_write: f64,
    last_change: f64,
    pending: bool,
}

impl Numbers {
    /// Finds the parameter elements of the formulas in `root`.
    fn find(&mut self, root: &HtmlElement, values: &[(&'static str, f64)]) {
        self.found = shown_values(values)
            .into_iter()
            .map(|(name, shown)| {
                let list = root.query_selector_all(&format!("mn[data-param='{name}']")).ok();
                let elements = list.map(|l| (0..l.length()).filter_map(|i| l.item(i)).filter_map(|n| n.dyn_into().ok()).collect()).unwrap_or_default();
                (name, elements, shown)
            })
            .collect();
    }

    /// Writes `values`, touching only numbers whose text changed.
    fn write(&mut self, values: &[(&'static str, f64)]) {
        for ((_, elements, last), (_, shown)) in self.found.iter_mut().zip(shown_values(values)) {
            if *last != shown {
                for element in elements.iter() {
                    element.set_text_content(Some(&shown));
                }
                *last = shown;
            }
        }
        self.last_write = now_ms();
    }
}

/// The formulas of `list`, each with its parameters from `values`.
pub fn formula_list(list: Read<Vec<Formula>>, values: Read<Vec<(&'static str, f64)>>) -> HtmlElement {
    let root = dom::el("div", "formula-list");
    let numbers = Rc::new(RefCell::new(Numbers { last_write: f64::NEG_INFINITY, last_change: f64::NEG_INFINITY, ..Numbers::default() }));
    let shown: Rc<RefCell<Vec<&'static str>>> = Rc::default();
    // The formulas themselves: inserted again only when the list changes.
    {
        let (root, numbers, values) = (root.clone(), numbers.clone(), values.clone());
        live(Box::new(move || {
            let formulas = list();
            let keys: Vec<&'static str> = formulas.iter().map(|f| f.key).collect();
            if *shown.borrow() == keys {
                return;
            }
            let current = untrack(|| values());
            // Formulas still listed keep their element (and their layout); new ones are rendered.
            let mut kept: Vec<(String, Element)> = (0..root.child_element_count())
                .filter_map(|i| root.children().item(i))
                .map(|e| (e.get_attribute("data-testid").unwrap_or_default(), e))
                .collect();
            let elements: Vec<Element> = formulas
                .iter()
                .map(|formula| {
                    let testid = format!("formula-{}", formula.key);
                    match kept.iter().position(|(id, _)| *id == testid) {
                        Some(i) => kept.remove(i).1,
                        None => {
                            let div = dom::el("div", "formula");
                            attr(&div, "data-testid", &testid);
                            dom::set_html(&div, &formula.mathml_with(&current));
                            div.into()
                        }
                    }
                })
                .collect();
            dom::arrange(&root, &elements);
            numbers.borrow_mut().find(&root, &current);
            *shown.borrow_mut() = keys;
        }));
    }
    // Their numbers, throttled while a slider streams changes.
    let page = root.clone();
    live(Box::new(move || {
        let current = values();
        let mut state = numbers.borrow_mut();
        let now = now_ms();
        let fresh = now - state.last_change > STREAM_MS;
        state.last_change = now;
        let wait = state.last_write + FOLLOW_MS - now;
        if fresh || wait <= 0.0 {
            state.write(&current);
        } else if !state.pending {
            state.pending = true;
            let (numbers, values, page) = (numbers.clone(), values.clone(), page.clone());
            set_timeout(
                move || {
                    let mut state = numbers.borrow_mut();
                    state.pending = false;
                    // The figure may have left the page (its signals with it) meanwhile.
                    if page.is_connected() {
                        state.write(&untrack(|| values()));
                    }
                },
                std::time::Duration::from_millis(wait.ceil() as u64),
            );
        }
    }));
    root
}
