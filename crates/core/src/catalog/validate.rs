//! Checking a raw catalogue and building the typed one.
//!
//! Every problem is collected, none stops the checks: duplicate ids, parents that are not defined
//! earlier in the same file, unknown keywords (domain, effort, kind, role, tier, milestone,
//! relationship), mappings to unknown or grouping entries, duplicate mapping rows, assessable
//! requirements and controls without a mapping, missing or empty translations. References into a
//! part that could not be parsed at all are not checked (each would be reported as unknown); the
//! syntax error is reported instead.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::error::CatalogErrors;
use super::model::*;
use super::parse::{Entry, Part, RawCatalog, RawFrameworkFile, RawMilestone, RawRequirement, RawText};
use super::source::{CALENDAR_FILE, CATALOG_FILE, JOINT_FILE};
use crate::domain::Date;

/// Checks `raw`, adding every problem to `errors`; returns the catalogue when there is none
/// (including any found while parsing).
pub(super) fn build(raw: RawCatalog, content_hash: String, errors: &mut CatalogErrors) -> Option<Catalog> {
    let mut check = Checker { errors, unreadable: raw.unreadable.clone() };

    // Without a readable catalog.toml its keys are not reported missing one by one.
    let (version, date) = if check.unreadable.contains(&Part::Catalog) {
        (None, None)
    } else {
        let version = check.string(CATALOG_FILE, "version", "version", raw.version.as_deref());
        let date = check
            .string(CATALOG_FILE, "date", "date", raw.date.as_deref())
            .and_then(|d| check.date(CATALOG_FILE, "date", "date", d));
        (version, date)
    };
    if raw.frameworks.is_empty() && !check.unreadable.contains(&Part::Frameworks) {
        check.error("frameworks/", "", "no framework files");
    }
    if raw.controls.is_empty() && !check.unreadable.contains(&Part::Controls) {
        check.error("controls/", "", "no controls");
    }
    let domains = check.domains(&raw.domains);
    let milestones = check.milestones(&raw.milestones);
    let domain_ids: HashSet<&str> = raw
        .domains
        .iter()
        .filter_map(|d| d.raw.id.as_deref())
        .chain(raw.broken_domains.iter().map(String::as_str))
        .collect();
    let milestone_ids: HashSet<&str> = raw
        .milestones
        .iter()
        .filter_map(|m| m.raw.id.as_deref())
        .chain(raw.broken_milestones.iter().map(String::as_str))
        .collect();

    let mut frameworks = Vec::new();
    let mut first_file_of: HashMap<&str, &str> = HashMap::new();
    for file in &raw.frameworks {
        frameworks.push(check.framework(file, &milestone_ids, &mut first_file_of));
    }
    let controls = check.controls(&raw, &domain_ids);
    let mappings = check.mappings(&raw, &frameworks);
    let jointly_sufficient = check.jointly_sufficient(&raw, &frameworks);

    let errors_found = !check.errors.is_empty();
    if errors_found {
        return None;
    }
    Some(Catalog {
        version: version?.to_owned(),
        date: date?,
        content_hash,
        domains: domains.into_iter().collect::<Option<_>>()?,
        frameworks: frameworks.into_iter().map(|f| f.built).collect::<Option<_>>()?,
        controls: controls.into_iter().collect::<Option<_>>()?,
        mappings: mappings.into_iter().collect::<Option<_>>()?,
        jointly_sufficient: jointly_sufficient.into_iter().collect::<Option<_>>()?,
        milestones: milestones.into_iter().collect::<Option<_>>()?,
    })
}

struct Checker<'e> {
    errors: &'e mut CatalogErrors,
    unreadable: BTreeSet<Part>,
}

/// What the mapping checks need to know of a framework file, and the framework when it is valid.
struct CheckedFramework<'r> {
    id: Option<&'r str>,
    file: &'r str,
    /// Ids of requirements that could not be read.
    broken: &'r HashSet<String>,
    /// Every requirement id, with whether it is assessable.
    requirements: HashMap<&'r str, bool>,
    /// Assessable requirement ids in file order, for the coverage check.
    leaves: Vec<&'r str>,
    built: Option<Framework>,
}

