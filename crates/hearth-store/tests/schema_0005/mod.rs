//! A database filled the way the 0005 schema held it (whole person details as JSON, outcome
//! and factor codes as JSON arrays), with the few parents the rows need, on either backend; and
//! fresh SQLite and PostgreSQL databases to fill.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::assessment::states::AssessmentState;
use hearth_domain::assessment::Origin;
use hearth_domain::codes::{Disability, Ethnicity, Sex};
use hearth_domain::front_door::contact::Urgency;
use hearth_domain::front_door::states::{ContactState, ReferralState};
use hearth_domain::front_door::vocab::ContactMethod;
use hearth_domain::person::{Birth, PersonDetails, PersonKind};
use hearth_domain::role::Role;
use hearth_store::{on_tx, Db};
use uuid::Uuid;

/// The ids of what the 0005 schema was filled with.
pub struct Filled {
    pub team: Uuid,
    pub user: Uuid,
    pub child: Uuid,
    pub adult: Uuid,
    pub contact: Uuid,
    pub open_contact: Uuid,
    pub referral: Uuid,
    pub assessment: Uuid,
}

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap()
}

pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
}

pub fn child_details() -> PersonDetails {
    PersonDetails {
        kind: PersonKind::Child,
        given_names: "Ada".into(),
        family_name: "Okafor".into(),
        aliases: vec!["Addie".into()],
        birth: Birth::Born {
            date_of_birth: Some(NaiveDate::from_ymd_opt(2015, 3, 27).unwrap()),
        },
        sex: Some(Sex::Female),
        gender_identity: Some("Girl".into()),
        ethnicity: Some(Ethnicity::Mwba),
        first_language: Some("English".into()),
        communication_needs: None,
        interpreter_required: false,
        // Not in census order, as a form may have sent them.
        disabilities: vec![Disability::Aut, Disability::Mob],
        nhs_number: None,
        upn: None,
        telephone: None,
    }
}

pub fn adult_details() -> PersonDetails {
    PersonDetails {
        kind: PersonKind::Adult,
        given_names: "Grace".into(),
        family_name: "Okafor".into(),
        aliases: Vec::new(),
        birth: Birth::Born {
            date_of_birth: None,
        },
        sex: None,
        gender_identity: None,
        ethnicity: None,
        first_language: None,
        communication_needs: None,
        interpreter_required: false,
        disabilities: Vec::new(),
        nhs_number: None,
        upn: None,
        telephone: None,
    }
}

/// Runs one statement on either backend.
pub async fn exec(db: &Db, sql: &str, binds: &[Bind]) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin().await.unwrap();
    let r = on_tx!(&mut tx, c => {
        let mut q = sqlx::query(sql);
        for b in binds {
            q = match b {
                Bind::Id(u) => q.bind(*u),
                Bind::Text(s) => q.bind(s.clone()),
                Bind::At(t) => q.bind(*t),
                Bind::Day(d) => q.bind(*d),
            };
        }
        q.execute(&mut *c).await.map(|r| r.rows_affected())
    });
    if r.is_ok() {
        tx.commit().await.unwrap();
    }
    r
}

pub enum Bind {
    Id(Uuid),
    Text(String),
    At(DateTime<Utc>),
    Day(NaiveDate),
}
pub use Bind::{At, Day, Id, Text};

pub fn t(s: &str) -> Bind {
    Text(s.to_string())
}

