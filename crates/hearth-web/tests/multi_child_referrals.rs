//! One referral form about several children of a household, on SQLite and PostgreSQL: each
//! child's problems named under their own fields, the "add another child" page without
//! JavaScript, the front door creating and linking every named child, one referral per child
//! with its own decision, and the referrer reading each child's own outcome.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{codes, extract, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

fn household_form() -> Value {
    json!({
        "referrer_name": "Sam Teacher", "referrer_agency": "Oak Primary School",
        "referrer_email": "dsl@oak.example", "source": "2A",
        "child_given_names": "Jody", "child_family_name": "Marchbank",
        "child_date_of_birth": "2018-03-04", "child_sex": "2", "child_address": "1 Test Street",
        "consent": "given",
        "concerns_parenting_capacity": "Mother appears unable to cope since the baby was born",
        "referrer_expects": "An assessment of the family's needs",
        "other_children": [
            {"child_given_names": "Kit", "child_family_name": "Marchbank", "child_date_of_birth": "2021-07-09", "child_sex": "1"}
        ]
    })
}

/// A partner's new form saved with `body`: (form id, version after the save).
async fn draft(partner: &common::Api, body: &Value) -> (String, i64) {
    let (st, f) = partner.post("/api/v1/referral-forms", &json!({})).await;
    assert_eq!(st, 201, "{f}");
    let id = f["id"].as_str().unwrap().to_string();
    let (st, saved) = partner
        .send(
            Method::PUT,
            &format!("/api/v1/referral-forms/{id}?version=1"),
            body,
        )
        .await;
    assert_eq!(st, 200, "{saved}");
    (id, saved["version"].as_i64().unwrap())
}

