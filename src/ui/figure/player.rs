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

/// Asks for the next animation frame; keeps the request's id in `pending` (so it can be cancelled).
fn request(callback: &FrameCallback, pending: &Cell<Option<i32>>) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let id = callback.borrow().as_ref().and_then(|closure| window.request_animation_frame(closure.as_ref().unchecked_ref()).ok());
    pending.set(id);
    id.is_some()
}

/// Steps `ops` once per animation frame while it plays and `on_screen` holds; each step's time is
/// recorded as `{key}-step` in `window.lossLabRedrawMs`.
pub fn install(key: &'static str, ops: Ops, on_screen: RwSignal<bool>) {
    // The step's own time (the figure's training maths, before the redraw) goes to the timing record.
    let step_key = format!("{key}-step");
    let running = Rc::new(Cell::new(false));
    let pending: Rc<Cell<Option<i32>>> = Rc::new(Cell::new(None));
    let callback: FrameCallback = Rc::new(RefCell::new(None));
    let frame = {
        let (running, callback, pending) = (running.clone(), callback.clone(), pending.clone());
        Closure::<dyn FnMut(f64)>::new(move |_time: f64| {
            pending.set(None);
            let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
            if hidden || !ops.playing.get_untracked() || !on_screen.get_untracked() {
                running.set(false);
                return;
            }
            let started = crate::ui::timing::now_ms();
            let more = ops.step();
            crate::ui::timing::record(&step_key, crate::ui::timing::now_ms() - started);
            if !more {
                ops.playing.set(false);
                running.set(false);
                return;
            }
            if !request(&callback, &pending) {
                running.set(false);
            }
        })
    };
    *callback.borrow_mut() = Some(frame);
    let holder = StoredValue::new_local(Some((callback.clone(), pending.clone())));
    Effect::new(move |_| {
        let go = ops.playing.get() && on_screen.get();
        if go && !running.get() {
            running.set(request(&callback, &pending));
        }
    });
    // The callback holds itself: with the figure gone, cancel the frame it asked for, then drop it.
    on_cleanup(move || {
        holder.update_value(|h| {
            if let Some((callback, pending)) = h.take() {
                if let (Some(id), Some(window)) = (pending.take(), web_sys::window()) {
                    let _ = window.cancel_animation_frame(id);
                }
                callback.borrow_mut().take();
            }
        })
    });
}
