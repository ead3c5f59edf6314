//! Renders a figure's plain sections into DOM (`crate::ui::dom`): headings in the page language, the
//! controls column, the main column, and each part with its widget. Written once for every figure.

use super::runtime::Runtime;
use super::{ButtonPart, Part, SectionPart};
use crate::figure::layout::Style;
use crate::i18n::texts::site;
use crate::i18n::Text;
use crate::ui::dom::{self, attr, child, event_checked, event_value, live, live_attr, live_prop, live_shown, live_text, on, Live};
use crate::ui::follow::at_once;
use crate::ui::text::{numbered, t};
use crate::ui::widgets::{formula::formula_list, slider, table::readout_table};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{HtmlElement, Node};

/// A text of the locale files in the page language, live.
fn tr(key: Text) -> Live<String> {
    Box::new(move || t(key).to_string())
}

/// Appends a heading of `level` (2–6) with a text.
fn heading(parent: &Node, level: u8, text: Text) {
    let tag = match level {
        0..=2 => "h2",
        3 => "h3",
        4 => "h4",
        _ => "h5",
    };
    live_text(&child(parent, tag, ""), tr(text));
}

/// All of a figure's sections, in one block the page can scroll to (`id="figure-{key}"`).
pub fn figure(key: &'static str, sections: Vec<SectionPart>, runtime: Runtime, level: u8) -> AnyView {
    let block = dom::el("div", "figure-block");
    attr(&block, "id", &format!("figure-{key}"));
    attr(&block, "data-figure", key);
    for section in sections {
        dom::add(&block, &render_section(section, &runtime, level));
    }
    dom::into_view(block)
}

fn render_section(section: SectionPart, runtime: &Runtime, level: u8) -> HtmlElement {
    let single = section.controls.is_empty();
    let element = dom::el("section", &format!("figure {}{}", section.class, if single { " single" } else { "" }));
    if let Some(testid) = section.testid {
        attr(&element, "data-testid", testid);
    }
    if let Some(title) = section.title {
        heading(&element, level, title);
    }
    if !single {
        let controls = child(&element, "div", "controls");
        for part in section.controls {
            render_part(&controls, part, runtime, level);
        }
    }
    let main = child(&element, "div", "plot-and-readout");
    for part in section.main {
        render_part(&main, part, runtime, level);
    }
    element
}

/// A swatch of a series, before a label.
fn swatch(parent: &Node, series: crate::plot::Series) {
    dom::set_html(&child(parent, "span", "swatch"), &series.swatch_svg());
}

/// A checkbox with its label, bound to `checked` and reporting to `set`.
fn checkbox(parent: &Node, testid: &str, checked: Live<bool>, set: Box<dyn Fn(bool)>, series: Option<crate::plot::Series>, label: Live<String>) {
    let wrapper = child(parent, "label", "toggle");
    let input = child(&wrapper, "input", "");
    attr(&input, "type", "checkbox");
    attr(&input, "data-testid", testid);
    live_prop(&input, "checked", Box::new(move || JsValue::from_bool(checked())));
    on(&input, "change", Box::new(move |event| set(event_checked(&event))));
    if let Some(series) = series {
        swatch(&wrapper, series);
    }
    live_text(&wrapper, label);
}

/// A button with a live label.
fn button(parent: &Node, testid: &str, label: Live<String>, press: Box<dyn Fn()>) -> HtmlElement {
    let element = child(parent, "button", "");
    attr(&element, "type", "button");
    attr(&element, "data-testid", testid);
    live_text(&element, label);
    on(&element, "click", Box::new(move |_| press()));
    element
}

