//! A small imperative DOM layer for the figures' controls and readouts: elements made with web-sys,
//! kept live by one effect per binding, and event listeners owned by the reactive owner that made
//! them (dropped with it).
//!
//! Why not `view!`: every distinct view type instantiates tachys' whole build/rebuild/mount machinery,
//! and the figure parts (sliders, tables, choices, formulas, canvases with their tools) were half of
//! the wasm — 51 KB gzip measured by leaving them out. Here every binding goes through a handful of
//! non-generic functions over boxed closures, so they are compiled once; a slider step writes the few
//! text nodes and properties that changed, nothing else. The shell and the pages stay in `view!`.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, Node};

/// A reactive read (tracked inside the binding's effect).
pub type Live<T> = Box<dyn Fn() -> T>;

/// The page's document (a page always has one: this code runs in it).
pub fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a browser document")
}

/// A new element `tag` with a class (empty: none).
pub fn el(tag: &str, class: &str) -> HtmlElement {
    let element: HtmlElement = document().create_element(tag).expect("a valid tag name").unchecked_into();
    if !class.is_empty() {
        element.set_class_name(class);
    }
    element
}

/// A new element in the SVG or MathML namespace is never needed: figures draw on canvases and
/// formulas arrive as MathML markup (`set_html`).
pub fn set_html(element: &Element, html: &str) {
    element.set_inner_html(html);
}

/// Sets an attribute.
pub fn attr(element: &Element, name: &str, value: &str) {
    let _ = element.set_attribute(name, value);
}

/// Appends `child` to `parent`.
pub fn add(parent: &Node, child: &Node) {
    let _ = parent.append_child(child);
}

/// Makes `children` the element children of `parent`, in this order: the others are removed, and
/// only those out of place are moved (an element taken out and put back is styled and laid out
/// afresh — for a MathML formula, a millisecond).
pub fn arrange(parent: &Element, children: &[Element]) {
    let mut at = parent.first_element_child();
    while let Some(element) = at {
        at = element.next_element_sibling();
        if !children.contains(&element) {
            element.remove();
        }
    }
    let mut next = parent.first_element_child();
    for element in children {
        if next.as_ref() == Some(element) {
            next = element.next_element_sibling();
        } else {
            let _ = parent.insert_before(element, next.as_ref().map(|e| e.as_ref()));
        }
    }
}

/// Appends a new element `tag` with `class` to `parent`, and returns it.
pub fn child(parent: &Node, tag: &str, class: &str) -> HtmlElement {
    let element = el(tag, class);
    add(parent, &element);
    element
}

/// Appends fixed text (an empty one adds no node).
pub fn text(parent: &Node, content: &str) {
    if !content.is_empty() {
        add(parent, &document().create_text_node(content));
    }
}

/// Appends a text node that follows `content` (language switches, live values): written only when
/// it changes.
pub fn live_text(parent: &Node, content: Live<String>) {
    let node = document().create_text_node("");
    add(parent, &node);
    Effect::new(move |last: Option<String>| {
        let now = content();
        if last.as_deref() != Some(now.as_str()) {
            node.set_data(&now);
        }
        now
    });
}

/// Keeps attribute `name` equal to `value` (removed for `None`).
pub fn live_attr(element: &Element, name: &'static str, value: Live<Option<String>>) {
    let element = element.clone();
    Effect::new(move |last: Option<Option<String>>| {
        let now = value();
        if last.as_ref() != Some(&now) {
            match &now {
                Some(v) => attr(&element, name, v),
                None => {
                    let _ = element.remove_attribute(name);
                }
            }
        }
        now
    });
}

/// Shows `element` only while `shown` holds (the `hidden` attribute).
pub fn live_shown(element: &Element, shown: Live<bool>) {
    let element = element.clone();
    Effect::new(move |last: Option<bool>| {
        let now = shown();
        if last != Some(now) {
            let _ = element.toggle_attribute_with_force("hidden", !now);
        }
        now
    });
}

/// Keeps a JS property (`value`, `checked`, `disabled`) equal to `value`, written only when the
/// element's own value differs (a field being edited is left alone until it changes).
pub fn live_prop(element: &Element, name: &'static str, value: Live<JsValue>) {
    let element = element.clone();
    let key = JsValue::from_str(name);
    Effect::new(move |_| {
        let now = value();
        let current = js_sys::Reflect::get(&element, &key).unwrap_or(JsValue::UNDEFINED);
        if current != now {
            let _ = js_sys::Reflect::set(&element, &key, &now);
        }
    });
}

/// Runs `effect` now and again whenever what it reads changes; what it creates (bindings, listeners)
/// is disposed before each re-run — for parts rebuilt when a count changes.
pub fn live(effect: Box<dyn Fn()>) {
    Effect::new(move |_| effect());
}

/// Listens to `event` on `target` for as long as the current reactive owner lives.
pub fn on(target: &web_sys::EventTarget, event: &'static str, handler: Box<dyn FnMut(Event)>) {
    let closure = Closure::<dyn FnMut(Event)>::wrap(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    let target = target.clone();
    let holder = StoredValue::new_local(Some(closure));
    on_cleanup(move || {
        holder.update_value(|closure| {
            if let Some(closure) = closure.take() {
                let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
            }
        })
    });
}

/// The value of the input or select an event came from.
pub fn event_value(event: &Event) -> String {
    event.target().and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok()).and_then(|v| v.as_string()).unwrap_or_default()
}

/// Whether the checkbox an event came from is checked.
pub fn event_checked(event: &Event) -> bool {
    event.target().and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("checked")).ok()).and_then(|v| v.as_bool()).unwrap_or(false)
}

/// A Leptos view holding `element` (inserted when the view is built). When a page is rebuilt over
/// the same markup, Leptos reuses the slot: what it held before is replaced, not kept beside.
pub fn into_view(element: HtmlElement) -> AnyView {
    let slot = NodeRef::<leptos::html::Div>::new();
    slot.on_load(move |div| {
        div.set_text_content(None);
        add(&div, &element);
    });
    view! { <div class="dom-slot" node_ref=slot></div> }.into_any()
}
