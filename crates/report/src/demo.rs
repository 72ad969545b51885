//! A complete report for a demo client: fictional branding, the core's demo portfolio and a
//! provisional analysis. For tests, the benchmark, examples and screenshots; never for a real
//! client (its statuses are invented).

use crosswalk_core::catalog::Catalog;
use crosswalk_core::domain::{ClientProfile, Date};
use crosswalk_core::recommend::{
    effort_before_assessment, plan, recommend, shipped_lifecycle, Context, Overrides, PlanSettings, Recommendation,
    Roadmap,
};

use crate::branding::{Branding, BrandingInput};
use crate::model::{AnalysisInput, Lang, ReportModel};
use crate::{provisional, ReportInputs, ReportOptions};

/// The date the demo reports are made for.
pub fn demo_date() -> Date {
    Date::new(2026, 11, 29).unwrap_or_else(Date::today)
}

/// A small PNG: the fictional firm's mark (a square with two bars).
pub fn demo_firm_logo() -> Vec<u8> {
    let (w, h) = (360u32, 120u32);
    let img = image::RgbaImage::from_fn(w, h, |x, y| {
        let in_mark = x < 120;
        let bar = (y > 24 && y < 48) || (y > 72 && y < 96);
        match (in_mark, bar) {
            (true, true) => image::Rgba([0x0F, 0x8B, 0x8D, 255]),
            (true, false) => image::Rgba([0x1F, 0x3A, 0x5F, 255]),
            (false, _) if x > 140 && (y / 20) % 2 == 1 && x < 140 + (h - y) * 2 => image::Rgba([0x1F, 0x3A, 0x5F, 255]),
            _ => image::Rgba([0, 0, 0, 0]),
        }
    });
    encode(img, image::ImageFormat::Png)
}

/// A small JPEG standing in for a client's logo.
pub fn demo_client_logo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(240, 96, |x, y| {
        let ring = ((x as i32 - 48).pow(2) + (y as i32 - 48).pow(2)) as f32;
        if ring < 1600.0 && ring > 700.0 {
            image::Rgb([0xC2, 0x4E, 0x1B])
        } else if x > 100 && (30..66).contains(&y) && (x / 12) % 2 == 0 {
            image::Rgb([0x44, 0x44, 0x44])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    encode(image::DynamicImage::ImageRgb8(img).into_rgba8(), image::ImageFormat::Jpeg)
}

fn encode(img: image::RgbaImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let result = match format {
        image::ImageFormat::Jpeg => image::DynamicImage::ImageRgba8(img).into_rgb8().write_to(&mut out, format),
        _ => img.write_to(&mut out, format),
    };
    result.map(|_| out.into_inner()).unwrap_or_default()
}

/// The fictional firm's branding, with both logos.
pub fn demo_branding() -> Branding {
    BrandingInput {
        firm_name: "Northbridge Assurance Partners".into(),
        logo: Some(demo_firm_logo()),
        client_logo: Some(demo_client_logo()),
        primary_colour: "#1F3A5F".into(),
        accent_colour: "#0F8B8D".into(),
        contact: vec![
            "Hafenstraße 12, 20457 Hamburg".into(),
            "+49 40 1234 5678 · office@northbridge.example".into(),
            "northbridge.example".into(),
        ],
        footer: "Northbridge Assurance Partners · ISO/IEC 27001 and 42001 lead auditors".into(),
        disclaimer: None,
    }
    .validate()
    .expect("the demo branding is valid")
}

/// Everything a demo client's report is built from.
pub struct DemoCase {
    pub profile: ClientProfile,
    pub catalog: Catalog,
    pub recommendation: Recommendation,
    pub roadmap: Roadmap,
    pub analysis: AnalysisInput,
}

impl DemoCase {
    /// The demo client whose name starts with `name`, with a mixed provisional analysis.
    pub fn new(name: &str) -> Option<DemoCase> {
        let profile = crosswalk_core::demo::demo_clients()
            .ok()?
            .into_iter()
            .map(|(_, p)| p.into_inner())
            .find(|p| p.name.starts_with(name))?;
        Some(DemoCase::for_profile(profile))
    }

    pub fn for_profile(profile: ClientProfile) -> DemoCase {
        let catalog = crosswalk_core::catalog::shipped().expect("the shipped catalogue is valid");
        let today = demo_date();
        let recommendation = recommend(&profile, &Context { catalog, today });
        let lifecycle = shipped_lifecycle();
        let effort = effort_before_assessment(catalog, &recommendation, lifecycle);
        let roadmap = plan(
            &profile,
            &recommendation,
            &effort,
            &PlanSettings { start: today, capacity_days_per_week: 0.0 },
            lifecycle,
            &Overrides::default(),
        );
        let analysis = provisional::demo_mix(catalog, &recommendation, &roadmap);
        DemoCase { profile, catalog: catalog.clone(), recommendation, roadmap, analysis }
    }

    /// The report model in `lang` with `branding`.
    pub fn model(&self, branding: &Branding, lang: Lang) -> ReportModel {
        ReportModel::build(&ReportInputs {
            profile: &self.profile,
            recommendation: &self.recommendation,
            roadmap: &self.roadmap,
            catalog: &self.catalog,
            analysis: &self.analysis,
            branding,
            lang,
            date: demo_date(),
            options: ReportOptions::default(),
        })
    }
}

/// Every demo client's name, in the portfolio's order.
pub fn demo_client_names() -> Vec<String> {
    crosswalk_core::demo::demo_clients()
        .map(|clients| clients.into_iter().map(|(_, p)| p.get().name.clone()).collect())
        .unwrap_or_default()
}
