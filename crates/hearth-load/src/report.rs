//! Latencies and outcomes per request kind, and the report: count, req/s, p50/p95/p99/max and
//! errors per kind and in total, as a plain-text table (with the targets it is read against) and
//! optionally as JSON.

use std::collections::BTreeMap;

use serde::Serialize;

/// What was seen of one request kind.
#[derive(Default, Clone)]
pub struct KindStats {
    /// Every completed request's latency in ms, whatever its status.
    ms: Vec<f64>,
    client_errors: u64,
    server_errors: u64,
    /// Replies whose body says "database is locked".
    locked: u64,
    /// Requests that got no reply at all (connection refused, reset, timed out).
    failed: u64,
    /// How many of each non-2xx status.
    statuses: BTreeMap<u16, u64>,
}

/// One client's samples (merged into one at the end, so the hot path takes no lock).
#[derive(Default)]
pub struct Recorder {
    kinds: BTreeMap<&'static str, KindStats>,
}

impl Recorder {
    /// A reply: its status, latency and whether the body said the database was locked.
    pub fn reply(&mut self, kind: &'static str, status: u16, ms: f64, body: &str) {
        let k = self.kinds.entry(kind).or_default();
        k.ms.push(ms);
        match status {
            200..=299 => {}
            400..=499 => k.client_errors += 1,
            _ => k.server_errors += 1,
        }
        if !(200..300).contains(&status) {
            *k.statuses.entry(status).or_default() += 1;
        }
        if body.contains("database is locked") {
            k.locked += 1;
        }
    }

    /// A request that got no reply.
    pub fn failure(&mut self, kind: &'static str) {
        self.kinds.entry(kind).or_default().failed += 1;
    }

    pub fn merge(&mut self, other: Recorder) {
        for (kind, o) in other.kinds {
            self.kinds.entry(kind).or_default().absorb(o);
        }
    }
}

impl KindStats {
    fn absorb(&mut self, o: KindStats) {
        self.ms.extend(o.ms);
        self.client_errors += o.client_errors;
        self.server_errors += o.server_errors;
        self.locked += o.locked;
        self.failed += o.failed;
        for (s, n) in o.statuses {
            *self.statuses.entry(s).or_default() += n;
        }
    }
}

/// One line of the table.
#[derive(Serialize, Clone)]
pub struct Row {
    pub kind: String,
    pub count: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub errors_4xx: u64,
    pub errors_5xx: u64,
    pub no_reply: u64,
    pub database_locked: u64,
    /// Non-2xx statuses seen, e.g. {"409": 3}.
    pub statuses: BTreeMap<String, u64>,
}

/// Nearest-rank percentile of sorted values (0 when there are none).
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn row(kind: &str, k: &KindStats, secs: f64) -> Row {
    let mut ms = k.ms.clone();
    ms.sort_by(f64::total_cmp);
    Row {
        kind: kind.to_string(),
        count: ms.len(),
        per_second: ms.len() as f64 / secs.max(1e-9),
        p50_ms: percentile(&ms, 0.50),
        p95_ms: percentile(&ms, 0.95),
        p99_ms: percentile(&ms, 0.99),
        max_ms: ms.last().copied().unwrap_or(0.0),
        errors_4xx: k.client_errors,
        errors_5xx: k.server_errors,
        no_reply: k.failed,
        database_locked: k.locked,
        statuses: k
            .statuses
            .iter()
            .map(|(s, n)| (s.to_string(), *n))
            .collect(),
    }
}

/// A target the figures are read against (reported, never asserted).
#[derive(Serialize)]
pub struct Target {
    pub what: String,
    pub measured: String,
    pub met: bool,
}

/// The whole run.
#[derive(Serialize)]
pub struct Report {
    pub mix: String,
    pub database: String,
    pub clients: usize,
    pub elapsed_s: f64,
    pub kinds: Vec<Row>,
    pub total: Row,
    pub targets: Vec<Target>,
    pub notes: Vec<String>,
}

