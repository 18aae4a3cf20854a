//! Storage guarantees on both backends: matching migration trees, SQLite's durability settings
//! and an append-only audit log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hearth_store::{Db, DbKind};

#[test]
fn both_migration_trees_list_the_same_versions() {
    assert_eq!(
        Db::known_versions(DbKind::Sqlite),
        Db::known_versions(DbKind::Postgres)
    );
    assert!(!Db::known_versions(DbKind::Sqlite).is_empty());
}

async fn sqlite_db() -> (Db, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("hearth-store-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::connect(&format!("sqlite://{}/t.db", dir.display()))
        .await
        .unwrap();
    db.migrate().await.unwrap();
    (db, dir)
}

async fn audit_is_append_only(db: Db) {
    let mut tx = db.begin().await.unwrap();
    tx.audit(
        chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
        hearth_store::audit::AuditEntry {
            user: None,
            action: "test",
            record_type: "test",
            record_id: None,
            outcome: hearth_store::audit::AuditOutcome::Success,
            detail: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    for sql in ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"] {
        let r = match &db {
            Db::Sqlite { writer, .. } => sqlx::query(sql).execute(writer).await.map(|_| ()),
            Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        };
        let err = r.expect_err(sql).to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[tokio::test]
async fn sqlite_audit_is_append_only() {
    let (db, dir) = sqlite_db().await;
    audit_is_append_only(db).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn postgres_audit_is_append_only() {
    let Ok(url) = std::env::var("HEARTH_TEST_PG_URL") else {
        assert!(
            std::env::var("HEARTH_REQUIRE_PG").is_err() && std::env::var("CI").is_err(),
            "PostgreSQL required"
        );
        eprintln!("skipping: HEARTH_TEST_PG_URL not set");
        return;
    };
    let admin = Db::connect(&url).await.unwrap();
    let name = format!("hearth_store_{}", uuid::Uuid::new_v4().simple());
    if let Db::Postgres(p) = &admin {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(p)
            .await
            .unwrap();
    }
    let base = url.rsplit_once('/').unwrap().0;
    let db = Db::connect(&format!("{base}/{name}")).await.unwrap();
    db.migrate().await.unwrap();
    audit_is_append_only(db).await;
}

#[tokio::test]
async fn sqlite_uses_wal_full_sync_and_foreign_keys() {
    let (db, dir) = sqlite_db().await;
    let Db::Sqlite { writer, .. } = &db else {
        panic!("sqlite expected")
    };
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(writer)
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(writer)
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(writer)
        .await
        .unwrap();
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
    let _ = std::fs::remove_dir_all(dir);
}
