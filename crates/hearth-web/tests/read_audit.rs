//! Audited reads run beside the writer and share commits, yet each returns its data only once its
//! own audit row is durable: 64 parallel reads of a record give 64 audit rows, and when the audit
//! log cannot be written the read is refused with a 500 that carries none of the record. On
//! SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TestServer;
use hearth_store::Db;
use serde_json::json;

async fn exec(db: &Db, sql: &str) {
    match db {
        Db::Sqlite { writer, .. } => {
            sqlx::raw_sql(sql).execute(writer).await.unwrap();
        }
        Db::Postgres(p) => {
            sqlx::raw_sql(sql).execute(p).await.unwrap();
        }
    }
}

async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite { writer, .. } => sqlx::query_scalar(sql).fetch_one(writer).await.unwrap(),
        Db::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
    }
}

both_dbs!(
    parallel_reads_are_each_audited,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let (st, p) = sw
        .post("/api/v1/people", &json!({"kind": "child", "given_names": "Parallel", "family_name": "Reader", "date_of_birth": "2015-06-07"}))
        .await;
        assert_eq!(st, 201, "{p}");
        let id = p["id"].as_str().unwrap().to_string();
        let mut reads = tokio::task::JoinSet::new();
        for _ in 0..64 {
            let api = s.api(&sw.token);
            let path = format!("/api/v1/people/{id}");
            reads.spawn(async move { api.get(&path).await });
        }
        while let Some(answer) = reads.join_next().await {
            let (st, body) = answer.unwrap();
            assert_eq!(st, 200, "{body}");
            assert!(body.to_string().contains("\"Reader\""), "{body}");
        }
        let sql = format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'person.view' AND record_id = '{id}' AND outcome = 'success'"
    );
        assert_eq!(count(&s.app.db, &sql).await, 64);
    }
);

both_dbs!(
    a_read_whose_audit_cannot_be_written_is_refused,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let (st, p) = sw
        .post("/api/v1/people", &json!({"kind": "child", "given_names": "Unaudited", "family_name": "Secretname", "date_of_birth": "2015-06-07"}))
        .await;
        assert_eq!(st, 201, "{p}");
        let id = p["id"].as_str().unwrap().to_string();
        let refuse = match &s.app.db {
        Db::Sqlite { .. } => "CREATE TRIGGER audit_full BEFORE INSERT ON audit_log \
             WHEN NEW.action = 'person.view' BEGIN SELECT RAISE(ABORT, 'audit store full'); END;"
            .to_string(),
        Db::Postgres(_) => "CREATE FUNCTION audit_full() RETURNS trigger AS $$ BEGIN \
             IF NEW.action = 'person.view' THEN RAISE EXCEPTION 'audit store full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER audit_full BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_full();"
            .to_string(),
    };
        exec(&s.app.db, &refuse).await;
        let (st, body) = sw.get(&format!("/api/v1/people/{id}")).await;
        assert_eq!(st, 500, "{body}");
        assert_eq!(body["code"], "internal_error");
        assert!(!body.to_string().contains("Secretname"), "{body}");
        // Other audited reads still work: only the failing rows are refused.
        let (st, _) = sw.get("/api/v1/me").await;
        assert_eq!(st, 200);
    }
);
