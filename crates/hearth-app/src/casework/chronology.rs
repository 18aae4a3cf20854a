//! The child's chronology, generated from what is recorded: contacts, referrals and decisions,
//! protective action, strategy discussions, assessments and their visits, and case notes (the
//! significant ones flagged), with the worker's analysis of what the pattern means.

use hearth_domain::authz::{CaseAccess, GeneralAction, Read};
use hearth_domain::casework::chronology::{arrange, Entry, EventKind, Filter};
use hearth_domain::casework::notes::NoteState;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::limits::check_narrative;
use hearth_domain::person::parse_date;
use hearth_domain::uk_time::uk_date;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::Tx;

use crate::accounts::auth::Principal;
use crate::assessment::lifecycle::name_of;
use crate::casework::notes::readable_notes;
use crate::casework::types::{AnalysisInput, ChronologyQuery, ChronologyView};
use crate::error::{AppError, AppResult};
use crate::people::cases::shown;
use crate::{read_row_about, App};

/// The filter as the query string gives it; every problem named by its field.
pub fn parse_filter(q: &ChronologyQuery) -> Result<Filter, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let date = |field: &str, label: &str, v: &Option<String>, e: &mut ValidationErrors| {
        v.as_deref()
            .filter(|s| !s.trim().is_empty())
            .and_then(|s| parse_date(field, label, s, e))
    };
    let from = date("from", "From", &q.from, &mut e);
    let to = date("to", "To", &q.to, &mut e);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            e.add(
                "to",
                "before_from",
                "The end date must not be before the start date",
            );
        }
    }
    let mut kinds = Vec::new();
    for k in q
        .kind
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        match EventKind::parse(k) {
            Ok(k) => kinds.push(k),
            Err(m) => e.add("kind", "unknown_code", m),
        }
    }
    e.into_result(Filter {
        from,
        to,
        kinds,
        significant_only: q.significant.unwrap_or(false),
    })
}

impl App {
    async fn chronology_entries(
        &self,
        tx: &mut Tx,
        p: &Principal,
        access: &CaseAccess<Read>,
    ) -> AppResult<Vec<Entry>> {
        let mut out = Vec::new();
        for (_, c) in tx.contacts().about(&[access]).await? {
            out.push(Entry {
                on: uk_date(c.received_at),
                at: Some(c.received_at),
                kind: EventKind::Contact,
                summary: format!("Contact ({}): {}", c.method.text(), c.summary),
                significant: false,
                link: None,
            });
        }
        for r in tx.referrals().of_child(access).await? {
            out.push(Entry {
                on: r.referral_date,
                at: Some(r.received_at),
                kind: EventKind::Referral,
                summary: if r.re_referral {
                    "Referral (a re-referral within 12 months)".into()
                } else {
                    "Referral".into()
                },
                significant: false,
                link: Some(format!("/referrals/{}", r.id.0)),
            });
            if let Some(on) = r.decided_on {
                let outcomes: Vec<&str> = r.outcomes.iter().map(|o| o.text()).collect();
                out.push(Entry {
                    on,
                    at: r.decided_at,
                    kind: EventKind::Decision,
                    summary: format!("Referral decided: {}", outcomes.join("; ")),
                    significant: r.outcomes.iter().any(|o| o.opens_strategy_discussion()),
                    link: Some(format!("/referrals/{}", r.id.0)),
                });
            }
            for a in tx.referrals().protective_actions(r.id.0).await? {
                out.push(Entry {
                    on: a.taken_on,
                    at: None,
                    kind: EventKind::ProtectiveAction,
                    summary: format!("{}: {}", a.kind.text(), a.detail),
                    significant: true,
                    link: Some(format!("/referrals/{}", r.id.0)),
                });
            }
        }
        for d in tx.strategy_discussions().of_child(access).await? {
            let link = Some(format!("/strategy-discussions/{}", d.id));
            out.push(Entry {
                on: d.requested_on,
                at: Some(d.requested_at),
                kind: EventKind::StrategyDiscussion,
                summary: format!("Strategy discussion asked for: {}", d.reason),
                significant: true,
                link: link.clone(),
            });
            if let Some(h) = &d.held {
                out.push(Entry {
                    on: h.held_on,
                    at: None,
                    kind: EventKind::StrategyDiscussion,
                    summary: format!(
                        "Strategy discussion held ({}): {}",
                        if h.start_section_47 {
                            "section 47 enquiries started"
                        } else {
                            "no section 47 enquiry"
                        },
                        h.summary
                    ),
                    significant: true,
                    link,
                });
            }
        }
        for a in tx.assessments().of_child(access).await? {
            let link = Some(format!("/assessments/{}", a.id.0));
            out.push(Entry {
                on: a.start_date,
                at: None,
                kind: EventKind::Assessment,
                summary: "Assessment started".into(),
                significant: false,
                link: link.clone(),
            });
            if let Some(on) = a.authorised_on {
                let outcomes: Vec<&str> = a.outcomes.iter().map(|o| o.text()).collect();
                out.push(Entry {
                    on,
                    at: a.authorised_at,
                    kind: EventKind::Assessment,
                    summary: format!("Assessment authorised: {}", outcomes.join("; ")),
                    significant: false,
                    link: link.clone(),
                });
            }
            for v in tx.assessment_records().visits(a.id.0).await? {
                out.push(Entry {
                    on: v.visit_date,
                    at: None,
                    kind: EventKind::Visit,
                    summary: format!(
                        "Visit: {}{}",
                        if v.child_seen {
                            if v.seen_alone {
                                "child seen, and seen alone"
                            } else {
                                "child seen"
                            }
                        } else {
                            "child not seen"
                        },
                        if v.notes.trim().is_empty() {
                            String::new()
                        } else {
                            format!(". {}", v.notes.trim())
                        }
                    ),
                    significant: false,
                    link: link.clone(),
                });
            }
        }
        out.extend(crate::casework::chronology_protection::protection_entries(tx, access).await?);
        out.extend(crate::casework::chronology_cin::cin_entries(tx, access).await?);
        let notes = tx.case_notes().of_child(access, 5000).await?;
        for n in readable_notes(tx, p, access.person(), notes).await? {
            if n.status == NoteState::Final {
                out.push(Entry {
                    on: uk_date(n.occurred_at),
                    at: Some(n.occurred_at),
                    kind: EventKind::CaseNote,
                    summary: format!("{}: {}", n.kind.text(), n.body),
                    significant: n.significant,
                    link: Some(format!("/case-notes/{}", n.id)),
                });
            }
        }
        Ok(out)
    }

