//! Pages and the security around them: sign-in, CSRF, headers, throttling, session timeouts,
//! forms that keep what was typed. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{extract, Browser, TestServer, PASSWORD};

both_dbs!(sign_in_search_create_and_view, |s: TestServer| async move {
    let b = s.browser("social-worker").await;
    let (st, page) = b.get("/people").await;
    assert_eq!(st, 200);
    assert!(page.contains("Find a person"));
    let csrf = b.csrf().await;
    let r = b
        .post_form(
            "/people/new",
            &[
                ("_csrf", &csrf),
                ("kind", "child"),
                ("given_names", "Poppy"),
                ("family_name", "Turner"),
                ("date_of_birth-day", "3"),
                ("date_of_birth-month", "4"),
                ("date_of_birth-year", "2019"),
                ("disabilities", "NONE"),
                ("address.line1", "1 Hearth Lane"),
                ("address.town", "Exampleton"),
                ("address.postcode", "zz99 1aa"),
                ("address.from-day", "1"),
                ("address.from-month", "1"),
                ("address.from-year", "2020"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let (st, page) = b.get(&loc).await;
    assert_eq!(st, 200);
    assert!(
        page.contains("Poppy Turner") && page.contains("ZZ99 1AA") && page.contains("3 April 2019"),
        "{page}"
    );
    let (_, results) = b.get("/people?q=turn").await;
    assert!(results.contains("Poppy Turner"));
    assert_eq!(b.get("/people/not-an-id").await.0, 404);
    assert_eq!(
        b.get(&format!("/people/{}/edit", uuid::Uuid::new_v4()))
            .await
            .0,
        404
    );
});

both_dbs!(
    form_errors_are_specific_and_keep_input,
    |s: TestServer| async move {
        let b = s.browser("social-worker").await;
        let csrf = b.csrf().await;
        let r = b
            .post_form(
                "/people/new",
                &[
                    ("_csrf", &csrf),
                    ("kind", "child"),
                    ("given_names", "Keep Me"),
                    ("family_name", "Typed"),
                    ("date_of_birth-day", "1"),
                    ("date_of_birth-month", "1"),
                    ("date_of_birth-year", "2099"),
                    ("nhs_number", "1234567890"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400);
        let page = r.text().await.unwrap();
        assert!(page.contains("There is a problem"));
        assert!(page.contains("Date of birth must be today or in the past"));
        assert!(page.contains("check digit does not match"));
        assert!(
            page.contains("href=\"#date_of_birth-day\""),
            "error summary links to the day field"
        );
        assert!(
            page.contains("value=\"Keep Me\"")
                && page.contains("value=\"1234567890\"")
                && page.contains("value=\"2099\"")
        );
        assert!(page.contains("<title>Error: "));
        let mut tx = s.app.db.begin().await.unwrap();
        assert_eq!(tx.people().count().await.unwrap(), 0);
        tx.commit().await.unwrap();
    }
);

both_dbs!(
    csrf_is_required_on_state_changes,
    |s: TestServer| async move {
        let b = s.browser("social-worker").await;
        let r = b
            .post_form(
                "/people/new",
                &[
                    ("kind", "adult"),
                    ("given_names", "No"),
                    ("family_name", "Token"),
                ],
            )
            .await;
        assert_eq!(r.status(), 403);
        let r = b
            .post_form(
                "/people/new",
                &[
                    ("_csrf", "forged"),
                    ("kind", "adult"),
                    ("given_names", "No"),
                    ("family_name", "Token"),
                ],
            )
            .await;
        assert_eq!(r.status(), 403);
        // The same session's cookie alone cannot drive the API either.
        let r = b
            .client
            .post(format!("{}/api/v1/people", b.base))
            .json(&serde_json::json!({"kind": "adult", "family_name": "X", "given_names": "Y"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        let mut tx = s.app.db.begin().await.unwrap();
        assert_eq!(tx.people().count().await.unwrap(), 0);
        tx.commit().await.unwrap();
    }
);

both_dbs!(security_headers_and_no_store, |s: TestServer| async move {
    let b = s.browser("social-worker").await;
    let r = b
        .client
        .get(format!("{}/people", b.base))
        .send()
        .await
        .unwrap();
    let h = r.headers();
    assert!(h["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "no-store");
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS without TLS"
    );
    let r = b
        .client
        .get(format!("{}/sign-in", b.base))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly"));
});

both_dbs!(login_is_throttled, |s: TestServer| async move {
    s.add_user("victim@test.example", "social-worker").await;
    let b = Browser::new(&s.base);
    for _ in 0..5 {
        assert_eq!(
            b.sign_in("victim@test.example", "wrong password!!")
                .await
                .status(),
            401
        );
    }
    let r = b.sign_in("victim@test.example", PASSWORD).await;
    assert_eq!(
        r.status(),
        429,
        "even the right password waits out the throttle"
    );
    s.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(
        b.sign_in("victim@test.example", PASSWORD).await.status(),
        303
    );
});

both_dbs!(
    sessions_time_out_and_end_at_sign_out,
    |s: TestServer| async move {
        let b = s.browser("social-worker").await;
        s.clock.advance(chrono::Duration::minutes(29));
        assert_eq!(b.get("/people").await.0, 200);
        s.clock.advance(chrono::Duration::minutes(29));
        assert_eq!(
            b.get("/people").await.0,
            200,
            "activity keeps the session alive"
        );
        s.clock.advance(chrono::Duration::minutes(31));
        assert_eq!(b.get("/people").await.0, 303, "idle for 31 minutes");

        let b = s.browser("social-worker").await;
        for _ in 0..25 {
            s.clock.advance(chrono::Duration::minutes(29));
            let _ = b.get("/people").await;
        }
        assert_eq!(b.get("/people").await.0, 303, "absolute limit of 12 hours");

        let b = s.browser("social-worker").await;
        let (_, page) = b.get("/people").await;
        let csrf = extract(&page, "_csrf");
        assert_eq!(
            b.post_form("/sign-out", &[("_csrf", &csrf)]).await.status(),
            303
        );
        assert_eq!(b.get("/people").await.0, 303);
    }
);

both_dbs!(
    disabling_a_user_ends_their_session,
    |s: TestServer| async move {
        s.add_user("leaver@test.example", "social-worker").await;
        let b = Browser::new(&s.base);
        assert_eq!(
            b.sign_in("leaver@test.example", PASSWORD).await.status(),
            303
        );
        assert_eq!(b.get("/people").await.0, 200);
        let admin = s.browser("administrator").await;
        let (st, page) = admin.get("/admin/users").await;
        assert_eq!(st, 200);
        let csrf = extract(&page, "_csrf");
        let mut tx = s.app.db.begin().await.unwrap();
        let (leaver, _) = tx
            .users()
            .by_email("leaver@test.example")
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        let r = admin
            .post_form(
                &format!("/admin/users/{}/disable", leaver.id),
                &[("_csrf", &csrf)],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(b.get("/people").await.0, 303);
        assert_eq!(
            b.sign_in("leaver@test.example", PASSWORD).await.status(),
            401
        );
    }
);

both_dbs!(roles_limit_what_pages_show, |s: TestServer| async move {
    let analyst = s.browser("performance-analyst").await;
    assert_eq!(analyst.get("/people?q=smith").await.0, 403);
    let worker = s.browser("social-worker").await;
    assert_eq!(worker.get("/admin/users").await.0, 403);
    assert_eq!(worker.get("/audit").await.0, 403);
    let ig = s.browser("information-governance").await;
    let (st, page) = ig.get("/audit").await;
    assert_eq!(st, 200);
    assert!(page.contains("Signed in"), "the audit log reads in words");
});
