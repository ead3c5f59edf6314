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

/// Every line of code (comments skipped) of the Rust files under `src/{dir}`, with its place.
fn code_lines(dir: &str) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let single = src(&format!("{dir}.rs"));
    let files = if single.is_file() { vec![single] } else { rust_files(&src(dir)) };
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("").to_string();
            lines.push((format!("{}:{}", file.display(), n + 1), code));
        }
    }
    lines
}

/// Lines of code that name any of `crates` as a path root.
fn mentions(dir: &str, crates: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (place, code) in code_lines(dir) {
        for name in crates {
            let as_path = format!("{name}::");
            let as_use = format!("use {name}");
            let as_extern = format!("extern crate {name}");
            if code.contains(&as_path) || code.trim_start().starts_with(&as_use) || code.contains(&as_extern) {
                found.push(format!("{place}: {}", code.trim()));
            }
        }
    }
    found
}

/// The crate's own modules a directory's code reaches (`crate::x`).
fn crate_modules_used(dir: &str) -> Vec<(String, String)> {
    let mut used = Vec::new();
    for (place, code) in code_lines(dir) {
        let mut rest = code.as_str();
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let module: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !module.is_empty() {
                used.push((module, place.clone()));
            }
            rest = after;
        }
    }
    used
}

/// `dir` reaches only these modules of the crate (itself included).
fn assert_uses_only(dir: &str, allowed: &[&str]) {
    let top = dir.split('/').next().unwrap_or(dir);
    let wrong: Vec<String> = crate_modules_used(dir)
        .into_iter()
        .filter(|(module, _)| module != top && !allowed.contains(&module.as_str()))
        .map(|(module, place)| format!("{place}: crate::{module}"))
        .collect();
    assert!(wrong.is_empty(), "src/{dir} may use only {allowed:?}:\n{}", wrong.join("\n"));
}

const WEB: [&str; 8] = ["leptos", "web_sys", "wasm_bindgen", "js_sys", "plotters", "plotters_canvas", "gloo", "pulldown_latex"];

#[test]
fn loss_core_imports_no_web_ui_or_plotting_crate() {
    let found = mentions("loss", &WEB);
    assert!(found.is_empty(), "src/loss must stay pure maths:\n{}", found.join("\n"));
    assert_uses_only("loss", &[]);
}

#[test]
fn plot_imports_no_leptos_and_no_figure_or_chapter() {
    let found = mentions("plot", &["leptos"]);
    assert!(found.is_empty(), "src/plot must not import Leptos:\n{}", found.join("\n"));
    assert_uses_only("plot", &["i18n", "format"]);
}

#[test]
fn figures_and_chapters_import_no_leptos_or_web_sys() {
    for dir in ["figure", "chapters"] {
        let found = mentions(dir, &["leptos", "web_sys", "wasm_bindgen", "js_sys", "plotters_canvas", "gloo"]);
        assert!(found.is_empty(), "src/{dir} must be plain Rust (tested natively):\n{}", found.join("\n"));
    }
    assert_uses_only("figure", &["plot", "i18n", "formula", "format", "loss"]);
    assert_uses_only("chapters", &["figure", "plot", "loss", "i18n", "formula", "format"]);
}

/// The modules form layers — loss; format, i18n, formula; plot; figure; chapters; ui — and each
/// uses only those below it (so no module import cycle).
#[test]
fn modules_form_layers_without_cycles() {
    assert_uses_only("format", &["i18n"]);
    assert_uses_only("i18n", &["loss", "format"]);
    assert_uses_only("formula", &["format", "i18n"]);
    assert_uses_only("ui", &["chapters", "figure", "plot", "i18n", "formula", "format"]);
}

#[test]
fn components_call_no_loss_function_and_hold_no_maths() {
    let found = mentions("ui", &["crate::loss"]);
    assert!(found.is_empty(), "src/ui calls the loss core directly:\n{}", found.join("\n"));
    // Components may round for display, but every loss, gradient or transcendental function lives elsewhere.
    let maths = [".exp(", ".ln(", ".log10(", ".log2(", ".powf(", ".powi(", ".sqrt(", ".tanh(", ".cosh(", ".sin(", ".cos("];
    let found: Vec<String> = code_lines("ui")
        .into_iter()
        .filter(|(_, code)| maths.iter().any(|m| code.contains(m)))
        .map(|(place, code)| format!("{place}: {}", code.trim()))
        .collect();
    assert!(found.is_empty(), "maths in components:\n{}", found.join("\n"));
}

/// A string literal that reads like a sentence or a label (a capital letter, then words) is a
/// user-facing text that belongs in a locale file. Console and panic messages are for developers.
#[test]
fn user_facing_strings_come_from_the_locale_files() {
    let mut found = Vec::new();
    for dir in ["ui", "chapters", "figure"] {
        for (place, code) in code_lines(dir) {
            if code.contains("console::") || code.contains("panic!") || code.contains("expect(") {
                continue;
            }
            let mut rest = code.as_str();
            while let Some(open) = rest.find('"') {
                let after = &rest[open + 1..];
                let Some(close) = after.find('"') else { break };
                let literal = &after[..close];
                let words: Vec<&str> = literal.split_whitespace().collect();
                let prose = words.len() >= 2
                    && words[0].chars().next().is_some_and(char::is_uppercase)
                    && words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || ",.:;!?'’".contains(c)));
                if prose {
                    found.push(format!("{place}: \"{literal}\""));
                }
                rest = &after[close + 1..];
            }
        }
    }
    assert!(found.is_empty(), "user-facing text outside the locale files:\n{}", found.join("\n"));
}
