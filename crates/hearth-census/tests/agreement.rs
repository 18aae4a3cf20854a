//! Agreement between Hearth's census validator and the public DfE validator
//! (`csc-validator-be-cin` 0.1.13, run by `scripts/cin-validator-json` from the project's `.venv`,
//! which `scripts/install-deps` creates).
//!
//! The corpus (`tests/corpus`, written by `make_corpus.py`; `manifest.tsv` lists each file with its
//! ruleset, the rule it breaks and the child it names) is validated by both, and per file the sets
//! of (rule code, LAchildID) must be equal — except for the rules in [`BLIND`], where the package is
//! known to be blind or wrong: those are left out of the comparison, and Hearth alone must report
//! the rule on its break file for the named child and never on a valid file.
//!
//! Set `CIN_VALIDATOR_PYTHON` to use another interpreter than `<repo>/.venv/bin/python`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::Command;

use hearth_census::read::validate_reader;
use hearth_census::Ruleset;

/// Rules where csc-validator-be-cin 0.1.13 cannot be trusted on XML input, with the reason
/// (reproduced on this corpus: `scripts/cin-validator-json` lists a rule that raised under
/// `crashed`).
const BLIND: &[(&str, &str)] = &[
    (
        "2887Q",
        "the package counts the children with disability NONE, not the distinct codes used: it \
         fires on any return with fewer than 8 NONE rows (and is silent on one using 2 codes if 8 \
         children have NONE)",
    ),
    (
        "8565",
        "raises ValueError (\"Length of values (0) does not match length of index (1)\") on some \
         returns (break_4008: a closed episode with a CIN plan), losing its findings",
    ),
    (
        "8614",
        "raises whenever it should fire (factors on an assessment not completed)",
    ),
    (
        "8869",
        "never fires on XML: factor 21 alongside other factors goes unreported",
    ),
    (
        "8870Q",
        "never fires on XML: an ICPC target date at a weekend goes unreported",
    ),
    (
        "8898",
        "raises TypeError (unhashable type: 'list') whenever it should fire (a factor twice in one \
         assessment: break_8898), so reports nothing",
    ),
    ("8935", "misses two open CP plans in one episode"),
    ("8945Q", "never fires on XML: factor 18A goes unreported"),
    ("8950Q", "never fires on XML: factor 19A goes unreported"),
];

type Finding = (String, Option<String>);

struct Entry {
    file: String,
    ruleset: String,
    /// The rule the file breaks (None for a valid file).
    rule: Option<String>,
    /// The child the break names (None for a whole-return finding).
    child: Option<String>,
}

struct Package {
    findings: BTreeSet<Finding>,
    crashed: BTreeMap<String, String>,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir() -> PathBuf {
    manifest_dir().join("tests").join("corpus")
}

fn repo_root() -> PathBuf {
    manifest_dir()
        .parent()
        .and_then(Path::parent)
        .expect("crates/hearth-census sits two levels under the repository")
        .to_path_buf()
}

fn blind(code: &str) -> bool {
    BLIND.iter().any(|(c, _)| *c == code)
}

fn manifest() -> Vec<Entry> {
    let path = corpus_dir().join("manifest.tsv");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let opt = |s: &str| (s != "-").then(|| s.to_string());
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "manifest.tsv line {l:?}");
            Entry {
                file: f[0].to_string(),
                ruleset: f[1].to_string(),
                rule: opt(f[2]),
                child: opt(f[3]),
            }
        })
        .collect()
}

fn python() -> PathBuf {
    let p = std::env::var_os("CIN_VALIDATOR_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv").join("bin").join("python"));
    assert!(
        p.exists(),
        "the public DfE validator's Python is missing ({}): run scripts/install-deps (it creates \
         .venv with csc-validator-be-cin 0.1.13), or set CIN_VALIDATOR_PYTHON",
        p.display()
    );
    p
}

