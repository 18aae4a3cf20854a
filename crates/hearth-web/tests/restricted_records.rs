//! Restricted records, on SQLite and PostgreSQL: only information governance restricts a record;
//! to anyone who may not open it, a restricted child appears only as existing — in search, the
//! possible-duplicate answer, a parent's relationships, a contact and the front-door queue —
//! and opening it is refused and audited; allocation opens it to the worker and their manager.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{extract, Api, Browser, TestServer, PASSWORD};
use reqwest::Method;
use serde_json::{json, Value};

// What identifies the child, as seeded and as the API and pages would print it.
const GIVEN: &str = "Tamsin";
const FAMILY: &str = "Quillfeather";
const DOB: &str = "2016-07-09";
const DOB_SHOWN: &str = "9 July 2016";
const NHS: &str = "4857773457";
const NHS_SHOWN: &str = "485 777 3457";
const UPN: &str = "N202612345678";

fn assert_hidden(what: &str, body: &str) {
    for secret in [GIVEN, FAMILY, DOB, DOB_SHOWN, NHS, NHS_SHOWN, UPN] {
        assert!(
            !body.contains(secret),
            "{what} shows {secret:?} of a restricted child: {body}"
        );
    }
}

/// A redacted row: the child's id, restricted, and nothing that identifies them.
fn assert_redacted(what: &str, row: &Value, child: &str) {
    assert_eq!(row["id"], child, "{what}: {row}");
    assert_eq!(row["name"], "Restricted record", "{what}: {row}");
    assert_eq!(row["restricted"], true, "{what}: {row}");
    assert_eq!(row["redacted"], true, "{what}: {row}");
    assert!(row["date_of_birth"].is_null(), "{what}: {row}");
    assert!(row["nhs_number"].is_null(), "{what}: {row}");
    assert!(row["upn"].is_null(), "{what}: {row}");
    assert_eq!(row["aliases"], json!([]), "{what}: {row}");
}

