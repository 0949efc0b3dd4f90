//! The report's two figures — the map of the sites and the chart of the
//! ambition per period — computed once as shapes in page units (y down), so
//! the HTML (SVG) and the PDF draw exactly the same picture.

use geo::{BoundingRect, InteriorPoint, MultiPolygon};

use super::WerkprogrammaExport;
use locatiescout_model::geometry::bounds_of;
use locatiescout_model::nl::nl_number;
use locatiescout_model::text::{Lang, Text};

pub type Rgb = (u8, u8, u8);

pub const SITE: Rgb = (214, 96, 39);
pub const OUTLINE: Rgb = (120, 120, 120);
pub const AMBITION: Rgb = (160, 160, 160);
pub const PLANNED: Rgb = (146, 197, 222);
pub const FEASIBLE: Rgb = (33, 102, 172);
pub const INK: Rgb = (30, 30, 30);
/// A municipality that sent its werkprogramma, on the regional map.
pub const SENT: Rgb = (209, 229, 240);

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Rings in page units; `fill` None = outline only.
    Polygon {
        rings: Vec<Vec<(f64, f64)>>,
        fill: Option<Rgb>,
        stroke: Rgb,
        width: f64,
    },
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Rgb,
    },
    Line {
        from: (f64, f64),
        to: (f64, f64),
        stroke: Rgb,
    },
    Text {
        at: (f64, f64),
        text: String,
        size: f64,
        anchor: Anchor,
        bold: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub items: Vec<Item>,
}

/// The sites (numbered as in the tables) on the municipality's outline, with a scale bar.
pub fn map(ex: &WerkprogrammaExport, width: f64, height: f64, lang: Lang) -> Drawing {
    let mut items = Vec::new();
    let shapes: Vec<(usize, &MultiPolygon<f64>)> = ex
        .shapes
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.as_ref().map(|s| (k, s)))
        .collect();
    // Frame the municipality when its boundary is known, else the sites.
    let framed = if shapes.is_empty() || !ex.outline.is_empty() {
        bounds_of(&ex.outline)
    } else {
        bounds_of(shapes.iter().map(|(_, s)| *s))
    };
    let Some(bounds) = framed else {
        items.push(Item::Text {
            at: (width / 2.0, height / 2.0),
            text: Text::new("fig.no_geometry").render(lang),
            size: 10.0,
            anchor: Anchor::Middle,
            bold: false,
        });
        return Drawing {
            width,
            height,
            items,
        };
    };
    let span = bounds.width().max(bounds.height()).max(200.0);
    let (cx, cy) = (bounds.center().x, bounds.center().y);
    let scale = (width.min(height) - 24.0) / (span * 1.15);
    let to_page = |x: f64, y: f64| {
        (
            width / 2.0 + (x - cx) * scale,
            height / 2.0 - (y - cy) * scale,
        )
    };
    let rings_of = |mp: &MultiPolygon<f64>| -> Vec<Vec<(f64, f64)>> {
        mp.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|r| r.0.iter().map(|c| to_page(c.x, c.y)).collect())
            .collect()
    };
    items.push(Item::Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h: height,
        fill: (248, 248, 245),
    });
    for o in &ex.outline {
        items.push(Item::Polygon {
            rings: rings_of(o),
            fill: None,
            stroke: OUTLINE,
            width: 0.8,
        });
    }
    for (_, s) in &shapes {
        items.push(Item::Polygon {
            rings: rings_of(s),
            fill: Some(SITE),
            stroke: (120, 50, 20),
            width: 0.6,
        });
    }
    for (k, s) in &shapes {
        if let (Some(p), Some(bb)) = (s.interior_point(), s.bounding_rect()) {
            // Beside the shape, not on it: right of its east edge (left of its west edge near the frame).
            let (_, y) = to_page(p.x(), p.y());
            let (east, _) = to_page(bb.max().x, bb.max().y);
            let (west, _) = to_page(bb.min().x, bb.min().y);
            let name = ex
                .report
                .sites
                .get(*k)
                .map(|r| short(&r.label, 26))
                .unwrap_or_default();
            // Number and short name beside the site; labels near the right edge go left.
            let right = east > width * 0.7;
            items.push(Item::Text {
                at: (if right { west - 4.0 } else { east + 4.0 }, y + 3.0),
                text: format!("{}. {name}", k + 1),
                size: 7.5,
                anchor: if right { Anchor::End } else { Anchor::Start },
                bold: true,
            });
        }
    }
    // Legend, top left.
    let mut ly = 12.0;
    items.push(Item::Rect {
        x: 8.0,
        y: 4.0,
        w: 150.0,
        h: if ex.outline.is_empty() { 16.0 } else { 30.0 },
        fill: (255, 255, 255),
    });
    items.push(Item::Rect {
        x: 12.0,
        y: ly - 6.0,
        w: 10.0,
        h: 8.0,
        fill: SITE,
    });
    items.push(Item::Text {
        at: (26.0, ly + 1.0),
        text: Text::new("fig.site_legend").render(lang),
        size: 7.0,
        anchor: Anchor::Start,
        bold: false,
    });
    if !ex.outline.is_empty() {
        ly += 13.0;
        items.push(Item::Line {
            from: (12.0, ly - 2.0),
            to: (22.0, ly - 2.0),
            stroke: OUTLINE,
        });
        items.push(Item::Text {
            at: (26.0, ly + 1.0),
            text: Text::new("fig.boundary").render(lang),
            size: 7.0,
            anchor: Anchor::Start,
            bold: false,
        });
    }
    scale_bar(&mut items, width, height, scale);
    if !ex.local {
        items.push(Item::Text {
            at: (width - 8.0, height - 8.0),
            text: "RD New (EPSG:28992)".into(),
            size: 7.0,
            anchor: Anchor::End,
            bold: false,
        });
    }
    Drawing {
        width,
        height,
        items,
    }
}

