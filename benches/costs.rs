//! Runs chapter 9's benchmarks and regenerates what the chapter shows:
//! the tables between `<!-- generated: costs ... -->` markers in
//! `src/ch09-costs.md`, and the charts `src/img/costs-*.svg`.
//!
//!     cargo run -p notify-benches --release --bin costs
//!
//! `-- --no-bench` skips the run and rebuilds the tables and charts from the
//! last results under `target/criterion/`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

use serde_json::Value;

mod names;
use names::{FAN_OUT, FAN_OUT_SIZES as SIZES, NOBODY, PRIMITIVES};

/// A median and its 95% confidence interval, in nanoseconds.
#[derive(Clone, Copy)]
struct Estimate {
    median: f64,
    low: f64,
    high: f64,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    if !env::args().any(|a| a == "--no-bench") {
        let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["bench", "-p", "notify-benches", "--bench", "signals"])
            .current_dir(&root)
            .status()
            .expect("cargo bench");
        assert!(status.success(), "the benchmarks failed");
    }
    let results = read_results(&root.join("target/criterion"));
    let get = |group: &str, bench: &str| {
        *results
            .get(&(group.to_owned(), bench.to_owned()))
            .unwrap_or_else(|| {
                panic!("no result for {group} / {bench}: run the benchmarks")
            })
    };

    let mut tables = BTreeMap::new();
    tables.insert("machine", machine());

    let mut table = String::from(
        "| Primitive | current-thread | vs `Notify` | multi-thread | vs `Notify` |\n|---|---:|---:|---:|---:|\n",
    );
    let ct = |p| get("ping-pong current-thread", p);
    let mt = |p| get("ping-pong multi-thread", p);
    for p in PRIMITIVES {
        writeln!(
            table,
            "| `{p}` | {} | {} | {} | {} |",
            show(ct(p)),
            ratio(ct(p), ct("Notify")),
            show(mt(p)),
            ratio(mt(p), mt("Notify"))
        )
        .unwrap();
    }
    tables.insert("ping-pong", table);

    let mut table = String::from("| Tasks woken |");
    for p in FAN_OUT {
        write!(table, " `{p}` |").unwrap();
    }
    table.push_str("\n|---:|");
    table.push_str(&"---:|".repeat(FAN_OUT.len()));
    table.push('\n');
    let fan =
        |p: &str, n: usize| get("fan-out current-thread", &format!("{p}/{n}"));
    for n in SIZES {
        write!(table, "| {n} |").unwrap();
        for p in FAN_OUT {
            let e = fan(p, n);
            let base = fan("notify_waiters", n);
            write!(table, " {}<br>{} |", show(e), ratio(e, base)).unwrap();
        }
        table.push('\n');
    }
    tables.insert("fan-out", table);

    let mut table = String::from(
        "| Signal | median | vs `notify_one` |\n|---|---:|---:|\n",
    );
    let nobody = |p| get("signal with nobody waiting", p);
    for p in NOBODY {
        writeln!(
            table,
            "| `{p}` | {} | {} |",
            show(nobody(p)),
            ratio(nobody(p), nobody("Notify::notify_one"))
        )
        .unwrap();
    }
    tables.insert("nobody-waiting", table);

    let chapter = root.join("src/ch09-costs.md");
    let text = fs::read_to_string(&chapter).expect("src/ch09-costs.md");
    fs::write(&chapter, fill(&text, &tables)).unwrap();

    let ping_pong: Vec<(&str, Estimate, Estimate)> =
        PRIMITIVES.iter().map(|&p| (p, ct(p), mt(p))).collect();
    fs::write(
        root.join("src/img/costs-ping-pong.svg"),
        ping_pong_chart(&ping_pong),
    )
    .unwrap();
    let lines: Vec<(&str, Vec<Estimate>)> = FAN_OUT
        .iter()
        .map(|&p| (p, SIZES.iter().map(|&n| fan(p, n)).collect()))
        .collect();
    fs::write(
        root.join("src/img/costs-fan-out.svg"),
        fan_out_chart(&lines),
    )
    .unwrap();
    println!("updated {} and src/img/costs-*.svg", chapter.display());
}

/// (group, benchmark) -> estimate, from criterion's `new/` folders.
fn read_results(dir: &Path) -> BTreeMap<(String, String), Estimate> {
    let mut results = BTreeMap::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.ends_with("new/benchmark.json") {
                let read = |p: &Path| {
                    serde_json::from_str::<Value>(
                        &fs::read_to_string(p).unwrap(),
                    )
                    .unwrap()
                };
                let id = read(&path);
                let estimates = read(&path.with_file_name("estimates.json"));
                let median = &estimates["median"];
                let group = id["group_id"].as_str().unwrap().to_owned();
                let mut bench =
                    id["function_id"].as_str().unwrap_or("").to_owned();
                if let Some(value) = id["value_str"].as_str() {
                    bench = format!("{bench}/{value}");
                }
                results.insert(
                    (group, bench),
                    Estimate {
                        median: median["point_estimate"].as_f64().unwrap(),
                        low: median["confidence_interval"]["lower_bound"]
                            .as_f64()
                            .unwrap(),
                        high: median["confidence_interval"]["upper_bound"]
                            .as_f64()
                            .unwrap(),
                    },
                );
            }
        }
    }
    results
}

