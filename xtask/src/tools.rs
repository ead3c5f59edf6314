//! Finding and installing the build and test tools, each skipped when the right version is present.
//!
//! | tool | where from | check |
//! |---|---|---|
//! | wasm32 target | `rustup target add` | `rustup target list --installed` |
//! | trunk 0.21.x | `cargo install --locked` | `trunk --version` |
//! | wasm-bindgen-cli | `cargo install`, the version in Cargo.lock | `wasm-bindgen --version` |
//! | wasm-opt 132 | npm `binaryen@132` in `.tools/` (git-ignored) | `wasm-opt --version` |
//! | chromium, chromedriver | Debian packages (tests only) | `/usr/bin/chromedriver --version` |

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const TRUNK_SERIES: &str = "0.21.";
pub const TRUNK_REQUIREMENT: &str = "~0.21";
pub const BINARYEN_VERSION: &str = "132";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// What a command needs installed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// The wasm build: target, trunk, wasm-bindgen, wasm-opt.
    Build,
    /// The build plus Chromium and ChromeDriver for the browser tests.
    Browser,
}

/// The located tools, and the environment every child process gets.
pub struct Toolchain {
    pub root: PathBuf,
    pub path_env: String,
    pub wasm_bindgen_version: String,
}

impl Toolchain {
    /// Installs whatever is missing and returns where everything is.
    pub fn ensure(needs: Needs) -> Result<Toolchain, String> {
        let root = project_root()?;
        let cargo_bin = cargo_home().join("bin");
        let npm_bin = root.join(".tools/node_modules/.bin");
        let path_env = format!(
            "{}:{}:{}",
            npm_bin.display(),
            cargo_bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let wasm_bindgen_version = locked_version(&root, "wasm-bindgen")?;
        let toolchain = Toolchain { root, path_env, wasm_bindgen_version };
        let started = Instant::now();
        say("checking tools (a first run on a fresh machine installs them: about 20 minutes on 2 cores; later runs skip this)");
        toolchain.ensure_wasm_target()?;
        toolchain.ensure_trunk()?;
        toolchain.ensure_wasm_bindgen()?;
        toolchain.ensure_wasm_opt()?;
        if needs == Needs::Browser {
            toolchain.ensure_chromium()?;
        }
        say(&format!("tools ready ({:.1} s)", started.elapsed().as_secs_f64()));
        Ok(toolchain)
    }

    /// A command with the tools first on PATH and Trunk kept offline.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.root)
            .env("PATH", &self.path_env)
            .env("TRUNK_OFFLINE", "true")
            .env("CHROMEDRIVER", CHROMEDRIVER);
        command
    }

