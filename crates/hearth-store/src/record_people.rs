//! What authorisation needs to know about a person (restriction, and who holds the child's open
//! episode of need), read in one place, and whose record a case record is: the children an
//! assessment, referral, episode or contact is about, each with those facts in the same query,
//! so the edge can ask the one authorisation decision before a handler reads the request body.

use hearth_domain::authz::RecordContext;
use hearth_domain::ids::{PersonId, TeamId, UserId};
use uuid::Uuid;

use crate::{on_tx, Result, Tx};

/// The columns that make a person's [`RecordContext`], for queries over `persons p`.
pub(crate) const CONTEXT_COLS: &str = "p.restricted, e.allocated_worker, e.allocated_team";
/// The child's open episode: at most one per child (`episodes_one_open`), so it adds no rows.
pub(crate) const OPEN_EPISODE: &str =
    "LEFT JOIN episodes e ON e.person_id = p.id AND e.closure_date IS NULL";

/// The facts as the columns hold them.
pub(crate) fn context_of(
    restricted: bool,
    worker: Option<Uuid>,
    team: Option<Uuid>,
) -> RecordContext {
    RecordContext {
        restricted,
        allocated_worker: worker.map(UserId),
        allocated_team: team.map(TeamId),
        ..RecordContext::default()
    }
}

/// The kinds of case record a path can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Person,
    Contact,
    Referral,
    Episode,
    Assessment,
    StrategyDiscussion,
    /// A case note, about one or more children.
    CaseNote,
}

impl RecordKind {
    /// `FROM` and `WHERE` reaching the record's people (`p`) from its id (`$1`).
    fn reach(self) -> &'static str {
        match self {
            RecordKind::Person => "FROM persons p",
            RecordKind::Contact => {
                "FROM contacts k LEFT JOIN contact_children cc ON cc.contact_id = k.id \
                 LEFT JOIN persons p ON p.id = cc.person_id"
            }
            RecordKind::Referral => "FROM referrals k JOIN persons p ON p.id = k.person_id",
            RecordKind::Episode => "FROM episodes k JOIN persons p ON p.id = k.person_id",
            RecordKind::Assessment => "FROM assessments k JOIN persons p ON p.id = k.person_id",
            RecordKind::StrategyDiscussion => {
                "FROM strategy_discussions k JOIN persons p ON p.id = k.person_id"
            }
            RecordKind::CaseNote => {
                "FROM case_notes k JOIN case_note_children cn ON cn.note_id = k.id \
                 JOIN persons p ON p.id = cn.person_id"
            }
        }
    }

    fn key(self) -> &'static str {
        match self {
            RecordKind::Person => "p.id",
            _ => "k.id",
        }
    }
}

type ContextRow = (Option<Uuid>, Option<bool>, Option<Uuid>, Option<Uuid>);

impl Tx {
    /// Whose record a referral, episode or assessment is: the one fact needed to ask for a
    /// [`hearth_domain::authz::CaseAccess`] before the record itself can be read.
    pub async fn child_of(&mut self, kind: RecordKind, id: Uuid) -> Result<PersonId> {
        let table = match kind {
            RecordKind::Referral => "referrals",
            RecordKind::Episode => "episodes",
            RecordKind::Assessment => "assessments",
            RecordKind::StrategyDiscussion => "strategy_discussions",
            RecordKind::Person => return Ok(PersonId(id)),
            RecordKind::Contact | RecordKind::CaseNote => return Err(crate::StoreError::NotFound),
        };
        let sql = format!("SELECT person_id FROM {table} WHERE id = $1");
        let found: Option<Uuid> =
            on_tx!(self, c => sqlx::query_scalar(&sql).bind(id).fetch_optional(&mut *c).await)?;
        found.map(PersonId).ok_or(crate::StoreError::NotFound)
    }

    /// The people the record is about with their authorisation facts, in one query; `None`
    /// when there is no such record (a contact with no child linked yet has none).
    pub async fn record_people(
        &mut self,
        kind: RecordKind,
        id: Uuid,
    ) -> Result<Option<Vec<(PersonId, RecordContext)>>> {
        let sql = format!(
            "SELECT p.id, {CONTEXT_COLS} {} {OPEN_EPISODE} WHERE {} = $1 ORDER BY p.id",
            kind.reach(),
            kind.key()
        );
        let rows: Vec<ContextRow> = on_tx!(self, c => sqlx::query_as(&sql)
            .bind(id).fetch_all(&mut *c).await)?;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(
            rows.into_iter()
                .filter_map(|(person, restricted, worker, team)| {
                    Some((PersonId(person?), context_of(restricted?, worker, team)))
                })
                .collect(),
        ))
    }
}
