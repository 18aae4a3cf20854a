//! Background WAL checkpoints for SQLite. Left to itself, SQLite checkpoints on the connection
//! that commits once the WAL passes a size, so one unlucky write (and every read waiting for its
//! audit row to commit behind it) pays for copying the whole WAL into the database. Instead a
//! connection of its own runs a passive checkpoint twice a second: it copies what it can without
//! waiting for, or blocking, the writer or any reader.

use std::time::Duration;

use sqlx::SqlitePool;

/// Starts the checkpoint loop for this database; it ends when the pool is closed.
pub(crate) fn start(pool: SqlitePool) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if pool.is_closed() {
                return;
            }
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await
            {
                if pool.is_closed() {
                    return;
                }
                // The writer still checkpoints itself past its limit, so nothing is lost.
                tracing::warn!(error = %e, "background checkpoint failed");
            }
        }
    });
}
