//! One census return as the DfE's XML carries it. Codes and flags are kept as written (a rule says
//! whether they are valid); dates are parsed, and a date that does not parse is `None` here and a
//! read problem naming the child and the element (see [`crate::read`]).

use chrono::NaiveDate;

/// `Message/Header`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub collection: Option<String>,
    pub year: Option<String>,
    pub reference_date: Option<NaiveDate>,
    pub source_level: Option<String>,
    pub lea: Option<String>,
    pub software_code: Option<String>,
    pub release: Option<String>,
    pub serial_no: Option<String>,
    pub date_time: Option<String>,
}

/// `Message/Children/Child`: identifiers, characteristics and every episode of need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Child {
    pub la_child_id: Option<String>,
    pub upn: Option<String>,
    pub former_upn: Option<String>,
    pub upn_unknown: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub expected_birth_date: Option<NaiveDate>,
    /// `GenderCurrent` (returns before 2024-25).
    pub gender_current: Option<String>,
    /// `Sex` (M, F or U from 2024-25).
    pub sex: Option<String>,
    pub death_date: Option<NaiveDate>,
    /// Whether a `ChildCharacteristics` element was present at all.
    pub has_characteristics: bool,
    pub ethnicity: Option<String>,
    /// `Disabilities/Disability`, in order, duplicates kept.
    pub disabilities: Vec<String>,
    /// `CINdetails`, in order.
    pub episodes: Vec<Episode>,
    /// Hearth's own key for the child (never written to the XML): links a finding to its page.
    pub key: Option<String>,
}

/// `CINdetails`: one episode of need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Episode {
    /// `CINdetailsID`, when the file carries one.
    pub id: Option<String>,
    pub referral_date: Option<NaiveDate>,
    pub referral_source: Option<String>,
    pub primary_need: Option<String>,
    pub closure_date: Option<NaiveDate>,
    pub reason_for_closure: Option<String>,
    /// `DateOfInitialCPC` at the episode level.
    pub date_of_initial_cpc: Option<NaiveDate>,
    /// `ReferralNFA` as written (`1`/`0`, `true`/`false`).
    pub referral_nfa: Option<String>,
    pub assessments: Vec<Assessment>,
    pub cin_plans: Vec<CinPlan>,
    pub section47s: Vec<Section47>,
    pub cp_plans: Vec<CpPlan>,
    /// Hearth's key for the episode (never written).
    pub key: Option<String>,
}

/// `Assessments`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    /// `AssessmentID`, when the file carries one.
    pub id: Option<String>,
    pub start: Option<NaiveDate>,
    pub internal_review: Option<NaiveDate>,
    pub authorisation: Option<NaiveDate>,
    /// `FactorsIdentifiedAtAssessment/AssessmentFactors`, in order, duplicates kept.
    pub factors: Vec<String>,
    /// Hearth's key for the assessment (never written).
    pub key: Option<String>,
}

/// `CINPlanDates`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CinPlan {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Hearth's key for the plan (never written).
    pub key: Option<String>,
}

/// `Section47`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section47 {
    pub start: Option<NaiveDate>,
    pub icpc_target: Option<NaiveDate>,
    pub date_of_initial_cpc: Option<NaiveDate>,
    /// `ICPCnotRequired` as written.
    pub icpc_not_required: Option<String>,
    /// Hearth's key for the enquiry (never written).
    pub key: Option<String>,
}

/// `ChildProtectionPlans`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CpPlan {
    /// `CPPID`, when the file carries one.
    pub id: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub initial_category: Option<String>,
    pub latest_category: Option<String>,
    /// `NumberOfPreviousCPP` as written.
    pub previous_plans: Option<String>,
    /// Every `Reviews/CPPreviewDate`, in order; `None` for an empty or unparseable one.
    pub reviews: Vec<Option<NaiveDate>>,
    /// Hearth's key for the plan (never written).
    pub key: Option<String>,
}

/// The census year a reference date closes: 1 April of the year before to 31 March.
pub fn collection_start(reference_date: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    NaiveDate::from_ymd_opt(reference_date.year() - 1, 4, 1).unwrap_or(reference_date)
}

/// Whether a flag as written means yes (`1` or `true`).
pub fn flag_true(v: Option<&str>) -> bool {
    matches!(v.map(str::trim), Some("1") | Some("true"))
}

/// Whether a flag as written means no (`0` or `false`).
pub fn flag_false(v: Option<&str>) -> bool {
    matches!(v.map(str::trim), Some("0") | Some("false"))
}
