//! The one authorisation decision: may this user do this to this record?
//!
//! Record access is a capability: `CaseAccess<Read>` / `CaseAccess<Write>` can only be made by
//! [`authorize_record`], and the store's functions that read or write a person's record demand
//! one, so a handler that forgets to ask does not compile. The decision already takes the
//! record's context (restriction, allocation, team) so later issues add rules, not call sites.

use std::marker::PhantomData;

use serde::Serialize;

use crate::ids::{PersonId, TeamId, UserId};
use crate::role::Role;

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: UserId,
    pub role: Role,
    pub team: TeamId,
}

/// Actions on a person's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RecordAction {
    View,
    Edit,
    /// "Who has viewed this record".
    ViewAccessLog,
    /// Restrict a record, or lift its restriction (information governance).
    Restrict,
    /// Record a child protection conference's attendance, decision and circulation: the
    /// conference's chair as well as those who record casework.
    RecordConference,
}

/// Actions that concern no single record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum GeneralAction {
    SearchPeople,
    CreatePerson,
    ManageUsers,
    ViewProtocols,
    ManageCalendar,
    ViewAudit,
    /// Work the front door: contacts, referrals and their decisions.
    FrontDoorWork,
    /// Decide a referral: a registered social worker or a manager (Working Together 2018 ch.1
    /// para 71: "a local authority social worker should … make a decision about next steps").
    DecideReferral,
    /// Fill in and submit a multi-agency referral form.
    SubmitReferral,
    /// Allocate work to a team and a social worker; see unallocated work.
    AllocateWork,
    /// Record a child and family assessment (social workers and managers).
    AssessmentWork,
    /// A manager's decision on casework: checkpoints, reasons a child was not seen, authorisation.
    ManagerDecision,
    /// Chair child protection conferences: see the conferences one chairs and their tasks,
    /// record a chaired conference's decision.
    ChairConference,
    /// Produce and check the statutory returns (the CIN census): export, validate, import and
    /// the census readiness list. Performance analysts and service managers.
    CensusReturn,
}

impl GeneralAction {
    /// The audit log's code for an attempt at this action.
    pub fn audit_code(self) -> &'static str {
        match self {
            GeneralAction::SearchPeople => "person.search",
            GeneralAction::CreatePerson => "person.create",
            GeneralAction::ManageUsers => "users.manage",
            GeneralAction::ViewProtocols => "protocols.view",
            GeneralAction::ManageCalendar => "calendar.manage",
            GeneralAction::ViewAudit => "audit.view",
            GeneralAction::FrontDoorWork => "front_door.work",
            GeneralAction::DecideReferral => "referral.decide",
            GeneralAction::SubmitReferral => "referral-form.use",
            GeneralAction::AllocateWork => "work.allocate",
            GeneralAction::AssessmentWork => "assessment.work",
            GeneralAction::ManagerDecision => "manager.decide",
            GeneralAction::ChairConference => "conference.chair",
            GeneralAction::CensusReturn => "census.return",
        }
    }
}

/// What the record's own data says about who may see it (filled from storage).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordContext {
    /// A restricted record (e.g. a staff member's relative) is seen only by those allocated,
    /// their managers and information governance.
    pub restricted: bool,
    pub allocated_worker: Option<UserId>,
    pub allocated_team: Option<TeamId>,
    /// Set when the actor submitted a referral about this person (partners see only these).
    pub submitted_by_actor: bool,
}

/// Marker: read access.
#[derive(Debug, Clone, Copy)]
pub struct Read;
/// Marker: write access (implies read).
#[derive(Debug, Clone, Copy)]
pub struct Write;

/// Proof that `actor` may act on `person` in mode `M`.
#[derive(Debug, Clone)]
pub struct CaseAccess<M> {
    person: PersonId,
    actor: UserId,
    _mode: PhantomData<M>,
}

impl<M> CaseAccess<M> {
    pub fn person(&self) -> PersonId {
        self.person
    }
    pub fn actor(&self) -> UserId {
        self.actor
    }
}

impl CaseAccess<Write> {
    /// Write access always carries read access.
    pub fn as_read(&self) -> CaseAccess<Read> {
        CaseAccess {
            person: self.person,
            actor: self.actor,
            _mode: PhantomData,
        }
    }
}

/// Proof that the actor may work the front door: screen contacts, including those no child is
/// linked to yet. Store reads of contacts demand it (or a [`CaseAccess`] to a linked child).
#[derive(Debug, Clone)]
pub struct FrontDoorAccess {
    actor: UserId,
}

