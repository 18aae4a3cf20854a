//! People over the JSON API, on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestServer;
use serde_json::{json, Value};

fn child(given: &str, family: &str, dob: &str, nhs: &str) -> Value {
    json!({"kind": "child", "given_names": given, "family_name": family, "date_of_birth": dob, "nhs_number": nhs})
}

both_dbs!(create_search_and_read, |s: TestServer| async move {
    let api = s.api(&s.token("social-worker").await);
    let (st, p) = api
        .post(
            "/api/v1/people",
            &child("Amelia", "Smith", "2018-05-02", "943 476 5919"),
        )
        .await;
    assert_eq!(st, 201, "{p}");
    let id = p["id"].as_str().unwrap().to_string();
    assert_eq!(p["details"]["nhs_number"], "9434765919");
    assert_eq!(p["version"], 1);

    // Partial name, sound-alike name, NHS number and date of birth all find her.
    for q in [
        "/api/v1/people?q=ame",
        "/api/v1/people?q=Smyth",
        "/api/v1/people?q=943%20476%205919",
        "/api/v1/people?date_of_birth=2018-05-02",
        "/api/v1/people?q=smi&date_of_birth=2018-05-02",
    ] {
        let (st, r) = api.get(q).await;
        assert_eq!(st, 200, "{q}: {r}");
        assert_eq!(r.as_array().unwrap().len(), 1, "{q}: {r}");
        assert_eq!(r[0]["id"], id.as_str());
    }
    let (_, none) = api.get("/api/v1/people?q=Jones").await;
    assert_eq!(none.as_array().unwrap().len(), 0);
    let (_, wrong_dob) = api
        .get("/api/v1/people?q=smith&date_of_birth=2018-05-03")
        .await;
    assert_eq!(wrong_dob.as_array().unwrap().len(), 0);

    let (st, rec) = api.get(&format!("/api/v1/people/{id}")).await;
    assert_eq!(st, 200);
    assert_eq!(rec["person"]["details"]["given_names"], "Amelia");
});

both_dbs!(
    bad_input_is_refused_and_nothing_is_written,
    |s: TestServer| async move {
        let api = s.api(&s.token("social-worker").await);
        let cases = [
            (
                child("Bad", "Nhs", "2018-05-02", "943 476 5918"),
                "nhs_number",
                "invalid_nhs_number",
            ),
            (
                child("Future", "Born", "2030-01-01", "943 476 5919"),
                "date_of_birth",
                "future_date",
            ),
            (
                json!({"kind": "child", "given_names": "A", "family_name": "B", "date_of_birth": "2018-01-01", "favourite_colour": "red"}),
                "favourite_colour",
                "unknown_field",
            ),
            (
                json!({"kind": "alien", "given_names": "A", "family_name": "B"}),
                "kind",
                "invalid_kind",
            ),
            (
                json!({"kind": "child", "given_names": "A", "family_name": "B", "date_of_birth": "2018-01-01", "upn": "A201301000010"}),
                "upn",
                "invalid_upn",
            ),
        ];
        for (body, field, code) in cases {
            let (st, p) = api.post("/api/v1/people", &body).await;
            assert_eq!(st, 400, "{body}: {p}");
            let errs = p["errors"].as_array().unwrap();
            assert!(
                errs.iter()
                    .any(|e| e["field"] == field && e["code"] == code),
                "{field}/{code} expected in {p}"
            );
        }
        let mut tx = s.app.db.begin().await.unwrap();
        assert_eq!(
            tx.people().count().await.unwrap(),
            0,
            "nothing may be written"
        );
        tx.commit().await.unwrap();

        // Malformed JSON and an oversized body get specific refusals.
        let r = api
            .client
            .post(format!("{}/api/v1/people", api.base))
            .bearer_auth(&api.token)
            .header("content-type", "application/json")
            .body("{\"kind\": ")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(r.json::<Value>().await.unwrap()["code"], "malformed_json");
        let huge = json!({"kind": "child", "family_name": "x".repeat(300_000)});
        let (st, _) = api.post("/api/v1/people", &huge).await;
        assert_eq!(st, 413);
    }
);

both_dbs!(
    unknown_relationship_type_is_refused,
    |s: TestServer| async move {
        let api = s.api(&s.token("social-worker").await);
        let (_, a) = api
            .post(
                "/api/v1/people",
                &child("Kai", "Green", "2019-01-01", "401 023 2137"),
            )
            .await;
        let (_, b) = api
            .post(
                "/api/v1/people",
                &json!({"kind": "adult", "given_names": "Jo", "family_name": "Green"}),
            )
            .await;
        let rel = |kind: &str| json!({"from_person": b["id"], "to_person": a["id"], "kind": kind, "parental_responsibility": true});
        let (st, p) = api
            .post("/api/v1/relationships", &rel("second-cousin"))
            .await;
        assert_eq!(st, 400);
        assert_eq!(p["errors"][0]["code"], "unknown_relationship");
        let (st, r) = api.post("/api/v1/relationships", &rel("parent")).await;
        assert_eq!(st, 201, "{r}");
        let (_, rec) = api
            .get(&format!("/api/v1/people/{}", a["id"].as_str().unwrap()))
            .await;
        let rels = rec["links"]["relationships"].as_array().unwrap();
        assert_eq!(rels.len(), 1);
        assert_eq!(rels[0]["described_as"], "Parent");
        assert_eq!(rels[0]["relationship"]["parental_responsibility"], true);
    }
);

