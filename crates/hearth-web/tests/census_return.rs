//! The CIN census return over HTTP on both databases (issue 16): the export a performance
//! analyst downloads is the recorded journey, element by element, with dates counted by hand; the
//! readiness list names each child's record that breaks a rule and the page that fixes it; a save
//! that would break a census error rule is refused with the rule in words and nothing written; a
//! query's reason is kept; the import of a return, then its export, gives the same children.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Api, TestServer};
use hearth_census::read::Reader;
use hearth_census::Child;
use serde_json::json;

fn d(s: &str) -> Option<chrono::NaiveDate> {
    Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

async fn download(base: &str, token: &str, year: i32) -> (u16, String) {
    let r = reqwest::Client::new()
        .get(format!("{base}/api/v1/census/{year}/return.xml"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn children(xml: &str) -> Vec<Child> {
    let mut r = Reader::new(xml.as_bytes()).unwrap();
    let mut out = Vec::new();
    while let Some(c) = r.next_child().unwrap() {
        out.push(c);
    }
    out
}

fn without_keys(mut c: Child) -> Child {
    c.key = None;
    for e in &mut c.episodes {
        e.key = None;
        e.assessments.iter_mut().for_each(|a| a.key = None);
        e.cin_plans.iter_mut().for_each(|p| p.key = None);
        e.section47s.iter_mut().for_each(|q| q.key = None);
        e.cp_plans.iter_mut().for_each(|p| p.key = None);
    }
    c
}

/// Records the child's ethnicity and disability (census 4220 and 8540 want them).
async fn characteristics(api: &Api, child: &str) {
    let (_, p) = api.get(&format!("/api/v1/people/{child}")).await;
    let (st, p) = api
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/people/{child}?version={}", p["person"]["version"]),
            &json!({"kind": "child", "given_names": "Robin", "family_name": "Planwork", "date_of_birth": "2015-02-01",
                "sex": "2", "ethnicity": "WBRI", "disabilities": ["NONE"]}),
        )
        .await;
    assert_eq!(st, 200, "{p}");
}

/// A child whose conference on Thursday 10 December 2026 decided on a child in need plan, started
/// that day by their social worker; with their ethnicity and disability recorded when asked.
/// Returns the worker's API and the child.
async fn on_a_cin_plan(s: &TestServer, characteristics_recorded: bool) -> (Api, String) {
    let (url, plan, version, sw_email) = common::cin_plan_to_agree(s).await;
    let sw = s.api(&s.token_of(&sw_email).await);
    let child = url.split('/').nth(4).unwrap().to_string();
    let (st, p) = sw
        .post(
            &format!("{url}/{plan}/start"),
            &common::cin_plan_body(&version, "2026-12-10"),
        )
        .await;
    assert_eq!(st, 200, "{p}");
    if characteristics_recorded {
        characteristics(&sw, &child).await;
    }
    (sw, child)
}

both_dbs!(
    the_export_is_the_recorded_journey_and_the_guard_refuses_a_start_after_death,
    |s: TestServer| async move {
        let (url, plan, version, sw_email) = common::cin_plan_to_agree(&s).await;
        let sw = s.api(&s.token_of(&sw_email).await);
        let child = url.split('/').nth(4).unwrap().to_string();
        let analyst_token = s.token("performance-analyst").await;
        let analyst = s.api(&analyst_token);

        // The readiness list names the child's missing ethnicity and disability, with the page
        // that fixes them, before anything is fixed.
        let (st, r) = analyst.get("/api/v1/census/readiness").await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["year"], 2027);
        assert_eq!(r["ruleset"], "cin2026_27");
        let mine: Vec<&serde_json::Value> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["person_id"] == child.as_str())
            .collect();
        let codes: Vec<&str> = mine.iter().map(|f| f["code"].as_str().unwrap()).collect();
        assert!(
            codes.contains(&"4220") && codes.contains(&"8540"),
            "{codes:?}"
        );
        let edit = format!("/people/{child}/edit");
        assert!(mine
            .iter()
            .any(|f| f["code"] == "4220" && f["fix"] == edit.as_str()));
        // The child protection record warns the worker with the same rules.
        let (_, cp) = sw
            .get(&format!("/api/v1/people/{child}/child-protection"))
            .await;
        let cp_codes: Vec<&str> = cp["census"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(cp_codes.contains(&"4220"), "{cp_codes:?}");
        // A social worker may not read the council's list.
        let (st, _) = sw.get("/api/v1/census/readiness").await;
        assert_eq!(st, 403);

        // Census 4008: "CIN Plan shown as starting after the child's Date of Death." A death
        // recorded on Wednesday 9 December, then a plan starting on the 10th, is refused.
        let id_url = format!("/api/v1/people/{child}/census-identity");
        let (_, idv) = sw.get(&id_url).await;
        let (st, idv) = sw
            .send(
                reqwest::Method::PUT,
                &id_url,
                &json!({"version": idv["version"], "death_date": "2026-12-09"}),
            )
            .await;
        assert_eq!(st, 200, "{idv}");
        let (st, p) = sw
            .post(
                &format!("{url}/{plan}/start"),
                &common::cin_plan_body(&version, "2026-12-10"),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert!(
            common::codes(&p).contains(&("census".into(), "census_rule".into())),
            "{p}"
        );
        assert!(p.to_string().contains("4008"), "{p}");
        let (_, v) = sw.get(&url).await;
        assert!(
            v["plans"][0]["started_on"].is_null(),
            "nothing written: {v}"
        );
        // With the date of death removed (recorded in error), the plan starts.
        let (st, _) = sw
            .send(
                reqwest::Method::PUT,
                &id_url,
                &json!({"version": idv["version"]}),
            )
            .await;
        assert_eq!(st, 200);
        let (st, p) = sw
            .post(
                &format!("{url}/{plan}/start"),
                &common::cin_plan_body(&version, "2026-12-10"),
            )
            .await;
        assert_eq!(st, 200, "{p}");
        characteristics(&sw, &child).await;

        // The export, element by element.
        let (st, xml) = download(&s.base, &analyst_token, 2027).await;
        assert_eq!(st, 200, "{xml}");
        let all = children(&xml);
        let (_, idv) = sw.get(&id_url).await;
        let la = idv["la_child_id"].as_str().unwrap();
        let c = all
            .iter()
            .find(|c| c.la_child_id.as_deref() == Some(la))
            .expect("the child is in the return");
        assert_eq!(c.birth_date, d("2015-02-01"));
        assert_eq!(c.sex.as_deref(), Some("F"));
        assert_eq!(c.ethnicity.as_deref(), Some("WBRI"));
        assert_eq!(c.disabilities, vec!["NONE".to_string()]);
        assert_eq!(c.episodes.len(), 1);
        let e = &c.episodes[0];
        assert_eq!(e.referral_date, d("2026-11-20"), "the contact's day");
        assert_eq!(e.referral_source.as_deref(), Some("2A"));
        assert_eq!(e.primary_need.as_deref(), Some("N1"));
        assert_eq!(e.referral_nfa.as_deref(), Some("0"));
        assert_eq!(e.closure_date, None);
        assert_eq!(e.section47s.len(), 1);
        let q = &e.section47s[0];
        assert_eq!(q.start, d("2026-11-23"));
        // Working Together: 15 working days from the strategy discussion on Monday 23 November
        // 2026: 24, 25, 26, 27, 30 Nov, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14 Dec → 14 December.
        assert_eq!(q.icpc_target, d("2026-12-14"));
        assert_eq!(q.date_of_initial_cpc, d("2026-12-10"));
        assert_eq!(q.icpc_not_required.as_deref(), Some("0"));
        assert_eq!(
            e.date_of_initial_cpc, None,
            "the conference is on the enquiry, not twice (2884)"
        );
        assert_eq!(e.cp_plans.len(), 0);
        assert_eq!(e.cin_plans.len(), 1);
        assert_eq!(e.cin_plans[0].start, d("2026-12-10"));
        assert_eq!(e.cin_plans[0].end, None);
        assert!(xml.contains("<LEA>"), "the header carries the LA code");
        assert!(xml.contains("<SerialNo>1</SerialNo>"), "{xml}");
        // A second download is the next serial number.
        let (_, again) = download(&s.base, &analyst_token, 2027).await;
        assert!(again.contains("<SerialNo>2</SerialNo>"));

        // Fixed: the child's record now breaks no error rule.
        let (_, r) = analyst.get("/api/v1/census/readiness").await;
        let errors: Vec<&serde_json::Value> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["person_id"] == child.as_str() && f["kind"] == "error")
            .collect();
        assert!(errors.is_empty(), "{errors:?}");

        // A year Hearth has no rules for is refused by name.
        let (st, body) = download(&s.base, &analyst_token, 2019).await;
        assert_eq!(st, 400, "{body}");
        assert!(body.contains("2019"));
        let (st, _) = download(&s.base, &s.token_of(&sw_email).await, 2027).await;
        assert_eq!(st, 403, "a social worker cannot download the return");
    }
);

both_dbs!(
    a_query_s_reason_is_kept_and_the_query_counts_as_explained,
    |s: TestServer| async move {
        let (sw, child) = on_a_cin_plan(&s, false).await;
        // 2991Q: a section 47 enquiry on an episode with no assessment.
        let (_, idv) = sw
            .get(&format!("/api/v1/people/{child}/census-identity"))
            .await;
        let q = idv["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "2991Q")
            .cloned()
            .unwrap_or_else(|| panic!("{idv}"));
        assert_eq!(q["explained"], false);
        let reasons = format!("/api/v1/people/{child}/census-queries");
        // A reason is required, and only for a query the record raises.
        let (st, p) = sw
            .post(
                &reasons,
                &json!({"code": "2991Q", "place": q["place"], "reason": "  "}),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        let (st, p) = sw
            .post(
                &reasons,
                &json!({"code": "8670Q", "place": q["place"], "reason": "x"}),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert!(common::codes(&p).contains(&("code".into(), "not_a_query".into())));
        let why =
            "Strategy discussion led straight to section 47; assessment recorded in the enquiry";
        let (st, p) = sw
            .post(
                &reasons,
                &json!({"code": "2991Q", "place": q["place"], "reason": why}),
            )
            .await;
        assert_eq!(st, 204, "{p}");
        let (_, idv) = sw
            .get(&format!("/api/v1/people/{child}/census-identity"))
            .await;
        let q = idv["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "2991Q")
            .unwrap();
        assert_eq!(q["explained"], true);
        assert_eq!(idv["query_reasons"][0]["reason"], why);
        let analyst = s.api(&s.token("performance-analyst").await);
        let (_, r) = analyst.get("/api/v1/census/readiness").await;
        assert!(r["explained"].as_u64().unwrap() >= 1, "{r}");
    }
);

both_dbs!(
    import_then_export_gives_the_same_children_and_a_second_import_changes_nothing,
    |s: TestServer| async move {
        let _ = on_a_cin_plan(&s, true).await;
        let token = s.token("performance-analyst").await;
        let (_, first) = download(&s.base, &token, 2027).await;
        let before: Vec<Child> = children(&first).into_iter().map(without_keys).collect();
        let importable: Vec<&Child> = before
            .iter()
            .filter(|c| c.ethnicity.is_some() && !c.disabilities.is_empty())
            .collect();
        assert!(!importable.is_empty());

        // Into a fresh Hearth on the same kind of database.
        let s2 = common::start(s.backend).await.unwrap();
        s2.add_user("admin@import.test", "administrator").await;
        let dir = common::TempDir(
            std::env::temp_dir().join(format!("hearth-census-{}", uuid::Uuid::new_v4())),
        );
        std::fs::create_dir_all(&dir.0).unwrap();
        let file = dir.0.join("cin.xml");
        std::fs::write(&file, &first).unwrap();
        let summary = hearth_app::returns::census_import::import_file(&s2.app, &file, |_, _| {})
            .await
            .unwrap();
        assert_eq!(summary.children_read, before.len());
        assert_eq!(
            summary.children_added + summary.refused.len(),
            before.len(),
            "{summary}"
        );
        assert!(
            summary
                .refused
                .iter()
                .all(|r| r.contains("4220") || r.contains("8540")),
            "only children missing characteristics are refused: {:?}",
            summary.refused
        );
        let token2 = s2.token("performance-analyst").await;
        let (_, second) = download(&s2.base, &token2, 2027).await;
        let after: Vec<Child> = children(&second).into_iter().map(without_keys).collect();
        let expected: Vec<Child> = importable.into_iter().cloned().collect();
        assert_eq!(after, expected, "element for element");

        // Again: matched on LAchildID, nothing is added.
        let again = hearth_app::returns::census_import::import_file(&s2.app, &file, |_, _| {})
            .await
            .unwrap();
        assert_eq!(again.children_added, 0, "{again}");
        assert_eq!(again.episodes_added, 0, "{again}");
        assert_eq!(again.children_present, summary.children_added, "{again}");
        let (_, third) = download(&s2.base, &token2, 2027).await;
        let third: Vec<Child> = children(&third).into_iter().map(without_keys).collect();
        assert_eq!(third, after);

        // A file that is not a census return loads nothing and says where it stopped.
        let bad = dir.0.join("bad.xml");
        std::fs::write(&bad, "<Message><Header><CollectionDetails><ReferenceDate>2027-03-31</ReferenceDate></CollectionDetails></Header><Children><Child><ChildIdentifiers><LAchildID>X1</LAchildID></ChildIdentifiers><CINdetails></Child></Children></Message>").unwrap();
        let e = hearth_app::returns::census_import::import_file(&s2.app, &bad, |_, _| {})
            .await
            .unwrap_err();
        let text = e.to_string();
        assert!(text.contains("X1") && text.contains("CINdetails"), "{text}");
    }
);

both_dbs!(
    exports_and_imports_at_once_keep_serial_numbers_and_children_unique,
    |s: TestServer| async move {
        let _ = on_a_cin_plan(&s, true).await;
        // Eight analysts download at once: eight different serial numbers.
        let token = s.token("performance-analyst").await;
        let mut handles = Vec::new();
        for _ in 0..8 {
            let base = s.base.clone();
            let token = token.clone();
            handles.push(tokio::spawn(async move {
                let r = reqwest::Client::new()
                    .get(format!("{base}/api/v1/census/2027/return.xml"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status().as_u16(), 200);
                let xml = r.text().await.unwrap();
                let serial = xml
                    .split("<SerialNo>")
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_string();
                (serial, xml)
            }));
        }
        let mut serials = Vec::new();
        let mut file = String::new();
        for h in handles {
            let (serial, xml) = h.await.unwrap();
            serials.push(serial.parse::<u32>().unwrap());
            file = xml;
        }
        serials.sort();
        assert_eq!(serials, (1..=8).collect::<Vec<_>>());

        // Two imports of the same return at once, into a fresh Hearth with no administrator yet
        // (recorded as the disabled import account), record each child once.
        let s2 = common::start(s.backend).await.unwrap();
        let dir = common::TempDir(
            std::env::temp_dir().join(format!("hearth-census-{}", uuid::Uuid::new_v4())),
        );
        std::fs::create_dir_all(&dir.0).unwrap();
        let path = dir.0.join("cin.xml");
        std::fs::write(&path, &file).unwrap();
        let (a, b) = tokio::join!(
            hearth_app::returns::census_import::import_file(&s2.app, &path, |_, _| {}),
            hearth_app::returns::census_import::import_file(&s2.app, &path, |_, _| {})
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let importable = children(&file)
            .iter()
            .filter(|c| c.ethnicity.is_some() && !c.disabilities.is_empty())
            .count();
        assert_eq!(a.children_added + b.children_added, importable, "{a} / {b}");
        let token2 = s2.token("performance-analyst").await;
        let (_, again) = download(&s2.base, &token2, 2027).await;
        let after: Vec<Child> = children(&again).into_iter().map(without_keys).collect();
        let expected: Vec<Child> = children(&file)
            .into_iter()
            .filter(|c| c.ethnicity.is_some() && !c.disabilities.is_empty())
            .map(without_keys)
            .collect();
        assert_eq!(after, expected, "each child and each episode once");
    }
);
