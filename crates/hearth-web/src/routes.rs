//! Routes are declared once, each with its gate: the list builds the router and is also what the
//! authorisation matrix test reads ([`page_table`], [`api_table`]), so a route cannot exist
//! without the test knowing it. The gate runs after routing and before the handler (and before
//! the body is read): the role check, then access to the record the path's `{id}` names, through
//! the one authorisation decision, with every refusal audited.

use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::handler::Handler;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::MethodFilter;
use axum::Router;
use hearth_app::access::Gate;

use crate::auth::Resolved;
use crate::AppState;

/// One declared route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
}

/// Builds a router and its table from one list.
pub struct Routes {
    state: Option<AppState>,
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

#[derive(Clone)]
struct Gated {
    state: AppState,
    gate: Gate,
}

async fn check(State(g): State<Gated>, req: Request, next: Next) -> Response {
    let principal = req.extensions().get::<Resolved>().and_then(|r| r.0.clone());
    // Nobody signed in: the handler's extractor answers (sign-in page or 401).
    let Some(p) = principal else {
        return next.run(req).await;
    };
    // Inside the nested API router the path has lost its `/api/v1` prefix; the original has it.
    let api = req
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map_or(req.uri().path(), |u| u.0.path())
        .starts_with("/api/");
    let (mut parts, body) = req.into_parts();
    let record = RawPathParams::from_request_parts(&mut parts, &())
        .await
        .ok()
        .and_then(|params| {
            params
                .iter()
                .find(|(k, _)| *k == "id")
                .map(|(_, v)| v.to_string())
        });
    match g.state.app.pass_gate(&p, g.gate, record.as_deref()).await {
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
        Err(e) if api => crate::errors::api_error(e),
        Err(e) => crate::errors::page_error(e),
    }
}

impl Routes {
    pub fn new(state: Option<AppState>) -> Self {
        Self {
            state,
            router: Router::new(),
            table: Vec::new(),
        }
    }

    fn add<H, T>(
        mut self,
        method: &'static str,
        filter: MethodFilter,
        path: &'static str,
        gate: Gate,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.table.push(RouteInfo { method, path });
        if let Some(state) = &self.state {
            let gated = Gated {
                state: state.clone(),
                gate,
            };
            let mr = axum::routing::on(filter, handler)
                .route_layer(axum::middleware::from_fn_with_state(gated, check));
            self.router = self.router.route(path, mr);
        }
        self
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        gate: Gate,
        h: H,
    ) -> Self {
        self.add("GET", MethodFilter::GET, path, gate, h)
    }
    pub fn post<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        gate: Gate,
        h: H,
    ) -> Self {
        self.add("POST", MethodFilter::POST, path, gate, h)
    }
    pub fn put<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        gate: Gate,
        h: H,
    ) -> Self {
        self.add("PUT", MethodFilter::PUT, path, gate, h)
    }
    pub fn delete<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        gate: Gate,
        h: H,
    ) -> Self {
        self.add("DELETE", MethodFilter::DELETE, path, gate, h)
    }

    pub fn router(self) -> Router<AppState> {
        self.router
    }
    pub fn table(self) -> Vec<RouteInfo> {
        self.table
    }
}

/// Every page route (method and path as declared).
pub fn page_table() -> Vec<RouteInfo> {
    crate::pages::declare(Routes::new(None)).table()
}

/// Every API route under `/api/v1` (paths without the prefix).
pub fn api_table() -> Vec<RouteInfo> {
    crate::api::declare(Routes::new(None)).table()
}

/// Gates, spelled short for the route lists.
pub mod gates {
    use hearth_app::access::{Gate, RecordKind};
    use hearth_domain::authz::{GeneralAction, RecordAction};

    pub use GeneralAction::*;
    pub use RecordKind::{Assessment, Contact, Episode, Person, Referral};

    /// Anyone signed in (or nobody, for the sign-in page); the use case decides.
    pub const OPEN: Gate = Gate::SignedIn;

    pub fn role(a: GeneralAction) -> Gate {
        Gate::Action(a)
    }
    /// The referral form `{id}` names: its author (or staff reading a submitted one).
    pub fn form(write: bool) -> Gate {
        Gate::ReferralForm { write }
    }
    /// Read access to the record `{id}` names, after the action if given.
    pub fn read(kind: RecordKind, action: Option<GeneralAction>) -> Gate {
        Gate::Record {
            action,
            kind,
            what: RecordAction::View,
        }
    }
    /// Write access to the record `{id}` names, after the action if given.
    pub fn write(kind: RecordKind, action: Option<GeneralAction>) -> Gate {
        Gate::Record {
            action,
            kind,
            what: RecordAction::Edit,
        }
    }
    /// Who has opened the person `{id}` names (managers and information governance).
    pub const ACCESS_LOG: Gate = Gate::Record {
        action: None,
        kind: RecordKind::Person,
        what: RecordAction::ViewAccessLog,
    };
    /// Restricting the person `{id}` names, or lifting it (information governance).
    pub const RESTRICTION: Gate = Gate::Record {
        action: None,
        kind: RecordKind::Person,
        what: RecordAction::Restrict,
    };
}