fn render_part(parent: &Node, part: Part, runtime: &Runtime, level: u8) {
    match part {
        Part::Paragraph { text, style, testid } => {
            let (class, role) = match style {
                Style::Plain => ("", None),
                Style::Hint => ("hint", None),
                Style::Muted => ("muted", None),
                Style::Status => ("figure-message", Some("status")),
            };
            let p = child(parent, "p", class);
            if let Some(role) = role {
                attr(&p, "role", role);
            }
            if let Some(testid) = testid {
                attr(&p, "data-testid", testid);
            }
            // One text node, its data rewritten: replacing the node (`textContent`) would take it
            // out of the layout and put a new one in at every change. A new sentence relays out
            // the page (its length may change the paragraph's height), so it follows a slider's
            // stream of changes as the formulas do.
            let node = dom::document().create_text_node("");
            dom::add(&p, &node);
            live(Box::new(move || {
                let now = text();
                if !at_once() {
                    return;
                }
                let _ = p.toggle_attribute_with_force("hidden", now.is_none());
                let now = now.unwrap_or_default();
                if node.data() != now {
                    node.set_data(&now);
                }
            }));
        }
        Part::List { title, items } => {
            heading(parent, level + 1, title);
            let list = child(parent, "ul", "try");
            for item in items {
                live_text(&child(&list, "li", ""), tr(item));
            }
        }
        Part::Slider { testid, label, scale, value, set, visible } => {
            let element = slider::slider(slider::label(label, None), scale, value, set, testid);
            live_shown(&element, Box::new(move || visible()));
            dom::add(parent, &element);
        }
        Part::Sliders { testid, label, scale, count, value, set } => {
            let list = child(parent, "div", "slider-list");
            // Rebuilt only when the count changes: what a run creates (the sliders' bindings and
            // listeners) lives until the next run.
            let count = Memo::new(move |_| count());
            live(Box::new(move || {
                let n = count.get();
                list.set_inner_html("");
                for i in 0..n {
                    let (value, set) = (value.clone(), set.clone());
                    let element = slider::slider(
                        slider::label(label, Some(i + 1)),
                        scale,
                        std::sync::Arc::new(move || value(i)),
                        std::sync::Arc::new(move |v| set((i, v))),
                        &format!("{testid}-{i}"),
                    );
                    dom::add(&list, &element);
                }
            }));
        }
        Part::Toggles { legend, options, checked, set } => {
            let fieldset = child(parent, "fieldset", "toggles");
            live_text(&child(&fieldset, "legend", ""), tr(legend));
            for (i, option) in options.into_iter().enumerate() {
                let (checked, set) = (checked.clone(), set.clone());
                checkbox(&fieldset, option.testid, Box::new(move || checked(i)), Box::new(move |on| set((i, on))), option.series, tr(option.label));
            }
        }
        Part::Checks { testid, legend, label, count, checked, set } => {
            let fieldset = child(parent, "fieldset", "toggles checks");
            live_text(&child(&fieldset, "legend", ""), tr(legend));
            let boxes = child(&fieldset, "div", "check-list");
            let count = Memo::new(move |_| count());
            live(Box::new(move || {
                let n = count.get();
                boxes.set_inner_html("");
                for i in 0..n {
                    let (checked, set) = (checked.clone(), set.clone());
                    checkbox(
                        &boxes,
                        &format!("{testid}-{i}"),
                        Box::new(move || checked(i)),
                        Box::new(move |on| set((i, on))),
                        None,
                        Box::new(move || numbered(label, i + 1)),
                    );
                }
            }));
        }
        Part::Choice { testid, label, options, chosen, set } => {
            let wrapper = child(parent, "div", "param choice");
            let id = format!("{testid}-choice");
            let caption = child(&wrapper, "label", "");
            attr(&caption, "for", &id);
            live_text(&caption, tr(label));
            let select = child(&wrapper, "select", "");
            attr(&select, "id", &id);
            attr(&select, "data-testid", testid);
            let field = select.clone();
            // What the select shows: its options and choice are written only when they change (the
            // effect also runs at every step of the figure's other controls).
            let shown: std::cell::RefCell<(Vec<String>, usize)> = std::cell::RefCell::new((Vec::new(), usize::MAX));
            live(Box::new(move || {
                // Options in the page language; rebuilt when they or the language change.
                let list: Vec<String> = options().into_iter().map(|(text, n)| numbered(text, n)).collect();
                let chosen = chosen();
                let mut shown = shown.borrow_mut();
                if shown.0 != list {
                    field.set_inner_html("");
                    for (i, text) in list.iter().enumerate() {
                        let option = child(&field, "option", "");
                        attr(&option, "value", &i.to_string());
                        dom::text(&option, text);
                    }
                    *shown = (list, usize::MAX);
                }
                if shown.1 != chosen {
                    let _ = js_sys::Reflect::set(&field, &JsValue::from_str("value"), &JsValue::from_str(&chosen.to_string()));
                    shown.1 = chosen;
                }
            }));
            on(
                &select,
                "change",
                Box::new(move |event| {
                    if let Ok(i) = event_value(&event).parse::<usize>() {
                        set(i);
                    }
                }),
            );
        }
        Part::Player { key, playing, step } => {
            let buttons = child(parent, "div", "buttons player");
            let play = button(
                &buttons,
                &format!("{key}-play"),
                Box::new(move || t(if playing.get() { site::PLAYER_PAUSE } else { site::PLAYER_PLAY }).to_string()),
                Box::new(move || playing.update(|p| *p = !*p)),
            );
            live_attr(&play, "aria-pressed", Box::new(move || Some(playing.get().to_string())));
            button(&buttons, &format!("{key}-step"), tr(site::PLAYER_STEP), Box::new(move || step(())));
        }
        Part::Buttons(buttons) => {
            let row = child(parent, "div", "buttons");
            for ButtonPart { testid, label, press, enabled } in buttons {
                let element = button(&row, testid, tr(label), Box::new(move || press(())));
                live_prop(&element, "disabled", Box::new(move || JsValue::from_bool(!enabled())));
            }
        }
        Part::Legend(entries) => {
            let list = child(parent, "ul", "legend");
            for (series, label) in entries {
                let item = child(&list, "li", "");
                swatch(&item, series);
                live_text(&item, tr(label));
            }
        }
        Part::Canvas(index) => runtime.canvas_view(parent, index),
        Part::Table(table) => dom::add(parent, &readout_table(table)),
        Part::Formulas { list, values } => dom::add(parent, &formula_list(list, values)),
    }
}
