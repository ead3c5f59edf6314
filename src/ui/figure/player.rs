//! A figure's animation: one [`Ops::step`] per `requestAnimationFrame` while the figure plays and its
//! canvases are on screen. The browser stops animation frames in a hidden tab, so the animation
//! pauses there too; it goes on where it stopped when the tab or the figure comes back.

use super::Ops;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The frame callback, kept alive while the figure is mounted (it re-schedules itself).
type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

fn request(callback: &FrameCallback) -> bool {
    let Some(window) = web_sys::window() else { return false };
    callback.borrow().as_ref().is_some_and(|closure| window.request_animation_frame(closure.as_ref().unchecked_ref()).is_ok())
}

/// Steps `ops` once per animation frame while it plays and `on_screen` holds.
pub fn install(ops: Ops, on_screen: RwSignal<bool>) {
    let running = Rc::new(Cell::new(false));
    let callback: FrameCallback = Rc::new(RefCell::new(None));
    let frame = {
        let (running, callback) = (running.clone(), callback.clone());
        Closure::<dyn FnMut(f64)>::new(move |_time: f64| {
            let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
            if hidden || !ops.playing.get_untracked() || !on_screen.get_untracked() {
                running.set(false);
                return;
            }
            if !ops.step() {
                ops.playing.set(false);
                running.set(false);
                return;
            }
            if !request(&callback) {
                running.set(false);
            }
        })
    };
    *callback.borrow_mut() = Some(frame);
    let holder = StoredValue::new_local(Some(callback.clone()));
    Effect::new(move |_| {
        let go = ops.playing.get() && on_screen.get();
        if go && !running.get() {
            running.set(request(&callback));
        }
    });
    // The callback holds itself: drop it with the figure.
    on_cleanup(move || {
        holder.update_value(|h| {
            if let Some(callback) = h.take() {
                callback.borrow_mut().take();
            }
        })
    });
}
