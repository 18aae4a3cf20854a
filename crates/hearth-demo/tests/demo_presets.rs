//! The demo loads under every shipped preset (issue 15: "demo data has plans at every stage under
//! each preset"), through the real use cases, with a fixed today so the test is the same every
//! day: child in need plans to agree, running and ended; child protection plans with their
//! outcomes and actions; every clock under the preset in force.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use hearth_app::{App, FixedClock};
use hearth_store::Db;

async fn count(db: &Db, sql: &str) -> i64 {
    match db {
        Db::Sqlite { writer, .. } => sqlx::query_scalar(sql).fetch_one(writer).await.unwrap(),
        _ => panic!("the demo test runs on SQLite"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_loads_under_every_preset_with_plans_at_every_stage() {
    for preset in hearth_domain::protocol::Protocol::presets() {
        let path = std::env::temp_dir().join(format!("hearth-demo-{}.db", uuid::Uuid::new_v4()));
        let db = Db::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        // Monday 30 November 2026, mid-morning.
        let clock = Arc::new(FixedClock::new(
            Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap(),
        ));
        let app = App::new(db.clone(), clock);
        app.adopt_protocol(None, preset).await.unwrap().unwrap();
        let report = hearth_demo::load_demo(&app, 42, 20)
            .await
            .unwrap_or_else(|e| panic!("{preset}: {e}"));
        assert!(report.people > 0, "{preset}");
        for (status, at_least) in [("to-be-agreed", 1), ("open", 1), ("ended", 1)] {
            let n = count(
                &db,
                &format!("SELECT COUNT(*) FROM cin_plans WHERE status = '{status}'"),
            )
            .await;
            assert!(n >= at_least, "{preset}: {n} CIN plans {status}");
        }
        assert!(
            count(&db, "SELECT COUNT(*) FROM cin_reviews").await >= 3,
            "{preset}"
        );
        assert!(
            count(&db, "SELECT COUNT(*) FROM cin_meetings").await >= 2,
            "{preset}"
        );
        assert!(
            count(
                &db,
                "SELECT COUNT(*) FROM plan_versions WHERE plan_kind = 'cp'"
            )
            .await
                >= 1,
            "{preset}"
        );
        assert!(
            count(
                &db,
                "SELECT COUNT(*) FROM episodes WHERE closure_reason = 'RC7'"
            )
            .await
                >= 1,
            "{preset}"
        );
        let under = count(
            &db,
            &format!(
                "SELECT COUNT(*) FROM clocks WHERE subject_type = 'cin-plan' AND protocol_name = '{preset}'"
            ),
        )
        .await;
        assert!(under >= 4, "{preset}: {under} CIN clocks under the preset");
        let _ = std::fs::remove_file(&path);
    }
}
