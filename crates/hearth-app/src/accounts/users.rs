//! Adding, listing and disabling users. The first administrator comes from `hearth user add`;
//! there are no default accounts.

use crate::read_row;
use hearth_domain::authz::GeneralAction;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::UserId;
use hearth_domain::role::Role;
use hearth_store::accounts::users::User;
use hearth_store::audit::{AuditEntry, AuditOutcome};

use crate::accounts::auth::{hash_password, Principal};
use crate::error::{AppError, AppResult};
use crate::App;

pub const MIN_PASSWORD: usize = 12;

/// A new user as typed.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub name: String,
    pub email: String,
    pub role: String,
    pub team: String,
    pub password: String,
}

impl NewUser {
    fn check(&self) -> Result<Role, ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.name.trim().is_empty() {
            e.add("name", "required", "Enter the user's name");
        }
        let email = self.email.trim();
        let valid_email = email
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !email.contains(' '));
        if !valid_email {
            e.add(
                "email",
                "invalid_email",
                "Enter an email address, like name@council.gov.uk",
            );
        }
        let role = Role::parse(&self.role)
            .map_err(|err| e.add("role", "unknown_role", err.to_string()))
            .ok();
        if self.team.trim().is_empty() {
            e.add("team", "required", "Enter the user's team");
        }
        if self.password.chars().count() < MIN_PASSWORD {
            e.add(
                "password",
                "password_too_short",
                format!("Use a password of at least {MIN_PASSWORD} characters"),
            );
        }
        match role {
            Some(r) if e.is_empty() => Ok(r),
            _ => Err(e),
        }
    }
}

impl App {
    /// Creates a user; `by` is None only for the command line (the operator on the server).
    #[tracing::instrument(skip_all)]
    pub async fn add_user(&self, by: Option<&Principal>, n: &NewUser) -> AppResult<User> {
        if let Some(p) = by {
            self.allow(p, GeneralAction::ManageUsers).await?;
        }
        let role = n.check()?;
        let hash = hash_password(&n.password)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if tx.users().by_email(&n.email).await?.is_some() {
            return Err(AppError::Validation(ValidationErrors::single(
                "email",
                "email_taken",
                "A user with this email address already exists",
            )));
        }
        let team = tx.users().ensure_team(n.team.trim(), now).await?;
        let user = User {
            id: UserId::new(),
            name: n.name.trim().to_string(),
            email: n.email.trim().to_lowercase(),
            role,
            team,
            team_name: n.team.trim().to_string(),
            disabled: false,
        };
        tx.users().insert(&user, &hash, now).await?;
        tx.audit(
            now,
            AuditEntry {
                user: by.map(|p| p.user.id),
                action: "user.add",
                record_type: "user",
                record_id: Some(user.id.to_string()),
                outcome: AuditOutcome::Success,
                detail: Some(format!("role={}", role.code())),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    #[tracing::instrument(skip_all)]
    pub async fn list_users(&self, by: &Principal) -> AppResult<Vec<User>> {
        self.allow(by, GeneralAction::ManageUsers).await?;
        let mut tx = self.db.read().await?;
        let users = tx.users().list().await?;
        tx.commit().await?;
        Ok(users)
    }

    /// Disables a user and revokes their sessions and tokens at once.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn set_user_disabled(
        &self,
        by: &Principal,
        id: UserId,
        disabled: bool,
    ) -> AppResult<()> {
        self.allow(by, GeneralAction::ManageUsers).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        tx.users().set_disabled(id, disabled, now).await?;
        tx.audit(
            now,
            AuditEntry {
                user: Some(by.user.id),
                action: if disabled {
                    "user.disable"
                } else {
                    "user.enable"
                },
                record_type: "user",
                record_id: Some(id.to_string()),
                outcome: AuditOutcome::Success,
                detail: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

impl App {
    /// The newest audit rows, for information governance; reading the log is itself audited.
    #[tracing::instrument(skip_all)]
    pub async fn recent_audit(
        &self,
        by: &Principal,
        limit: i64,
    ) -> AppResult<Vec<hearth_store::audit::AuditRow>> {
        self.allow(by, GeneralAction::ViewAudit).await?;
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let rows = tx.recent_audit(limit).await?;
        let read_audit = read_row(
            now,
            AuditEntry {
                user: Some(by.user.id),
                action: "audit.read",
                record_type: "audit",
                record_id: None,
                outcome: AuditOutcome::Success,
                detail: None,
            },
        );
        self.audited(tx, vec![read_audit]).await?;
        Ok(rows)
    }
}
