//! Loading synthetic demo data: one user per role (passwords printed once by the caller) and
//! families of people, in one transaction with its audit row.

use hearth_domain::authz::{authorize_write, Actor, RecordContext};
use hearth_domain::ids::{InvolvementId, PersonId, RelationshipId};
use hearth_domain::person::PersonKind;
use hearth_domain::relationship::{Involvement, Relationship, RelationshipType};
use hearth_domain::role::Role;
use hearth_store::audit::{AuditEntry, AuditOutcome};

use crate::generate::{generate, DemoPerson};
use hearth_app::accounts::auth::random_token;
use hearth_app::accounts::users::NewUser;
use hearth_app::error::{AppError, AppResult};
use hearth_app::App;

/// A demo account, with the password shown once.
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub password: String,
}

pub struct DemoReport {
    pub accounts: Vec<DemoAccount>,
    pub people: usize,
}

fn team_for(role: Role) -> &'static str {
    match role {
        Role::FrontDoor => "Front Door (MASH)",
        Role::PartnerReferrer => "Exampleton Primary School",
        Role::PerformanceAnalyst => "Performance and Intelligence",
        Role::InformationGovernance => "Information Governance",
        Role::Administrator => "Systems",
        Role::ConferenceChair => "Safeguarding and Quality Assurance",
        _ => "Locality Team North",
    }
}

/// Creates the demo accounts and `children` children in families. Refuses if demo accounts exist.
pub async fn load_demo(app: &App, seed: u64, children: usize) -> AppResult<DemoReport> {
    let mut accounts = Vec::new();
    {
        let mut tx = app.db.begin().await?;
        if tx
            .users()
            .by_email("social-worker@demo.hearth.test")
            .await?
            .is_some()
        {
            return Err(AppError::Conflict(
                "Demo data is already loaded in this database".into(),
            ));
        }
        tx.commit().await?;
    }
    for role in Role::ALL {
        let password = random_token()[..20].to_string();
        let email = format!("{}@demo.hearth.test", role.code());
        let name = format!("Demo {}", role.label().split(" (").next().unwrap_or("user"));
        app.add_user(
            None,
            &NewUser {
                name,
                email: email.clone(),
                role: role.code().into(),
                team: team_for(*role).into(),
                password: password.clone(),
            },
        )
        .await?;
        accounts.push(DemoAccount {
            email,
            role: *role,
            password,
        });
    }
    let people = generate(seed, children, app.clock.today());
    let n = crate::load::load_people(app, "social-worker@demo.hearth.test", &people).await?;
    crate::front_door::load_demo_front_door(app).await?;
    crate::protection::load_demo_protection(app).await?;
    crate::cin::load_demo_cin(app).await?;
    Ok(DemoReport {
        accounts,
        people: n,
    })
}

/// Inserts generated people with their family links as the given user, in one transaction.
pub async fn load_people(
    app: &App,
    creator_email: &str,
    people: &[DemoPerson],
) -> AppResult<usize> {
    let now = app.clock.now();
    let today = app.clock.today();
    let mut tx = app.db.begin().await?;
    let (user, _) = tx
        .users()
        .by_email(creator_email)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = Actor {
        user: user.id,
        role: user.role,
        team: user.team,
    };
    let mut ids: Vec<(usize, PersonKind, PersonId)> = Vec::with_capacity(people.len());
    for p in people {
        let id = PersonId::new();
        tx.people()
            .insert(id, &p.details, p.address.as_ref(), user.id, now)
            .await?;
        ids.push((p.family, p.details.kind, id));
    }
    for (i, (family, kind, id)) in ids.iter().enumerate() {
        if *kind != PersonKind::Child {
            continue;
        }
        let access = authorize_write(&actor, *id, &RecordContext::default())?;
        for (fam2, kind2, other) in &ids[..i] {
            if fam2 != family {
                continue;
            }
            let (kind_rel, pr) = match kind2 {
                PersonKind::Adult => (RelationshipType::Parent, true),
                PersonKind::Child => (RelationshipType::Sibling, false),
            };
            let r = Relationship {
                id: RelationshipId::new(),
                from_person: *other,
                to_person: *id,
                kind: kind_rel,
                parental_responsibility: pr,
                lives_with: true,
                started: None,
                ended: None,
            };
            tx.relationships().insert(&access, &r, user.id, now).await?;
        }
        if i % 3 == 0 {
            let inv = Involvement {
                id: InvolvementId::new(),
                person: *id,
                name: "Dr Demo Example".into(),
                role: "GP".into(),
                agency: "Exampleton Health Centre".into(),
                telephone: Some("01632 960 001".into()),
                email: None,
                from: today,
                to: None,
            };
            tx.relationships()
                .insert_involvement(&access, &inv, user.id, now)
                .await?;
        }
    }
    tx.audit(
        now,
        AuditEntry {
            user: Some(user.id),
            action: "demo.load",
            record_type: "person",
            record_id: None,
            outcome: AuditOutcome::Success,
            detail: Some(format!("people={}", people.len())),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(people.len())
}