/// A scale bar of a round length near a fifth of the width, bottom left
/// (`scale`: page units per metre).
fn scale_bar(items: &mut Vec<Item>, width: f64, height: f64, scale: f64) {
    let target = width / 5.0 / scale;
    let step = [1.0, 2.0, 5.0]
        .iter()
        .flat_map(|m| (0..7).map(move |e| m * 10f64.powi(e)))
        .filter(|v| *v <= target)
        .fold(1.0, f64::max);
    let (x0, y0) = (12.0, height - 12.0);
    items.push(Item::Line {
        from: (x0, y0),
        to: (x0 + step * scale, y0),
        stroke: INK,
    });
    items.push(Item::Text {
        at: (x0, y0 - 4.0),
        text: if step >= 1000.0 {
            format!("{} km", nl_number(step / 1000.0, 0))
        } else {
            format!("{} m", nl_number(step, 0))
        },
        size: 8.0,
        anchor: Anchor::Start,
        bold: false,
    });
}

/// `s` cut to `n` characters with an ellipsis.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Per period, in persons: the period's part of the ambition, what is planned
/// and what can really be delivered (the ambition itself is judged over all periods).
pub fn chart(ex: &WerkprogrammaExport, width: f64, height: f64, lang: Lang) -> Drawing {
    let groups: Vec<(String, [f64; 3])> = ex
        .report
        .periods
        .iter()
        .map(|p| {
            (
                p.label.render(lang),
                [p.ambition_persons, p.planned_persons, p.feasible_persons],
            )
        })
        .collect();
    let legend =
        ["fig.ambition_part", "fig.planned", "fig.feasible"].map(|k| Text::new(k).render(lang));
    bars(&groups, [&legend[0], &legend[1], &legend[2]], width, height)
}

/// Three bars per group (grey, light blue, dark blue) on a rounded axis, with a legend.
pub fn bars(groups: &[(String, [f64; 3])], legend: [&str; 3], width: f64, height: f64) -> Drawing {
    let mut items = Vec::new();
    let (left, bottom, top) = (40.0, height - 36.0, 14.0);
    let max = groups
        .iter()
        .flat_map(|(_, v)| *v)
        .fold(0.0, f64::max)
        .max(1.0);
    // Round the axis up to 1, 2 or 5 times a power of ten.
    let nice = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * 10f64.powf(max.log10().floor()))
        .find(|v| *v >= max)
        .unwrap_or(max);
    let y_of = |v: f64| bottom - (bottom - top) * v / nice;
    // Five steps of a 1-2-5 maximum are round numbers (10 → 2, 20 → 4, 50 → 10).
    for k in 0..=5 {
        let v = nice * f64::from(k) / 5.0;
        let y = y_of(v);
        items.push(Item::Line {
            from: (left, y),
            to: (width - 8.0, y),
            stroke: (220, 220, 220),
        });
        items.push(Item::Text {
            at: (left - 4.0, y + 3.0),
            text: nl_number(v, if nice < 5.0 { 1 } else { 0 }),
            size: 7.5,
            anchor: Anchor::End,
            bold: false,
        });
    }
    let n = groups.len().max(1) as f64;
    let slot = (width - left - 8.0) / n;
    let bar = slot * 0.24;
    for (k, (label, values)) in groups.iter().enumerate() {
        let x = left + slot * k as f64 + slot * 0.1;
        for (j, (v, fill)) in values
            .iter()
            .copied()
            .zip([AMBITION, PLANNED, FEASIBLE])
            .enumerate()
        {
            let bx = x + j as f64 * (bar + 4.0);
            items.push(Item::Rect {
                x: bx,
                y: y_of(v),
                w: bar,
                h: bottom - y_of(v),
                fill,
            });
            items.push(Item::Text {
                at: (bx + bar / 2.0, y_of(v) - 3.0),
                text: nl_number(v, 0),
                size: 7.5,
                anchor: Anchor::Middle,
                bold: false,
            });
        }
        items.push(Item::Text {
            at: (x + 1.5 * bar + 4.0, bottom + 12.0),
            text: label.clone(),
            size: 8.0,
            anchor: Anchor::Middle,
            bold: false,
        });
    }
    items.push(Item::Line {
        from: (left, bottom),
        to: (width - 8.0, bottom),
        stroke: INK,
    });
    let legend_y = height - 6.0;
    for (k, (label, fill)) in legend
        .into_iter()
        .zip([AMBITION, PLANNED, FEASIBLE])
        .enumerate()
    {
        let x = left + k as f64 * 80.0;
        items.push(Item::Rect {
            x,
            y: legend_y - 7.0,
            w: 8.0,
            h: 8.0,
            fill,
        });
        items.push(Item::Text {
            at: (x + 11.0, legend_y),
            text: label.into(),
            size: 7.5,
            anchor: Anchor::Start,
            bold: false,
        });
    }
    Drawing {
        width,
        height,
        items,
    }
}

