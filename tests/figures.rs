//! Every figure of the registry, checked through the framework alone (no figure named here, so a new
//! chapter is covered the day it is registered):
//! * its URL parameters survive the round trip, and **any** query string — random text or a valid
//!   link mutated with garbage, out-of-range, duplicated and legacy keys — gives parameters whose
//!   figure shows no NaN in any readout, message or caption (≥ 100,000 queries in all);
//! * it draws, base and overlay, to SVG in every language and theme, with its labels in that
//!   language and no NaN coordinate.

use loss_lab::chapters::home::impurity::Impurity;
use loss_lab::figure::layout::{Item, Options, Piece, Shown};
use loss_lab::figure::page::PageBuilder;
use loss_lab::figure::{params_from, query_of, Figure, Query, View};
use loss_lab::i18n::{Locale, Text};
use loss_lab::plot::{to_svg, Ctx, Theme};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Visits every figure of every chapter, and the start page's.
fn each_figure(visit: &mut impl Visit) {
    let mut visitor = Visitor(visit);
    for chapter in loss_lab::chapters::all::<Visitor<'_, _>>() {
        (chapter.page)(&mut visitor);
    }
    visit.figure::<Impurity>();
}

trait Visit {
    fn figure<F: Figure>(&mut self);
}

struct Visitor<'a, V: Visit>(&'a mut V);

impl<V: Visit> PageBuilder for Visitor<'_, V> {
    fn heading(&mut self, _: Text) {}
    fn lead(&mut self, _: Text) {}
    fn paragraphs(&mut self, _: &[Text]) {}
    fn note(&mut self, _: &[Text]) {}
    fn figure<F: Figure>(&mut self) {
        self.0.figure::<F>();
    }
}