both_dbs!(
    each_further_child_is_checked_under_their_own_fields,
    |s: TestServer| async move {
        let partner = s.api(&s.token("partner-referrer").await);
        // A draft keeps a half-typed further child.
        let mut half = household_form();
        half["other_children"] = json!([
            {"child_given_names": "Kit", "child_family_name": "Marchbank", "child_date_of_birth": "2021-07-09"},
            {"child_family_name": "Marchbank", "child_date_of_birth": "2030--"}
        ]);
        let (id, v) = draft(&partner, &half).await;
        let (_, f) = partner.get(&format!("/api/v1/referral-forms/{id}")).await;
        assert_eq!(
            f["form"]["other_children"][1]["child_date_of_birth"],
            "2030--"
        );
        // Submitting reports the second further child's problems under its own names.
        let (st, p) = partner
            .send(
                Method::POST,
                &format!("/api/v1/referral-forms/{id}/submit?version={v}"),
                &half,
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(
            codes(&p),
            vec![
                (
                    "other_children[1].child_given_names".to_string(),
                    "required".to_string()
                ),
                (
                    "other_children[1].child_date_of_birth".to_string(),
                    "invalid_date".to_string()
                ),
            ]
        );
        // More than ten further children are refused, even in a draft.
        let mut crowded = household_form();
        crowded["other_children"] = Value::Array(vec![json!({}); 11]);
        let (st, p) = partner
            .send(
                Method::PUT,
                &format!("/api/v1/referral-forms/{id}?version={v}"),
                &crowded,
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(
            codes(&p),
            vec![("other_children".to_string(), "too_many".to_string())]
        );
        assert_eq!(
            p["errors"][0]["message"],
            "One referral can name at most 11 children; refer the others on another form"
        );
    }
);

both_dbs!(
    two_children_on_one_form_get_their_own_referrals_and_outcomes,
    |s: TestServer| async move {
        let email = "dsl@oak.example";
        s.add_user(email, "partner-referrer").await;
        let partner = s.api(&s.token_of(email).await);
        let (id, v) = draft(&partner, &household_form()).await;
        let (st, f) = partner
            .send(
                Method::POST,
                &format!("/api/v1/referral-forms/{id}/submit?version={v}"),
                &household_form(),
            )
            .await;
        assert_eq!(st, 200, "{f}");
        let ack = f["acknowledgement"].as_str().unwrap();
        assert!(
            ack.contains("about Jody Marchbank and Kit Marchbank on"),
            "{ack}"
        );
        assert_eq!(
            f["child_outcomes"],
            json!([
                {"child": "Jody Marchbank", "outcome": "Waiting for the front door's decision", "decided_at": null},
                {"child": "Kit Marchbank", "outcome": "Waiting for the front door's decision", "decided_at": null}
            ])
        );

        // The front door sees both children named, before either is linked.
        let fd = s.api(&s.token("front-door").await);
        let (_, q) = fd.get("/api/v1/front-door").await;
        assert_eq!(
            q["contacts"][0]["children"],
            json!([
                "Jody Marchbank (not yet linked)",
                "Kit Marchbank (not yet linked)"
            ])
        );
        let contact = q["contacts"][0]["contact_id"].as_str().unwrap().to_string();
        let (_, c) = fd.get(&format!("/api/v1/contacts/{contact}")).await;
        assert_eq!(
            c["form_children"],
            json!([
                {"index": 0, "name": "Jody Marchbank", "date_of_birth": "2018-03-04", "expected_date_of_delivery": ""},
                {"index": 1, "name": "Kit Marchbank", "date_of_birth": "2021-07-09", "expected_date_of_delivery": ""}
            ])
        );
        // Each child's record is made from the form (no record exists for either).
        for which in [0, 1] {
            let (st, c) = fd
                .post(
                    &format!("/api/v1/contacts/{contact}/children"),
                    &json!({"create_from_form": true, "form_child": which}),
                )
                .await;
            assert_eq!(st, 200, "{c}");
        }
        let (st, p) = fd
            .post(
                &format!("/api/v1/contacts/{contact}/children"),
                &json!({"create_from_form": true, "form_child": 2}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("form_child".to_string(), "unknown".to_string())])
        );
        let (_, c) = fd.get(&format!("/api/v1/contacts/{contact}")).await;
        let mut names: Vec<&str> = c["children"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        names.sort_unstable();
        assert_eq!(names, vec!["Jody Marchbank", "Kit Marchbank"]);
        let kit = c["children"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Kit Marchbank")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let (_, kit_record) = fd.get(&format!("/api/v1/people/{kit}")).await;
        assert_eq!(
            kit_record["person"]["details"]["birth"]["date_of_birth"], "2021-07-09",
            "{kit_record}"
        );
        assert_eq!(kit_record["person"]["details"]["sex"], "1");

        // Concluded as a referral: one referral per child, each with its own clock.
        let (st, c) = fd
            .post(
                &format!("/api/v1/contacts/{contact}/outcome"),
                &json!({"version": c["version"], "outcomes": ["becomes-referral"]}),
            )
            .await;
        assert_eq!(st, 200, "{c}");
        let referrals: Vec<String> = c["referrals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        assert_eq!(referrals.len(), 2, "{c}");

        // Each is decided on its own: an assessment for one, no further action for the other.
        let dec = s.api(&s.token("social-worker").await);
        let mut children = Vec::new();
        for rid in &referrals {
            let (st, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
            assert_eq!(st, 200, "{r}");
            assert_eq!(r["clock"]["due_date"], "2026-11-23");
            let child = r["child"]["name"].as_str().unwrap().to_string();
            let decision = if child == "Jody Marchbank" {
                json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate", "primary_need": "N1",
                       "rationale": "Needs an assessment", "feedback_to_referrer": "Jody: we are starting an assessment."})
            } else {
                json!({"version": r["version"], "outcomes": ["no-further-action"], "threshold": "concerns",
                       "rationale": "Below threshold", "feedback_to_referrer": "Kit: no further action; the health visitor will follow up."})
            };
            let (st, r) = dec
                .post(&format!("/api/v1/referrals/{rid}/decision"), &decision)
                .await;
            assert_eq!(st, 200, "{r}");
            children.push((child, r["decision"]["outcomes"].clone()));
        }
        children.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            children,
            vec![
                ("Jody Marchbank".to_string(), json!(["assessment"])),
                ("Kit Marchbank".to_string(), json!(["no-further-action"])),
            ]
        );

        // The referrer reads each child's own outcome, on the form and in their list.
        let (_, f) = partner.get(&format!("/api/v1/referral-forms/{id}")).await;
        let outcomes: Vec<(&str, &str)> = f["child_outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["child"].as_str().unwrap(), o["outcome"].as_str().unwrap()))
            .collect();
        assert_eq!(
            outcomes,
            vec![
                ("Jody Marchbank", "Jody: we are starting an assessment."),
                (
                    "Kit Marchbank",
                    "Kit: no further action; the health visitor will follow up."
                ),
            ]
        );
        let b = common::Browser::new(&s.base);
        assert_eq!(b.sign_in(email, common::PASSWORD).await.status(), 303);
        let (_, list) = b.get("/referral-forms").await;
        for shown in [
            "Jody Marchbank and Kit Marchbank",
            "<strong>Jody Marchbank: </strong>Jody: we are starting an assessment.",
            "<strong>Kit Marchbank: </strong>Kit: no further action; the health visitor will follow up.",
        ] {
            assert!(list.contains(shown), "{shown}: {list}");
        }
        // Another partner's list does not show the form.
        let other = s.browser("partner-referrer").await;
        let (_, list) = other.get("/referral-forms").await;
        assert!(!list.contains("Marchbank"), "{list}");
    }
);

both_dbs!(
    the_page_adds_and_removes_children_and_types_dates_in_boxes,
    |s: TestServer| async move {
        let b = s.browser("partner-referrer").await;
        let (_, list) = b.get("/referral-forms").await;
        let csrf = extract(&list, "_csrf");
        let r = b
            .post_form("/referral-forms/new", &[("_csrf", csrf.as_str())])
            .await;
        assert_eq!(r.status(), 303);
        let at = r.headers()["location"].to_str().unwrap().to_string();
        let (st, page) = b.get(&at).await;
        assert_eq!(st, 200);
        for name in [
            "child_date_of_birth-day",
            "child_date_of_birth-month",
            "child_date_of_birth-year",
            "child_expected_date_of_delivery-day",
        ] {
            assert!(page.contains(&format!("name=\"{name}\"")), "{name}: {page}");
        }
        assert!(page.contains(">Add another child<"), "{page}");
        assert!(!page.contains("Child 2"), "{page}");
        // Partners read code lists in words only.
        assert!(page.contains(">White – British<"), "{page}");
        assert!(!page.contains("(WBRI)"), "{page}");

        let csrf = extract(&page, "_csrf");
        let version = extract(&page, "version");
        let r = b
            .post_form(
                &at,
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", version.as_str()),
                    ("child_given_names", "Jody"),
                    ("child_date_of_birth-day", "4"),
                    ("child_date_of_birth-month", "3"),
                    ("child_date_of_birth-year", "2018"),
                    ("action", "add-child"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.unwrap();
        assert!(page.contains("Child 2"), "{page}");
        assert!(
            page.contains("name=\"other_children[0].child_given_names\""),
            "{page}"
        );
        assert!(
            page.contains(
                "name=\"child_date_of_birth-day\" type=\"text\" inputmode=\"numeric\" value=\"4\""
            ),
            "{page}"
        );
        let version = extract(&page, "version");
        let r = b
            .post_form(
                &at,
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", version.as_str()),
                    ("child_given_names", "Jody"),
                    ("child_date_of_birth-day", "4"),
                    ("child_date_of_birth-month", "3"),
                    ("child_date_of_birth-year", "2018"),
                    ("other_children[0].child_given_names", "Kit"),
                    ("other_children[0].child_date_of_birth-day", "9"),
                    ("other_children[0].child_date_of_birth-month", "7"),
                    ("other_children[0].child_date_of_birth-year", "2021"),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.unwrap();
        assert!(page.contains("Your draft is saved"), "{page}");
        let (_, page) = b.get(&at).await;
        assert!(
            page.contains(
                "name=\"other_children[0].child_given_names\" type=\"text\" value=\"Kit\""
            ),
            "{page}"
        );
        assert!(
            page.contains("name=\"other_children[0].child_date_of_birth-year\" type=\"text\" inputmode=\"numeric\" value=\"2021\""),
            "{page}"
        );

        // Sending it names Kit's missing family name, linked to Kit's box.
        let version = extract(&page, "version");
        let r = b
            .post_form(
                &at,
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", version.as_str()),
                    ("child_given_names", "Jody"),
                    ("other_children[0].child_given_names", "Kit"),
                    ("action", "submit"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400, "a page with problems answers 400");
        let page = r.text().await.unwrap();
        assert!(
            page.contains("href=\"#other_children-0-child_family_name\""),
            "{page}"
        );
        assert!(page.contains("Enter child 2's family name"), "{page}");

        // "Remove" takes the child off and saves.
        let r = b
            .post_form(
                &at,
                &[
                    ("_csrf", csrf.as_str()),
                    ("version", version.as_str()),
                    ("child_given_names", "Jody"),
                    ("other_children[0].child_given_names", "Kit"),
                    ("remove_child", "0"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{:?}", r.text().await);
        let page = r.text().await.unwrap();
        assert!(!page.contains("Child 2"), "{page}");
        let (_, page) = b.get(&at).await;
        assert!(!page.contains("other_children[0]"), "{page}");
        assert!(page.contains("value=\"Jody\""), "{page}");
    }
);
