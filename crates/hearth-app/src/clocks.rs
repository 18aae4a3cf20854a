//! Starting and meeting clocks. A clock's due date and explanation are computed once, under the
//! protocol in force, and stored with that protocol's version: later protocol changes never move it.

use chrono::NaiveDate;
use hearth_domain::clock::late::{check_late_reason, DueBy};
use hearth_domain::clock::{compute, status, Anchor, ClockKind, ClockStatus, DEFAULT_DUE_SOON};
use hearth_domain::ids::PersonId;
use hearth_store::protocols::{ClockRow, NewClock};
use hearth_store::Tx;
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::App;

/// A stored clock with its state today.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ClockView {
    #[serde(flatten)]
    pub clock: ClockRow,
    pub label: String,
    #[schema(value_type = Object)]
    pub status: ClockStatus,
    pub status_label: String,
}

impl App {
    /// Computes and stores a clock inside the caller's transaction (the domain action's own).
    pub async fn start_clock(
        &self,
        tx: &mut Tx,
        subject_type: &str,
        subject_id: &str,
        person: Option<PersonId>,
        kind: ClockKind,
        anchor: Anchor,
    ) -> AppResult<ClockRow> {
        let (protocol, _) = Self::protocol_in(tx).await?;
        self.start_clock_under(
            tx,
            &protocol,
            subject_type,
            subject_id,
            person,
            kind,
            anchor,
        )
        .await
    }

    /// Starts a clock under a given protocol version (one the subject's earlier clocks used).
    #[allow(clippy::too_many_arguments)]
    pub async fn start_clock_under(
        &self,
        tx: &mut Tx,
        protocol: &hearth_domain::protocol::Protocol,
        subject_type: &str,
        subject_id: &str,
        person: Option<PersonId>,
        kind: ClockKind,
        anchor: Anchor,
    ) -> AppResult<ClockRow> {
        // The census measure counts bank holidays only; every other clock the council's days too.
        let cal = if kind.counts_council_closures() {
            Self::calendar_in(tx).await?
        } else {
            Self::census_calendar_in(tx).await?
        };
        let due =
            compute(kind, anchor, protocol, &cal).map_err(|e| AppError::Conflict(e.to_string()))?;
        let id = tx
            .insert_clock(
                &NewClock {
                    subject_type,
                    subject_id,
                    person,
                    kind: &kind.code(),
                    anchor_event: &due.anchor.event,
                    anchor_date: due.anchor.date,
                    rule: &due.timescale.to_string(),
                    due_date: due.date,
                    explanation: &due.explanation,
                    protocol_name: &due.protocol_name,
                    protocol_version: i64::from(due.protocol_version),
                },
                self.clock.now(),
            )
            .await?;
        Ok(tx.clock(id).await?)
    }

    /// Stores a clock whose due date a record set (an action agreed at a discussion or in a
    /// plan), not the protocol: explained as such, under the protocol in force for the record.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn start_set_clock(
        &self,
        tx: &mut Tx,
        subject_type: &str,
        subject_id: &str,
        person: PersonId,
        kind: ClockKind,
        anchor: Anchor,
        rule: &str,
        due: NaiveDate,
        explanation: &str,
    ) -> AppResult<uuid::Uuid> {
        let (protocol, _) = Self::protocol_in(tx).await?;
        let id = tx
            .insert_clock(
                &NewClock {
                    subject_type,
                    subject_id,
                    person: Some(person),
                    kind: &kind.code(),
                    anchor_event: &anchor.event,
                    anchor_date: anchor.date,
                    rule,
                    due_date: due,
                    explanation,
                    protocol_name: &protocol.name,
                    protocol_version: i64::from(protocol.version),
                },
                self.clock.now(),
            )
            .await?;
        Ok(id)
    }

    /// Marks a clock met; meeting it after its due date needs the reason.
    pub async fn meet_clock(
        &self,
        tx: &mut Tx,
        id: uuid::Uuid,
        on: NaiveDate,
        late_reason: Option<&str>,
    ) -> AppResult<()> {
        let c = tx.clock(id).await?;
        let reason = late_reason.map(str::trim).filter(|r| !r.is_empty());
        check_late_reason(&due_by(&c), on, reason)
            .map_err(|e| AppError::Validation(hearth_domain::errors::ValidationErrors(vec![e])))?;
        tx.meet_clock(id, on, reason).await?;
        Ok(())
    }

    /// A stored clock with its state on `today`.
    pub fn view_clock(&self, c: ClockRow, cal: &hearth_domain::calendar::Calendar) -> ClockView {
        let today = self.clock.today();
        let st = status(
            c.due_date,
            today,
            c.met_on,
            c.late_reason.as_deref(),
            cal,
            DEFAULT_DUE_SOON,
        );
        let label = ClockKind::parse(&c.kind).map_or_else(|| c.kind.clone(), ClockKind::label);
        ClockView {
            status_label: st.label(),
            status: st,
            label,
            clock: c,
        }
    }
}

/// A stored clock as the late-reason rule reads it: its own label, due date, rule and anchor.
pub(crate) fn due_by(c: &ClockRow) -> DueBy<'_> {
    DueBy {
        what: ClockKind::parse(&c.kind).map_or_else(|| "This".to_string(), ClockKind::label),
        due: c.due_date,
        rule: &c.rule,
        anchor: &c.anchor_event,
    }
}