/// Runs the public validator once per ruleset over every file of the corpus.
fn package(entries: &[Entry]) -> BTreeMap<String, Package> {
    let py = python();
    let script = repo_root().join("scripts").join("cin-validator-json");
    let jobs = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4);
    let mut by_ruleset: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        by_ruleset.entry(&e.ruleset).or_default().push(e);
    }
    let mut out = BTreeMap::new();
    for (ruleset, es) in by_ruleset {
        let started = std::time::Instant::now();
        let output = Command::new(&py)
            .arg(&script)
            .args(["--jobs", &jobs.to_string(), "--ruleset", ruleset])
            .args(es.iter().map(|e| corpus_dir().join(&e.file)))
            .output()
            .unwrap_or_else(|e| panic!("cannot run {} {}: {e}", py.display(), script.display()));
        assert!(
            output.status.success(),
            "scripts/cin-validator-json failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        eprintln!(
            "public validator: {} files under {ruleset} in {:.1}s",
            es.len(),
            started.elapsed().as_secs_f64()
        );
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("cin-validator-json printed {line:?}: {e}"));
            let file = Path::new(v["file"].as_str().expect("file"))
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            if let Some(err) = v.get("error") {
                panic!("the public validator could not read {file}: {err}");
            }
            let findings = v["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| {
                    (
                        f[0].as_str().expect("code").to_string(),
                        f[1].as_str().map(str::to_string),
                    )
                })
                .collect();
            let crashed = v["crashed"]
                .as_array()
                .expect("crashed")
                .iter()
                .map(|c| {
                    let c = c.as_str().expect("code").to_string();
                    let why = v["crash_messages"][&c].as_str().unwrap_or("").to_string();
                    (c, why)
                })
                .collect();
            out.insert(file, Package { findings, crashed });
        }
    }
    out
}

/// Hearth's findings, and the read problems (values left out) it met on the way.
fn hearth(entry: &Entry) -> Result<(BTreeSet<Finding>, Vec<String>), String> {
    let path = corpus_dir().join(&entry.file);
    let ruleset = Ruleset::parse(&entry.ruleset)
        .ok_or_else(|| format!("Hearth has no ruleset {}", entry.ruleset))?;
    let file = File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let report = validate_reader(BufReader::new(file), Some(ruleset))
        .map_err(|e| format!("ReadError: {e}"))?;
    let problems = report.problems.iter().map(ToString::to_string).collect();
    let findings = report
        .issues
        .iter()
        .map(|i| (i.code.to_string(), i.child.clone()))
        .collect();
    Ok((findings, problems))
}

fn show(f: &Finding) -> String {
    format!("{} ({})", f.0, f.1.as_deref().unwrap_or("return"))
}

fn list<'a>(fs: impl IntoIterator<Item = &'a Finding>) -> String {
    let v: Vec<String> = fs.into_iter().map(show).collect();
    if v.is_empty() {
        "-".into()
    } else {
        v.join(", ")
    }
}

