//! `cargo xtask bench`: the loss core against TensorFlow.js in one headless Chromium, plus the native
//! criterion benches, as one table.
//!
//! 1. builds `benches/web` (the core behind wasm-bindgen) with the site's release profile, then
//!    wasm-bindgen and `wasm-opt -Os --converge` as Trunk does for the site;
//! 2. installs TensorFlow.js from npm into `.tools/` and copies it beside the page in `target/bench/web/`;
//! 3. serves that folder on 127.0.0.1 (standard library only) and opens it in headless Chromium, which
//!    times both sides and POSTs tab-separated results to `/result`;
//! 4. runs the criterion benches of the same workloads natively;
//! 5. writes `target/bench/bench.json` and `target/bench/bench.md` and prints the table.

use crate::steps::run;
use crate::tools::{say, Needs, Toolchain, CHROMIUM};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// TensorFlow.js from npm, the version the issue measured.
pub const TFJS_VERSION: &str = "4.22.0";

/// Workloads in table order: the page's name, the table's label, the criterion bench with the same
/// computation (group/function).
const WORKLOADS: [(&str, &str, &str); 7] = [
    ("huber", "Huber δ=1, 1M elements", "elementwise_1M/huber_value_and_grad_into"),
    ("mse", "MSE, 1M elements", "elementwise_1M/mse_value_and_grad_into"),
    ("memory", "plain memory pass: out = x − t, Σ out, 1M", "elementwise_1M/memory_pass"),
    ("cross_entropy", "softmax cross-entropy 10,000 × 100 (ε = 0.1)", "cross_entropy_10000x100/value_and_grad_into"),
    ("batch_all_2d", "batch-all triplet, 256 points (16×16), 2-D", "batch_all_256_points_16x16/2d_fused_value_and_grad"),
    ("batch_all_128d", "batch-all triplet, 256 points, 128-D", "batch_all_256_points_16x16/128d_fused_value_and_grad"),
    ("circle_grid", "circle loss 400×400 grid (value), m=0.25, γ=256", "circle_grid_400x400/grid_into_gamma_256_m_0_25"),
];

/// Largest disagreement with TensorFlow.js accepted (relative to the output's scale): f32 precision
/// over sums of up to 10⁶ terms.
const AGREEMENT: f64 = 1e-3;

/// One workload's measurements (ms).
#[derive(Debug, Default, Clone)]
struct Row {
    ours: (f64, f64),
    tfjs: (f64, f64),
    tfjs_cpu_once: f64,
    value_disagreement: f64,
    output_disagreement: f64,
    native: Option<f64>,
}

/// `cargo xtask bench [--quick] [--only a,b]`
pub fn bench(args: &[String]) -> Result<(), String> {
    let tools = Toolchain::ensure(Needs::Browser)?;
    ensure_tfjs(&tools)?;
    let quick = args.iter().any(|a| a == "--quick");
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let out = tools.root.join("target/bench");
    let web = out.join("web");
    build_page(&tools, &web)?;
    say("timing the core and TensorFlow.js in headless Chromium (about 2 minutes)");
    let query = format!("?samples={}{}", if quick { 10 } else { 30 }, only.as_deref().map(|o| format!("&only={o}")).unwrap_or_default());
    let report = run_page(&web, &query)?;
    let (meta, mut rows) = parse_report(&report)?;
    say("the same workloads natively (criterion, about 2 minutes)");
    run_criterion(&tools, quick)?;
    for (name, _, criterion_id) in WORKLOADS {
        if let Some(row) = rows.iter_mut().find(|(n, _)| n == name) {
            row.1.native = criterion_median_ms(&tools.root, criterion_id);
        }
    }
    let table = markdown(&meta, &rows);
    std::fs::write(out.join("bench.md"), &table).map_err(|e| format!("cannot write bench.md: {e}"))?;
    std::fs::write(out.join("bench.json"), json(&meta, &rows)).map_err(|e| format!("cannot write bench.json: {e}"))?;
    println!("\n{table}");
    say(&format!("wrote {} and bench.md", out.join("bench.json").display()));
    let disagreeing: Vec<&str> = rows
        .iter()
        .filter(|(_, r)| !(r.value_disagreement <= AGREEMENT && r.output_disagreement <= AGREEMENT))
        .map(|(n, _)| n.as_str())
        .collect();
    if disagreeing.is_empty() {
        Ok(())
    } else {
        Err(format!("the core and TensorFlow.js disagree beyond {AGREEMENT:e} on: {}", disagreeing.join(", ")))
    }
}

