//! Before the clock starts: find people, referrals and assessments through the API, and give each
//! client work of its own that can repeat for as long as the run lasts (assessments opened for it
//! through contact, referral and decision, and people whose records only it edits, so its saves
//! never conflict with another client's).

use std::collections::HashSet;

use anyhow::{bail, Context};
use reqwest::Method;
use serde_json::Value;
use tokio::task::JoinSet;

use crate::api::Api;
use crate::bodies;

/// Children each client may try beyond the assessments it needs.
const SPARES: usize = 3;

/// Names `hearth demo` and `hearth bench-search` give people (hearth-app's demo generator).
const GIVEN: &[&str] = &[
    "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Aisha", "Zara", "Maya",
    "Grace", "Sofia", "Ella", "Chloe", "Ruby", "Evie", "Poppy", "Hannah", "Leah", "Noah", "Oliver",
    "George", "Arthur", "Leo", "Harry", "Oscar", "Muhammad", "Jack", "Charlie", "Theo", "Finley",
    "Ethan", "Kai", "Reuben", "Tyler", "Josh", "Kieran", "Liam", "Adam",
];
const FAMILY: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
    "Wood", "Jackson", "Clarke", "Khan", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper",
    "Ward", "Morris", "Nowak", "Okafor", "Begum", "Ahmed", "Murphy", "Kelly", "Price", "Bennett",
    "Gray", "Shaw",
];

/// The bearer tokens: the worker's (people, assessments, search) and the front door's (the
/// queue, contacts, referrals and decisions; the worker's again when no front-door account).
#[derive(Clone)]
pub struct Tokens {
    pub worker: String,
    pub front_door: String,
}

/// An assessment only one client saves to, with each section's last saved version.
pub struct OwnAssessment {
    pub id: String,
    pub versions: [i64; bodies::SECTIONS.len()],
}

/// A person only one client edits: the version last seen and the details as read.
pub struct OwnPerson {
    pub id: String,
    pub version: i64,
    pub details: Value,
}

#[derive(Default)]
pub struct Own {
    pub assessments: Vec<OwnAssessment>,
    pub people: Vec<OwnPerson>,
}

/// What the mixed workload draws on.
pub struct Fixture {
    pub people: Vec<String>,
    pub children: Vec<String>,
    pub referrals: Vec<String>,
    pub assessments: Vec<String>,
    pub terms: Vec<String>,
    /// The version a referral has when its contact has just become it.
    pub fresh_referral_version: i64,
    pub own: Vec<Own>,
}

/// How much to prepare.
pub struct Plan {
    pub clients: usize,
    pub assessments_per_client: usize,
    pub people_per_client: usize,
}

/// Search terms as people type them: surnames, first names, three-letter prefixes, a first name
/// with the start of a surname, and a sound-alike.
pub fn search_terms() -> Vec<String> {
    let mut t: Vec<String> = Vec::new();
    for (i, s) in FAMILY.iter().enumerate() {
        let prefix = s.get(..3).unwrap_or(s);
        t.push((*s).to_string());
        t.push(prefix.to_lowercase());
        t.push(format!("{} {prefix}", GIVEN[(i * 7) % GIVEN.len()]));
    }
    t.extend(GIVEN.iter().map(|g| (*g).to_string()));
    t.push("Smyth".into());
    t
}

/// A search term as a query string value (the terms are letters and spaces).
pub fn query(term: &str) -> String {
    term.replace(' ', "%20")
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x[key].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// People the worker can open, found by searching every name the demo uses; children apart.
async fn find_people(api: &Api, token: &str) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let mut terms: Vec<String> = FAMILY.iter().chain(GIVEN).map(|s| s.to_string()).collect();
    for i in 0..120 {
        terms.push(format!(
            "{} {}",
            GIVEN[i % GIVEN.len()],
            FAMILY[(i * 7 + i / GIVEN.len()) % FAMILY.len()]
        ));
    }
    let (mut seen, mut people, mut children) = (HashSet::new(), Vec::new(), Vec::new());
    for term in terms {
        let r = api
            .must(
                Method::GET,
                &format!("/api/v1/people?q={}", query(&term)),
                token,
                None,
            )
            .await?;
        let found: Value = r.json()?;
        for p in found.as_array().into_iter().flatten() {
            let hidden = p["redacted"] == true || p["restricted"] == true;
            let Some(id) = p["id"].as_str().filter(|_| !hidden) else {
                continue;
            };
            if seen.insert(id.to_string()) {
                people.push(id.to_string());
                if p["kind"] == "child" {
                    children.push(id.to_string());
                }
            }
        }
    }
    Ok((people, children))
}