#[test]
fn hearth_agrees_with_the_public_dfe_validator() {
    let entries = manifest();
    assert!(
        entries.len() >= 112,
        "the manifest lists {} files",
        entries.len()
    );
    let broken: BTreeSet<&str> = entries.iter().filter_map(|e| e.rule.as_deref()).collect();
    let rules: BTreeSet<&str> = Ruleset::Cin2025_26.rules().iter().map(|r| r.code).collect();
    let mut report = String::new();
    for r in &rules {
        if !broken.contains(r) {
            let _ = writeln!(report, "rule {r}: no break file in the corpus");
        }
    }
    for (code, _) in BLIND {
        if !broken.contains(code) {
            let _ = writeln!(report, "BLIND rule {code}: no break file in the corpus");
        }
    }

    let pkg = package(&entries);
    let mut agreed = 0;
    for e in &entries {
        let Some(p) = pkg.get(&e.file) else {
            let _ = writeln!(report, "{}: the public validator printed nothing", e.file);
            continue;
        };
        let mut problems = Vec::new();
        for (code, why) in &p.crashed {
            if !blind(code) {
                problems.push(format!(
                    "the package crashed on rule {code} ({why}) and {code} is not in BLIND"
                ));
            }
        }
        let (h, read_problems) = match hearth(e) {
            Ok(h) => h,
            Err(err) => {
                let _ = writeln!(report, "{}: Hearth could not read it: {err}", e.file);
                continue;
            }
        };
        let ph: BTreeSet<&Finding> = p.findings.iter().filter(|f| !blind(&f.0)).collect();
        let hh: BTreeSet<&Finding> = h.iter().filter(|f| !blind(&f.0)).collect();
        let only_h: Vec<&Finding> = hh.difference(&ph).copied().collect();
        let only_p: Vec<&Finding> = ph.difference(&hh).copied().collect();
        if !only_h.is_empty() {
            problems.push(format!("only Hearth found: {}", list(only_h)));
        }
        if !only_p.is_empty() {
            problems.push(format!("only the package found: {}", list(only_p)));
        }
        match &e.rule {
            None => {
                if !h.is_empty() {
                    problems.push(format!("valid file, but Hearth found: {}", list(&h)));
                }
                let pf: Vec<&Finding> = p.findings.iter().filter(|f| !blind(&f.0)).collect();
                if !pf.is_empty() {
                    problems.push(format!("valid file, but the package found: {}", list(pf)));
                }
            }
            Some(code) => {
                let want: Finding = (code.clone(), e.child.clone());
                if !h.contains(&want) {
                    problems.push(format!(
                        "breaks {} but Hearth did not report it (Hearth found: {})",
                        show(&want),
                        list(&h)
                    ));
                }
                if !blind(code) && !p.findings.contains(&want) {
                    problems.push(format!(
                        "breaks {} but the package did not report it (package found: {})",
                        show(&want),
                        list(&p.findings)
                    ));
                }
            }
        }
        if problems.is_empty() {
            agreed += 1;
        } else {
            let _ = writeln!(report, "{}:", e.file);
            for rp in read_problems {
                problems.push(format!("(Hearth's reader: {rp})"));
            }
            for pr in problems {
                let _ = writeln!(report, "    {pr}");
            }
        }
    }
    eprintln!("{agreed} of {} corpus files agree", entries.len());
    assert!(
        report.is_empty(),
        "Hearth and the public DfE validator disagree ({agreed} of {} files agree):\n{report}\n\
         BLIND rules (left out of the comparison; Hearth alone is checked on their break files):\n{}",
        entries.len(),
        BLIND
            .iter()
            .map(|(c, why)| format!("    {c}: {why}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The corpus's valid files and break files are what `make_corpus.py` writes (the generator is
/// the source; the XML is committed so the test needs no Python to read it).
#[test]
fn every_rule_has_a_break_file_and_every_blind_rule_a_reason() {
    let entries = manifest();
    for e in &entries {
        assert!(corpus_dir().join(&e.file).exists(), "{} is missing", e.file);
    }
    let broken: BTreeSet<&str> = entries.iter().filter_map(|e| e.rule.as_deref()).collect();
    assert_eq!(broken.len(), 109, "one break file per rule of cin2025_26");
    for (code, why) in BLIND {
        assert!(broken.contains(code), "BLIND {code} has no break file");
        assert!(!why.trim().is_empty(), "BLIND {code} has no reason");
    }
}

/// Hostile files: the reader refuses them with an error naming the element (and the child, when
/// one is being read), or reads them and names the child in a problem or a finding — never a
/// panic.
#[test]
fn hostile_files_are_refused_or_reported_never_a_panic() {
    // (file, child that must be named or None, element that must be named or None)
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("malformed.xml", Some("CH01"), Some("CINdetails")),
        ("wrong_root.xml", None, None),
        ("bad_date.xml", Some("CH03"), Some("CINreferralDate")),
        ("unknown_code.xml", Some("CH02"), None),
        ("no_characteristics.xml", Some("CH03"), None),
    ];
    let mut report = String::new();
    for (name, child, element) in cases {
        let path = corpus_dir().join("hostile").join(name);
        let file = File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let outcome = std::panic::catch_unwind(|| {
            validate_reader(BufReader::new(file), Some(Ruleset::Cin2025_26))
        });
        let said = match outcome {
            Err(_) => {
                let _ = writeln!(report, "{name}: the reader panicked");
                continue;
            }
            Ok(Err(err)) => {
                let mut s = err.to_string();
                if err.element.is_empty() {
                    let _ = writeln!(report, "{name}: ReadError without an element: {s}");
                }
                if let Some(c) = child {
                    if err.child.as_deref() != Some(c) {
                        let _ = writeln!(report, "{name}: ReadError does not name child {c}: {s}");
                    }
                }
                s.push(' ');
                s.push_str(&err.element);
                s
            }
            Ok(Ok(r)) => {
                let mut named = r
                    .problems
                    .iter()
                    .map(ToString::to_string)
                    .chain(r.issues.iter().map(|i| {
                        format!(
                            "{} {} {}",
                            i.code,
                            i.child.as_deref().unwrap_or("-"),
                            i.fields.join(" ")
                        )
                    }))
                    .collect::<Vec<_>>()
                    .join("; ");
                if named.is_empty() {
                    let _ = writeln!(
                        report,
                        "{name}: read without an error, a problem or a finding"
                    );
                }
                if let Some(c) = child {
                    if !named.contains(c) {
                        let _ = writeln!(report, "{name}: nothing names child {c}: {named}");
                    }
                }
                named.push(' ');
                named
            }
        };
        if let Some(el) = element {
            if !said.contains(el) {
                let _ = writeln!(report, "{name}: the element {el} is not named: {said}");
            }
        }
    }
    assert!(report.is_empty(), "hostile files:\n{report}");
}
