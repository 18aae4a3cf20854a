//! The runs. Mixed: each client loops until the time is up, picking a kind of request by weight
//! (80% audited reads: person page, referral, assessment, front-door queue, search; 20% writes:
//! section autosave, person edit, and a referral decided), while a separate task signs in at a
//! fixed rate. Search: every client only searches people. Every reply is timed and counted by
//! kind.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;
use tokio::task::JoinSet;

use crate::api::{Api, Reply};
use crate::bodies;
use crate::discover::{self, Fixture, Own, Tokens};
use crate::mix::{Op, Rng};
use crate::report::Recorder;

/// What every client of a run shares.
pub struct Run {
    pub api: Api,
    pub tokens: Tokens,
    pub clients: usize,
    pub duration: Duration,
    pub seed: u64,
}

/// Sends one request and records its reply (or its failure) under `kind`.
async fn send(
    api: &Api,
    rec: &mut Recorder,
    kind: &'static str,
    method: Method,
    path: &str,
    token: &str,
    body: Option<&Value>,
) -> Option<Reply> {
    match api.send(method, path, Some(token), body).await {
        Ok(r) => {
            rec.reply(kind, r.status, r.ms, &r.body);
            Some(r)
        }
        Err(_) => {
            rec.failure(kind);
            None
        }
    }
}

/// One client of the mixed run.
struct Client {
    run: Arc<Run>,
    fx: Arc<Fixture>,
    own: Own,
    index: usize,
    rng: Rng,
    rec: Recorder,
    n: u64,
}

impl Client {
    async fn step(&mut self, op: Op) {
        self.n += 1;
        let (run, fx) = (self.run.clone(), self.fx.clone());
        let (api, t, rng, rec) = (&run.api, &run.tokens, &mut self.rng, &mut self.rec);
        let get = Method::GET;
        match op {
            Op::Person => {
                let id = rng.pick(&fx.people).map_or("", |s| s.as_str());
                send(
                    api,
                    rec,
                    "person",
                    get,
                    &format!("/api/v1/people/{id}"),
                    &t.worker,
                    None,
                )
                .await;
            }
            Op::Referral => {
                let id = rng.pick(&fx.referrals).map_or("", |s| s.as_str());
                send(
                    api,
                    rec,
                    "referral",
                    get,
                    &format!("/api/v1/referrals/{id}"),
                    &t.front_door,
                    None,
                )
                .await;
            }
            Op::Assessment => {
                let id = rng.pick(&fx.assessments).map_or("", |s| s.as_str());
                send(
                    api,
                    rec,
                    "assessment",
                    get,
                    &format!("/api/v1/assessments/{id}"),
                    &t.worker,
                    None,
                )
                .await;
            }
            Op::FrontDoor => {
                send(
                    api,
                    rec,
                    "front-door",
                    get,
                    "/api/v1/front-door",
                    &t.front_door,
                    None,
                )
                .await;
            }
            Op::Search => {
                let term = rng.pick(&fx.terms).map_or("", |s| s.as_str());
                let path = format!("/api/v1/people?q={}", discover::query(term));
                send(api, rec, "search", get, &path, &t.worker, None).await;
            }
            Op::Autosave => self.autosave().await,
            Op::PersonEdit => self.edit_person().await,
            Op::Decision => self.decide().await,
        }
    }

    /// Saves the next section of this client's next assessment with the version it last saw.
    async fn autosave(&mut self) {
        let run = self.run.clone();
        let count = self.own.assessments.len();
        if count == 0 {
            return;
        }
        let which = (self.n as usize / bodies::SECTIONS.len()) % count;
        let i = self.n as usize % bodies::SECTIONS.len();
        let (section, body) = bodies::section(i, self.n, self.index);
        let a = &mut self.own.assessments[which];
        let path = format!(
            "/api/v1/assessments/{}/sections/{section}?version={}",
            a.id, a.versions[i]
        );
        let Some(r) = send(
            &run.api,
            &mut self.rec,
            "autosave",
            Method::PUT,
            &path,
            &run.tokens.worker,
            Some(&body),
        )
        .await
        else {
            return;
        };
        if r.ok() {
            if let Some(v) = r.json::<Value>().ok().and_then(|v| v["version"].as_i64()) {
                a.versions[i] = v;
            }
        } else if r.status == 409 {
            // Someone else saved it: pick up every section's version again (not timed).
            let path = format!("/api/v1/assessments/{}", a.id);
            if let Ok(view) = run
                .api
                .must(Method::GET, &path, &run.tokens.worker, None)
                .await
            {
                let view: Value = view.json().unwrap_or_default();
                for s in view["sections"].as_array().into_iter().flatten() {
                    if let Some(k) = bodies::SECTIONS
                        .iter()
                        .position(|(name, _)| s["section"] == *name)
                    {
                        a.versions[k] = s["version"].as_i64().unwrap_or(a.versions[k]);
                    }
                }
            }
        }
    }

    /// Edits one of this client's people with the version it last saw.
    async fn edit_person(&mut self) {
        let run = self.run.clone();
        let count = self.own.people.len();
        if count == 0 {
            return;
        }
        let p = &mut self.own.people[self.n as usize % count];
        let body = bodies::person_edit(&p.details, self.n);
        let path = format!("/api/v1/people/{}?version={}", p.id, p.version);
        let Some(r) = send(
            &run.api,
            &mut self.rec,
            "person-edit",
            Method::PUT,
            &path,
            &run.tokens.worker,
            Some(&body),
        )
        .await
        else {
            return;
        };
        if r.ok() {
            if let Some(v) = r.json::<Value>().ok().and_then(|v| v["version"].as_i64()) {
                p.version = v;
            }
        } else if r.status == 409 {
            if let Ok(again) = discover::read_person(&run.api, &run.tokens.worker, &p.id).await {
                *p = again;
            }
        }
    }

