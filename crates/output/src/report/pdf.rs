//! The printable werkprogramma as PDF (A4 landscape), written with `pdf-writer`
//! using the standard Helvetica fonts (WinAnsi: €, ë, ² and — print as such),
//! so no font files are needed. Same content and figures as the HTML report.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

use super::doc::{self, Block, Tone};
use super::figure::{self, Anchor, Drawing, Item};
use super::tables::Table;
use super::{Cell, WerkprogrammaExport};

const PAGE_W: f32 = 842.0;
const PAGE_H: f32 = 595.0;
const MARGIN: f32 = 36.0;

/// Helvetica advance widths (1/1000 em) for ' ' to '~', from the standard AFM.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

fn char_width(c: char) -> f32 {
    let w = match c {
        ' '..='~' => HELVETICA[c as usize - 32],
        '—' => 1000,
        '\u{a0}' => 278,
        '²' | '³' => 333,
        'ï' | 'í' | 'ì' | 'î' => 278,
        _ => 556,
    };
    f32::from(w) / 1000.0
}

/// Width in points; bold is about 6 % wider than regular.
fn text_width(s: &str, size: f32, bold: bool) -> f32 {
    let w: f32 = s.chars().map(char_width).sum();
    w * size * if bold { 1.06 } else { 1.0 }
}

