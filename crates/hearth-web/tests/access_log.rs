//! A child's access log, read by information governance: who opened the record, searched and
//! found the child, or opened a contact about them, in words (role, team, what, when), filtered
//! by kind, date and user, exported as CSV with formula cells made inert; bad filters refused
//! naming the field; a social worker refused. Expected values are written out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::{codes, Api, TestServer, PASSWORD};
use hearth_app::accounts::users::NewUser;
use serde_json::{json, Value};

fn child(given: &str, family: &str, dob: &str) -> Value {
    json!({"kind": "child", "given_names": given, "family_name": family, "date_of_birth": dob})
}

/// The rows of a log answer.
fn rows(log: &Value) -> &Vec<Value> {
    log.as_array().expect("the access log is a list")
}

fn actions(log: &Value) -> Vec<&str> {
    rows(log)
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect()
}

async fn csv(api: &Api, path: &str) -> (u16, String) {
    let r = api
        .client
        .get(format!("{}{path}", api.base))
        .bearer_auth(&api.token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// A social worker named like a spreadsheet formula, to prove the CSV makes it inert.
async fn formula_worker(s: &TestServer) -> Api {
    s.app
        .add_user(
            None,
            &NewUser {
                name: "=2+3 Formula".into(),
                email: "formula@test.example".into(),
                role: "social-worker".into(),
                team: "Team A".into(),
                password: PASSWORD.into(),
            },
        )
        .await
        .unwrap();
    s.api(&s.token_of("formula@test.example").await)
}

both_dbs!(
    ig_reads_searches_and_contact_views_in_words,
    |s: TestServer| async move {
        let (_, worker) = s.user_in("social-worker", "Team A").await;
        let (_, ig) = s.user_in("information-governance", "Team A").await;
        let (st, p) = worker
            .post(
                "/api/v1/people",
                &child("Juniper", "Quillfeather", "2017-04-09"),
            )
            .await;
        assert_eq!(st, 201, "{p}");
        let id = p["id"].as_str().unwrap().to_string();
        let (st, other) = worker
            .post("/api/v1/people", &child("Robin", "Ashcombe", "2016-02-03"))
            .await;
        assert_eq!(st, 201, "{other}");
        let other = other["id"].as_str().unwrap().to_string();

        // 20 November 2026, 10:00 (GMT): the worker opens the child's record.
        let (st, _) = worker.get(&format!("/api/v1/people/{id}")).await;
        assert_eq!(st, 200);
        // 25 November, 14:30: the worker searches by the child's name and opens a contact.
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 25, 14, 30, 0).unwrap());
        let (st, found) = worker.get("/api/v1/people?q=Quillfeather").await;
        assert_eq!(st, 200, "{found}");
        assert_eq!(found.as_array().unwrap().len(), 1);
        let (st, c) = worker
            .post(
                "/api/v1/contacts",
                &json!({
                "received_at": "2026-11-25T14:00", "source": "2A", "method": "phone",
                "contact_name": "School DSL", "contact_agency": "Oak Primary",
                "summary": "Child hungry", "urgency": "routine", "children": [id],
                "consent": "given", "young_person_consent": "given"}),
            )
            .await;
        assert_eq!(st, 201, "{c}");
        let contact = c["id"].as_str().unwrap();
        let (st, _) = worker.get(&format!("/api/v1/contacts/{contact}")).await;
        assert_eq!(st, 200);

        let log_path = format!("/api/v1/people/{id}/access-log");
        let (st, log) = ig.get(&log_path).await;
        assert_eq!(st, 200, "{log}");
        let find = |action: &str| {
            rows(&log)
                .iter()
                .find(|r| r["action"] == action)
                .unwrap_or_else(|| panic!("no {action} in {log}"))
                .clone()
        };
        let opened = find("person.view");
        assert_eq!(opened["when"], "20 November 2026, 10:00");
        assert_eq!(opened["who"], "Test social-worker of Team A");
        assert_eq!(opened["role"], "Social worker");
        assert_eq!(opened["team"], "Team A");
        assert_eq!(opened["user_team"], "Team A");
        assert_eq!(opened["user_role"], "social-worker");
        assert_eq!(opened["what"], "Opened a person's record");
        assert_eq!(opened["record"], "This person's record");
        assert_eq!(opened["kind"], "viewed");
        assert_eq!(opened["result"], "Done");
        let searched = find("person.search");
        assert_eq!(searched["when"], "25 November 2026, 14:30");
        assert_eq!(searched["who"], "Test social-worker of Team A");
        assert_eq!(searched["what"], "Searched for people");
        assert_eq!(searched["record"], "A search of people's records");
        assert_eq!(searched["kind"], "searched");
        // The search's detail holds a count, never the text searched for.
        assert_eq!(searched["detail"], "results=1");
        let viewed = find("contact.view");
        assert_eq!(viewed["what"], "Opened a contact");
        assert_eq!(viewed["record"], "A contact");
        assert_eq!(viewed["role"], "Social worker");
        assert_eq!(viewed["kind"], "viewed");
        // Newest first.
        let ids: Vec<i64> = rows(&log)
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "{ids:?}");

        // The other child was not in the results, so the search is not on their log.
        let (_, theirs) = ig.get(&format!("/api/v1/people/{other}/access-log")).await;
        assert!(!actions(&theirs).contains(&"person.search"), "{theirs}");
        assert!(!actions(&theirs).contains(&"contact.view"), "{theirs}");

        // By kind.
        let (st, only) = ig.get(&format!("{log_path}?kind=searched")).await;
        assert_eq!(st, 200, "{only}");
        assert_eq!(actions(&only), ["person.search"]);
        let (_, views) = ig.get(&format!("{log_path}?kind=viewed")).await;
        let v = actions(&views);
        assert!(
            v.contains(&"person.view") && v.contains(&"contact.view"),
            "{v:?}"
        );
        assert!(
            !v.contains(&"person.search") && !v.contains(&"person.create"),
            "{v:?}"
        );
        let (_, changes) = ig.get(&format!("{log_path}?kind=changed")).await;
        assert!(actions(&changes).contains(&"person.create"), "{changes}");
        assert!(rows(&changes).iter().all(|r| r["kind"] == "changed"));

        // By date (UK days, both ends inclusive).
        let (_, late) = ig.get(&format!("{log_path}?from=2026-11-24")).await;
        let l = actions(&late);
        assert!(
            l.contains(&"person.search") && l.contains(&"contact.view"),
            "{l:?}"
        );
        assert!(
            !l.contains(&"person.view") && !l.contains(&"person.create"),
            "{l:?}"
        );
        let (_, early) = ig
            .get(&format!("{log_path}?from=2026-11-20&to=2026-11-20"))
            .await;
        let e = actions(&early);
        assert!(
            e.contains(&"person.view") && e.contains(&"person.create"),
            "{e:?}"
        );
        assert!(
            !e.contains(&"person.search") && !e.contains(&"contact.view"),
            "{e:?}"
        );

        // By user: part of a name, or the id.
        let (_, mine) = ig.get(&format!("{log_path}?user=SOCIAL-worker")).await;
        assert!(!rows(&mine).is_empty());
        assert!(rows(&mine)
            .iter()
            .all(|r| r["who"] == "Test social-worker of Team A"));
        let uid = opened["user_id"].as_str().unwrap();
        let (_, by_id) = ig
            .get(&format!("{log_path}?user={uid}&kind=searched"))
            .await;
        assert_eq!(actions(&by_id), ["person.search"]);

        // Bad filters are refused naming the field.
        let (st, bad) = ig.get(&format!("{log_path}?from=2026-02-30")).await;
        assert_eq!(st, 400, "{bad}");
        assert_eq!(
            codes(&bad),
            [("from".to_string(), "invalid_date".to_string())]
        );
        let (st, bad) = ig.get(&format!("{log_path}?kind=peeked&to=soon")).await;
        assert_eq!(st, 400, "{bad}");
        assert_eq!(
            codes(&bad),
            [
                ("to".to_string(), "invalid_date".to_string()),
                ("kind".to_string(), "unknown_code".to_string())
            ]
        );
        let (st, bad) = ig
            .get(&format!("{log_path}?from=2026-11-25&to=2026-11-24"))
            .await;
        assert_eq!(st, 400, "{bad}");
        assert_eq!(codes(&bad), [("to".to_string(), "before_from".to_string())]);
    }
);