/// Every number a figure's sections would show for this view; `Err` names the first NaN.
fn shown_numbers<F: Figure>(view: &View<'_, F>) -> Result<usize, String> {
    let mut count = 0;
    let mut check = |value: Shown, what: &str| -> Result<(), String> {
        count += 1;
        match value {
            Shown::Number(v, _) if v.is_nan() => Err(format!("{} {what} shows NaN", F::KEY)),
            _ => Ok(()),
        }
    };
    for section in F::sections() {
        for item in section.controls.into_iter().chain(section.main) {
            match item {
                Item::Paragraph(p) => {
                    if let Some(fill) = p.fill {
                        for (name, value) in fill(view) {
                            check(value, name)?;
                        }
                    }
                    if let Some(pick) = p.pick {
                        let _ = pick(view);
                    }
                }
                Item::Slider(slider) => {
                    let value = (slider.get)(view.params);
                    if !(slider.scale.min()..=slider.scale.max()).contains(&value) {
                        return Err(format!("{} slider {} at {value}, outside its range", F::KEY, slider.testid));
                    }
                }
                Item::Sliders(list) => {
                    for i in 0..(list.count)(view.params) {
                        let value = (list.get)(view.params, i);
                        if !(list.scale.min()..=list.scale.max()).contains(&value) {
                            return Err(format!("{} slider {}-{i} at {value}, outside its range", F::KEY, list.testid));
                        }
                    }
                }
                Item::Choice(choice) => {
                    let chosen = (choice.get)(view.params);
                    let options = match &choice.options {
                        Options::Fixed(texts) => texts.len(),
                        Options::Numbered { count, .. } => count(view.params),
                    };
                    if chosen >= options {
                        return Err(format!("{} choice {} at option {chosen} of {options}", F::KEY, choice.testid));
                    }
                }
                Item::Table(table) => {
                    for piece in &table.caption {
                        if let Piece::Value { get, testid, .. } = piece {
                            if let Some(value) = get(view) {
                                check(value, testid)?;
                            }
                        }
                    }
                    for row in (table.rows)(view) {
                        for cell in row.cells {
                            check(cell.value, &cell.testid)?;
                        }
                    }
                }
                Item::Formulas(formulas) => {
                    for (name, value) in (formulas.values)(view.params) {
                        if !value.is_finite() {
                            return Err(format!("{} formula parameter {name} = {value}", F::KEY));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(count)
}

/// Values a mutated link tries: unreadable, out of range, extreme, empty.
const NASTY: [&str; 22] = [
    "", "NaN", "nan", "inf", "-inf", "1e309", "-1e309", "0", "-0", "1e-320", "-5", "1e9", "abc", "%", "%zz", "%2C", "+",
    ",,,", ":", "1:2:3", "0:0,0:0,0:0", "x:y,1:",
];

/// A query made from a figure's own valid link, then mutated.
fn mutated(valid: String, picks: Vec<(usize, usize, u8)>) -> String {
    let mut pairs: Vec<(String, String)> =
        valid.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    for (which, nasty, how) in picks {
        if pairs.is_empty() {
            pairs.push(("v".into(), "1".into()));
        }
        let i = which % pairs.len();
        let value = NASTY[nasty % NASTY.len()].to_string();
        match how % 6 {
            0 => pairs[i].1 = value,
            1 => {
                let key = pairs[i].0.clone();
                pairs.push((key, value));
            }
            2 => {
                pairs.remove(i);
            }
            3 => {
                // The same value under the unprefixed (legacy-looking) key.
                let key = pairs[i].0.rsplit('.').next().unwrap_or_default().to_string();
                pairs.push((key, value));
            }
            4 => pairs[i].1 = format!("{},{}", pairs[i].1, value),
            _ => pairs[i].0.push('x'),
        }
    }
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

struct UrlFuzz {
    cases_per_figure: u32,
    total: u32,
}

impl Visit for UrlFuzz {
    fn figure<F: Figure>(&mut self) {
        let check_query = |query: &str| -> Result<(), TestCaseError> {
            let params = params_from::<F>(&Query::parse(query));
            let data = F::build(&params);
            let state = F::State::default();
            shown_numbers::<F>(&View { params: &params, data: &data, state: &state }).map_err(TestCaseError::fail)?;
            // What it reads, it writes back, and reads the same again.
            prop_assert_eq!(params_from::<F>(&Query::parse(&query_of::<F>(&params))), params);
            Ok(())
        };
        let mut runner = TestRunner::new(Config { cases: self.cases_per_figure / 2, failure_persistence: None, ..Config::default() });
        runner.run(&".{0,160}", |query| check_query(&query)).unwrap_or_else(|e| panic!("{}: {e}", F::KEY));
        let valid = query_of::<F>(&F::Params::default());
        let strategy = proptest::collection::vec((0usize..64, 0usize..64, any::<u8>()), 0..6);
        let mut runner = TestRunner::new(Config { cases: self.cases_per_figure / 2, failure_persistence: None, ..Config::default() });
        runner.run(&strategy, |picks| check_query(&mutated(valid.clone(), picks))).unwrap_or_else(|e| panic!("{}: {e}", F::KEY));
        self.total += self.cases_per_figure;
    }
}

#[test]
fn any_url_gives_every_figure_a_state_without_nan() {
    let mut figures = 0;
    struct Count<'a>(&'a mut u32);
    impl Visit for Count<'_> {
        fn figure<F: Figure>(&mut self) {
            *self.0 += 1;
        }
    }
    each_figure(&mut Count(&mut figures));
    // At least 100,000 queries in all, shared among the figures.
    let cases_per_figure = 100_000u32.div_ceil(figures).next_multiple_of(2);
    let mut fuzz = UrlFuzz { cases_per_figure, total: 0 };
    each_figure(&mut fuzz);
    assert!(fuzz.total >= 100_000, "{} queries", fuzz.total);
}

struct Draws;

impl Visit for Draws {
    fn figure<F: Figure>(&mut self) {
        let params = F::Params::default();
        let data = F::build(&params);
        let state = F::State::default();
        let view = View { params: &params, data: &data, state: &state };
        let base = F::base(&view);
        for locale in Locale::ALL {
            for theme in Theme::ALL {
                let ctx = Ctx::new(1.0, theme, locale);
                for (canvas, spec) in F::canvases().iter().enumerate() {
                    let svg = to_svg((900, 600), |root| -> Result<(), String> {
                        root.fill(&ctx.palette().background).map_err(|e| e.to_string())?;
                        F::draw_base(canvas, root, &ctx, &base).map_err(|e| e.to_string())?;
                        F::draw_overlay(canvas, root, &ctx, &view).map_err(|e| e.to_string())
                    })
                    .unwrap_or_else(|e| panic!("{} ({locale:?}, {theme:?}) does not draw: {e}", spec.testid));
                    assert!(svg.matches("<path").count() + svg.matches("<polyline").count() + svg.matches("<rect").count() > 5, "{}: {svg}", spec.testid);
                    assert!(!svg.contains("NaN"), "{} ({locale:?}, {theme:?}) draws NaN", spec.testid);
                    let background = loss_lab::plot::theme::css(ctx.palette().background).to_uppercase();
                    assert!(svg.to_uppercase().contains(&background), "{}: painted on the {theme:?} background", spec.testid);
                }
            }
        }
    }
}

#[test]
fn every_figure_draws_in_every_language_and_theme() {
    each_figure(&mut Draws);
}
