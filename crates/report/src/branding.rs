//! The firm's branding, checked before it reaches a report: logos that decode as PNG or JPEG and
//! are of a sane size, colours written `#RRGGBB`.
//!
//! [`BrandingInput`] is the raw shape (what a settings form or a file gives);
//! [`BrandingInput::validate`] reports every problem at once and yields a [`Branding`].

use std::fmt;

/// Largest logo file accepted.
pub const MAX_LOGO_BYTES: usize = 5 * 1024 * 1024;
/// Largest logo side accepted, in pixels.
pub const MAX_LOGO_SIDE: u32 = 4000;

/// A colour, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// Parses `#RRGGBB` (hex digits in either case).
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb { r: channel(0)?, g: channel(2)?, b: channel(4)? })
    }

    /// This colour mixed with white; `amount` 0 keeps it, 1 gives white.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| (f32::from(c) + (255.0 - f32::from(c)) * amount.clamp(0.0, 1.0)).round() as u8;
        Rgb { r: mix(self.r), g: mix(self.g), b: mix(self.b) }
    }

    /// This colour mixed with black; `amount` 0 keeps it, 1 gives black.
    pub fn shade(self, amount: f32) -> Rgb {
        let mix = |c: u8| (f32::from(c) * (1.0 - amount.clamp(0.0, 1.0))).round() as u8;
        Rgb { r: mix(self.r), g: mix(self.g), b: mix(self.b) }
    }

    /// The `#RRGGBB` form.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

/// An image format a logo may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Jpeg,
}

/// A logo that decodes, with its size in pixels.
#[derive(Clone, PartialEq, Eq)]
pub struct Logo {
    bytes: Vec<u8>,
    format: LogoFormat,
    width: u32,
    height: u32,
}

impl fmt::Debug for Logo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Logo({:?}, {}x{}, {} bytes)", self.format, self.width, self.height, self.bytes.len())
    }
}

impl Logo {
    /// Checks that `bytes` are a PNG or JPEG image within the size limits.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Logo, LogoError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(LogoError::TooLarge { bytes: bytes.len() });
        }
        let format = if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            LogoFormat::Png
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            LogoFormat::Jpeg
        } else {
            return Err(LogoError::NotAnImage);
        };
        let image_format = match format {
            LogoFormat::Png => image::ImageFormat::Png,
            LogoFormat::Jpeg => image::ImageFormat::Jpeg,
        };
        // Read the size from the header first, so an image that claims to be huge is refused
        // before anything is decompressed.
        let reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), image_format);
        let (width, height) = reader.into_dimensions().map_err(|e| LogoError::Undecodable(e.to_string()))?;
        if width == 0 || height == 0 {
            return Err(LogoError::Undecodable("the image is empty".into()));
        }
        if width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
            return Err(LogoError::TooManyPixels { width, height });
        }
        image::load_from_memory_with_format(&bytes, image_format).map_err(|e| LogoError::Undecodable(e.to_string()))?;
        Ok(Logo { bytes, format, width, height })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn format(&self) -> LogoFormat {
        self.format
    }

    /// Width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

/// Why a logo was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    #[error("is {bytes} bytes; a logo may be at most 5 MB")]
    TooLarge { bytes: usize },
    #[error("is neither a PNG nor a JPEG image")]
    NotAnImage,
    #[error("cannot be decoded: {0}")]
    Undecodable(String),
    #[error("is {width}x{height} pixels; a logo may be at most 4000 pixels a side")]
    TooManyPixels { width: u32, height: u32 },
}

/// Branding as it arrives from settings: colours as text, logos as bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrandingInput {
    pub firm_name: String,
    pub logo: Option<Vec<u8>>,
    pub client_logo: Option<Vec<u8>>,
    /// `#RRGGBB`: headings, table headers, bars.
    pub primary_colour: String,
    /// `#RRGGBB`: highlights, the second chart colour.
    pub accent_colour: String,
    /// Lines of the firm's contact block (address, phone, e-mail, web).
    pub contact: Vec<String>,
    /// A line at the foot of every page.
    pub footer: String,
    /// The firm's own disclaimer; `None` prints the standard one.
    pub disclaimer: Option<String>,
}

/// Checked branding: the only form a report accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branding {
    pub firm_name: String,
    pub logo: Option<Logo>,
    pub client_logo: Option<Logo>,
    pub primary: Rgb,
    pub accent: Rgb,
    pub contact: Vec<String>,
    pub footer: String,
    pub disclaimer: Option<String>,
}

/// One broken rule of a [`BrandingInput`], at its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandingProblem {
    pub field: &'static str,
    pub message: String,
}

/// Every broken rule of one [`BrandingInput`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the branding is not valid: {}", .0.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; "))]
pub struct BrandingErrors(pub Vec<BrandingProblem>);