both_dbs!(
    the_csv_has_words_and_inert_formulas,
    |s: TestServer| async move {
        let (_, ig) = s.user_in("information-governance", "Team A").await;
        let formula = formula_worker(&s).await;
        let (st, p) = formula
            .post(
                "/api/v1/people",
                &child("Juniper", "Quillfeather", "2017-04-09"),
            )
            .await;
        assert_eq!(st, 201, "{p}");
        let id = p["id"].as_str().unwrap().to_string();
        let (st, _) = formula.get(&format!("/api/v1/people/{id}")).await;
        assert_eq!(st, 200);

        let (st, text) = csv(
            &ig,
            &format!("/api/v1/people/{id}/access-log.csv?kind=viewed"),
        )
        .await;
        assert_eq!(st, 200, "{text}");
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "When,Who,Role,Team,What,Record,Outcome");
        assert_eq!(
            lines[1],
            "\"20 November 2026, 10:00\",'=2+3 Formula,Social worker,Team A,Opened a person's record,This person's record,Done"
        );
        assert_eq!(
            lines.len(),
            3,
            "one row, then the final line break: {text:?}"
        );

        // Exporting is itself on the log.
        let (_, log) = ig.get(&format!("/api/v1/people/{id}/access-log")).await;
        let export = rows(&log)
            .iter()
            .find(|r| r["action"] == "person.access_log.export")
            .unwrap_or_else(|| panic!("no export in {log}"));
        assert_eq!(export["what"], "Downloaded who opened a record");
        assert_eq!(export["role"], "Information governance lead");

        // A bad filter on the download is refused too.
        let (st, body) = csv(
            &ig,
            &format!("/api/v1/people/{id}/access-log.csv?from=yesterday"),
        )
        .await;
        assert_eq!(st, 400, "{body}");
        assert!(body.contains("\"field\":\"from\""), "{body}");
    }
);