impl FrontDoorAccess {
    pub fn actor(&self) -> UserId {
        self.actor
    }
}

/// Front-door work, as a capability.
pub fn authorize_front_door(actor: &Actor) -> Result<FrontDoorAccess, Denied> {
    authorize(actor, GeneralAction::FrontDoorWork)?;
    Ok(FrontDoorAccess { actor: actor.user })
}

/// A refusal with the reason shown to the user (never names the person).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Denied(pub &'static str);

const NOT_CASE_ROLE: &str = "Your role does not give access to children's records.";
const RESTRICTED: &str = "This record is restricted. Only the allocated worker, their managers and information governance can open it.";

fn may_read_records(role: Role) -> bool {
    matches!(
        role,
        Role::SocialWorker
            | Role::TeamManager
            | Role::ServiceManager
            | Role::ConferenceChair
            | Role::FrontDoor
            | Role::InformationGovernance
    )
}

fn may_write_records(role: Role) -> bool {
    matches!(
        role,
        Role::SocialWorker | Role::TeamManager | Role::ServiceManager | Role::FrontDoor
    )
}

fn restricted_allows(actor: &Actor, ctx: &RecordContext) -> bool {
    if !ctx.restricted {
        return true;
    }
    match actor.role {
        Role::InformationGovernance | Role::ServiceManager => true,
        Role::TeamManager => ctx.allocated_team == Some(actor.team),
        _ => ctx.allocated_worker == Some(actor.user),
    }
}

fn decide_record(actor: &Actor, action: RecordAction, ctx: &RecordContext) -> Result<(), Denied> {
    if actor.role == Role::PartnerReferrer {
        // Partners see only what they submitted, and never edit a council record.
        return if action == RecordAction::View && ctx.submitted_by_actor {
            Ok(())
        } else {
            Err(Denied(NOT_CASE_ROLE))
        };
    }
    let role_ok = match action {
        RecordAction::View => may_read_records(actor.role),
        RecordAction::Edit => may_write_records(actor.role),
        RecordAction::ViewAccessLog => matches!(
            actor.role,
            Role::TeamManager | Role::ServiceManager | Role::InformationGovernance
        ),
        RecordAction::Restrict => actor.role == Role::InformationGovernance,
        RecordAction::RecordConference => {
            may_write_records(actor.role) || actor.role == Role::ConferenceChair
        }
    };
    if !role_ok {
        return Err(Denied(match action {
            RecordAction::ViewAccessLog => {
                "Only managers and information governance can see who has viewed a record."
            }
            RecordAction::Edit => "Your role can view this record but not change it.",
            RecordAction::Restrict => {
                "Only information governance can restrict a record or lift its restriction."
            }
            RecordAction::View => NOT_CASE_ROLE,
            RecordAction::RecordConference => {
                "Only the conference's chair, social workers and their managers can record a conference."
            }
        }));
    }
    if !restricted_allows(actor, ctx) {
        return Err(Denied(RESTRICTED));
    }
    Ok(())
}

/// Read access to one person's record.
pub fn authorize_read(
    actor: &Actor,
    person: PersonId,
    ctx: &RecordContext,
) -> Result<CaseAccess<Read>, Denied> {
    decide_record(actor, RecordAction::View, ctx)?;
    Ok(CaseAccess {
        person,
        actor: actor.user,
        _mode: PhantomData,
    })
}

/// Write access to one person's record.
pub fn authorize_write(
    actor: &Actor,
    person: PersonId,
    ctx: &RecordContext,
) -> Result<CaseAccess<Write>, Denied> {
    decide_record(actor, RecordAction::Edit, ctx)?;
    Ok(CaseAccess {
        person,
        actor: actor.user,
        _mode: PhantomData,
    })
}

/// Write access to one person's record for a conference: the chair records its decision (a
/// chair may not change anything else on the record; see `protection::conference::check_recorder`).
pub fn authorize_conference_write(
    actor: &Actor,
    person: PersonId,
    ctx: &RecordContext,
) -> Result<CaseAccess<Write>, Denied> {
    decide_record(actor, RecordAction::RecordConference, ctx)?;
    Ok(CaseAccess {
        person,
        actor: actor.user,
        _mode: PhantomData,
    })
}

