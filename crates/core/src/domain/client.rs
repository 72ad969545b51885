//! A client as stored: its identity, its profile and its place in the portfolio.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ClientProfile, Market, Sector};

/// A client's stable identifier: a UUID, written in its hyphenated lowercase form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct ClientId(uuid::Uuid);

impl ClientId {
    pub fn random() -> ClientId {
        ClientId(uuid::Uuid::new_v4())
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Debug for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl FromStr for ClientId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<ClientId, uuid::Error> {
        uuid::Uuid::parse_str(s).map(ClientId)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClientStatus {
    Active,
    Archived,
}

/// A stored client. Timestamps are RFC 3339 in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Client {
    pub id: ClientId,
    pub status: ClientStatus,
    pub created_at: String,
    pub updated_at: String,
    pub profile: ClientProfile,
}

/// One row of the portfolio list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClientSummary {
    pub id: ClientId,
    pub name: String,
    pub sector: Sector,
    pub employees: u32,
    pub headquarters: String,
    pub markets: Vec<Market>,
    pub ai_systems: u32,
    pub certifications: u32,
    pub deals_blocked: bool,
    pub status: ClientStatus,
    pub updated_at: String,
}