    /// A police notification about a child, screened into a referral, decided: no further action.
    async fn decide(&mut self) {
        let (run, fx) = (self.run.clone(), self.fx.clone());
        let (api, t, rec) = (&run.api, &run.tokens, &mut self.rec);
        let Some(child) = self.rng.pick(&fx.children) else {
            return;
        };
        let body = bodies::contact(child);
        let Some(r) = send(
            api,
            rec,
            "contact",
            Method::POST,
            "/api/v1/contacts",
            &t.front_door,
            Some(&body),
        )
        .await
        else {
            return;
        };
        let c: Value = r.json().unwrap_or_default();
        let (Some(id), Some(version)) = (c["id"].as_str(), c["version"].as_i64()) else {
            return;
        };
        let path = format!("/api/v1/contacts/{id}/outcome");
        let body = bodies::becomes_referral(version);
        let Some(r) = send(
            api,
            rec,
            "contact-outcome",
            Method::POST,
            &path,
            &t.front_door,
            Some(&body),
        )
        .await
        else {
            return;
        };
        let c: Value = r.json().unwrap_or_default();
        let Some(referral) = c["referrals"][0].as_str() else {
            return;
        };
        let path = format!("/api/v1/referrals/{referral}/decision");
        let body = bodies::decide_no_further_action(fx.fresh_referral_version);
        send(
            api,
            rec,
            "decision",
            Method::POST,
            &path,
            &t.worker,
            Some(&body),
        )
        .await;
    }
}

/// Signs in every `1 / per_second` seconds until `until`, each sign-in on its own task so a slow
/// one does not hold back the next (open loop: the rate is kept whatever the latency).
async fn sign_ins(
    api: Api,
    email: String,
    password: String,
    per_second: f64,
    until: Instant,
) -> Recorder {
    let mut rec = Recorder::default();
    if per_second <= 0.0 {
        return rec;
    }
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / per_second));
    let mut running = JoinSet::new();
    loop {
        tick.tick().await;
        if Instant::now() >= until {
            break;
        }
        let (api, email, password) = (api.clone(), email.clone(), password.clone());
        running.spawn(async move { api.sign_in(&email, &password).await });
    }
    while let Some(done) = running.join_next().await {
        match done {
            Ok(Ok(r)) => rec.reply("sign-in", r.status, r.ms, &r.body),
            _ => rec.failure("sign-in"),
        }
    }
    rec
}

/// Who signs in during the mixed run, and how often.
pub struct SignIns {
    pub email: String,
    pub password: String,
    pub per_second: f64,
}

/// The mixed run: returns every client's samples merged, and the seconds it took.
pub async fn mixed(
    run: Run,
    fx: Fixture,
    weights: &'static [(Op, u32)],
    signs: SignIns,
) -> anyhow::Result<(Recorder, f64)> {
    let mut fx = fx;
    let owns = std::mem::take(&mut fx.own);
    let (run, fx) = (Arc::new(run), Arc::new(fx));
    let started = Instant::now();
    let until = started + run.duration;
    let signer = tokio::spawn(sign_ins(
        run.api.clone(),
        signs.email,
        signs.password,
        signs.per_second,
        until,
    ));
    let mut clients = JoinSet::new();
    for (index, own) in owns.into_iter().enumerate() {
        let mut c = Client {
            run: run.clone(),
            fx: fx.clone(),
            own,
            index,
            rng: Rng::new(run.seed ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407)),
            rec: Recorder::default(),
            n: 0,
        };
        clients.spawn(async move {
            while Instant::now() < until {
                let op = c.rng.weighted(weights);
                c.step(op).await;
            }
            c.rec
        });
    }
    let mut all = Recorder::default();
    while let Some(done) = clients.join_next().await {
        all.merge(done?);
    }
    all.merge(signer.await?);
    Ok((all, started.elapsed().as_secs_f64()))
}

/// The search run: every client searches people by a name drawn from the demo's names.
pub async fn search(run: Run) -> anyhow::Result<(Recorder, f64)> {
    let terms = Arc::new(discover::search_terms());
    let run = Arc::new(run);
    let started = Instant::now();
    let until = started + run.duration;
    let mut clients = JoinSet::new();
    for index in 0..run.clients {
        let (run, terms) = (run.clone(), terms.clone());
        clients.spawn(async move {
            let mut rng = Rng::new(run.seed ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407));
            let mut rec = Recorder::default();
            while Instant::now() < until {
                let term = rng.pick(&terms).map_or("", |s| s.as_str());
                let path = format!("/api/v1/people?q={}", discover::query(term));
                send(
                    &run.api,
                    &mut rec,
                    "search",
                    Method::GET,
                    &path,
                    &run.tokens.worker,
                    None,
                )
                .await;
            }
            rec
        });
    }
    let mut all = Recorder::default();
    while let Some(done) = clients.join_next().await {
        all.merge(done?);
    }
    Ok((all, started.elapsed().as_secs_f64()))
}