async fn get_text(api: &Api, path: &str) -> (u16, String) {
    let r = api
        .client
        .get(format!("{}{path}", api.base))
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn restrict(api: &Api, child: &str, restricted: bool, reason: &str) -> (u16, Value) {
    api.send(
        Method::PUT,
        &format!("/api/v1/people/{child}/restriction"),
        &json!({"restricted": restricted, "reason": reason}),
    )
    .await
}

/// Audit rows (action, outcome, record id, user id, detail), newest first.
async fn audit(s: &TestServer) -> Vec<(String, String, String, String, String)> {
    let mut tx = s.app.db.begin().await.unwrap();
    let rows = tx.recent_audit(1000).await.unwrap();
    tx.rollback().await.unwrap();
    rows.into_iter()
        .map(|r| {
            (
                r.action,
                r.outcome,
                r.record_id.unwrap_or_default(),
                r.user_id.map(|u| u.to_string()).unwrap_or_default(),
                r.detail.unwrap_or_default(),
            )
        })
        .collect()
}

async fn id_of(api: &Api) -> String {
    api.get("/api/v1/me").await.1["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn contact_about(child: &str) -> Value {
    json!({
        "received_at": "2026-11-20T09:00", "source": "5A", "method": "police-notification",
        "contact_name": "PC Example", "contact_agency": "Police",
        "summary": "Domestic abuse incident at the home; a child was present", "urgency": "urgent",
        "children": [child], "consent": "not-sought", "consent_why": "Police notification"})
}

/// The seeded child and their parent (recorded by a social worker), an open contact naming the
/// child and a second contact that became a referral awaiting its decision (front door).
struct Seeded {
    child: String,
    parent: String,
    open_contact: String,
    referral: String,
}

async fn seed(s: &TestServer) -> Seeded {
    let sw = s.api(&s.token("social-worker").await);
    let (st, child) = sw
        .post(
            "/api/v1/people",
            &json!({"kind": "child", "given_names": GIVEN, "family_name": FAMILY,
                "date_of_birth": DOB, "nhs_number": NHS, "upn": UPN}),
        )
        .await;
    assert_eq!(st, 201, "{child}");
    let child = child["id"].as_str().unwrap().to_string();
    let (st, parent) = sw
        .post(
            "/api/v1/people",
            &json!({"kind": "adult", "given_names": "Morwenna", "family_name": "Dace"}),
        )
        .await;
    assert_eq!(st, 201, "{parent}");
    let parent = parent["id"].as_str().unwrap().to_string();
    let (st, r) = sw
        .post(
            "/api/v1/relationships",
            &json!({"from_person": parent, "to_person": child, "kind": "parent", "parental_responsibility": true}),
        )
        .await;
    assert_eq!(st, 201, "{r}");

    let fd = s.api(&s.token("front-door").await);
    let (st, open) = fd.post("/api/v1/contacts", &contact_about(&child)).await;
    assert_eq!(st, 201, "{open}");
    let (st, c) = fd.post("/api/v1/contacts", &contact_about(&child)).await;
    assert_eq!(st, 201, "{c}");
    let (st, c) = fd
        .post(
            &format!("/api/v1/contacts/{}/outcome", c["id"].as_str().unwrap()),
            &json!({"version": c["version"], "outcomes": ["becomes-referral"]}),
        )
        .await;
    assert_eq!(st, 200, "{c}");
    Seeded {
        child,
        parent,
        open_contact: open["id"].as_str().unwrap().to_string(),
        referral: c["referrals"][0].as_str().unwrap().to_string(),
    }
}

both_dbs!(
    a_restricted_child_shows_only_as_existing_to_an_unrelated_worker,
    |s: TestServer| async move {
        let seeded = seed(&s).await;
        let child = seeded.child.as_str();
        let ig = s.api(&s.token("information-governance").await);
        let (st, r) = restrict(&ig, child, true, "staff-connection").await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["restricted"], true);

        let other = s.api(&s.token("social-worker").await);

        // Search by name, NHS number, UPN and date of birth: the row exists and says restricted.
        for q in [
            format!("q={FAMILY}"),
            format!("q={GIVEN}"),
            "q=485%20777%203457".to_string(),
            format!("q={UPN}"),
            format!("date_of_birth={DOB}"),
        ] {
            let (st, body) = get_text(&other, &format!("/api/v1/people?{q}")).await;
            assert_eq!(st, 200, "{q}: {body}");
            assert_hidden(&format!("search {q}"), &body);
            let rows: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(rows.as_array().unwrap().len(), 1, "{q}: {rows}");
            assert_redacted(&format!("search {q}"), &rows[0], child);
        }

        // Creating a look-alike: the 409 names the restricted record only as existing.
        for look_alike in [
            json!({"kind": "child", "given_names": "Tamsyn", "family_name": "Quilfeather", "date_of_birth": DOB}),
            json!({"kind": "child", "given_names": "Other", "family_name": "Name", "date_of_birth": "2015-01-01", "nhs_number": NHS}),
        ] {
            let r = other
                .client
                .post(format!("{}/api/v1/people", other.base))
                .bearer_auth(&other.token)
                .json(&look_alike)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 409);
            let body = r.text().await.unwrap();
            assert_hidden("possible duplicates", &body);
            let p: Value = serde_json::from_str(&body).unwrap();
            assert_eq!(p["code"], "possible_duplicate", "{p}");
            assert_eq!(p["possible_duplicates"].as_array().unwrap().len(), 1, "{p}");
            assert_redacted("possible duplicates", &p["possible_duplicates"][0], child);
        }

        // The parent's record lists the child only as a restricted record.
        let (st, body) = get_text(&other, &format!("/api/v1/people/{}", seeded.parent)).await;
        assert_eq!(st, 200, "{body}");
        assert_hidden("the parent's record", &body);
        let rec: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(rec["person"]["details"]["given_names"], "Morwenna");
        assert_eq!(rec["restricted"], false);
        let rels = rec["links"]["relationships"].as_array().unwrap();
        assert_eq!(rels.len(), 1, "{rec}");
        assert_eq!(rels[0]["described_as"], "Child");
        assert_redacted("the parent's relationships", &rels[0]["other"], child);

        // A contact naming the child, and the front-door queue (for the worker and the front door).
        let (st, body) =
            get_text(&other, &format!("/api/v1/contacts/{}", seeded.open_contact)).await;
        assert_eq!(st, 200, "{body}");
        assert_hidden("the contact", &body);
        let c: Value = serde_json::from_str(&body).unwrap();
        assert_redacted("the contact's children", &c["children"][0], child);
        let fd = s.api(&s.token("front-door").await);
        for (who, api) in [("social worker", &other), ("front door", &fd)] {
            let (st, body) = get_text(api, "/api/v1/front-door").await;
            assert_eq!(st, 200, "{body}");
            assert_hidden(&format!("the queue for the {who}"), &body);
            let q: Value = serde_json::from_str(&body).unwrap();
            let contact = q["contacts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["contact_id"] == seeded.open_contact.as_str())
                .expect("the open contact is queued");
            assert_eq!(contact["children"], json!(["Restricted record"]));
            let referral = q["referrals"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["referral_id"] == seeded.referral.as_str())
                .expect("the referral awaits its decision");
            assert_eq!(referral["child"], "Restricted record");
        }

        // Opening the child's record, or the referral about them, is refused and audited.
        let (st, body) = get_text(&other, &format!("/api/v1/people/{child}")).await;
        assert_eq!(st, 403, "{body}");
        assert_hidden("the refusal", &body);
        let (st, body) = get_text(&other, &format!("/api/v1/referrals/{}", seeded.referral)).await;
        assert_eq!(st, 403, "{body}");
        let who = id_of(&other).await;
        let rows = audit(&s).await;
        for action in ["person.view", "referral.view"] {
            assert!(
                rows.iter().any(|(a, o, rec, u, _)| a == action
                    && o == "denied"
                    && rec == child
                    && *u == who),
                "no denied {action} for the worker: {rows:?}"
            );
        }

        // The pages say the same: a restricted record, nothing that identifies the child.
        let b = s.browser("social-worker").await;
        let (st, page) = b
            .get("/people?date_of_birth-day=9&date_of_birth-month=7&date_of_birth-year=2016")
            .await;
        assert_eq!(st, 200);
        assert!(page.contains("A restricted record"), "{page}");
        assert!(page.contains("govuk-tag govuk-tag--red"), "{page}");
        assert!(
            !page.contains(&format!("href=\"/people/{child}\"")),
            "{page}"
        );
        for (what, path) in [
            ("the search page", String::new()),
            ("the parent's page", format!("/people/{}", seeded.parent)),
            (
                "the contact page",
                format!("/contacts/{}", seeded.open_contact),
            ),
            ("the front-door page", "/front-door".to_string()),
        ] {
            let page = if path.is_empty() {
                page.clone()
            } else {
                let (st, p) = b.get(&path).await;
                assert_eq!(st, 200, "{what}");
                p
            };
            assert_hidden(what, &page);
            assert!(page.contains("Restricted"), "{what}: {page}");
        }
        let (st, page) = b.get(&format!("/people/{}", seeded.parent)).await;
        assert_eq!(st, 200);
        assert!(
            !page.contains(&format!("href=\"/people/{child}\"")),
            "{page}"
        );
        // Picking a child to link: the restricted record is counted, never offered.
        let (st, page) = b
            .get(&format!("/contacts/{}?q={FAMILY}", seeded.open_contact))
            .await;
        assert_eq!(st, 200);
        assert!(page.contains("A restricted record also matches."), "{page}");
        assert!(!page.contains(&format!("value=\"{child}\"")), "{page}");
        let (st, page) = b.get(&format!("/people/{child}")).await;
        assert_eq!(st, 403);
        assert_hidden("the refused page", &page);
    }
);

both_dbs!(
    allocation_opens_a_restricted_record_to_the_worker_and_their_manager,
    |s: TestServer| async move {
        let seeded = seed(&s).await;
        let child = seeded.child.as_str();
        let ig = s.api(&s.token("information-governance").await);
        assert_eq!(restrict(&ig, child, true, "safety").await.0, 200);

        let (_, worker) = s.user_in("social-worker", "Team B").await;
        let (_, their_manager) = s.user_in("team-manager", "Team B").await;
        let other_manager = s.api(&s.token("team-manager").await);
        let other_worker = s.api(&s.token("social-worker").await);
        let (_, me) = worker.get("/api/v1/me").await;
        assert_eq!(me["team"], "Team B");

        // Nobody is allocated yet: only a service manager (and IG) can open it.
        for api in [&worker, &their_manager, &other_manager] {
            assert_eq!(api.get(&format!("/api/v1/people/{child}")).await.0, 403);
        }
        // A service manager decides the referral; another team's manager may not allocate work
        // on a record they cannot open.
        let sm = s.api(&s.token("service-manager").await);
        let (st, r) = sm
            .get(&format!("/api/v1/referrals/{}", seeded.referral))
            .await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["child"]["name"], "Tamsin Quillfeather");
        let (st, r) = sm
            .post(
                &format!("/api/v1/referrals/{}/decision", seeded.referral),
                &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate",
                    "primary_need": "N1", "rationale": "Domestic abuse with a child present: assessment needed",
                    "feedback_to_referrer": "We are starting an assessment."}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let episode = r["episode"]["id"].as_str().unwrap().to_string();
        let allocation = json!({"team_id": me["team_id"], "worker_id": me["id"]});
        let (st, _) = other_manager
            .post(
                &format!("/api/v1/episodes/{episode}/allocation"),
                &allocation,
            )
            .await;
        assert_eq!(st, 403);
        let (st, ep) = sm
            .post(
                &format!("/api/v1/episodes/{episode}/allocation"),
                &allocation,
            )
            .await;
        assert_eq!(st, 200, "{ep}");
        assert_eq!(ep["allocated_worker"], me["id"]);

        // The allocated worker and their team manager open the record and see the details.
        for (who, api) in [
            ("the allocated worker", &worker),
            ("their team manager", &their_manager),
            ("a service manager", &sm),
        ] {
            let (st, rec) = api.get(&format!("/api/v1/people/{child}")).await;
            assert_eq!(st, 200, "{who}: {rec}");
            assert_eq!(rec["person"]["details"]["given_names"], GIVEN, "{who}");
            assert_eq!(rec["restricted"], true, "{who}");
            let (st, found) = api.get(&format!("/api/v1/people?q={FAMILY}")).await;
            assert_eq!(st, 200, "{who}: {found}");
            assert_eq!(found[0]["id"], child, "{who}: {found}");
            assert_eq!(found[0]["name"], "Tamsin Quillfeather", "{who}: {found}");
            assert_eq!(found[0]["date_of_birth"], DOB, "{who}: {found}");
            assert_eq!(found[0]["nhs_number"], NHS_SHOWN, "{who}: {found}");
            assert_eq!(found[0]["upn"], UPN, "{who}: {found}");
            assert_eq!(found[0]["restricted"], true, "{who}: {found}");
            assert_eq!(found[0]["redacted"], false, "{who}: {found}");
            let (_, parent) = api.get(&format!("/api/v1/people/{}", seeded.parent)).await;
            assert_eq!(
                parent["links"]["relationships"][0]["other"]["name"], "Tamsin Quillfeather",
                "{who}"
            );
        }

        // A manager of another team, and another worker, still see only a restricted record.
        for (who, api) in [
            ("another team's manager", &other_manager),
            ("another worker", &other_worker),
        ] {
            let (st, body) = get_text(api, &format!("/api/v1/people/{child}")).await;
            assert_eq!(st, 403, "{who}: {body}");
            let (st, body) = get_text(api, &format!("/api/v1/people?q={FAMILY}")).await;
            assert_eq!(st, 200, "{who}");
            assert_hidden(who, &body);
            let rows: Value = serde_json::from_str(&body).unwrap();
            assert_redacted(who, &rows[0], child);
        }
        let other = id_of(&other_manager).await;
        assert!(audit(&s)
            .await
            .iter()
            .any(|(a, o, rec, u, _)| a == "person.view"
                && o == "denied"
                && rec == child
                && *u == other));
    }
);