both_dbs!(
    a_social_worker_may_not_read_the_log,
    |s: TestServer| async move {
        let (_, worker) = s.user_in("social-worker", "Team A").await;
        let (_, ig) = s.user_in("information-governance", "Team A").await;
        let (_, p) = worker
            .post(
                "/api/v1/people",
                &child("Juniper", "Quillfeather", "2017-04-09"),
            )
            .await;
        let id = p["id"].as_str().unwrap().to_string();
        let (st, _) = worker.get(&format!("/api/v1/people/{id}/access-log")).await;
        assert_eq!(st, 403);
        let (st, _) = csv(&worker, &format!("/api/v1/people/{id}/access-log.csv")).await;
        assert_eq!(st, 403);
        // Both refusals (at the route's gate) are on the log, in words, with the reason.
        let (st, refused) = ig
            .get(&format!("/api/v1/people/{id}/access-log?kind=refused"))
            .await;
        assert_eq!(st, 200, "{refused}");
        assert_eq!(
            actions(&refused),
            ["person.access_log", "person.access_log"]
        );
        for r in rows(&refused) {
            assert_eq!(r["who"], "Test social-worker of Team A");
            assert_eq!(r["kind"], "refused");
            assert!(
                r["result"].as_str().unwrap().starts_with("Refused: "),
                "{r}"
            );
        }
    }
);

