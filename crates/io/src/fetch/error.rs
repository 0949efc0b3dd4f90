//! Everything a fetch can run into, each in Dutch with the URL and what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Input(String),
    #[error("PDOK is niet bereikbaar ({url}). Controleer de internetverbinding; de rest van Locatiescout werkt gewoon door ({detail}).")]
    Offline { url: String, detail: String },
    #[error("PDOK antwoordde niet binnen {seconds} s ({url}){}. {}", tries(*.attempts), advice(*.asked))]
    Timeout {
        url: String,
        seconds: f64,
        attempts: u32,
        asked: Asked,
    },
    #[error("PDOK gaf foutcode {status} ({url}){}", if *.attempts > 1 { format!(", ook na {} pogingen", attempts) } else { String::new() })]
    Status {
        url: String,
        status: u16,
        attempts: u32,
    },
    #[error("PDOK vraagt {seconds} s te wachten ({url}); dat is langer dan de ingestelde {max} s. Probeer het later opnieuw.")]
    WaitTooLong { url: String, seconds: f64, max: f64 },
    #[error("het antwoord van {url} is te groot ({bytes} bytes, grens {max}); kies een kleiner gebied of een kleinere pagina")]
    TooLarge { url: String, bytes: u64, max: u64 },
    #[error("meer dan {max} objecten in {collection}; kies een kleiner gebied")]
    TooMany { collection: String, max: u64 },
    #[error("meer dan {max} pagina's in {collection} (de 'next'-links houden niet op); kies een kleiner gebied of verhoog max_pages")]
    TooManyPages { collection: String, max: u32 },
    #[error("het ophalen duurt langer dan de ingestelde {seconds} s voor alles samen (max_total_s); er is niets gewijzigd. Probeer het later opnieuw of vraag minder tegelijk op: een kleiner gebied, minder adressen.")]
    OverBudget { seconds: f64 },
    #[error("{url} antwoordde niet volledig binnen {seconds} s (van verbinden tot de laatste byte; de server stuurt te langzaam){}; het ophalen is gestopt en er is niets gewijzigd. {}", tries(*.attempts), advice(*.asked))]
    TooSlow {
        url: String,
        seconds: f64,
        attempts: u32,
        asked: Asked,
    },
    #[error("{url}: een link of doorverwijzing naar {target} wordt niet gevolgd; alleen {allowed} (zelfde schema en server als het basisadres)")]
    ForeignLink {
        url: String,
        target: String,
        allowed: String,
    },
    #[error(
        "de verbinding met {url} brak af tijdens het lezen ({detail}), ook na {attempts} pogingen"
    )]
    Broken {
        url: String,
        detail: String,
        attempts: u32,
    },
    #[error("{url} stuurt steeds door (doorverwijzing in een kringetje of te vaak); het adres klopt niet")]
    Redirects { url: String },
    #[error("{url} gaf geen geldige GeoJSON: {detail}")]
    Malformed { url: String, detail: String },
    #[error("ophalen afgebroken; er is niets gewijzigd")]
    Cancelled,
    #[error("{path}: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
}

/// What a request that ran out of time asked for: only the pages of an area
/// are helped by a smaller area; an address looked up is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// One answer, e.g. an address at Locatieserver ([`super::get`] says this).
    Lookup,
    /// A collection over an area ([`super::Fetcher`] says this).
    Area,
}

impl FetchError {
    /// This error of a request for an area's pages: a timeout then advises a
    /// smaller area too.
    pub fn for_area(self) -> FetchError {
        match self {
            FetchError::Timeout {
                url,
                seconds,
                attempts,
                ..
            } => FetchError::Timeout {
                url,
                seconds,
                attempts,
                asked: Asked::Area,
            },
            FetchError::TooSlow {
                url,
                seconds,
                attempts,
                ..
            } => FetchError::TooSlow {
                url,
                seconds,
                attempts,
                asked: Asked::Area,
            },
            other => other,
        }
    }
}

/// What to do after a request that ran out of time.
fn advice(asked: Asked) -> &'static str {
    match asked {
        Asked::Lookup => "Probeer het later opnieuw.",
        Asked::Area => "Probeer het later opnieuw of kies een kleiner gebied.",
    }
}

/// ", ook niet na 2 pogingen", or nothing after one.
fn tries(attempts: u32) -> String {
    if attempts > 1 {
        format!(", ook niet na {attempts} pogingen")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review F13b: a lookup that ran out of time advises no smaller area (it
    /// has none); the pages of an area do.
    #[test]
    fn only_an_area_is_advised_to_be_smaller() {
        let slow = FetchError::TooSlow {
            url: "http://127.0.0.1/free?q=x".into(),
            seconds: 1.0,
            attempts: 2,
            asked: Asked::Lookup,
        };
        let said = slow.to_string();
        assert!(said.ends_with("Probeer het later opnieuw."), "{said}");
        assert!(!said.contains("gebied"), "{said}");
        let said = slow.for_area().to_string();
        assert!(said.ends_with("kies een kleiner gebied."), "{said}");
        let timeout = FetchError::Timeout {
            url: "http://127.0.0.1/free?q=x".into(),
            seconds: 1.0,
            attempts: 2,
            asked: Asked::Lookup,
        };
        assert!(!timeout.to_string().contains("gebied"));
        assert!(timeout
            .for_area()
            .to_string()
            .contains("kies een kleiner gebied"));
    }
}