    fn output_of(&self, program: &str, args: &[&str]) -> Option<String> {
        let output = self.command(program).args(args).output().ok()?;
        if !output.status.success() {
            return None;
        }
        Some(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    fn ensure_wasm_target(&self) -> Result<(), String> {
        let installed = self
            .output_of("rustup", &["target", "list", "--installed"])
            .unwrap_or_default();
        if installed.lines().any(|line| line.trim() == "wasm32-unknown-unknown") {
            return ok_present("wasm32-unknown-unknown target");
        }
        install("the wasm32-unknown-unknown target (about 30 s)", self.command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
    }

    fn ensure_trunk(&self) -> Result<(), String> {
        let version = self.output_of("trunk", &["--version"]).unwrap_or_default();
        if version.split_whitespace().nth(1).is_some_and(|v| v.starts_with(TRUNK_SERIES)) {
            return ok_present(version.trim());
        }
        install(
            "trunk 0.21 with `cargo install --locked` (about 14 minutes on 2 cores, once)",
            self.command("cargo").args(["install", "trunk", "--version", TRUNK_REQUIREMENT, "--locked"]),
        )
    }

    fn ensure_wasm_bindgen(&self) -> Result<(), String> {
        let want = &self.wasm_bindgen_version;
        let version = self.output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
        let runner = self.output_of("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
        if version.split_whitespace().nth(1) == Some(want.as_str()) && !runner.is_empty() {
            return ok_present(version.trim());
        }
        // Not `--locked`: its lockfile names a crate version the registry here lacks.
        install(
            &format!("wasm-bindgen-cli {want}, the version in Cargo.lock (about 4 minutes, once)"),
            self.command("cargo").args(["install", "wasm-bindgen-cli", "--version", want]),
        )
    }

    fn ensure_wasm_opt(&self) -> Result<(), String> {
        let version = self.output_of("wasm-opt", &["--version"]).unwrap_or_default();
        let local = self.root.join(".tools/node_modules/.bin/wasm-opt");
        if local.exists() && version.contains(&format!("version {BINARYEN_VERSION}")) {
            return ok_present(version.trim());
        }
        self.npm_install(
            &format!("wasm-opt from npm binaryen@{BINARYEN_VERSION} into .tools/ (about 20 s)"),
            &[format!("binaryen@{BINARYEN_VERSION}")],
        )
    }

    /// `npm install` of `packages` into the git-ignored `.tools/`.
    pub fn npm_install(&self, what: &str, packages: &[String]) -> Result<(), String> {
        if self.output_of("npm", &["--version"]).is_none() {
            return Err("npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm), then run again".into());
        }
        std::fs::create_dir_all(self.root.join(".tools")).map_err(|e| format!("cannot create .tools/: {e}"))?;
        install(what, self.command("npm").args(["install", "--prefix", ".tools", "--no-audit", "--no-fund"]).args(packages))
    }

    fn ensure_chromium(&self) -> Result<(), String> {
        let driver = self.output_of(CHROMEDRIVER, &["--version"]);
        let browser = self.output_of(CHROMIUM, &["--version"]);
        if let (Some(driver), Some(browser)) = (&driver, &browser) {
            ok_present(browser.trim())?;
            return ok_present(driver.trim());
        }
        let is_root = self.output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
        if !is_root {
            return Err("Chromium and ChromeDriver are missing: run `sudo apt-get install chromium chromium-driver`, then run again".into());
        }
        install("Debian's package lists (apt-get update)", self.command("apt-get").arg("update"))?;
        install(
            "chromium and chromium-driver from Debian (about 1 minute)",
            self.command("apt-get")
                .args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    }
}

/// Prints a progress line, flushed, so a long wait is never silent.
pub fn say(message: &str) {
    println!("xtask: {message}");
}

fn ok_present(what: &str) -> Result<(), String> {
    say(&format!("  ok  {what}"));
    Ok(())
}

fn install(what: &str, command: &mut Command) -> Result<(), String> {
    say(&format!("  installing {what} ..."));
    let started = Instant::now();
    let status = command.status().map_err(|e| format!("could not start {command:?}: {e}"))?;
    if !status.success() {
        return Err(format!("installing {what} failed ({status})"));
    }
    say(&format!("  installed in {:.0} s", started.elapsed().as_secs_f64()));
    Ok(())
}

/// The workspace root: the folder above this crate's manifest.
pub fn project_root() -> Result<PathBuf, String> {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").map_err(|_| "run me with `cargo xtask`".to_string())?;
    Path::new(&manifest)
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| "xtask is not inside the workspace".to_string())
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into())).join(".cargo"))
}

/// The version of `package` recorded in Cargo.lock (generating the lock file first if needed).
fn locked_version(root: &Path, package: &str) -> Result<String, String> {
    let lock_path = root.join("Cargo.lock");
    if !lock_path.exists() {
        let status = Command::new("cargo")
            .args(["generate-lockfile"])
            .current_dir(root)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("cargo generate-lockfile failed".into());
        }
    }
    let lock = std::fs::read_to_string(&lock_path).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            if let Some(version_line) = lines.next() {
                if let Some(version) = version_line.trim().strip_prefix("version = ") {
                    return Ok(version.trim_matches('"').to_string());
                }
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}
