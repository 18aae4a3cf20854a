//! Group commit for the audit rows of reads. A read runs on a reader connection (on SQLite it
//! never queues behind the single writer); its audit row is handed to one background writer,
//! which appends every row waiting at that moment in one transaction and answers each reader
//! only after that transaction has committed. So a read returns its data only once its audit row
//! is durable, and concurrent reads share one commit (one fsync) instead of queueing for one
//! each.

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use crate::audit::AuditEntry;
use crate::{Db, Result, StoreError};

/// At most this many rows share one commit (bounding one transaction's size).
const MAX_BATCH: usize = 512;
/// Readers waiting beyond this many are told to wait (back-pressure, not unbounded memory).
const QUEUE: usize = 4096;

/// One audit row to append: when, what, (for records about a person) whose access log it
/// belongs in, and the people the read showed (a search's results, a contact's children), whose
/// access logs list it too.
#[derive(Debug, Clone)]
pub struct PendingAudit {
    pub at: DateTime<Utc>,
    pub entry: AuditEntry,
    pub about: Option<Uuid>,
    pub shown: Vec<Uuid>,
}

struct Job {
    rows: Vec<PendingAudit>,
    done: oneshot::Sender<std::result::Result<(), String>>,
}

/// The handle readers use. Cheap to clone; the background writer starts on first use and stops
/// when the last handle is dropped.
#[derive(Clone)]
pub struct AuditBatcher {
    db: Db,
    sender: Arc<OnceLock<mpsc::Sender<Job>>>,
}

impl AuditBatcher {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            sender: Arc::default(),
        }
    }

    /// Appends `rows` and returns once they are committed.
    pub async fn append(&self, rows: Vec<PendingAudit>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let sender = self.sender.get_or_init(|| {
            let (tx, rx) = mpsc::channel(QUEUE);
            tokio::spawn(run(self.db.clone(), rx));
            tx
        });
        let (done, answer) = oneshot::channel();
        sender
            .send(Job { rows, done })
            .await
            .map_err(|_| StoreError::AuditUnavailable("the audit writer has stopped".into()))?;
        match answer.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(cause)) => Err(StoreError::AuditUnavailable(cause)),
            Err(_) => Err(StoreError::AuditUnavailable(
                "the audit writer stopped before committing".into(),
            )),
        }
    }
}

async fn run(db: Db, mut rx: mpsc::Receiver<Job>) {
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        let mut rows = jobs[0].rows.len();
        // Everything already waiting joins this commit.
        while rows < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => {
                    rows += j.rows.len();
                    jobs.push(j);
                }
                Err(_) => break,
            }
        }
        let result = write(&db, &jobs).await.map_err(|e| e.to_string());
        if let Err(e) = &result {
            tracing::error!(error = %e, rows, "audit batch failed; its reads are refused");
        }
        for j in jobs {
            let _ = j.done.send(result.clone());
        }
    }
}

async fn write(db: &Db, jobs: &[Job]) -> Result<()> {
    let mut tx = db.begin().await?;
    for row in jobs.iter().flat_map(|j| &j.rows) {
        if !row.shown.is_empty() {
            let id = tx
                .audit_returning(row.at, row.about, row.entry.clone())
                .await?;
            tx.audit_people(id, &row.shown).await?;
            continue;
        }
        match row.about {
            Some(person) => tx.audit_about(row.at, person, row.entry.clone()).await?,
            None => tx.audit(row.at, row.entry.clone()).await?,
        }
    }
    tx.commit().await
}
