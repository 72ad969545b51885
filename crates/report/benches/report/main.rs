//! Renders the largest demo client's full report N times and prints the median time and the
//! file size; then renders the same model as HTML, prints it to PDF with headless Chromium, and
//! prints that median and the ratio. One command:
//!
//! ```text
//! cargo bench -p crosswalk-report --bench report
//! ```
//!
//! `REPORT_BENCH_RUNS` (default 30) and `REPORT_BENCH_CHROMIUM_RUNS` (default 5) set the counts;
//! without a `chromium` on the PATH the comparison is skipped with a note.

mod html;

use std::process::Command;
use std::time::{Duration, Instant};

use crosswalk_report::demo::{demo_branding, DemoCase};
use crosswalk_report::{render_pdf, Lang};

const CLIENT: &str = "Nordlicht Logistik AG";

fn runs(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let case = DemoCase::new(CLIENT).expect("the demo client exists");
    let branding = demo_branding();
    let n = runs("REPORT_BENCH_RUNS", 30);

    // Warm up (font parsing happens once per process), then time model + layout + render.
    let bytes = render_pdf(&case.model(&branding, Lang::En)).expect("renders");
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let model = case.model(&branding, Lang::En);
        let pdf = render_pdf(&model).expect("renders");
        samples.push(start.elapsed());
        assert_eq!(pdf.len(), bytes.len());
    }
    let ours = median(samples);
    let pages = crosswalk_report::layout::layout(&case.model(&branding, Lang::En)).pages.len();
    println!("report: {CLIENT}, {pages} pages");
    println!("printpdf: median {:.1} ms over {n} runs, {:.0} KB", ms(ours), bytes.len() as f64 / 1024.0);

    // The same client's report as the app and the CLI export it: read from a portfolio (the demo,
    // with its assessments, overrides and evidence requests), one client context per report, then
    // model, layout and render.
    let mut store = crosswalk_core::store::Store::open_in_memory().expect("an in-memory portfolio");
    crosswalk_core::demo::load_demo(&mut store).expect("the demo loads");
    let client = store
        .clients()
        .list(&Default::default())
        .expect("lists")
        .into_iter()
        .find(|c| c.name == CLIENT)
        .expect("the demo client is in the portfolio")
        .id;
    let catalog = crosswalk_core::catalog::shipped().expect("the shipped catalogue");
    let today: crosswalk_core::domain::Date = "2026-12-03".parse().expect("a date");
    let stored = || {
        let model = crosswalk_report::client_report(
            &store,
            catalog,
            client,
            &branding,
            Lang::En,
            today,
            crosswalk_report::ReportOptions::default(),
        )
        .expect("the stored client's report");
        render_pdf(&model).expect("renders")
    };
    let first = stored();
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let pdf = stored();
        samples.push(start.elapsed());
        assert_eq!(pdf.len(), first.len());
    }
    println!(
        "from the portfolio (context, analysis, model, layout, render): median {:.1} ms over {n} runs, {:.0} KB",
        ms(median(samples)),
        first.len() as f64 / 1024.0
    );

    let chromium =
        ["chromium", "chromium-browser"].into_iter().find(|c| Command::new(c).arg("--version").output().is_ok());
    let Some(chromium) = chromium else {
        println!("chromium: not found on the PATH; comparison skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
    let m = runs("REPORT_BENCH_CHROMIUM_RUNS", 5);
    let mut samples = Vec::with_capacity(m);
    let mut size = 0;
    for i in 0..m {
        let start = Instant::now();
        let model = case.model(&branding, Lang::En);
        let page = dir.path().join(format!("report-{i}.html"));
        let out = dir.path().join(format!("report-{i}.pdf"));
        std::fs::write(&page, html::render(&model, &fonts)).expect("writes the HTML");
        let profile = dir.path().join(format!("profile-{i}"));
        let status = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("runs chromium");
        samples.push(start.elapsed());
        assert!(status.status.success(), "chromium failed: {}", String::from_utf8_lossy(&status.stderr));
        size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    }
    let theirs = median(samples);
    println!(
        "chromium (HTML + print-to-pdf): median {:.1} ms over {m} runs, {:.0} KB",
        ms(theirs),
        size as f64 / 1024.0
    );
    println!("ratio: printpdf is {:.0}x faster", ms(theirs) / ms(ours));
}