    /// The child's chronology, filtered, with the worker's analysis (audited against the child).
    #[tracing::instrument(skip_all)]
    pub async fn chronology(
        &self,
        p: &Principal,
        person: PersonId,
        q: &ChronologyQuery,
    ) -> AppResult<ChronologyView> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let filter = parse_filter(q).map_err(AppError::Validation)?;
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access) = self.read_access(tx, p, person, "chronology.view").await?;
        let entries = self.chronology_entries(&mut tx, p, &access).await?;
        let entries = arrange(entries, &filter);
        let analysis = tx.case_notes().analysis(&access).await?;
        let child = shown(p, tx.people_search().summaries_in_context(&[person]).await?)
            .into_iter()
            .next()
            .map(|s| s.name)
            .unwrap_or_default();
        let (text, by, at, version) = match analysis {
            Some(a) => (
                Some(a.text),
                name_of(&mut tx, Some(a.by_id)).await.ok(),
                Some(a.at),
                a.version,
            ),
            None => (None, None, None, 0),
        };
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "chronology.view",
            record_type: "person",
            record_id: Some(person.0.to_string()),
            outcome: AuditOutcome::Success,
            detail: Some(format!("entries={}", entries.len())),
        };
        self.audited(tx, vec![read_row_about(now, person.0, row)])
            .await?;
        Ok(ChronologyView {
            child_id: person.0,
            child,
            entries,
            analysis: text,
            analysis_by: by,
            analysis_at: at,
            analysis_version: version,
        })
    }

    /// Records the worker's analysis of what the chronology's pattern means.
    #[tracing::instrument(skip_all)]
    pub async fn record_chronology_analysis(
        &self,
        p: &Principal,
        person: PersonId,
        input: &AnalysisInput,
    ) -> AppResult<ChronologyView> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let mut e = ValidationErrors::default();
        if input.text.trim().is_empty() {
            e.add(
                "text",
                "required",
                "Write what the pattern of events means for the child",
            );
        }
        check_narrative(&mut e, "text", "The analysis", input.text.trim());
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let now = self.clock.now();
        let tx = self.db.begin().await?;
        let (mut tx, access) = self
            .write_access(tx, p, person, "chronology.analysis")
            .await?;
        tx.case_notes()
            .save_analysis(
                &access.as_read(),
                input.text.trim(),
                input.version,
                p.user.id,
                now,
            )
            .await?;
        tx.audit_about(
            now,
            person.0,
            AuditEntry {
                user: Some(p.user.id),
                action: "chronology.analysis",
                record_type: "person",
                record_id: Some(person.0.to_string()),
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        self.chronology(p, person, &ChronologyQuery::default())
            .await
    }
}
