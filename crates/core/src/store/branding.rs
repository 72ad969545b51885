//! The firm's branding for reports and the clients' logos. The store keeps what it is given;
//! the report crate checks images and colours (`crosswalk_report::BrandingInput::validate`)
//! before the front ends store them.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::now_utc;
use crate::domain::ClientId;
use crate::store::Branding;
use crate::{Error, Result};

/// The firm's branding as stored. The logo is base64 of PNG or JPEG bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BrandingSettings {
    pub firm_name: String,
    /// `#RRGGBB`.
    pub primary_colour: String,
    /// `#RRGGBB`.
    pub accent_colour: String,
    /// Lines of the contact block (address, phone, e-mail, web).
    pub contact: Vec<String>,
    pub footer: String,
    pub disclaimer: String,
    #[ts(optional = nullable)]
    pub logo: Option<String>,
}

impl Default for BrandingSettings {
    fn default() -> BrandingSettings {
        BrandingSettings {
            firm_name: String::new(),
            primary_colour: "#1F3A5F".into(),
            accent_colour: "#C98A12".into(),
            contact: Vec::new(),
            footer: String::new(),
            disclaimer: String::new(),
            logo: None,
        }
    }
}

impl Branding<'_> {
    /// The stored branding, or the defaults before any was saved.
    pub fn get(&self) -> Result<BrandingSettings> {
        let row = self
            .store
            .conn()
            .query_row(
                "SELECT firm_name, primary_colour, accent_colour, contact, footer, disclaimer, logo
                 FROM firm_branding WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<String>>(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((firm_name, primary_colour, accent_colour, contact, footer, disclaimer, logo)) = row else {
            return Ok(BrandingSettings::default());
        };
        let contact: Vec<String> =
            serde_json::from_str(&contact).map_err(|e| Error::Corrupt(format!("stored contact block: {e}")))?;
        Ok(BrandingSettings { firm_name, primary_colour, accent_colour, contact, footer, disclaimer, logo })
    }

    /// Replaces the branding. Call it with settings the report crate has checked.
    pub fn set(&self, settings: &BrandingSettings) -> Result<BrandingSettings> {
        let contact = serde_json::to_string(&settings.contact).map_err(|e| Error::Corrupt(e.to_string()))?;
        let now = now_utc();
        self.store.write(|tx| {
            tx.execute(
                "INSERT INTO firm_branding (id, firm_name, primary_colour, accent_colour, contact, footer, disclaimer, logo, updated_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET firm_name = ?1, primary_colour = ?2, accent_colour = ?3,
                     contact = ?4, footer = ?5, disclaimer = ?6, logo = ?7, updated_at = ?8",
                params![
                    settings.firm_name.trim(),
                    settings.primary_colour,
                    settings.accent_colour,
                    contact,
                    settings.footer.trim(),
                    settings.disclaimer.trim(),
                    settings.logo,
                    now
                ],
            )?;
            Ok(())
        })?;
        self.get()
    }

    /// The client's logo (base64), if one is stored.
    pub fn client_logo(&self, client: ClientId) -> Result<Option<String>> {
        self.store.clients().get(client)?;
        Ok(self
            .store
            .conn()
            .query_row("SELECT logo FROM client_logos WHERE client_id = ?1", [client.to_string()], |r| r.get(0))
            .optional()?)
    }

    /// Stores or (with `None`) removes the client's logo. Call it with a checked image.
    pub fn set_client_logo(&self, client: ClientId, logo: Option<&str>) -> Result<()> {
        self.store.clients().get(client)?;
        let now = now_utc();
        self.store.write(|tx| {
            match logo {
                Some(logo) => tx.execute(
                    "INSERT INTO client_logos (client_id, logo, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (client_id) DO UPDATE SET logo = ?2, updated_at = ?3",
                    params![client.to_string(), logo, now],
                )?,
                None => tx.execute("DELETE FROM client_logos WHERE client_id = ?1", [client.to_string()])?,
            };
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ClientProfile, Market, Offering, Sector};
    use crate::store::Store;

    #[test]
    fn branding_and_client_logos_round_trip() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.branding().get().unwrap(), BrandingSettings::default());
        let settings = BrandingSettings {
            firm_name: "Northbridge Assurance".into(),
            contact: vec!["Hafenstraße 12, Hamburg".into(), "+49 40 555 0100".into()],
            logo: Some("iVBORw0KGgo=".into()),
            ..BrandingSettings::default()
        };
        assert_eq!(store.branding().set(&settings).unwrap(), settings);

        let mut p = ClientProfile::minimal("Logo Co", Sector::Retail, 5, "FR");
        p.markets = vec![Market::Eu];
        p.offerings = vec![Offering::None];
        let id = store.clients().create(&p.validate().unwrap()).unwrap().id;
        assert_eq!(store.branding().client_logo(id).unwrap(), None);
        store.branding().set_client_logo(id, Some("/9j/4AAQ")).unwrap();
        assert_eq!(store.branding().client_logo(id).unwrap().as_deref(), Some("/9j/4AAQ"));
        store.branding().set_client_logo(id, None).unwrap();
        assert_eq!(store.branding().client_logo(id).unwrap(), None);
    }

    #[test]
    fn a_bad_colour_is_refused_by_the_schema_and_changes_nothing() {
        let store = Store::open_in_memory().unwrap();
        let bad = BrandingSettings { primary_colour: "blue".into(), ..BrandingSettings::default() };
        assert!(store.branding().set(&bad).is_err());
        assert_eq!(store.branding().get().unwrap(), BrandingSettings::default());
    }
}
