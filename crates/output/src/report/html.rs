//! The printable werkprogramma as one self-contained HTML file (inline SVG, no
//! network): opens anywhere, prints to A4 from any browser.

use std::fmt::Write;

use super::figure::{self, Anchor, Drawing, Item};
use super::tables::{business_rows, knelpunt_rows, period_rows, site_rows, summary_rows, Table};
use super::WerkprogrammaExport;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn rgb(c: figure::Rgb) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// A drawing as inline SVG.
pub fn svg(d: &Drawing, label: &str) -> String {
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        esc(label),
        w = d.width,
        h = d.height
    );
    for item in &d.items {
        match item {
            Item::Polygon {
                rings,
                fill,
                stroke,
                width,
            } => {
                let mut path = String::new();
                for ring in rings {
                    for (k, (x, y)) in ring.iter().enumerate() {
                        let _ = write!(path, "{}{x:.1},{y:.1}", if k == 0 { "M" } else { "L" });
                    }
                    path.push('Z');
                }
                let _ = write!(
                    s,
                    "<path d=\"{path}\" fill=\"{}\" fill-opacity=\"0.75\" fill-rule=\"evenodd\" stroke=\"{}\" stroke-width=\"{width}\"/>",
                    fill.map_or("none".to_string(), rgb),
                    rgb(*stroke)
                );
            }
            Item::Rect { x, y, w, h, fill } => {
                let _ = write!(
                    s,
                    "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{}\"/>",
                    rgb(*fill)
                );
            }
            Item::Line { from, to, stroke } => {
                let _ = write!(
                    s,
                    "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\"/>",
                    from.0,
                    from.1,
                    to.0,
                    to.1,
                    rgb(*stroke)
                );
            }
            Item::Text {
                at,
                text,
                size,
                anchor,
                bold,
            } => {
                let a = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let _ = write!(
                    s,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size}\" text-anchor=\"{a}\"{}>{}</text>",
                    at.0,
                    at.1,
                    if *bold { " font-weight=\"bold\"" } else { "" },
                    esc(text)
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

fn table(t: &Table, out: &mut String) {
    let _ = write!(out, "<h2>{}</h2><table><thead><tr>", esc(t.title));
    for (_, h) in &t.columns {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for c in row {
            let class = match c {
                super::Cell::Text(_) | super::Cell::Empty => "",
                _ => " class=\"n\"",
            };
            let _ = write!(out, "<td{class}>{}</td>", esc(&c.display()));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

const STYLE: &str = "
body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;font-size:10pt;color:#1e1e1e;margin:2em;max-width:80em}
h1{font-size:18pt;margin-bottom:.2em}h2{font-size:13pt;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.4em 0;width:100%}th,td{border:1px solid #ccc;padding:2px 5px;vertical-align:top;text-align:left}
th{background:#eef}td.n{text-align:right;white-space:nowrap}.lead{font-size:11pt}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}dt{font-weight:bold}dd{margin:0}
.figs{display:flex;flex-wrap:wrap;gap:1em}.ok{color:#1a7f37}.nok{color:#b42318}
@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;font-size:8.5pt}h2{break-after:avoid}tr{break-inside:avoid}}
";

/// The whole report.
pub fn render(ex: &WerkprogrammaExport) -> String {
    let r = &ex.report;
    let wp = &r.input;
    let mut o = String::with_capacity(64 << 10);
    let title = if wp.gemeente.trim().is_empty() {
        "Lokaal werkprogramma aanvullende huisvesting".to_string()
    } else {
        format!(
            "Lokaal werkprogramma aanvullende huisvesting — {}",
            wp.gemeente.trim()
        )
    };
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body><h1>{t}</h1>",
        t = esc(&title)
    );
    let _ = write!(
        o,
        "<p>Opgesteld {} met Locatiescout. Periodes: {}.</p>",
        esc(&r.reference_date),
        esc(&r
            .periods
            .iter()
            .map(|p| p.label.as_str())
            .collect::<Vec<_>>()
            .join(", "))
    );
    let _ = write!(
        o,
        "<p class=\"lead {}\">{}</p>",
        if r.reaches_ambition { "ok" } else { "nok" },
        esc(&r.ambition_text)
    );
    o.push_str("<h2>Samenvatting</h2><dl>");
    for (label, cell) in summary_rows(ex) {
        let v = cell.display();
        if v.trim().is_empty() || label == "Conclusie" {
            continue;
        }
        let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(&v));
    }
    o.push_str("</dl><div class=\"figs\"><figure>");
    o.push_str(&super::map_svg(ex));
    o.push_str("<figcaption>Kaart: de locaties, genummerd als in de tabellen.</figcaption></figure><figure>");
    o.push_str(&super::chart_svg(ex));
    o.push_str("<figcaption>Woningen voor statushouders in aanvullende woonvormen tegen de ambitie, per periode.</figcaption></figure></div>");
    table(&period_rows(ex), &mut o);
    table(&site_rows(ex), &mut o);
    table(&knelpunt_rows(ex), &mut o);
    o.push_str("<h2>Knelpunten per locatie</h2><table><thead><tr><th>Nr</th><th>Locatie</th><th>Categorie</th><th>Knelpunt</th></tr></thead><tbody>");
    for (k, s) in r.sites.iter().enumerate() {
        for kp in &s.knelpunten {
            let _ = write!(
                o,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                k + 1,
                esc(&s.label),
                esc(kp.category.dutch()),
                esc(&kp.text)
            );
        }
    }
    o.push_str("</tbody></table>");
    table(&business_rows(ex), &mut o);
    o.push_str("<h2>Planning</h2><table><thead><tr><th>Periode</th><th>Locaties</th><th>Woningen</th></tr></thead><tbody>");
    for (p, per) in r.periods.iter().enumerate() {
        let names: Vec<String> = r
            .sites
            .iter()
            .enumerate()
            .filter(|(_, s)| s.entry.period == p)
            .map(|(k, s)| format!("{}. {}", k + 1, s.label))
            .collect();
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&per.label),
            esc(&names.join(", ")),
            esc(&locatiescout_model::nl::nl_number(per.homes, 0))
        );
    }
    o.push_str("</tbody></table>");
    for (head, text) in [
        ("Steun gevraagd van Rijk en provincie", &wp.support),
        ("Samenwerking met andere gemeenten", &wp.cooperation),
        ("Toelichting op de planning", &wp.planning),
    ] {
        if !text.trim().is_empty() {
            let _ = write!(
                o,
                "<h2>{}</h2><p>{}</p>",
                esc(head),
                esc(text).replace('\n', "<br>")
            );
        }
    }
    o.push_str("<h2>Uitgangspunten</h2><p>Ambitie, taakstelling, huishoudgrootte en de getallen van de businesscase zijn instelbaar; de standaardwaarden en hun bronnen staan in <code>data/werkprogramma.toml</code> en <code>data/business_case.toml</code>. Netaansluiting en knelpunten zijn afgeleid uit de geladen gegevens en indicatief.</p>");
    o.push_str("</body></html>\n");
    o
}
