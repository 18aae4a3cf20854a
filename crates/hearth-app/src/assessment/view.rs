//! Builds the whole assessment as one view: clocks, sections, visits, views, agency requests,
//! checkpoints, the census measure and what the record shows for each item of the completion
//! gate.

use hearth_domain::authz::{CaseAccess, Read};
use std::collections::BTreeMap;

use hearth_domain::assessment::seen_across::{reason_needed_on, seen_across, SeenOnVisit};
use hearth_domain::assessment::{
    gaps, AgencyType, GateAnswer, GateEvidence, GateItem, Origin, Section, Speaker, ViewKind,
};
use hearth_domain::calendar::Calendar;
use hearth_domain::clock::ClockKind;
use hearth_domain::ids::PersonId;
use hearth_domain::uk_time::format_date;
use hearth_store::assessment::assessments::AssessmentRow;
use hearth_store::assessment::records::VisitRow;
use hearth_store::Tx;

use crate::assessment::lifecycle::name_of;
use crate::assessment::types::*;
use crate::error::{AppError, AppResult};
use crate::App;

fn label_of<T>(
    code: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    text: impl Fn(T) -> &'static str,
) -> String {
    parse(code).map_or_else(|_| code.to_string(), |v| text(v).to_string())
}

fn census(cal: &Calendar, a: &AssessmentRow, today: chrono::NaiveDate) -> CensusMeasure {
    let end = a.authorised_on.unwrap_or(today).max(a.start_date);
    let working_days = cal.working_days_between(a.start_date, end);
    let within_45 = working_days <= 45;
    let sentence = match a.authorised_on {
        Some(d) => format!(
            "Authorised {} working days after the assessment started on {} (authorised {}); the census counts it {} 45 working days",
            working_days,
            format_date(a.start_date),
            format_date(d),
            if within_45 { "within" } else { "over" }
        ),
        None => format!(
            "{} working days since the assessment started on {}; not yet authorised",
            working_days,
            format_date(a.start_date)
        ),
    };
    CensusMeasure {
        start_date: a.start_date,
        authorised_on: a.authorised_on,
        working_days,
        within_45,
        sentence,
    }
}

