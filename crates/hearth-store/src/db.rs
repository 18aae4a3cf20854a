//! Connecting, migrating and opening transactions on either backend.

use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::time::Duration;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, Migrator};

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use crate::{Result, StoreError};

/// A fixed list of embedded migrations, as a source for a [`Migrator`].
#[derive(Debug)]
struct Upto(Vec<Migration>);

impl MigrationSource<'static> for Upto {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = std::result::Result<Vec<Migration>, BoxDynError>> + Send>>
    {
        Box::pin(async move { Ok(self.0) })
    }
}

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    pub fn name(self) -> &'static str {
        match self {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgres",
        }
    }
}

/// A connection pool on one backend.
///
/// SQLite has one writer: every transaction goes through a single-connection pool (so there is
/// no lock-upgrade failure under load), while plain reads use a separate pool of readers (WAL lets
/// them run beside the writer).
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite {
        writer: SqlitePool,
        readers: SqlitePool,
        /// Copies the WAL back into the database in the background (see `checkpoint`).
        checkpointer: SqlitePool,
    },
    Postgres(PgPool),
}

/// One open transaction. Every user action is exactly one of these, audit row included. The
/// `…Once` forms are a pooled connection without a transaction, for a read that is a single
/// statement (each statement is consistent on its own; no BEGIN and ROLLBACK round trips).
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
    SqliteOnce(PoolConnection<Sqlite>),
    PostgresOnce(PoolConnection<Postgres>),
}

/// Runs the same body on whichever connection the transaction holds.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $c: &mut sqlx::SqliteConnection = &mut *t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $c: &mut sqlx::PgConnection = &mut *t;
                $body
            }
            $crate::db::Tx::SqliteOnce(t) => {
                let $c: &mut sqlx::SqliteConnection = &mut *t;
                $body
            }
            $crate::db::Tx::PostgresOnce(t) => {
                let $c: &mut sqlx::PgConnection = &mut *t;
                $body
            }
        }
    };
}

impl Db {
    /// Opens `sqlite://path` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db> {
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 64 MiB of page cache per connection keeps the search indexes in memory.
                .pragma("cache_size", "-65536")
                // Reads map the file rather than copying pages in through read(2); a reader's
                // own cache is emptied whenever another connection has written, which under
                // steady writes is most read transactions.
                .pragma("mmap_size", "268435456");
            let checkpointer = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(opts.clone())
                .await?;
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                // Checkpoints normally run in the background (see `checkpoint`); the writer
                // checkpoints itself only if that falls far behind (about 40 MiB of WAL).
                .connect_with(opts.clone().pragma("wal_autocheckpoint", "10000"))
                .await?;
            let readers = SqlitePoolOptions::new()
                // Reads (audited ones included) run here beside the writer.
                .max_connections(8)
                .connect_with(opts.read_only(true))
                .await?;
            crate::checkpoint::start(checkpointer.clone());
            Ok(Db::Sqlite {
                writer,
                readers,
                checkpointer,
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let opts = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreError::BadUrl)
        }
    }

    pub fn kind(&self) -> DbKind {
        match self {
            Db::Sqlite { .. } => DbKind::Sqlite,
            Db::Postgres(_) => DbKind::Postgres,
        }
    }

    /// Applies any pending migrations for this backend.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite { writer, .. } => SQLITE_MIGRATIONS.run(writer).await?,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// Applies pending migrations up to and including `version` only: for tests that fill a
    /// database the way an earlier schema held it, then run a later migration over it.
    pub async fn migrate_to(&self, version: i64) -> Result<()> {
        let all = match self {
            Db::Sqlite { .. } => &SQLITE_MIGRATIONS,
            Db::Postgres(_) => &POSTGRES_MIGRATIONS,
        };
        let upto: Vec<Migration> = all
            .iter()
            .filter(|m| m.version <= version)
            .cloned()
            .collect();
        let migrator = Migrator::new(Upto(upto)).await?;
        match self {
            Db::Sqlite { writer, .. } => migrator.run(writer).await?,
            Db::Postgres(pool) => migrator.run(pool).await?,
        }
        Ok(())
    }

    /// The newest applied migration version (0 when none).
    pub async fn schema_version(&self) -> Result<i64> {
        let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success";
        let v: i64 = match self {
            Db::Sqlite { readers, .. } => sqlx::query_scalar(sql).fetch_one(readers).await?,
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
        };
        Ok(v)
    }

    /// The versions this binary knows for its backend, to compare trees in tests.
    pub fn known_versions(kind: DbKind) -> Vec<i64> {
        let m = match kind {
            DbKind::Sqlite => &SQLITE_MIGRATIONS,
            DbKind::Postgres => &POSTGRES_MIGRATIONS,
        };
        m.iter().map(|m| m.version).collect()
    }

    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite { writer, .. } => Tx::Sqlite(writer.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A transaction for reads only. On SQLite it runs on the reader pool (a read-only
    /// connection beside the writer, which WAL allows), so reads never queue behind writes; on
    /// PostgreSQL it is an ordinary transaction.
    pub async fn read(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite { readers, .. } => Tx::Sqlite(readers.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A connection for one read statement, without a transaction: on SQLite from the reader
    /// pool. Use [`Db::read`] when a read spans several statements and must see one snapshot.
    pub async fn read_once(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite { readers, .. } => Tx::SqliteOnce(readers.acquire().await?),
            Db::Postgres(pool) => Tx::PostgresOnce(pool.acquire().await?),
        })
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite {
                writer,
                readers,
                checkpointer,
            } => {
                checkpointer.close().await;
                readers.close().await;
                writer.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
            // No transaction: each statement was already its own.
            Tx::SqliteOnce(_) | Tx::PostgresOnce(_) => {}
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.rollback().await?,
            Tx::Postgres(t) => t.rollback().await?,
            Tx::SqliteOnce(_) | Tx::PostgresOnce(_) => {}
        }
        Ok(())
    }
}
