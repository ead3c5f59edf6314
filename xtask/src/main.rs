//! Loss Lab's two developer commands.
//!
//! * `cargo xtask serve` — install what is missing, build, serve on http://127.0.0.1:8080.
//! * `cargo xtask test`  — install what is missing (plus Chromium), run every test, print one summary line.
//! * `cargo xtask bench` — the loss core against TensorFlow.js in headless Chromium, and natively.
//!
//! Every install is skipped when the right version is already there, so a second run is quick.
//! Only the standard library is used, so this crate compiles in seconds on a fresh machine.

mod bench;
mod steps;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => steps::serve(&args[1..]),
        Some("test") => steps::test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("setup") => tools::Toolchain::ensure(tools::Needs::Browser).map(|_| ()),
        _ => {
            eprintln!(
                "usage: cargo xtask <command>\n\n\
                 commands:\n  \
                 serve [--dev]   install what is missing, build (release unless --dev), serve on http://127.0.0.1:8080\n  \
                 test            install what is missing, run every test, check the size budget\n  \
                 bench [--quick] [--only a,b]  the loss core vs TensorFlow.js in Chromium, and natively\n  \
                 setup           only install what is missing (tools and Chromium)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}
