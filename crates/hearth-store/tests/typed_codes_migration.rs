//! Migration 0006 (typed codes) on a database filled by the 0005 schema, on both backends: the
//! census characteristics and the outcome and factor codes move out of the JSON exactly, the
//! JSON no longer holds them, the store reads them back typed, and the database refuses a code
//! outside its set. A code the old JSON held that is not in its set stops the migration rather
//! than being dropped.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod schema_0005;

use hearth_domain::assessment::AssessmentOutcome;
use hearth_domain::authz::{authorize_front_door, authorize_read, authorize_write, Actor};
use hearth_domain::codes::{Disability, Sex};
use hearth_domain::front_door::contact::ContactOutcome;
use hearth_domain::front_door::decision::ReferralOutcome;
use hearth_domain::ids::{AssessmentId, ContactId, ReferralId};
use hearth_domain::ids::{PersonId, TeamId, UserId};
use hearth_domain::role::Role;
use hearth_store::Db;
use schema_0005::*;

async fn moves_codes_out_of_the_json(db: Db) {
    db.migrate_to(5).await.unwrap();
    assert_eq!(db.schema_version().await.unwrap(), 5);
    let f = fill_0005(&db, "[\"early-help\",\"becomes-referral\"]").await;
    db.migrate().await.unwrap();
    let newest = *Db::known_versions(db.kind()).last().unwrap();
    assert!(newest >= 6);
    assert_eq!(db.schema_version().await.unwrap(), newest);

    let actor = Actor {
        user: UserId(f.user),
        role: Role::SocialWorker,
        team: TeamId(f.team),
    };
    let mut tx = db.read().await.unwrap();
    for (id, want) in [(f.child, child_details()), (f.adult, adult_details())] {
        let ctx = tx.people().context(PersonId(id)).await.unwrap().unwrap();
        let access = authorize_read(&actor, PersonId(id), &ctx).unwrap();
        let got = tx.people().get(&access).await.unwrap().details;
        let mut want = want;
        want.disabilities
            .sort_by_key(|d| Disability::ALL.iter().position(|x| x == d));
        assert_eq!(got, want, "characteristics moved exactly");
    }
    let desk = authorize_front_door(&actor).unwrap();
    let contact = tx
        .contacts()
        .get(&desk, ContactId(f.contact))
        .await
        .unwrap();
    assert_eq!(
        contact.outcomes,
        vec![ContactOutcome::EarlyHelp, ContactOutcome::BecomesReferral]
    );
    assert!(tx
        .contacts()
        .get(&desk, ContactId(f.open_contact))
        .await
        .unwrap()
        .outcomes
        .is_empty());
    let ctx = tx
        .people()
        .context(PersonId(f.child))
        .await
        .unwrap()
        .unwrap();
    let child = authorize_read(&actor, PersonId(f.child), &ctx).unwrap();
    let referral = tx
        .referrals()
        .get(&child, ReferralId(f.referral))
        .await
        .unwrap();
    // The capability is for one child: another person's cannot read this child's records.
    let ctx = tx
        .people()
        .context(PersonId(f.adult))
        .await
        .unwrap()
        .unwrap();
    let adult = authorize_read(&actor, PersonId(f.adult), &ctx).unwrap();
    assert!(matches!(
        tx.referrals().get(&adult, ReferralId(f.referral)).await,
        Err(hearth_store::StoreError::NotFound)
    ));
    assert!(matches!(
        tx.assessments()
            .get(&adult, AssessmentId(f.assessment))
            .await,
        Err(hearth_store::StoreError::NotFound)
    ));
    assert!(matches!(
        tx.contacts().about_child(&adult, f.contact).await,
        Err(hearth_store::StoreError::NotFound)
    ));
    assert_eq!(
        referral.outcomes,
        vec![
            ReferralOutcome::Assessment,
            ReferralOutcome::StrategyDiscussion
        ]
    );
    let listed = tx.referrals().of_child(&child).await.unwrap();
    assert_eq!(listed[0].outcomes, referral.outcomes);
    let a = tx
        .assessments()
        .get(&child, AssessmentId(f.assessment))
        .await
        .unwrap();
    let factors: Vec<&str> = a.factors.iter().map(|x| x.code).collect();
    assert_eq!(factors, vec!["3B", "16A"]);
    assert_eq!(
        a.outcomes,
        vec![
            AssessmentOutcome::CinPlan,
            AssessmentOutcome::SpecialistAssessment
        ]
    );
    assert_eq!(
        tx.assessments().of_child(&child).await.unwrap()[0].factors,
        a.factors
    );
    tx.rollback().await.unwrap();

    // Held once: the moved keys have left the record's JSON; its history keeps them.
    let json = details_json(&db, "persons", "id", f.child).await;
    for k in ["sex", "gender_identity", "ethnicity", "disabilities"] {
        assert!(
            json.get(k).is_none(),
            "persons.details still holds {k}: {json}"
        );
    }
    assert_eq!(json["given_names"], "Ada");
    let history = details_json(&db, "person_versions", "person_id", f.child).await;
    assert_eq!(history["sex"], "2");
    assert_eq!(history["disabilities"], serde_json::json!(["AUT", "MOB"]));
    for gone in [
        "SELECT outcomes FROM contacts",
        "SELECT outcomes FROM referrals",
        "SELECT factors FROM assessments",
    ] {
        assert!(exec(&db, gone, &[]).await.is_err(), "{gone}");
    }

    // The database refuses a code outside its set.
    let refused = [
        ("UPDATE persons SET sex = 'X' WHERE id = $1", f.child),
        (
            "UPDATE persons SET ethnicity = 'wbri' WHERE id = $1",
            f.child,
        ),
        (
            "UPDATE persons SET gender_identity = '' WHERE id = $1",
            f.child,
        ),
        (
            "INSERT INTO person_disabilities (person_id, code) VALUES ($1, 'BLIND')",
            f.child,
        ),
        (
            "INSERT INTO contact_outcomes (contact_id, code) VALUES ($1, 'nonsense')",
            f.contact,
        ),
        (
            "INSERT INTO referral_outcomes (referral_id, code) VALUES ($1, 'nonsense')",
            f.referral,
        ),
        (
            "INSERT INTO assessment_factors (assessment_id, code) VALUES ($1, '18A')",
            f.assessment,
        ),
        (
            "INSERT INTO assessment_outcomes (assessment_id, code) VALUES ($1, 'assessment')",
            f.assessment,
        ),
    ];
    for (sql, id) in refused {
        assert!(is_check_violation(exec(&db, sql, &[Id(id)]).await), "{sql}");
    }
    let long = "x".repeat(hearth_domain::person::MAX_NAME + 1);
    assert!(is_check_violation(
        exec(
            &db,
            "UPDATE persons SET gender_identity = $2 WHERE id = $1",
            &[Id(f.child), Text(long)]
        )
        .await
    ));

    // Writing through the store replaces a person's disabilities.
    let mut tx = db.begin().await.unwrap();
    let ctx = tx
        .people()
        .context(PersonId(f.child))
        .await
        .unwrap()
        .unwrap();
    let access = authorize_write(&actor, PersonId(f.child), &ctx).unwrap();
    let mut d = child_details();
    d.disabilities = vec![Disability::Vis];
    d.sex = Some(Sex::NotSpecified);
    let v = tx
        .people()
        .update(&access, 1, &d, UserId(f.user), now())
        .await
        .unwrap();
    let got = tx.people().get(&access.as_read()).await.unwrap();
    assert_eq!((got.version, got.details), (v, d));
    tx.commit().await.unwrap();
}

async fn an_unknown_stored_code_stops_the_migration(db: Db) {
    db.migrate_to(5).await.unwrap();
    fill_0005(&db, "[\"early-help\",\"nonsense\"]").await;
    assert!(db.migrate().await.is_err(), "an unknown code was dropped");
    assert_eq!(db.schema_version().await.unwrap(), 5);
}

#[tokio::test]
async fn sqlite_0006_moves_codes_out_of_the_json() {
    let (db, dir) = sqlite_db().await;
    moves_codes_out_of_the_json(db).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn postgres_0006_moves_codes_out_of_the_json() {
    if let Some(db) = postgres_db().await {
        moves_codes_out_of_the_json(db).await;
    }
}

#[tokio::test]
async fn sqlite_0006_stops_on_an_unknown_stored_code() {
    let (db, dir) = sqlite_db().await;
    an_unknown_stored_code_stops_the_migration(db).await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn postgres_0006_stops_on_an_unknown_stored_code() {
    if let Some(db) = postgres_db().await {
        an_unknown_stored_code_stops_the_migration(db).await;
    }
}
