//! The steps of a child protection journey, each one public use case called with the clock set
//! back to the day it happened (the use cases date their records from the injected clock and
//! refuse future dates, so past work is made by travelling back, never by writing rows). Used by
//! the demo's children at every stage and by `hearth bench-protection`.

use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use hearth_domain::calendar::Calendar;
use hearth_domain::ids::PersonId;
use hearth_domain::protection::conference::ConferenceKind;
use uuid::Uuid;

use hearth_app::accounts::auth::Principal;
use hearth_app::error::{AppError, AppResult};
use hearth_app::front_door::types::{
    AllocationInput, ContactInput, ContactOutcomeInput, DecisionInput,
};
use hearth_app::protection::cp_types::{
    ChildProtectionView, ConcludeEnquiryInput, ConferenceView, CoreGroupInput, CpVisitInput,
    HoldConferenceInput, InviteeInput, PrepareConferenceInput,
};
use hearth_app::protection::types::HeldInput;
use hearth_app::{App, Clock, FixedClock};

use crate::front_door::demo_principal;

/// The people who do the work: the allocated social worker, their team manager, the front door
/// and an independent conference chair (in a team of their own).
pub struct CpActors {
    pub sw: Principal,
    pub tm: Principal,
    pub fd: Principal,
    pub chair: Principal,
}

impl CpActors {
    /// The demo's accounts.
    pub async fn demo(app: &App) -> AppResult<Self> {
        Ok(Self {
            sw: demo_principal(app, "social-worker@demo.hearth.test").await?,
            tm: demo_principal(app, "team-manager@demo.hearth.test").await?,
            fd: demo_principal(app, "front-door@demo.hearth.test").await?,
            chair: demo_principal(app, "conference-chair@demo.hearth.test").await?,
        })
    }
}

/// The application with a clock that can be set back to any day up to the real today.
pub struct PastApp {
    app: App,
    clock: Arc<FixedClock>,
    pub cal: Arc<Calendar>,
    pub today: NaiveDate,
}

/// 10:00 UTC on `d`: within the UK working day in winter and summer alike.
fn mid_morning(d: NaiveDate) -> DateTime<Utc> {
    d.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN))
        .and_utc()
}

impl PastApp {
    pub async fn new(app: &App) -> AppResult<Self> {
        let today = app.clock.today();
        let clock = Arc::new(FixedClock::new(mid_morning(today)));
        let shared: Arc<dyn Clock> = clock.clone();
        let mut past = app.clone();
        past.clock = shared;
        Ok(Self {
            cal: app.calendar().await?,
            app: past,
            clock,
            today,
        })
    }

    /// The application as it was on `d`.
    pub fn on(&self, d: NaiveDate) -> &App {
        self.clock.set(mid_morning(d));
        &self.app
    }

    /// The working day `n` working days from today (back when negative); `wd(0)` is today, or the
    /// last working day before it at a weekend or on a holiday.
    pub fn wd(&self, n: i32) -> NaiveDate {
        let mut d = self.today;
        while !self.cal.is_working_day(d) {
            d = d.pred_opt().unwrap_or(d);
        }
        if n >= 0 {
            self.cal.add_working_days(d, n.unsigned_abs())
        } else {
            self.cal.sub_working_days(d, n.unsigned_abs())
        }
    }

    /// `n` working days after `d`.
    pub fn after(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.cal.add_working_days(d, n)
    }

    /// The last working day on or before `d` plus `days` calendar days.
    pub fn working_on_or_before(&self, d: NaiveDate, days: u64) -> NaiveDate {
        let mut r = d.checked_add_days(Days::new(days)).unwrap_or(d);
        while !self.cal.is_working_day(r) {
            r = r.pred_opt().unwrap_or(r);
        }
        r
    }
}

pub(crate) fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// A police notification on `on` that becomes a referral, decided the same day for a strategy
/// discussion and allocated to the social worker. Returns the discussion to hold.
pub async fn refer_for_strategy_discussion(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    on: NaiveDate,
    concern: &str,
) -> AppResult<Uuid> {
    let app = past.on(on);
    let received = hearth_domain::uk_time::to_uk(app.clock.now())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let c = app
        .record_contact(
            &who.fd,
            &ContactInput {
                received_at: received,
                source: "5A".into(),
                method: "police-notification".into(),
                contact_name: "Demo Police Officer".into(),
                contact_agency: "Exampleton Police".into(),
                contact_details: "01632 960 999".into(),
                summary: concern.into(),
                urgency: "urgent".into(),
                children: vec![child],
                consent: "not-sought".into(),
                consent_why: "Police notification of possible significant harm".into(),
                young_person_consent: "given".into(),
                young_person_consent_why: String::new(),
                information_only: false,
            },
        )
        .await?;
    let c = app
        .conclude_contact(
            &who.fd,
            c.id,
            &ContactOutcomeInput {
                version: c.version,
                outcomes: vec!["becomes-referral".into()],
                ..Default::default()
            },
        )
        .await?;
    let referral = *c.referrals.first().ok_or(AppError::NotFound)?;
    let r = app.view_referral(&who.fd, referral).await?;
    let r = app
        .decide_referral(
            &who.sw,
            referral,
            &DecisionInput {
                version: r.version,
                outcomes: vec!["strategy-discussion".into()],
                threshold: "serious".into(),
                rationale: "Reasonable cause to suspect significant harm".into(),
                primary_need: "N1".into(),
                feedback_to_referrer: "A strategy discussion will be held with police and health."
                    .into(),
                strategy_reason: concern.into(),
                ..Default::default()
            },
        )
        .await?;
    let episode = r.episode.as_ref().ok_or(AppError::NotFound)?;
    app.allocate_episode(
        &who.tm,
        episode.id.0,
        &AllocationInput {
            team_id: who.sw.user.team.0,
            worker_id: Some(who.sw.user.id.0),
            with_siblings: false,
        },
    )
    .await?;
    r.strategy_discussions
        .first()
        .map(|d| d.id)
        .ok_or(AppError::NotFound)
}