/// Contact, referral, a decision for an assessment, and the assessment opened: returns the
/// referral's id, its version when fresh, and the assessment's id.
async fn open_assessment(
    api: &Api,
    t: &Tokens,
    child: &str,
) -> anyhow::Result<(String, i64, String)> {
    let c: Value = api
        .must(
            Method::POST,
            "/api/v1/contacts",
            &t.front_door,
            Some(&bodies::contact(child)),
        )
        .await?
        .json()?;
    let id = c["id"].as_str().context("contact without id")?;
    let version = c["version"].as_i64().context("contact without version")?;
    let path = format!("/api/v1/contacts/{id}/outcome");
    let c: Value = api
        .must(
            Method::POST,
            &path,
            &t.front_door,
            Some(&bodies::becomes_referral(version)),
        )
        .await?
        .json()?;
    let referral = c["referrals"][0]
        .as_str()
        .context("the contact became no referral")?
        .to_string();
    let r: Value = api
        .must(
            Method::GET,
            &format!("/api/v1/referrals/{referral}"),
            &t.front_door,
            None,
        )
        .await?
        .json()?;
    let fresh = r["version"].as_i64().context("referral without version")?;
    let path = format!("/api/v1/referrals/{referral}/decision");
    // A registered social worker decides (Working Together 2018 ch.1 para 71).
    api.must(
        Method::POST,
        &path,
        &t.worker,
        Some(&bodies::decide_assessment(fresh)),
    )
    .await?;
    let a: Value = api
        .must(
            Method::POST,
            "/api/v1/assessments",
            &t.worker,
            Some(&bodies::open_assessment(child, &referral)),
        )
        .await?
        .json()?;
    let assessment = a["id"]
        .as_str()
        .context("assessment without id")?
        .to_string();
    Ok((referral, fresh, assessment))
}

/// Reads a person for editing.
pub async fn read_person(api: &Api, token: &str, id: &str) -> anyhow::Result<OwnPerson> {
    let r: Value = api
        .must(Method::GET, &format!("/api/v1/people/{id}"), token, None)
        .await?
        .json()?;
    Ok(OwnPerson {
        id: id.to_string(),
        version: r["person"]["version"]
            .as_i64()
            .context("person without version")?,
        details: r["person"]["details"].clone(),
    })
}

/// Finds what the run reads and prepares what each client writes.
pub async fn prepare(api: &Api, t: &Tokens, plan: &Plan) -> anyhow::Result<Fixture> {
    let (people, children) = find_people(api, &t.worker).await?;
    let queue: Value = api
        .must(Method::GET, "/api/v1/front-door", &t.front_door, None)
        .await?
        .json()?;
    let mut referrals = ids(&queue["referrals"], "referral_id");
    let worklist: Value = api
        .must(Method::GET, "/api/v1/assessments", &t.worker, None)
        .await?
        .json()?;
    let mut assessments = ids(&worklist, "id");
    // A child with an assessment open cannot have a second one on the same episode.
    let assessed: HashSet<String> = ids(&worklist, "person_id").into_iter().collect();
    let children: Vec<String> = children
        .into_iter()
        .filter(|c| !assessed.contains(c))
        .collect();
    // Each client tries its own few children (with spares, should one be refused).
    let per_client = plan.assessments_per_client + SPARES;
    let setup = plan.clients * per_client;
    if children.len() < setup + 10 || people.len() < 100 {
        bail!(
            "found only {} people ({} children without an assessment) by searching; \
             load demo data first (hearth demo --children 10000)",
            people.len(),
            children.len()
        );
    }

    // Each client's own work, prepared in parallel: assessments from the first children found,
    // people to edit from the end of the list.
    let mut tasks = JoinSet::new();
    for c in 0..plan.clients {
        let (api, t) = (api.clone(), t.clone());
        let candidates = children[c * per_client..(c + 1) * per_client].to_vec();
        let wanted = plan.assessments_per_client;
        let edit: Vec<String> = (0..plan.people_per_client)
            .map(|k| {
                people[people.len() - 1 - (c * plan.people_per_client + k) % people.len()].clone()
            })
            .collect();
        tasks.spawn(async move {
            let mut own = Own::default();
            let mut made = Vec::new();
            let mut last_error = None;
            for child in candidates {
                if own.assessments.len() == wanted {
                    break;
                }
                match open_assessment(&api, &t, &child).await {
                    Ok((referral, fresh, id)) => {
                        made.push((referral, fresh));
                        own.assessments.push(OwnAssessment {
                            id,
                            versions: [0; bodies::SECTIONS.len()],
                        });
                    }
                    Err(e) => last_error = Some(e),
                }
            }
            if own.assessments.len() < wanted {
                if let Some(e) = last_error {
                    return Err(e.context("cannot open an assessment for a load client"));
                }
            }
            for id in edit {
                own.people.push(read_person(&api, &t.worker, &id).await?);
            }
            anyhow::Ok((c, own, made))
        });
    }
    let mut own: Vec<Own> = (0..plan.clients).map(|_| Own::default()).collect();
    let mut fresh_referral_version = 1;
    while let Some(done) = tasks.join_next().await {
        let (c, mine, made) = done.context("a setup task panicked")??;
        for (referral, fresh) in made {
            referrals.push(referral);
            fresh_referral_version = fresh;
        }
        assessments.extend(mine.assessments.iter().map(|a| a.id.clone()));
        own[c] = mine;
    }
    if referrals.is_empty() || assessments.is_empty() {
        bail!("no referrals or assessments to read (give --assessments-per-client 1 or more)");
    }
    Ok(Fixture {
        people,
        children: children[setup..].to_vec(),
        referrals,
        assessments,
        terms: search_terms(),
        fresh_referral_version,
        own,
    })
}
