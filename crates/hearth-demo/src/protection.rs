//! Demo children at every child protection stage, made through the real use cases with dates
//! counted back from the demo's today on the council's working-day calendar, so every clock
//! looks as it would in a live case: a strategy discussion to hold; an open section 47 enquiry;
//! an initial conference arranged and prepared with its due date; a child on a plan with a core
//! group and a visit; a plan ended at a review with a child in need plan to follow; and an unborn
//! child with a pre-birth conference arranged. All held by the demo social worker, chaired by the
//! demo conference chair (a team of their own). Names are invented.

use chrono::{Days, NaiveDate};
use hearth_domain::ids::PersonId;
use hearth_domain::person::{AddressInput, PersonInput};
use hearth_domain::protection::conference::ConferenceKind;

use hearth_app::casework::plan_versions::{PlanActionInput, PlanOutcomeInput, PlanVersionInput};
use hearth_app::error::{AppError, AppResult};
use hearth_app::App;

use crate::cp_steps::{
    arranged, child_on_plan, conclude_with_continuing_risk, hold_discussion, hold_review_ending,
    prepare, refer_for_strategy_discussion, visit, CpActors, PastApp,
};

/// A synthetic child (or, with `due`, an unborn child) created on `on`. The family names sort
/// after every name the generator uses: the front door and the benches take the generated
/// children first by sort name and expect them to have no open episode.
pub(crate) async fn new_child(
    past: &PastApp,
    who: &CpActors,
    on: NaiveDate,
    given: &str,
    family: &str,
    born: Option<NaiveDate>,
    due: Option<NaiveDate>,
) -> AppResult<PersonId> {
    let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let p = past
        .on(on)
        .create_person(
            &who.fd,
            &PersonInput {
                kind: "child".into(),
                given_names: given.into(),
                family_name: family.into(),
                date_of_birth: born.map(ymd),
                expected_date_of_delivery: due.map(ymd),
                sex: born.map(|_| "2".into()),
                ethnicity: Some("WBRI".into()),
                first_language: Some("English".into()),
                address: born.map(|b| AddressInput {
                    line1: "12 Synthetic Row".into(),
                    line2: None,
                    town: "Exampleton".into(),
                    postcode: "ZZ99 4QQ".into(),
                    from: ymd(b),
                }),
                ..Default::default()
            },
            true,
        )
        .await?;
    Ok(p.id)
}

fn years_before(d: NaiveDate, years: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(years * 365 + years / 4))
        .unwrap_or(d)
}

/// Loads the six demo children at their stages of child protection.
pub async fn load_demo_protection(app: &App) -> AppResult<()> {
    let past = PastApp::new(app).await?;
    let who = CpActors::demo(app).await?;
    let today = past.today;

    // A referral decided today (or on the last working day) for a strategy discussion, due
    // within one working day.
    let d0 = past.wd(0);
    let child = new_child(
        &past,
        &who,
        d0,
        "Skye",
        "Yardley",
        Some(years_before(today, 9)),
        None,
    )
    .await?;
    refer_for_strategy_discussion(
        &past,
        &who,
        child,
        d0,
        "Child disclosed being hit with a belt",
    )
    .await?;

    // A section 47 enquiry open since a discussion two working days ago.
    let d0 = past.wd(-3);
    let child = new_child(
        &past,
        &who,
        d0,
        "Rowan",
        "Yelland",
        Some(years_before(today, 6)),
        None,
    )
    .await?;
    let sd = refer_for_strategy_discussion(
        &past,
        &who,
        child,
        d0,
        "Unexplained bruising seen at school",
    )
    .await?;
    hold_discussion(&past, &who, sd, past.after(d0, 1)).await?;

    // An initial conference arranged (due 15 working days from the discussion) and prepared for
    // a date before it.
    let d0 = past.wd(-5);
    let child = new_child(
        &past,
        &who,
        d0,
        "Ellis",
        "Yewdale",
        Some(years_before(today, 11)),
        None,
    )
    .await?;
    let sd = refer_for_strategy_discussion(
        &past,
        &who,
        child,
        d0,
        "Domestic abuse at home; the child was hurt intervening",
    )
    .await?;
    let held = past.after(d0, 1);
    hold_discussion(&past, &who, sd, held).await?;
    let v = conclude_with_continuing_risk(&past, &who, child, past.wd(-1)).await?;
    let conf = arranged(&v, ConferenceKind::Initial)?;
    prepare(&past, &who, child, conf, past.wd(-1), past.after(held, 13)).await?;

    // On a plan since a conference twelve working days ago: first core group met, a visit
    // recorded, the next visit and the first review ahead.
    let child = new_child(
        &past,
        &who,
        past.wd(-24),
        "Jesse",
        "Youlgreave",
        Some(years_before(today, 4)),
        None,
    )
    .await?;
    let v = child_on_plan(&past, &who, child, past.wd(-24), None).await?;
    // Its detailed plan, written after the first core group.
    let plan = v.plans.first().ok_or(AppError::NotFound)?;
    let written = past.after(plan.plan.started_on, 5);
    let row = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    let (o, a) = (
        row(
            "The child has regular meals and clean clothes",
            "Seen at every visit and by nursery each day for 3 months",
            "",
        ),
        row(
            "Parenting support sessions",
            "Family support worker",
            "Weekly",
        ),
    );
    past.on(written)
        .amend_cp_plan(
            &who.sw,
            child,
            plan.plan.id,
            &PlanVersionInput {
                outcomes: vec![PlanOutcomeInput {
                    what_must_change: o.0,
                    measure: o.1,
                    by_when: o.2,
                }],
                actions: vec![PlanActionInput {
                    action: a.0,
                    owner: a.1,
                    due_on: String::new(),
                    frequency: a.2,
                }],
                reason: String::new(),
            },
        )
        .await?;

    // A plan that ended at its first review a week ago, visits kept up until then, and a
    // child in need plan to agree (its clock running).
    let start = past.wd(-72);
    let child = new_child(
        &past,
        &who,
        start,
        "Morgan",
        "Zennor",
        Some(years_before(today, 13)),
        None,
    )
    .await?;
    let conference_on = past.after(start, 12);
    let review_on = past.after(conference_on, 55);
    let v = child_on_plan(&past, &who, child, start, Some(review_on)).await?;
    let mut visit_on = past.after(conference_on, 15);
    while visit_on < review_on {
        visit(&past, &who, child, visit_on).await?;
        visit_on = past.after(visit_on, 9);
    }
    let review = arranged(&v, ConferenceKind::Review)?;
    let prepared_on = past.after(conference_on, 45);
    let v = prepare(&past, &who, child, review, prepared_on, review_on).await?;
    hold_review_ending(&past, &who, child, arranged(&v, ConferenceKind::Review)?).await?;

    // An unborn child due in about ten weeks: the enquiry found continuing risk yesterday, so a
    // pre-birth conference is arranged.
    let d0 = past.wd(-6);
    let due = today.checked_add_days(Days::new(70)).unwrap_or(today);
    let child = new_child(&past, &who, d0, "", "Zouch", None, Some(due)).await?;
    let sd = refer_for_strategy_discussion(
        &past,
        &who,
        child,
        d0,
        "Mother's previous children were removed; she has disengaged from midwifery",
    )
    .await?;
    hold_discussion(&past, &who, sd, past.after(d0, 1)).await?;
    let v = conclude_with_continuing_risk(&past, &who, child, past.wd(-1)).await?;
    if arranged(&v, ConferenceKind::PreBirth).is_err() {
        return Err(AppError::Conflict(
            "the demo's unborn child has no pre-birth conference".into(),
        ));
    }
    Ok(())
}
