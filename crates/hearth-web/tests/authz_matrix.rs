//! The authorisation matrix: every route (the API's from its OpenAPI document, the pages' from the
//! page router's own list) × every role × a related, an unrelated and a restricted record, on
//! both databases. The expected answers are the table below, written from the roles' duties (not
//! read from the code): a role listed in a column passes; every other role is refused with 403
//! and the refusal is audited. A route with no row here fails the test, so a new route cannot
//! ship without someone deciding who may use it.
//!
//! The related child is allocated to a social worker in the testers' team (Team A); the unrelated
//! child to a worker in Team B; the restricted child is allocated in Team B and restricted by
//! information governance, so only a service manager and information governance may open it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeSet, HashMap};

use common::{extract, Browser, TestServer, PASSWORD};
use serde_json::{json, Value};

const ROLES: [&str; 9] = [
    "social-worker",
    "team-manager",
    "service-manager",
    "conference-chair",
    "front-door",
    "partner-referrer",
    "performance-analyst",
    "information-governance",
    "administrator",
];

fn short(role: &str) -> &'static str {
    match role {
        "social-worker" => "SW",
        "team-manager" => "TM",
        "service-manager" => "SM",
        "conference-chair" => "CC",
        "front-door" => "FD",
        "partner-referrer" => "PR",
        "performance-analyst" => "PA",
        "information-governance" => "IG",
        "administrator" => "AD",
        _ => panic!("unknown role {role}"),
    }
}

const ALL: &str = "SW TM SM CC FD PR PA IG AD";
const STAFF: &str = "SW TM SM CC FD PA IG AD";
const READERS: &str = "SW TM SM CC FD IG";
const WRITERS: &str = "SW TM SM FD";
const REFERRERS: &str = "PR SW TM SM FD";
const CASEWORK: &str = "SW TM SM";
/// Casework staff, and conference chairs for the conferences they chair.
const CHAIRING: &str = "SW TM SM CC";
const MANAGERS: &str = "TM SM";
const ACCESS_LOG: &str = "TM SM IG";
/// Restricted and allocated in another team: seniority only.
const R_READ: &str = "SM IG";
const R_WRITE: &str = "SM";
/// The statutory returns: performance analysts and service managers.
const RETURNS: &str = "SM PA";

