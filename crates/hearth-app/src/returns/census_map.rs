//! What the census return carries for one child, as at the census year's reference date: every
//! episode open during the year, and within it the assessments, CIN plans, section 47 enquiries
//! and CP plans open during the year. Anything dated after the reference date has not happened
//! yet as far as the return is concerned (an episode closed in April is open at 31 March; an
//! assessment authorised in April is not completed, so its factors are not yet returned).

use chrono::NaiveDate;
use hearth_census::{Assessment, Child, CinPlan, CpPlan, Episode, Section47};
use hearth_domain::calendar::Calendar;
use hearth_domain::codes::PrimaryNeed;
use hearth_domain::returns::identity::census_sex;
use hearth_store::returns::census::{
    CensusAssessmentRow, CensusChildRow, CensusCpPlanRow, CensusEnquiryRow, CensusEpisodeRow,
};

/// The census year: 1 April to 31 March (the reference date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CensusYear {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl CensusYear {
    /// The year whose reference date is 31 March `year` (the return's "Year").
    pub fn ending(year: i32) -> Option<Self> {
        Some(Self {
            start: NaiveDate::from_ymd_opt(year - 1, 4, 1)?,
            end: NaiveDate::from_ymd_opt(year, 3, 31)?,
        })
    }

    /// The census year `day` falls in.
    pub fn containing(day: NaiveDate) -> Option<Self> {
        use chrono::Datelike;
        let year = if day.month() >= 4 {
            day.year() + 1
        } else {
            day.year()
        };
        Self::ending(year)
    }

    /// The return's `Year` (the year of the reference date).
    pub fn year(self) -> i32 {
        use chrono::Datelike;
        self.end.year()
    }

    /// The header's collection details for this year (the source is the export's to add).
    pub fn header(self) -> hearth_census::Header {
        hearth_census::Header {
            collection: Some("CIN".into()),
            year: Some(self.year().to_string()),
            reference_date: Some(self.end),
            ..hearth_census::Header::default()
        }
    }

    fn known(self, d: Option<NaiveDate>) -> Option<NaiveDate> {
        d.filter(|d| *d <= self.end)
    }

    /// Whether something from `from` to `to` (open when `None`) overlaps the year.
    fn overlaps(self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        from <= self.end && to.is_none_or(|t| t >= self.start)
    }
}

fn flag(b: bool) -> Option<String> {
    Some(if b { "1" } else { "0" }.to_string())
}

/// The census record of one child for `year`.
pub fn census_child(row: &CensusChildRow, year: CensusYear, cal: &Calendar) -> Child {
    let born = year.known(row.date_of_birth);
    let unborn = born.is_none();
    Child {
        la_child_id: Some(row.la_child_id.as_str().to_string()),
        upn: row.upn.clone(),
        former_upn: row.former_upn.clone(),
        upn_unknown: row.upn_unknown.map(|u| u.code().to_string()),
        birth_date: born,
        expected_birth_date: if unborn {
            row.expected_delivery.or(row.date_of_birth)
        } else {
            None
        },
        gender_current: None,
        sex: Some(census_sex(row.sex, unborn).code().to_string()),
        death_date: year.known(row.death_date),
        has_characteristics: true,
        ethnicity: row.ethnicity.map(|e| e.code().to_string()),
        disabilities: row
            .disabilities
            .iter()
            .map(|d| d.code().to_string())
            .collect(),
        episodes: row
            .episodes
            .iter()
            .filter(|e| year.overlaps(e.referral_date, e.closure.map(|c| c.0)))
            .map(|e| episode(e, year, cal))
            .collect(),
        key: Some(row.person_id.to_string()),
    }
}