both_dbs!(
    only_information_governance_restricts_a_record,
    |s: TestServer| async move {
        let sw = s.api(&s.token("social-worker").await);
        let (st, p) = sw
            .post(
                "/api/v1/people",
                &json!({"kind": "child", "given_names": GIVEN, "family_name": FAMILY, "date_of_birth": DOB}),
            )
            .await;
        assert_eq!(st, 201, "{p}");
        let child = p["id"].as_str().unwrap().to_string();

        // Staff other than information governance are refused, and each refusal is audited.
        for role in [
            "social-worker",
            "team-manager",
            "service-manager",
            "front-door",
        ] {
            let api = s.api(&s.token(role).await);
            let (st, p) = restrict(&api, &child, true, "staff-connection").await;
            assert_eq!(
                (st, p["code"].as_str()),
                (403, Some("forbidden")),
                "{role}: {p}"
            );
            let who = id_of(&api).await;
            assert!(
                audit(&s)
                    .await
                    .iter()
                    .any(|(a, o, rec, u, _)| a == "person.restrict"
                        && o == "denied"
                        && *rec == child
                        && *u == who),
                "{role}'s refusal is not audited"
            );
        }
        let (_, found) = sw.get(&format!("/api/v1/people?q={FAMILY}")).await;
        assert_eq!(
            found[0]["name"], "Tamsin Quillfeather",
            "nothing was restricted"
        );
        assert_eq!(found[0]["restricted"], false);

        // Information governance: an unknown reason or person is refused; then it restricts
        // and lifts the restriction, each audited with the reason code.
        let ig = s.api(&s.token("information-governance").await);
        let (st, p) = restrict(&ig, &child, true, "my neighbour's child").await;
        assert_eq!(
            (st, p["errors"][0]["field"].as_str()),
            (400, Some("reason")),
            "{p}"
        );
        let (st, _) = restrict(&ig, &uuid::Uuid::new_v4().to_string(), true, "safety").await;
        assert_eq!(st, 404);
        let (st, p) = ig
            .send(
                Method::PUT,
                &format!("/api/v1/people/{child}/restriction"),
                &json!({"restricted": true}),
            )
            .await;
        assert_eq!(st, 200, "{p}");
        assert_eq!(
            p,
            json!({"person": child, "restricted": true, "reason": "not-given"})
        );
        let (_, found) = sw.get(&format!("/api/v1/people?q={FAMILY}")).await;
        assert_eq!(found[0]["name"], "Restricted record");
        let (st, p) = restrict(&ig, &child, false, "no-longer-needed").await;
        assert_eq!(st, 200, "{p}");
        let (_, found) = sw.get(&format!("/api/v1/people?q={FAMILY}")).await;
        assert_eq!(found[0]["name"], "Tamsin Quillfeather");
        let ig_id = id_of(&ig).await;
        let details: Vec<String> = audit(&s)
            .await
            .into_iter()
            .filter(|(a, o, rec, u, _)| {
                a == "person.restrict" && o == "success" && *rec == child && *u == ig_id
            })
            .map(|r| r.4)
            .collect();
        assert_eq!(
            details,
            vec![
                "restricted=false reason=no-longer-needed".to_string(),
                "restricted=true reason=not-given".to_string(),
            ]
        );

        // The person page offers information governance the form, and nobody else.
        let (st, page) = s
            .browser("social-worker")
            .await
            .get(&format!("/people/{child}"))
            .await;
        assert_eq!(st, 200);
        assert!(!page.contains("Restrict this record"), "{page}");
        let email = format!("ig-{}@test.example", uuid::Uuid::new_v4().simple());
        s.add_user(&email, "information-governance").await;
        let b = Browser::new(&s.base);
        assert_eq!(b.sign_in(&email, PASSWORD).await.status(), 303);
        let (st, page) = b.get(&format!("/people/{child}")).await;
        assert_eq!(st, 200);
        assert!(page.contains("Restrict this record"), "{page}");
        let token = extract(&page, "_csrf");
        let r = b
            .post_form(
                &format!("/people/{child}/restriction"),
                &[
                    ("_csrf", token.as_str()),
                    ("restricted", "true"),
                    ("reason", "public-profile"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, page) = b.get(&format!("/people/{child}?restricted=1")).await;
        assert!(page.contains("Record restricted"), "{page}");
        assert!(page.contains("Lift the restriction"), "{page}");
        // A post that does not say which way is refused; it never lifts the restriction.
        let r = b
            .post_form(
                &format!("/people/{child}/restriction"),
                &[("_csrf", token.as_str()), ("reason", "no-longer-needed")],
            )
            .await;
        assert_eq!(r.status(), 400);
        let (_, found) = sw.get(&format!("/api/v1/people?q={FAMILY}")).await;
        assert_eq!(found[0]["name"], "Restricted record");
        assert!(audit(&s)
            .await
            .iter()
            .any(|(a, o, rec, _, d)| a == "person.restrict"
                && o == "success"
                && *rec == child
                && d == "restricted=true reason=public-profile"));
    }
);
