//! `crosswalk-cli client ...`: the portfolio.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use crosswalk_core::domain::{Certification, Client, ClientProfile, ClientStatus, ValidationErrors};
use crosswalk_core::store::{ClientFilter, ClientSort, ListQuery, Store};
use crosswalk_core::Error;
use serde_json::{Map, Value};

use crate::keyword;
use crate::output::{table, Output};
use crate::{CliResult, Failure};

#[derive(Subcommand)]
pub enum ClientCommand {
    /// Add a client from flags, a JSON profile (--from), or both (flags win).
    Add {
        #[command(flatten)]
        profile: ProfileFlags,
    },
    /// List the clients of the portfolio.
    List {
        /// Only clients whose name, sector, country, notes, AI systems or contacts contain TEXT.
        #[arg(long, value_name = "TEXT", default_value = "")]
        search: String,
        /// Show archived clients instead of active ones.
        #[arg(long, conflicts_with = "all")]
        archived: bool,
        /// Show active and archived clients.
        #[arg(long)]
        all: bool,
        #[arg(long, value_parser = keyword::parser::<ClientSort>(), default_value = "name")]
        sort: ClientSort,
        /// Sort in descending order.
        #[arg(long)]
        desc: bool,
    },
    /// Show one client's profile.
    Show { client: String },
    /// Change a client's profile: replace it with a JSON profile (--from), change single fields
    /// with flags, or both.
    Edit {
        client: String,
        #[command(flatten)]
        profile: ProfileFlags,
    },
    /// Move a client out of the active portfolio (nothing is deleted).
    Archive { client: String },
    /// Bring an archived client back into the active portfolio.
    Restore { client: String },
    /// Delete a client and everything recorded about it, for good.
    Delete {
        client: String,
        /// Confirm the deletion.
        #[arg(long)]
        yes: bool,
    },
    /// Add clients from a JSON file holding one profile or an array of profiles. Every profile
    /// is checked first; if one is invalid, none is added.
    Import {
        /// The JSON file, or - for standard input.
        file: PathBuf,
    },
    /// Write a client's profile as JSON (the format `add --from` and `import` read).
    Export {
        client: String,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// Profile fields settable from the command line. Values are checked by the core, with
/// messages that name the field.
#[derive(Args, Default)]
pub struct ProfileFlags {
    /// A JSON profile to start from (see docs/profile-schema.md), or - for standard input.
    #[arg(long, value_name = "FILE")]
    from: Option<PathBuf>,
    #[arg(long)]
    name: Option<String>,
    /// software, financial_services, healthcare, ... (docs/profile-schema.md).
    #[arg(long)]
    sector: Option<String>,
    /// Head count.
    #[arg(long)]
    employees: Option<u32>,
    /// Headquarters country code, e.g. DE or US.
    #[arg(long, value_name = "CC")]
    headquarters: Option<String>,
    /// A market the client sells into: us, eu, uk, other. Repeat for several; replaces the list.
    #[arg(long = "market", value_name = "MARKET")]
    markets: Vec<String>,
    /// What the client offers: service_processing_customer_data, builds_ai,
    /// deploys_third_party_ai, internal_ai_only, none. Repeat for several; replaces the list.
    #[arg(long = "offering", value_name = "OFFERING")]
    offerings: Vec<String>,
    /// Notes; may start with `-` (`--notes "- first"`, or `--notes=-x`).
    #[arg(long, allow_hyphen_values = true)]
    notes: Option<String>,
}

impl ProfileFlags {
    fn is_empty(&self) -> bool {
        self.from.is_none()
            && self.name.is_none()
            && self.sector.is_none()
            && self.employees.is_none()
            && self.headquarters.is_none()
            && self.markets.is_empty()
            && self.offerings.is_empty()
            && self.notes.is_none()
    }

    /// The profile these flags describe, on top of `base`.
    fn apply(self, base: Value) -> CliResult<ClientProfile> {
        let base = match &self.from {
            Some(path) => serde_json::from_str(&read_input(path)?).map_err(|e| {
                Failure::Core(Error::Invalid(ValidationErrors::one("", format!("{} is not JSON: {e}", path.display()))))
            })?,
            None => base,
        };
        let Value::Object(mut map) = base else {
            return Err(Failure::Core(Error::invalid("", "a profile must be a JSON object")));
        };
        let mut set = |key: &str, value: Value| {
            map.insert(key.to_owned(), value);
        };
        if let Some(name) = self.name {
            set("name", Value::String(name));
        }
        if let Some(sector) = self.sector {
            set("sector", Value::String(sector));
        }
        if let Some(employees) = self.employees {
            set("employees", Value::from(employees));
        }
        if let Some(hq) = self.headquarters {
            set("headquarters", Value::String(hq));
        }
        if !self.markets.is_empty() {
            set("markets", Value::from(self.markets));
        }
        if !self.offerings.is_empty() {
            set("offerings", Value::from(self.offerings));
        }
        if let Some(notes) = self.notes {
            set("notes", Value::String(notes));
        }
        Ok(ClientProfile::from_json(&Value::Object(map).to_string())?)
    }
}

pub fn run(cmd: ClientCommand, store: &mut Store, out: &Output) -> CliResult {
    match cmd {
        ClientCommand::Add { profile } => {
            let profile = profile.apply(Value::Object(Map::new()))?.validate()?;
            let client = store.clients().create(&profile)?;
            out.value(&client, || format!("Added {} ({})", client.profile.name, client.id));
        }
        ClientCommand::List { search, archived, all, sort, desc } => {
            let query = ListQuery {
                search,
                filter: if all {
                    ClientFilter::All
                } else if archived {
                    ClientFilter::Archived
                } else {
                    ClientFilter::Active
                },
                sort,
                descending: desc,
            };
            let clients = store.clients().list(&query)?;
            out.value(&clients, || {
                if clients.is_empty() {
                    return "No clients. Add one with `crosswalk-cli client add`, or load the demo with `crosswalk-cli demo`."
                        .into();
                }
                let rows: Vec<Vec<String>> = clients
                    .iter()
                    .map(|c| {
                        vec![
                            c.id.to_string()[..8].to_owned(),
                            c.name.clone(),
                            snake_words(&serde_plain(&c.sector)),
                            c.employees.to_string(),
                            c.headquarters.clone(),
                            c.markets.iter().map(|m| serde_plain(m).to_uppercase()).collect::<Vec<_>>().join(","),
                            c.ai_systems.to_string(),
                            if c.status == ClientStatus::Archived { "archived".into() } else { String::new() },
                        ]
                    })
                    .collect();
                table(&["ID", "NAME", "SECTOR", "EMPLOYEES", "HQ", "MARKETS", "AI", ""], &rows)
            });
        }
        ClientCommand::Show { client } => {
            let client = store.clients().get(store.clients().resolve(&client)?)?;
            out.value(&client, || describe(&client));
        }
        ClientCommand::Edit { client, profile } => {
            let id = store.clients().resolve(&client)?;
            if profile.is_empty() {
                return Err(Failure::Usage(
                    "nothing to change: give --from FILE or a field flag such as --name".into(),
                ));
            }
            let current = serde_json::to_value(&store.clients().get(id)?.profile)
                .map_err(|e| Failure::Core(Error::Corrupt(e.to_string())))?;
            let profile = profile.apply(current)?.validate()?;
            let client = store.clients().update(id, &profile)?;
            out.value(&client, || format!("Updated {} ({})", client.profile.name, client.id));
        }
        ClientCommand::Archive { client } => {
            let client = store.clients().archive(store.clients().resolve(&client)?)?;
            out.value(&client, || format!("Archived {} ({})", client.profile.name, client.id));
        }
        ClientCommand::Restore { client } => {
            let client = store.clients().restore(store.clients().resolve(&client)?)?;
            out.value(&client, || format!("Restored {} ({})", client.profile.name, client.id));
        }
        ClientCommand::Delete { client, yes } => {
            let id = store.clients().resolve(&client)?;
            if !yes {
                return Err(Failure::Usage("deleting a client cannot be undone: add --yes to confirm".into()));
            }
            let name = store.clients().get(id)?.profile.name;
            store.clients().delete(id)?;
            out.value(&serde_json::json!({ "deleted": id }), || format!("Deleted {name} ({id})"));
        }
        ClientCommand::Import { file } => {
            let text = read_input(&file)?;
            let profiles = parse_profiles(&text)?;
            let ids = store.clients().import(&profiles)?;
            let clients = ids.into_iter().map(|id| store.clients().get(id)).collect::<Result<Vec<Client>, _>>()?;
            out.value(&clients, || {
                let mut text = format!("Imported {} client(s):", clients.len());
                for c in &clients {
                    text.push_str(&format!("\n  {} ({})", c.profile.name, c.id));
                }
                text
            });
        }
        ClientCommand::Export { client, out: path } => {
            let client = store.clients().get(store.clients().resolve(&client)?)?;
            let json = serde_json::to_string_pretty(&client.profile)
                .map_err(|e| Failure::Core(Error::Corrupt(e.to_string())))?;
            match path {
                Some(path) => {
                    write_whole(&path, format!("{json}\n").as_bytes())?;
                    let path = path.display().to_string();
                    out.value(&serde_json::json!({ "written": path }), || format!("Wrote {path}"));
                }
                None => crate::output::print_line(&json),
            }
        }
    }
    Ok(())
}

/// One profile or an array of them; every error of every profile, by position.
fn parse_profiles(text: &str) -> CliResult<Vec<crosswalk_core::domain::ValidProfile>> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Failure::Core(Error::invalid("", format!("the file is not JSON: {e}"))))?;
    let items = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    if items.is_empty() {
        return Err(Failure::Core(Error::invalid("", "the file holds no profiles")));
    }
    let mut valid = Vec::new();
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = |field: &str| if field.is_empty() { format!("[{i}]") } else { format!("[{i}].{field}") };
        match ClientProfile::from_json(&item.to_string()).and_then(ClientProfile::validate) {
            Ok(p) => valid.push(p),
            Err(e) => errors.extend(e.0.into_iter().map(|mut f| {
                f.field = prefix(&f.field);
                f
            })),
        }
    }
    if errors.is_empty() {
        Ok(valid)
    } else {
        Err(Failure::Core(Error::Invalid(ValidationErrors(errors))))
    }
}