fn episode(e: &CensusEpisodeRow, year: CensusYear, cal: &Calendar) -> Episode {
    let closure = e.closure.filter(|(d, _)| *d <= year.end);
    Episode {
        id: None,
        referral_date: Some(e.referral_date),
        referral_source: Some(e.source.code().to_string()),
        // "Not stated" on a referral with no further action is left out, as rule 8610 allows.
        primary_need: (!(e.referral_nfa && e.primary_need == PrimaryNeed::N0))
            .then(|| e.primary_need.code().to_string()),
        closure_date: closure.map(|c| c.0),
        reason_for_closure: closure.map(|c| c.1.code().to_string()),
        date_of_initial_cpc: e
            .other_initial_conferences
            .iter()
            .copied()
            .find(|d| *d >= year.start && *d <= year.end),
        referral_nfa: flag(e.referral_nfa),
        assessments: e
            .assessments
            .iter()
            .filter(|a| year.overlaps(a.start_date, a.authorised_on))
            .map(|a| assessment(a, year))
            .collect(),
        cin_plans: e
            .cin_plans
            .iter()
            .filter(|p| year.overlaps(p.started_on, p.ended_on))
            .map(|p| CinPlan {
                start: Some(p.started_on),
                end: year.known(p.ended_on),
                key: Some(p.id.to_string()),
            })
            .collect(),
        section47s: e
            .enquiries
            .iter()
            .filter(|q| enquiry_in_year(q, year))
            .map(|q| section47(q, year, cal))
            .collect(),
        cp_plans: e
            .cp_plans
            .iter()
            .filter(|p| year.overlaps(p.started_on, p.ended_on))
            .map(|p| cp_plan(p, year))
            .collect(),
        key: Some(e.id.to_string()),
    }
}

fn assessment(a: &CensusAssessmentRow, year: CensusYear) -> Assessment {
    let authorised = year.known(a.authorised_on);
    Assessment {
        id: None,
        start: Some(a.start_date),
        internal_review: year.known(a.internal_review_date),
        authorisation: authorised,
        factors: if authorised.is_some() {
            a.factors.iter().map(|f| f.code.to_string()).collect()
        } else {
            Vec::new()
        },
        key: Some(a.id.to_string()),
    }
}

/// An enquiry is in the year unless it ended before the year began: its conference held, or
/// found not to be needed, before 1 April.
fn enquiry_in_year(q: &CensusEnquiryRow, year: CensusYear) -> bool {
    if q.started_on > year.end {
        return false;
    }
    match (q.conference_held, q.concluded_on) {
        (Some(held), _) => held >= year.start,
        (None, Some(done)) if q.conference_not_required => done >= year.start,
        _ => true,
    }
}

fn section47(q: &CensusEnquiryRow, year: CensusYear, cal: &Calendar) -> Section47 {
    let held = year.known(q.conference_held);
    let not_required = q.conference_not_required && year.known(q.concluded_on).is_some();
    // Working Together: the initial conference within 15 working days of the strategy
    // discussion at which the enquiry was started.
    let target = q
        .conference_target
        .or_else(|| q.discussion_on.map(|d| cal.add_working_days(d, 15)));
    Section47 {
        start: Some(q.started_on),
        icpc_target: target,
        date_of_initial_cpc: held,
        icpc_not_required: flag(not_required),
        key: Some(q.id.to_string()),
    }
}

fn cp_plan(p: &CensusCpPlanRow, year: CensusYear) -> CpPlan {
    CpPlan {
        id: None,
        start: Some(p.started_on),
        end: year.known(p.ended_on),
        initial_category: Some(p.initial_category.code().to_string()),
        latest_category: Some(p.latest_category.code().to_string()),
        previous_plans: Some(p.previous_plans.to_string()),
        reviews: p
            .reviews
            .iter()
            .copied()
            .filter(|d| *d >= year.start && *d <= year.end && *d > p.started_on)
            .map(Some)
            .collect(),
        key: Some(p.id.to_string()),
    }
}

/// The children of a census year a page at a time, in LA child ID order (memory bounded).
pub struct CensusPages {
    year: CensusYear,
    after: Option<String>,
    done: bool,
}

/// Children read per page.
const PAGE: i64 = 500;

impl CensusPages {
    pub fn new(year: CensusYear) -> Self {
        Self {
            year,
            after: None,
            done: false,
        }
    }

    /// The next page, or `None` after the last.
    pub async fn next(
        &mut self,
        tx: &mut hearth_store::Tx,
    ) -> hearth_store::Result<Option<Vec<CensusChildRow>>> {
        if self.done {
            return Ok(None);
        }
        let page = tx
            .census()
            .page(self.year.start, self.year.end, self.after.as_deref(), PAGE)
            .await?;
        self.done = page.len() < PAGE as usize;
        match page.last() {
            Some(last) => {
                self.after = Some(last.la_child_id.as_str().to_string());
                Ok(Some(page))
            }
            None => Ok(None),
        }
    }
}
