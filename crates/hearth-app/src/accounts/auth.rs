//! Sign-in, server-side sessions (idle 30 minutes, absolute 12 hours), API tokens and login
//! throttling. Tokens are random 256-bit values; only their SHA-256 is stored.

use std::collections::HashMap;
use std::sync::Mutex;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use hearth_domain::authz::Actor;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::UserId;
use hearth_domain::limits::{check_len, EMAIL};
use hearth_store::accounts::users::User;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};
use crate::App;

pub const IDLE_TIMEOUT_MINUTES: i64 = 30;
pub const ABSOLUTE_TIMEOUT_HOURS: i64 = 12;
pub const API_TOKEN_DAYS: i64 = 90;
/// Sign-in attempts allowed per account, and per client address, in the window.
pub const MAX_ATTEMPTS_PER_ACCOUNT: u32 = 5;
pub const MAX_ATTEMPTS_PER_CLIENT: u32 = 20;
const THROTTLE_WINDOW_MINUTES: i64 = 15;

/// The longest passphrase accepted (so nobody makes the server hash megabytes).
pub const MAX_PASSWORD: usize = 1_000;

/// A signed-in user as every request sees them.
#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    /// The session's CSRF token (absent for bearer-token API calls, which need none).
    pub csrf: Option<String>,
    pub session_hash: Option<String>,
}

impl Principal {
    pub fn actor(&self) -> Actor {
        Actor {
            user: self.user.id,
            role: self.user.role,
            team: self.user.team,
        }
    }
}

/// What a successful sign-in hands back to the web layer.
pub struct SignedIn {
    pub token: String,
    pub user: User,
}

pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn hash_password(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Runs argon2id checks on blocking threads, at most `permits` at once, so a burst of sign-ins
/// cannot take every core (or hold any database connection) while it hashes.
pub struct PasswordChecker {
    permits: Semaphore,
}

impl Default for PasswordChecker {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::with_permits((cores / 2).max(1))
    }
}

impl PasswordChecker {
    pub fn with_permits(n: usize) -> Self {
        Self {
            permits: Semaphore::new(n.max(1)),
        }
    }

    /// Whether `password` matches `hash` (the dummy hash when there is no such account, so the
    /// time spent does not reveal which accounts exist).
    #[tracing::instrument(skip_all)]
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> AppResult<bool> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(format!("password checker closed: {e}")))?;
        let password = password.to_string();
        let hash = hash.map(str::to_string);
        tokio::task::spawn_blocking(move || match hash {
            Some(h) => verify_password(&password, &h),
            None => {
                let _ = verify_password(&password, DUMMY_HASH);
                false
            }
        })
        .await
        .map_err(|e| AppError::Internal(format!("password check failed: {e}")))
    }
}

/// Sign-in attempts per account and per client address in a fixed window. An attempt is counted
/// *before* its password is checked, under one lock for every key, so no number of concurrent
/// requests gets more than the limit evaluated.
#[derive(Default)]
pub struct LoginThrottle {
    attempts: Mutex<HashMap<String, (u32, DateTime<Utc>)>>,
}

impl LoginThrottle {
    /// Counts one attempt against each `(key, limit)`, or refuses (counting nothing) when any key
    /// has reached its limit in the window.
    pub fn admit(&self, keys: &[(&str, u32)], now: DateTime<Utc>) -> bool {
        let Ok(mut map) = self.attempts.lock() else {
            return false;
        };
        let window = Duration::minutes(THROTTLE_WINDOW_MINUTES);
        let live = |e: Option<&(u32, DateTime<Utc>)>| match e {
            Some((n, since)) if now - *since < window => *n,
            _ => 0,
        };
        if keys.iter().any(|(k, max)| live(map.get(*k)) >= *max) {
            return false;
        }
        for (k, _) in keys {
            let e = map.entry((*k).to_string()).or_insert((0, now));
            if now - e.1 >= window {
                *e = (0, now);
            }
            e.0 += 1;
        }
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| now - *since < window);
        }
        true
    }

    /// A successful sign-in: the account's count starts again and the client's attempt is given
    /// back (a busy shared office is not locked out by its own successes).
    pub fn succeeded(&self, account_key: &str, client_key: &str) {
        if let Ok(mut map) = self.attempts.lock() {
            map.remove(account_key);
            if let Some(e) = map.get_mut(client_key) {
                e.0 = e.0.saturating_sub(1);
            }
        }
    }
}

fn sign_in_entry(user: Option<UserId>, outcome: AuditOutcome, detail: Option<&str>) -> AuditEntry {
    AuditEntry {
        user,
        action: "session.sign_in",
        record_type: "session",
        record_id: None,
        outcome,
        detail: detail.map(str::to_string),
    }
}