/// The regional map: the municipalities of the provinces involved (those that
/// sent a werkprogramma filled), every site as a dot, a legend and a scale bar.
pub fn overview_map(
    outlines: &[MultiPolygon<f64>],
    sent: &[bool],
    sites: &[&MultiPolygon<f64>],
    width: f64,
    height: f64,
) -> Drawing {
    let mut items = Vec::new();
    let Some(bounds) = bounds_of(outlines.iter().chain(sites.iter().copied())) else {
        items.push(Item::Text {
            at: (width / 2.0, height / 2.0),
            text: "geen gemeenten of locaties met een geometrie".into(),
            size: 10.0,
            anchor: Anchor::Middle,
            bold: false,
        });
        return Drawing {
            width,
            height,
            items,
        };
    };
    let scale = ((width - 24.0) / bounds.width().max(1.0))
        .min((height - 24.0) / bounds.height().max(1.0))
        / 1.05;
    let (cx, cy) = (bounds.center().x, bounds.center().y);
    let to_page = |x: f64, y: f64| {
        (
            width / 2.0 + (x - cx) * scale,
            height / 2.0 - (y - cy) * scale,
        )
    };
    // Generalised outlines: a vertex closer than half a point to the last one is dropped.
    let rings_of = |mp: &MultiPolygon<f64>| -> Vec<Vec<(f64, f64)>> {
        mp.0.iter()
            .map(|p| {
                let mut ring: Vec<(f64, f64)> = Vec::new();
                for c in &p.exterior().0 {
                    let q = to_page(c.x, c.y);
                    if ring
                        .last()
                        .is_none_or(|l| (l.0 - q.0).abs() + (l.1 - q.1).abs() > 0.5)
                    {
                        ring.push(q);
                    }
                }
                ring
            })
            .filter(|r| r.len() >= 3)
            .collect()
    };
    items.push(Item::Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h: height,
        fill: (248, 248, 245),
    });
    for (o, filled) in outlines.iter().zip(sent.iter().copied()) {
        items.push(Item::Polygon {
            rings: rings_of(o),
            fill: Some(if filled { SENT } else { (255, 255, 255) }),
            stroke: OUTLINE,
            width: 0.4,
        });
    }
    for s in sites {
        if let Some(p) = s.interior_point() {
            let (x, y) = to_page(p.x(), p.y());
            items.push(Item::Rect {
                x: x - 1.8,
                y: y - 1.8,
                w: 3.6,
                h: 3.6,
                fill: SITE,
            });
        }
    }
    items.push(Item::Rect {
        x: 8.0,
        y: 4.0,
        w: 190.0,
        h: 44.0,
        fill: (255, 255, 255),
    });
    for (k, (fill, label)) in [
        (SITE, "locatie uit een werkprogramma"),
        (SENT, "gemeente met werkprogramma"),
        ((255, 255, 255), "gemeente zonder werkprogramma"),
    ]
    .into_iter()
    .enumerate()
    {
        let y = 12.0 + 13.0 * k as f64;
        items.push(Item::Polygon {
            rings: vec![vec![
                (12.0, y - 6.0),
                (22.0, y - 6.0),
                (22.0, y + 2.0),
                (12.0, y + 2.0),
            ]],
            fill: Some(fill),
            stroke: OUTLINE,
            width: 0.4,
        });
        items.push(Item::Text {
            at: (26.0, y + 1.0),
            text: label.into(),
            size: 7.0,
            anchor: Anchor::Start,
            bold: false,
        });
    }
    scale_bar(&mut items, width, height, scale);
    items.push(Item::Text {
        at: (width - 8.0, height - 8.0),
        text: "RD New (EPSG:28992); CBS-gemeentegrenzen 2024".into(),
        size: 7.0,
        anchor: Anchor::End,
        bold: false,
    });
    Drawing {
        width,
        height,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance and contrast ratio.
    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let lum = |c: Rgb| {
            let ch = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn ink_reads_on_every_figure_background() {
        // The page colour of map and chart, and the white of labels and the chart.
        for bg in [(248, 248, 245), (255, 255, 255)] {
            let c = contrast(INK, bg);
            assert!(c >= 15.0, "{bg:?}: {c:.1}:1");
        }
    }
}