/// Holds the discussion on `on`, deciding on section 47 enquiries (jointly with the police).
pub async fn hold_discussion(
    past: &PastApp,
    who: &CpActors,
    discussion: Uuid,
    on: NaiveDate,
) -> AppResult<()> {
    let app = past.on(on);
    let d = app.view_strategy_discussion(&who.sw, discussion).await?;
    app.record_strategy_discussion_held(
        &who.sw,
        discussion,
        &HeldInput {
            version: d.discussion.version,
            held_on: ymd(on),
            form: "meeting".into(),
            attendees: "Social worker and team manager (local authority), DC Demo (police), named nurse (health)".into(),
            start_section_47: true,
            joint_investigation: true,
            summary: "Information shared by all three agencies; joint section 47 enquiries to start today".into(),
            late_reason: String::new(),
            present: ["la-social-worker", "la-manager", "police", "health"]
                .map(String::from)
                .to_vec(),
            family_told: "Parents told of the enquiry and the medical".into(),
            immediate_safety: "Child stays with the grandmother until the medical".into(),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// Concludes the child's open enquiry on `on` with continuing risk, which arranges the initial
/// (or pre-birth) conference.
pub async fn conclude_with_continuing_risk(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    on: NaiveDate,
) -> AppResult<ChildProtectionView> {
    let app = past.on(on);
    let v = app.child_protection_of(&who.sw, child).await?;
    let q = v
        .enquiries
        .iter()
        .find(|q| q.enquiry.outcome.is_none())
        .ok_or(AppError::NotFound)?;
    app.conclude_enquiry(
        &who.sw,
        child,
        q.enquiry.id,
        &ConcludeEnquiryInput {
            version: q.enquiry.version,
            outcome: "continuing-risk".into(),
            concluded_on: ymd(on),
            child_seen: true,
            child_seen_alone: true,
            spoken_to: "The child alone; both parents; school; GP".into(),
            ..Default::default()
        },
    )
    .await
}

/// The conference of `kind` not yet held.
pub fn arranged(v: &ChildProtectionView, kind: ConferenceKind) -> AppResult<&ConferenceView> {
    v.conferences
        .iter()
        .find(|c| c.conference.kind == kind && c.conference.held_on.is_none())
        .ok_or(AppError::NotFound)
}

pub(crate) fn invitees(attended: bool) -> Vec<InviteeInput> {
    let one = |name: &str, participant: &str, role: &str, report: bool| InviteeInput {
        name: name.into(),
        participant: participant.into(),
        role: role.into(),
        attended,
        report_submitted: attended && report,
        report_shareable: attended && report,
    };
    vec![
        one(
            "Demo Social Worker",
            "local-authority",
            "Social worker",
            true,
        ),
        one("DC Demo", "police", "Child abuse investigation unit", false),
        one("Demo Health Visitor", "health", "Health visitor", true),
        one(
            "Demo Teacher",
            "education",
            "Designated safeguarding lead",
            true,
        ),
        one("Parent", "parent", "Mother", false),
    ]
}

/// Prepares the conference on `on`: the date, the independent chair and the invitations.
pub async fn prepare(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    conf: &ConferenceView,
    on: NaiveDate,
    scheduled_on: NaiveDate,
) -> AppResult<ChildProtectionView> {
    past.on(on)
        .prepare_conference(
            &who.sw,
            child,
            conf.conference.id,
            &PrepareConferenceInput {
                version: conf.conference.version,
                scheduled_on: ymd(scheduled_on),
                chair_id: Some(who.chair.user.id.0),
                invitees: invitees(false),
            },
        )
        .await
}

/// Holds a prepared initial conference on its scheduled day: a plan under neglect with the
/// social worker as lead and the first review on `review_on`.
pub async fn hold_initial(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    conf: &ConferenceView,
    review_on: NaiveDate,
) -> AppResult<ChildProtectionView> {
    let held_on = conf.conference.scheduled_on.ok_or(AppError::NotFound)?;
    past.on(held_on)
        .hold_conference(
            &who.sw,
            child,
            conf.conference.id,
            &HoldConferenceInput {
                version: conf.conference.version,
                held_on: ymd(held_on),
                invitees: invitees(true),
                plan: true,
                category: "NEG".into(),
                lead_worker_id: Some(who.sw.user.id.0),
                core_group: "Social worker, parents, school, health visitor".into(),
                outline_plan: "Regular meals and school attendance; parenting support weekly"
                    .into(),
                review_on: ymd(review_on),
                child_wishes: "Wants to stay at home and see friends after school".into(),
                parents_views: "Agree to work with the plan".into(),
                agency_views: "All agencies agree a plan is needed".into(),
                ..Default::default()
            },
        )
        .await
}

/// Holds a prepared review conference on its scheduled day, ending the plan (no longer at risk)
/// with a child in need plan to follow.
pub async fn hold_review_ending(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    conf: &ConferenceView,
) -> AppResult<ChildProtectionView> {
    let held_on = conf.conference.scheduled_on.ok_or(AppError::NotFound)?;
    past.on(held_on)
        .hold_conference(
            &who.sw,
            child,
            conf.conference.id,
            &HoldConferenceInput {
                version: conf.conference.version,
                held_on: ymd(held_on),
                invitees: invitees(true),
                plan: false,
                end_reason: "no-longer-at-risk".into(),
                cin_plan_follows: true,
                child_wishes: "Happy at home".into(),
                parents_views: "Relieved; want the support to carry on".into(),
                agency_views: "Risks reduced; support continues under a child in need plan".into(),
                ..Default::default()
            },
        )
        .await
}

/// Records the first core group meeting on `on`.
pub async fn core_group(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    plan: Uuid,
    on: NaiveDate,
) -> AppResult<ChildProtectionView> {
    past.on(on)
        .record_core_group(
            &who.sw,
            child,
            plan,
            &CoreGroupInput {
                met_on: ymd(on),
                attendees: "Social worker, mother, school, health visitor".into(),
                decisions: "School reports attendance weekly; health visitor visits fortnightly"
                    .into(),
                absent_views: "GP: no new concerns".into(),
                late_reason: String::new(),
            },
        )
        .await
}

/// Records a statutory visit on `on`: the child seen alone, the bedroom seen.
pub async fn visit(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    on: NaiveDate,
) -> AppResult<ChildProtectionView> {
    past.on(on)
        .record_cp_visit(
            &who.sw,
            child,
            &CpVisitInput {
                visited_on: ymd(on),
                child_seen: true,
                seen_alone: true,
                bedroom_seen: true,
                home_conditions: "Warm; food in the cupboards".into(),
                who_present: "The child, mother".into(),
                notes: "Spoke with the child alone in their room about school".into(),
                late_reason: String::new(),
            },
        )
        .await
}

/// The first conference (initial or pre-birth) not yet held.
pub fn first_conference(v: &ChildProtectionView) -> AppResult<&ConferenceView> {
    v.conferences
        .iter()
        .find(|c| c.conference.kind.is_initial() && c.conference.held_on.is_none())
        .ok_or(AppError::NotFound)
}

/// A child taken from a referral on `start` (a working day) to a plan: the discussion the next
/// working day, the enquiry concluded five working days later, the initial conference eleven
/// working days after the discussion (inside its fifteen); the first review on `review_on`, or
/// about eleven weeks on. Needs `start` at least 12 working days before today. Returns the
/// child's record.
pub async fn plan_started(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    start: NaiveDate,
    review_on: Option<NaiveDate>,
) -> AppResult<ChildProtectionView> {
    let sd = refer_for_strategy_discussion(
        past,
        who,
        child,
        start,
        "Child left alone overnight; little food in the home",
    )
    .await?;
    let held = past.after(start, 1);
    hold_discussion(past, who, sd, held).await?;
    let concluded = past.after(held, 5);
    let v = conclude_with_continuing_risk(past, who, child, concluded).await?;
    let conference_on = past.after(held, 11);
    let v = prepare(
        past,
        who,
        child,
        first_conference(&v)?,
        concluded,
        conference_on,
    )
    .await?;
    let review_on = review_on.unwrap_or_else(|| past.working_on_or_before(conference_on, 7 * 11));
    hold_initial(past, who, child, first_conference(&v)?, review_on).await
}

/// [`plan_started`], then the first core group five working days after the conference (inside
/// every preset's first core group) and a visit the day after (inside the visits' ten). Needs `start` at least 21
/// working days before today.
pub async fn child_on_plan(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    start: NaiveDate,
    review_on: Option<NaiveDate>,
) -> AppResult<ChildProtectionView> {
    let v = plan_started(past, who, child, start, review_on).await?;
    let plan = v.plans.first().ok_or(AppError::NotFound)?;
    let conference_on = plan.plan.started_on;
    // Five working days is at most a week: inside every preset's first core group (the
    // Nottinghamshire preset counts 10 calendar days).
    core_group(past, who, child, plan.plan.id, past.after(conference_on, 5)).await?;
    visit(past, who, child, past.after(conference_on, 6)).await
}
