//! Live formulas: MathML rendered from LaTeX at build time, drawn natively by the browser. Each is
//! inserted once; when a parameter moves, only its numbers (`<mn data-param>`) are rewritten in place
//! — the elements found once, a number touched only when its text changes. MathML relayout costs a
//! millisecond or two per formula, so while a slider is dragged the numbers follow the stream
//! (`crate::ui::follow`): at most every 500 ms, the settled value always.

use crate::formula::{shown_values, Formula};
use crate::ui::dom::{self, attr, live};
use crate::ui::figure::Read;
use crate::ui::follow::at_once;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The live numbers of the formulas shown: per formula, per parameter, its `<mn>` elements and the
/// text they show.
#[derive(Default)]
struct Numbers {
    found: Vec<(&'static str, Vec<Element>, String)>,
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
    }
}

/// The formulas of `list`, each with its parameters from `values`.
pub fn formula_list(list: Read<Vec<Formula>>, values: Read<Vec<(&'static str, f64)>>) -> HtmlElement {
    let root = dom::el("div", "formula-list");
    let numbers: Rc<RefCell<Numbers>> = Rc::default();
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
    // Their numbers, following a slider's stream of changes.
    live(Box::new(move || {
        let current = values();
        if at_once() {
            numbers.borrow_mut().write(&current);
        }
    }));
    root
}