fn machine() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let date = Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!(
        "Measured on {date}: {cpu}, {cores} cores, Linux; {rustc}, release build; tokio 1.54.1, \
         tokio-util 0.7.20; criterion 0.8.2. Each figure is the median of criterion's samples, \
         with its 95% confidence interval in brackets.\n"
    )
}

/// Replaces the body of every `<!-- generated: costs NAME -->` block.
fn fill(text: &str, tables: &BTreeMap<&str, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!-- generated: costs ") {
        let header_end = start + rest[start..].find("-->").unwrap() + 3;
        let name = rest[start + 22..header_end - 3].trim();
        let end = header_end
            + rest[header_end..].find("<!-- end generated -->").unwrap();
        out.push_str(&rest[..header_end]);
        let body = tables
            .get(name)
            .unwrap_or_else(|| panic!("no table named {name}"));
        write!(out, "\n\n{body}\n").unwrap();
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A duration as the tables show it: the number and its unit joined by a
/// non-breaking space, so that no line ever ends between them.
fn time(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.2}&nbsp;ms", ns / 1_000_000.0)
    } else if ns >= 1_000.0 {
        format!("{:.2}&nbsp;µs", ns / 1_000.0)
    } else {
        format!("{ns:.1}&nbsp;ns")
    }
}

/// A median, and under it its confidence interval, which never wraps
/// (theme/reader.css sets `.ci` in a smaller size).
fn show(e: Estimate) -> String {
    format!(
        "{}<br><span class=\"ci\">[{},&nbsp;{}]</span>",
        time(e.median),
        time(e.low),
        time(e.high)
    )
}

fn ratio(e: Estimate, base: Estimate) -> String {
    format!("{:.2}×", e.median / base.median)
}

/// A power of ten on a chart's axis, in whole units, all with the same
/// precision: `100 ns`, `1 µs`, `10 µs`, `1 ms`.
fn tick(ns: f64) -> String {
    let (value, unit) = if ns >= 1_000_000.0 {
        (ns / 1_000_000.0, "ms")
    } else if ns >= 1_000.0 {
        (ns / 1_000.0, "µs")
    } else {
        (ns, "ns")
    };
    format!("{value:.0} {unit}")
}

// ---------------------------------------------------------------------------
// Charts: plain SVG, log scale, readable on light and dark pages.

const FRAME: &str = r##"<rect x="0.5" y="0.5" width="WIDTH_1" height="HEIGHT_1" rx="10" fill="#fdfdfd" stroke="#ccc"/>"##;

fn svg(width: u32, height: u32, title: &str, desc: &str, body: &str) -> String {
    let frame = FRAME
        .replace("WIDTH_1", &(width - 1).to_string())
        .replace("HEIGHT_1", &(height - 1).to_string());
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13" role="img" aria-labelledby="t d">
<title id="t">{title}</title>
<desc id="d">{desc}</desc>
{frame}
<text x="{}" y="28" text-anchor="middle" font-size="16" font-weight="bold" fill="#222">{title}</text>
{body}</svg>
"##,
        width / 2
    )
}

/// x position of `ns` on a log axis from 10^lo to 10^hi over [left, right].
fn log_x(ns: f64, lo: f64, hi: f64, left: f64, right: f64) -> f64 {
    left + (ns.log10() - lo) / (hi - lo) * (right - left)
}

fn decades(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut min, mut max) = (f64::MAX, f64::MIN);
    for v in values {
        min = min.min(v);
        max = max.max(v);
    }
    (min.log10().floor(), max.log10().ceil())
}

