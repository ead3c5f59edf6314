//! A readout table: keyed rows, each cell its own memo, so a change rewrites only the numbers that
//! changed (and nothing when a step leaves them equal).

use crate::figure::layout::Label;
use crate::ui::figure::{CaptionPart, TablePart};
use crate::ui::text::{locale, shown, tx};
use leptos::prelude::*;

#[component]
pub fn ReadoutTable(
    /// The table's parts, bound to its figure.
    table: TablePart,
) -> impl IntoView {
    let TablePart { testid, caption, columns, rows, hint, visible, otherwise } = table;
    let rows = Memo::new(move |_| rows());
    let visible = Memo::new(move |_| visible());
    let caption = caption
        .into_iter()
        .enumerate()
        .map(|(i, piece)| match piece {
            CaptionPart::Text(key) => {
                let space = if i > 0 { " " } else { "" };
                view! { {space}{tx(key)} }.into_any()
            }
            CaptionPart::Value { text, testid, before, after } => {
                let text = Memo::new(move |_| text());
                view! {
                <Show when=move || text.with(Option::is_some)>
                    {before}<span class="num" data-testid=testid>{move || text.get().unwrap_or_default()}</span>{after}
                </Show>
            }
            .into_any()
            }
        })
        .collect_view();
    let n_columns = columns.len();
    let header = move || {
        (!columns.is_empty()).then(|| {
            let cells = columns.iter().map(|&key| view! { <th scope="col">{tx(key)}</th> }).collect_view();
            view! { <thead><tr>{cells}</tr></thead> }
        })
    };
    let keys = Memo::new(move |_| rows.with(|rows| rows.iter().map(|row| row.key).collect::<Vec<_>>()));
    let row_view = move |key: u32| {
        let (label, series, cells) = rows.with_untracked(|rows| {
            rows.iter()
                .find(|row| row.key == key)
                .map(|row| (row.label.clone(), row.series, row.cells.iter().map(|c| c.testid.clone()).collect::<Vec<_>>()))
                .unwrap_or((Label::Literal(String::new()), None, Vec::new()))
        });
        let label = match label {
            Label::Text(key) => view! { {tx(key)} }.into_any(),
            Label::Literal(text) => view! { {text} }.into_any(),
        };
        let swatch = series.map(|series| view! { <span class="swatch" inner_html=series.swatch_svg()></span> });
        let cells = cells
            .into_iter()
            .enumerate()
            .map(|(j, testid)| {
                let value = Memo::new(move |_| {
                    let language = locale();
                    rows.with(|rows| {
                        rows.iter().find(|row| row.key == key).and_then(|row| row.cells.get(j)).map(|cell| shown(language, cell.value.clone()))
                    })
                    .unwrap_or_default()
                });
                view! { <td data-testid=testid><span class="num">{move || value.get()}</span></td> }
            })
            .collect_view();
        view! { <tr><th scope="row">{swatch}{label}</th>{cells}</tr> }
    };
    view! {
        <section class="readout" data-testid=testid>
            <h3>{caption}</h3>
            <Show when=move || visible.get() fallback=move || otherwise.map(|key| view! { <p class="hint">{tx(key)}</p> })>
                <table style=format!("--columns: {}", n_columns.saturating_sub(1))>
                    {header()}
                    <tbody>
                        <For each=move || keys.get() key=|key| *key let:key>
                            {row_view(key)}
                        </For>
                    </tbody>
                </table>
            </Show>
            {hint.map(|key| view! { <p class="hint">{tx(key)}</p> })}
        </section>
    }
}