/// `.tools/node_modules/@tensorflow/{tfjs,tfjs-backend-wasm}` at [`TFJS_VERSION`].
fn ensure_tfjs(tools: &Toolchain) -> Result<(), String> {
    let modules = tools.root.join(".tools/node_modules/@tensorflow");
    let has = |package: &str| {
        std::fs::read_to_string(modules.join(package).join("package.json"))
            .is_ok_and(|text| text.contains(&format!("\"version\": \"{TFJS_VERSION}\"")))
    };
    if has("tfjs") && has("tfjs-backend-wasm") {
        say(&format!("  ok  TensorFlow.js {TFJS_VERSION}"));
        return Ok(());
    }
    tools.npm_install(
        &format!("TensorFlow.js {TFJS_VERSION} from npm into .tools/ (about 1 minute)"),
        &[format!("@tensorflow/tfjs@{TFJS_VERSION}"), format!("@tensorflow/tfjs-backend-wasm@{TFJS_VERSION}")],
    )
}

/// The page in `web`: the core's wasm (release profile, wasm-bindgen, wasm-opt -Os --converge), bench.js,
/// index.html and TensorFlow.js.
fn build_page(tools: &Toolchain, web: &Path) -> Result<(), String> {
    say("building the benchmark page (release profile, as the site)");
    run(tools.command("cargo").args([
        "build",
        "--package",
        "loss-lab-bench-web",
        "--lib",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    let _ = std::fs::remove_dir_all(web);
    std::fs::create_dir_all(web.join("tfjs")).map_err(|e| format!("cannot create {}: {e}", web.display()))?;
    let wasm = tools.root.join("target/wasm32-unknown-unknown/release/loss_lab_bench_web.wasm");
    run(tools
        .command("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(web)
        .arg(&wasm))?;
    let bg = web.join("loss_lab_bench_web_bg.wasm");
    run(tools.command("wasm-opt").args(["-Os", "--converge"]).arg(&bg).arg("-o").arg(&bg))?;
    let source = tools.root.join("benches/web");
    let tfjs = tools.root.join(".tools/node_modules/@tensorflow");
    let copies: [(PathBuf, PathBuf); 6] = [
        (source.join("index.html"), web.join("index.html")),
        (source.join("bench.js"), web.join("bench.js")),
        (tfjs.join("tfjs/dist/tf.min.js"), web.join("tfjs/tf.min.js")),
        (tfjs.join("tfjs-backend-wasm/dist/tf-backend-wasm.min.js"), web.join("tfjs/tf-backend-wasm.min.js")),
        (tfjs.join("tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm"), web.join("tfjs/tfjs-backend-wasm-simd.wasm")),
        (tfjs.join("tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"), web.join("tfjs/tfjs-backend-wasm.wasm")),
    ];
    for (from, to) in copies {
        std::fs::copy(&from, &to).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
    }
    Ok(())
}

/// Serves `web`, opens the page in headless Chromium (its own process group, killed afterwards) and
/// returns what it POSTed.
fn run_page(web: &Path, query: &str) -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot listen: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let (sender, receiver) = mpsc::channel::<String>();
    let root = web.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if let Some(body) = serve_one(stream, &root) {
                let _ = sender.send(body);
            }
        }
    });
    let profile = std::env::temp_dir().join(format!("loss-lab-bench-{}", std::process::id()));
    let url = format!("http://127.0.0.1:{port}/index.html{query}");
    let mut command = std::process::Command::new(CHROMIUM);
    command
        .args(["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(&url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command.spawn().map_err(|e| format!("could not start {CHROMIUM}: {e}"))?;
    let result = receiver.recv_timeout(Duration::from_secs(900));
    let _ = std::process::Command::new("kill").args(["-TERM", "--", &format!("-{}", child.id())]).status();
    let _ = std::fs::remove_dir_all(&profile);
    result.map_err(|_| format!("the benchmark page did not report within 15 minutes ({url})"))
}

/// Answers one request: a file under `root`, or the POSTed body of `/result` (returned).
fn serve_one(mut stream: TcpStream, root: &Path) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    let path = target.split('?').next().unwrap_or("/");
    if method == "POST" && path == "/result" {
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        return Some(String::from_utf8_lossy(&body).into_owned());
    }
    let file = path.trim_start_matches('/');
    let safe = !file.split('/').any(|part| part == ".." || part.is_empty());
    match std::fs::read(root.join(file)).ok().filter(|_| safe) {
        Some(bytes) => {
            let kind = match Path::new(file).extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("wasm") => "application/wasm",
                _ => "application/octet-stream",
            };
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", bytes.len());
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&bytes));
        }
        None => {
            let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    }
    None
}