impl App {
    /// Checks an email and password under the throttle. The attempt is counted first; the
    /// password is hashed outside any transaction on the bounded checker; a success gives the
    /// attempt back, a failure (or a throttled attempt) is audited in its own transaction.
    async fn check_credentials(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> AppResult<User> {
        let mut errs = ValidationErrors::default();
        check_len(&mut errs, "email", "Email address", email, EMAIL);
        check_len(&mut errs, "password", "Password", password, MAX_PASSWORD);
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        let now = self.clock.now();
        let account = format!("account:{}", email.trim().to_lowercase());
        let client = format!("client:{client}");
        let admitted = self.throttle.admit(
            &[
                (account.as_str(), MAX_ATTEMPTS_PER_ACCOUNT),
                (client.as_str(), MAX_ATTEMPTS_PER_CLIENT),
            ],
            now,
        );
        let found = if admitted {
            let mut tx = self.db.read().await?;
            let found = tx.users().by_email(email).await?;
            tx.rollback().await?;
            found
        } else {
            None
        };
        let ok = admitted
            && self
                .passwords
                .verify(password, found.as_ref().map(|(_, h)| h.as_str()))
                .await?
            && found.as_ref().is_some_and(|(u, _)| !u.disabled);
        match found {
            Some((user, _)) if ok => {
                self.throttle.succeeded(&account, &client);
                Ok(user)
            }
            found => {
                let (error, detail) = if admitted {
                    (AppError::Unauthenticated, "wrong email address or password")
                } else {
                    (
                        AppError::Throttled,
                        "too many attempts: refused without checking",
                    )
                };
                let mut tx = self.db.begin().await?;
                tx.audit(
                    now,
                    sign_in_entry(found.map(|(u, _)| u.id), AuditOutcome::Denied, Some(detail)),
                )
                .await?;
                tx.commit().await?;
                Err(error)
            }
        }
    }

    /// Checks a password; on success opens a session. `client` is the caller's address.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in(&self, email: &str, password: &str, client: &str) -> AppResult<SignedIn> {
        let user = self.check_credentials(email, password, client).await?;
        let now = self.clock.now();
        let token = random_token();
        let csrf = random_token();
        let mut tx = self.db.begin().await?;
        tx.sessions()
            .insert(&token_hash(&token), user.id, &csrf, now)
            .await?;
        tx.audit(
            now,
            sign_in_entry(Some(user.id), AuditOutcome::Success, None),
        )
        .await?;
        tx.commit().await?;
        Ok(SignedIn { token, user })
    }

    /// Checks a password and issues an API bearer token (shown once), in one transaction with
    /// its audit row; no browser session is opened.
    #[tracing::instrument(skip_all)]
    pub async fn sign_in_for_token(
        &self,
        email: &str,
        password: &str,
        client: &str,
        label: &str,
    ) -> AppResult<SignedIn> {
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 100 {
            return Err(AppError::Validation(ValidationErrors::single(
                "label",
                "invalid_length",
                "label must be 1 to 100 characters",
            )));
        }
        let user = self.check_credentials(email, password, client).await?;
        let now = self.clock.now();
        let token = random_token();
        let mut tx = self.db.begin().await?;
        tx.sessions()
            .insert_api_token(
                &token_hash(&token),
                user.id,
                label,
                now,
                now + Duration::days(API_TOKEN_DAYS),
            )
            .await?;
        tx.audit(
            now,
            AuditEntry {
                user: Some(user.id),
                action: "api_token.create",
                record_type: "user",
                record_id: Some(user.id.to_string()),
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(SignedIn { token, user })
    }

    /// The user behind a session cookie, if the session is live. The lookup is a read (on
    /// SQLite it does not queue behind the writer); the idle timer is refreshed at most every 30
    /// seconds, and only then is a write made.
    #[tracing::instrument(skip_all)]
    pub async fn session_principal(&self, token: &str) -> AppResult<Principal> {
        let now = self.clock.now();
        let hash = token_hash(token);
        // Statements on a reader without a transaction: this runs on every page request.
        let mut tx = self.db.read_once().await?;
        let Some(s) = tx.sessions().get(&hash).await? else {
            return Err(AppError::Unauthenticated);
        };
        let expired = s.revoked_at.is_some()
            || now - s.last_seen_at > Duration::minutes(IDLE_TIMEOUT_MINUTES)
            || now - s.created_at > Duration::hours(ABSOLUTE_TIMEOUT_HOURS);
        if expired {
            return Err(AppError::Unauthenticated);
        }
        let user = tx.users().get(UserId(s.user_id)).await?;
        tx.rollback().await?;
        if user.disabled || now - s.last_seen_at > Duration::seconds(30) {
            let mut tx = self.db.begin().await?;
            if user.disabled {
                tx.sessions().revoke(&hash, now).await?;
            } else {
                tx.sessions().touch(&hash, now).await?;
            }
            tx.commit().await?;
        }
        if user.disabled {
            return Err(AppError::Unauthenticated);
        }
        Ok(Principal {
            user,
            csrf: Some(s.csrf_token),
            session_hash: Some(hash),
        })
    }

    /// The user behind a bearer token (a read only).
    #[tracing::instrument(skip_all)]
    pub async fn token_principal(&self, token: &str) -> AppResult<Principal> {
        let now = self.clock.now();
        // One statement on a reader, no transaction: this runs on every API request.
        let mut tx = self.db.read_once().await?;
        let found = tx.users().by_api_token(&token_hash(token), now).await?;
        tx.rollback().await?;
        let Some(user) = found else {
            return Err(AppError::Unauthenticated);
        };
        if user.disabled {
            return Err(AppError::Unauthenticated);
        }
        Ok(Principal {
            user,
            csrf: None,
            session_hash: None,
        })
    }

    #[tracing::instrument(skip_all)]
    pub async fn sign_out(&self, p: &Principal) -> AppResult<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if let Some(h) = &p.session_hash {
            tx.sessions().revoke(h, now).await?;
        }
        tx.audit(
            now,
            AuditEntry {
                user: Some(p.user.id),
                action: "session.sign_out",
                record_type: "session",
                record_id: None,
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// An argon2id hash of a random string, used to equalise timing for unknown accounts.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Ua8/3DQfW1oMiAvo1kK5VWnXQxXpBKDX5D9rDbTgQE";
