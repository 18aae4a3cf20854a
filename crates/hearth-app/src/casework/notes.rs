//! Case notes: recorded once for one or more children of a household (each child's record shows
//! it), draft then final, corrected by appending, never by changing a final note. Writing needs
//! write access to every child the note is about; reading, read access to every one.

use std::collections::HashSet;

use hearth_domain::authz::{authorize_read, CaseAccess, GeneralAction, Read};
use hearth_domain::casework::notes::{
    check_correction, check_note, NoteFacts, NoteKind, NoteState,
};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::uk_time::parse_instant;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::casework::notes::{NoteRow, NoteWrite};
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::casework::types::{CorrectionInput, FinaliseInput, NoteInput, NoteUpdate, NoteView};
use crate::error::{AppError, AppResult};
use crate::{read_row_about, App};

fn note_entry(p: &Principal, action: &'static str, id: Uuid, detail: Option<String>) -> AuditEntry {
    AuditEntry {
        user: Some(p.user.id),
        action,
        record_type: "case-note",
        record_id: Some(id.to_string()),
        outcome: AuditOutcome::Success,
        detail,
    }
}

/// The kind and time as typed, checked with the rest of the note.
fn parse_note(
    p: &Principal,
    kind: &str,
    occurred_at: &str,
    body: &str,
    children: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<(NoteKind, chrono::DateTime<chrono::Utc>)> {
    let mut e = ValidationErrors::default();
    let kind = if kind.trim().is_empty() {
        None
    } else {
        NoteKind::parse(kind)
            .map_err(|m| e.add("kind", "unknown_code", m))
            .ok()
    };
    let at = if occurred_at.trim().is_empty() {
        None
    } else {
        let t = parse_instant(occurred_at);
        if t.is_none() {
            e.add(
                "occurred_at",
                "invalid_date",
                "Enter a real date and time, for example 20 November 2026 at 09:30",
            );
        }
        t
    };
    let facts = NoteFacts {
        kind,
        occurred_at: at,
        children,
        body,
    };
    if let Err(more) = check_note(&facts, p.user.role, now) {
        for m in more.0 {
            if !e.0.iter().any(|x| x.field == m.field) {
                e.push(m);
            }
        }
    }
    match (kind, at, e.is_empty()) {
        (Some(k), Some(t), true) => Ok((k, t)),
        _ => Err(AppError::Validation(e)),
    }
}

/// The notes the reader may read whole: a note also about a brother or sister the reader may
/// not open is left out. The other children's facts are read in one query, not one per note.
pub(crate) async fn readable_notes(
    tx: &mut Tx,
    p: &Principal,
    person: PersonId,
    rows: Vec<NoteRow>,
) -> AppResult<Vec<NoteRow>> {
    let mut others: Vec<PersonId> = rows
        .iter()
        .flat_map(|r| r.children.iter())
        .filter(|c| **c != person.0)
        .map(|c| PersonId(*c))
        .collect();
    others.sort_by_key(|o| o.0);
    others.dedup();
    let readable: HashSet<Uuid> = tx
        .people_search()
        .summaries_in_context(&others)
        .await?
        .iter()
        .filter(|(s, ctx)| authorize_read(&p.actor(), s.id, ctx).is_ok())
        .map(|(s, _)| s.id.0)
        .collect();
    Ok(rows
        .into_iter()
        .filter(|r| {
            r.children
                .iter()
                .all(|c| *c == person.0 || readable.contains(c))
        })
        .collect())
}

/// Notes with their authors' and correctors' names, read in one query.
async fn note_views(tx: &mut Tx, rows: Vec<NoteRow>) -> AppResult<Vec<NoteView>> {
    let mut ids: Vec<Uuid> = rows
        .iter()
        .flat_map(|n| std::iter::once(n.author_id).chain(n.corrections.iter().map(|c| c.by_id)))
        .collect();
    ids.sort();
    ids.dedup();
    let names = tx.users().names(&ids).await?;
    let name = |id: &Uuid| names.get(id).cloned().unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|note| NoteView {
            kind_label: note.kind.text().to_string(),
            author: name(&note.author_id),
            corrected_by: note.corrections.iter().map(|c| name(&c.by_id)).collect(),
            note,
        })
        .collect())
}

