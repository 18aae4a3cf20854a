//! Routes are declared once, each with its gate: the list builds the router and is also what the
//! authorisation matrix test reads ([`page_table`], [`api_table`]), so a route cannot exist
//! without the test knowing it. The gate runs after routing and before the handler (and before
//! the body is read): the role check, then access to the record the path's `{id}` names, through
//! the one authorisation decision, with every refusal audited.
//!
//! An API route is declared with the operation its handler's `#[utoipa::path]` documents
//! ([`op!`]), and the same list builds the OpenAPI document ([`ApiRoutes`]): the route's method
//! and path are checked against the attribute's when the list is built, so a route and its
//! documentation cannot drift apart, and the schemas the operations name are collected with them.

use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{MethodFilter, MethodRouter};
use axum::Router;
use hearth_app::access::Gate;
use utoipa::openapi::path::{Operation as OpenApiOperation, PathItem, Paths};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{OpenApi, RefOr};

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
        self,
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
        self.add_method_router(method, path, gate, axum::routing::on(filter, handler))
    }

    /// Records the route and, when serving, routes it behind its gate.
    fn add_method_router(
        mut self,
        method: &'static str,
        path: &'static str,
        gate: Gate,
        mr: MethodRouter<AppState>,
    ) -> Self {
        self.table.push(RouteInfo { method, path });
        self.mount(path, gate, mr)
    }

    /// Routes a recorded route behind its gate (when serving).
    fn mount(mut self, path: &'static str, gate: Gate, mr: MethodRouter<AppState>) -> Self {
        if let Some(state) = &self.state {
            let gated = Gated {
                state: state.clone(),
                gate,
            };
            let mr = mr.route_layer(axum::middleware::from_fn_with_state(gated, check));
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
    crate::api::declared(None).table()
}

/// A handler with the OpenAPI operation its `#[utoipa::path]` attribute documents; made by
/// [`op!`] and given to [`ApiRoutes`].
pub struct Operation {
    tag: &'static str,
    schemas: Vec<(String, RefOr<Schema>)>,
    paths: Paths,
    method_router: MethodRouter<AppState>,
}

impl Operation {
    /// What [`op!`] expands to: `utoipa_axum::routes!` for one handler, and the tag (the
    /// handler's module) for an operation whose attribute names none.
    #[doc(hidden)]
    pub fn new(
        documented: utoipa_axum::router::UtoipaMethodRouter<AppState>,
        tag: &'static str,
    ) -> Self {
        let (schemas, paths, method_router) = documented;
        Self {
            tag,
            schemas,
            paths,
            method_router,
        }
    }
}

/// `op!(people::show)`: the handler `people::show` with the operation its `#[utoipa::path]`
/// documents (through utoipa's generated `people::__path_show`), tagged `people`.
macro_rules! op {
    ($module:ident :: $handler:ident) => {
        $crate::routes::Operation::new(
            ::utoipa_axum::routes!($module::$handler),
            stringify!($module),
        )
    };
}
pub(crate) use op;

/// The methods a path item documents, upper case.
fn methods_of(item: &PathItem) -> Vec<&'static str> {
    [
        ("GET", &item.get),
        ("PUT", &item.put),
        ("POST", &item.post),
        ("DELETE", &item.delete),
        ("OPTIONS", &item.options),
        ("HEAD", &item.head),
        ("PATCH", &item.patch),
        ("TRACE", &item.trace),
    ]
    .into_iter()
    .filter(|(_, op)| op.is_some())
    .map(|(m, _)| m)
    .collect()
}

fn operation_mut<'a>(item: &'a mut PathItem, method: &str) -> Option<&'a mut OpenApiOperation> {
    match method {
        "GET" => item.get.as_mut(),
        "PUT" => item.put.as_mut(),
        "POST" => item.post.as_mut(),
        "DELETE" => item.delete.as_mut(),
        "OPTIONS" => item.options.as_mut(),
        "HEAD" => item.head.as_mut(),
        "PATCH" => item.patch.as_mut(),
        "TRACE" => item.trace.as_mut(),
        _ => None,
    }
}