fn read_input(path: &Path) -> CliResult<String> {
    crate::output::read_text(path)
}

/// Writes a file whole or not at all.
fn write_whole(path: &Path, bytes: &[u8]) -> CliResult {
    crosswalk_core::files::write_whole(path, bytes)
        .map_err(|e| Failure::Core(Error::io(format!("cannot write {}", path.display()), e)))
}

fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

fn snake_words(text: &str) -> String {
    text.replace('_', " ")
}

fn describe(client: &Client) -> String {
    let p = &client.profile;
    let mut s = String::new();
    let mut line = |label: &str, value: String| {
        if !value.is_empty() {
            s.push_str(&format!("{label:<15}{value}\n"));
        }
    };
    line("Name", p.name.clone());
    line("Id", client.id.to_string());
    line("Status", serde_plain(&client.status));
    line("Sector", snake_words(&serde_plain(&p.sector)));
    line("Employees", p.employees.to_string());
    line("Headquarters", p.headquarters.clone());
    line("Markets", p.markets.iter().map(|m| serde_plain(m).to_uppercase()).collect::<Vec<_>>().join(", "));
    line("Offerings", p.offerings.iter().map(|o| snake_words(&serde_plain(o))).collect::<Vec<_>>().join("; "));
    for system in &p.ai_systems {
        let roles = system.roles.iter().map(|r| snake_words(&serde_plain(r))).collect::<Vec<_>>().join(", ");
        let tier = serde_json::to_value(&system.risk)
            .ok()
            .and_then(|v| v.get("tier").cloned())
            .map(|t| serde_plain(&t))
            .unwrap_or_default();
        line("AI system", format!("{} ({roles}; {})", system.name, snake_words(&tier)));
    }
    for cert in &p.certifications {
        line(
            "Holds",
            match cert {
                Certification::Iso27001 { certified_on, .. } => format!("ISO/IEC 27001 since {certified_on}"),
                Certification::Iso42001 { certified_on, .. } => format!("ISO/IEC 42001 since {certified_on}"),
                Certification::Soc2 { report_type, period_end } => {
                    format!("SOC 2 {} (period end {period_end})", serde_plain(report_type).replace("type", "Type "))
                }
                Certification::Other { name, obtained_on } => format!("{name} since {obtained_on}"),
            },
        );
    }
    for pressure in &p.pressures {
        let mut text = format!(
            "{} ask for {}",
            snake_words(&serde_plain(&pressure.party)),
            snake_words(&serde_plain(&pressure.asks_for))
        );
        if pressure.deals_blocked {
            text.push_str(", deals blocked");
        }
        if let Some(deadline) = pressure.deadline {
            text.push_str(&format!(", by {deadline}"));
        }
        line("Pressure", text);
    }
    for contact in &p.contacts {
        let extra = [contact.role.as_str(), contact.email.as_str(), contact.phone.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        line("Contact", if extra.is_empty() { contact.name.clone() } else { format!("{} ({extra})", contact.name) });
    }
    line("Notes", p.notes.clone());
    s.trim_end().to_owned()
}
