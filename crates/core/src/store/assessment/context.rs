//! One client, read and worked out once per request: the service layer the analysis pages, the
//! report and the dashboard build on.
//!
//! A request (a page of the app, a CLI command, one report) makes one [`ClientContext`] for one
//! date and passes it on. The profile is read once, the recommendation is made once, the effective
//! scope is worked out once from it, and every query below takes the context instead of a client
//! id, so nothing in one request re-derives what another part already has. The methods of
//! [`Views`] that take a client id and a date (`analysis`, `assessment`, ...) are this, for one
//! answer: they build a context and call the `*_of` form.

use super::current_assessment;
use super::scope::{effective_scope_from, shipped_catalog};
use crate::assessment::{AssessmentInfo, ClientScope};
use crate::domain::{Client, ClientId, Date};
use crate::recommend::{recommend, Context, Overrides, Recommendation};
use crate::store::Views;
use crate::Result;

/// A client as one request sees it, on one date.
#[derive(Debug, Clone)]
pub struct ClientContext {
    pub client: Client,
    /// The date everything here is judged on.
    pub today: Date,
    /// The verdicts on `today`, made once.
    pub recommendation: Recommendation,
    /// The scope the client is assessed against: the consultant's choice, else the default from
    /// `recommendation`.
    pub scope: ClientScope,
    /// The consultant's overrides of the roadmap.
    pub overrides: Overrides,
    /// The client's latest assessment, if any.
    pub assessment: Option<AssessmentInfo>,
}

impl ClientContext {
    pub fn id(&self) -> ClientId {
        self.client.id
    }
}

impl Views<'_> {
    /// Reads a client and works out, once, what every page of it derives from on `today`.
    pub fn context(&self, client: ClientId, today: Date) -> Result<ClientContext> {
        let client = self.store.clients().get(client)?;
        let recommendation = recommend(&client.profile, &Context { catalog: shipped_catalog()?, today });
        let scope = effective_scope_from(self.store.conn(), client.id, &recommendation)?;
        let overrides = self.store.clients().overrides(client.id)?;
        let assessment = current_assessment(self.store.conn(), client.id)?;
        Ok(ClientContext { client, today, recommendation, scope, overrides, assessment })
    }
}
