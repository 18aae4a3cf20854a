//! Codes held in child tables (a person's disabilities, a contact's or a referral's outcomes, an
//! assessment's factors and outcomes): one row per code, checked against its code set by the
//! database, read back typed for many parents at once.
//!
//! A code read back that is not in its set is corrupt data ([`StoreError::Corrupt`]), never
//! dropped. Codes come back in their set's order (census order), whatever order they were
//! written in: a record's codes are a set.

use std::collections::HashMap;

use hearth_domain::assessment::factors::{Factor, FACTORS};
use hearth_domain::assessment::outcome::AssessmentOutcome;
use hearth_domain::codes::{Disability, Ethnicity, Sex};
use hearth_domain::front_door::contact::ContactOutcome;
use hearth_domain::front_door::decision::ReferralOutcome;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

/// A code set the store keeps as text checked by the database.
pub(crate) trait StoredCode: Copy + PartialEq + 'static {
    /// Every code of the set, in its order.
    const ALL: &'static [Self];
    /// The set's name, for a corrupt-data message.
    const SET: &'static str;
    fn code(self) -> &'static str;
}

macro_rules! stored_code {
    ($ty:ty, $set:literal) => {
        impl StoredCode for $ty {
            const ALL: &'static [Self] = <$ty>::ALL;
            const SET: &'static str = $set;
            fn code(self) -> &'static str {
                <$ty>::code(self)
            }
        }
    };
}

stored_code!(Sex, "sex");
stored_code!(Ethnicity, "ethnicity");
stored_code!(Disability, "disability");
stored_code!(ContactOutcome, "contact outcome");
stored_code!(ReferralOutcome, "referral outcome");
stored_code!(AssessmentOutcome, "assessment outcome");
stored_code!(
    hearth_domain::front_door::family::FamilyInformed,
    "way the family was informed"
);
stored_code!(
    hearth_domain::protection::strategy::DiscussionForm,
    "form of strategy discussion"
);
stored_code!(
    hearth_domain::protection::strategy::ProtectiveActionKind,
    "immediate protective action"
);
stored_code!(
    hearth_domain::protection::strategy::RequestedFrom,
    "place a strategy discussion is asked for"
);
stored_code!(
    hearth_domain::casework::notes::NoteKind,
    "kind of case note"
);
stored_code!(
    hearth_domain::assessment::InterpreterChoice,
    "interpreter decision"
);

stored_code!(hearth_domain::assessment::visit::VisitKind, "kind of visit");
stored_code!(hearth_domain::codes::AbuseCategory, "category of abuse");
stored_code!(
    hearth_domain::returns::identity::UpnUnknown,
    "reason a UPN is not held"
);
stored_code!(
    hearth_domain::cin::cin_meeting::MeetingKind,
    "kind of child in need meeting"
);
stored_code!(
    hearth_domain::cin::closure::EndReason,
    "reason a child in need plan ends"
);
stored_code!(
    hearth_domain::cin::review::ReviewOutcome,
    "outcome of a child in need review"
);
stored_code!(
    hearth_domain::casework::plan_content::PlanKind,
    "kind of plan"
);
stored_code!(
    hearth_domain::protection::conference::EarlyReviewReason,
    "reason for an early review"
);
stored_code!(
    hearth_domain::protection::conference::ConferenceKind,
    "kind of child protection conference"
);
stored_code!(
    hearth_domain::protection::enquiry::EnquiryOutcome,
    "outcome of a section 47 enquiry"
);
stored_code!(
    hearth_domain::protection::plan::DiscontinuationReason,
    "reason a child protection plan ends"
);
stored_code!(
    hearth_domain::assessment::withholding::WithheldKind,
    "part of the family's copy"
);
stored_code!(
    hearth_domain::assessment::withholding::WithholdReason,
    "reason for leaving information out of the family's copy"
);
stored_code!(
    hearth_domain::assessment::visit::VisitPlace,
    "place of a visit"
);

impl StoredCode for Factor {
    const ALL: &'static [Self] = FACTORS;
    const SET: &'static str = "assessment factor";
    fn code(self) -> &'static str {
        self.code
    }
}

/// The stored code back as its value; exact, as the database checked it on the way in.
pub(crate) fn decode<C: StoredCode>(code: &str) -> Result<C> {
    C::ALL
        .iter()
        .copied()
        .find(|c| c.code() == code)
        .ok_or_else(|| StoreError::Corrupt(format!("'{code}' is not a {} code", C::SET)))
}

