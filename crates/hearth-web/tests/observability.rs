//! A server fault is logged once, with its cause and the request's id, and answered with an
//! opaque 500 that carries the same id in `x-request-id`; nothing is swallowed into "not found".
//! The fault is made by corrupting a stored value behind Hearth's back (a referral's consent
//! record), on SQLite and on PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use common::TestServer;
use hearth_store::Db;
use serde_json::json;

#[derive(Clone)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let w = Captured(buf.clone());
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::INFO)
            .with_ansi(false)
            .with_writer(move || w.clone())
            .try_init();
        buf
    })
}

async fn corrupt_consent(db: &Db, referral: &str) {
    let id = uuid::Uuid::parse_str(referral).unwrap();
    let sql = "UPDATE referrals SET consent = 'this is not json' WHERE id = $1";
    match db {
        Db::Sqlite { writer, .. } => {
            sqlx::query(sql).bind(id).execute(writer).await.unwrap();
        }
        Db::Postgres(p) => {
            sqlx::query(sql).bind(id).execute(p).await.unwrap();
        }
    }
}

both_dbs!(
    a_fault_is_logged_once_with_its_cause_and_request_id,
    |s: TestServer| async move {
        let log = logs().clone();
        let (_, fd) = s.user_in("front-door", "Front Door").await;
        let (st, p) = fd
        .post("/api/v1/people", &json!({"kind": "child", "given_names": "Faulty", "family_name": "Record", "date_of_birth": "2017-02-03"}))
        .await;
        assert_eq!(st, 201, "{p}");
        let (_, rid) = common::refer(&fd, p["id"].as_str().unwrap()).await;
        corrupt_consent(&s.app.db, &rid).await;

        let r = fd
            .client
            .get(format!("{}/api/v1/referrals/{rid}", fd.base))
            .bearer_auth(&fd.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 500);
        let request_id = r.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_eq!(request_id.len(), 36, "a UUID: {request_id}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["code"], "internal_error");
        let title = body["title"].as_str().unwrap();
        assert!(
            !title.contains("consent"),
            "the cause stays in the log: {title}"
        );

        let text = String::from_utf8(log.lock().unwrap().clone()).unwrap();
        let faults: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("server fault") && l.contains(&request_id))
            .collect();
        assert_eq!(faults.len(), 1, "logged once with the request id:\n{text}");
        assert!(
            faults[0].contains("stored consent"),
            "with its cause: {}",
            faults[0]
        );
        assert!(
            // The route as declared, not the path as typed (a path could carry a name).
            faults[0].contains("route=\"/api/v1/referrals/{id}\""),
            "{}",
            faults[0]
        );

        // A client's own request id is kept and echoed when it looks like one.
        let r = fd
            .client
            .get(format!("{}/api/v1/me", fd.base))
            .bearer_auth(&fd.token)
            .header("x-request-id", "edge-1234")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["x-request-id"], "edge-1234");
    }
);
