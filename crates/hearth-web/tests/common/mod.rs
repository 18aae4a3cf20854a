//! Test harness: a fresh database per test on SQLite or PostgreSQL, Hearth served on a random
//! port with a controllable clock, and HTTP clients that sign in.
//!
//! PostgreSQL comes from `HEARTH_TEST_PG_URL` (set by `scripts/with-postgres`). Without it a
//! PostgreSQL test is skipped with a message, unless `HEARTH_REQUIRE_PG` or `CI` is set, when it
//! fails: CI never silently skips a backend.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use hearth_app::accounts::users::NewUser;
use hearth_app::{App, FixedClock};
use hearth_store::Db;
use serde_json::Value;

pub const PASSWORD: &str = "correct horse battery";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestServer {
    pub base: String,
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub backend: Backend,
    _tmp: Option<TempDir>,
}

pub struct TempDir(pub std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0).unwrap()
}

/// A fresh, migrated database, or None when PostgreSQL is unavailable and not required.
pub async fn fresh_db(backend: Backend) -> Option<(Db, Option<TempDir>)> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("hearth-test-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&dir).unwrap();
            let db = Db::connect(&format!("sqlite://{}/hearth.db", dir.display()))
                .await
                .unwrap();
            db.migrate().await.unwrap();
            Some((db, Some(TempDir(dir))))
        }
        Backend::Postgres => {
            let Ok(admin_url) = std::env::var("HEARTH_TEST_PG_URL") else {
                if std::env::var("HEARTH_REQUIRE_PG").is_ok() || std::env::var("CI").is_ok() {
                    panic!("PostgreSQL is required (HEARTH_REQUIRE_PG/CI set) but HEARTH_TEST_PG_URL is not: run under scripts/with-postgres");
                }
                eprintln!("skipping PostgreSQL variant: HEARTH_TEST_PG_URL not set (run under scripts/with-postgres)");
                return None;
            };
            let name = format!("hearth_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Db::connect(&admin_url)
                .await
                .expect("connect to the test PostgreSQL");
            if let Db::Postgres(pool) = &admin {
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(pool)
                    .await
                    .unwrap();
            }
            admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap();
            let db = Db::connect(&format!("{base}/{name}")).await.unwrap();
            db.migrate().await.unwrap();
            Some((db, None))
        }
    }
}

pub async fn start(backend: Backend) -> Option<TestServer> {
    start_configured(backend, false, Default::default()).await
}

/// A server behind TLS or a trusted proxy, as a deployment would configure it.
pub async fn start_configured(
    backend: Backend,
    behind_tls: bool,
    client_address: hearth_web::client::ClientAddress,
) -> Option<TestServer> {
    let (db, tmp) = fresh_db(backend).await?;
    let clock = Arc::new(FixedClock::new(start_time()));
    let app = App::new(db, clock.clone());
    let state = hearth_web::AppState {
        app: app.clone(),
        council_name: "Testshire Council".into(),
        behind_tls,
        client_address,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = hearth_web::router(state);
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await;
    });
    Some(TestServer {
        base: format!("http://{addr}"),
        app,
        clock,
        backend,
        _tmp: tmp,
    })
}

impl TestServer {
    pub async fn add_user(&self, email: &str, role: &str) {
        self.add_user_in(email, role, "Team A").await;
    }

    pub async fn add_user_in(&self, email: &str, role: &str, team: &str) {
        self.app
            .add_user(
                None,
                &NewUser {
                    name: format!("Test {role} of {team}"),
                    email: email.into(),
                    role: role.into(),
                    team: team.into(),
                    password: PASSWORD.into(),
                },
            )
            .await
            .unwrap();
    }

    /// A bearer token for an existing user.
    pub async fn token_of(&self, email: &str) -> String {
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/tokens", self.base))
            .json(&serde_json::json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        r.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// A bearer token for a new user with this role.
    pub async fn token(&self, role: &str) -> String {
        self.user_in(role, "Team A").await.1.token
    }

    /// A new user with this role in this team: (their email, an API client).
    pub async fn user_in(&self, role: &str, team: &str) -> (String, Api) {
        let email = format!("{role}-{}@test.example", uuid::Uuid::new_v4().simple());
        self.add_user_in(&email, role, team).await;
        let token = self.token_of(&email).await;
        (email, self.api(&token))
    }

    pub fn api(&self, token: &str) -> Api {
        Api {
            base: self.base.clone(),
            token: token.to_string(),
            client: reqwest::Client::new(),
        }
    }

    /// A browser-like client signed in as an existing user.
    pub async fn browser_as(&self, email: &str) -> Browser {
        let b = Browser::new(&self.base);
        let r = b.sign_in(email, PASSWORD).await;
        assert_eq!(r.status(), 303, "sign-in should redirect");
        b
    }

    /// A browser-like client (cookies, no redirects followed) signed in as a new user.
    pub async fn browser(&self, role: &str) -> Browser {
        let email = format!("{role}-{}@test.example", uuid::Uuid::new_v4().simple());
        self.add_user(&email, role).await;
        let b = Browser::new(&self.base);
        let r = b.sign_in(&email, PASSWORD).await;
        assert_eq!(r.status(), 303, "sign-in should redirect");
        b
    }
}

pub struct Api {
    pub base: String,
    pub token: String,
    pub client: reqwest::Client,
}

impl Api {
    /// Another client with the same token.
    pub fn clone_api(&self) -> Api {
        Api {
            base: self.base.clone(),
            token: self.token.clone(),
            client: self.client.clone(),
        }
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }
    pub async fn send(&self, method: reqwest::Method, path: &str, body: &Value) -> (u16, Value) {
        let r = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }
    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, body).await
    }
}

pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
}

pub fn extract(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .map(|i| i + marker.len())
        .unwrap_or_else(|| panic!("no {name} in page"));
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

impl Browser {
    pub fn new(base: &str) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            base: base.into(),
            client,
        }
    }
    pub async fn get(&self, path: &str) -> (u16, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        let (_, page) = self.get("/sign-in").await;
        let pre = extract(&page, "_presession");
        self.client
            .post(format!("{}/sign-in", self.base))
            .form(&[
                ("_presession", pre.as_str()),
                ("next", "/people"),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }
    /// The CSRF token from a page that has a form.
    pub async fn csrf(&self) -> String {
        let (_, page) = self.get("/people/new").await;
        extract(&page, "_csrf")
    }
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }
}

/// A routine contact about `child` from a school, concluded as a referral: (contact, referral).
pub async fn refer(fd: &Api, child: &str) -> (String, String) {
    let (st, c) = fd.post("/api/v1/contacts", &serde_json::json!({
        "received_at": "2026-11-20T09:00", "source": "2A", "method": "phone", "contact_name": "School DSL",
        "contact_agency": "Oak Primary", "summary": "Child hungry and withdrawn", "urgency": "routine",
        "children": [child], "consent": "given",
        // Asked of a young person of 16 or over only (seed 001).
        "young_person_consent": "given"})).await;
    assert_eq!(st, 201, "{c}");
    let contact = c["id"].as_str().unwrap().to_string();
    let (st, c) = fd
        .post(
            &format!("/api/v1/contacts/{contact}/outcome"),
            &serde_json::json!({"version": c["version"], "outcomes": ["becomes-referral"]}),
        )
        .await;
    assert_eq!(st, 200, "{c}");
    (contact, c["referrals"][0].as_str().unwrap().to_string())
}

/// Expands one async test body into a SQLite and a PostgreSQL test.
#[macro_export]
macro_rules! both_dbs {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                if let Some(s) = common::start(common::Backend::Sqlite).await {
                    ($body)(s).await;
                }
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(s) = common::start(common::Backend::Postgres).await {
                    ($body)(s).await;
                }
            }
        }
    };
}