both_dbs!(
    the_page_reads_in_words_and_filters,
    |s: TestServer| async move {
        let (_, worker) = s.user_in("social-worker", "Team A").await;
        let (_, p) = worker
            .post(
                "/api/v1/people",
                &child("Juniper", "Quillfeather", "2017-04-09"),
            )
            .await;
        let id = p["id"].as_str().unwrap().to_string();
        worker.get("/api/v1/people?q=Quillfeather").await;
        let ig = s.browser("information-governance").await;
        let (st, page) = ig.get(&format!("/people/{id}/access-log")).await;
        assert_eq!(st, 200);
        assert!(page.contains("Searched for people"), "{page}");
        assert!(
            page.contains("A search of people&#39;s records")
                || page.contains("A search of people's records")
        );
        assert!(page.contains("Test social-worker of Team A"));
        assert!(page.contains("Social worker"));
        assert!(page.contains("20 November 2026, 10:00"));
        assert!(page.contains("Download as CSV"));
        let (st, page) = ig
            .get(&format!(
                "/people/{id}/access-log?kind=searched&from-day=20&from-month=11&from-year=2026"
            ))
            .await;
        assert_eq!(st, 200);
        assert!(page.contains("Searched for people"));
        assert!(
            !page.contains("Created a person&#39;s record")
                && !page.contains("Created a person's record")
        );
        assert!(page.contains(&format!(
            "/people/{id}/access-log.csv?from-day=20&amp;from-month=11&amp;from-year=2026&amp;kind=searched"
        )), "{page}");
        // A date that does not exist: an error summary linking to the day box, not a panic.
        let (st, page) = ig
            .get(&format!(
                "/people/{id}/access-log?from-day=31&from-month=2&from-year=2026"
            ))
            .await;
        assert_eq!(st, 400);
        assert!(page.contains("govuk-error-summary"), "{page}");
        assert!(page.contains("href=\"#from-day\""), "{page}");
        let (st, text) = ig
            .get(&format!("/people/{id}/access-log.csv?kind=searched"))
            .await;
        assert_eq!(st, 200);
        assert!(
            text.starts_with("When,Who,Role,Team,What,Record,Outcome\r\n"),
            "{text}"
        );
        assert!(text.contains("Searched for people"), "{text}");
        let sw = s.browser("social-worker").await;
        let (st, _) = sw.get(&format!("/people/{id}/access-log")).await;
        assert_eq!(st, 403);
    }
);

both_dbs!(
    a_long_log_says_the_limit_was_reached,
    |s: TestServer| async move {
        let (_, worker) = s.user_in("social-worker", "Team A").await;
        let (_, ig) = s.user_in("information-governance", "Team A").await;
        let (_, p) = worker
            .post(
                "/api/v1/people",
                &child("Juniper", "Quillfeather", "2017-04-09"),
            )
            .await;
        let id = p["id"].as_str().unwrap().to_string();
        // 501 opens of the record (written straight to the log: quicker than 501 requests).
        let mut tx = s.app.db.begin().await.unwrap();
        for _ in 0..501 {
            let e = hearth_store::audit::AuditEntry {
                user: None,
                action: "person.view",
                record_type: "person",
                record_id: Some(id.clone()),
                outcome: hearth_store::audit::AuditOutcome::Success,
                detail: None,
            };
            tx.audit(common::start_time(), e).await.unwrap();
        }
        tx.commit().await.unwrap();
        let r = ig
            .client
            .get(format!("{}/api/v1/people/{id}/access-log", ig.base))
            .bearer_auth(&ig.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["hearth-limit-reached"], "500");
        let log: Value = r.json().await.unwrap();
        assert_eq!(rows(&log).len(), 500);
        // Narrowed to the creation, the limit is not reached.
        let r = ig
            .client
            .get(format!(
                "{}/api/v1/people/{id}/access-log?kind=changed",
                ig.base
            ))
            .bearer_auth(&ig.token)
            .send()
            .await
            .unwrap();
        assert!(r.headers().get("hearth-limit-reached").is_none());
        let browser = s.browser("information-governance").await;
        let (st, page) = browser.get(&format!("/people/{id}/access-log")).await;
        assert_eq!(st, 200);
        assert!(page.contains("Only the newest 500 are shown"), "{page}");
    }
);
