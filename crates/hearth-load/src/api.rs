//! The HTTP side: one pooled client, a bearer token, and requests timed from sending to the last
//! byte of the body (so a slow body counts against the request that sent it).

use std::time::Instant;

use anyhow::{bail, Context};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// What came back from one request.
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// From sending to the whole body read, in milliseconds.
    pub ms: f64,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON (setup needs ids and versions out of it).
    pub fn json<T: DeserializeOwned>(&self) -> anyhow::Result<T> {
        serde_json::from_str(&self.body).context("the response body is not the JSON expected")
    }
}

/// Hearth at `base`, e.g. `http://127.0.0.1:8080`.
#[derive(Clone)]
pub struct Api {
    client: reqwest::Client,
    base: String,
}

impl Api {
    /// A client keeping up to `connections` idle connections open (one per load client).
    pub fn new(base: &str, connections: usize) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(connections)
            .tcp_nodelay(true)
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .context("cannot build the HTTP client")?;
        Ok(Self {
            client,
            base: base.trim_end_matches('/').to_string(),
        })
    }

    /// Sends one request (a JSON body when `body` is given) and reads the whole reply.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> anyhow::Result<Reply> {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        let started = Instant::now();
        let resp = req.send().await?;
        let status = resp.status().as_u16();
        let body = resp.text().await?;
        Ok(Reply {
            status,
            body,
            ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// Like [`Api::send`] but a non-2xx reply is an error naming the request (for setup).
    pub async fn must(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> anyhow::Result<Reply> {
        let shown = format!("{method} {path}");
        let r = self
            .send(method, path, Some(token), body)
            .await
            .with_context(|| format!("{shown} failed"))?;
        if !r.ok() {
            bail!("{shown} answered {}: {}", r.status, excerpt(&r.body));
        }
        Ok(r)
    }

    /// `POST /api/v1/tokens`: signs in and returns the reply (201 with the token on success).
    pub async fn sign_in(&self, email: &str, password: &str) -> anyhow::Result<Reply> {
        let body = json!({"email": email, "password": password, "label": "hearth-load"});
        self.send(Method::POST, "/api/v1/tokens", None, Some(&body))
            .await
    }

    /// A bearer token for the account, or an error saying why not.
    pub async fn token(&self, email: &str, password: &str) -> anyhow::Result<String> {
        let r = self
            .sign_in(email, password)
            .await
            .with_context(|| format!("cannot reach Hearth at {}", self.base))?;
        if !r.ok() {
            bail!(
                "signing in as {email} answered {}: {}",
                r.status,
                excerpt(&r.body)
            );
        }
        let v: Value = r.json()?;
        v["token"]
            .as_str()
            .map(str::to_string)
            .context("the token reply has no token")
    }
}

/// The start of a body, for error messages.
pub fn excerpt(body: &str) -> String {
    body.chars().take(300).collect()
}