impl Report {
    /// Builds the rows, in `order` first (kinds not named follow alphabetically), then the total.
    pub fn new(
        mix: &str,
        database: &str,
        clients: usize,
        elapsed_s: f64,
        rec: &Recorder,
        order: &[&str],
    ) -> Self {
        let mut kinds: Vec<Row> = order
            .iter()
            .filter_map(|k| rec.kinds.get(k).map(|s| row(k, s, elapsed_s)))
            .collect();
        kinds.extend(
            rec.kinds
                .iter()
                .filter(|(k, _)| !order.contains(k))
                .map(|(k, s)| row(k, s, elapsed_s)),
        );
        let mut all = KindStats::default();
        for k in rec.kinds.values() {
            all.absorb(k.clone());
        }
        Report {
            mix: mix.to_string(),
            database: database.to_string(),
            clients,
            elapsed_s,
            kinds,
            total: row("TOTAL", &all, elapsed_s),
            targets: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn target(&mut self, what: impl Into<String>, measured: impl Into<String>, met: bool) {
        self.targets.push(Target {
            what: what.into(),
            measured: measured.into(),
            met,
        });
    }

    /// Reads the figures against the targets: for the mixed run at least 2,000 req/s and
    /// every kind's p95 within 50 ms and p99 within 100 ms; for search at least 1,000 searches/s
    /// with p99 within 100 ms; for both, no 5xx and no "database is locked".
    pub fn against_targets(&mut self, mixed: bool) {
        let t = self.total.clone();
        if mixed {
            let rate = format!("{:.0} req/s", t.per_second);
            self.target(
                "mixed throughput >= 2,000 req/s",
                rate,
                t.per_second >= 2000.0,
            );
            let p95 = |r: &Row| r.p95_ms;
            let p99 = |r: &Row| r.p99_ms;
            for (what, limit, figure) in [
                (
                    "p95 <= 50 ms for every kind",
                    50.0,
                    &p95 as &dyn Fn(&Row) -> f64,
                ),
                ("p99 <= 100 ms for every kind", 100.0, &p99),
            ] {
                let over: Vec<String> = self
                    .kinds
                    .iter()
                    .filter(|k| figure(k) > limit)
                    .map(|k| format!("{} {:.0}", k.kind, figure(k)))
                    .collect();
                let worst = self.kinds.iter().map(figure).fold(0.0, f64::max);
                let measured = if over.is_empty() {
                    format!("worst {worst:.1} ms")
                } else {
                    format!("over in {}", over.join(", "))
                };
                self.target(what, measured, over.is_empty());
            }
        } else {
            let rate = format!("{:.0}/s", t.per_second);
            self.target("searches >= 1,000/s", rate, t.per_second >= 1000.0);
            let p99 = format!("{:.1} ms", t.p99_ms);
            self.target("search p99 <= 100 ms", p99, t.p99_ms <= 100.0);
        }
        let errors = format!("{} 5xx, {} unanswered", t.errors_5xx, t.no_reply);
        let none = t.errors_5xx == 0 && t.no_reply == 0;
        self.target("zero 5xx (and no request unanswered)", errors, none);
        let locked = t.database_locked.to_string();
        self.target(
            "zero \"database is locked\" replies",
            locked,
            t.database_locked == 0,
        );
    }

    /// The plain-text table, the targets and the notes.
    pub fn text(&self) -> String {
        let mut s = format!(
            "hearth-load: mix {}, database {}, {} clients, {:.1} s\n",
            self.mix, self.database, self.clients, self.elapsed_s
        );
        s.push_str(&format!(
            "{:<16} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6} {:>6}  other\n",
            "kind",
            "count",
            "req/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "max ms",
            "4xx",
            "5xx",
            "locked"
        ));
        for r in self.kinds.iter().chain(std::iter::once(&self.total)) {
            let other: Vec<String> = r
                .statuses
                .iter()
                .map(|(st, n)| format!("{st}x{n}"))
                .chain((r.no_reply > 0).then(|| format!("no-reply x{}", r.no_reply)))
                .collect();
            s.push_str(&format!(
                "{:<16} {:>8} {:>9.1} {:>8.2} {:>8.2} {:>8.2} {:>8.2} {:>6} {:>6} {:>6}  {}\n",
                r.kind,
                r.count,
                r.per_second,
                r.p50_ms,
                r.p95_ms,
                r.p99_ms,
                r.max_ms,
                r.errors_4xx,
                r.errors_5xx,
                r.database_locked,
                other.join(" ")
            ));
        }
        if !self.targets.is_empty() {
            s.push_str("targets (reported, not asserted):\n");
            for t in &self.targets {
                let verdict = if t.met { "met" } else { "NOT MET" };
                s.push_str(&format!("  {verdict:<8} {}: {}\n", t.what, t.measured));
            }
        }
        for n in &self.notes {
            s.push_str(&format!("note: {n}\n"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.50), 50.0);
        assert_eq!(percentile(&v, 0.95), 95.0);
        assert_eq!(percentile(&v, 0.99), 99.0);
        assert_eq!(percentile(&v, 1.0), 100.0);
        assert_eq!(percentile(&[7.0], 0.99), 7.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    #[test]
    fn statuses_are_counted_per_kind_and_in_the_total() {
        let mut a = Recorder::default();
        a.reply("person", 200, 1.0, "{}");
        a.reply("person", 503, 2.0, "database is locked");
        let mut b = Recorder::default();
        b.reply("search", 409, 3.0, "{}");
        b.failure("search");
        a.merge(b);
        let r = Report::new("mixed", "sqlite", 2, 1.0, &a, &["search", "person"]);
        assert_eq!(r.kinds[0].kind, "search");
        let person = r
            .kinds
            .iter()
            .find(|r| r.kind == "person")
            .map(|r| (r.errors_5xx, r.database_locked));
        assert_eq!(person, Some((1, 1)));
        assert_eq!(r.total.count, 3);
        assert_eq!(r.total.errors_4xx, 1);
        assert_eq!(r.total.no_reply, 1);
        assert_eq!(r.total.p99_ms, 3.0);
    }
}