type Meta = Vec<(String, String)>;

/// The page's tab-separated lines: `meta key value`, `row name ours_median ours_p95 tfjs_median
/// tfjs_p95 tfjs_cpu_once value_disagreement output_disagreement …`, or `error message`.
fn parse_report(report: &str) -> Result<(Meta, Vec<(String, Row)>), String> {
    let mut meta = Vec::new();
    let mut rows = Vec::new();
    for line in report.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["error", message, ..] => return Err(format!("the benchmark page failed: {message}")),
            ["meta", key, value] => meta.push((key.to_string(), value.to_string())),
            ["row", name, numbers @ ..] if numbers.len() >= 7 => {
                let n = |i: usize| numbers[i].parse::<f64>().unwrap_or(f64::NAN);
                let row = Row {
                    ours: (n(0), n(1)),
                    tfjs: (n(2), n(3)),
                    tfjs_cpu_once: n(4),
                    value_disagreement: n(5),
                    output_disagreement: n(6),
                    native: None,
                };
                rows.push((name.to_string(), row));
            }
            _ => {}
        }
    }
    if rows.is_empty() {
        return Err(format!("the benchmark page reported no workload: {report}"));
    }
    Ok((meta, rows))
}

fn run_criterion(tools: &Toolchain, quick: bool) -> Result<(), String> {
    let filter = WORKLOADS.iter().map(|(_, _, id)| id.replace('.', "\\.")).collect::<Vec<_>>().join("|");
    let times: [&str; 4] = if quick { ["--warm-up-time", "0.5", "--measurement-time", "1"] } else { ["--warm-up-time", "1", "--measurement-time", "3"] };
    run(tools
        .command("cargo")
        .args(["bench", "--package", "loss-lab", "--bench", "loss", "--"])
        .args(times)
        .arg(format!("^({filter})$")))
}

