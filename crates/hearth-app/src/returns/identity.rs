//! The child's census identity (issue 16, item 1): read with the census rule each field serves,
//! and changed by those who record casework, checked against the person record.

use hearth_domain::authz::GeneralAction;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use hearth_domain::returns::identity::{
    census_sex, check_identity, check_internal_review, CensusSex, IdentityChange, UpnUnknown,
};
use hearth_domain::upn::Upn;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::returns::identity::{AssessmentReviewRow, IdentityRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts::auth::Principal;
use crate::error::AppResult;
use crate::{read_row_about, App};

/// One census field with the rule it serves, in words.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct CensusRule {
    pub field: &'static str,
    pub rule: &'static str,
}

/// The census identity with what the return will carry and why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IdentityView {
    pub person_id: uuid::Uuid,
    #[serde(flatten)]
    pub identity: IdentityRow,
    pub upn_unknown_label: Option<String>,
    /// The child's current UPN, from the person record.
    pub upn: Option<String>,
    /// Sex as the census carries it, mapped from the recorded sex (U for an unborn child).
    #[schema(value_type = String)]
    pub census_sex: CensusSex,
    pub rules: Vec<CensusRule>,
    /// The child's assessments with their internal review dates (census
    /// `AssessmentInternalReviewDate`).
    pub assessments: Vec<AssessmentReviewRow>,
    /// Every DfE census rule the child's record breaks today, with the page that fixes it.
    pub findings: Vec<super::census_check::CensusFinding>,
    /// Reasons given for census queries, latest first.
    pub query_reasons: Vec<hearth_store::returns::census_reasons::QueryReasonRow>,
}

/// An assessment's internal review date.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InternalReviewInput {
    /// YYYY-MM-DD: not before the assessment started, not in the future.
    #[serde(default)]
    pub internal_review_date: String,
}

/// What a worker changes.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityInput {
    pub version: i64,
    #[serde(default)]
    pub former_upn: String,
    /// UN1–UN7, or blank.
    #[serde(default)]
    pub upn_unknown: String,
    /// YYYY-MM-DD, or blank.
    #[serde(default)]
    pub death_date: String,
}

const RULES: &[CensusRule] = &[
    CensusRule {
        field: "la_child_id",
        rule: "LAchildID: the council's own identifier, at most 20 letters and digits, the same for the child's lifetime (allocated by Hearth, or brought from the previous system)",
    },
    CensusRule {
        field: "upn_unknown",
        rule: "UPNunknown: why a child has no UPN (rule 8770Q queries a child of school age with no UPN and no reason, or UN1; rule 8772 refuses UN7 when a referral went on to further action)",
    },
    CensusRule {
        field: "former_upn",
        rule: "FormerUPN: a UPN the child held before, when it changed",
    },
    CensusRule {
        field: "death_date",
        rule: "PersonDeathDate: not before the date of birth, not in the future",
    },
    CensusRule {
        field: "internal_review_date",
        rule: "AssessmentInternalReviewDate: the assessment's internal review, not before it started, not in the future",
    },
    CensusRule {
        field: "census_sex",
        rule: "Sex: M, F or U, from the sex recorded on the child's record (U for an unborn child)",
    },
];

fn change_of(input: &IdentityInput) -> Result<IdentityChange, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let former_upn = match input.former_upn.trim() {
        "" => None,
        s => Upn::parse(s)
            .map_err(|x| e.add("former_upn", "invalid_upn", x.to_string()))
            .ok(),
    };
    let upn_unknown = match input.upn_unknown.trim() {
        "" => None,
        s => UpnUnknown::parse(s)
            .map_err(|m| e.add("upn_unknown", "unknown_code", m))
            .ok(),
    };
    let death_date = match input.death_date.trim() {
        "" => None,
        s => parse_date("death_date", "The date of death", s, &mut e),
    };
    e.into_result(IdentityChange {
        former_upn,
        upn_unknown,
        death_date,
    })
}

impl App {
    async fn identity_view(
        &self,
        tx: &mut hearth_store::Tx,
        access: &hearth_domain::authz::CaseAccess<hearth_domain::authz::Read>,
    ) -> AppResult<IdentityView> {
        let person = tx.people().get(access).await?;
        let identity = tx.census_identity().get(access).await?;
        let d = &person.details;
        Ok(IdentityView {
            person_id: access.person().0,
            upn_unknown_label: identity.upn_unknown.map(|u| u.text().to_string()),
            upn: d.upn.as_ref().map(|u| u.as_str().to_string()),
            census_sex: census_sex(d.sex, d.expected_date_of_delivery().is_some()),
            rules: RULES.to_vec(),
            assessments: tx.census_identity().assessment_reviews(access).await?,
            findings: Self::census_findings_in(tx, access.person(), self.clock.today()).await?,
            query_reasons: tx.census_reasons().of(access.person()).await?,
            identity,
        })
    }

    /// The child's census identity (audited).
    #[tracing::instrument(skip_all)]
    pub async fn census_identity_of(
        &self,
        p: &Principal,
        person: PersonId,
    ) -> AppResult<IdentityView> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access) = self
            .read_access(tx, p, person, "census-identity.view")
            .await?;
        let view = self.identity_view(&mut tx, &access).await?;
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "census-identity.view",
            record_type: "person",
            record_id: Some(person.0.to_string()),
            outcome: AuditOutcome::Success,
            detail: None,
        };
        self.audited(tx, vec![read_row_about(now, person.0, row)])
            .await?;
        Ok(view)
    }

    /// Changes the former UPN, the reason a UPN is not held and the date of death.
    #[tracing::instrument(skip_all)]
    pub async fn update_census_identity(
        &self,
        p: &Principal,
        person: PersonId,
        input: &IdentityInput,
    ) -> AppResult<IdentityView> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let change = change_of(input)?;
        let tx = self.db.begin().await?;
        let (mut tx, access) = self
            .write_access(tx, p, person, "census-identity.update")
            .await?;
        let access = access.as_read();
        let current = tx.people().get(&access).await?;
        let d = &current.details;
        check_identity(&change, d.upn.as_ref(), d.date_of_birth(), today)?;
        tx.census_identity()
            .update(person, input.version, &change)
            .await?;
        tx.audit_about(
            now,
            person.0,
            AuditEntry {
                user: Some(p.user.id),
                action: "census-identity.update",
                record_type: "person",
                record_id: Some(person.0.to_string()),
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        let view = self.identity_view(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records an assessment's internal review date.
    #[tracing::instrument(skip_all)]
    pub async fn set_assessment_internal_review(
        &self,
        p: &Principal,
        person: PersonId,
        assessment: uuid::Uuid,
        input: &InternalReviewInput,
    ) -> AppResult<IdentityView> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let mut e = ValidationErrors::default();
        let Some(on) = parse_date(
            "internal_review_date",
            "The internal review date",
            &input.internal_review_date,
            &mut e,
        ) else {
            return Err(crate::error::AppError::Validation(e));
        };
        let tx = self.db.begin().await?;
        let (mut tx, access) = self
            .write_access(tx, p, person, "assessment.internal-review")
            .await?;
        let access = access.as_read();
        let a = tx
            .assessments()
            .get(&access, hearth_domain::ids::AssessmentId(assessment))
            .await?;
        check_internal_review(on, a.start_date, today)?;
        tx.census_identity()
            .set_internal_review(&access, assessment, on)
            .await?;
        tx.audit_about(
            now,
            person.0,
            AuditEntry {
                user: Some(p.user.id),
                action: "assessment.internal-review",
                record_type: "assessment",
                record_id: Some(assessment.to_string()),
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        let view = self.identity_view(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }
}
