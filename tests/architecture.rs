//! The architecture invariants of ARCHITECTURE.md, checked on the source text.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty(), "no Rust files under {}", dir.display());
    files
}

fn src(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)
}

/// Lines of code (comments skipped) that name any of `crates` as a path root.
fn mentions(dir: &str, crates: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(&src(dir)) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for name in crates {
                let as_path = format!("{name}::");
                let as_use = format!("use {name}");
                let as_extern = format!("extern crate {name}");
                if code.contains(&as_path) || code.trim_start().starts_with(&as_use) || code.contains(&as_extern) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn loss_core_imports_no_web_ui_or_plotting_crate() {
    let web = ["leptos", "web_sys", "wasm_bindgen", "js_sys", "plotters", "plotters_canvas", "gloo", "pulldown_latex"];
    let found = mentions("loss", &web);
    assert!(found.is_empty(), "src/loss must stay pure maths:\n{}", found.join("\n"));
}

#[test]
fn plot_imports_no_leptos() {
    let found = mentions("plot", &["leptos"]);
    assert!(found.is_empty(), "src/plot must not import Leptos:\n{}", found.join("\n"));
}

#[test]
fn figures_import_no_web_or_plotting_crate() {
    let found = mentions("figures", &["leptos", "web_sys", "wasm_bindgen", "js_sys", "plotters"]);
    assert!(found.is_empty(), "src/figures must not draw or touch the DOM:\n{}", found.join("\n"));
}

#[test]
fn components_hold_no_maths() {
    // Components may round for display, but every loss, gradient or transcendental function lives elsewhere.
    let maths = [".exp(", ".ln(", ".log10(", ".log2(", ".powf(", ".powi(", ".sqrt(", ".tanh(", ".cosh(", ".sin(", ".cos("];
    let mut found = Vec::new();
    for file in rust_files(&src("ui")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if maths.iter().any(|m| line.contains(m)) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "maths in components:\n{}", found.join("\n"));
}
