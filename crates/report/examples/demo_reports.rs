//! Writes the report of every demo client, in English and German, as PDF and as Word, to a
//! folder: `cargo run -p crosswalk-report --example demo_reports -- OUT_DIR`.

use crosswalk_report::demo::{demo_branding, demo_client_names, DemoCase};
use crosswalk_report::{write_docx, write_pdf, Lang};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "demo-reports".into()));
    std::fs::create_dir_all(&dir)?;
    let branding = demo_branding();
    for name in demo_client_names() {
        let case = DemoCase::new(&name).ok_or("demo client vanished")?;
        for lang in Lang::ALL {
            let slug: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            let path = dir.join(format!("{slug}-{}.pdf", lang.code()));
            let model = case.model(&branding, lang);
            write_pdf(&model, &path)?;
            println!("{}", path.display());
            let path = path.with_extension("docx");
            write_docx(&model, &path)?;
            println!("{}", path.display());
        }
    }
    Ok(())
}
