//! A labelled parameter with a range slider and a number field that edit the same value.

use crate::figure::query::Scale;
use crate::i18n::{fill, texts::site};
use crate::ui::dom::{self, attr, child, event_value, live_attr, live_prop, live_shown, live_text, on};
use crate::ui::figure::{Read, Write};
use crate::ui::text::{locale, t};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// Shows `value` on a slider (logarithmic or linear) and in a number field; both report changes
/// through `set`. Test ids: `{testid}-slider`, `{testid}-number`, `{testid}-error`.
pub fn slider(label: Rc<dyn Fn() -> String>, scale: Scale, value: Read<f64>, set: Write<f64>, testid: &str) -> HtmlElement {
    let root = dom::el("div", "param");
    let (slider_id, number_id, error_id) = (format!("{testid}-slider"), format!("{testid}-number"), format!("{testid}-error"));
    let caption = child(&root, "label", "");
    attr(&caption, "for", &slider_id);
    live_text(&caption, {
        let label = label.clone();
        Box::new(move || label())
    });

    let range = child(&root, "input", "");
    for (name, v) in [("type", "range"), ("id", slider_id.as_str()), ("data-testid", slider_id.as_str()), ("min", "0"), ("step", "1")] {
        attr(&range, name, v);
    }
    attr(&range, "max", &scale.steps().to_string());
    live_prop(&range, "value", {
        let value = value.clone();
        Box::new(move || JsValue::from_str(&scale.position_of(value()).to_string()))
    });
    live_attr(&range, "aria-valuetext", {
        let (label, value) = (label.clone(), value.clone());
        Box::new(move || Some(format!("{} = {}", label(), value())))
    });

    let number = child(&root, "input", "");
    for (name, v) in [("type", "number"), ("id", number_id.as_str()), ("data-testid", number_id.as_str()), ("inputmode", "decimal"), ("step", "any")] {
        attr(&number, name, v);
    }
    attr(&number, "min", &scale.min().to_string());
    attr(&number, "max", &scale.max().to_string());
    live_attr(&number, "aria-label", Box::new(move || Some(label())));
    live_prop(&number, "value", {
        let value = value.clone();
        Box::new(move || JsValue::from_str(&value().to_string()))
    });

    let error = RwSignal::new(false);
    let message = child(&root, "p", "field-error");
    attr(&message, "role", "alert");
    attr(&message, "data-testid", &error_id);
    live_shown(&message, Box::new(move || error.get()));
    live_text(
        &message,
        Box::new(move || {
            let numbers = locale().numbers();
            let show = |v: f64| crate::format::number_in(numbers, v, 6);
            fill(t(site::FIGURE_NUMBER_OUT_OF_RANGE), &[("min", &show(scale.min())), ("max", &show(scale.max()))])
        }),
    );

    on(&range, "input", {
        let set = set.clone();
        Box::new(move |event| {
            if let Ok(position) = event_value(&event).parse::<u32>() {
                crate::ui::follow::input();
                error.set(false);
                set(scale.value_at(position));
            }
        })
    });
    let field = number.clone();
    on(
        &number,
        "change",
        Box::new(move |event| {
            let typed = event_value(&event).trim().replace(',', ".");
            match crate::format::parse_number(&typed) {
                Some(v) if v >= scale.min() && v <= scale.max() => {
                    error.set(false);
                    set(v);
                }
                Some(v) => {
                    error.set(true);
                    set(scale.clamp(v));
                }
                None => {
                    error.set(true);
                    // Put the current value back into the field.
                    let _ = js_sys::Reflect::set(&field, &JsValue::from_str("value"), &JsValue::from_str(&value.as_ref()().to_string()));
                }
            }
        }),
    );
    root
}

/// A slider's label: a text of the locale files, with `{n}` / `{sub}` filled for an item of a list.
pub fn label(key: crate::i18n::Text, n: Option<usize>) -> Rc<dyn Fn() -> String> {
    Rc::new(move || match n {
        Some(n) => crate::ui::text::numbered(key, n),
        None => t(key).to_string(),
    })
}