both_dbs!(
    duplicates_warn_until_confirmed,
    |s: TestServer| async move {
        let api = s.api(&s.token("front-door").await);
        let (st, _) = api
            .post(
                "/api/v1/people",
                &child("Leo", "Walker", "2017-03-04", "943 476 5870"),
            )
            .await;
        assert_eq!(st, 201);
        let similar = json!({"kind": "child", "given_names": "Leon", "family_name": "Walkar", "date_of_birth": "2017-03-04"});
        let (st, p) = api.post("/api/v1/people", &similar).await;
        assert_eq!(st, 409, "{p}");
        assert_eq!(p["code"], "possible_duplicate");
        assert_eq!(p["possible_duplicates"][0]["name"], "Leo Walker");
        let (st, _) = api
            .post("/api/v1/people?confirm_not_duplicate=true", &similar)
            .await;
        assert_eq!(st, 201);
    }
);

both_dbs!(edits_never_silently_overwrite, |s: TestServer| async move {
    let api = s.api(&s.token("social-worker").await);
    let (_, p) = api
        .post(
            "/api/v1/people",
            &child("Ivy", "Hall", "2016-02-02", "943 476 5919"),
        )
        .await;
    let id = p["id"].as_str().unwrap();
    let mut edit = child("Ivy", "Hall-Jones", "2016-02-02", "943 476 5919");
    let (st, first) = api
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/people/{id}?version=1"),
            &edit,
        )
        .await;
    assert_eq!(st, 200, "{first}");
    assert_eq!(first["version"], 2);
    edit["family_name"] = json!("Stale");
    let (st, conflict) = api
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/people/{id}?version=1"),
            &edit,
        )
        .await;
    assert_eq!(st, 409);
    assert_eq!(conflict["code"], "stale");
    let (_, rec) = api.get(&format!("/api/v1/people/{id}")).await;
    assert_eq!(rec["person"]["details"]["family_name"], "Hall-Jones");
});

both_dbs!(
    reads_are_audited_and_visible_to_managers_only,
    |s: TestServer| async move {
        let worker = s.api(&s.token("social-worker").await);
        let (_, p) = worker
            .post(
                "/api/v1/people",
                &child("Ruby", "Price", "2015-06-06", "943 476 5919"),
            )
            .await;
        let id = p["id"].as_str().unwrap();
        worker.get(&format!("/api/v1/people/{id}")).await;
        let (st, _) = worker.get(&format!("/api/v1/people/{id}/access-log")).await;
        assert_eq!(st, 403);
        let manager = s.api(&s.token("team-manager").await);
        let (st, log) = manager
            .get(&format!("/api/v1/people/{id}/access-log"))
            .await;
        assert_eq!(st, 200, "{log}");
        let actions: Vec<&str> = log
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["action"].as_str().unwrap())
            .collect();
        assert!(actions.contains(&"person.view"), "{actions:?}");
        assert!(actions.contains(&"person.create"), "{actions:?}");
        assert!(log
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["user_role"] == "social-worker"));
        // Partners and analysts cannot open records, and the refusal is itself audited.
        let analyst = s.api(&s.token("performance-analyst").await);
        let (st, _) = analyst.get(&format!("/api/v1/people/{id}")).await;
        assert_eq!(st, 403);
        let (_, log) = manager
            .get(&format!("/api/v1/people/{id}/access-log"))
            .await;
        assert!(log
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["outcome"] == "denied"));
    }
);

both_dbs!(
    openapi_and_health_describe_the_service,
    |s: TestServer| async move {
        let r: Value = reqwest::get(format!("{}/api/v1/openapi.json", s.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(r["paths"]["/api/v1/people"]["post"].is_object());
        assert!(r["components"]["schemas"]["PersonInput"]["properties"]["nhs_number"].is_object());
        let h: Value = reqwest::get(format!("{}/healthz", s.base))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let newest = *hearth_store::Db::known_versions(s.app.db.kind())
            .last()
            .unwrap();
        assert_eq!(h["schema_version"], newest);
        let kind = if s.app.db.kind() == hearth_store::DbKind::Sqlite {
            "sqlite"
        } else {
            "postgres"
        };
        assert_eq!(h["database"], kind);
    }
);
