//! Transport types of the regional overview: the core's tables as the report
//! prints them (headers and Dutch-formatted cells), the headline figures, the
//! notes and the two figures as SVG. The UI draws; Rust decides every number.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use locatiescout::engine::regio::Regio;
use locatiescout::output::report::regio as out;
use locatiescout::output::report::{Cell, Table};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct RegioTableDto {
    pub title: String,
    /// Machine key of each column (stable for tests and styling).
    pub keys: Vec<String>,
    pub headers: Vec<String>,
    /// Columns of numbers, shown right-aligned.
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl From<Table> for RegioTableDto {
    fn from(t: Table) -> Self {
        let numeric = (0..t.columns.len())
            .map(|c| {
                t.rows.iter().any(|r| {
                    matches!(
                        r.get(c),
                        Some(Cell::Number(..) | Cell::Money(_) | Cell::Share(_))
                    )
                })
            })
            .collect();
        RegioTableDto {
            title: t.title.to_string(),
            keys: t.columns.iter().map(|(k, _)| k.to_string()).collect(),
            headers: t.columns.iter().map(|(_, h)| h.to_string()).collect(),
            numeric,
            rows: t
                .rows
                .iter()
                .map(|r| r.iter().map(Cell::display).collect())
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct RegioFigureDto {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct RegioDto {
    pub title: String,
    /// The files read (folders expanded), for the export.
    pub files: Vec<String>,
    pub summary: Vec<RegioFigureDto>,
    /// What was not counted or needs checking.
    pub notes: Vec<String>,
    pub tables: Vec<RegioTableDto>,
    pub chart_svg: String,
    pub map_svg: String,
}

impl RegioDto {
    pub fn new(r: &Regio, files: Vec<PathBuf>) -> Self {
        RegioDto {
            title: out::title(r),
            files: files.iter().map(|f| f.display().to_string()).collect(),
            summary: out::summary(r)
                .into_iter()
                .map(|(label, value)| RegioFigureDto {
                    label,
                    value: value.display(),
                })
                .collect(),
            notes: r.notes.clone(),
            tables: out::tables(r)
                .into_iter()
                .map(RegioTableDto::from)
                .collect(),
            chart_svg: out::chart_svg(r),
            map_svg: out::map_svg(r),
        }
    }
}