/// Fills the 0005 schema the way its store wrote it: whole details as JSON, codes as JSON arrays.
pub async fn fill_0005(db: &Db, contact_outcomes: &str) -> Filled {
    let f = Filled {
        team: Uuid::new_v4(),
        user: Uuid::new_v4(),
        child: Uuid::new_v4(),
        adult: Uuid::new_v4(),
        contact: Uuid::new_v4(),
        open_contact: Uuid::new_v4(),
        referral: Uuid::new_v4(),
        assessment: Uuid::new_v4(),
    };
    let episode = Uuid::new_v4();
    let ok = |r: Result<u64, sqlx::Error>| assert_eq!(r.unwrap(), 1);
    ok(exec(
        db,
        "INSERT INTO teams (id, name, created_at) VALUES ($1, 'Front door', $2)",
        &[Id(f.team), At(now())],
    )
    .await);
    ok(exec(
        db,
        "INSERT INTO users (id, name, email, role, team_id, password_hash, created_at) \
        VALUES ($1, 'Sam', 'sam@example.org', $2, $3, 'x', $4)",
        &[
            Id(f.user),
            t(Role::SocialWorker.code()),
            Id(f.team),
            At(now()),
        ],
    )
    .await);
    for (id, d) in [(f.child, child_details()), (f.adult, adult_details())] {
        let json = serde_json::to_string(&d).unwrap();
        ok(exec(db, "INSERT INTO persons (id, kind, sort_name, details, version, created_at, created_by, updated_at, updated_by) \
            VALUES ($1, $2, 'okafor', $3, 1, $4, $5, $4, $5)", &[Id(id), t(d.kind.code()), Text(json.clone()), At(now()), Id(f.user)]).await);
        ok(exec(db, "INSERT INTO person_versions (person_id, version, details, changed_at, changed_by) VALUES ($1, 1, $2, $3, $4)",
            &[Id(id), Text(json), At(now()), Id(f.user)]).await);
    }
    let contact = "INSERT INTO contacts (id, received_at, source, method, contact_name, contact_agency, contact_details, \
        summary, urgency, consent, status, outcomes, created_by, created_at, version) \
        VALUES ($1, $2, '2A', $3, 'Head teacher', 'School', '01632 960 001', 'Worried', $4, '\"given\"', $5, $6, $7, $2, 1)";
    for (id, state, outcomes) in [
        (f.contact, ContactState::Concluded, contact_outcomes),
        (f.open_contact, ContactState::Open, "[]"),
    ] {
        ok(exec(
            db,
            contact,
            &[
                Id(id),
                At(now()),
                t(ContactMethod::Phone.code()),
                t(Urgency::Urgent.code()),
                t(state.code()),
                t(outcomes),
                Id(f.user),
            ],
        )
        .await);
    }
    ok(exec(db, "INSERT INTO episodes (id, person_id, referral_date, source, primary_need, referral_nfa, created_at) \
        VALUES ($1, $2, $3, '2A', 'N1', false, $4)", &[Id(episode), Id(f.child), Day(day()), At(now())]).await);
    ok(exec(db, "INSERT INTO referrals (id, contact_id, person_id, received_at, referral_date, source, re_referral, consent, \
        status, outcomes, episode_id, created_by, created_at, version) \
        VALUES ($1, $2, $3, $4, $5, '2A', false, '\"given\"', $6, '[\"strategy-discussion\",\"assessment\"]', $7, $8, $4, 2)",
        &[Id(f.referral), Id(f.contact), Id(f.child), At(now()), Day(day()), t(ReferralState::Decided.code()), Id(episode), Id(f.user)]).await);
    ok(exec(db, "INSERT INTO assessments (id, person_id, episode_id, referral_id, origin, origin_note, referral_date, start_date, \
        status, factors, outcomes, in_need, created_by, created_at, version) \
        VALUES ($1, $2, $3, $4, $5, '', $6, $6, $7, '[\"16A\",\"3B\"]', '[\"cin-plan\",\"specialist-assessment\"]', true, $8, $9, 3)",
        &[Id(f.assessment), Id(f.child), Id(episode), Id(f.referral), t(Origin::ReferralDecision.code()), Day(day()),
          t(AssessmentState::AwaitingAuthorisation.code()), Id(f.user), At(now())]).await);
    f
}

pub async fn details_json(db: &Db, table: &str, key: &str, id: Uuid) -> serde_json::Value {
    let mut tx = db.read().await.unwrap();
    let sql = format!("SELECT details FROM {table} WHERE {key} = $1");
    let s: String =
        on_tx!(&mut tx, c => sqlx::query_scalar(&sql).bind(id).fetch_one(&mut *c).await).unwrap();
    serde_json::from_str(&s).unwrap()
}

pub fn is_check_violation(r: Result<u64, sqlx::Error>) -> bool {
    matches!(r, Err(sqlx::Error::Database(e)) if e.is_check_violation())
}

pub async fn sqlite_db() -> (Db, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("hearth-store-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = Db::connect(&format!("sqlite://{}/t.db", dir.display()))
        .await
        .unwrap();
    (db, dir)
}

/// A fresh, empty PostgreSQL database, or `None` when no cluster is given (and none required).
pub async fn postgres_db() -> Option<Db> {
    let Ok(url) = std::env::var("HEARTH_TEST_PG_URL") else {
        assert!(
            std::env::var("HEARTH_REQUIRE_PG").is_err() && std::env::var("CI").is_err(),
            "PostgreSQL required"
        );
        eprintln!("skipping: HEARTH_TEST_PG_URL not set");
        return None;
    };
    let name = format!("hearth_store_{}", Uuid::new_v4().simple());
    let admin = Db::connect(&url).await.unwrap();
    if let Db::Postgres(p) = &admin {
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(p)
            .await
            .unwrap();
    }
    admin.close().await;
    let base = url.rsplit_once('/').unwrap().0;
    Some(Db::connect(&format!("{base}/{name}")).await.unwrap())
}
