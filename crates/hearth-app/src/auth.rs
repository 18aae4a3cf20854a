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
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::users::User;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};
use crate::App;

pub const IDLE_TIMEOUT_MINUTES: i64 = 30;
pub const ABSOLUTE_TIMEOUT_HOURS: i64 = 12;
pub const API_TOKEN_DAYS: i64 = 90;
const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
const MAX_FAILURES_PER_CLIENT: u32 = 20;
const THROTTLE_WINDOW_MINUTES: i64 = 15;

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

/// Failed sign-ins per account and per client address in a sliding window.
#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, (u32, DateTime<Utc>)>>,
}

impl LoginThrottle {
    fn blocked(&self, key: &str, max: u32, now: DateTime<Utc>) -> bool {
        let Ok(map) = self.failures.lock() else {
            return true;
        };
        map.get(key).is_some_and(|(n, since)| {
            *n >= max && now - *since < Duration::minutes(THROTTLE_WINDOW_MINUTES)
        })
    }
    fn fail(&self, key: String, now: DateTime<Utc>) {
        if let Ok(mut map) = self.failures.lock() {
            let e = map.entry(key).or_insert((0, now));
            if now - e.1 >= Duration::minutes(THROTTLE_WINDOW_MINUTES) {
                *e = (0, now);
            }
            e.0 += 1;
            if map.len() > 100_000 {
                map.retain(|_, (_, since)| {
                    now - *since < Duration::minutes(THROTTLE_WINDOW_MINUTES)
                });
            }
        }
    }
    fn clear(&self, key: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(key);
        }
    }
}

impl App {
    /// Checks a password; on success opens a session. `client` is the caller's address.
    pub async fn sign_in(&self, email: &str, password: &str, client: &str) -> AppResult<SignedIn> {
        let now = self.clock.now();
        let account_key = format!("account:{}", email.trim().to_lowercase());
        let client_key = format!("client:{client}");
        if self
            .throttle
            .blocked(&account_key, MAX_FAILURES_PER_ACCOUNT, now)
            || self
                .throttle
                .blocked(&client_key, MAX_FAILURES_PER_CLIENT, now)
        {
            return Err(AppError::Throttled);
        }
        let mut tx = self.db.begin().await?;
        let found = tx.user_by_email(email).await?;
        let ok = match &found {
            Some((user, hash)) => verify_password(password, hash) && !user.disabled,
            None => {
                // Spend the same time as a real check so timing does not reveal accounts.
                let _ = verify_password(password, DUMMY_HASH);
                false
            }
        };
        let user_id = found.as_ref().map(|(u, _)| u.id);
        if !ok {
            tx.audit(
                now,
                AuditEntry {
                    user: user_id,
                    action: "session.sign_in",
                    record_type: "session",
                    record_id: None,
                    outcome: AuditOutcome::Denied,
                    detail: None,
                },
            )
            .await?;
            tx.commit().await?;
            self.throttle.fail(account_key, now);
            self.throttle.fail(client_key, now);
            return Err(AppError::Unauthenticated);
        }
        let Some((user, _)) = found else {
            return Err(AppError::Unauthenticated);
        };
        let token = random_token();
        let csrf = random_token();
        tx.insert_session(&token_hash(&token), user.id, &csrf, now)
            .await?;
        tx.audit(
            now,
            AuditEntry {
                user: Some(user.id),
                action: "session.sign_in",
                record_type: "session",
                record_id: None,
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        self.throttle.clear(&account_key);
        Ok(SignedIn { token, user })
    }

    /// The user behind a session cookie, if the session is live; refreshes its idle timer.
    pub async fn session_principal(&self, token: &str) -> AppResult<Principal> {
        let now = self.clock.now();
        let hash = token_hash(token);
        let mut tx = self.db.begin().await?;
        let Some(s) = tx.session(&hash).await? else {
            return Err(AppError::Unauthenticated);
        };
        let expired = s.revoked_at.is_some()
            || now - s.last_seen_at > Duration::minutes(IDLE_TIMEOUT_MINUTES)
            || now - s.created_at > Duration::hours(ABSOLUTE_TIMEOUT_HOURS);
        if expired {
            return Err(AppError::Unauthenticated);
        }
        let user = tx.user_by_id(hearth_domain::ids::UserId(s.user_id)).await?;
        if user.disabled {
            tx.revoke_session(&hash, now).await?;
            tx.commit().await?;
            return Err(AppError::Unauthenticated);
        }
        if now - s.last_seen_at > Duration::seconds(30) {
            tx.touch_session(&hash, now).await?;
        }
        tx.commit().await?;
        Ok(Principal {
            user,
            csrf: Some(s.csrf_token),
            session_hash: Some(hash),
        })
    }

    /// The user behind a bearer token.
    pub async fn token_principal(&self, token: &str) -> AppResult<Principal> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let Some(uid) = tx.api_token_user(&token_hash(token), now).await? else {
            return Err(AppError::Unauthenticated);
        };
        let user = tx.user_by_id(uid).await?;
        tx.commit().await?;
        if user.disabled {
            return Err(AppError::Unauthenticated);
        }
        Ok(Principal {
            user,
            csrf: None,
            session_hash: None,
        })
    }

    pub async fn sign_out(&self, p: &Principal) -> AppResult<()> {
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if let Some(h) = &p.session_hash {
            tx.revoke_session(h, now).await?;
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

    /// Issues a bearer token for the API, shown once.
    pub async fn create_api_token(&self, p: &Principal, label: &str) -> AppResult<String> {
        let now = self.clock.now();
        let token = random_token();
        let mut tx = self.db.begin().await?;
        tx.insert_api_token(
            &token_hash(&token),
            p.user.id,
            label,
            now,
            now + Duration::days(API_TOKEN_DAYS),
        )
        .await?;
        tx.audit(
            now,
            AuditEntry {
                user: Some(p.user.id),
                action: "api_token.create",
                record_type: "user",
                record_id: Some(p.user.id.to_string()),
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }
}

/// An argon2id hash of a random string, used to equalise timing for unknown accounts.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Ua8/3DQfW1oMiAvo1kK5VWnXQxXpBKDX5D9rDbTgQE";
