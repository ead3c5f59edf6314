//! Writes that follow a stream of input. While a slider is dragged or a pointer moves, changes
//! arrive every frame; a write whose relayout costs more than the frame can spare (a formula's
//! MathML, a status sentence, whose new length relays out the whole page) then waits, and all the
//! writes that waited are made together every [`FOLLOW_MS`] and after the last change: the frames
//! of a drag stay short, the settled value is always shown. A single step, a click, a change made
//! by a program and the first input of a drag are written at once.

use crate::ui::timing::now_ms;
use leptos::prelude::*;
use std::cell::Cell;

/// The longest a followed write waits while input streams.
pub const FOLLOW_MS: u64 = 500;
/// Inputs closer together than this are a stream. A pointer delivers one a frame: 17 ms apart at
/// 60 frames a second, 50 ms on a machine that manages 20 (a slow laptop, whose frames are long
/// and need the saving most: at a 4× CPU slowdown here, a 25 ms rule let a status sentence and a
/// formula be rewritten at 18 % of a drag's frames, this one at 5 %, the rate of the clock).
const STREAM_MS: f64 = 50.0;
/// A change this soon after an input was made by it (its effects run in the same task, a few
/// milliseconds later on a slow machine).
const CAUSED_MS: f64 = 16.0;

thread_local! {
    static LAST_INPUT: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
    /// The last input came within `STREAM_MS` of the one before.
    static STREAMING: Cell<bool> = const { Cell::new(false) };
    /// The writes that waited are due (until the next input).
    static DUE_NOW: Cell<bool> = const { Cell::new(false) };
    /// A timer is armed to make them due.
    static ARMED: Cell<bool> = const { Cell::new(false) };
    /// Bumped when they are due: the effects that waited run again. Reference counted, not owned
    /// by the first figure that asked (and disposed with it).
    static DUE: ArcTrigger = ArcTrigger::new();
}

/// An input that may stream (a slider step, a pointer move), before the change it makes.
#[inline(never)]
pub fn input() {
    let now = now_ms();
    STREAMING.set(now - LAST_INPUT.replace(now) < STREAM_MS);
    DUE_NOW.set(false);
}

/// Whether an effect writes its change now; when not, it runs again when the writes are due. Call
/// it from the effect, after reading what it writes.
#[inline(never)]
pub fn at_once() -> bool {
    DUE.with(|due| due.track());
    let wait = STREAMING.get() && !DUE_NOW.get() && now_ms() - LAST_INPUT.get() < CAUSED_MS;
    if wait && !ARMED.replace(true) {
        set_timeout(
            || {
                ARMED.set(false);
                DUE_NOW.set(true);
                DUE.with(|due| due.notify());
            },
            std::time::Duration::from_millis(FOLLOW_MS),
        );
    }
    !wait
}
