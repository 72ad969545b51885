//! Builds the largest demo client's report model and writes it as a Word document N times, and
//! prints the median time and the file size. One command:
//!
//! ```text
//! cargo bench -p crosswalk-report --bench docx
//! ```
//!
//! `DOCX_BENCH_RUNS` (default 30) sets the count. The target is under 100 ms (issue 15).

use std::time::{Duration, Instant};

use crosswalk_report::demo::{demo_branding, DemoCase};
use crosswalk_report::{render_docx, Lang};

const CLIENT: &str = "Nordlicht Logistik AG";

fn main() {
    let case = DemoCase::new(CLIENT).expect("the demo client exists");
    let branding = demo_branding();
    let n = std::env::var("DOCX_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(30);
    let bytes = render_docx(&case.model(&branding, Lang::En)).expect("renders");
    let mut samples: Vec<Duration> = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let model = case.model(&branding, Lang::En);
        let docx = render_docx(&model).expect("renders");
        samples.push(start.elapsed());
        assert!(docx.len().abs_diff(bytes.len()) < 64, "the document changed size between runs");
    }
    samples.sort();
    let median = samples[n / 2];
    println!("report: {CLIENT}, Word document");
    println!(
        "docx-rs (model + document): median {:.1} ms over {n} runs (min {:.1}, max {:.1}), {:.0} KB",
        median.as_secs_f64() * 1000.0,
        samples[0].as_secs_f64() * 1000.0,
        samples[n - 1].as_secs_f64() * 1000.0,
        bytes.len() as f64 / 1024.0
    );
    assert!(median < Duration::from_millis(100), "over the 100 ms target");
}
