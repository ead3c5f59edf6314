//! The two commands, as ordered steps.

use crate::tools::{say, Needs, Toolchain};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Gzip budget for the shipped wasm + JS, in bytes.
const SIZE_BUDGET_BYTES: u64 = 300 * 1024;
pub const SERVE_URL: &str = "http://127.0.0.1:8080";

/// `cargo xtask serve [--dev]`
pub fn serve(args: &[String]) -> Result<(), String> {
    let tools = Toolchain::ensure(Needs::Build)?;
    check_trunk_toml(&tools)?;
    let dev = args.iter().any(|a| a == "--dev");
    say(&format!(
        "building ({} profile; a first release build takes about 3 minutes) and serving on {SERVE_URL}",
        if dev { "dev" } else { "release" }
    ));
    say(&format!("open {SERVE_URL} in a browser once Trunk says it is serving; Ctrl-C stops"));
    let mut trunk = tools.command("trunk");
    trunk.args(["serve", "--address", "127.0.0.1", "--port", "8080"]);
    if !dev {
        trunk.arg("--release");
    }
    let status = trunk.status().map_err(|e| format!("could not start trunk: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("trunk serve ended with {status}"))
    }
}

/// Tallies of tests across every runner.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

/// `cargo xtask test`
pub fn test(_args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let tools = Toolchain::ensure(Needs::Browser)?;
    check_trunk_toml(&tools)?;
    let mut tally = Tally::default();
    let outcome = run_all(&tools, &mut tally);
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    if let Err(message) = &outcome {
        tally.failed = tally.failed.max(1);
        say(&format!("FAILED: {message}"));
    }
    say(&format!("finished in {minutes:.1} min"));
    println!("summary: {} passed, {} failed", tally.passed, tally.failed);
    outcome
}

fn run_all(tools: &Toolchain, tally: &mut Tally) -> Result<(), String> {
    step("1/5 host tests (cargo test)");
    run_counting(tools.command("cargo").args(["test", "--workspace"]), tally)?;

    step("2/5 component tests in headless Chromium (wasm-bindgen-test)");
    run_counting(
        tools
            .command("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "--test", "browser"]),
        tally,
    )?;

    step("3/5 release build (trunk build --release)");
    run(tools.command("trunk").args(["build", "--release"]))?;

    step("4/5 end-to-end tests against dist/ in headless Chromium (fantoccini)");
    run_counting(
        tools
            .command("cargo")
            .args(["test", "--features", "e2e", "--test", "e2e", "--", "--test-threads=1"]),
        tally,
    )?;
    print_timing_reports(tools);

    step("5/5 size budget (wasm + JS, gzip)");
    let bytes = gzip_size_of_dist(tools)?;
    say(&format!(
        "wasm + JS: {:.1} KB gzip (budget {} KB)",
        bytes as f64 / 1024.0,
        SIZE_BUDGET_BYTES / 1024
    ));
    // The texts are a file per language beside the page (a visit fetches one): reported, not code.
    if let Ok(entries) = std::fs::read_dir(tools.root.join("dist").join("texts")) {
        for path in entries.flatten().map(|e| e.path()) {
            let size = Command::new("gzip").args(["-9", "-c"]).arg(&path).output().map(|o| o.stdout.len()).unwrap_or(0);
            say(&format!("  texts {}: {:.1} KB gzip", path.file_name().unwrap_or_default().to_string_lossy(), size as f64 / 1024.0));
        }
    }
    if bytes > SIZE_BUDGET_BYTES {
        tally.failed += 1;
        return Err(format!("the wasm + JS size {bytes} B gzip exceeds the budget {SIZE_BUDGET_BYTES} B"));
    }
    tally.passed += 1;
    Ok(())
}

/// The in-browser redraw timings the e2e timing runs wrote (`target/redraw-timing*.txt`).
fn print_timing_reports(tools: &Toolchain) {
    let Ok(entries) = std::fs::read_dir(tools.root.join("target")) else { return };
    let mut reports: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("redraw-timing")))
        .collect();
    reports.sort();
    for report in reports {
        if let Ok(text) = std::fs::read_to_string(&report) {
            for line in text.lines() {
                say(&format!("timing: {line}"));
            }
        }
    }
}

fn step(name: &str) {
    println!();
    say(&format!("== {name}"));
}

pub(crate) fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("could not start {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} ended with {status}"))
    }
}

/// Runs a test command, echoing its output and adding up its `test result:` lines.
fn run_counting(command: &mut Command, tally: &mut Tally) -> Result<(), String> {
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some((passed, failed)) = parse_result_line(&line) {
                tally.passed += passed;
                tally.failed += failed;
            }
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} ended with {status}"))
    }
}

/// `test result: ok. 12 passed; 0 failed; ...` → (12, 0)
fn parse_result_line(line: &str) -> Option<(u64, u64)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| -> Option<u64> {
        let words: Vec<&str> = rest.split([' ', ';', '.']).filter(|w| !w.is_empty()).collect();
        let at = words.iter().position(|w| *w == word)?;
        words.get(at.checked_sub(1)?)?.parse().ok()
    };
    Some((number_before("passed")?, number_before("failed")?))
}

/// Trunk.toml must name the wasm-bindgen version that Cargo.lock has, or Trunk would try to download one.
fn check_trunk_toml(tools: &Toolchain) -> Result<(), String> {
    let trunk_toml = std::fs::read_to_string(tools.root.join("Trunk.toml")).map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    let expected = format!("wasm_bindgen = \"{}\"", tools.wasm_bindgen_version);
    if trunk_toml.lines().any(|line| line.trim() == expected) {
        Ok(())
    } else {
        Err(format!("Trunk.toml must say `{expected}` under [tools] (the wasm-bindgen version in Cargo.lock)"))
    }
}

/// Sum of the gzip sizes of every .wasm and .js file in dist/.
fn gzip_size_of_dist(tools: &Toolchain) -> Result<u64, String> {
    let dist = tools.root.join("dist");
    let entries = std::fs::read_dir(&dist).map_err(|e| format!("cannot read dist/: {e}"))?;
    let mut total = 0;
    let mut counted = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let is_code = path.extension().is_some_and(|ext| ext == "wasm" || ext == "js");
        if !is_code {
            continue;
        }
        let output = Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&path)
            .output()
            .map_err(|e| format!("could not run gzip: {e}"))?;
        if !output.status.success() {
            return Err(format!("gzip failed on {}", path.display()));
        }
        let size = output.stdout.len() as u64;
        say(&format!("  {}: {:.1} KB gzip", path.file_name().unwrap_or_default().to_string_lossy(), size as f64 / 1024.0));
        total += size;
        counted += 1;
    }
    if counted == 0 {
        return Err("dist/ has no .wasm or .js file".into());
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::parse_result_line;

    #[test]
    fn reads_cargo_and_wasm_bindgen_result_lines() {
        assert_eq!(parse_result_line("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s"), Some((12, 0)));
        assert_eq!(parse_result_line("test result: FAILED. 3 passed; 2 failed; 0 ignored"), Some((3, 2)));
        assert_eq!(parse_result_line("running 3 tests"), None);
    }
}
