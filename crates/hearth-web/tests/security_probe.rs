//! The defects an outside probe found (issue "Security defects found by an outside probe"), each
//! replayed as the attacker did it, on SQLite and on PostgreSQL: a concurrent guessing burst, an
//! open redirect through `next`, refusals that left no audit row, and the small things (error
//! shapes and headers, the bearer scheme, Secure cookies behind TLS, token revocation, the client
//! address behind a proxy).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{extract, Backend, Browser, TestServer, PASSWORD};
use hearth_store::audit::AuditRow;
use reqwest::Method;
use serde_json::{json, Value};

async fn audit(s: &TestServer) -> Vec<AuditRow> {
    let mut tx = s.app.db.begin().await.unwrap();
    let rows = tx.recent_audit(2000).await.unwrap();
    tx.rollback().await.unwrap();
    rows
}

async fn token_for(s: &TestServer, email: &str, password: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/tokens", s.base))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

// Defect 1: "100 parallel wrong passwords for one account were all evaluated on SQLite (62 of
// 100 on PostgreSQL). The limit must hold under any concurrency." The account limit is 5.
both_dbs!(
    a_concurrent_guessing_burst_evaluates_at_most_the_limit,
    |s: TestServer| async move {
        s.add_user("target@test.example", "social-worker").await;
        let client = reqwest::Client::new();
        let mut tasks = Vec::new();
        for i in 0..100 {
            let c = client.clone();
            let url = format!("{}/api/v1/tokens", s.base);
            tasks.push(tokio::spawn(async move {
                c.post(url)
                    .json(
                        &json!({"email": "target@test.example", "password": format!("guess {i}")}),
                    )
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }));
        }
        let mut statuses = Vec::new();
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        let evaluated = statuses.iter().filter(|s| **s == 401).count();
        let throttled = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!((evaluated, throttled), (5, 95), "{statuses:?}");
        // The right password is refused too while the account is blocked.
        assert_eq!(
            token_for(&s, "target@test.example", PASSWORD)
                .await
                .status(),
            429
        );
        // Every attempt, evaluated or throttled, is in the audit log in words.
        let rows = audit(&s).await;
        let denied = |d: &str| {
            rows.iter()
                .filter(|r| {
                    r.action == "session.sign_in"
                        && r.outcome == "denied"
                        && r.detail.as_deref() == Some(d)
                })
                .count()
        };
        assert_eq!(denied("wrong email address or password"), 5);
        assert_eq!(denied("too many attempts: refused without checking"), 96);
    }
);

async fn sign_in_with_next(b: &Browser, email: &str, next: &str) -> reqwest::Response {
    let (_, page) = b.get("/sign-in").await;
    let pre = extract(&page, "_presession");
    b.client
        .post(format!("{}/sign-in", b.base))
        .form(&[
            ("_presession", pre.as_str()),
            ("next", next),
            ("email", email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap()
}

// Defect 2: "`next=/%09/evil.example/x` passes `safe_next` … browsers strip the tab and follow
// `//evil.example/x`. A `next` with CR/LF gives a 500 after the session has been created."
both_dbs!(
    next_after_sign_in_is_only_a_same_origin_path,
    |s: TestServer| async move {
        s.add_user("nav@test.example", "social-worker").await;
        let cases: &[(&str, &str)] = &[
            ("/\t/evil.example/x", "/"),
            ("/\r\n/evil.example", "/"),
            ("/people\r\nSet-Cookie: x=1", "/"),
            ("//evil.example/x", "/"),
            ("/\\evil.example", "/"),
            ("https://evil.example/", "/"),
            ("/%2F%2Fevil.example", "/"),
            ("/people/../admin", "/"),
            ("javascript:alert(1)", "/"),
            ("", "/"),
            ("/people", "/people"),
            (
                "/assessments/3f0c2a9e-1b2c-4d5e-8f90-123456789abc",
                "/assessments/3f0c2a9e-1b2c-4d5e-8f90-123456789abc",
            ),
        ];
        for (next, expected) in cases {
            let b = Browser::new(&s.base);
            let r = sign_in_with_next(&b, "nav@test.example", next).await;
            assert_eq!(r.status(), 303, "next={next:?}");
            assert_eq!(r.headers()["location"], *expected, "next={next:?}");
        }
        // The sign-in page never echoes a hostile next into its form.
        let (_, page) = Browser::new(&s.base)
            .get("/sign-in?next=%2F%09%2Fevil.example%2Fx")
            .await;
        assert_eq!(extract(&page, "next"), "/");
    }
);

// Defect 6: "refusals at the role check (a partner reading an assessment or contact, an analyst
// reading a person's assessments, a conference chair reading a referral, information governance
// reading a contact) and throttled sign-ins leave no audit row. Every refusal is audited."
both_dbs!(every_refusal_is_audited, |s: TestServer| async move {
    let fd = s.api(&s.token("front-door").await);
    let (st, child) = fd
        .post(
            "/api/v1/people?confirm_not_duplicate=true",
            &json!({"kind": "child", "given_names": "Refusal", "family_name": "Audited", "date_of_birth": "2017-02-03"}),
        )
        .await;
    assert_eq!(st, 201, "{child}");
    let child_id = child["id"].as_str().unwrap().to_string();
    let (cid, rid) = common::refer(&fd, &child_id).await;
    let tries: Vec<(&str, String, &str)> = vec![
        (
            "partner-referrer",
            format!("/api/v1/contacts/{cid}"),
            "front_door.work",
        ),
        (
            "performance-analyst",
            format!("/api/v1/people/{child_id}/assessments"),
            "person.search",
        ),
        (
            "conference-chair",
            format!("/api/v1/referrals/{rid}"),
            "front_door.work",
        ),
        (
            "information-governance",
            format!("/api/v1/contacts/{cid}"),
            "front_door.work",
        ),
        (
            "performance-analyst",
            format!("/api/v1/people/{child_id}"),
            "person.view",
        ),
    ];
    for (role, path, action) in &tries {
        let api = s.api(&s.token(role).await);
        let before = audit(&s).await.len();
        let (st, body) = api.get(path).await;
        assert_eq!(st, 403, "{role} {path}: {body}");
        let rows = audit(&s).await;
        assert_eq!(rows.len(), before + 1, "{role} {path}: one audit row");
        let row = &rows[0];
        assert_eq!(
            (
                row.action.as_str(),
                row.outcome.as_str(),
                row.user_role.as_deref()
            ),
            (*action, "denied", Some(*role)),
            "{role} {path}"
        );
        assert!(
            row.detail.as_deref().is_some_and(|d| d.ends_with('.')),
            "the reason is a sentence: {:?}",
            row.detail
        );
    }
    // The audit page shows refusals in words.
    let ig = s.browser("information-governance").await;
    let (st, page) = ig.get("/audit").await;
    assert_eq!(st, 200);
    assert!(page.contains("Refused: "), "{page}");
    assert!(
        page.contains("Opened a person&#39;s record") || page.contains("Opened a person's record")
    );
});

// Defect 8: "a 413 from Content-Length is plain text without the security headers; unknown page
// routes answer an empty 404; some 400s are plain text, not problem+json".
both_dbs!(
    every_error_has_its_shape_and_the_headers,
    |s: TestServer| async move {
        let c = reqwest::Client::new();
        let big = vec![b'a'; 300 * 1024];
        for (path, ctype) in [
            ("/api/v1/tokens", "application/json"),
            ("/sign-in", "application/x-www-form-urlencoded"),
        ] {
            let r = c
                .post(format!("{}{path}", s.base))
                .header("content-type", ctype)
                .body(big.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 413, "{path}");
            assert_eq!(r.headers()["x-frame-options"], "DENY", "{path}");
            assert!(r.headers().contains_key("content-security-policy"));
            let ct = r.headers()["content-type"].to_str().unwrap().to_string();
            if path.starts_with("/api/") {
                assert_eq!(ct, "application/problem+json");
                let p: Value = r.json().await.unwrap();
                assert_eq!(p["code"], "body_too_large");
            } else {
                assert!(ct.starts_with("text/html"), "{ct}");
            }
        }
        let b = s.browser("social-worker").await;
        let (st, page) = b.get("/no-such-page").await;
        assert_eq!(st, 404);
        assert!(page.contains("Page not found"), "{page}");
        let api = s.api(&s.token("social-worker").await);
        for path in [
            "/api/v1/calendar/holidays/not-a-year",
            "/api/v1/no-such-endpoint",
            "/api/v1/clocks/explain?kind=%FF",
        ] {
            let r = api
                .client
                .get(format!("{}{path}", s.base))
                .bearer_auth(&api.token)
                .send()
                .await
                .unwrap();
            let st = r.status().as_u16();
            assert!((400..500).contains(&st), "{path}: {st}");
            assert_eq!(
                r.headers()["content-type"],
                "application/problem+json",
                "{path}"
            );
            assert!(r.headers().contains_key("content-security-policy"));
        }
        let r = api
            .client
            .delete(format!("{}/api/v1/people", s.base))
            .bearer_auth(&api.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 405);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
);

// Defect 8: "the `bearer` scheme is case-sensitive" (RFC 9110 says schemes are not).
both_dbs!(
    the_bearer_scheme_is_case_insensitive,
    |s: TestServer| async move {
        let token = s.token("social-worker").await;
        for scheme in ["Bearer", "bearer", "BEARER"] {
            let r = reqwest::Client::new()
                .get(format!("{}/api/v1/me", s.base))
                .header("authorization", format!("{scheme} {token}"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{scheme}");
        }
        let r = reqwest::Client::new()
            .get(format!("{}/api/v1/me", s.base))
            .header("authorization", format!("Basic {token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
);

// Defect 8: "an API token cannot be revoked except by disabling its user (add listing and
// revoking your own tokens, and an administrator revoking anyone's)".
both_dbs!(tokens_are_listed_and_revoked, |s: TestServer| async move {
    s.add_user("script@test.example", "social-worker").await;
    let r = reqwest::Client::new()
        .post(format!("{}/api/v1/tokens", s.base))
        .json(&json!({"email": "script@test.example", "password": PASSWORD, "label": "nightly import"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let first = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let r = token_for(&s, "script@test.example", PASSWORD).await;
    let second = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let mine = s.api(&first);
    let (st, list) = mine.get("/api/v1/tokens").await;
    assert_eq!(st, 200, "{list}");
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(
        !format!("{list:?}").contains(&first),
        "the token itself is never listed"
    );
    let nightly = list
        .iter()
        .find(|t| t["label"] == "nightly import")
        .unwrap();
    let nightly_id = nightly["id"].as_str().unwrap().to_string();
    assert_eq!(nightly_id.len(), 16);
    // Revoking my own token: it stops working at once; the other still works.
    let (st, _) = mine
        .send(
            Method::DELETE,
            &format!("/api/v1/tokens/{nightly_id}"),
            &json!(null),
        )
        .await;
    assert_eq!(st, 204);
    assert_eq!(mine.get("/api/v1/me").await.0, 401);
    let other = s.api(&second);
    assert_eq!(other.get("/api/v1/me").await.0, 200);
    let (st, _) = other
        .send(
            Method::DELETE,
            &format!("/api/v1/tokens/{nightly_id}"),
            &json!(null),
        )
        .await;
    assert_eq!(st, 404, "already revoked");
    let (st, _) = other
        .send(Method::DELETE, "/api/v1/tokens/not-an-id", &json!(null))
        .await;
    assert_eq!(st, 400);
    // Another user may not list or revoke them; an administrator may.
    let (_, me) = other.get("/api/v1/me").await;
    let uid = me["id"].as_str().unwrap().to_string();
    let nosy = s.api(&s.token("team-manager").await);
    assert_eq!(
        nosy.get(&format!("/api/v1/users/{uid}/tokens")).await.0,
        403
    );
    let admin = s.api(&s.token("administrator").await);
    let (st, list) = admin.get(&format!("/api/v1/users/{uid}/tokens")).await;
    assert_eq!(st, 200);
    let live = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["revoked_at"].is_null())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (st, _) = admin
        .send(
            Method::DELETE,
            &format!("/api/v1/users/{uid}/tokens/{live}"),
            &json!(null),
        )
        .await;
    assert_eq!(st, 204);
    assert_eq!(other.get("/api/v1/me").await.0, 401);
    let rows = audit(&s).await;
    assert_eq!(
        rows.iter()
            .filter(|r| r.action == "api_token.revoke")
            .count(),
        2
    );
    assert!(rows
        .iter()
        .any(|r| r.action == "users.manage" && r.outcome == "denied"));
});

async fn sign_ins_from(s: &TestServer, forwarded: &str, email: &str, password: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{}/api/v1/tokens", s.base))
        .header("x-forwarded-for", forwarded)
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// 20 failures from one client address (4 on each of 5 accounts, under the account limit).
async fn exhaust_client(s: &TestServer, forwarded: &str) -> Vec<u16> {
    let mut out = Vec::new();
    for i in 0..20 {
        out.push(
            sign_ins_from(
                s,
                forwarded,
                &format!("nobody{}@test.example", i % 5),
                "wrong",
            )
            .await,
        );
    }
    out
}

// Defect 8: "the per-client throttle keys on the TCP peer, so behind a proxy one attacker locks
// everyone out — take the client address from a configured trusted proxy header only".
async fn behind_a_trusted_proxy(backend: Backend) {
    let proxy = hearth_web::client::ClientAddress {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        header: "x-forwarded-for".into(),
    };
    let Some(s) = common::start_configured(backend, false, proxy).await else {
        return;
    };
    s.add_user("colleague@test.example", "social-worker").await;
    let attacker = exhaust_client(&s, "198.51.100.66").await;
    assert!(attacker.iter().all(|st| *st == 401), "{attacker:?}");
    assert_eq!(
        sign_ins_from(&s, "198.51.100.66", "nobody9@test.example", "wrong").await,
        429
    );
    // A colleague behind the same proxy signs in.
    assert_eq!(
        sign_ins_from(&s, "198.51.100.7", "colleague@test.example", PASSWORD).await,
        201
    );
}

async fn without_a_trusted_proxy_the_header_is_ignored(backend: Backend) {
    let Some(s) = common::start(backend).await else {
        return;
    };
    s.add_user("colleague@test.example", "social-worker").await;
    exhaust_client(&s, "198.51.100.66").await;
    // A forged header does not give the attacker a fresh address.
    assert_eq!(
        sign_ins_from(&s, "203.0.113.1", "colleague@test.example", PASSWORD).await,
        429
    );
}

#[tokio::test]
async fn client_address_behind_a_trusted_proxy_sqlite() {
    behind_a_trusted_proxy(Backend::Sqlite).await;
    without_a_trusted_proxy_the_header_is_ignored(Backend::Sqlite).await;
}

#[tokio::test]
async fn client_address_behind_a_trusted_proxy_postgres() {
    behind_a_trusted_proxy(Backend::Postgres).await;
    without_a_trusted_proxy_the_header_is_ignored(Backend::Postgres).await;
}

// Defect 8: "the pre-session cookie lacks `Secure` behind TLS".
#[tokio::test]
async fn cookies_are_secure_behind_tls() {
    let s = common::start_configured(Backend::Sqlite, true, Default::default())
        .await
        .unwrap();
    s.add_user("tls@test.example", "social-worker").await;
    // A Secure cookie is not sent back over plain HTTP by a cookie store, so send it by hand.
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = c.get(format!("{}/sign-in", s.base)).send().await.unwrap();
    let pre = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        pre.starts_with("hearth_presession=") && pre.contains("; Secure"),
        "{pre}"
    );
    let page = r.text().await.unwrap();
    let token = extract(&page, "_presession");
    let r = c
        .post(format!("{}/sign-in", s.base))
        .header("cookie", format!("hearth_presession={token}"))
        .form(&[
            ("_presession", token.as_str()),
            ("next", "/people"),
            ("email", "tls@test.example"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let session = r.headers()["set-cookie"].to_str().unwrap();
    assert!(
        session.contains("; Secure") && session.contains("HttpOnly"),
        "{session}"
    );
    assert_eq!(
        r.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

// The same in the browser: a user sees and revokes their own tokens; an administrator anyone's.
both_dbs!(
    tokens_are_revoked_in_the_browser,
    |s: TestServer| async move {
        s.add_user("owner@test.example", "social-worker").await;
        let r = reqwest::Client::new()
        .post(format!("{}/api/v1/tokens", s.base))
        .json(&json!({"email": "owner@test.example", "password": PASSWORD, "label": "case import"}))
        .send()
        .await
        .unwrap();
        let token = r.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string();
        let second = s.token_of("owner@test.example").await;
        let b = Browser::new(&s.base);
        assert_eq!(
            b.sign_in("owner@test.example", PASSWORD).await.status(),
            303
        );
        let (st, page) = b.get("/account/tokens").await;
        assert_eq!(st, 200);
        assert!(
            page.contains("case import") && !page.contains(&token),
            "{page}"
        );
        let action = page
            .split("action=\"")
            .skip(1)
            .map(|a| &a[..a.find('"').unwrap()])
            .find(|a| a.ends_with("/revoke"))
            .unwrap()
            .to_string();
        let csrf = extract(&page, "_csrf");
        let r = b.post_form(&action, &[("_csrf", csrf.as_str())]).await;
        assert_eq!(r.status(), 303);
        // Exactly one of the two tokens was revoked, at once.
        let mut live = Vec::new();
        for t in [&token, &second] {
            if s.api(t).get("/api/v1/me").await.0 == 200 {
                live.push(t.clone());
            }
        }
        assert_eq!(live.len(), 1);
        // An administrator revokes the other from the user's token page.
        let (_, me) = s.api(&live[0]).get("/api/v1/me").await;
        let uid = me["id"].as_str().unwrap().to_string();
        let admin = s.browser("administrator").await;
        let (st, users) = admin.get("/admin/users").await;
        assert_eq!(st, 200);
        assert!(users.contains(&format!("/admin/users/{uid}/tokens")));
        let (st, page) = admin.get(&format!("/admin/users/{uid}/tokens")).await;
        assert_eq!(st, 200);
        let csrf = extract(&page, "_csrf");
        let action = page
            .split("action=\"")
            .skip(1)
            .map(|a| &a[..a.find('"').unwrap()])
            .find(|a| a.ends_with("/revoke"))
            .unwrap()
            .to_string();
        let r = admin.post_form(&action, &[("_csrf", csrf.as_str())]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(s.api(&live[0]).get("/api/v1/me").await.0, 401);
        // Someone else's token page is refused to a non-administrator, and audited.
        let (st, _) = b.get(&format!("/admin/users/{uid}/tokens")).await;
        assert_eq!(st, 403);
    }
);