/// The (field, code) pairs of a problem+json answer's errors, in order.
pub fn codes(p: &serde_json::Value) -> Vec<(String, String)> {
    p["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_string(),
                        e["code"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn noon(y: i32, m: u32, d: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc.with_ymd_and_hms(y, m, d, 11, 0, 0).unwrap()
}

/// A child with an initial conference arranged for Thursday 10 December 2026 with `chair_id`
/// (discussion Monday 23 November, continuing risk found on 27 November). Returns the child,
/// the conference and its version.
pub async fn conference_arranged(
    s: &TestServer,
    sw: &Api,
    sw_id: &str,
    team_id: &str,
    chair_id: &str,
) -> (String, String, serde_json::Value) {
    let fd = s.api(&s.token("front-door").await);
    let tm = s.api(&s.token("team-manager").await);
    let (_, child) = fd
        .post(
            "/api/v1/people?confirm_not_duplicate=true",
            &serde_json::json!({"kind": "child", "given_names": "Robin", "family_name": "Planwork", "date_of_birth": "2015-02-01"}),
        )
        .await;
    let child = child["id"].as_str().unwrap().to_string();
    let (_, rid) = refer(&fd, &child).await;
    let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
    let (st, r) = sw
        .post(
            &format!("/api/v1/referrals/{rid}/decision"),
            &serde_json::json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "serious", "primary_need": "N1",
                    "rationale": "Injury", "feedback_to_referrer": "We are assessing and will tell you what happens next."}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    let episode = r["episode"]["id"].as_str().unwrap().to_string();
    let (st, _) = tm
        .post(
            &format!("/api/v1/episodes/{episode}/allocation"),
            &serde_json::json!({"team_id": team_id, "worker_id": sw_id}),
        )
        .await;
    assert_eq!(st, 200);
    s.clock.set(noon(2026, 11, 23));
    let (_, sd) = sw
        .post(
            "/api/v1/strategy-discussions",
            &serde_json::json!({"person_id": child, "reason": "Injury"}),
        )
        .await;
    let (st, held) = sw
        .post(
            &format!("/api/v1/strategy-discussions/{}/held", sd["id"].as_str().unwrap()),
            &serde_json::json!({"version": sd["version"], "held_on": "2026-11-23", "form": "meeting",
                "attendees": "SW, TM, DC Rowe, Nurse Ali",
                "present": ["la-social-worker", "la-manager", "police", "health"],
                "start_section_47": true, "summary": "s47", "family_told": "Enquiries are starting"}),
        )
        .await;
    assert_eq!(st, 200, "{held}");
    s.clock.set(noon(2026, 11, 27));
    let url = format!("/api/v1/people/{child}/child-protection");
    let (_, v) = sw.get(&url).await;
    let enquiry = &v["enquiries"][0];
    let (st, v) = sw
        .post(
            &format!(
                "/api/v1/people/{child}/enquiries/{}/conclusion",
                enquiry["id"].as_str().unwrap()
            ),
            &serde_json::json!({"version": enquiry["version"], "outcome": "continuing-risk",
                "child_seen": true, "child_seen_alone": true, "spoken_to": "Robin; mother"}),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    let conf = v["conferences"][0].clone();
    let conf_id = conf["id"].as_str().unwrap().to_string();
    let (st, v) = sw
        .post(
            &format!("/api/v1/people/{child}/conferences/{conf_id}/preparation"),
            &serde_json::json!({"version": conf["version"], "scheduled_on": "2026-12-10", "chair_id": chair_id,
            "invitees": [
                {"name": "Sam Lead", "participant": "local-authority", "role": "Social worker", "attended": true},
                {"name": "DC Rowe", "participant": "police", "role": "Police", "attended": true, "report_submitted": true},
                {"name": "Nurse Ali", "participant": "health", "role": "School nurse", "attended": true, "report_submitted": true, "report_shareable": true},
                {"name": "Ms Reed", "participant": "parent", "role": "Mother", "attended": true}
            ]}),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    (child, conf_id, v["conferences"][0].clone())
}

/// A child in need plan to agree after a conference on Thursday 10 December 2026 that decided on
/// no child protection plan (the clock is left on that day). Returns the API base of the child's
/// plans, the plan's id and version, and the allocated worker's email.
pub async fn cin_plan_to_agree(s: &TestServer) -> (String, String, serde_json::Value, String) {
    let (sw_email, sw) = s.user_in("social-worker", "Team A").await;
    let (_, chair) = s.user_in("conference-chair", "Conference chairs").await;
    let me = |api: &Api| {
        let api = api.clone_api();
        async move {
            let (_, me) = api.get("/api/v1/me").await;
            (
                me["id"].as_str().unwrap().to_string(),
                me["team_id"].as_str().unwrap().to_string(),
            )
        }
    };
    let (sw_id, team_id) = me(&sw).await;
    let (chair_id, _) = me(&chair).await;
    let (child, conf_id, conf) = conference_arranged(s, &sw, &sw_id, &team_id, &chair_id).await;
    s.clock.set(noon(2026, 12, 10));
    let sw = s.api(&s.token_of(&sw_email).await);
    let (st, v) = sw
        .post(
            &format!("/api/v1/people/{child}/conferences/{conf_id}/held"),
            &serde_json::json!({"version": conf["version"], "held_on": "2026-12-10", "plan": false,
            "child_wishes": "-", "parents_views": "-", "agency_views": "-", "cin_plan_follows": true}),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    let url = format!("/api/v1/people/{child}/cin-plans");
    let (_, v) = sw.get(&url).await;
    let plan = &v["plans"][0];
    (
        url,
        plan["id"].as_str().unwrap().to_string(),
        plan["version"].clone(),
        sw_email,
    )
}

/// A plan's start as the API takes it: everything seeds 000 §6.7 and 003 §2 ask of a plan.
pub fn cin_plan_body(version: &serde_json::Value, started_on: &str) -> serde_json::Value {
    serde_json::json!({"version": version, "started_on": started_on, "plan": {
        "purpose": "Safe and well at home", "needs": [{"need": "Wellbeing", "services": "Counsellor"}],
        "content": {"outcomes": [{"what_must_change": "At school daily", "measure": "95% attendance", "by_when": null}], "actions": []},
        "family_agrees_to": "The course", "lead_professional": {"name": "Sam", "role": "Social worker", "duties": "Visits"},
        "visit_frequency": {"kind": "protocol-default"}, "contingency": "Strategy discussion",
        "review_points": "Reviews", "circulation": ["Mother"], "long_term_support": null}})
}
