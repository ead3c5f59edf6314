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
