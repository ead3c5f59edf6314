//! The location hash as a signal, and writing a page's figure parameters back into it.

use crate::chapters::split_hash;
use leptos::prelude::*;

/// The current `location.hash`.
pub fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// A signal that follows `location.hash` (changes by links, the address bar, back/forward).
pub fn hash_signal() -> RwSignal<String> {
    let hash = RwSignal::new(current_hash());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| hash.set(current_hash()));
    on_cleanup(move || handle.remove());
    hash
}

/// Replaces the URL's hash without a new history entry and without a `hashchange` event, so
/// dragging a slider does not flood the back button and does not re-create the page.
pub fn replace_hash(new_hash: &str) {
    let window = window();
    if window.location().hash().ok().as_deref() == Some(new_hash) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(new_hash));
    }
}

/// The hash waiting to be written by [`replace_hash_soon`], when it was last changed, and whether
/// a timer is armed for it.
struct Pending {
    hash: Option<String>,
    changed_at: f64,
    armed: bool,
}

thread_local! {
    static PENDING_HASH: std::cell::RefCell<Pending> = const { std::cell::RefCell::new(Pending { hash: None, changed_at: 0.0, armed: false }) };
}

/// How long the URL waits for a control to settle before it is rewritten, in milliseconds.
const URL_SETTLE_MS: f64 = 150.0;

/// [`replace_hash`] once the changes have stopped for [`URL_SETTLE_MS`], with the latest value:
/// `history.replaceState` costs about a millisecond, too much to pay on the frames of a dragged
/// slider. One timer at a time: a change while it is armed only replaces the hash waiting, and the
/// timer, when it fires early, waits for the rest (a timer per change cost a task each, and their
/// firings landed inside later frames). If the reader has left the page meanwhile (another path),
/// nothing is written.
pub fn replace_hash_soon(new_hash: String) {
    let arm = PENDING_HASH.with(|pending| {
        let mut pending = pending.borrow_mut();
        pending.hash = Some(new_hash);
        pending.changed_at = crate::ui::timing::now_ms();
        !std::mem::replace(&mut pending.armed, true)
    });
    if arm {
        arm_hash_timer(URL_SETTLE_MS);
    }
}

/// Fires after `wait_ms`: writes the waiting hash if it has settled, or waits for the rest.
fn arm_hash_timer(wait_ms: f64) {
    set_timeout(
        || {
            let now = crate::ui::timing::now_ms();
            let (hash, rest) = PENDING_HASH.with(|pending| {
                let mut pending = pending.borrow_mut();
                let rest = pending.changed_at + URL_SETTLE_MS - now;
                if rest > 1.0 {
                    (None, Some(rest))
                } else {
                    pending.armed = false;
                    (pending.hash.take(), None)
                }
            });
            if let Some(rest) = rest {
                arm_hash_timer(rest);
                return;
            }
            let Some(hash) = hash else { return };
            if split_hash(&current_hash()).0 == split_hash(&hash).0 {
                replace_hash(&hash);
            }
        },
        std::time::Duration::from_millis(wait_ms.ceil() as u64),
    );
}

/// The page's address without its hash (for links that must open in another tab).
pub fn base_address() -> String {
    let location = window().location();
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Rewrites the value of a page key (`lang`, `theme`) wherever the address has it (before the hash
/// or in it), so a reload keeps what the reader chose in the header rather than the old link's.
pub fn update_page_key(key: &str, value: &str) {
    let window = window();
    let location = window.location();
    let rewrite = |query: &str| -> (String, bool) {
        let mut changed = false;
        let pairs: Vec<String> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) if k == key => {
                    changed = true;
                    format!("{key}={value}")
                }
                _ => pair.to_string(),
            })
            .collect();
        (pairs.join("&"), changed)
    };
    let search = location.search().unwrap_or_default();
    let (new_search, in_search) = rewrite(search.trim_start_matches('?'));
    let hash = location.hash().unwrap_or_default();
    let (path, query) = split_hash(&hash);
    let (new_query, in_hash) = rewrite(&query);
    if !in_search && !in_hash {
        return;
    }
    let search = if new_search.is_empty() { String::new() } else { format!("?{new_search}") };
    let hash = if new_query.is_empty() { format!("#{path}") } else { format!("#{path}?{new_query}") };
    let url = format!("{}{search}{hash}", location.pathname().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
