//! Build-time generation, so the page ships tables, not parsers:
//!
//! * **Texts.** Every user-facing string lives in TOML locale files a translator edits without knowing
//!   Rust: `src/locales/{en,zh}.toml` (the site: shell, home page, errors) and
//!   `src/chapters/<chapter>/locales/{en,zh}.toml` (each chapter's own). They become one table per
//!   language and one constant per key (`texts::regression::CURVES_TITLE`). A key missing in one
//!   language, a key with different `{placeholders}` in two languages, a non-string value, or a
//!   requirement sentence of the loss core without its translation is a **build error**.
//! * **Formulas.** `src/chapters/<chapter>/formulas.toml` holds LaTeX, rendered here to MathML with
//!   pulldown-latex (the browser draws MathML natively). A LaTeX error is a build error. Parameters
//!   are written `\text{@name@}` and become `<mn data-param="name">`, filled in live at run time.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The page languages, in the order of `crate::i18n::Locale`.
const LANGUAGES: [&str; 2] = ["en", "zh"];
/// The site's own texts: their namespace and folder.
const SITE: (&str, &str) = ("site", "src/locales");
/// Where the chapters live.
const CHAPTERS: &str = "src/chapters";
/// The table of the loss core's requirement sentences (keys: the English sentence itself).
const REQUIREMENTS: &str = "requirements";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={}", SITE.1);
    println!("cargo::rerun-if-changed={CHAPTERS}");
    println!("cargo::rerun-if-changed=src/loss");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut namespaces = vec![(SITE.0.to_string(), PathBuf::from(SITE.1))];
    let mut formula_files = Vec::new();
    for chapter in chapter_folders() {
        let name = chapter.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let locales = chapter.join("locales");
        println!("cargo::rerun-if-changed={}", locales.display());
        if locales.is_dir() {
            namespaces.push((name.clone(), locales));
        }
        let formulas = chapter.join("formulas.toml");
        println!("cargo::rerun-if-changed={}", formulas.display());
        if formulas.is_file() {
            formula_files.push((name, formulas));
        }
    }
    let rendered = render_formulas(&formula_files).unwrap_or_else(|e| panic!("formulas: {e}"));
    let mathml: Vec<String> = rendered.iter().flat_map(|(_, list)| list.iter().map(|f| f.mathml.clone())).collect();
    let (texts, files, first_formula) = generate_texts(&namespaces, &mathml).unwrap_or_else(|e| panic!("locale files: {e}"));
    std::fs::write(out.join("texts.rs"), texts).expect("write the generated texts");
    write_text_files(&out, &files);
    std::fs::write(out.join("formulas.rs"), generate_formulas(&rendered, first_formula)).expect("write the generated formulas");
}

fn chapter_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(CHAPTERS)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    folders.sort();
    folders
}

// ------------------------------------------------------------------------------------------------
// Texts

/// One locale file flattened: `section.key` → text.
type Flat = BTreeMap<String, String>;

fn read_toml(path: &Path) -> Result<toml::Table, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    source.parse::<toml::Table>().map_err(|e| format!("{}: {e}", path.display()))
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut Flat, path: &Path) -> Result<(), String> {
    for (key, value) in table {
        let full = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            toml::Value::String(text) => {
                out.insert(full, text.clone());
            }
            toml::Value::Table(inner) => flatten(&full, inner, out, path)?,
            other => return Err(format!("{}: `{full}` is a {}, not a text", path.display(), other.type_str())),
        }
    }
    Ok(())
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && close > 0 => {
                found.insert(after[..close].to_string());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

/// `curves.title` → `CURVES_TITLE`.
fn const_name(key: &str) -> String {
    key.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect()
}

/// Every string literal of the loss core that states a requirement ("must …"), which an error
/// message shows and so needs a translation.
fn requirement_sentences() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![PathBuf::from("src/loss"), PathBuf::from(CHAPTERS)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap_or_default();
                for piece in source.split("\"must ").skip(1) {
                    if let Some(end) = piece.find('"') {
                        found.insert(format!("must {}", &piece[..end]));
                    }
                }
            }
        }
    }
    found
}

/// A language's text file: its name on the site (`texts/en-<hash>.txt`, so a cached old file is never
/// read by a newer page) and its content (the texts in table order, separated by NUL).
struct TextFile {
    language: &'static str,
    name: String,
    content: String,
}

