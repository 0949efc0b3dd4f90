//! The one way to GET from PDOK: a client that follows redirects only to the
//! configured servers, a timeout per request from connecting to the last byte,
//! retries with backoff for 429, 5xx and broken connections (honouring
//! `Retry-After`) and one for a request that ran out its timeout, a response size cap checked before and while reading, and a
//! cancel that takes effect at once, also during a request.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::error::{Asked, FetchError};
use super::settings::FetchSettings;

/// The scheme and host (with port) of `url`: what a link may point to.
fn origin_of(url: &str) -> Option<String> {
    let u = reqwest::Url::parse(url).ok()?;
    Some(format!(
        "{}://{}{}",
        u.scheme(),
        u.host_str()?,
        u.port().map(|p| format!(":{p}")).unwrap_or_default()
    ))
}

/// The origins of the configured base URLs: the only places links and redirects may lead.
pub fn allowed_origins(s: &FetchSettings) -> Vec<String> {
    let mut v: Vec<String> = [&s.brk_url, &s.bag_url, &s.locatieserver_url, &s.pdok_url]
        .iter()
        .filter_map(|u| origin_of(u))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Refuses a link to another scheme or server than the base URLs (a `next` to
/// another host, or to `file://`), at once and with a Dutch message.
pub fn check_link(s: &FetchSettings, from: &str, to: &str) -> Result<(), FetchError> {
    let allowed = allowed_origins(s);
    match origin_of(to) {
        Some(o) if allowed.contains(&o) => Ok(()),
        _ => Err(FetchError::ForeignLink {
            url: from.into(),
            target: to.chars().take(200).collect(),
            allowed: allowed.join(", "),
        }),
    }
}

/// The blocking HTTP client: a timeout per request, at most 5 redirects and only
/// to the scheme and server of a base URL; base URLs that are no web address
/// are refused.
pub fn client(s: &FetchSettings) -> Result<reqwest::blocking::Client, FetchError> {
    // Before any request: an address that is none fails at once, not five times over.
    s.check_urls()?;
    let allowed = allowed_origins(s);
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        let target = attempt.url().to_string();
        let ok = origin_of(&target).is_some_and(|o| allowed.contains(&o));
        if !ok {
            attempt.error(format!(
                "doorverwijzing naar {target} buiten {} wordt niet gevolgd",
                allowed.join(", ")
            ))
        } else if attempt.previous().len() >= 5 {
            attempt.error("te veel doorverwijzingen")
        } else {
            attempt.follow()
        }
    });
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs_f64(s.timeout_s.max(0.1)))
        .connect_timeout(Duration::from_secs_f64(s.timeout_s.clamp(0.1, 15.0)))
        .redirect(policy)
        .user_agent(concat!("Locatiescout/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| {
            FetchError::Input(format!(
                "de verbinding kan niet worden opgezet; start Locatiescout opnieuw ({e})"
            ))
        })
}

/// How long a `Retry-After` asks to wait: seconds or an HTTP date.
fn retry_after(h: &reqwest::header::HeaderMap) -> Option<f64> {
    let v = h.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(s) = v.parse::<f64>() {
        return Some(s.max(0.0));
    }
    let when = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    Some(
        ((when.timestamp_millis() - chrono::Utc::now().timestamp_millis()) as f64 / 1000.0)
            .max(0.0),
    )
}

/// Sleeps in small steps so a cancel is noticed.
fn wait(seconds: f64, cancel: &AtomicBool) -> Result<(), FetchError> {
    let end = std::time::Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
    while std::time::Instant::now() < end {
        if cancel.load(Ordering::Relaxed) {
            return Err(FetchError::Cancelled);
        }
        std::thread::sleep(Duration::from_millis(20).min(end - std::time::Instant::now()));
    }
    Ok(())
}

/// What one HTTP attempt gave. The body is read only for a success.
enum Attempt {
    /// Sending failed (no connection, timeout, too many redirects…).
    Send(reqwest::Error),
    /// A status other than success, with its `Retry-After` in seconds.
    Status {
        status: u16,
        retry_after: Option<f64>,
    },
    /// `Content-Length` beyond the limit.
    TooLarge(u64),
    /// A success: the body as read, at most the limit plus one byte.
    Body(std::io::Result<Vec<u8>>),
    /// The body did not arrive whole before the request's deadline (ours, or
    /// the client's timeout while reading).
    TooSlow,
}