impl Checker<'_> {
    fn error(&mut self, file: &str, entry: &str, message: impl Into<String>) {
        self.errors.push(file, entry, message);
    }

    /// A required, non-empty string.
    fn string<'a>(&mut self, file: &str, entry: &str, field: &str, value: Option<&'a str>) -> Option<&'a str> {
        match value {
            Some(v) if !v.trim().is_empty() => Some(v),
            Some(_) => {
                self.error(file, entry, format!("`{field}` is empty"));
                None
            }
            None => {
                self.error(file, entry, format!("`{field}` is missing"));
                None
            }
        }
    }

    fn date(&mut self, file: &str, entry: &str, field: &str, value: &str) -> Option<Date> {
        match value.parse::<Date>() {
            Ok(date) => Some(date),
            Err(e) => {
                self.error(file, entry, format!("`{field}`: {e}"));
                None
            }
        }
    }

    /// A text that must exist in English and German, neither empty.
    fn text(&mut self, file: &str, entry: &str, field: &str, value: &Option<RawText>) -> Option<Text> {
        let Some(value) = value else {
            self.error(file, entry, format!("`{field}` is missing (it needs en and de)"));
            return None;
        };
        let mut one = |lang: &str, text: &Option<String>| match text {
            Some(t) if !t.trim().is_empty() => Some(t.clone()),
            _ => {
                self.error(file, entry, format!("missing or empty translation `{field}.{lang}`"));
                None
            }
        };
        let en = one("en", &value.en);
        let de = one("de", &value.de);
        Some(Text { en: en?, de: de? })
    }

    fn keyword<T>(
        &mut self,
        file: &str,
        entry: &str,
        field: &str,
        value: Option<&str>,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let value = self.string(file, entry, field, value)?;
        let parsed = parse(value);
        if parsed.is_none() {
            self.error(file, entry, format!("unknown {field} `{value}` (expected one of: {expected})"));
        }
        parsed
    }

    /// The entry's id, reported when missing or badly formed, and when a duplicate.
    fn id<'r, T>(
        &mut self,
        entry: &'r Entry<T>,
        id: &'r Option<String>,
        what: &str,
        seen: &mut HashMap<&'r str, &'r str>,
    ) -> Option<&'r str> {
        let id = self.string(&entry.file, &entry.label, "id", id.as_deref())?;
        if id.trim() != id {
            self.error(&entry.file, &entry.label, format!("{what} id `{id}` has leading or trailing spaces"));
        }
        match seen.get(id) {
            Some(first) if *first == entry.file.as_str() => {
                self.error(&entry.file, &entry.label, format!("duplicate {what} id `{id}`"));
                None
            }
            Some(first) => {
                self.error(&entry.file, &entry.label, format!("duplicate {what} id `{id}` (first defined in {first})"));
                None
            }
            None => {
                seen.insert(id, &entry.file);
                Some(id)
            }
        }
    }

    fn domains(&mut self, entries: &[Entry<super::parse::RawDomain>]) -> Vec<Option<Domain>> {
        let mut seen = HashMap::new();
        if entries.is_empty() && !self.unreadable.contains(&Part::Catalog) {
            self.error(CATALOG_FILE, "", "no [[domain]] entries");
        }
        entries
            .iter()
            .map(|e| {
                let id = self.id(e, &e.raw.id, "domain", &mut seen);
                let name = self.text(&e.file, &e.label, "name", &e.raw.name);
                Some(Domain { id: id?.to_owned(), name: name? })
            })
            .collect()
    }

    fn milestones(&mut self, entries: &[Entry<RawMilestone>]) -> Vec<Option<Milestone>> {
        let mut seen = HashMap::new();
        entries.iter().map(|e| self.milestone(e, &mut seen)).collect()
    }

    fn milestone<'r>(&mut self, e: &'r Entry<RawMilestone>, seen: &mut HashMap<&'r str, &'r str>) -> Option<Milestone> {
        let (file, label) = (e.file.as_str(), e.label.as_str());
        let id = self.id(e, &e.raw.id, "milestone", seen);
        let date =
            self.string(file, label, "date", e.raw.date.as_deref()).and_then(|d| self.date(file, label, "date", d));
        let title = self.text(file, label, "title", &e.raw.title);
        let source = self.string(file, label, "source", e.raw.source.as_deref());
        let mut by_tier = Vec::new();
        let mut tiers_ok = true;
        for (tier, tier_date) in e.raw.by_tier.iter().flatten() {
            let tier = self.keyword(file, label, "tier", Some(tier), AiTier::parse, &AiTier::expected());
            let tier_date = self.date(file, label, "by_tier", tier_date);
            match (tier, tier_date) {
                (Some(tier), Some(date)) => by_tier.push(TierDate { tier, date }),
                _ => tiers_ok = false,
            }
        }
        by_tier.sort_by_key(|t| t.tier);
        if let (Some(date), Some(earliest)) = (date, by_tier.iter().map(|t| t.date).min()) {
            if date != earliest {
                self.error(
                    file,
                    label,
                    format!("`date` must be the earliest of the `by_tier` dates ({earliest}), found {date}"),
                );
            }
        }
        if !tiers_ok {
            return None;
        }
        Some(Milestone { id: id?.to_owned(), date: date?, by_tier, title: title?, source: source?.to_owned() })
    }

    fn framework<'r>(
        &mut self,
        file: &'r RawFrameworkFile,
        milestone_ids: &HashSet<&str>,
        first_file_of: &mut HashMap<&'r str, &'r str>,
    ) -> CheckedFramework<'r> {
        let name = file.file.as_str();
        let mut id = None;
        let mut header = None;
        if let Some(fw) = &file.framework {
            let label = fw.id.as_deref().unwrap_or("framework");
            id = self.string(name, label, "id", fw.id.as_deref());
            if let Some(fid) = id {
                if !fid.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
                    self.error(name, label, format!("framework id `{fid}` must be lowercase letters, digits and _"));
                }
                if fid.starts_with(CUSTOM_FRAMEWORK_PREFIX) {
                    self.error(
                        name,
                        label,
                        format!("framework id `{fid}`: ids starting with {CUSTOM_FRAMEWORK_PREFIX} are kept for imported frameworks"),
                    );
                }
                if let Some(first) = first_file_of.get(fid) {
                    self.error(name, label, format!("duplicate framework id `{fid}` (first defined in {first})"));
                    id = None;
                } else {
                    first_file_of.insert(fid, name);
                }
            }
            let fw_name = self.string(name, label, "name", fw.name.as_deref());
            let kind =
                self.keyword(name, label, "kind", fw.kind.as_deref(), FrameworkKind::parse, &FrameworkKind::expected());
            let title = self.text(name, label, "title", &fw.title);
            header = (|| Some((fw_name?.to_owned(), kind?, title?)))();
        }
        if file.requirements.is_empty() {
            self.error(name, "", "no [[requirement]] entries");
        }

        // Which framework the entries belong to, for the checks specific to SOC 2 and the AI Act:
        // the id as written (even a duplicate one), else the file's name.
        let kind_of = file
            .framework
            .as_ref()
            .and_then(|f| f.id.as_deref())
            .or_else(|| name.strip_prefix("frameworks/").and_then(|n| n.strip_suffix(".toml")));

        // Ids, duplicates and parents, in file order: a parent must come before its children.
        let mut seen: HashMap<&str, &str> = HashMap::new();
        // Entries that could not be read count as defined: they are reported already.
        let mut defined: HashSet<&str> = file.broken.iter().map(String::as_str).collect();
        let all_ids: HashSet<&str> = file.requirements.iter().filter_map(|r| r.raw.id.as_deref()).collect();
        let parents: HashSet<&str> = file.requirements.iter().filter_map(|r| r.raw.parent.as_deref()).collect();
        let mut requirements = HashMap::new();
        let mut leaves = Vec::new();
        let mut rows: Vec<Option<Requirement>> = Vec::new();
        for e in &file.requirements {
            let label = e.label.as_str();
            let rid = self.id(e, &e.raw.id, "requirement", &mut seen);
            let assessable = rid.is_some_and(|r| !parents.contains(r));
            if let Some(rid) = rid {
                requirements.insert(rid, assessable);
                if assessable {
                    leaves.push(rid);
                }
            }
            let parent_ok = match e.raw.parent.as_deref() {
                None => true,
                Some(parent) if defined.contains(parent) => true,
                Some(parent) if all_ids.contains(parent) && Some(parent) != rid => {
                    self.error(
                        name,
                        label,
                        format!("parent `{parent}` is defined after this entry; define it earlier in the file"),
                    );
                    false
                }
                Some(parent) => {
                    self.error(name, label, format!("undefined parent `{parent}`"));
                    false
                }
            };
            if let Some(rid) = rid {
                defined.insert(rid);
            }
            let kind = self.keyword(
                name,
                label,
                "kind",
                e.raw.kind.as_deref(),
                RequirementKind::parse,
                &RequirementKind::expected(),
            );
            let title = self.text(name, label, "title", &e.raw.title);
            let ai_act = self.ai_act_scope(kind_of, e, assessable, milestone_ids);
            rows.push((|| {
                parent_ok.then_some(())?;
                let requirement = Requirement {
                    id: rid?.to_owned(),
                    parent: e.raw.parent.clone(),
                    kind: kind?,
                    title: title?,
                    assessable,
                    depth: 0,
                    soc2_category: None,
                    ai_act: ai_act?,
                };
                Some(requirement)
            })());
        }
        if kind_of == Some(SOC2) {
            for e in file.requirements.iter().filter(|e| e.raw.parent.is_none()) {
                if let Some(rid) = e.raw.id.as_deref().filter(|r| Soc2Category::from_entry_id(r).is_none()) {
                    self.error(
                        name,
                        &e.label,
                        format!("a top-level SOC 2 entry must be a category (Security, Availability, Confidentiality, Processing Integrity, Privacy), found `{rid}`"),
                    );
                }
            }
        }
        let built = (|| {
            let (fw_name, kind, title) = header?;
            let rows = rows.into_iter().collect::<Option<Vec<_>>>()?;
            let requirements = tree_order(rows, kind_of == Some(SOC2));
            Some(Framework { id: id?.to_owned(), name: fw_name, kind, title, requirements })
        })();
        CheckedFramework { id, file: name, broken: &file.broken, requirements, leaves, built }
    }

    /// Roles, tiers and the milestone of an EU AI Act leaf; `Some(None)` for an entry that
    /// rightly has none, `None` when something is wrong.
    fn ai_act_scope(
        &mut self,
        framework: Option<&str>,
        e: &Entry<RawRequirement>,
        assessable: bool,
        milestone_ids: &HashSet<&str>,
    ) -> Option<Option<AiActScope>> {
        let (file, label) = (e.file.as_str(), e.label.as_str());
        let raw = &e.raw;
        let given: Vec<&str> = [
            ("roles", raw.roles.is_some()),
            ("tiers", raw.tiers.is_some()),
            ("applies_from", raw.applies_from.is_some()),
            ("when", raw.when.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, present)| present.then_some(k))
        .collect();
        if framework != Some(EU_AI_ACT) {
            if given.is_empty() {
                return Some(None);
            }
            self.error(file, label, format!("`{}` belong only to EU AI Act requirements", given.join("`, `")));
            return None;
        }
        if !assessable {
            if given.is_empty() {
                return Some(None);
            }
            self.error(file, label, "roles, tiers, applies_from and when belong on leaves; this entry has children");
            return None;
        }
        let missing: Vec<&str> =
            ["roles", "tiers", "applies_from"].into_iter().filter(|k| !given.contains(k)).collect();
        let when = self.ai_conditions(file, label, raw.when.as_deref().unwrap_or_default());
        if !missing.is_empty() {
            self.error(file, label, format!("an EU AI Act leaf needs `{}`", missing.join("`, `")));
        }
        let roles = self.keyword_list(
            file,
            label,
            "role",
            raw.roles.as_deref(),
            parse_role,
            &ROLES.iter().map(|r| role_keyword(*r)).collect::<Vec<_>>().join(", "),
        );
        let tiers = self.keyword_list(file, label, "tier", raw.tiers.as_deref(), AiTier::parse, &AiTier::expected());
        let applies_from = raw.applies_from.as_deref().and_then(|m| {
            if milestone_ids.contains(m) || self.unreadable.contains(&Part::Calendar) {
                Some(m.to_owned())
            } else {
                self.error(file, label, format!("unknown milestone `{m}` in applies_from (see {CALENDAR_FILE})"));
                None
            }
        });
        if !missing.is_empty() {
            return None;
        }
        Some(Some(AiActScope { roles: roles?, tiers: tiers?, applies_from: applies_from?, when: when? }))
    }

    /// The `when` conditions of an EU AI Act leaf: every fact known, every value one the fact
    /// can take, no empty condition and no empty value list.
    fn ai_conditions(
        &mut self,
        file: &str,
        label: &str,
        raw: &[BTreeMap<String, Vec<String>>],
    ) -> Option<Vec<AiCondition>> {
        let mut ok = true;
        let mut conditions = Vec::new();
        for (i, table) in raw.iter().enumerate() {
            if table.is_empty() {
                self.error(file, label, format!("`when` condition {} tests nothing", i + 1));
                ok = false;
            }
            let mut all = Vec::new();
            for (fact, values) in table {
                let Some(parsed) = AiFact::parse(fact) else {
                    self.error(
                        file,
                        label,
                        format!("unknown fact `{fact}` in `when` (expected one of: {})", AiFact::expected()),
                    );
                    ok = false;
                    continue;
                };
                if values.is_empty() {
                    self.error(file, label, format!("`when` lists no value for `{fact}`"));
                    ok = false;
                }
                let known = parsed.values();
                for value in values {
                    if !known.contains(&value.as_str()) {
                        self.error(
                            file,
                            label,
                            format!(
                                "unknown value `{value}` for `{fact}` in `when` (expected one of: {})",
                                known.join(", ")
                            ),
                        );
                        ok = false;
                    }
                }
                all.push(AiFactTest { fact: parsed, values: values.clone() });
            }
            conditions.push(AiCondition { all });
        }
        ok.then_some(conditions)
    }

    fn keyword_list<T: PartialEq>(
        &mut self,
        file: &str,
        entry: &str,
        field: &str,
        values: Option<&[String]>,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<Vec<T>> {
        let values = values?;
        if values.is_empty() {
            self.error(file, entry, format!("`{field}s` is empty"));
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for value in values {
            match parse(value) {
                Some(v) if out.contains(&v) => {
                    self.error(file, entry, format!("{field} `{value}` is listed twice"));
                    ok = false;
                }
                Some(v) => out.push(v),
                None => {
                    self.error(file, entry, format!("unknown {field} `{value}` (expected one of: {expected})"));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    fn controls(&mut self, raw: &RawCatalog, domain_ids: &HashSet<&str>) -> Vec<Option<Control>> {
        let mut seen = HashMap::new();
        let check_domains = !self.unreadable.contains(&Part::Catalog);
        raw.controls
            .iter()
            .map(|e| {
                let (file, label) = (e.file.as_str(), e.label.as_str());
                let id = self.id(e, &e.raw.id, "control", &mut seen);
                if let Some(id) = id.filter(|id| !is_shipped_control_id(id)) {
                    self.error(
                        file,
                        label,
                        format!("control id `{id}` must have the form CW-<AREA>-<NN>, e.g. CW-ACC-03"),
                    );
                }
                let domain = self.string(file, label, "domain", e.raw.domain.as_deref()).and_then(|d| {
                    if check_domains && !domain_ids.contains(d) {
                        self.error(file, label, format!("unknown domain `{d}` (not defined in {CATALOG_FILE})"));
                        return None;
                    }
                    Some(d.to_owned())
                });
                let effort =
                    self.keyword(file, label, "effort", e.raw.effort.as_deref(), Effort::parse, &Effort::expected());
                let title = self.text(file, label, "title", &e.raw.title);
                let objective = self.text(file, label, "objective", &e.raw.objective);
                let evidence = self.text(file, label, "evidence", &e.raw.evidence);
                Some(Control {
                    id: id?.to_owned(),
                    domain: domain?,
                    effort: effort?,
                    title: title?,
                    objective: objective?,
                    evidence: evidence?,
                })
            })
            .collect()
    }

    fn mappings(&mut self, raw: &RawCatalog, frameworks: &[CheckedFramework<'_>]) -> Vec<Option<Mapping>> {
        let controls: HashMap<&str, &Entry<super::parse::RawControl>> =
            raw.controls.iter().filter_map(|e| Some((e.raw.id.as_deref()?, e))).collect();
        let by_id: HashMap<&str, &CheckedFramework<'_>> = frameworks.iter().filter_map(|f| Some((f.id?, f))).collect();
        let check_controls = !self.unreadable.contains(&Part::Controls);
        let check_frameworks = !self.unreadable.contains(&Part::Frameworks);
        let mut first_row: HashMap<(&str, &str, &str), (&str, &str)> = HashMap::new();
        let mut mapped_requirements: HashSet<(&str, &str)> = HashSet::new();
        let mut mapped_controls: HashSet<&str> = HashSet::new();
        let mut out = Vec::with_capacity(raw.mappings.len());
        for row in &raw.mappings {
            let (file, label) = (row.file.as_str(), row.label.as_str());
            let mut ok = true;
            for (field, value) in [
                ("control_id", &row.control_id),
                ("framework", &row.framework),
                ("requirement_id", &row.requirement_id),
            ] {
                if value.is_empty() {
                    self.error(file, label, format!("`{field}` is empty"));
                    ok = false;
                }
            }
            if !ok {
                out.push(None);
                continue;
            }
            if controls.contains_key(row.control_id.as_str()) {
                mapped_controls.insert(&row.control_id);
            } else if raw.broken_controls.contains(&row.control_id) {
                ok = false;
            } else if check_controls {
                self.error(file, label, format!("unknown control `{}`", row.control_id));
                ok = false;
            }
            match by_id.get(row.framework.as_str()) {
                Some(fw) => match fw.requirements.get(row.requirement_id.as_str()) {
                    Some(true) => {
                        mapped_requirements.insert((&row.framework, &row.requirement_id));
                    }
                    Some(false) => {
                        self.error(
                            file,
                            label,
                            format!("`{}` of {} is a grouping entry, not an assessable requirement: map the entries under it", row.requirement_id, row.framework),
                        );
                        ok = false;
                    }
                    None if fw.broken.contains(&row.requirement_id) => ok = false,
                    None => {
                        self.error(
                            file,
                            label,
                            format!("unknown requirement `{}` in framework {}", row.requirement_id, row.framework),
                        );
                        ok = false;
                    }
                },
                None if check_frameworks => {
                    self.error(file, label, format!("unknown framework `{}`", row.framework));
                    ok = false;
                }
                None => ok = false,
            }
            let relationship = self.keyword(
                file,
                label,
                "relationship",
                Some(&row.relationship),
                Relationship::parse,
                &Relationship::expected(),
            );
            let key = (row.control_id.as_str(), row.framework.as_str(), row.requirement_id.as_str());
            if let Some((first_file, first_label)) = first_row.get(&key) {
                let line = first_label.split(" (").next().unwrap_or(first_label);
                let place = if *first_file == file { line.to_owned() } else { format!("{first_file} {line}") };
                self.error(
                    file,
                    label,
                    format!("duplicate mapping row: {place} already maps this control to this requirement"),
                );
                ok = false;
            } else {
                first_row.insert(key, (file, label));
            }
            out.push((|| {
                ok.then_some(())?;
                Some(Mapping {
                    control_id: row.control_id.clone(),
                    framework: row.framework.clone(),
                    requirement_id: row.requirement_id.clone(),
                    relationship: relationship?,
                })
            })());
        }

        // `equal` says the control and the requirement ask for the same thing, so one control can
        // be equal to one requirement at most: two requirements it equals would be the same.
        let mut equal_to: BTreeMap<&str, Vec<&super::parse::RawMapping>> = BTreeMap::new();
        let mut distinct: HashSet<(&str, &str, &str)> = HashSet::new();
        for row in raw.mappings.iter().filter(|r| r.relationship == "equal") {
            // A duplicate row is reported as such, not as a second requirement.
            if distinct.insert((&row.control_id, &row.framework, &row.requirement_id)) {
                equal_to.entry(row.control_id.as_str()).or_default().push(row);
            }
        }
        for (control, rows) in &equal_to {
            if rows.len() < 2 {
                continue;
            }
            let all: Vec<String> = rows.iter().map(|r| format!("{} {}", r.framework, r.requirement_id)).collect();
            for row in &rows[1..] {
                self.error(
                    &row.file,
                    &row.label,
                    format!(
                        "`{control}` is `equal` to several requirements ({}): equal means the same thing, so a \
                         control equals one requirement at most; where it asks for more than a requirement, \
                         write `superset`",
                        all.join(", ")
                    ),
                );
            }
        }

        // Coverage: checked only when every file could be read, or it would report every entry
        // of a file that failed to parse.
        let complete = ![Part::Controls, Part::Frameworks, Part::Mappings].iter().any(|p| self.unreadable.contains(p));
        if complete {
            for fw in frameworks {
                let Some(fid) = fw.id else { continue };
                for leaf in &fw.leaves {
                    if !mapped_requirements.contains(&(fid, *leaf)) {
                        self.error(fw.file, leaf, "assessable requirement with no mapping: no control maps to it");
                    }
                }
            }
            for e in &raw.controls {
                if let Some(id) = e.raw.id.as_deref().filter(|id| !mapped_controls.contains(id)) {
                    self.error(&e.file, &e.label, format!("control `{id}` has no mapping: it serves no requirement"));
                }
            }
        }
        out
    }
}

impl Checker<'_> {
    /// The declarations of `jointly-sufficient.toml`: each names an assessable requirement and
    /// exactly the controls the catalogue maps to it as `subset` (at least two: one control alone
    /// never meets a requirement it covers only a part of), with a reason.
    fn jointly_sufficient(
        &mut self,
        raw: &RawCatalog,
        frameworks: &[CheckedFramework<'_>],
    ) -> Vec<Option<JointlySufficient>> {
        let by_id: HashMap<&str, &CheckedFramework<'_>> = frameworks.iter().filter_map(|f| Some((f.id?, f))).collect();
        let complete = ![Part::Controls, Part::Frameworks, Part::Mappings].iter().any(|p| self.unreadable.contains(p));
        let mut subsets: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        for m in raw.mappings.iter().filter(|m| m.relationship == "subset") {
            subsets.entry((m.framework.as_str(), m.requirement_id.as_str())).or_default().push(&m.control_id);
        }
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let mut out = Vec::with_capacity(raw.joint.len());
        for e in &raw.joint {
            let (file, label) = (JOINT_FILE, e.label.as_str());
            let framework = self.string(file, label, "framework", e.raw.framework.as_deref());
            let requirement = self.string(file, label, "requirement", e.raw.requirement.as_deref());
            let reason = self.string(file, label, "reason", e.raw.reason.as_deref());
            let mut ok = framework.is_some() && requirement.is_some() && reason.is_some();
            if let (Some(f), Some(r)) = (framework, requirement) {
                if !seen.insert((f, r)) {
                    self.error(file, label, format!("{f} {r} is declared twice"));
                    ok = false;
                }
                match by_id.get(f).map(|fw| fw.requirements.get(r)) {
                    None if complete => {
                        self.error(file, label, format!("unknown framework `{f}`"));
                        ok = false;
                    }
                    Some(None) if complete => {
                        self.error(file, label, format!("unknown requirement `{r}` in framework {f}"));
                        ok = false;
                    }
                    Some(Some(false)) => {
                        self.error(
                            file,
                            label,
                            format!("`{r}` of {f} is a grouping entry, not an assessable requirement"),
                        );
                        ok = false;
                    }
                    _ => {}
                }
            }
            let controls: Vec<&str> = e.raw.controls.iter().flatten().map(String::as_str).collect();
            if controls.len() < 2 {
                self.error(
                    file,
                    label,
                    "`controls` must list at least two controls: one control alone never meets a requirement it covers only a part of",
                );
                ok = false;
            }
            let mut listed: HashSet<&str> = HashSet::new();
            for c in &controls {
                if !listed.insert(c) {
                    self.error(file, label, format!("control `{c}` is listed twice"));
                    ok = false;
                }
            }
            if let (Some(f), Some(r), true) = (framework, requirement, complete) {
                let mapped: Vec<&str> = subsets.get(&(f, r)).cloned().unwrap_or_default();
                for c in controls.iter().filter(|c| !mapped.contains(c)) {
                    self.error(
                        file,
                        label,
                        format!("`{c}` is not mapped to {f} {r} as `subset`: list only its subset controls"),
                    );
                    ok = false;
                }
                for c in mapped.iter().filter(|c| !listed.contains(*c)) {
                    self.error(
                        file,
                        label,
                        format!("`{c}` is mapped to {f} {r} as `subset` but not listed: decide whether the group still covers the requirement and list it"),
                    );
                    ok = false;
                }
            }
            out.push(ok.then(|| JointlySufficient {
                framework: framework.unwrap_or_default().to_owned(),
                requirement_id: requirement.unwrap_or_default().to_owned(),
                controls: controls.iter().map(|c| (*c).to_owned()).collect(),
                reason: reason.unwrap_or_default().to_owned(),
            }));
        }
        out
    }
}

/// A shipped control id: `CW-<AREA>-<NN>`, the area in capitals, at least two digits.
fn is_shipped_control_id(id: &str) -> bool {
    let mut parts = id.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("CW"), Some(area), Some(number), None)
            if !area.is_empty() && area.chars().all(|c| c.is_ascii_uppercase())
                && number.len() >= 2 && number.chars().all(|c| c.is_ascii_digit())
    )
}

/// Requirements in tree order: each entry followed by its children, siblings in file order.
/// Depth and the SOC 2 category (from the top-level ancestor) are filled in on the way.
fn tree_order(requirements: Vec<Requirement>, soc2: bool) -> Vec<Requirement> {
    let mut children: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (index, r) in requirements.iter().enumerate() {
        children.entry(r.parent.as_deref()).or_default().push(index);
    }
    let mut order = Vec::with_capacity(requirements.len());
    // (index, depth, category of the top-level ancestor)
    let mut stack: Vec<(usize, u32, Option<Soc2Category>)> = Vec::new();
    for &root in children.get(&None).into_iter().flatten().rev() {
        let category = soc2.then(|| Soc2Category::from_entry_id(&requirements[root].id)).flatten();
        stack.push((root, 0, category));
    }
    while let Some((index, depth, category)) = stack.pop() {
        order.push((index, depth, category));
        for &child in children.get(&Some(requirements[index].id.as_str())).into_iter().flatten().rev() {
            stack.push((child, depth + 1, category));
        }
    }
    let mut slots: Vec<Option<Requirement>> = requirements.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(index, depth, soc2_category)| {
            let mut r = slots[index].take()?;
            r.depth = depth;
            r.soc2_category = soc2_category;
            Some(r)
        })
        .collect()
}