/// One row of the matrix.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// (method, path as declared, related, unrelated, restricted). For routes about no case record
/// the three columns are the same request.
#[rustfmt::skip]
const API: &[Row] = &[
    ("GET", "/openapi.json", ALL, ALL, ALL),
    ("POST", "/tokens", ALL, ALL, ALL),
    ("GET", "/tokens", ALL, ALL, ALL),
    ("DELETE", "/tokens/{id}", ALL, ALL, ALL),
    ("GET", "/users/{user}/tokens", "AD", "AD", "AD"),
    ("DELETE", "/users/{user}/tokens/{id}", "AD", "AD", "AD"),
    ("GET", "/me", ALL, ALL, ALL),
    ("GET", "/people", READERS, READERS, READERS),
    ("POST", "/people", WRITERS, WRITERS, WRITERS),
    ("GET", "/people/{id}", READERS, READERS, R_READ),
    ("PUT", "/people/{id}", WRITERS, WRITERS, R_WRITE),
    ("POST", "/people/{id}/moves", WRITERS, WRITERS, R_WRITE),
    ("POST", "/people/{id}/professionals", WRITERS, WRITERS, R_WRITE),
    ("GET", "/people/{id}/child-protection", READERS, READERS, R_READ),
    ("POST", "/people/{id}/enquiries/{enquiry}/conclusion", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/transfer-in-conferences", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/conferences/{conference}/preparation", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/conferences/{conference}/held", CHAIRING, CHAIRING, R_WRITE),
    ("POST", "/people/{id}/conferences/{conference}/circulated", CHAIRING, CHAIRING, R_WRITE),
    ("POST", "/people/{id}/cp-plans/{plan}/versions", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cp-plans/{plan}/versions/{version}/circulated", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cp-plans/{plan}/actions/{action}/done", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cp-plans/{plan}/core-groups", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cp-visits", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/people/{id}/cin-plans", READERS, READERS, R_READ),
    ("GET", "/people/{id}/census-identity", READERS, READERS, R_READ),
    ("POST", "/people/{id}/census-queries", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/census/{year}/return.xml", RETURNS, RETURNS, RETURNS),
    ("GET", "/census/readiness", RETURNS, RETURNS, RETURNS),
    ("PUT", "/people/{id}/census-identity", CASEWORK, CASEWORK, R_WRITE),
    ("PUT", "/people/{id}/assessments/{assessment}/internal-review", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/start", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/versions", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/visits", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/planning-meeting", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/meetings", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/versions/{version}/circulated", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/actions/{action}/done", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/reviews", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plans/{plan}/ending", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cp-plans/{plan}/discontinuation", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cp-plans/{plan}/early-review", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/people/{id}/access-log", ACCESS_LOG, ACCESS_LOG, R_READ),
    ("GET", "/people/{id}/access-log.csv", ACCESS_LOG, ACCESS_LOG, R_READ),
    ("GET", "/people/{id}/assessments", READERS, READERS, R_READ),
    ("PUT", "/people/{id}/restriction", "IG", "IG", "IG"),
    ("POST", "/relationships", WRITERS, WRITERS, WRITERS),
    ("GET", "/front-door", WRITERS, WRITERS, WRITERS),
    ("POST", "/contacts", WRITERS, WRITERS, WRITERS),
    // A contact about a restricted child opens with the child shown only as existing.
    ("GET", "/contacts/{id}", WRITERS, WRITERS, WRITERS),
    ("POST", "/contacts/{id}/children", WRITERS, WRITERS, R_WRITE),
    ("POST", "/contacts/{id}/outcome", WRITERS, WRITERS, R_WRITE),
    ("GET", "/referrals/{id}", WRITERS, WRITERS, R_WRITE),
    // A registered social worker or a manager decides (Working Together 2018 ch.1 para 71).
    ("POST", "/referrals/{id}/decision", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/referrals/{id}/family", WRITERS, WRITERS, R_WRITE),
    ("POST", "/referrals/{id}/sharing", WRITERS, WRITERS, R_WRITE),
    ("POST", "/referrals/{id}/agency-checks", WRITERS, WRITERS, R_WRITE),
    ("POST", "/referrals/{id}/acknowledgement", WRITERS, WRITERS, R_WRITE),
    ("POST", "/strategy-discussions", CASEWORK, CASEWORK, CASEWORK),
    ("GET", "/my-work", CHAIRING, CHAIRING, CHAIRING),
    ("GET", "/people/{id}/summary", READERS, READERS, R_READ),
    ("GET", "/team", MANAGERS, MANAGERS, MANAGERS),
    ("POST", "/team/reassignments", MANAGERS, MANAGERS, MANAGERS),
    ("POST", "/team/cover", MANAGERS, MANAGERS, MANAGERS),
    ("PUT", "/team/members/{user}/fte", MANAGERS, MANAGERS, MANAGERS),
    ("POST", "/case-notes", CASEWORK, CASEWORK, CASEWORK),
    ("GET", "/case-notes/{id}", READERS, READERS, R_READ),
    ("PUT", "/case-notes/{id}", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/case-notes/{id}/final", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/case-notes/{id}/corrections", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/people/{id}/case-notes", READERS, READERS, R_READ),
    ("GET", "/people/{id}/chronology", READERS, READERS, R_READ),
    ("GET", "/people/{id}/chronology.csv", READERS, READERS, R_READ),
    ("PUT", "/people/{id}/chronology/analysis", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/strategy-discussions/{id}", READERS, READERS, R_READ),
    ("POST", "/strategy-discussions/{id}/held", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/strategy-discussions/{id}/actions/{action}/done", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/people/{id}/strategy-discussions", READERS, READERS, R_READ),
    ("GET", "/episodes/unallocated", MANAGERS, MANAGERS, MANAGERS),
    ("POST", "/episodes/{id}/allocation", MANAGERS, MANAGERS, R_WRITE),
    ("PUT", "/episodes/{id}/primary-need", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/referral-forms", REFERRERS, REFERRERS, REFERRERS),
    ("POST", "/referral-forms", REFERRERS, REFERRERS, REFERRERS),
    // A partner's draft: only its author.
    ("GET", "/referral-forms/{id}", "PR", "PR", "PR"),
    ("PUT", "/referral-forms/{id}", "PR", "PR", "PR"),
    ("POST", "/referral-forms/{id}/submit", "PR", "PR", "PR"),
    ("GET", "/assessments", CASEWORK, CASEWORK, CASEWORK),
    ("POST", "/assessments", CASEWORK, CASEWORK, CASEWORK),
    ("GET", "/assessments/checkpoints", MANAGERS, MANAGERS, MANAGERS),
    ("GET", "/assessments/{id}", READERS, READERS, R_READ),
    ("GET", "/assessments/{id}/family-copy", READERS, READERS, R_READ),
    ("PUT", "/assessments/{id}/sections/{section}", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/visits", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/visits/{visit}/reason", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/views", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/interpreter-decision", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/family-copy/withholdings", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/family-copy/withholdings/{withholding}/restore", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/agency-requests", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/agency-requests/{request}/response", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/checkpoints/{n}", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/first-stage", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/submission", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/return", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/authorisation", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/action", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/protocol", STAFF, STAFF, STAFF),
    ("GET", "/calendar/holidays/{year}", ALL, ALL, ALL),
    ("GET", "/clocks/explain", ALL, ALL, ALL),
];

#[rustfmt::skip]
const PAGES: &[Row] = &[
    ("GET", "/", ALL, ALL, ALL),
    ("GET", "/sign-in", ALL, ALL, ALL),
    ("POST", "/sign-in", ALL, ALL, ALL),
    ("POST", "/sign-out", ALL, ALL, ALL),
    ("GET", "/people", READERS, READERS, READERS),
    ("GET", "/people/new", WRITERS, WRITERS, WRITERS),
    ("POST", "/people/new", WRITERS, WRITERS, WRITERS),
    ("GET", "/people/{id}", READERS, READERS, R_READ),
    ("GET", "/people/{id}/edit", WRITERS, WRITERS, R_WRITE),
    ("POST", "/people/{id}/edit", WRITERS, WRITERS, R_WRITE),
    ("GET", "/people/{id}/access-log", ACCESS_LOG, ACCESS_LOG, R_READ),
    ("GET", "/people/{id}/access-log.csv", ACCESS_LOG, ACCESS_LOG, R_READ),
    ("POST", "/people/{id}/restriction", "IG", "IG", "IG"),
    ("GET", "/people/{id}/relationships/new", WRITERS, WRITERS, R_WRITE),
    ("POST", "/people/{id}/relationships/new", WRITERS, WRITERS, R_WRITE),
    ("GET", "/people/{id}/professionals/new", WRITERS, WRITERS, R_WRITE),
    ("POST", "/people/{id}/professionals/new", WRITERS, WRITERS, R_WRITE),
    ("GET", "/people/{id}/move", WRITERS, WRITERS, R_WRITE),
    ("POST", "/people/{id}/move", WRITERS, WRITERS, R_WRITE),
    ("GET", "/people/{id}/assessments/new", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/assessments", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/admin/users", "AD", "AD", "AD"),
    ("POST", "/admin/users", "AD", "AD", "AD"),
    ("POST", "/admin/users/{id}/disable", "AD", "AD", "AD"),
    ("GET", "/account/tokens", ALL, ALL, ALL),
    ("POST", "/account/tokens/{id}/revoke", ALL, ALL, ALL),
    ("GET", "/admin/users/{id}/tokens", "AD", "AD", "AD"),
    ("POST", "/admin/users/{id}/tokens/{token}/revoke", "AD", "AD", "AD"),
    ("GET", "/audit", "IG", "IG", "IG"),
    ("GET", "/protocols", STAFF, STAFF, STAFF),
    ("POST", "/protocols", "AD", "AD", "AD"),
    ("GET", "/front-door", WRITERS, WRITERS, WRITERS),
    ("GET", "/contacts/new", WRITERS, WRITERS, WRITERS),
    ("POST", "/contacts/new", WRITERS, WRITERS, WRITERS),
    // A contact about a restricted child opens with the child shown only as existing.
    ("GET", "/contacts/{id}", WRITERS, WRITERS, WRITERS),
    ("POST", "/contacts/{id}/children", WRITERS, WRITERS, R_WRITE),
    ("POST", "/contacts/{id}/outcome", WRITERS, WRITERS, R_WRITE),
    ("GET", "/referrals/{id}", WRITERS, WRITERS, R_WRITE),
    ("POST", "/referrals/{id}/decision", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/referrals/{id}/family", WRITERS, WRITERS, R_WRITE),
    ("GET", "/people/{id}/strategy-discussions/new", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/my-work", CHAIRING, CHAIRING, CHAIRING),
    ("GET", "/team", MANAGERS, MANAGERS, MANAGERS),
    ("POST", "/team/reassign", MANAGERS, MANAGERS, MANAGERS),
    ("POST", "/team/cover", MANAGERS, MANAGERS, MANAGERS),
    ("GET", "/people/{id}/case-notes/new", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/case-notes/new", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/case-notes/{id}", READERS, READERS, R_READ),
    ("POST", "/case-notes/{id}/final", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/case-notes/{id}/corrections", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/people/{id}/chronology", READERS, READERS, R_READ),
    ("GET", "/people/{id}/chronology.csv", READERS, READERS, R_READ),
    ("POST", "/people/{id}/chronology/analysis", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/strategy-discussions/new", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/strategy-discussions/{id}", READERS, READERS, R_READ),
    ("POST", "/strategy-discussions/{id}/held", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/strategy-discussions/{id}/actions/{action}/done", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/people/{id}/child-protection", READERS, READERS, R_READ),
    ("GET", "/people/{id}/child-protection/end-letters", READERS, READERS, R_READ),
    ("GET", "/people/{id}/child-protection/invitation-letters", READERS, READERS, R_READ),
    ("GET", "/people/{id}/cin-plan", READERS, READERS, R_READ),
    ("GET", "/people/{id}/census", READERS, READERS, R_READ),
    ("POST", "/people/{id}/census", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/census/internal-review", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/census/query-reason", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/census", RETURNS, RETURNS, RETURNS),
    ("GET", "/census/{year}/return.xml", RETURNS, RETURNS, RETURNS),
    ("GET", "/people/{id}/cin-plan/family-copy", READERS, READERS, R_READ),
    ("GET", "/people/{id}/cin-plan/end-letters", READERS, READERS, R_READ),
    ("POST", "/people/{id}/cin-plan/start", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/planning-meeting", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/visit", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/meeting", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/review", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/end", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/plan-version", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/plan-version-circulated", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/cin-plan/plan-action-done", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/enquiry-outcome", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/transfer-in", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/preparation", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/held", CHAIRING, CHAIRING, R_WRITE),
    ("POST", "/people/{id}/child-protection/core-group", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/visit", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/discontinuation", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/early-review", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/circulated", CHAIRING, CHAIRING, R_WRITE),
    ("POST", "/people/{id}/child-protection/plan-version", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/plan-version-circulated", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/people/{id}/child-protection/plan-action-done", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/referrals/{id}/sharing", WRITERS, WRITERS, R_WRITE),
    ("POST", "/referrals/{id}/agency-checks", WRITERS, WRITERS, R_WRITE),
    ("POST", "/referrals/{id}/acknowledgement", WRITERS, WRITERS, R_WRITE),
    ("GET", "/referrals/{id}/letter", WRITERS, WRITERS, R_WRITE),
    ("GET", "/allocations", MANAGERS, MANAGERS, MANAGERS),
    ("GET", "/episodes/{id}/allocate", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/episodes/{id}/allocate", MANAGERS, MANAGERS, R_WRITE),
    ("GET", "/assessments", CASEWORK, CASEWORK, CASEWORK),
    ("GET", "/assessments/{id}", READERS, READERS, R_READ),
    ("POST", "/assessments/{id}/visits", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/visit-reasons", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/views", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/interpreter", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/family-copy/withholdings", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/family-copy/restore", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/agency-requests", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/agency-replies", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/checkpoints/{n}", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/first-stage", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/action", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/assessments/{id}/sections/{section}", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/sections/{section}", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/assessments/{id}/submit", CASEWORK, CASEWORK, R_WRITE),
    ("POST", "/assessments/{id}/submit", CASEWORK, CASEWORK, R_WRITE),
    ("GET", "/assessments/{id}/authorise", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/authorise", MANAGERS, MANAGERS, R_WRITE),
    ("POST", "/assessments/{id}/return", MANAGERS, MANAGERS, R_WRITE),
    ("GET", "/assessments/{id}/family-copy", READERS, READERS, R_READ),
    ("GET", "/referral-forms", REFERRERS, REFERRERS, REFERRERS),
    ("POST", "/referral-forms/new", REFERRERS, REFERRERS, REFERRERS),
    ("GET", "/referral-forms/{id}", "PR", "PR", "PR"),
    ("POST", "/referral-forms/{id}", "PR", "PR", "PR"),
];

/// The ids of one child's case records.
#[derive(Clone, Debug)]
struct Records {
    person: String,
    contact: String,
    referral: String,
    episode: String,
    assessment: String,
    strategy: String,
    note: String,
}

/// A child referred, decided for assessment, allocated to `worker` and with an assessment open.
async fn child_with_records(
    fd: &common::Api,
    dec: &common::Api,
    sm: &common::Api,
    worker: &common::Api,
    family: &str,
) -> Records {
    let (st, child) = fd
        .post(
            "/api/v1/people?confirm_not_duplicate=true",
            &json!({"kind": "child", "given_names": "Matrix", "family_name": family, "date_of_birth": "2016-05-01"}),
        )
        .await;
    assert_eq!(st, 201, "{child}");
    let person = child["id"].as_str().unwrap().to_string();
    let (contact, referral) = common::refer(fd, &person).await;
    let (_, r) = fd.get(&format!("/api/v1/referrals/{referral}")).await;
    let (st, r) = dec
        .post(
            &format!("/api/v1/referrals/{referral}/decision"),
            &json!({"version": r["version"], "outcomes": ["assessment"],
                "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    let episode = r["episode"]["id"].as_str().unwrap().to_string();
    let (_, me) = worker.get("/api/v1/me").await;
    let (st, ep) = sm
        .post(
            &format!("/api/v1/episodes/{episode}/allocation"),
            &json!({"team_id": me["team_id"], "worker_id": me["id"]}),
        )
        .await;
    assert_eq!(st, 200, "{ep}");
    let (st, a) = worker
        .post(
            "/api/v1/assessments",
            &json!({"person_id": person, "origin": "referral-decision",
            "referral_id": referral, "start_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(st, 201, "{a}");
    let assessment = a["id"].as_str().unwrap().to_string();
    let (st, sd) = worker
        .post(
            "/api/v1/strategy-discussions",
            &json!({"person_id": person, "assessment_id": assessment, "reason": "Unexplained bruising"}),
        )
        .await;
    assert_eq!(st, 201, "{sd}");
    let (st, note) = worker
        .post(
            "/api/v1/case-notes",
            &json!({"children": [person], "kind": "home-visit", "occurred_at": "2026-11-20T09:00",
                "body": "Seen at home", "final": true}),
        )
        .await;
    assert_eq!(st, 201, "{note}");
    Records {
        person,
        contact,
        referral,
        episode,
        assessment,
        strategy: sd["id"].as_str().unwrap().to_string(),
        note: note["id"].as_str().unwrap().to_string(),
    }
}

struct Fixture {
    related: Records,
    unrelated: Records,
    restricted: Records,
    /// Role -> (API token, signed-in browser, its CSRF token, user id).
    users: HashMap<&'static str, (String, Browser, String, String)>,
    partner_form: String,
    bystander: String,
}

async fn fixture(s: &TestServer) -> Fixture {
    let (_, fd) = s.user_in("front-door", "Team A").await;
    let (_, sm) = s.user_in("service-manager", "Team B").await;
    let (_, b_worker) = s.user_in("social-worker", "Team B").await;
    let mut users = HashMap::new();
    for role in ROLES {
        let (email, api) = s.user_in(role, "Team A").await;
        let token = api.token;
        let b = Browser::new(&s.base);
        assert_eq!(b.sign_in(&email, PASSWORD).await.status(), 303);
        let landing = if role == "partner-referrer" {
            "/referral-forms"
        } else {
            "/protocols"
        };
        let (st, page) = b.get(landing).await;
        assert_eq!(st, 200, "{role} landing");
        let csrf = extract(&page, "_csrf");
        let (_, me) = s.api(&token).get("/api/v1/me").await;
        users.insert(
            short(role),
            (token, b, csrf, me["id"].as_str().unwrap().to_string()),
        );
    }
    let a_worker = s.api(&users["SW"].0);
    // A registered social worker in each team decides (Working Together 2018 ch.1 para 71).
    let related = child_with_records(&fd, &a_worker, &sm, &a_worker, "Related").await;
    let unrelated = child_with_records(&fd, &b_worker, &sm, &b_worker, "Unrelated").await;
    let restricted = child_with_records(&fd, &b_worker, &sm, &b_worker, "Restricted").await;
    let ig = s.api(&users["IG"].0);
    let (st, body) = ig
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/people/{}/restriction", restricted.person),
            &json!({"restricted": true, "reason": "staff-connection"}),
        )
        .await;
    assert_eq!(st, 200, "{body}");
    let partner = s.api(&users["PR"].0);
    let (st, form) = partner.post("/api/v1/referral-forms", &json!(null)).await;
    assert_eq!(st, 201, "{form}");
    let (_, bystander) = s.user_in("social-worker", "Team C").await;
    let (_, me) = bystander.get("/api/v1/me").await;
    Fixture {
        related,
        unrelated,
        restricted,
        users,
        partner_form: form["id"].as_str().unwrap().to_string(),
        bystander: me["id"].as_str().unwrap().to_string(),
    }
}

fn fill(path: &str, r: &Records, f: &Fixture) -> String {
    let id = if path.starts_with("/people/") {
        &r.person
    } else if path.starts_with("/contacts/") {
        &r.contact
    } else if path.starts_with("/referrals/") {
        &r.referral
    } else if path.starts_with("/episodes/") {
        &r.episode
    } else if path.starts_with("/assessments/") {
        &r.assessment
    } else if path.starts_with("/strategy-discussions/") {
        &r.strategy
    } else if path.starts_with("/case-notes/") {
        &r.note
    } else if path.starts_with("/referral-forms/") {
        &f.partner_form
    } else if path.starts_with("/admin/users/") {
        &f.bystander
    } else {
        "0123456789abcdef"
    };
    path.replace("{id}", id)
        .replace("{user}", &f.bystander)
        .replace("{section}", "analysis")
        .replace("{n}", "1")
        .replace("{year}", "2027")
        .replace("{token}", "0123456789abcdef")
        .replace("{visit}", &uuid::Uuid::new_v4().to_string())
        .replace("{request}", &uuid::Uuid::new_v4().to_string())
        .replace("{withholding}", &uuid::Uuid::new_v4().to_string())
        .replace("{enquiry}", &uuid::Uuid::new_v4().to_string())
        .replace("{conference}", &uuid::Uuid::new_v4().to_string())
        .replace("{plan}", &uuid::Uuid::new_v4().to_string())
        .replace("{action}", &uuid::Uuid::new_v4().to_string())
        .replace("{version}", "1")
        .replace("{assessment}", &uuid::Uuid::new_v4().to_string())
        .replace("{year}", "2026")
}

async fn denials_of(s: &TestServer, user: &str) -> i64 {
    let user = uuid::Uuid::parse_str(user).unwrap();
    let sql = "SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied' AND user_id = $1";
    match &s.app.db {
        hearth_store::Db::Sqlite { writer, .. } => sqlx::query_scalar(sql)
            .bind(user)
            .fetch_one(writer)
            .await
            .unwrap(),
        hearth_store::Db::Postgres(pool) => sqlx::query_scalar(sql)
            .bind(user)
            .fetch_one(pool)
            .await
            .unwrap(),
    }
}

/// Signing out ends the session the page requests use, so it runs last.
fn last(path: &str) -> bool {
    path == "/sign-out"
}

async fn matrix(s: TestServer) {
    // Every declared route has a row, and every row a route.
    let openapi: Value = reqwest::get(format!("{}/api/v1/openapi.json", s.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut documented = BTreeSet::new();
    for (path, ops) in openapi["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            // The health check sits outside the API (no data, no sign-in).
            let Some(p) = path.strip_prefix("/api/v1") else {
                assert_eq!(path, "/healthz", "a documented path outside /api/v1");
                continue;
            };
            documented.insert((method.to_uppercase(), p.to_string()));
        }
    }
    let routed: BTreeSet<(String, String)> = hearth_web::routes::api_table()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let api_rows: BTreeSet<(String, String)> = API
        .iter()
        .map(|r| (r.0.to_string(), r.1.to_string()))
        .collect();
    // The document describes every route but itself.
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    assert_eq!(
        undocumented,
        vec![&("GET".to_string(), "/openapi.json".to_string())],
        "API routes missing from the OpenAPI document"
    );
    let phantom: Vec<_> = documented.difference(&routed).collect();
    assert!(phantom.is_empty(), "documented but not routed: {phantom:?}");
    let missing: Vec<_> = routed.difference(&api_rows).collect();
    assert!(
        missing.is_empty(),
        "API routes with no row in the matrix: {missing:?}"
    );
    let stale: Vec<_> = api_rows.difference(&routed).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for API routes that do not exist: {stale:?}"
    );
    let pages: BTreeSet<(String, String)> = hearth_web::routes::page_table()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let page_rows: BTreeSet<(String, String)> = PAGES
        .iter()
        .map(|r| (r.0.to_string(), r.1.to_string()))
        .collect();
    let missing: Vec<_> = pages.difference(&page_rows).collect();
    assert!(
        missing.is_empty(),
        "page routes with no row in the matrix: {missing:?}"
    );
    let stale: Vec<_> = page_rows.difference(&pages).collect();
    assert!(
        stale.is_empty(),
        "matrix rows for page routes that do not exist: {stale:?}"
    );

    let f = fixture(&s).await;
    let mut rows: Vec<(bool, &Row)> = API
        .iter()
        .map(|r| (true, r))
        .chain(PAGES.iter().map(|r| (false, r)))
        .collect();
    rows.sort_by_key(|(_, r)| last(r.1));
    let mut failures = Vec::new();
    let mut checked = 0;
    for (api, (method, path, related, unrelated, restricted)) in rows {
        let per_record = path.contains("{id}");
        let columns: Vec<(&str, &Records, &str)> = if per_record {
            vec![
                ("related", &f.related, *related),
                ("unrelated", &f.unrelated, *unrelated),
                ("restricted", &f.restricted, *restricted),
            ]
        } else {
            vec![("—", &f.related, *related)]
        };
        for (column, records, allowed) in columns {
            let url = fill(path, records, &f);
            for role in ROLES {
                let code = short(role);
                let (token, browser, csrf, uid) = &f.users[code];
                let expect_allowed = allowed.split_whitespace().any(|a| a == code);
                let before = denials_of(&s, uid).await;
                let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
                let status = if api {
                    let c = reqwest::Client::new();
                    let mut req = c
                        .request(m.clone(), format!("{}/api/v1{url}", s.base))
                        .bearer_auth(token);
                    if m != reqwest::Method::GET {
                        req = req.json(&json!({}));
                    }
                    let r = req.send().await.unwrap();
                    let st = r.status().as_u16();
                    // Every API answer to a refusal is problem+json naming the rule.
                    if st == 403 {
                        let p: Value = r.json().await.unwrap_or(Value::Null);
                        if p["code"] != "forbidden" {
                            failures.push(format!(
                                "{method} {path} as {code}: 403 is not problem+json: {p}"
                            ));
                        }
                    }
                    st
                } else if m == reqwest::Method::GET {
                    browser.get(&url).await.0
                } else {
                    browser
                        .post_form(&url, &[("_csrf", csrf.as_str())])
                        .await
                        .status()
                        .as_u16()
                };
                checked += 1;
                let refused = status == 403;
                let audited = denials_of(&s, uid).await > before;
                let ok = if expect_allowed {
                    !refused && status != 401
                } else {
                    refused && audited
                };
                if !ok {
                    failures.push(format!(
                        "{method} {path} [{column}] as {code}: expected {}, got {status}{}",
                        if expect_allowed {
                            "allowed"
                        } else {
                            "403 + audit row"
                        },
                        if refused && !audited {
                            " without an audit row"
                        } else {
                            ""
                        }
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} cells disagree with the matrix:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn authorisation_matrix_sqlite() {
    if let Some(s) = common::start(common::Backend::Sqlite).await {
        matrix(s).await;
    }
}

#[tokio::test]
async fn authorisation_matrix_postgres() {
    if let Some(s) = common::start(common::Backend::Postgres).await {
        matrix(s).await;
    }
}