/// The median of a criterion bench in ms, from `target/criterion/<group>/<function>/new/estimates.json`.
fn criterion_median_ms(root: &Path, id: &str) -> Option<f64> {
    let text = std::fs::read_to_string(root.join("target/criterion").join(id).join("new/estimates.json")).ok()?;
    let median = &text[text.find("\"median\"")?..];
    let estimate = &median[median.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
    let end = estimate.find([',', '}'])?;
    estimate[..end].trim().parse::<f64>().ok().map(|ns| ns / 1e6)
}

fn label(name: &str) -> &str {
    WORKLOADS.iter().find(|(n, _, _)| *n == name).map_or(name, |(_, label, _)| label)
}

fn markdown(meta: &Meta, rows: &[(String, Row)]) -> String {
    let get = |key: &str| meta.iter().find(|(k, _)| k == key).map_or("?", |(_, v)| v.as_str());
    let mut out = format!(
        "Loss core vs TensorFlow.js {} (WASM backend, SIMD {}, threads {}), headless Chromium; median (p95) ms per call, value + gradient unless said.\n\n",
        get("tfjs"),
        get("tfjs_wasm_simd"),
        get("tfjs_wasm_threads")
    );
    out.push_str("| workload | tfjs-wasm | core in wasm | core native | tfjs-cpu (once) | tfjs-wasm / core | disagreement (value, output) |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for (name, r) in rows {
        let native = r.native.map_or("—".to_string(), |ms| format!("{ms:.2}"));
        out.push_str(&format!(
            "| {} | {:.2} ({:.2}) | {:.2} ({:.2}) | {} | {:.1} | **{:.1}×** | {:.0e}, {:.0e} |\n",
            label(name),
            r.tfjs.0,
            r.tfjs.1,
            r.ours.0,
            r.ours.1,
            native,
            r.tfjs_cpu_once,
            r.tfjs.0 / r.ours.0,
            r.value_disagreement,
            r.output_disagreement
        ));
    }
    out.push_str(&format!("\nBrowser: {}\n", get("browser")));
    out
}

fn json(meta: &Meta, rows: &[(String, Row)]) -> String {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let number = |v: f64| if v.is_finite() { format!("{v}") } else { "null".to_string() };
    let meta_fields: Vec<String> = meta.iter().map(|(k, v)| format!("\"{}\": \"{}\"", escape(k), escape(v))).collect();
    let row_fields: Vec<String> = rows
        .iter()
        .map(|(name, r)| {
            format!(
                "    {{\"name\": \"{}\", \"ours_median_ms\": {}, \"ours_p95_ms\": {}, \"tfjs_wasm_median_ms\": {}, \"tfjs_wasm_p95_ms\": {}, \"tfjs_cpu_once_ms\": {}, \"native_median_ms\": {}, \"speedup\": {}, \"value_disagreement\": {}, \"output_disagreement\": {}}}",
                escape(name),
                number(r.ours.0),
                number(r.ours.1),
                number(r.tfjs.0),
                number(r.tfjs.1),
                number(r.tfjs_cpu_once),
                r.native.map_or("null".to_string(), number),
                number(r.tfjs.0 / r.ours.0),
                number(r.value_disagreement),
                number(r.output_disagreement)
            )
        })
        .collect();
    format!("{{\n  {},\n  \"workloads\": [\n{}\n  ]\n}}\n", meta_fields.join(",\n  "), row_fields.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pages_lines_and_a_criterion_estimate() {
        let (meta, rows) = parse_report("meta\ttfjs\t4.22.0\nrow\tmse\t2\t3\t20\t21\t100\t1e-7\t2e-7\t1\t1\t0.5\t0.5\n").unwrap();
        assert_eq!(meta, vec![("tfjs".to_string(), "4.22.0".to_string())]);
        assert_eq!(rows[0].0, "mse");
        assert_eq!(rows[0].1.tfjs.0 / rows[0].1.ours.0, 10.0);
        assert!(parse_report("error\tboom\n").unwrap_err().contains("boom"));
        let dir = std::env::temp_dir().join(format!("xtask-bench-test-{}", std::process::id()));
        let file = dir.join("target/criterion/g/f/new");
        std::fs::create_dir_all(&file).unwrap();
        std::fs::write(file.join("estimates.json"), r#"{"mean":{"point_estimate":5.0},"median":{"confidence_interval":{"lower_bound":1.0},"point_estimate":2500000.0,"standard_error":1.0}}"#).unwrap();
        assert_eq!(criterion_median_ms(&dir, "g/f"), Some(2.5));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