/// The API's list: each route with its gate and its documented operation. Building it builds the
/// router, the route table and the OpenAPI document together.
pub struct ApiRoutes {
    routes: Routes,
    /// Where the router is nested (`/api/v1`): the documented paths carry it, the routes do not.
    prefix: &'static str,
    doc: OpenApi,
    /// Where the document itself is served, and behind which gate.
    doc_route: Option<(&'static str, Gate)>,
}

impl ApiRoutes {
    /// `doc` gives what the operations do not (title, security schemes).
    pub fn new(state: Option<AppState>, prefix: &'static str, doc: OpenApi) -> Self {
        Self {
            routes: Routes::new(state),
            prefix,
            doc,
            doc_route: None,
        }
    }

    /// Adds `op` to the document at `documented_path`, checking that its attribute says the same.
    /// Panics on a disagreement, a second operation for one method and path, or two different
    /// schemas of one name: the router cannot be built from a list its document would misdescribe.
    fn document(&mut self, method: &'static str, documented_path: String, op: &mut Operation) {
        let said: Vec<(String, Vec<&'static str>)> = op
            .paths
            .paths
            .iter()
            .map(|(p, item)| (p.clone(), methods_of(item)))
            .collect();
        assert!(
            said == vec![(documented_path.clone(), vec![method])],
            "{method} {documented_path} is declared with a handler whose #[utoipa::path] \
             documents {said:?}: the route and its attribute must name the same method and path"
        );
        if let Some(existing) = self.doc.paths.paths.get(&documented_path) {
            assert!(
                !methods_of(existing).contains(&method),
                "{method} {documented_path} is declared twice"
            );
        }
        let mut paths = std::mem::take(&mut op.paths);
        for item in paths.paths.values_mut() {
            if let Some(operation) = operation_mut(item, method) {
                let tags = operation.tags.get_or_insert_with(Vec::new);
                if tags.is_empty() {
                    tags.push(op.tag.to_string());
                }
            }
        }
        self.doc.paths.merge(paths);
        let components = self.doc.components.get_or_insert_with(Default::default);
        for (name, schema) in std::mem::take(&mut op.schemas) {
            match components.schemas.get(&name) {
                Some(known) => assert!(
                    *known == schema,
                    "two different schemas are named {name} in the OpenAPI document"
                ),
                None => {
                    components.schemas.insert(name, schema);
                }
            }
        }
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        gate: Gate,
        mut op: Operation,
    ) -> Self {
        self.document(method, format!("{}{path}", self.prefix), &mut op);
        self.routes = self
            .routes
            .add_method_router(method, path, gate, op.method_router);
        self
    }

    pub fn get(self, path: &'static str, gate: Gate, op: Operation) -> Self {
        self.add("GET", path, gate, op)
    }
    pub fn post(self, path: &'static str, gate: Gate, op: Operation) -> Self {
        self.add("POST", path, gate, op)
    }
    pub fn put(self, path: &'static str, gate: Gate, op: Operation) -> Self {
        self.add("PUT", path, gate, op)
    }
    pub fn delete(self, path: &'static str, gate: Gate, op: Operation) -> Self {
        self.add("DELETE", path, gate, op)
    }

    /// Documents an operation routed outside this router, at its full path (the health check,
    /// which needs no sign-in and sits at the root).
    pub fn elsewhere(
        mut self,
        method: &'static str,
        full_path: &'static str,
        mut op: Operation,
    ) -> Self {
        self.document(method, full_path.to_string(), &mut op);
        self
    }

    /// Serves the finished document (GET, as JSON) at `path`: the one API route it does not
    /// describe.
    pub fn openapi_at(mut self, path: &'static str, gate: Gate) -> Self {
        self.routes.table.push(RouteInfo {
            method: "GET",
            path,
        });
        self.doc_route = Some((path, gate));
        self
    }

    /// The document the list describes.
    pub fn openapi(self) -> OpenApi {
        self.doc
    }

    pub fn table(self) -> Vec<RouteInfo> {
        self.routes.table()
    }

    pub fn router(self) -> Router<AppState> {
        let Self {
            mut routes,
            doc,
            doc_route,
            ..
        } = self;
        if let Some((path, gate)) = doc_route {
            // Serialised once; a document that cannot be is a bug to meet at start-up.
            let body = match serde_json::to_vec(&doc) {
                Ok(b) => axum::body::Bytes::from(b),
                Err(e) => panic!("the OpenAPI document does not serialise: {e}"),
            };
            let serve = move || {
                let body = body.clone();
                async move {
                    (
                        [(
                            header::CONTENT_TYPE,
                            HeaderValue::from_static("application/json"),
                        )],
                        body,
                    )
                }
            };
            // Recorded in the table by `openapi_at`; routed here, once the document is whole.
            routes = routes.mount(path, gate, axum::routing::get(serve));
        }
        routes.router()
    }
}

/// Gates, spelled short for the route lists.
pub mod gates {
    use hearth_app::access::{Gate, RecordKind};
    use hearth_domain::authz::{GeneralAction, RecordAction};

