//! A realistic synthetic council year through Hearth on both databases (issue 16, item 5): two
//! thousand children through every pathway are imported as a previous system's return, then
//! exported by Hearth. The export has no error and no query under Hearth's DfE rules and under
//! the public validator (`csc-validator-be-cin`, from the project's `.venv`), and carries the same
//! children, episodes and dates element for element.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;
use common::TestServer;
use hearth_app::returns::census_export::FileSink;
use hearth_census::read::Reader;
use hearth_census::write::Writer;
use hearth_census::{synthetic, Child};

const CHILDREN: usize = 2_000;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(|p| p.parent())
        .unwrap()
        .to_path_buf()
}

/// Disabilities and factors are sets: compared in one order.
fn normal(mut c: Child) -> Child {
    c.key = None;
    c.disabilities.sort();
    for e in &mut c.episodes {
        e.key = None;
        for a in &mut e.assessments {
            a.key = None;
            a.factors.sort();
        }
        e.cin_plans.iter_mut().for_each(|p| p.key = None);
        e.section47s.iter_mut().for_each(|q| q.key = None);
        e.cp_plans.iter_mut().for_each(|p| p.key = None);
    }
    c
}

fn read_all(path: &std::path::Path) -> Vec<Child> {
    let f = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut r = Reader::new(f).unwrap();
    let mut out = Vec::new();
    while let Some(c) = r.next_child().unwrap() {
        out.push(normal(c));
    }
    out
}

/// The public validator's findings on one file: (findings, rules that crashed).
fn public_validator(
    file: &std::path::Path,
    ruleset: &str,
) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let py = std::env::var_os("CIN_VALIDATOR_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv/bin/python"));
    assert!(
        py.exists(),
        "run scripts/install-deps: the public validator's .venv is missing"
    );
    let out = Command::new(&py)
        .arg(repo_root().join("scripts/cin-validator-json"))
        .args(["--jobs", "1", "--ruleset", ruleset])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    (
        v["findings"].as_array().unwrap().clone(),
        v["crashed"].as_array().unwrap().clone(),
    )
}

both_dbs!(
    a_synthetic_council_year_exports_clean_under_both_validators,
    |s: TestServer| async move {
        s.add_user("admin@census.test", "administrator").await;
        let reference = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let dir = common::TempDir(
            std::env::temp_dir().join(format!("hearth-synth-{}", uuid::Uuid::new_v4())),
        );
        std::fs::create_dir_all(&dir.0).unwrap();
        let given = dir.0.join("previous-system.xml");
        let mut w = Writer::new(
            std::io::BufWriter::new(std::fs::File::create(&given).unwrap()),
            &synthetic::header(reference, "999"),
        )
        .unwrap();
        for c in synthetic::council_year(2026, CHILDREN, reference) {
            w.child(&c).unwrap();
        }
        w.finish().unwrap();

        let summary = hearth_app::returns::census_import::import_file(&s.app, &given, |_, _| {})
            .await
            .unwrap();
        assert!(
            summary.refused.is_empty(),
            "{:?}",
            &summary.refused[..summary.refused.len().min(5)]
        );
        assert_eq!(summary.children_added, CHILDREN, "{summary}");

        let exported = dir.0.join("hearth.xml");
        let mut sink = FileSink(std::io::BufWriter::new(
            std::fs::File::create(&exported).unwrap(),
        ));
        let (head, year, rules) = s.app.census_export_begin(None, 2026).await.unwrap();
        let (done, report) = s
            .app
            .census_export_write(head, year, rules, &mut sink)
            .await
            .unwrap();
        use std::io::Write as _;
        sink.0.flush().unwrap();
        assert_eq!(done.children, CHILDREN);
        assert!(
            report.issues.is_empty(),
            "Hearth's rules: {} errors, {} queries, first {:?}",
            report.errors,
            report.queries,
            report.issues.first()
        );

        // Element for element: the children, episodes and dates of the return imported.
        // Hearth writes children in LA child ID order.
        let mut before = read_all(&given);
        before.sort_by(|a, b| a.la_child_id.cmp(&b.la_child_id));
        let after = read_all(&exported);
        assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(a, b, "child {:?}", b.la_child_id);
        }

        // The public validator on Hearth's file: nothing found, nothing crashed.
        let (findings, crashed) = public_validator(&exported, "cin2025_26");
        assert!(
            findings.is_empty(),
            "the public validator found {} issues, first {:?}",
            findings.len(),
            &findings[..findings.len().min(5)]
        );
        assert!(crashed.is_empty(), "{crashed:?}");
    }
);
