//! Everything a fetch can run into, each in Dutch with the URL and what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Input(String),
    #[error("PDOK is niet bereikbaar ({url}). Controleer de internetverbinding; de rest van Locatiescout werkt gewoon door ({detail}).")]
    Offline { url: String, detail: String },
    #[error("PDOK antwoordde niet binnen {seconds} s ({url}){}. Probeer het later opnieuw of kies een kleiner gebied.", tries(*.attempts))]
    Timeout {
        url: String,
        seconds: f64,
        attempts: u32,
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
    #[error("het ophalen duurt langer dan de ingestelde {seconds} s voor alles samen (max_total_s); er is niets gewijzigd. Kies een kleiner gebied of probeer het later opnieuw.")]
    OverBudget { seconds: f64 },
    #[error("{url} antwoordde niet volledig binnen {seconds} s (van verbinden tot de laatste byte; de server stuurt te langzaam){}; het ophalen is gestopt en er is niets gewijzigd. Probeer het later opnieuw of kies een kleiner gebied.", tries(*.attempts))]
    TooSlow {
        url: String,
        seconds: f64,
        attempts: u32,
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

/// ", ook niet na 2 pogingen", or nothing after one.
fn tries(attempts: u32) -> String {
    if attempts > 1 {
        format!(", ook niet na {attempts} pogingen")
    } else {
        String::new()
    }
}