fn ping_pong_chart(rows: &[(&str, Estimate, Estimate)]) -> String {
    let (width, row_h, top, left, right) = (760u32, 44.0, 70.0, 170.0, 720.0);
    let height = (top + row_h * rows.len() as f64 + 60.0) as u32;
    let (lo, hi) = decades(rows.iter().flat_map(|(_, a, b)| [a.low, b.high]));
    let mut body = String::new();
    for k in lo as i32..=hi as i32 {
        let x = log_x(10f64.powi(k), lo, hi, left, right);
        let bottom = top + row_h * rows.len() as f64;
        writeln!(body, r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{bottom}" stroke="#e2e2e2"/>"##).unwrap();
        writeln!(
            body,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
            bottom + 18.0,
            tick(10f64.powi(k))
        )
        .unwrap();
    }
    for (i, (name, ct, mt)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#222">{name}</text>"##,
            left - 10.0,
            y + 26.0
        )
        .unwrap();
        for (j, (e, color)) in
            [(ct, "#2b6cb0"), (mt, "#2f855a")].iter().enumerate()
        {
            let bar_y = y + 8.0 + 15.0 * j as f64;
            let x = log_x(e.median, lo, hi, left, right);
            writeln!(
                body,
                r##"<rect x="{left}" y="{bar_y:.1}" width="{:.1}" height="12" fill="{color}"/>"##,
                x - left
            )
            .unwrap();
            let (x1, x2) = (
                log_x(e.low, lo, hi, left, right),
                log_x(e.high, lo, hi, left, right),
            );
            writeln!(
                body,
                r##"<line x1="{x1:.1}" y1="{:.1}" x2="{x2:.1}" y2="{:.1}" stroke="#222"/>"##,
                bar_y + 6.0,
                bar_y + 6.0
            )
            .unwrap();
        }
    }
    let legend_y = height as f64 - 14.0;
    writeln!(
        body,
        r##"<rect x="{left}" y="{:.1}" width="12" height="12" fill="#2b6cb0"/><text x="{:.1}" y="{legend_y:.1}" fill="#222">current-thread runtime</text>
<rect x="{:.1}" y="{:.1}" width="12" height="12" fill="#2f855a"/><text x="{:.1}" y="{legend_y:.1}" fill="#222">multi-thread runtime (2 workers)</text>"##,
        legend_y - 10.0,
        left + 18.0,
        left + 220.0,
        legend_y - 10.0,
        left + 238.0
    )
    .unwrap();
    svg(
        width,
        height,
        "One wake-up and back (median, log scale)",
        "Median time of one round trip between two tasks, for each signalling primitive, on a current-thread and a multi-thread runtime; shorter is faster.",
        &body,
    )
}

fn fan_out_chart(lines: &[(&str, Vec<Estimate>)]) -> String {
    let (width, height, top, left, right, bottom) =
        (760u32, 420u32, 60.0, 90.0, 560.0, 360.0);
    let (lo, hi) =
        decades(lines.iter().flat_map(|(_, es)| es.iter().map(|e| e.median)));
    let y_of =
        |ns: f64| bottom - (ns.log10() - lo) / (hi - lo) * (bottom - top);
    let x_of =
        |i: usize| left + i as f64 / (SIZES.len() - 1) as f64 * (right - left);
    let mut body = String::new();
    for k in lo as i32..=hi as i32 {
        let y = y_of(10f64.powi(k));
        writeln!(
            body,
            r##"<line x1="{left}" y1="{y:.1}" x2="{right}" y2="{y:.1}" stroke="#e2e2e2"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555">{}</text>"##,
            left - 8.0,
            y + 4.0,
            tick(10f64.powi(k))
        )
        .unwrap();
    }
    for (i, n) in SIZES.iter().enumerate() {
        writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{n}</text>"##,
            x_of(i),
            bottom + 18.0
        )
        .unwrap();
    }
    writeln!(
        body,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#222">tasks woken</text>"##,
        (left + right) / 2.0,
        bottom + 40.0
    )
    .unwrap();
    let colors = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1"];
    let dashes = ["", "6 3", "2 3", "8 3 2 3"];
    for (k, (name, estimates)) in lines.iter().enumerate() {
        let points: Vec<String> = estimates
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{:.1},{:.1}", x_of(i), y_of(e.median)))
            .collect();
        writeln!(
            body,
            r##"<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}"/>"##,
            points.join(" "),
            colors[k],
            dashes[k]
        )
        .unwrap();
        for p in &points {
            let (x, y) = p.split_once(',').unwrap();
            writeln!(
                body,
                r##"<circle cx="{x}" cy="{y}" r="3.5" fill="{}"/>"##,
                colors[k]
            )
            .unwrap();
        }
        let ly = top + 20.0 + 24.0 * k as f64;
        writeln!(
            body,
            r##"<line x1="{:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{}" stroke-width="2" stroke-dasharray="{}"/><text x="{:.1}" y="{:.1}" fill="#222">{name}</text>"##,
            right + 20.0,
            right + 50.0,
            colors[k],
            dashes[k],
            right + 58.0,
            ly + 4.0
        )
        .unwrap();
    }
    svg(
        width,
        height,
        "Waking N waiting tasks (median, log scale)",
        "Median time from one signal until N waiting tasks have all run, for N from 1 to 10,000, with notify_waiters, broadcast, watch and CancellationToken, on a current-thread runtime.",
        &body,
    )
}