impl App {
    /// Write access to every child, in order; refused (and audited) for the first that is not.
    async fn write_each(
        &self,
        mut tx: Tx,
        p: &Principal,
        children: &[PersonId],
        action: &'static str,
    ) -> AppResult<(Tx, Vec<CaseAccess<Read>>)> {
        let mut out = Vec::with_capacity(children.len());
        for child in children {
            let (t, access) = self.write_access(tx, p, *child, action).await?;
            tx = t;
            out.push(access.as_read());
        }
        Ok((tx, out))
    }

    async fn note_view(&self, tx: &mut Tx, note: NoteRow) -> AppResult<NoteView> {
        note_views(tx, vec![note])
            .await?
            .pop()
            .ok_or(AppError::NotFound)
    }

    /// Records a case note about one or more children (a draft, or final at once).
    #[tracing::instrument(skip_all)]
    pub async fn record_note(&self, p: &Principal, input: &NoteInput) -> AppResult<NoteView> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let now = self.clock.now();
        let mut children: Vec<PersonId> = input.children.iter().copied().map(PersonId).collect();
        children.sort_by_key(|c| c.0);
        children.dedup();
        let (kind, at) = parse_note(
            p,
            &input.kind,
            &input.occurred_at,
            &input.body,
            children.len(),
            now,
        )?;
        let tx = self.db.begin().await?;
        let (mut tx, access) = self
            .write_each(tx, p, &children, "case-note.create")
            .await?;
        let state = if input.r#final {
            NoteState::Final
        } else {
            NoteState::Draft
        };
        let id = tx
            .case_notes()
            .insert(
                &NoteWrite {
                    kind,
                    occurred_at: at,
                    significant: input.significant,
                    body: &input.body,
                },
                &children,
                state,
                p.user.id,
                now,
            )
            .await?;
        for child in &children {
            tx.audit_about(
                now,
                child.0,
                note_entry(
                    p,
                    "case-note.create",
                    id,
                    Some(format!("kind={} state={}", kind.code(), state.code())),
                ),
            )
            .await?;
        }
        let note = tx.case_notes().get(&access[0], id).await?;
        let view = self.note_view(&mut tx, note).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Loads a note for writing, with write access to each of its children.
    async fn note_for_write(
        &self,
        p: &Principal,
        id: Uuid,
        action: &'static str,
    ) -> AppResult<(Tx, NoteRow, Vec<PersonId>)> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let mut tx = self.db.begin().await?;
        let children = tx.case_notes().children_of(id).await?;
        if children.is_empty() {
            return Err(AppError::NotFound);
        }
        let (mut tx, access) = self.write_each(tx, p, &children, action).await?;
        let note = tx.case_notes().get(&access[0], id).await?;
        Ok((tx, note, children))
    }

    /// Changes a draft note (its author's; a final note is never changed).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn update_note(
        &self,
        p: &Principal,
        id: Uuid,
        input: &NoteUpdate,
    ) -> AppResult<NoteView> {
        let now = self.clock.now();
        let (mut tx, note, children) = self.note_for_write(p, id, "case-note.update").await?;
        note.status.edit()?;
        if note.author_id != p.user.id.0 {
            return Err(AppError::Conflict(
                "Only the note's author changes a draft; add your own note instead".into(),
            ));
        }
        let (kind, at) = parse_note(
            p,
            &input.kind,
            &input.occurred_at,
            &input.body,
            children.len(),
            now,
        )?;
        tx.case_notes()
            .update_draft(
                id,
                input.version,
                &NoteWrite {
                    kind,
                    occurred_at: at,
                    significant: input.significant,
                    body: &input.body,
                },
                now,
            )
            .await?;
        self.finish_note(tx, p, id, &children, "case-note.update", None)
            .await
    }

    /// Makes a draft final.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn finalise_note(
        &self,
        p: &Principal,
        id: Uuid,
        input: &FinaliseInput,
    ) -> AppResult<NoteView> {
        let now = self.clock.now();
        let (mut tx, note, children) = self.note_for_write(p, id, "case-note.finalise").await?;
        note.status.finalise()?;
        tx.case_notes().finalise(id, input.version, now).await?;
        self.finish_note(tx, p, id, &children, "case-note.finalise", None)
            .await
    }

    /// Appends a correction to a final note, shown with who made it and when.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn correct_note(
        &self,
        p: &Principal,
        id: Uuid,
        input: &CorrectionInput,
    ) -> AppResult<NoteView> {
        let now = self.clock.now();
        check_correction(&input.text).map_err(AppError::Validation)?;
        let (mut tx, note, children) = self.note_for_write(p, id, "case-note.correct").await?;
        note.status.correct()?;
        let c = tx
            .case_notes()
            .add_correction(id, &input.text, p.user.id, now)
            .await?;
        self.finish_note(
            tx,
            p,
            id,
            &children,
            "case-note.correct",
            Some(format!("correction={c}")),
        )
        .await
    }

    async fn finish_note(
        &self,
        mut tx: Tx,
        p: &Principal,
        id: Uuid,
        children: &[PersonId],
        action: &'static str,
        detail: Option<String>,
    ) -> AppResult<NoteView> {
        let now = self.clock.now();
        for child in children {
            tx.audit_about(now, child.0, note_entry(p, action, id, detail.clone()))
                .await?;
        }
        let access = self.read_each(&mut tx, p, children).await?;
        let note = tx.case_notes().get(&access, id).await?;
        let view = self.note_view(&mut tx, note).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Read access to the note's first child, having checked the reader may read every one.
    async fn read_each(
        &self,
        tx: &mut Tx,
        p: &Principal,
        children: &[PersonId],
    ) -> AppResult<CaseAccess<Read>> {
        let mut first = None;
        for child in children {
            let ctx = tx
                .people()
                .context(*child)
                .await?
                .ok_or(AppError::NotFound)?;
            let a = hearth_domain::authz::authorize_read(&p.actor(), *child, &ctx)
                .map_err(AppError::Denied)?;
            first.get_or_insert(a);
        }
        first.ok_or(AppError::NotFound)
    }

    /// A note (audited against each child it is about).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_note(&self, p: &Principal, id: Uuid) -> AppResult<NoteView> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let children = tx.case_notes().children_of(id).await?;
        let mut access = None;
        for child in &children {
            let (t, a) = self.read_access(tx, p, *child, "case-note.view").await?;
            tx = t;
            access.get_or_insert(a);
        }
        let access = access.ok_or(AppError::NotFound)?;
        let note = tx.case_notes().get(&access, id).await?;
        let view = self.note_view(&mut tx, note).await?;
        let rows = children
            .iter()
            .map(|c| read_row_about(now, c.0, note_entry(p, "case-note.view", id, None)))
            .collect();
        self.audited(tx, rows).await?;
        Ok(view)
    }

    /// The child's notes, newest first (audited against the child).
    #[tracing::instrument(skip_all)]
    pub async fn notes_of(&self, p: &Principal, person: PersonId) -> AppResult<Vec<NoteView>> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access) = self.read_access(tx, p, person, "case-note.list").await?;
        let rows = tx.case_notes().of_child(&access, 500).await?;
        let rows = readable_notes(&mut tx, p, person, rows).await?;
        let out = note_views(&mut tx, rows).await?;
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "case-note.list",
            record_type: "person",
            record_id: Some(person.0.to_string()),
            outcome: AuditOutcome::Success,
            detail: Some(format!("notes={}", out.len())),
        };
        self.audited(tx, vec![read_row_about(now, person.0, row)])
            .await?;
        Ok(out)
    }
}
