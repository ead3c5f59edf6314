//! A readout table: keyed rows, rebuilt only when the set of rows changes; otherwise one effect
//! rewrites just the labels and numbers whose text changed (nothing when a step leaves them equal).

use crate::figure::layout::{Label, Row};
use crate::ui::dom::{self, attr, child, live, live_shown, live_text, text};
use crate::ui::figure::{CaptionPart, TablePart};
use crate::ui::text::{locale, shown, t};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlElement, Text};

/// One row as it stands in the DOM: its key, its label's text node and each cell's text node with
/// the text it shows.
struct RowNodes {
    key: u32,
    tr: Element,
    label: (Text, String),
    cells: Vec<(Text, String)>,
}

impl RowNodes {
    /// Whether these nodes can show `row` (its key, and as many cells).
    fn shows(&self, row: &Row) -> bool {
        self.key == row.key && self.cells.len() == row.cells.len()
    }
}

fn text_node(parent: &HtmlElement) -> Text {
    let node = dom::document().create_text_node("");
    dom::add(parent, &node);
    node
}

fn write(node: &mut (Text, String), now: String) {
    if node.1 != now {
        node.0.set_data(&now);
        node.1 = now;
    }
}

fn label_text(label: &Label) -> String {
    match label {
        Label::Text(key) => t(*key).to_string(),
        Label::Literal(text) => text.clone(),
    }
}

/// Builds a row (not yet in the table).
fn build_row(row: &Row) -> RowNodes {
    let tr = dom::el("tr", "");
    let th = child(&tr, "th", "");
    attr(&th, "scope", "row");
    if let Some(series) = row.series {
        dom::set_html(&child(&th, "span", "swatch"), &series.swatch_svg());
    }
    let label = (text_node(&th), String::new());
    let cells = row
        .cells
        .iter()
        .map(|cell| {
            let td = child(&tr, "td", "");
            attr(&td, "data-testid", &cell.testid);
            (text_node(&child(&td, "span", "num")), String::new())
        })
        .collect();
    RowNodes { key: row.key, tr: tr.into(), label, cells }
}

/// The table of `part`, live.
pub fn readout_table(part: TablePart) -> HtmlElement {
    let TablePart { testid, caption, columns, rows, hint, visible, otherwise } = part;
    let root = dom::el("section", "readout");
    if let Some(testid) = testid {
        attr(&root, "data-testid", testid);
    }
    let heading = child(&root, "h3", "");
    for (i, piece) in caption.into_iter().enumerate() {
        match piece {
            CaptionPart::Text(key) => {
                if i > 0 {
                    text(&heading, " ");
                }
                live_text(&heading, Box::new(move || t(key).to_string()));
            }
            CaptionPart::Value { text: value, testid, before, after } => {
                // The space that opens a label may break the line; nothing inside the label may
                // (non-breaking spaces and `white-space: nowrap`): a number stays with its name.
                let label = before.trim_start_matches(' ');
                text(&heading, &before[..before.len() - label.len()]);
                let wrapper = child(&heading, "span", "");
                text(&wrapper, label);
                let number = child(&wrapper, "span", "num");
                attr(&number, "data-testid", testid);
                text(&wrapper, after);
                let shown_value = value.clone();
                live_shown(&wrapper, Box::new(move || shown_value().is_some()));
                live_text(&number, Box::new(move || value().unwrap_or_default()));
            }
        }
    }
    let table = child(&root, "table", "");
    attr(&table, "style", &format!("--columns: {}", columns.len().saturating_sub(1)));
    if !columns.is_empty() {
        let row = child(&child(&table, "thead", ""), "tr", "");
        for key in columns {
            let th = child(&row, "th", "");
            attr(&th, "scope", "col");
            live_text(&th, Box::new(move || t(key).to_string()));
        }
    }
    let body = child(&table, "tbody", "");
    let nodes: Rc<RefCell<Vec<RowNodes>>> = Rc::new(RefCell::new(Vec::new()));
    live(Box::new(move || {
        let language = locale();
        let rows = rows();
        let mut nodes = nodes.borrow_mut();
        if nodes.len() != rows.len() || nodes.iter().zip(&rows).any(|(n, r)| !n.shows(r)) {
            // Rows that stay keep their elements (a toggled curve adds or removes one row).
            let mut old = std::mem::take(&mut *nodes);
            *nodes = rows
                .iter()
                .map(|row| match old.iter().position(|n| n.shows(row)) {
                    Some(i) => old.remove(i),
                    None => build_row(row),
                })
                .collect();
            dom::arrange(&body, &nodes.iter().map(|n| n.tr.clone()).collect::<Vec<_>>());
        }
        for (row_nodes, row) in nodes.iter_mut().zip(rows) {
            write(&mut row_nodes.label, label_text(&row.label));
            for (cell_node, cell) in row_nodes.cells.iter_mut().zip(row.cells) {
                write(cell_node, shown(language, cell.value));
            }
        }
    }));
    let when = visible.clone();
    live_shown(&table, Box::new(move || when()));
    if let Some(key) = otherwise {
        let p = child(&root, "p", "hint");
        live_text(&p, Box::new(move || t(key).to_string()));
        live_shown(&p, Box::new(move || !visible()));
    }
    if let Some(key) = hint {
        let p = child(&root, "p", "hint");
        live_text(&p, Box::new(move || t(key).to_string()));
    }
    root
}