impl BrandingInput {
    /// Checks every field and reports all problems at once.
    pub fn validate(self) -> Result<Branding, BrandingErrors> {
        let mut problems = Vec::new();
        let firm_name = self.firm_name.trim().to_owned();
        if firm_name.is_empty() {
            problems.push(BrandingProblem { field: "firm_name", message: "must not be empty".into() });
        }
        let mut colour = |field: &'static str, text: &str| {
            Rgb::parse(text.trim()).or_else(|| {
                problems
                    .push(BrandingProblem { field, message: format!("`{text}` is not a colour in the form #RRGGBB") });
                None
            })
        };
        let primary = colour("primary_colour", &self.primary_colour);
        let accent = colour("accent_colour", &self.accent_colour);
        let mut logo = |field: &'static str, bytes: Option<Vec<u8>>| match bytes.map(Logo::from_bytes) {
            None => None,
            Some(Ok(logo)) => Some(logo),
            Some(Err(e)) => {
                problems.push(BrandingProblem { field, message: format!("the image {e}") });
                None
            }
        };
        let firm_logo = logo("logo", self.logo);
        let client_logo = logo("client_logo", self.client_logo);
        match (primary, accent) {
            (Some(primary), Some(accent)) if problems.is_empty() => Ok(Branding {
                firm_name,
                logo: firm_logo,
                client_logo,
                primary,
                accent,
                contact: self.contact.into_iter().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect(),
                footer: self.footer.trim().to_owned(),
                disclaimer: self.disclaimer.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()),
            }),
            _ => Err(BrandingErrors(problems)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(width, height, image::Rgb([10, 60, 120]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn input() -> BrandingInput {
        BrandingInput {
            firm_name: " Northbridge Advisory ".into(),
            primary_colour: "#1F3A5F".into(),
            accent_colour: "#0f8b8d".into(),
            ..BrandingInput::default()
        }
    }

    #[track_caller]
    fn check(edit: impl FnOnce(&mut BrandingInput), expected_fields: &[&str]) {
        let mut b = input();
        edit(&mut b);
        let fields: Vec<&str> = match b.validate() {
            Ok(_) => Vec::new(),
            Err(e) => e.0.iter().map(|p| p.field).collect(),
        };
        assert_eq!(fields, expected_fields);
    }

    #[test]
    fn parses_colours_only_in_the_hex_form() {
        assert_eq!(Rgb::parse("#1F3A5F"), Some(Rgb::new(0x1F, 0x3A, 0x5F)));
        assert_eq!(Rgb::parse("#0f8b8d"), Some(Rgb::new(0x0F, 0x8B, 0x8D)));
        for bad in ["1F3A5F", "#1F3A5", "#1F3A5FF", "#GGGGGG", "navy", "", "#", "rgb(1,2,3)"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb::new(0, 0, 0).tint(1.0), Rgb::new(255, 255, 255));
        assert_eq!(Rgb::new(0x1F, 0x3A, 0x5F).hex(), "#1F3A5F");
    }

    #[test]
    fn accepts_good_branding_and_trims_it() {
        let mut b = input();
        b.logo = Some(png(120, 40));
        b.contact = vec!["  Main Street 1 ".into(), "".into()];
        let branding = b.validate().unwrap();
        assert_eq!(branding.firm_name, "Northbridge Advisory");
        assert_eq!(branding.logo.as_ref().unwrap().size(), (120, 40));
        assert_eq!(branding.logo.as_ref().unwrap().format(), LogoFormat::Png);
        assert_eq!(branding.contact, ["Main Street 1"]);
    }

    #[test]
    fn refuses_each_broken_field() {
        check(|b| b.firm_name = "  ".into(), &["firm_name"]);
        check(|b| b.primary_colour = "blue".into(), &["primary_colour"]);
        check(|b| b.accent_colour = "#12345".into(), &["accent_colour"]);
        check(|b| b.logo = Some(b"GIF89a not a logo".to_vec()), &["logo"]);
        check(
            |b| b.client_logo = Some(vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]),
            &["client_logo"],
        );
        check(
            |b| {
                b.primary_colour = "x".into();
                b.logo = Some(Vec::new());
            },
            &["primary_colour", "logo"],
        );
    }

    #[test]
    fn logo_errors_say_what_is_wrong() {
        assert_eq!(Logo::from_bytes(b"<svg/>".to_vec()).unwrap_err(), LogoError::NotAnImage);
        assert_eq!(
            Logo::from_bytes(vec![0; MAX_LOGO_BYTES + 1]).unwrap_err(),
            LogoError::TooLarge { bytes: MAX_LOGO_BYTES + 1 }
        );
        assert_eq!(Logo::from_bytes(png(4001, 10)).unwrap_err(), LogoError::TooManyPixels { width: 4001, height: 10 });
        let mut truncated = png(50, 50);
        truncated.truncate(truncated.len() / 2);
        assert!(matches!(Logo::from_bytes(truncated), Err(LogoError::Undecodable(_))));
        let message = input_with_logo(b"nope".to_vec()).validate().unwrap_err().to_string();
        assert!(message.contains("logo: the image is neither a PNG nor a JPEG image"), "{message}");

        let mut jpeg = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(30, 20, image::Rgb([200, 10, 10]))
            .write_to(&mut jpeg, image::ImageFormat::Jpeg)
            .unwrap();
        let logo = Logo::from_bytes(jpeg.into_inner()).unwrap();
        assert_eq!((logo.format(), logo.size()), (LogoFormat::Jpeg, (30, 20)));
    }

    fn input_with_logo(bytes: Vec<u8>) -> BrandingInput {
        let mut b = input();
        b.logo = Some(bytes);
        b
    }
}
