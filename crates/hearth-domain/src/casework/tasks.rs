//! Tasks as one mechanism. Every clock (decision, assessment, checkpoints, later visits, reviews,
//! conferences) and every action with an owner and a due date is a task: its child, its owner,
//! when it is due and why (the clock's own explanation), and its state. A task's owner is whoever
//! holds the work — the child's allocated worker, or the manager who signs it off — so
//! reallocating a child moves their tasks with them; meeting the clock completes the task.
//!
//! My work groups the open tasks by child (and sibling group) into what is overdue, due today,
//! due this week and later.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::clock::ClockKind;

/// When an open task falls due, from a person's point of view today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bucket {
    Overdue,
    DueToday,
    DueThisWeek,
    Later,
}

vocab!(Bucket, "task bucket", [
    Bucket::Overdue => ("overdue", "Overdue"),
    Bucket::DueToday => ("due-today", "Due today"),
    Bucket::DueThisWeek => ("due-this-week", "Due this week"),
    Bucket::Later => ("later", "Later"),
]);

/// Which bucket a task due on `due` is in on `today`: "this week" runs to the end of the last
/// working day of the current week (a Friday, or earlier when it is a bank holiday).
pub fn bucket(due: NaiveDate, today: NaiveDate, cal: &Calendar) -> Bucket {
    if due < today {
        return Bucket::Overdue;
    }
    if due == today {
        return Bucket::DueToday;
    }
    let to_sunday = 6 - u64::from(today.weekday().num_days_from_monday());
    let sunday = today
        .checked_add_days(Days::new(to_sunday))
        .unwrap_or(today);
    let mut end = sunday;
    while end > today && !cal.is_working_day(end) {
        end = end.pred_opt().unwrap_or(today);
    }
    if due <= end.max(today) {
        Bucket::DueThisWeek
    } else {
        Bucket::Later
    }
}

/// Whose task a clock is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskOwner {
    /// The worker the child is allocated to.
    Worker,
    /// The manager who signs the work off (a checkpoint).
    Manager,
    /// The front door (the decision and the acknowledgement, before anyone is allocated).
    FrontDoor,
    /// The conference's chair (circulating the decision).
    Chair,
    /// A measure, not work: the census's own clock.
    Nobody,
}

impl ClockKind {
    /// Who does the work this clock measures.
    pub fn task_owner(self) -> TaskOwner {
        match self {
            // Seed 003 §4: the referral to the complex-needs panel is the manager's decision.
            ClockKind::AssessmentCheckpoint(_) | ClockKind::ComplexNeedsPanel => TaskOwner::Manager,
            ClockKind::ReferralDecision | ClockKind::ReferralAcknowledgement => {
                TaskOwner::FrontDoor
            }
            ClockKind::AssessmentCensus => TaskOwner::Nobody,
            ClockKind::DecisionCirculation => TaskOwner::Chair,
            _ => TaskOwner::Worker,
        }
    }
}

/// One child's open tasks, with their siblings' tasks beside them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FamilyGroup<T> {
    /// The children in the group (one, or a sibling group), in order of their first task.
    pub children: Vec<uuid::Uuid>,
    pub tasks: Vec<T>,
}

/// Groups tasks by child, then joins the groups of children who are siblings (`sibling_pairs`),
/// each group's tasks in due order, groups ordered by their earliest task.
pub fn group_by_family<T: Clone>(
    tasks: &[T],
    child_of: impl Fn(&T) -> uuid::Uuid,
    due_of: impl Fn(&T) -> NaiveDate,
    sibling_pairs: &[(uuid::Uuid, uuid::Uuid)],
) -> Vec<FamilyGroup<T>> {
    // Union-find over the children with tasks.
    let mut children: Vec<uuid::Uuid> = tasks.iter().map(&child_of).collect();
    children.sort();
    children.dedup();
    let mut parent: Vec<usize> = (0..children.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (a, b) in sibling_pairs {
        if let (Ok(i), Ok(j)) = (children.binary_search(a), children.binary_search(b)) {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri] = rj;
        }
    }
    let mut groups: Vec<(usize, FamilyGroup<T>)> = Vec::new();
    let mut sorted: Vec<&T> = tasks.iter().collect();
    sorted.sort_by_key(|t| due_of(t));
    for t in sorted {
        let Ok(i) = children.binary_search(&child_of(t)) else {
            continue;
        };
        let r = root(&mut parent, i);
        match groups.iter_mut().find(|(g, _)| *g == r) {
            Some((_, g)) => {
                if !g.children.contains(&child_of(t)) {
                    g.children.push(child_of(t));
                }
                g.tasks.push(t.clone());
            }
            None => groups.push((
                r,
                FamilyGroup {
                    children: vec![child_of(t)],
                    tasks: vec![t.clone()],
                },
            )),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    // Wednesday 23 December 2026: Thursday 24th is this week; Friday 25th (Christmas Day) is not
    // a working day, so the week's last working day is Thursday; Monday 28th (Boxing Day
    // substitute) and later are later.
    #[test]
    fn buckets_follow_the_working_week() {
        let cal = Calendar::england_and_wales();
        let today = d("2026-12-23");
        assert_eq!(bucket(d("2026-12-22"), today, &cal), Bucket::Overdue);
        assert_eq!(bucket(d("2026-12-23"), today, &cal), Bucket::DueToday);
        assert_eq!(bucket(d("2026-12-24"), today, &cal), Bucket::DueThisWeek);
        assert_eq!(bucket(d("2026-12-25"), today, &cal), Bucket::Later);
        assert_eq!(bucket(d("2026-12-29"), today, &cal), Bucket::Later);
        // An ordinary Monday: Friday is this week, next Monday later.
        let monday = d("2026-11-23");
        assert_eq!(bucket(d("2026-11-27"), monday, &cal), Bucket::DueThisWeek);
        assert_eq!(bucket(d("2026-11-30"), monday, &cal), Bucket::Later);
    }

    #[test]
    fn siblings_are_grouped_and_each_group_is_in_due_order() {
        let (a, b, c) = (
            uuid::Uuid::from_u128(1),
            uuid::Uuid::from_u128(2),
            uuid::Uuid::from_u128(3),
        );
        let tasks = vec![
            (a, d("2026-11-30"), "a-late"),
            (c, d("2026-11-25"), "c"),
            (b, d("2026-11-24"), "b"),
            (a, d("2026-11-26"), "a-early"),
        ];
        let groups = group_by_family(&tasks, |t| t.0, |t| t.1, &[(a, b)]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].children, vec![b, a]);
        let names: Vec<&str> = groups[0].tasks.iter().map(|t| t.2).collect();
        assert_eq!(names, vec!["b", "a-early", "a-late"]);
        assert_eq!(groups[1].children, vec![c]);
    }

    #[test]
    fn each_clock_has_its_owner() {
        assert_eq!(
            ClockKind::AssessmentCheckpoint(2).task_owner(),
            TaskOwner::Manager
        );
        assert_eq!(
            ClockKind::AssessmentCompletion.task_owner(),
            TaskOwner::Worker
        );
        assert_eq!(
            ClockKind::StrategyDiscussion.task_owner(),
            TaskOwner::Worker
        );
        assert_eq!(
            ClockKind::ReferralDecision.task_owner(),
            TaskOwner::FrontDoor
        );
        assert_eq!(ClockKind::AssessmentCensus.task_owner(), TaskOwner::Nobody);
    }
}
