//! A chapter as data: its path, navigation label, the home-page cards it answers, and its page —
//! headings, paragraphs and figures in reading order, told to a [`PageBuilder`]. The browser's
//! builder makes views of them; native tests make other builders (every figure fuzzed, drawn to SVG).

use super::Figure;
use crate::i18n::Text;

/// Receives a page's blocks in reading order.
pub trait PageBuilder {
    /// The page's title (`<h1>`).
    fn heading(&mut self, text: Text);
    /// The introduction under the title.
    fn lead(&mut self, text: Text);
    /// Paragraphs of explanation.
    fn paragraphs(&mut self, texts: &[Text]);
    /// A side note (several texts joined into one paragraph).
    fn note(&mut self, texts: &[Text]);
    /// A figure, with its parameters in the page's URL.
    fn figure<F: Figure>(&mut self);
}

/// One chapter of the registry (`crate::chapters::all`).
pub struct Chapter<B: ?Sized> {
    /// Its path is `/{key}`, its page's `data-testid` `page-{key}`, its navigation link's `nav-{key}`.
    pub key: &'static str,
    /// Its name in the navigation.
    pub nav: Text,
    /// The keys of the home page's cards that link here (the article's objectives it explains).
    pub cards: &'static [&'static str],
    /// Its page.
    pub page: fn(&mut B),
}

impl<B: ?Sized> Chapter<B> {
    /// `/{key}`.
    pub fn path(&self) -> String {
        format!("/{}", self.key)
    }
}

/// A builder that keeps nothing: for reading the registry's metadata (navigation, home map).
pub struct Metadata;

impl PageBuilder for Metadata {
    fn heading(&mut self, _: Text) {}
    fn lead(&mut self, _: Text) {}
    fn paragraphs(&mut self, _: &[Text]) {}
    fn note(&mut self, _: &[Text]) {}
    fn figure<F: Figure>(&mut self) {}
}