/// FNV-1a, 64 bits: the text files' content hash.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Writes each language's text file into `OUT_DIR` (the native build and the browser tests embed
/// it) and into `<target>/<triple>/<profile>/texts/` (Trunk's post-build hook copies that folder into
/// the site, see Trunk.toml), removing older files there.
fn write_text_files(out: &Path, files: &[TextFile]) {
    for file in files {
        std::fs::write(out.join(format!("{}.txt", file.language)), &file.content).expect("write a text file");
    }
    // OUT_DIR is <target>/<triple>/<profile>/build/<package>-<hash>/out.
    let Some(site) = out.ancestors().nth(3).map(|profile| profile.join("texts")) else { return };
    let _ = std::fs::create_dir_all(&site);
    if let Ok(entries) = std::fs::read_dir(&site) {
        for path in entries.flatten().map(|e| e.path()) {
            if !files.iter().any(|file| path.ends_with(&file.name)) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    for file in files {
        let name = file.name.trim_start_matches("texts/");
        std::fs::write(site.join(name), &file.content).expect("write a text file for the site");
    }
}

/// The locale files' tables, with `shared` (the formulas' MathML, the same in every language) after
/// the texts of every table: the Rust code, the texts file names and the index of the first shared entry.
fn generate_texts(namespaces: &[(String, PathBuf)], shared: &[String]) -> Result<(String, Vec<TextFile>, usize), String> {
    // (namespace, key) in a stable order, and each language's texts for them.
    let mut keys: Vec<(String, String)> = Vec::new();
    let mut tables: Vec<Vec<String>> = vec![Vec::new(); LANGUAGES.len()];
    for (namespace, folder) in namespaces {
        let mut flats = Vec::new();
        for language in LANGUAGES {
            let path = folder.join(format!("{language}.toml"));
            let mut flat = Flat::new();
            flatten("", &read_toml(&path)?, &mut flat, &path)?;
            flats.push((path, flat));
        }
        let (first_path, first) = &flats[0];
        for (path, flat) in &flats[1..] {
            for key in first.keys() {
                if !flat.contains_key(key) {
                    return Err(format!("`{key}` is in {} but missing in {}", first_path.display(), path.display()));
                }
            }
            for key in flat.keys() {
                if !first.contains_key(key) {
                    return Err(format!("`{key}` is in {} but missing in {}", path.display(), first_path.display()));
                }
            }
            for (key, text) in first {
                if placeholders(text) != placeholders(&flat[key]) {
                    return Err(format!(
                        "`{key}` has placeholders {:?} in {} but {:?} in {}",
                        placeholders(text),
                        first_path.display(),
                        placeholders(&flat[key]),
                        path.display()
                    ));
                }
            }
        }
        for key in first.keys() {
            keys.push((namespace.clone(), key.clone()));
            for (table, (_, flat)) in tables.iter_mut().zip(&flats) {
                table.push(flat[key].clone());
            }
        }
    }
    let site_requirements: BTreeSet<String> = keys
        .iter()
        .filter(|(ns, key)| ns == SITE.0 && key.starts_with(&format!("{REQUIREMENTS}.")))
        .map(|(_, key)| key[REQUIREMENTS.len() + 1..].to_string())
        .collect();
    for sentence in requirement_sentences() {
        if !site_requirements.contains(&sentence) {
            return Err(format!(
                "the loss core's requirement \"{sentence}\" has no translation: add it to [{REQUIREMENTS}] in every {}/*.toml",
                SITE.1
            ));
        }
    }

    let n = keys.len();
    for table in &mut tables {
        table.extend(shared.iter().cloned());
    }
    let mut files = Vec::new();
    for (language, table) in LANGUAGES.iter().zip(&tables) {
        if let Some(text) = table.iter().find(|text| text.contains('\0')) {
            return Err(format!("a {language} text contains a NUL character: {text:?}"));
        }
        let content = table.join("\0");
        let name = format!("texts/{language}-{:012x}.txt", fnv1a(content.as_bytes()) >> 16);
        files.push(TextFile { language, name, content });
    }
    let mut out = String::from("// Generated by build.rs from the locale files. Do not edit: edit the .toml files.\n\n");
    let _ = writeln!(out, "/// The number of texts.\npub const COUNT: usize = {n};\n");
    let _ = writeln!(out, "/// The number of entries of a text file: the texts, then the formulas' MathML.\npub const ENTRIES: usize = {};\n", n + shared.len());
    out.push_str("/// Each language's text file on the site (relative to the page), in the order of `Locale::ALL`.\n");
    let names: Vec<String> = files.iter().map(|file| format!("{:?}", file.name)).collect();
    let _ = writeln!(out, "pub const FILES: [&str; {}] = [{}];\n", files.len(), names.join(", "));
    out.push_str("/// The same files' content, built in (native builds and the browser tests; the site fetches them).\n");
    let embedded: Vec<String> =
        files.iter().map(|file| format!("include_str!(concat!(env!(\"OUT_DIR\"), \"/{}.txt\"))", file.language)).collect();
    let _ = writeln!(out, "pub static EMBEDDED: [&str; {}] = [{}];\n", files.len(), embedded.join(", "));
    out.push_str("/// The full key of every text (`namespace.section.key`), for tests and messages.\n");
    let _ = writeln!(out, "#[cfg(not(target_arch = \"wasm32\"))]\npub static KEYS: [&str; {n}] = [");
    for (namespace, key) in &keys {
        let _ = writeln!(out, "    \"{namespace}.{key}\",");
    }
    out.push_str("];\n\n");
    let mut requirement_rows: Vec<(String, usize)> = Vec::new();
    let mut current = String::new();
    for (index, (namespace, key)) in keys.iter().enumerate() {
        if *namespace != current {
            if !current.is_empty() {
                out.push_str("}\n\n");
            }
            let _ = writeln!(out, "/// The texts of `{namespace}`.\n#[allow(dead_code)]\npub mod {namespace} {{\n    use crate::i18n::Text;");
            current = namespace.clone();
        }
        if namespace == SITE.0 && key.starts_with(&format!("{REQUIREMENTS}.")) {
            requirement_rows.push((key[REQUIREMENTS.len() + 1..].to_string(), index));
            continue;
        }
        let _ = writeln!(out, "    pub const {}: Text = Text({index});", const_name(key));
    }
    if !current.is_empty() {
        out.push_str("}\n\n");
    }
    requirement_rows.sort();
    out.push_str("/// The loss core's requirement sentences (English, as in its errors) and their texts, sorted.\n");
    let _ = writeln!(out, "pub static REQUIREMENTS: [(&str, super::Text); {}] = [", requirement_rows.len());
    for (sentence, index) in requirement_rows {
        let _ = writeln!(out, "    ({sentence:?}, super::Text({index})),");
    }
    out.push_str("];\n");
    Ok((out, files, n))
}

// ------------------------------------------------------------------------------------------------
// Formulas

/// `<mtext>@name@</mtext>` (from `\text{@name@}`) becomes `<mn data-param="name">@name@</mn>`: a number
/// the page can find and rewrite in place when its slider moves.
fn mark_parameters(mathml: &str) -> String {
    let mut out = String::with_capacity(mathml.len());
    let mut rest = mathml;
    while let Some(at) = rest.find("<mtext>@") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "<mtext>@".len()..];
        match after.find("@</mtext>") {
            Some(end) => {
                let name = &after[..end];
                let _ = write!(out, "<mn data-param=\"{name}\">@{name}@</mn>");
                rest = &after[end + "@</mtext>".len()..];
            }
            None => {
                out.push_str("<mtext>@");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn render(key: &str, latex: &str) -> Result<String, String> {
    let storage = Storage::new();
    let parser = Parser::new(latex, &storage);
    // No LaTeX annotation: the MathML is what readers (and screen readers) get; the source would only
    // double the bytes the page ships.
    let config = RenderConfig { display_mode: DisplayMode::Block, annotation: None, ..RenderConfig::default() };
    let mut mathml = String::new();
    push_mathml(&mut mathml, parser, config).map_err(|e| format!("formula {key:?} does not render: {e}"))?;
    if mathml.contains("merror") {
        return Err(format!("formula {key:?} has a LaTeX error: {mathml}"));
    }
    // `symmetric` only matters for an operator that stretches; on the others it is noise.
    let mathml = mathml.replace(" symmetric=\"false\" stretchy=\"false\"", " stretchy=\"false\"");
    Ok(mark_parameters(&mathml))
}

/// One formula rendered: its key, its LaTeX and its MathML.
struct Rendered {
    key: String,
    latex: String,
    mathml: String,
}

/// Every chapter's formulas rendered to MathML, in file order.
fn render_formulas(files: &[(String, PathBuf)]) -> Result<Vec<(String, Vec<Rendered>)>, String> {
    let mut chapters = Vec::new();
    for (chapter, path) in files {
        let mut list = Vec::new();
        for (key, value) in &read_toml(path)? {
            let latex = value.as_str().ok_or_else(|| format!("{}: `{key}` is not a LaTeX string", path.display()))?;
            list.push(Rendered { key: key.clone(), latex: latex.to_string(), mathml: render(key, latex)? });
        }
        chapters.push((chapter.clone(), list));
    }
    Ok(chapters)
}

/// One `Formula` constant per formula; its MathML is entry `first + i` of the text files (so it does
/// not weigh on the wasm).
fn generate_formulas(chapters: &[(String, Vec<Rendered>)], first: usize) -> String {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let mut out = String::from("// Generated by build.rs from the chapters' formulas.toml. Do not edit.\n\n");
    let mut index = first;
    for (chapter, list) in chapters {
        let _ = writeln!(out, "/// The formulas of `{chapter}`.\n#[allow(dead_code)]\npub mod {chapter} {{\n    use crate::formula::Formula;\n    use crate::i18n::Text;");
        let mut names = Vec::new();
        for formula in list {
            let name = const_name(&formula.key);
            // The LaTeX source is for native tests only; the page needs the MathML alone.
            let latex = if wasm { String::new() } else { format!(" latex: {:?},", formula.latex) };
            let _ = writeln!(out, "    pub const {name}: Formula = Formula {{ key: {:?},{latex} mathml: Text({index}) }};", formula.key);
            names.push(name);
            index += 1;
        }
        let _ = writeln!(out, "    /// Every formula of the chapter.\n    pub const ALL: &[Formula] = &[{}];\n}}\n", names.join(", "));
    }
    out
}