fn gate_view(
    a: &AssessmentRow,
    sections: &[SectionView],
    visits: &[VisitView],
    views: &[ViewEntry],
    agencies: &[AgencyRequestView],
    ev: &GateEvidence,
) -> Vec<GateItemView> {
    let answers: Vec<GateAnswer> = a
        .gate
        .as_deref()
        .and_then(|g| serde_json::from_str(g).ok())
        .unwrap_or_default();
    let spoke = |s: Speaker| {
        views
            .iter()
            .any(|v| v.entry.speaker == s.code() && v.entry.kind == ViewKind::ViewsAndWishes.code())
    };
    let alone = visits.iter().filter(|v| v.visit.seen_alone).count();
    let parents: Vec<&str> = [Speaker::Mother, Speaker::Father, Speaker::ParentOrCarer]
        .into_iter()
        .filter(|s| spoke(*s))
        .map(|s| s.text())
        .collect();
    let replied = agencies
        .iter()
        .filter(|r| r.request.response_on.is_some())
        .count();
    let analysis = sections
        .iter()
        .find(|s| s.section == Section::Analysis.code())
        .and_then(|s| s.fields.get("analysis"))
        .map_or(0, |t| t.split_whitespace().count());
    GateItem::ALL
        .iter()
        .map(|item| {
            // What the record shows, in words; whether it shows the item met is the gate's own
            // check (`gaps`), so the page shows exactly what authorising will refuse.
            let evidence = match item {
                GateItem::ChildSeenAloneAndViews => format!(
                    "Seen alone on {alone} visit(s); child's views {}",
                    if spoke(Speaker::Child) {
                        "recorded"
                    } else {
                        "not recorded"
                    }
                ),
                GateItem::AllChildrenSeen => {
                    let n = visits
                        .iter()
                        .filter(|v| v.visit.all_children_considered)
                        .count();
                    format!("All children in the household considered on {n} visit(s)")
                }
                GateItem::HomeAndBedroomSeen => {
                    let n = visits
                        .iter()
                        .filter(|v| v.visit.home_seen && v.visit.bedroom_seen)
                        .count();
                    format!("Home and bedroom seen on {n} visit(s)")
                }
                GateItem::ParentsSeenAndViews => {
                    let seen = ev
                        .parents
                        .iter()
                        .filter(|(p, _)| ev.visits.iter().any(|v| v.people_seen.contains(p)))
                        .count();
                    format!(
                        "{}; {seen} of the {} parent(s) on the child's record seen at a visit",
                        if parents.is_empty() {
                            "No parent's views recorded".to_string()
                        } else {
                            format!("Views recorded from: {}", parents.join(", "))
                        },
                        ev.parents.len()
                    )
                }
                GateItem::AgenciesConsulted => {
                    format!("{} agency request(s), {replied} replied", agencies.len())
                }
                GateItem::AnalysisComplete => format!("Analysis: {analysis} words"),
            };
            let answer = answers.iter().find(|x| x.item == item.code());
            let missing = gaps(*item, ev);
            GateItemView {
                item: item.code().into(),
                label: item.text().into(),
                source: item.source().into(),
                quote: item.quote().into(),
                evidence,
                shown_met: missing.is_empty(),
                gaps: missing,
                met: answer.map(|x| x.met),
                reason: answer.map(|x| x.reason.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// Users' names, each looked up once per view.
#[derive(Default)]
struct Names(std::collections::HashMap<uuid::Uuid, String>);

impl Names {
    async fn get(&mut self, tx: &mut Tx, id: Option<uuid::Uuid>) -> AppResult<String> {
        let Some(id) = id else {
            return Ok(String::new());
        };
        if let Some(n) = self.0.get(&id) {
            return Ok(n.clone());
        }
        let n = name_of(tx, Some(id)).await?;
        self.0.insert(id, n.clone());
        Ok(n)
    }
}

impl App {
    pub(crate) async fn assessment_view(
        &self,
        tx: &mut Tx,
        access: &CaseAccess<Read>,
        a: AssessmentRow,
    ) -> AppResult<AssessmentView> {
        let (cal, census_cal) = Self::calendars_in(tx).await?;
        let today = self.clock.today();
        let mut names = Names::default();
        let child = tx
            .people_search()
            .summaries(&[PersonId(a.person_id)])
            .await?
            .into_iter()
            .next()
            .ok_or(AppError::NotFound)?;
        let clock_rows = tx.clocks_for("assessment", &a.id.to_string()).await?;
        let protocol = clock_rows
            .first()
            .map(|c| format!("{} v{}", c.protocol_name, c.protocol_version))
            .unwrap_or_default();
        let first_stage_label = clock_rows
            .iter()
            .filter_map(|c| ClockKind::parse(&c.kind))
            .find(|k| {
                matches!(
                    k,
                    ClockKind::AssessmentFirstStage | ClockKind::InitialAssessment
                )
            })
            .map(ClockKind::label);
        let mut clock_rows = clock_rows;
        // The national clock first, then the census measure, then the rest by due date.
        clock_rows.sort_by_key(|c| {
            let rank = match ClockKind::parse(&c.kind) {
                Some(ClockKind::AssessmentCompletion) => 0,
                Some(ClockKind::AssessmentCensus) => 1,
                _ => 2,
            };
            (rank, c.due_date)
        });
        let clocks: Vec<_> = clock_rows
            .into_iter()
            .map(|c| self.view_clock(c, &cal))
            .collect();
        let stored = tx.assessments().sections(a.id.0).await?;
        let mut sections = Vec::new();
        for s in Section::ALL {
            let row = stored.iter().find(|r| r.section == s.code());
            let fields: BTreeMap<String, String> = row
                .map(|r| serde_json::from_str(&r.body).unwrap_or_default())
                .unwrap_or_default();
            sections.push(SectionView {
                section: s.code().into(),
                label: s.text().into(),
                version: row.map_or(0, |r| r.version),
                fields,
                updated_by: names.get(tx, row.map(|r| r.updated_by)).await?,
                updated_at: row.map(|r| r.updated_at),
            });
        }
        let rows = tx.assessment_records().visits(a.id.0).await?;
        let seen = seen_on_visits(&rows);
        let ask_on = reason_needed_on(&seen);
        let seen_across = seen_across(&seen).text();
        let mut visits = Vec::new();
        for (i, v) in rows.into_iter().enumerate() {
            visits.push(VisitView {
                recorded_by_name: names.get(tx, Some(v.recorded_by)).await?,
                reason_needed: ask_on == Some(i),
                manager_reason_by_name: names.get(tx, v.manager_reason_by).await?,
                visit: v,
            });
        }
        let mut views = Vec::new();
        for v in tx.assessment_records().views(a.id.0).await? {
            views.push(ViewEntry {
                speaker_label: label_of(&v.speaker, Speaker::parse, Speaker::text),
                kind_label: label_of(&v.kind, ViewKind::parse, ViewKind::text),
                recorded_by_name: names.get(tx, Some(v.recorded_by)).await?,
                entry: v,
            });
        }
        let mut agency_requests = Vec::new();
        for r in tx.assessment_records().agency_requests(a.id.0).await? {
            agency_requests.push(AgencyRequestView {
                agency_type_label: label_of(&r.agency_type, AgencyType::parse, AgencyType::text),
                requested_by_name: names.get(tx, Some(r.requested_by)).await?,
                request: r,
            });
        }
        // What the front door learned from other agencies carries into the assessment.
        let front_door_checks = match a.referral_id {
            Some(r) => tx.referrals().agency_checks(r).await?,
            None => Vec::new(),
        };
        let mut checkpoints = Vec::new();
        for c in tx.assessment_records().checkpoints(a.id.0).await? {
            let clock = clocks
                .iter()
                .find(|k| k.clock.id == c.clock_id)
                .cloned()
                .ok_or_else(|| AppError::Internal("checkpoint without its clock".into()))?;
            checkpoints.push(CheckpointView {
                answered_by_name: names.get(tx, c.answered_by).await?,
                clock,
                checkpoint: c,
            });
        }
        let factors = a
            .factors
            .iter()
            .map(|f| CodeLabel {
                code: f.code.to_string(),
                label: f.label.to_string(),
            })
            .collect();
        let outcomes = a
            .outcomes
            .iter()
            .map(|o| CodeLabel {
                code: o.code().to_string(),
                label: o.text().to_string(),
            })
            .collect();
        let census_meaning = a
            .in_need
            .map(|n| hearth_domain::assessment::outcome::census_meaning(n).to_string());
        let parents = crate::assessment::evidence::parents_of(tx, access).await?;
        let analysis_written = crate::assessment::evidence::analysis_written(tx, a.id.0).await?;
        let ev = crate::assessment::evidence::gate_evidence(
            &visits.iter().map(|v| &v.visit).collect::<Vec<_>>(),
            &views.iter().map(|v| &v.entry).collect::<Vec<_>>(),
            &agency_requests
                .iter()
                .map(|r| &r.request)
                .collect::<Vec<_>>(),
            analysis_written,
            parents,
        );
        let gate = gate_view(&a, &sections, &visits, &views, &agency_requests, &ev);
        let parents_on_record = ev
            .parents
            .iter()
            .map(|(id, name)| ParentOnRecord {
                person_id: id.0,
                name: name.clone(),
                seen: ev.visits.iter().any(|v| v.people_seen.contains(id)),
            })
            .collect();
        let mut interpreter_decisions = Vec::new();
        for d in tx
            .assessment_records()
            .interpreter_decisions(a.id.0)
            .await?
        {
            interpreter_decisions.push(InterpreterDecisionView {
                choice: d.choice.code().into(),
                choice_label: d.choice.text().into(),
                reasons: d.reasons,
                decided_by_name: names.get(tx, Some(d.decided_by)).await?,
                approved_by_name: names.get(tx, d.approved_by).await?,
                decided_at: d.decided_at,
            });
        }
        let episode = tx.episodes().get(access, a.episode_id).await?;
        let episode_closure = match (episode.closure_date, episode.closure_reason) {
            (Some(d), Some(r)) => Some(format!(
                "Episode closed {} ({} {})",
                format_date(d),
                r.code(),
                r.label()
            )),
            _ => None,
        };
        let mut view = AssessmentView {
            id: a.id.0,
            child,
            episode_id: a.episode_id.0,
            referral_id: a.referral_id,
            origin_label: label_of(&a.origin, Origin::parse, Origin::text),
            origin: a.origin.clone(),
            origin_note: a.origin_note.clone(),
            referral_date: a.referral_date,
            start_date: a.start_date,
            expected_delivery: a.expected_delivery,
            worker_id: a.worker_id,
            worker_name: names.get(tx, a.worker_id).await?,
            status_label: a.status.label().to_string(),
            status: a.status,
            protocol,
            census: census(&census_cal, &a, today),
            clocks,
            first_stage_label,
            first_stage_on: a.first_stage_on,
            first_stage_note: a.first_stage_note.clone(),
            sections,
            visits,
            seen_across,
            views,
            agency_requests,
            front_door_checks,
            checkpoints,
            factors,
            outcomes,
            in_need: a.in_need,
            census_meaning,
            completed_on: a.completed_on,
            late_reason: a.late_reason.clone(),
            returned_note: a.returned_note.clone(),
            gate,
            parents_on_record,
            interpreter_decisions,
            authorised_on: a.authorised_on,
            authorised_by: names.get(tx, a.authorised_by).await?,
            acted_on_at: a.acted_on_at,
            follow_on: tx.assessments().follow_on(a.id.0).await?,
            episode_closure,
            withholdings: Vec::new(),
            family_copy_leaves_out: false,
            version: a.version,
        };
        view.withholdings = crate::assessment::family_copy::withholding_views(tx, &view).await?;
        Ok(view)
    }
}

/// Each visit as evidence for judging the child seen alone across the assessment.
pub(crate) fn seen_on_visits(rows: &[VisitRow]) -> Vec<SeenOnVisit> {
    rows.iter()
        .map(|v| SeenOnVisit {
            date: v.visit_date,
            child_seen: v.child_seen,
            seen_alone: v.seen_alone,
            has_reason: v.manager_reason.is_some(),
        })
        .collect()
}
