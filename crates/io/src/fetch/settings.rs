//! Where and how to fetch: the base URLs (PDOK, or a mirror or test server) and
//! the limits that keep a slow, broken or hostile server from hanging or
//! flooding the app.

use super::error::FetchError;

/// Where and how to fetch. Base URLs are settings so tests (and mirrors) can
/// point them elsewhere.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FetchSettings {
    /// BRK kadastrale kaart, OGC API Features landing page.
    pub brk_url: String,
    /// BAG, OGC API Features landing page.
    pub bag_url: String,
    /// PDOK Locatieserver (`…/search/v3_1`).
    pub locatieserver_url: String,
    /// PDOK's API host; the overlay presets add their path (`/rvo/natura2000/ogc/v1`).
    pub pdok_url: String,
    /// Per request, from connecting to the last byte. A request that runs it
    /// out is tried once more at most (`http::DEADLINE_ATTEMPTS`), so a stalled
    /// server ends the fetch within two minutes.
    pub timeout_s: f64,
    /// Retries after the first attempt, for 429, 5xx and broken connections
    /// (a timeout: once).
    pub retries: u32,
    /// First backoff; doubles per retry.
    pub backoff_ms: u64,
    /// A `Retry-After` longer than this ends the fetch instead of waiting.
    pub max_wait_s: f64,
    /// A response larger than this is refused (a page of 1,000 parcels is ~1 MB).
    pub max_response_bytes: u64,
    /// The fetch stops with an error beyond this many features per collection.
    pub max_features: u64,
    /// `limit` asked per page (PDOK accepts up to 1,000).
    pub page_limit: u32,
    /// The fetch stops with an error beyond this many pages per collection
    /// (a server whose `next` links never end).
    pub max_pages: u32,
    /// The whole fetch (all collections, all pages, retries included) may take this long.
    pub max_total_s: f64,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            brk_url: "https://api.pdok.nl/kadaster/brk-kadastrale-kaart/ogc/v1".into(),
            bag_url: "https://api.pdok.nl/kadaster/bag/ogc/v2".into(),
            locatieserver_url: "https://api.pdok.nl/bzk/locatieserver/search/v3_1".into(),
            pdok_url: "https://api.pdok.nl".into(),
            timeout_s: 50.0,
            retries: 4,
            backoff_ms: 1000,
            max_wait_s: 120.0,
            max_response_bytes: 64 << 20,
            max_features: 5_000_000,
            page_limit: 1000,
            max_pages: 10_000,
            max_total_s: 3600.0,
        }
    }
}

/// Refuses what is no web address to fetch from (`notaurl`, `ftp://x`,
/// `http://`), at once and in Dutch: otherwise every request fails as a broken
/// connection, five times over, in the HTTP client's English.
pub fn check_base_url(url: &str) -> Result<(), FetchError> {
    let ok = reqwest::Url::parse(url.trim())
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if ok {
        Ok(())
    } else {
        Err(FetchError::Input(format!(
            "'{}' is geen geldig webadres; gebruik http:// of https:// met een servernaam (bijvoorbeeld https://api.pdok.nl)",
            locatiescout_model::nl_error::cut(url)
        )))
    }
}

impl FetchSettings {
    /// Checks every base URL with [`check_base_url`] (an address given on the
    /// command line, or stored in a project's settings).
    pub fn check_urls(&self) -> Result<(), FetchError> {
        [
            &self.brk_url,
            &self.bag_url,
            &self.locatieserver_url,
            &self.pdok_url,
        ]
        .into_iter()
        .try_for_each(|u| check_base_url(u))
    }

    /// Every base URL replaced by one (a test server or mirror serving all collections).
    pub fn with_base_url(mut self, base: &str) -> FetchSettings {
        let base = base.trim_end_matches('/').to_string();
        self.brk_url = base.clone();
        self.bag_url = base.clone();
        self.pdok_url = base.clone();
        self.locatieserver_url = base;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review F13a: what is no http(s) address with a host is refused in Dutch.
    #[test]
    fn a_base_url_must_be_a_web_address() {
        for bad in ["notaurl", "ftp://x", "http://", "file:///etc", "", "://x"] {
            let e = check_base_url(bad).unwrap_err().to_string();
            assert!(
                e.contains("is geen geldig webadres; gebruik http:// of https://"),
                "{bad}: {e}"
            );
        }
        for good in [
            "http://127.0.0.1:8080",
            "https://api.pdok.nl/kadaster",
            "HTTPS://x.nl/",
        ] {
            assert!(check_base_url(good).is_ok(), "{good}");
        }
        assert!(FetchSettings::default().check_urls().is_ok());
        assert!(FetchSettings::default()
            .with_base_url("ftp://x")
            .check_urls()
            .is_err());
    }
}
