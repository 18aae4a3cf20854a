//! Recording that a held conference's decision was circulated to everyone invited, with the
//! date and how many working days after the conference that was.

use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::protection::cp_types::{ChildProtectionView, CirculatedInput};
use crate::protection::enquiries::{cp_entry, CONFERENCE};
use crate::App;

impl App {
    #[tracing::instrument(skip_all)]
    pub async fn record_circulation(
        &self,
        p: &Principal,
        person: PersonId,
        id: Uuid,
        input: &CirculatedInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access, conf) = self
            .conference_write(p, person, id, "conference.circulated")
            .await?;
        let Some(held_on) = conf.held_on else {
            return Err(AppError::Validation(ValidationErrors::single(
                "circulated_on",
                "not_held",
                "The conference has not been held: there is no decision to circulate yet",
            )));
        };
        let mut e = ValidationErrors::default();
        let on = if input.circulated_on.trim().is_empty() {
            Some(today)
        } else {
            parse_date("circulated_on", "The date", &input.circulated_on, &mut e)
        };
        let Some(on) = on else {
            return Err(AppError::Validation(e));
        };
        if on < held_on {
            e.add(
                "circulated_on",
                "before_conference",
                "The decision cannot be circulated before the conference",
            );
        }
        if on > today {
            e.add(
                "circulated_on",
                "future_date",
                "Record the circulation once it has happened",
            );
        }
        if conf.circulated_on.is_some() {
            e.add(
                "circulated_on",
                "already_circulated",
                "The decision's circulation is already recorded",
            );
        }
        e.into_result(())?;
        if !tx.conferences().circulated(id, on).await? {
            return Err(AppError::Validation(ValidationErrors::single(
                "circulated_on",
                "already_circulated",
                "The decision's circulation is already recorded",
            )));
        }
        if let Some(clock) = conf.circulation_clock_id {
            self.meet_clock(&mut tx, clock, on, Some(&input.late_reason))
                .await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "conference.circulated", CONFERENCE, id, None),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }
}
