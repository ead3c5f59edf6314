//! The chapters of Loss Lab and the start page, each a folder holding its figures, their texts
//! (`locales/`) and formulas (`formulas.toml`). [`all`] is the registry: the router, the navigation,
//! the home map and "not found" read only this list, so adding a chapter is one folder and one line.

pub mod circle;
pub mod classification;
pub mod home;
pub mod mining;
pub mod multiclass;
pub mod pairs;
pub mod regression;

use crate::figure::page::{Chapter, Metadata, PageBuilder};
use crate::figure::query::Query;

/// Every chapter, in reading order.
pub fn all<B: PageBuilder>() -> Vec<Chapter<B>> {
    vec![regression::chapter(), classification::chapter(), multiclass::chapter(), pairs::chapter(), mining::chapter(), circle::chapter()]
}

/// The chapters' metadata (navigation, home map): the registry read without building pages.
pub fn metadata() -> Vec<Chapter<Metadata>> {
    all::<Metadata>()
}

/// Which page a URL's hash names.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    /// `#/` or no hash: the start page.
    Home,
    /// `#/{key}`: a chapter of the registry.
    Chapter(&'static str),
    /// `#/debug/panic`: deliberately panics, to show (and test) the crash message.
    CrashTest,
    /// Anything else; carries the path that was asked for.
    NotFound(String),
}

/// A location hash read: the page and its query.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub route: Route,
    /// The path part, e.g. `/regression` (a page is re-created only when this changes).
    pub path: String,
    pub query: Query,
}

impl Location {
    /// Reads a hash such as `#/regression?curves.delta=2`. Never fails: anything unknown is
    /// [`Route::NotFound`].
    pub fn parse(hash: &str) -> Location {
        let (path, query) = split_hash(hash);
        let route = match path.as_str() {
            "/" => Route::Home,
            "/debug/panic" => Route::CrashTest,
            other => metadata()
                .into_iter()
                .find(|chapter| chapter.path() == other)
                .map_or_else(|| Route::NotFound(other.to_string()), |chapter| Route::Chapter(chapter.key)),
        };
        Location { route, path, query: Query::parse(&query) }
    }
}

/// Splits `#/path?query` into (`/path`, `query`), tolerating a missing `#` or `/` and a trailing `/`.
pub fn split_hash(hash: &str) -> (String, String) {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let path = path.trim_end_matches('/');
    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    (path, query.to_string())
}