fn attempt(
    client: &reqwest::blocking::Client,
    url: &str,
    max_bytes: u64,
    deadline: std::time::Instant,
) -> Attempt {
    let resp = client
        .get(url)
        .header(
            reqwest::header::ACCEPT,
            "application/geo+json, application/json",
        )
        .send();
    let resp = match resp {
        Ok(r) => r,
        Err(e) => return Attempt::Send(e),
    };
    let status = resp.status();
    if !status.is_success() {
        return Attempt::Status {
            status: status.as_u16(),
            retry_after: retry_after(resp.headers()),
        };
    }
    if let Some(len) = resp.content_length().filter(|&l| l > max_bytes) {
        return Attempt::TooLarge(len);
    }
    // Read in pieces against one deadline: a server that sends a byte every few
    // seconds resets any per-read timeout, never this one.
    let mut body = Vec::new();
    let mut reader = resp.take(max_bytes + 1);
    let mut buf = [0u8; 64 << 10];
    loop {
        if std::time::Instant::now() > deadline {
            return Attempt::TooSlow;
        }
        match reader.read(&mut buf) {
            Ok(0) => return Attempt::Body(Ok(body)),
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // The client's own timeout (the same seconds) ended the read.
            Err(e) if body_timed_out(&e) => return Attempt::TooSlow,
            Err(e) => return Attempt::Body(Err(e)),
        }
    }
}

/// One attempt on a thread of its own, so that "Afbreken" does not wait for a
/// slow server (up to the timeout, 50 s by default): on a cancel the thread is
/// left to finish within its timeout and its answer is dropped.
fn attempt_cancellable(
    client: &reqwest::blocking::Client,
    url: &str,
    max_bytes: u64,
    timeout_s: f64,
    cancel: &AtomicBool,
) -> Result<Attempt, FetchError> {
    use std::sync::mpsc::{channel, RecvTimeoutError};
    let deadline = std::time::Instant::now() + Duration::from_secs_f64(timeout_s.max(0.1));
    let (tx, rx) = channel();
    let (client, owned) = (client.clone(), url.to_string());
    std::thread::Builder::new()
        .name("pdok-verzoek".into())
        .spawn(move || {
            let _ = tx.send(attempt(&client, &owned, max_bytes, deadline));
        })
        .map_err(|e| {
            FetchError::Input(format!(
                "kan geen verzoek starten; sluit andere programma's en probeer het opnieuw ({})",
                locatiescout_model::nl_error::io_nl(&e)
            ))
        })?;
    loop {
        match rx.recv_timeout(Duration::from_millis(25)) {
            Ok(a) => return Ok(a),
            Err(RecvTimeoutError::Timeout) if cancel.load(Ordering::Relaxed) => {
                return Err(FetchError::Cancelled)
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(FetchError::Broken {
                    url: url.into(),
                    detail: "het verzoek is onverwacht afgebroken".into(),
                    attempts: 1,
                })
            }
        }
    }
}

/// How often one request may run out its deadline (`timeout_s`) before the
/// fetch gives up: a server that stalled once may have had a hiccup, one that
/// stalls twice will stall again. With PDOK's defaults a stalled fetch ends
/// within two minutes (2 × 50 s plus a second's backoff), not after five
/// attempts of a minute each.
pub const DEADLINE_ATTEMPTS: u32 = 2;