/// Any other per-record action (e.g. the access log).
pub fn authorize_record(
    actor: &Actor,
    action: RecordAction,
    ctx: &RecordContext,
) -> Result<(), Denied> {
    decide_record(actor, action, ctx)
}

/// Whether a summary of this record (name, date of birth, NHS number, UPN) may be shown to
/// `actor` in a list — search results, possible duplicates, relationships, the front door. The
/// same decision as opening the record: whoever may not open it sees only that it exists.
pub fn may_see_details(actor: &Actor, ctx: &RecordContext) -> bool {
    decide_record(actor, RecordAction::View, ctx).is_ok()
}

/// Actions that concern no single record.
pub fn authorize(actor: &Actor, action: GeneralAction) -> Result<(), Denied> {
    let ok = match action {
        GeneralAction::SearchPeople => may_read_records(actor.role),
        GeneralAction::CreatePerson => may_write_records(actor.role),
        GeneralAction::ManageUsers | GeneralAction::ManageCalendar => {
            actor.role == Role::Administrator
        }
        GeneralAction::ViewProtocols => actor.role.is_council_staff(),
        GeneralAction::ViewAudit => actor.role == Role::InformationGovernance,
        GeneralAction::FrontDoorWork => may_write_records(actor.role),
        GeneralAction::DecideReferral => {
            actor.role.is_registered_social_worker() && may_write_records(actor.role)
        }
        GeneralAction::SubmitReferral => {
            actor.role == Role::PartnerReferrer || may_write_records(actor.role)
        }
        GeneralAction::AllocateWork | GeneralAction::ManagerDecision => actor.role.is_manager(),
        GeneralAction::AssessmentWork => matches!(
            actor.role,
            Role::SocialWorker | Role::TeamManager | Role::ServiceManager
        ),
        GeneralAction::ChairConference => matches!(
            actor.role,
            Role::SocialWorker | Role::TeamManager | Role::ServiceManager | Role::ConferenceChair
        ),
        GeneralAction::CensusReturn => {
            matches!(actor.role, Role::PerformanceAnalyst | Role::ServiceManager)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(Denied(match action {
            GeneralAction::ManageUsers | GeneralAction::ManageCalendar => {
                "Only an administrator can do this."
            }
            GeneralAction::ViewAudit => "Only information governance can read the audit log.",
            GeneralAction::FrontDoorWork => "Only front-door staff, social workers and managers can work on contacts and referrals.",
            GeneralAction::DecideReferral => "Only a registered social worker or a manager can decide a referral (Working Together 2018 ch.1 para 71); front-door officers screen contacts and pass them on.",
            GeneralAction::SubmitReferral => "Your role cannot make referrals.",
            GeneralAction::AllocateWork => "Only a team or service manager can allocate work.",
            GeneralAction::AssessmentWork => "Only social workers and their managers can record assessments.",
            GeneralAction::ManagerDecision => "Only a team or service manager can record this decision.",
            GeneralAction::ChairConference => "Only conference chairs, social workers and their managers can record a conference.",
            GeneralAction::CensusReturn => "Only performance analysts and service managers can produce the census return.",
            _ => NOT_CASE_ROLE,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user: UserId::new(),
            role,
            team: TeamId::new(),
        }
    }

    #[test]
    fn social_worker_reads_and_writes_unrestricted_records() {
        let a = actor(Role::SocialWorker);
        let p = PersonId::new();
        let ctx = RecordContext::default();
        assert_eq!(authorize_read(&a, p, &ctx).map(|c| c.person()), Ok(p));
        assert!(authorize_write(&a, p, &ctx).is_ok());
        assert!(authorize_record(&a, RecordAction::ViewAccessLog, &ctx).is_err());
    }

    #[test]
    fn partner_sees_only_what_they_submitted() {
        let a = actor(Role::PartnerReferrer);
        let p = PersonId::new();
        assert!(authorize_read(&a, p, &RecordContext::default()).is_err());
        let own = RecordContext {
            submitted_by_actor: true,
            ..Default::default()
        };
        assert!(authorize_read(&a, p, &own).is_ok());
        assert!(authorize_write(&a, p, &own).is_err());
        assert!(authorize(&a, GeneralAction::SearchPeople).is_err());
    }

    #[test]
    fn restricted_records_need_allocation_or_seniority() {
        let a = actor(Role::SocialWorker);
        let p = PersonId::new();
        let mut ctx = RecordContext {
            restricted: true,
            ..Default::default()
        };
        assert!(authorize_read(&a, p, &ctx).is_err());
        ctx.allocated_worker = Some(a.user);
        assert!(authorize_read(&a, p, &ctx).is_ok());
        assert!(authorize_read(&actor(Role::InformationGovernance), p, &ctx).is_ok());
    }

    #[test]
    fn analysts_and_admins_cannot_open_records() {
        let p = PersonId::new();
        for r in [Role::PerformanceAnalyst, Role::Administrator] {
            assert!(authorize_read(&actor(r), p, &RecordContext::default()).is_err());
        }
        assert!(authorize(&actor(Role::Administrator), GeneralAction::ManageUsers).is_ok());
    }

    #[test]
    fn managers_and_ig_see_the_access_log() {
        for r in [
            Role::TeamManager,
            Role::ServiceManager,
            Role::InformationGovernance,
        ] {
            assert!(authorize_record(
                &actor(r),
                RecordAction::ViewAccessLog,
                &RecordContext::default()
            )
            .is_ok());
        }
    }

    /// A restricted child allocated to `worker` in `team`.
    fn restricted_to(worker: UserId, team: TeamId) -> RecordContext {
        RecordContext {
            restricted: true,
            allocated_worker: Some(worker),
            allocated_team: Some(team),
            submitted_by_actor: false,
        }
    }

    #[test]
    fn restricted_details_are_seen_by_those_allocated_their_managers_and_ig() {
        let worker = actor(Role::SocialWorker);
        let ctx = restricted_to(worker.user, worker.team);
        let their_manager = Actor {
            user: UserId::new(),
            role: Role::TeamManager,
            team: worker.team,
        };
        assert!(
            may_see_details(&worker, &ctx),
            "the allocated social worker"
        );
        assert!(
            may_see_details(&their_manager, &ctx),
            "the allocated team's manager"
        );
        assert!(may_see_details(&actor(Role::ServiceManager), &ctx));
        assert!(may_see_details(&actor(Role::InformationGovernance), &ctx));
    }

    #[test]
    fn restricted_details_are_hidden_from_everyone_else() {
        let worker = actor(Role::SocialWorker);
        let ctx = restricted_to(worker.user, worker.team);
        let colleague = Actor {
            user: UserId::new(),
            role: Role::SocialWorker,
            team: worker.team,
        };
        assert!(
            !may_see_details(&colleague, &ctx),
            "another social worker, same team"
        );
        assert!(!may_see_details(&actor(Role::SocialWorker), &ctx));
        assert!(
            !may_see_details(&actor(Role::TeamManager), &ctx),
            "another team's manager"
        );
        assert!(!may_see_details(&actor(Role::FrontDoor), &ctx));
        assert!(!may_see_details(&actor(Role::ConferenceChair), &ctx));
        assert!(!may_see_details(&actor(Role::PartnerReferrer), &ctx));
        // Unallocated, a restricted record is hidden from every team manager.
        assert!(!may_see_details(
            &actor(Role::TeamManager),
            &RecordContext {
                restricted: true,
                ..Default::default()
            }
        ));
    }

    #[test]
    fn unrestricted_details_are_seen_by_whoever_may_read_records() {
        let open = RecordContext::default();
        for r in [Role::SocialWorker, Role::FrontDoor, Role::ConferenceChair] {
            assert!(may_see_details(&actor(r), &open), "{r:?}");
        }
        for r in [Role::PerformanceAnalyst, Role::Administrator] {
            assert!(!may_see_details(&actor(r), &open), "{r:?}");
        }
    }

    #[test]
    fn only_information_governance_restricts_records() {
        let worker = actor(Role::SocialWorker);
        let own = restricted_to(worker.user, worker.team);
        let ig = actor(Role::InformationGovernance);
        assert!(authorize_record(&ig, RecordAction::Restrict, &RecordContext::default()).is_ok());
        assert!(authorize_record(&ig, RecordAction::Restrict, &own).is_ok());
        for r in [
            Role::SocialWorker,
            Role::TeamManager,
            Role::ServiceManager,
            Role::FrontDoor,
            Role::ConferenceChair,
            Role::Administrator,
            Role::PartnerReferrer,
        ] {
            assert!(
                authorize_record(&actor(r), RecordAction::Restrict, &RecordContext::default())
                    .is_err(),
                "{r:?}"
            );
        }
        // Being allocated the child does not let a worker lift the restriction.
        assert!(authorize_record(&worker, RecordAction::Restrict, &own).is_err());
    }
}
