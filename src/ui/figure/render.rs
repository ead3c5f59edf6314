//! Renders a figure's plain sections: headings in the page language, the controls column, the main
//! column, and each part with its widget. Written once for every figure.

use super::runtime::Runtime;
use super::{ButtonPart, Part, SectionPart};
use crate::figure::layout::Style;
use crate::i18n::Text;
use crate::i18n::texts::site;
use crate::ui::text::{numbered, t, tx};
use crate::ui::widgets::formula::FormulaList;
use crate::ui::widgets::slider::ScaleSlider;
use crate::ui::widgets::table::ReadoutTable;
use leptos::prelude::*;

/// A heading of `level` (2–6).
pub fn heading(level: u8, text: Text) -> AnyView {
    let content = tx(text);
    match level {
        0..=2 => view! { <h2>{content}</h2> }.into_any(),
        3 => view! { <h3>{content}</h3> }.into_any(),
        4 => view! { <h4>{content}</h4> }.into_any(),
        _ => view! { <h5>{content}</h5> }.into_any(),
    }
}

/// All of a figure's sections, in one block the page can scroll to (`id="figure-{key}"`).
pub fn figure(key: &'static str, sections: Vec<SectionPart>, runtime: Runtime, level: u8) -> AnyView {
    let sections = sections.into_iter().map(|section| render_section(section, &runtime, level)).collect_view();
    view! { <div class="figure-block" id=format!("figure-{key}") data-figure=key>{sections}</div> }.into_any()
}

fn render_section(section: SectionPart, runtime: &Runtime, level: u8) -> impl IntoView {
    let single = section.controls.is_empty();
    let class = format!("figure {}{}", section.class, if single { " single" } else { "" });
    let title = section.title.map(|title| heading(level, title));
    let controls = (!single).then(|| {
        let parts = section.controls.into_iter().map(|part| render_part(part, runtime, level)).collect_view();
        view! { <div class="controls">{parts}</div> }
    });
    let main = section.main.into_iter().map(|part| render_part(part, runtime, level)).collect_view();
    view! {
        <section class=class data-testid=section.testid>
            {title}
            {controls}
            <div class="plot-and-readout">{main}</div>
        </section>
    }
}

fn render_part(part: Part, runtime: &Runtime, level: u8) -> AnyView {
    match part {
        Part::Paragraph { text, style, testid } => {
            let text = Memo::new(move |_| text());
            let (class, role) = match style {
                Style::Plain => ("", None),
                Style::Hint => ("hint", None),
                Style::Muted => ("muted", None),
                Style::Status => ("figure-message", Some("status")),
            };
            view! {
                <Show when=move || text.with(Option::is_some)>
                    <p class=class role=role data-testid=testid>{move || text.get().unwrap_or_default()}</p>
                </Show>
            }
            .into_any()
        }
        Part::List { title, items } => {
            let items = items.into_iter().map(|item| view! { <li>{tx(item)}</li> }).collect_view();
            let title = heading(level + 1, title);
            view! { {title} <ul class="try">{items}</ul> }.into_any()
        }
        Part::Slider { testid, label, scale, value, set, visible } => {
            let value = Signal::derive(move || value());
            let set = Callback::new(move |v: f64| set(v));
            view! {
                <Show when=move || visible()>
                    <ScaleSlider label=label scale=scale value=value on_change=set testid=testid/>
                </Show>
            }
            .into_any()
        }
        Part::Toggles { legend, options, checked, set } => {
            let boxes = options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    let (checked, set) = (checked.clone(), set.clone());
                    let swatch = option.series.map(|series| view! { <span class="swatch" inner_html=series.swatch_svg()></span> });
                    view! {
                        <label class="toggle">
                            <input type="checkbox" data-testid=option.testid
                                prop:checked=move || checked(i)
                                on:change=move |ev| set((i, event_target_checked(&ev)))/>
                            {swatch}
                            {tx(option.label)}
                        </label>
                    }
                })
                .collect_view();
            view! { <fieldset class="toggles"><legend>{tx(legend)}</legend>{boxes}</fieldset> }.into_any()
        }
        Part::Sliders { testid, label, scale, count, value, set } => {
            let count = Memo::new(move |_| count());
            move || {
                (0..count.get())
                    .map(|i| {
                        let value = value.clone();
                        let set = set.clone();
                        let value = Signal::derive(move || value(i));
                        let on_change = Callback::new(move |v: f64| set((i, v)));
                        view! { <ScaleSlider label=label n=i + 1 scale=scale value=value on_change=on_change testid=format!("{testid}-{i}")/> }
                    })
                    .collect_view()
            }
        }
        .into_any(),
        Part::Checks { testid, legend, label, count, checked, set } => {
            let count = Memo::new(move |_| count());
            let boxes = move || {
                (0..count.get())
                    .map(|i| {
                        let (checked, set) = (checked.clone(), set.clone());
                        view! {
                            <label class="toggle">
                                <input type="checkbox" data-testid=format!("{testid}-{i}")
                                    prop:checked=move || checked(i)
                                    on:change=move |ev| set((i, event_target_checked(&ev)))/>
                                {move || numbered(label, i + 1)}
                            </label>
                        }
                    })
                    .collect_view()
            };
            view! { <fieldset class="toggles checks"><legend>{tx(legend)}</legend>{boxes}</fieldset> }.into_any()
        }
        Part::Choice { testid, label, options, chosen, set } => {
            let options = Memo::new(move |_| options());
            let chosen = Memo::new(move |_| chosen());
            let id = format!("{testid}-choice");
            let items = move || {
                options
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, n))| {
                        view! { <option value=i.to_string() selected=move || chosen.get() == i>{move || numbered(text, n)}</option> }
                    })
                    .collect_view()
            };
            view! {
                <div class="param choice">
                    <label for=id.clone()>{tx(label)}</label>
                    <select id=id data-testid=testid
                        prop:value=move || chosen.get().to_string()
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                                set(i);
                            }
                        }>
                        {items}
                    </select>
                </div>
            }
            .into_any()
        }
        Part::Player { key, playing, step } => view! {
            <div class="buttons player">
                <button type="button" data-testid=format!("{key}-play") aria-pressed=move || playing.get().to_string()
                    on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { t(site::PLAYER_PAUSE) } else { t(site::PLAYER_PLAY) }}
                </button>
                <button type="button" data-testid=format!("{key}-step") on:click=move |_| step(())>{tx(site::PLAYER_STEP)}</button>
            </div>
        }
        .into_any(),
        Part::Buttons(buttons) => {
            let buttons = buttons
                .into_iter()
                .map(|ButtonPart { testid, label, press, enabled }| {
                    view! {
                        <button type="button" data-testid=testid prop:disabled=move || !enabled() on:click=move |_| press(())>
                            {tx(label)}
                        </button>
                    }
                })
                .collect_view();
            view! { <div class="buttons">{buttons}</div> }.into_any()
        }
        Part::Legend(entries) => {
            let entries = entries
                .into_iter()
                .map(|(series, label)| view! { <li><span class="swatch" inner_html=series.swatch_svg()></span>{tx(label)}</li> })
                .collect_view();
            view! { <ul class="legend">{entries}</ul> }.into_any()
        }
        Part::Canvas(index) => runtime.canvas_view(index),
        Part::Table(table) => view! { <ReadoutTable table=table/> }.into_any(),
        Part::Formulas { list, values } => {
            let (list, values) = (Memo::new(move |_| list()), Memo::new(move |_| values()));
            view! { <FormulaList list=list values=values/> }.into_any()
        }
    }
}