/// An optional stored code (a nullable column).
pub(crate) fn decode_opt<C: StoredCode>(code: Option<&str>) -> Result<Option<C>> {
    code.map(decode).transpose()
}

fn rank<C: StoredCode>(c: C) -> usize {
    C::ALL.iter().position(|x| *x == c).unwrap_or(usize::MAX)
}

/// A child table of codes: its name and the column naming its parent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CodeTable {
    table: &'static str,
    parent: &'static str,
}

pub(crate) const PERSON_DISABILITIES: CodeTable = CodeTable {
    table: "person_disabilities",
    parent: "person_id",
};
pub(crate) const CONTACT_OUTCOMES: CodeTable = CodeTable {
    table: "contact_outcomes",
    parent: "contact_id",
};
pub(crate) const REFERRAL_OUTCOMES: CodeTable = CodeTable {
    table: "referral_outcomes",
    parent: "referral_id",
};
pub(crate) const ASSESSMENT_FACTORS: CodeTable = CodeTable {
    table: "assessment_factors",
    parent: "assessment_id",
};
pub(crate) const ASSESSMENT_OUTCOMES: CodeTable = CodeTable {
    table: "assessment_outcomes",
    parent: "assessment_id",
};

/// Parents per query: well under SQLite's and PostgreSQL's limits on bound parameters.
const BATCH: usize = 500;

#[derive(sqlx::FromRow)]
struct CodeRow {
    parent: Uuid,
    code: String,
}

impl Tx {
    /// Replaces the codes of `parent` (delete, then insert) inside the caller's transaction.
    pub(crate) async fn replace_codes<C: StoredCode>(
        &mut self,
        t: CodeTable,
        parent: Uuid,
        codes: &[C],
    ) -> Result<()> {
        let delete = format!("DELETE FROM {} WHERE {} = $1", t.table, t.parent);
        on_tx!(self, c => sqlx::query(&delete).bind(parent).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let mut unique: Vec<C> = Vec::with_capacity(codes.len());
        for c in codes {
            if !unique.contains(c) {
                unique.push(*c);
            }
        }
        if unique.is_empty() {
            return Ok(());
        }
        let values: Vec<String> = (2..unique.len() + 2)
            .map(|i| format!("($1, ${i})"))
            .collect();
        let insert = format!(
            "INSERT INTO {} ({}, code) VALUES {}",
            t.table,
            t.parent,
            values.join(", ")
        );
        on_tx!(self, c => {
            let mut q = sqlx::query(&insert).bind(parent);
            for code in &unique {
                q = q.bind(code.code());
            }
            q.execute(&mut *c).await.map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// The codes of each parent, in the set's order; one query per batch of parents. A parent
    /// without codes is absent from the map.
    pub(crate) async fn codes_of<C: StoredCode>(
        &mut self,
        t: CodeTable,
        parents: &[Uuid],
    ) -> Result<HashMap<Uuid, Vec<C>>> {
        let mut out: HashMap<Uuid, Vec<C>> = HashMap::new();
        for batch in parents.chunks(BATCH) {
            let marks: Vec<String> = (1..=batch.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {} AS parent, code FROM {} WHERE {} IN ({})",
                t.parent,
                t.table,
                t.parent,
                marks.join(", ")
            );
            let rows = on_tx!(self, c => {
                let mut q = sqlx::query_as::<_, CodeRow>(&sql);
                for id in batch {
                    q = q.bind(*id);
                }
                q.fetch_all(&mut *c).await
            })?;
            for r in rows {
                out.entry(r.parent).or_default().push(decode(&r.code)?);
            }
        }
        for codes in out.values_mut() {
            codes.sort_by_key(|c| rank(*c));
        }
        Ok(out)
    }

    /// The codes of one parent, in the set's order.
    pub(crate) async fn codes_of_one<C: StoredCode>(
        &mut self,
        t: CodeTable,
        parent: Uuid,
    ) -> Result<Vec<C>> {
        Ok(self
            .codes_of(t, &[parent])
            .await?
            .remove(&parent)
            .unwrap_or_default())
    }
}

#[cfg(test)]
#[path = "code_tables_tests.rs"]
mod tests;