/// Text as WinAnsi bytes; what WinAnsi cannot show becomes '?'.
fn win_ansi(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let c = match c {
            '≥' => {
                out.extend_from_slice(b">=");
                continue;
            }
            '≤' => {
                out.extend_from_slice(b"<=");
                continue;
            }
            '\u{2212}' => '-',
            c => c,
        };
        let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        if bad {
            out.push(b'?');
        } else {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

/// Breaks `s` into lines no wider than `width`; a word longer than a line is cut.
/// Linear in the text: widths are summed as the line grows, never re-measured
/// (a 50 MB unbroken word once took minutes).
fn wrap(s: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let scale = size * if bold { 1.06 } else { 1.0 };
    let w = |c: char| char_width(c) * scale;
    let space = w(' ');
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0f32;
        for word in para.split(' ').filter(|x| !x.is_empty()) {
            let word_w: f32 = word.chars().map(w).sum();
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            // Longer than a line: cut it, char by char, each piece as wide as fits.
            for c in word.chars() {
                let cw = w(c);
                if !line.is_empty() && line_w + cw > width {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// The most a paragraph prints, and a table cell (a row must fit on a page);
/// the rest is said to be cut (the full text is in the spreadsheet and the CSV).
const MAX_PARAGRAPH_CHARS: usize = 4000;
const MAX_CELL_CHARS: usize = 600;

/// `s` cut to `max` characters, saying so.
fn printable(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((i, _)) => std::borrow::Cow::Owned(format!(
            "{}… (ingekort; de volledige tekst staat in de XLSX en de CSV)",
            &s[..i]
        )),
        None => std::borrow::Cow::Borrowed(s),
    }
}

struct Writer {
    done: Vec<Content>,
    page: Content,
    /// Distance from the bottom of the page to the next line's top.
    y: f32,
    title: String,
}

impl Writer {
    fn new(title: String) -> Writer {
        let mut w = Writer {
            done: Vec::new(),
            page: Content::new(),
            y: PAGE_H - MARGIN,
            title,
        };
        w.footer();
        w
    }

    fn footer(&mut self) {
        let n = self.done.len() + 1;
        let text = format!("{} — pagina {n}", self.title);
        self.text(MARGIN, MARGIN / 2.0, 7.0, false, (110, 110, 110), &text);
    }

    fn new_page(&mut self) {
        let page = std::mem::replace(&mut self.page, Content::new());
        self.done.push(page);
        self.y = PAGE_H - MARGIN;
        self.footer();
    }

    fn ensure(&mut self, h: f32) {
        if self.y - h < MARGIN {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, rgb: figure::Rgb, s: &str) {
        let font = if bold { Name(b"F2") } else { Name(b"F1") };
        let c = &mut self.page;
        c.set_fill_rgb(
            f32::from(rgb.0) / 255.0,
            f32::from(rgb.1) / 255.0,
            f32::from(rgb.2) / 255.0,
        );
        c.begin_text();
        c.set_font(font, size);
        c.next_line(x, y);
        c.show(Str(&win_ansi(s)));
        c.end_text();
    }

    fn heading(&mut self, s: &str, size: f32) {
        self.ensure(size * 3.0);
        self.y -= size * 1.6;
        self.text(MARGIN, self.y, size, true, figure::INK, s);
        self.y -= size * 0.5;
    }

    fn paragraph_in(&mut self, s: &str, size: f32, bold: bool, ink: figure::Rgb) {
        for line in wrap(
            &printable(s, MAX_PARAGRAPH_CHARS),
            PAGE_W - 2.0 * MARGIN,
            size,
            bold,
        ) {
            self.ensure(size * 1.4);
            self.y -= size * 1.3;
            self.text(MARGIN, self.y, size, bold, ink, &line);
        }
        self.y -= size * 0.4;
    }

    /// Large figures in boxes side by side, each with its label under it.
    fn figures(&mut self, f: &[(String, String)]) {
        let h = 52.0;
        self.ensure(h + 12.0);
        let gap = 12.0;
        let n = f.len().max(1) as f32;
        let bw = (PAGE_W - 2.0 * MARGIN - gap * (n - 1.0)) / n;
        let top = self.y - 8.0;
        for (k, (label, value)) in f.iter().enumerate() {
            let x = MARGIN + k as f32 * (bw + gap);
            self.page.set_stroke_rgb(0.7, 0.7, 0.7);
            self.page.rect(x, top - h, bw, h);
            self.page.stroke();
            self.text(x + 8.0, top - 24.0, 18.0, true, figure::INK, value);
            let lines = wrap(label, bw - 16.0, 8.0, false);
            for (j, line) in lines.iter().take(2).enumerate() {
                self.text(
                    x + 8.0,
                    top - 36.0 - 9.0 * j as f32,
                    8.0,
                    false,
                    (70, 70, 70),
                    line,
                );
            }
        }
        self.y = top - h - 6.0;
    }

    fn table(&mut self, t: &Table, size: f32) {
        let avail = PAGE_W - 2.0 * MARGIN;
        let pad = 2.5;
        // Each column gets at least its longest word (so nothing breaks inside a
        // word), then a share of the room left in proportion to what it would like.
        let longest_word = |s: &str, bold: bool| {
            s.split(' ')
                .map(|w| text_width(w, size, bold))
                .fold(0.0, f32::max)
        };
        let least: Vec<f32> = (0..t.columns.len())
            .map(|c| {
                let cells = t
                    .rows
                    .iter()
                    .map(|r| {
                        longest_word(&printable(&r[c].display(), MAX_CELL_CHARS), false).min(70.0)
                    })
                    .fold(0.0, f32::max);
                // One point of slack: a word exactly as wide as its column must not be cut.
                longest_word(&t.columns[c].1, true).max(cells) + 2.0 * pad + 1.0
            })
            .collect();
        let natural: Vec<f32> = (0..t.columns.len())
            .map(|c| {
                let cells = t
                    .rows
                    .iter()
                    .map(|r| {
                        text_width(&printable(&r[c].display(), MAX_CELL_CHARS), size, false)
                            .min(180.0)
                    })
                    .fold(0.0, f32::max);
                (cells + 2.0 * pad).max(least[c])
            })
            .collect();
        let (sum_least, sum_natural) = (least.iter().sum::<f32>(), natural.iter().sum::<f32>());
        let widths: Vec<f32> = if sum_natural <= avail {
            natural
        } else if sum_least >= avail {
            least.iter().map(|w| w * avail / sum_least).collect()
        } else {
            let k = (avail - sum_least) / (sum_natural - sum_least);
            least
                .iter()
                .zip(&natural)
                .map(|(l, n)| l + (n - l) * k)
                .collect()
        };
        let line_h = size * 1.25;
        let header: Vec<Vec<String>> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|((_, h), w)| wrap(h, w - 2.0 * pad, size, true))
            .collect();
        let draw_row =
            |w: &mut Writer, cells: &[Vec<String>], bold: bool, numeric: &[bool], shade: bool| {
                let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let h = lines as f32 * line_h + 2.0 * pad;
                let top = w.y;
                if shade {
                    w.page.set_fill_rgb(0.93, 0.93, 0.98);
                    w.page.rect(MARGIN, top - h, widths.iter().sum(), h);
                    w.page.fill_nonzero();
                }
                let mut x = MARGIN;
                for (c, cell) in cells.iter().enumerate() {
                    for (k, line) in cell.iter().enumerate() {
                        let y = top - pad - size - k as f32 * line_h + 1.0;
                        let tx = if numeric.get(c).copied().unwrap_or(false) {
                            x + widths[c] - pad - text_width(line, size, bold)
                        } else {
                            x + pad
                        };
                        w.text(tx, y, size, bold, figure::INK, line);
                    }
                    x += widths[c];
                }
                w.page.set_stroke_rgb(0.8, 0.8, 0.8);
                w.page.set_line_width(0.4);
                w.page.move_to(MARGIN, top - h);
                w.page.line_to(MARGIN + widths.iter().sum::<f32>(), top - h);
                w.page.stroke();
                w.y -= h;
            };
        let row_height = |cells: &[Vec<String>]| {
            cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * line_h + 2.0 * pad
        };
        // The title stays with the header and a first row.
        self.ensure(11.0 * 2.1 + row_height(&header) * 2.0);
        self.heading(t.title, 11.0);
        draw_row(self, &header, true, &[], true);
        for row in &t.rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    wrap(
                        &printable(&c.display(), MAX_CELL_CHARS),
                        w - 2.0 * pad,
                        size,
                        false,
                    )
                })
                .collect();
            let numeric: Vec<bool> = row
                .iter()
                .map(|c| !matches!(c, Cell::Text(_) | Cell::Empty))
                .collect();
            if self.y - row_height(&cells) < MARGIN {
                self.new_page();
                draw_row(self, &header, true, &[], true);
            }
            draw_row(self, &cells, false, &numeric, false);
        }
        self.y -= 6.0;
    }

    /// Draws `d` with its top-left corner at (`x`, `top`) in page coordinates.
    fn drawing(&mut self, d: &Drawing, x: f32, top: f32) {
        let px = |p: (f64, f64)| (x + p.0 as f32, top - p.1 as f32);
        let rgb = |c: figure::Rgb| {
            (
                f32::from(c.0) / 255.0,
                f32::from(c.1) / 255.0,
                f32::from(c.2) / 255.0,
            )
        };
        for item in &d.items {
            match item {
                Item::Polygon {
                    rings,
                    fill,
                    stroke,
                    width,
                } => {
                    let c = &mut self.page;
                    for ring in rings {
                        for (k, p) in ring.iter().enumerate() {
                            let (a, b) = px(*p);
                            if k == 0 {
                                c.move_to(a, b);
                            } else {
                                c.line_to(a, b);
                            }
                        }
                        c.close_path();
                    }
                    let (r, g, b) = rgb(*stroke);
                    c.set_stroke_rgb(r, g, b);
                    c.set_line_width(*width as f32);
                    match fill {
                        Some(f) => {
                            let (r, g, b) = rgb(*f);
                            c.set_fill_rgb(r, g, b);
                            c.fill_even_odd_and_stroke();
                        }
                        None => {
                            c.stroke();
                        }
                    }
                }
                Item::Rect {
                    x: rx,
                    y,
                    w,
                    h,
                    fill,
                } => {
                    let (a, b) = px((*rx, *y + *h));
                    let (r, g, bl) = rgb(*fill);
                    self.page.set_fill_rgb(r, g, bl);
                    self.page.rect(a, b, *w as f32, *h as f32);
                    self.page.fill_nonzero();
                }
                Item::Line { from, to, stroke } => {
                    let (r, g, b) = rgb(*stroke);
                    let c = &mut self.page;
                    c.set_stroke_rgb(r, g, b);
                    c.set_line_width(0.6);
                    let (a, b) = px(*from);
                    c.move_to(a, b);
                    let (a, b) = px(*to);
                    c.line_to(a, b);
                    c.stroke();
                }
                Item::Text {
                    at,
                    text,
                    size,
                    anchor,
                    bold,
                } => {
                    let size = *size as f32;
                    let w = text_width(text, size, *bold);
                    let (a, b) = px(*at);
                    let a = match anchor {
                        Anchor::Start => a,
                        Anchor::Middle => a - w / 2.0,
                        Anchor::End => a - w,
                    };
                    self.text(a, b, size, *bold, figure::INK, text);
                }
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        let last = std::mem::replace(&mut self.page, Content::new());
        self.done.push(last);
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let first = 6;
        let page_ids: Vec<Ref> = (0..self.done.len())
            .map(|k| Ref::new(first + 2 * k as i32))
            .collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(page_ids.len() as i32);
        pdf.type1_font(regular)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info)
            .title(pdf_writer::TextStr(&self.title))
            .creator(pdf_writer::TextStr("Locatiescout"));
        for (k, content) in self.done.into_iter().enumerate() {
            let id = page_ids[k];
            let content_id = Ref::new(id.get() + 1);
            let mut page = pdf.page(id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H));
            page.parent(tree);
            page.contents(content_id);
            let mut res = page.resources();
            let mut fonts = res.fonts();
            fonts.pair(Name(b"F1"), regular);
            fonts.pair(Name(b"F2"), bold);
            fonts.finish();
            res.finish();
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

/// The whole report as PDF bytes.
pub fn render(ex: &WerkprogrammaExport) -> Vec<u8> {
    render_blocks(doc::title(ex), doc::document(ex))
}

/// A report of `blocks` in the house style, as PDF bytes.
pub fn render_blocks(title: String, blocks: Vec<Block>) -> Vec<u8> {
    let mut w = Writer::new(title);
    for block in blocks {
        match block {
            Block::Title(t) => w.heading(&t, 16.0),
            Block::Heading(h) => w.heading(&h, 11.5),
            Block::Para { text, lead, tone } => {
                let ink = match tone {
                    Tone::Good => (26, 127, 55),
                    Tone::Bad => (180, 35, 24),
                    Tone::Plain => figure::INK,
                };
                w.paragraph_in(&text, if lead { 13.0 } else { 9.0 }, lead, ink);
            }
            Block::Small(t) => w.paragraph_in(&t, 7.5, false, (70, 70, 70)),
            Block::Figures(f) => w.figures(&f),
            Block::Bullets(items) => {
                for i in items {
                    w.paragraph_in(&format!("•  {i}"), 9.0, false, figure::INK);
                }
            }
            Block::Drawings(figs) => {
                let tallest = figs.iter().map(|f| f.print.height).fold(0.0, f64::max);
                w.ensure(tallest as f32 + 20.0);
                let top = w.y - 4.0;
                let mut x = MARGIN;
                for f in &figs {
                    w.drawing(&f.print, x, top);
                    let below = top - f.print.height as f32 - 10.0;
                    w.text(x, below, 7.5, false, figure::INK, &f.caption);
                    x += f.print.width as f32 + 10.0;
                }
                w.y = top - tallest as f32 - 16.0;
            }
            Block::Table(t) => w.table(&t, 6.5),
            Block::PageBreak => w.new_page(),
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_width_and_cuts_long_words() {
        let lines = wrap(
            "netaansluiting wachtrij tot 2029 en verder",
            60.0,
            8.0,
            false,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(text_width(l, 8.0, false) <= 60.0, "{l}");
        }
        let long = wrap("VBS00D004570000VBS00D004570000", 40.0, 8.0, false);
        assert!(long.len() > 1 && long.iter().all(|l| text_width(l, 8.0, false) <= 40.0));
    }

    #[test]
    fn a_huge_unbroken_word_wraps_in_linear_time_and_is_cut_for_print() {
        let word = "x".repeat(2_000_000);
        // The old loop was quadratic (640k characters: 6 s): two million would not end.
        let lines = wrap(&word, 100.0, 8.0, false);
        assert!(lines.len() > 1000);
        assert!(lines.iter().all(|l| text_width(l, 8.0, false) <= 100.0));
        let cut = printable(&word, MAX_CELL_CHARS);
        assert!(cut.ends_with("(ingekort; de volledige tekst staat in de XLSX en de CSV)"));
        assert!(cut.chars().count() < MAX_CELL_CHARS + 80);
    }

    #[test]
    fn win_ansi_keeps_euro_and_dutch_letters() {
        assert_eq!(win_ansi("€ ë ²"), vec![0x80, b' ', 0xEB, b' ', 0xB2]);
        assert_eq!(win_ansi("≥ 10"), b">= 10".to_vec());
        assert_eq!(win_ansi("✓"), b"?".to_vec());
    }
}