/// GET with retries; returns the body, at most `max_response_bytes`. 429, 5xx
/// and broken connections are retried `retries` times; a request that ran out
/// its deadline only until [`DEADLINE_ATTEMPTS`] have. A cancel is noticed
/// within a few hundredths of a second, also while a request is under way.
pub fn get(
    client: &reqwest::blocking::Client,
    s: &FetchSettings,
    url: &str,
    cancel: &AtomicBool,
    retried: &mut u32,
) -> Result<Vec<u8>, FetchError> {
    let attempts = s.retries + 1;
    let mut last: Option<FetchError> = None;
    let mut deadlines_missed = 0;
    for attempt in 0..attempts {
        if cancel.load(Ordering::Relaxed) {
            return Err(FetchError::Cancelled);
        }
        if attempt > 0 {
            *retried += 1;
        }
        // Said in a message: the attempts made, not those allowed.
        let made = attempt + 1;
        let backoff = (s.backoff_ms as f64 / 1000.0) * 2f64.powi(attempt as i32);
        // No wait after the last attempt: nothing follows it.
        let pause = |cancel: &AtomicBool| {
            if made < attempts {
                wait(backoff, cancel)
            } else {
                Ok(())
            }
        };
        let outcome = attempt_cancellable(client, url, s.max_response_bytes, s.timeout_s, cancel)?;
        let ran_out = match &outcome {
            Attempt::TooSlow => true,
            Attempt::Send(e) => e.is_timeout() && !e.is_redirect(),
            _ => false,
        };
        if ran_out {
            deadlines_missed += 1;
            if deadlines_missed >= DEADLINE_ATTEMPTS {
                return Err(match outcome {
                    Attempt::TooSlow => FetchError::TooSlow {
                        url: url.into(),
                        seconds: s.timeout_s,
                        attempts: made,
                        asked: Asked::Lookup,
                    },
                    _ => FetchError::Timeout {
                        url: url.into(),
                        seconds: s.timeout_s,
                        attempts: made,
                        asked: Asked::Lookup,
                    },
                });
            }
        }
        match outcome {
            Attempt::TooSlow => {
                last = Some(FetchError::TooSlow {
                    url: url.into(),
                    seconds: s.timeout_s,
                    attempts: made,
                    asked: Asked::Lookup,
                });
                pause(cancel)?;
            }
            Attempt::Send(e) if e.is_redirect() => {
                let why = root_cause(&e);
                return Err(if why.contains("wordt niet gevolgd") {
                    FetchError::Input(format!("{url}: {why}"))
                } else {
                    FetchError::Redirects { url: url.into() }
                });
            }
            Attempt::Send(e) if e.is_timeout() => {
                last = Some(FetchError::Timeout {
                    url: url.into(),
                    seconds: s.timeout_s,
                    attempts: made,
                    asked: Asked::Lookup,
                });
                pause(cancel)?;
            }
            Attempt::Send(e) if e.is_connect() => {
                // Nothing listens or no network: retrying at once will not help much,
                // but a server restarting deserves a second chance.
                last = Some(FetchError::Offline {
                    url: url.into(),
                    detail: root_cause(&e),
                });
                if attempt + 1 < attempts.min(2) {
                    wait(backoff, cancel)?;
                    continue;
                }
                break;
            }
            Attempt::Send(e) => {
                last = Some(FetchError::Broken {
                    url: url.into(),
                    detail: root_cause(&e),
                    attempts: made,
                });
                pause(cancel)?;
            }
            Attempt::Status {
                status,
                retry_after: after,
            } if status == 429 || (500..600).contains(&status) => {
                if let Some(sec) = after {
                    if sec > s.max_wait_s {
                        return Err(FetchError::WaitTooLong {
                            url: url.into(),
                            seconds: sec,
                            max: s.max_wait_s,
                        });
                    }
                }
                last = Some(FetchError::Status {
                    url: url.into(),
                    status,
                    attempts: made,
                });
                if attempt + 1 < attempts {
                    wait(after.unwrap_or(backoff), cancel)?;
                }
            }
            Attempt::Status { status, .. } => {
                return Err(FetchError::Status {
                    url: url.into(),
                    status,
                    attempts: made,
                })
            }
            Attempt::TooLarge(bytes) => {
                return Err(FetchError::TooLarge {
                    url: url.into(),
                    bytes,
                    max: s.max_response_bytes,
                })
            }
            Attempt::Body(Ok(body)) if body.len() as u64 > s.max_response_bytes => {
                return Err(FetchError::TooLarge {
                    url: url.into(),
                    bytes: body.len() as u64,
                    max: s.max_response_bytes,
                })
            }
            Attempt::Body(Ok(body)) => return Ok(body),
            Attempt::Body(Err(e)) => {
                last = Some(FetchError::Broken {
                    url: url.into(),
                    detail: e.to_string(),
                    attempts: made,
                });
                pause(cancel)?;
            }
        }
    }
    Err(last.unwrap_or(FetchError::Cancelled))
}

/// Whether reading the body stopped at the client's timeout.
fn body_timed_out(e: &std::io::Error) -> bool {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
        .is_some_and(|r| r.is_timeout())
        || e.kind() == std::io::ErrorKind::TimedOut
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 32 item 8: with the defaults a stalled request (every attempt runs
    /// out its deadline) ends the fetch within two minutes, retries and backoff
    /// included — not five attempts of a minute each.
    #[test]
    fn a_stalled_request_ends_within_two_minutes_by_default() {
        let s = FetchSettings::default();
        let tries = DEADLINE_ATTEMPTS.min(s.retries + 1);
        let backoff_s: f64 = (0..tries.saturating_sub(1))
            .map(|k| s.backoff_ms as f64 / 1000.0 * 2f64.powi(k as i32))
            .sum();
        let worst_s = f64::from(tries) * s.timeout_s + backoff_s;
        assert!(worst_s <= 110.0, "{worst_s} s");
        // Other failures keep their retries.
        assert!(s.retries >= 4);
    }
}
