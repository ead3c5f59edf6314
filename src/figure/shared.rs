//! Large derived values in a figure's state (a trained embedding with its distance matrix), shared
//! instead of copied: every edit clones the state and compares it with the one before, which for a
//! [`Shared`] is one pointer copy and one pointer comparison. A new value is a new `Shared`, so
//! "changed" is exactly "replaced".

use std::sync::Arc;

/// A value shared between copies of a state; equal only to copies of itself.
#[derive(Debug)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// The value built for the most recent key: a figure's `build` runs on every change of its
/// parameters, and a large value that depends on only a few of them (a heat map of γ and m, not of a
/// dragged point) is rebuilt only when those change. Kept in a `static` of the figure's module.
pub struct Recent<K, V>(std::sync::Mutex<Option<(K, Shared<V>)>>);

impl<K: PartialEq, V> Recent<K, V> {
    pub const fn new() -> Recent<K, V> {
        Recent(std::sync::Mutex::new(None))
    }

    /// The value for `key`: the kept one if its key is `key`, else `make()` (then kept).
    pub fn get_or(&self, key: K, make: impl FnOnce() -> V) -> Shared<V> {
        let Ok(mut slot) = self.0.lock() else { return Shared::new(make()) };
        if let Some((kept, value)) = slot.as_ref() {
            if *kept == key {
                return value.clone();
            }
        }
        let value = Shared::new(make());
        *slot = Some((key, value.clone()));
        value
    }
}
