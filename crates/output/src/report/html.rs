//! The printable werkprogramma as one self-contained HTML file (inline SVG, no
//! network): opens anywhere, prints to A4 from any browser.

use std::fmt::Write;

use super::doc::{self, Block, Tone};
use super::figure::{self, Anchor, Drawing, Item};
use super::tables::Table;
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
.figs{display:flex;flex-wrap:wrap;gap:1em}.ok{color:#1a7f37}.nok{color:#b42318}.small{font-size:8.5pt;color:#444}
.kpi{display:flex;gap:1.5em;margin:1em 0}.kpi div{border:1px solid #ccc;padding:.6em 1em;min-width:14em}.kpi .v{display:block;font-size:20pt;font-weight:bold}.kpi .l{font-size:9pt;color:#444}
@media print{@page{size:A4 landscape;margin:12mm}body{margin:0;font-size:8.5pt}h2{break-after:avoid}tr{break-inside:avoid}.pb{break-after:page}}
";

/// The whole report.
pub fn render(ex: &WerkprogrammaExport) -> String {
    render_blocks(&doc::title(ex), doc::document(ex))
}

/// A report of `blocks` in the house style.
pub fn render_blocks(title: &str, blocks: Vec<Block>) -> String {
    let mut o = String::with_capacity(64 << 10);
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body>",
        t = esc(title)
    );
    for block in blocks {
        match block {
            Block::Title(t) => {
                let _ = write!(o, "<h1>{}</h1>", esc(&t));
            }
            Block::Heading(h) => {
                let _ = write!(o, "<h2>{}</h2>", esc(&h));
            }
            Block::Para { text, lead, tone } => {
                let class = match (lead, tone) {
                    (true, Tone::Good) => "lead ok",
                    (true, Tone::Bad) => "lead nok",
                    (true, Tone::Plain) => "lead",
                    (false, Tone::Good) => "ok",
                    (false, Tone::Bad) => "nok",
                    (false, Tone::Plain) => "",
                };
                let _ = write!(
                    o,
                    "<p class=\"{class}\">{}</p>",
                    esc(&text).replace('\n', "<br>")
                );
            }
            Block::Small(t) => {
                let _ = write!(o, "<p class=\"small\">{}</p>", esc(&t));
            }
            Block::Figures(f) => {
                o.push_str("<div class=\"kpi\">");
                for (label, value) in f {
                    let _ = write!(
                        o,
                        "<div><span class=\"v\">{}</span><span class=\"l\">{}</span></div>",
                        esc(&value),
                        esc(&label)
                    );
                }
                o.push_str("</div>");
            }
            Block::Bullets(items) => {
                o.push_str("<ul>");
                for i in items {
                    let _ = write!(o, "<li>{}</li>", esc(&i));
                }
                o.push_str("</ul>");
            }
            Block::Drawings(figs) => {
                o.push_str("<div class=\"figs\">");
                for f in figs {
                    let _ = write!(
                        o,
                        "<figure>{}<figcaption>{}</figcaption></figure>",
                        svg(&f.screen, &f.label),
                        esc(&f.caption)
                    );
                }
                o.push_str("</div>");
            }
            Block::Table(t) => table(&t, &mut o),
            Block::PageBreak => o.push_str("<div class=\"pb\"></div>"),
        }
    }
    o.push_str("</body></html>\n");
    o
}