    pub use GeneralAction::*;
    pub use RecordKind::{
        Assessment, CaseNote, Contact, Episode, Person, Referral, StrategyDiscussion,
    };

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
    /// Recording a conference about the person `{id}` names: its chair, or casework staff.
    pub const CONFERENCE_RECORD: Gate = Gate::Record {
        action: Some(GeneralAction::ChairConference),
        kind: RecordKind::Person,
        what: RecordAction::RecordConference,
    };
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

#[cfg(test)]
mod tests {
    use super::gates::OPEN;
    use super::*;

    mod sample {
        #[utoipa::path(get, path = "/api/v1/things")]
        pub async fn things() {}
    }

    // Two types that both call themselves `Thing` in the document.
    mod one {
        #[derive(utoipa::ToSchema)]
        #[allow(dead_code)] // described, never built
        pub struct Thing {
            pub size: i64,
        }
        #[utoipa::path(get, path = "/api/v1/one", responses((status = 200, body = Thing)))]
        pub async fn one() {}
    }
    mod two {
        #[derive(utoipa::ToSchema)]
        #[allow(dead_code)] // described, never built
        pub struct Thing {
            pub colour: String,
        }
        #[utoipa::path(get, path = "/api/v1/two", responses((status = 200, body = Thing)))]
        pub async fn two() {}
    }

    fn list() -> ApiRoutes {
        ApiRoutes::new(None, "/api/v1", OpenApi::default())
    }

    #[test]
    fn every_api_route_is_documented_as_declared() {
        // Building the list checks each route against its attribute; it must not panic.
        let doc = crate::api::openapi();
        let documented: usize = doc.paths.paths.values().map(|i| methods_of(i).len()).sum();
        // Every route but the document itself, and the health check routed at the root: one
        // fewer and one more.
        assert_eq!(documented, api_table().len());
    }

    #[test]
    fn a_route_as_its_attribute_says_is_documented_with_a_tag() {
        let doc = list().get("/things", OPEN, op!(sample::things)).openapi();
        let item = &doc.paths.paths["/api/v1/things"];
        assert_eq!(methods_of(item), vec!["GET"]);
        let tags = item.get.as_ref().and_then(|o| o.tags.clone());
        assert_eq!(tags, Some(vec!["sample".to_string()]));
    }

    #[test]
    #[should_panic(expected = "must name the same method and path")]
    fn a_route_on_another_method_than_its_attribute_panics() {
        let _ = list().post("/things", OPEN, op!(sample::things));
    }

    #[test]
    #[should_panic(expected = "must name the same method and path")]
    fn a_route_at_another_path_than_its_attribute_panics() {
        let _ = list().get("/thing", OPEN, op!(sample::things));
    }

    #[test]
    #[should_panic(expected = "declared twice")]
    fn a_route_declared_twice_panics() {
        let _ = list().get("/things", OPEN, op!(sample::things)).get(
            "/things",
            OPEN,
            op!(sample::things),
        );
    }

    #[test]
    fn schemas_are_collected_from_the_operations() {
        let doc = list().get("/one", OPEN, op!(one::one)).openapi();
        let schemas = doc.components.map(|c| c.schemas).unwrap_or_default();
        assert!(schemas.contains_key("Thing"), "{:?}", schemas.keys());
    }

    #[test]
    #[should_panic(expected = "two different schemas are named Thing")]
    fn two_schemas_of_one_name_panic() {
        let _ = list()
            .get("/one", OPEN, op!(one::one))
            .get("/two", OPEN, op!(two::two));
    }
}
