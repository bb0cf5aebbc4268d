//! SVG plots of experiments: curves with a legend (linear or log-scale y), labelled 2-D points
//! over a decision-boundary heatmap, grids of small heatmap panels (one per hidden node, as
//! TensorFlow Playground draws them), fitted curves over data.
//!
//! A picture is a [`Figure`]: one or more [`Panel`]s laid out in a grid. A panel is either a
//! [`Chart`] (series of `(x, y)` points drawn as lines or dots) or a [`Map`] (a scalar
//! [`Field`] over the plane drawn as a heatmap, with an optional contour line and labelled
//! points on top). [`Figure::to_svg`] draws it as the text of an SVG file, which the caller
//! writes where it wants it.
//!
//! Text is written as SVG `<text>` elements with a generic `sans-serif` family: the viewer
//! picks the font, so no font file is needed to draw or to view.
//!
//! # Examples
//! ```
//! # fn main() -> Result<(), gradgraph_course::Error> {
//! use gradgraph_course::plot::{Chart, Figure, Series};
//!
//! let xs: Vec<f64> = (0..=40).map(|i| -4.0 + 0.2 * i as f64).collect();
//! let chart = Chart::new("tanh and its derivative")
//!     .x_label("x")
//!     .series(Series::line("tanh", xs.iter().map(|&x| (x, x.tanh()))))
//!     .series(Series::dashed("tanh'", xs.iter().map(|&x| (x, 1.0 - x.tanh().powi(2)))));
//! let svg = Figure::single(chart).to_svg()?;
//! assert!(svg.starts_with("<svg") && svg.contains("tanh&apos;")); // XML-escaped
//! # Ok(()) }
//! ```

use crate::Error;
use gradgraph_i18n::Lang;
use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::ops::Range;

/// How a [`Series`] is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A solid line through the points, in order.
    Line,
    /// A dashed line through the points, in order.
    Dashed,
    /// A dot at each point, no line.
    Points,
}

/// One named series of a [`Chart`]: points `(x, y)` and how to draw them.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The name shown in the legend.
    pub name: String,
    /// The points, in drawing order.
    pub points: Vec<(f64, f64)>,
    /// Line, dashed line or dots.
    pub mark: Mark,
    /// Index into the palette; `None` takes the series' position in the chart.
    pub color: Option<usize>,
}

impl Series {
    /// A series drawn as a solid line.
    pub fn line(name: impl Into<String>, points: impl IntoIterator<Item = (f64, f64)>) -> Self {
        Self::with_mark(name, points, Mark::Line)
    }

    /// A series drawn as a dashed line.
    pub fn dashed(name: impl Into<String>, points: impl IntoIterator<Item = (f64, f64)>) -> Self {
        Self::with_mark(name, points, Mark::Dashed)
    }

    /// A series drawn as dots.
    pub fn points(name: impl Into<String>, points: impl IntoIterator<Item = (f64, f64)>) -> Self {
        Self::with_mark(name, points, Mark::Points)
    }

    fn with_mark(
        name: impl Into<String>,
        points: impl IntoIterator<Item = (f64, f64)>,
        mark: Mark,
    ) -> Self {
        Series {
            name: name.into(),
            points: points.into_iter().collect(),
            mark,
            color: None,
        }
    }

    /// Draws the series in palette colour `index` (so a function and its derivative can share
    /// a colour).
    pub fn color(mut self, index: usize) -> Self {
        self.color = Some(index);
        self
    }
}

/// Where a [`Chart`]'s legend goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Legend {
    /// Inside the plot, top left.
    UpperLeft,
    /// Inside the plot, top centre.
    UpperMiddle,
    /// Inside the plot, top right.
    #[default]
    UpperRight,
    /// Inside the plot, bottom left.
    LowerLeft,
    /// Inside the plot, bottom right.
    LowerRight,
    /// Inside the plot, in the corner where the series have the fewest points.
    Best,
    /// Under the plot, outside it, in rows: it never covers the data.
    Below,
    /// No legend.
    None,
}

/// One entry of a legend drawn outside the plots ([`Figure::legend`], [`Legend::Below`]): a
/// name beside a sample of its mark in its colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// The text.
    pub name: String,
    /// The sample drawn before it: a line, a dashed line or a dot.
    pub mark: Mark,
    /// Index into the palette, as [`Series::color`].
    pub color: usize,
}

impl Key {
    /// A legend entry: `name` beside a `mark` in palette colour `color`.
    pub fn new(name: impl Into<String>, mark: Mark, color: usize) -> Self {
        Key {
            name: name.into(),
            mark,
            color,
        }
    }
}

/// The height of one row of [`Key`]s, in pixels.
const KEY_ROW: u32 = 20;

/// The width of a key's entry in pixels: its sample, a gap, its text (plotters draws a
/// 12-point font at about 9.7 px, some 5.6 px a character) and the space before the next.
fn key_width(key: &Key) -> u32 {
    28 + (5.6 * key.name.chars().count() as f64).ceil() as u32 + 22
}

/// The keys in rows that fit `width` pixels, in order.
fn key_rows(keys: &[Key], width: u32) -> Vec<Vec<&Key>> {
    let mut rows: Vec<Vec<&Key>> = Vec::new();
    let mut used = 0;
    for key in keys {
        let w = key_width(key);
        match rows.last_mut() {
            Some(row) if used + w <= width => {
                row.push(key);
                used += w;
            }
            _ => {
                rows.push(vec![key]);
                used = w;
            }
        }
    }
    rows
}

/// The height a legend of `keys` takes in `width` pixels (0 without keys).
fn keys_height(keys: &[Key], width: u32) -> u32 {
    match key_rows(keys, width).len() as u32 {
        0 => 0,
        n => n * KEY_ROW + 8,
    }
}

/// Draws `keys` in centred rows across `area`.
fn draw_keys(area: &DrawingArea<SVGBackend<'_>, Shift>, keys: &[Key]) -> Result<(), Error> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let fail = failure("legend");
    let (width, _) = area.dim_in_pixel();
    for (r, row) in key_rows(keys, width).iter().enumerate() {
        let total: u32 = row.iter().map(|k| key_width(k)).sum::<u32>() - 22;
        let mut x = (width.saturating_sub(total) / 2) as i32;
        let y = (4 + r as u32 * KEY_ROW + KEY_ROW / 2) as i32;
        for key in row {
            let color = palette(key.color);
            match key.mark {
                Mark::Line => area
                    .draw(&PathElement::new(
                        [(x, y), (x + 22, y)],
                        color.stroke_width(2),
                    ))
                    .map_err(&fail)?,
                Mark::Dashed => {
                    for dash in [0, 9, 18] {
                        area.draw(&PathElement::new(
                            [(x + dash, y), (x + (dash + 5).min(22), y)],
                            color.stroke_width(2),
                        ))
                        .map_err(&fail)?;
                    }
                }
                Mark::Points => area
                    .draw(&Circle::new((x + 11, y), 3, color.filled()))
                    .map_err(&fail)?,
            }
            let style = ("sans-serif", 12)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center));
            area.draw(&Text::new(key.name.clone(), (x + 28, y), style))
                .map_err(&fail)?;
            x += key_width(key) as i32;
        }
    }
    Ok(())
}

/// A chart of several series with a legend, on linear or logarithmic y.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    /// The caption above the chart.
    pub title: String,
    /// The x axis' description.
    pub x_label: String,
    /// The y axis' description.
    pub y_label: String,
    /// The series, drawn in order.
    pub series: Vec<Series>,
    /// Logarithmic y axis: points with `y ≤ 0` cannot be drawn on it and are left out.
    pub log_y: bool,
    /// Fixed x range; `None` fits the data.
    pub x_range: Option<(f64, f64)>,
    /// Fixed y range; `None` fits the data.
    pub y_range: Option<(f64, f64)>,
    /// Where the legend goes (default: upper right), or [`Legend::None`].
    pub legend: Legend,
}

impl Chart {
    /// An empty chart with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Chart {
            title: title.into(),
            ..Self::default()
        }
    }

    /// Sets the x axis' description.
    pub fn x_label(mut self, label: impl Into<String>) -> Self {
        self.x_label = label.into();
        self
    }

    /// Sets the y axis' description.
    pub fn y_label(mut self, label: impl Into<String>) -> Self {
        self.y_label = label.into();
        self
    }

    /// Adds a series.
    pub fn series(mut self, series: Series) -> Self {
        self.series.push(series);
        self
    }

    /// Places the legend (every named series is listed in it).
    pub fn legend(mut self, legend: Legend) -> Self {
        self.legend = legend;
        self
    }

    /// Uses a logarithmic y axis.
    pub fn log_y(mut self) -> Self {
        self.log_y = true;
        self
    }

    /// Fixes the x range instead of fitting the data.
    pub fn x_range(mut self, lo: f64, hi: f64) -> Self {
        self.x_range = Some((lo, hi));
        self
    }

    /// Fixes the y range instead of fitting the data.
    pub fn y_range(mut self, lo: f64, hi: f64) -> Self {
        self.y_range = Some((lo, hi));
        self
    }

    /// Whether a point can be drawn on this chart's axes.
    fn drawable(&self, (x, y): (f64, f64)) -> bool {
        x.is_finite() && y.is_finite() && (!self.log_y || y > 0.0)
    }

    /// The data's extent along both axes, padded a little; fixed ranges win.
    fn ranges(&self) -> Result<(Range<f64>, Range<f64>), Error> {
        let mut x = (f64::INFINITY, f64::NEG_INFINITY);
        let mut y = (f64::INFINITY, f64::NEG_INFINITY);
        for &p in self.series.iter().flat_map(|s| &s.points) {
            if self.drawable(p) {
                x = (x.0.min(p.0), x.1.max(p.0));
                y = (y.0.min(p.1), y.1.max(p.1));
            }
        }
        if x.0 > x.1 && (self.x_range.is_none() || self.y_range.is_none()) {
            return Err(Error::out_of_range(
                "plot data",
                format!(
                    "plot \"{}\": no point can be drawn (every point is missing, infinite or \
                     NaN{})",
                    self.title,
                    if self.log_y {
                        ", or ≤ 0 on a log axis"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let x = self.x_range.unwrap_or(x);
        let y = match self.y_range {
            Some(r) => r,
            None if self.log_y => (y.0 / 1.5, y.1 * 1.5),
            None => {
                let pad = 0.05 * (y.1 - y.0);
                (y.0 - pad, y.1 + pad)
            }
        };
        Ok((widen(x, false), widen(y, self.log_y)))
    }

    /// The legend entries of the named series, for [`Legend::Below`].
    fn keys(&self) -> Vec<Key> {
        self.series
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.name.is_empty())
            .map(|(k, s)| Key::new(s.name.clone(), s.mark, s.color.unwrap_or(k)))
            .collect()
    }

    fn draw(&self, area: &DrawingArea<SVGBackend<'_>, Shift>, lang: Lang) -> Result<(), Error> {
        let (x, y) = self.ranges()?;
        let fail = failure(&self.title);
        let keys = if self.legend == Legend::Below {
            self.keys()
        } else {
            Vec::new()
        };
        let (width, height) = area.dim_in_pixel();
        let below = keys_height(&keys, width);
        let (area, strip) = area.split_vertically(height.saturating_sub(below));
        if below > 0 {
            draw_keys(&strip, &keys)?;
        }
        let mut builder = ChartBuilder::on(&area);
        builder
            .caption(&self.title, ("sans-serif", 18))
            .margin(8)
            .x_label_area_size(if self.x_label.is_empty() { 24 } else { 40 })
            .y_label_area_size(if self.y_label.is_empty() { 48 } else { 62 });
        if self.log_y {
            let chart = builder
                .build_cartesian_2d(x, y.log_scale())
                .map_err(&fail)?;
            self.fill(chart, lang)
        } else {
            let chart = builder.build_cartesian_2d(x, y).map_err(&fail)?;
            self.fill(chart, lang)
        }
    }

    /// The corner whose box (40% of the width, a third of the height, about a legend's size)
    /// holds the fewest points of the series, on the axes as drawn (log y included).
    fn emptiest_corner(&self) -> SeriesLabelPosition {
        let Ok((x, y)) = self.ranges() else {
            return SeriesLabelPosition::UpperRight;
        };
        let scale_y = |v: f64| if self.log_y { pxfm::f_log10(v) } else { v };
        let (y0, y1) = (scale_y(y.start), scale_y(y.end));
        let count = |left: bool, top: bool| {
            self.series
                .iter()
                .flat_map(|s| s.points.iter())
                .filter(|&&p| self.drawable(p))
                .filter(|&&(px, py)| {
                    let fx = (px - x.start) / (x.end - x.start);
                    let fy = (scale_y(py) - y0) / (y1 - y0);
                    (if left { fx < 0.4 } else { fx > 0.6 })
                        && (if top { fy > 2.0 / 3.0 } else { fy < 1.0 / 3.0 })
                })
                .count()
        };
        least_crowded(count)
    }

    /// Draws the mesh, the series and the legend on a built chart (linear or log y).
    fn fill<'a, Y>(
        &self,
        mut chart: ChartContext<'a, SVGBackend<'a>, Cartesian2d<RangedCoordf64, Y>>,
        lang: Lang,
    ) -> Result<(), Error>
    where
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let fail = failure(&self.title);
        chart
            .configure_mesh()
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .light_line_style(RGBColor(240, 240, 240))
            .max_light_lines(1)
            .label_style(("sans-serif", 12))
            .x_label_formatter(&|v| lang.decimal(&tick(*v)))
            .y_label_formatter(&|v| lang.decimal(&if self.log_y { log_tick(*v) } else { tick(*v) }))
            .draw()
            .map_err(&fail)?;
        let mut named = false;
        for (k, s) in self.series.iter().enumerate() {
            let color = palette(s.color.unwrap_or(k));
            let points: Vec<(f64, f64)> = s
                .points
                .iter()
                .copied()
                .filter(|&p| self.drawable(p))
                .collect();
            let style = color.stroke_width(2);
            let drawn = match s.mark {
                Mark::Line => chart
                    .draw_series(LineSeries::new(points, style))
                    .map_err(&fail)?,
                Mark::Dashed => chart
                    .draw_series(DashedLineSeries::new(points, 6, 4, style))
                    .map_err(&fail)?,
                Mark::Points => chart
                    .draw_series(
                        points
                            .into_iter()
                            .map(|p| Circle::new(p, 2, color.mix(0.8).filled())),
                    )
                    .map_err(&fail)?,
            };
            if !s.name.is_empty() {
                named = true;
                let legend = drawn.label(&s.name);
                match s.mark {
                    Mark::Points => {
                        legend.legend(move |(x, y)| Circle::new((x + 10, y), 3, color.filled()))
                    }
                    Mark::Line | Mark::Dashed => legend.legend(move |(x, y)| {
                        PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2))
                    }),
                };
            }
        }
        let position = match self.legend {
            Legend::UpperLeft => SeriesLabelPosition::UpperLeft,
            Legend::UpperMiddle => SeriesLabelPosition::UpperMiddle,
            Legend::UpperRight => SeriesLabelPosition::UpperRight,
            Legend::LowerLeft => SeriesLabelPosition::LowerLeft,
            Legend::LowerRight => SeriesLabelPosition::LowerRight,
            Legend::Best => self.emptiest_corner(),
            Legend::Below | Legend::None => return Ok(()),
        };
        if named {
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(160, 160, 160))
                .label_font(("sans-serif", 12))
                .position(position)
                .draw()
                .map_err(&fail)?;
        }
        Ok(())
    }
}

/// A tick label: at most 4 significant digits, no trailing zeros, scientific notation for
/// very large or small magnitudes (`0.7`, `250`, `1e-5`, `2.5e6`).
fn tick(v: f64) -> String {
    // a tick computed as 0 may carry rounding noise (-5.6e-17)
    if v.abs() < 1e-12 {
        return "0".into();
    }
    let a = v.abs();
    if !(1e-3..1e5).contains(&a) {
        let text = format!("{v:.3e}");
        return match text.split_once('e') {
            Some((m, e)) => {
                let m = m.trim_end_matches('0').trim_end_matches('.');
                format!("{m}e{e}")
            }
            None => text,
        };
    }
    let decimals = (3 - pxfm::f_log10(a).floor() as i32).max(0) as usize;
    let text = format!("{v:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The corner where `count(left, top)` points would sit under a legend is smallest (upper
/// right on a tie).
fn least_crowded(count: impl Fn(bool, bool) -> usize) -> SeriesLabelPosition {
    [
        (SeriesLabelPosition::UpperRight, count(false, true)),
        (SeriesLabelPosition::UpperLeft, count(true, true)),
        (SeriesLabelPosition::LowerRight, count(false, false)),
        (SeriesLabelPosition::LowerLeft, count(true, false)),
    ]
    .into_iter()
    .min_by_key(|(_, n)| *n)
    .map_or(SeriesLabelPosition::UpperRight, |(corner, _)| corner)
}

/// A tick label on a log axis: only 1, 2 and 5 times a power of ten are written (the other
/// ticks keep their grid line), so that a decade's ticks do not crowd together.
fn log_tick(v: f64) -> String {
    if !(v > 0.0 && v.is_finite()) {
        return tick(v);
    }
    let mantissa = v / pxfm::f_pow(10.0, pxfm::f_log10(v).floor());
    if [1.0, 2.0, 5.0, 10.0]
        .iter()
        .any(|m| (mantissa - m).abs() < 1e-6 * m)
    {
        tick(v)
    } else {
        String::new()
    }
}

/// A range that plotters can draw: a degenerate one is widened around its value.
fn widen((lo, hi): (f64, f64), log: bool) -> Range<f64> {
    if hi > lo {
        lo..hi
    } else if log {
        lo / 2.0..lo * 2.0
    } else {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        lo - d..hi + d
    }
}

/// The most cells per side of the grid a decision map is sampled on (see [`map_cells`]).
pub const MAP_CELLS: usize = 140;

/// The cells per side of a decision map drawn on a panel `panel_px` pixels wide: blocks of
/// about 3 px, so that its regions look smooth, as TensorFlow Playground's do, from 40 up to
/// [`MAP_CELLS`] (19,600 forward passes of one sample's graph: still quick). The tour's maps
/// and `gradgraph train --plot` use it.
///
/// ```
/// assert_eq!(gradgraph_course::plot::map_cells(360), 120);
/// assert_eq!(gradgraph_course::plot::map_cells(1000), gradgraph_course::plot::MAP_CELLS);
/// ```
pub fn map_cells(panel_px: u32) -> usize {
    (panel_px as usize / 3).clamp(40, MAP_CELLS)
}

/// A scalar field sampled on a regular grid over a rectangle of the plane: `values[j * nx + i]`
/// is the value at the centre of cell `(i, j)`, `i` along x, `j` along y (from the bottom).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The x extent `(min, max)`.
    pub x_range: (f64, f64),
    /// The y extent `(min, max)`.
    pub y_range: (f64, f64),
    /// The number of cells along x.
    pub nx: usize,
    /// The number of cells along y.
    pub ny: usize,
    /// The values, row by row from the bottom.
    pub values: Vec<f64>,
}

impl Field {
    /// Samples `f(x, y)` at the centres of an `n × n` grid over the rectangle.
    ///
    /// # Examples
    /// ```
    /// let field = gradgraph_course::plot::Field::sample((-1.0, 1.0), (-1.0, 1.0), 4, |x, y| x * y);
    /// assert_eq!(field.values.len(), 16);
    /// assert_eq!(field.values[0], 0.75 * 0.75); // cell (0, 0) is centred at (-0.75, -0.75)
    /// ```
    pub fn sample(
        x_range: (f64, f64),
        y_range: (f64, f64),
        n: usize,
        mut f: impl FnMut(f64, f64) -> f64,
    ) -> Self {
        let mut values = Vec::with_capacity(n * n);
        let field = Field {
            x_range,
            y_range,
            nx: n,
            ny: n,
            values: Vec::new(),
        };
        for j in 0..n {
            for i in 0..n {
                let (x, y) = field.centre(i, j);
                values.push(f(x, y));
            }
        }
        Field { values, ..field }
    }

    /// The centres of the cells, in the order of `values`: the points at which to evaluate a
    /// model before [`Field::from_values`].
    pub fn centres(x_range: (f64, f64), y_range: (f64, f64), n: usize) -> Vec<(f64, f64)> {
        let field = Field {
            x_range,
            y_range,
            nx: n,
            ny: n,
            values: Vec::new(),
        };
        (0..n)
            .flat_map(|j| (0..n).map(move |i| (i, j)))
            .map(|(i, j)| field.centre(i, j))
            .collect()
    }

    /// A field from values already computed at [`Field::centres`].
    ///
    /// Returns [`Error::Shape`] unless there are `n × n` values.
    pub fn from_values(
        x_range: (f64, f64),
        y_range: (f64, f64),
        n: usize,
        values: Vec<f64>,
    ) -> Result<Self, Error> {
        if values.len() != n * n {
            return Err(Error::Shape {
                what: format!("field of {n} × {n} cells: values"),
                expected: n * n,
                got: values.len(),
            });
        }
        Ok(Field {
            x_range,
            y_range,
            nx: n,
            ny: n,
            values,
        })
    }

    fn cell(&self) -> (f64, f64) {
        (
            (self.x_range.1 - self.x_range.0) / self.nx as f64,
            (self.y_range.1 - self.y_range.0) / self.ny as f64,
        )
    }

    fn centre(&self, i: usize, j: usize) -> (f64, f64) {
        let (dx, dy) = self.cell();
        (
            self.x_range.0 + (i as f64 + 0.5) * dx,
            self.y_range.0 + (j as f64 + 0.5) * dy,
        )
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.nx + i]
    }

    /// The segments of the level set `value = level`, by marching squares over the cell
    /// centres, each crossing placed by linear interpolation along the cell edge.
    fn contour(&self, level: f64) -> Vec<[(f64, f64); 2]> {
        let mut segments = Vec::new();
        if self.nx < 2 || self.ny < 2 {
            return segments;
        }
        for j in 0..self.ny - 1 {
            for i in 0..self.nx - 1 {
                // the square's corners, counter-clockwise from the bottom left
                let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
                let mut crossings = Vec::with_capacity(4);
                for k in 0..4 {
                    let (a, b) = (corners[k], corners[(k + 1) % 4]);
                    let (va, vb) = (self.at(a.0, a.1) - level, self.at(b.0, b.1) - level);
                    if !(va.is_finite() && vb.is_finite()) || (va < 0.0) == (vb < 0.0) {
                        continue;
                    }
                    // where the straight line from va to vb crosses 0
                    let t = va / (va - vb);
                    let (pa, pb) = (self.centre(a.0, a.1), self.centre(b.0, b.1));
                    crossings.push((pa.0 + t * (pb.0 - pa.0), pa.1 + t * (pb.1 - pa.1)));
                }
                // 2 crossings: one segment; 4 (a saddle): pair them up in order
                for pair in crossings.chunks_exact(2) {
                    segments.push([pair[0], pair[1]]);
                }
            }
        }
        segments
    }
}

/// A labelled point of the plane: `class` picks its colour (0 and 1 are the two classes of a
/// binary problem, drawn orange and blue as in TensorFlow Playground).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelledPoint {
    /// Position.
    pub x: f64,
    /// Position.
    pub y: f64,
    /// Class index.
    pub class: usize,
}

/// A heatmap of a [`Field`] with labelled points on top: a decision boundary behind the data,
/// or one hidden node's output over the input plane.
#[derive(Clone, Debug, PartialEq)]
pub struct Map {
    /// The caption.
    pub title: String,
    /// The field drawn as colour.
    pub field: Field,
    /// The values mapped to the two ends of the colour scale (orange, then blue; white in the
    /// middle).
    pub value_range: (f64, f64),
    /// A contour line drawn at this value (the decision boundary), if any.
    pub contour: Option<f64>,
    /// Points drawn on top.
    pub points: Vec<LabelledPoint>,
    /// Draw the axes' tick labels (off for small panels).
    pub axes: bool,
    /// The field holds class indices `0..k` (a classifier's predicted class): each class's
    /// region is drawn in a light tint of its points' colour, instead of the orange-to-blue
    /// scale.
    pub classes: Option<usize>,
}

impl Map {
    /// A heatmap of `field`, its colours spanning `value_range`.
    pub fn new(title: impl Into<String>, field: Field, value_range: (f64, f64)) -> Self {
        Map {
            title: title.into(),
            field,
            value_range,
            contour: None,
            points: Vec::new(),
            axes: true,
            classes: None,
        }
    }

    /// A map of the class predicted at each point of the plane: `field` holds class indices
    /// `0..k`, each region drawn in a tint of its class's colour, the same colour as the
    /// class's points.
    pub fn classes(title: impl Into<String>, field: Field, k: usize) -> Self {
        Map {
            classes: Some(k),
            ..Map::new(title, field, (0.0, k.saturating_sub(1) as f64))
        }
    }

    /// Draws the contour line `value = level`.
    pub fn contour(mut self, level: f64) -> Self {
        self.contour = Some(level);
        self
    }

    /// Draws these points on top.
    pub fn points(mut self, points: Vec<LabelledPoint>) -> Self {
        self.points = points;
        self
    }

    /// Leaves out the axes' tick labels (for a grid of small panels).
    pub fn without_axes(mut self) -> Self {
        self.axes = false;
        self
    }

    fn draw(&self, area: &DrawingArea<SVGBackend<'_>, Shift>, lang: Lang) -> Result<(), Error> {
        let f = &self.field;
        if f.values.len() != f.nx * f.ny {
            return Err(Error::Shape {
                what: format!("plot \"{}\": field values", self.title),
                expected: f.nx * f.ny,
                got: f.values.len(),
            });
        }
        if f.nx == 0 || f.ny == 0 {
            return Err(Error::out_of_range(
                "field",
                format!("plot \"{}\": the field has no cell", self.title),
            ));
        }
        let fail = failure(&self.title);
        let mut builder = ChartBuilder::on(area);
        builder
            .caption(&self.title, ("sans-serif", if self.axes { 18 } else { 14 }))
            .margin(if self.axes { 8 } else { 4 });
        if self.axes {
            builder.x_label_area_size(28).y_label_area_size(40);
        }
        let mut chart = builder
            .build_cartesian_2d(widen(f.x_range, false), widen(f.y_range, false))
            .map_err(&fail)?;
        if self.axes {
            chart
                .configure_mesh()
                .disable_mesh()
                .label_style(("sans-serif", 12))
                .x_label_formatter(&|v| lang.decimal(&tick(*v)))
                .y_label_formatter(&|v| lang.decimal(&tick(*v)))
                .draw()
                .map_err(&fail)?;
        }
        // One rectangle per block of equal colour: runs along a row, then runs that repeat
        // exactly in the rows above merged into one taller block. The colour scale has 25
        // steps, so the file stays small.
        let (dx, dy) = f.cell();
        // (first column, end column, colour, first row) of the blocks still growing upwards
        let mut open: Vec<(usize, usize, RGBColor, usize)> = Vec::new();
        let mut blocks: Vec<(usize, usize, RGBColor, usize, usize)> = Vec::new();
        for j in 0..f.ny {
            let mut row = Vec::new();
            let mut i = 0;
            while i < f.nx {
                let color = self.color_of(f.at(i, j));
                let start = i;
                while i < f.nx && self.color_of(f.at(i, j)) == color {
                    i += 1;
                }
                row.push((start, i, color));
            }
            let mut next = Vec::with_capacity(row.len());
            for (start, end, color) in row {
                let first_row = match open
                    .iter()
                    .position(|&(s, e, c, _)| (s, e, c) == (start, end, color))
                {
                    Some(k) => open.swap_remove(k).3,
                    None => j,
                };
                next.push((start, end, color, first_row));
            }
            // blocks that did not continue into this row are finished
            blocks.extend(open.drain(..).map(|(s, e, c, r)| (s, e, c, r, j)));
            open = next;
        }
        blocks.extend(open.drain(..).map(|(s, e, c, r)| (s, e, c, r, f.ny)));
        // each block overlaps its neighbours above and to the right by a quarter of a cell
        // (within the plot), so that anti-aliasing leaves no hairline seams between them
        let rects = blocks.into_iter().map(|(start, end, color, first, last)| {
            let x0 = f.x_range.0 + start as f64 * dx;
            let y0 = f.y_range.0 + first as f64 * dy;
            let x1 = (f.x_range.0 + (end as f64 + 0.25) * dx).min(f.x_range.1);
            let y1 = (f.y_range.0 + (last as f64 + 0.25) * dy).min(f.y_range.1);
            Rectangle::new([(x0, y0), (x1, y1)], color.filled())
        });
        chart.draw_series(rects).map_err(&fail)?;
        if let Some(level) = self.contour {
            let segments = f.contour(level);
            chart
                .draw_series(
                    segments
                        .into_iter()
                        .map(|s| PathElement::new(s, BLACK.stroke_width(2))),
                )
                .map_err(&fail)?;
        }
        let r = if self.axes { 4 } else { 2 };
        chart
            .draw_series(
                self.points
                    .iter()
                    .filter(|p| p.x.is_finite() && p.y.is_finite())
                    .map(|p| {
                        EmptyElement::at((p.x, p.y))
                            + Circle::new((0, 0), r, class_color(p.class).filled())
                            + Circle::new((0, 0), r, WHITE.stroke_width(1))
                    }),
            )
            .map_err(&fail)?;
        // a legend of the classes, in the corner with the fewest points
        let mut classes: Vec<usize> = self.points.iter().map(|p| p.class).collect();
        classes.sort_unstable();
        classes.dedup();
        if self.axes && !classes.is_empty() {
            for &k in &classes {
                let color = class_color(k);
                chart
                    .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
                    .map_err(&fail)?
                    .label(lang.text("plot-class", &[("k", k.to_string().into())]))
                    .legend(move |(x, y)| Circle::new((x + 6, y), 4, color.filled()));
            }
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(160, 160, 160))
                .label_font(("sans-serif", 12))
                .position(self.emptiest_corner())
                .draw()
                .map_err(&fail)?;
        }
        Ok(())
    }

    /// The corner of the plot whose quarter-wide, quarter-high box holds the fewest points:
    /// where a legend hides the least.
    fn emptiest_corner(&self) -> SeriesLabelPosition {
        let f = &self.field;
        let (w, h) = (f.x_range.1 - f.x_range.0, f.y_range.1 - f.y_range.0);
        let count = |left: bool, top: bool| {
            self.points
                .iter()
                .filter(|p| {
                    let fx = (p.x - f.x_range.0) / w;
                    let fy = (p.y - f.y_range.0) / h;
                    (if left { fx < 0.3 } else { fx > 0.7 })
                        && (if top { fy > 0.7 } else { fy < 0.3 })
                })
                .count()
        };
        least_crowded(count)
    }

    /// The heatmap colour of a value: orange at the low end, white in the middle, blue at the
    /// high end, in 25 steps; grey for NaN.
    fn color_of(&self, v: f64) -> RGBColor {
        if !v.is_finite() {
            return RGBColor(200, 200, 200);
        }
        if self.classes.is_some() {
            // the class's own colour, a third of the way from white
            let c = class_color(v.round().max(0.0) as usize);
            let mix = |c: u8| (255.0 + 0.35 * (c as f64 - 255.0)).round() as u8;
            return RGBColor(mix(c.0), mix(c.1), mix(c.2));
        }
        let (lo, hi) = self.value_range;
        let t = if hi > lo {
            ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            0.5
        };
        let t = (t * 24.0).round() / 24.0;
        let (end, s) = if t < 0.5 {
            (ORANGE, 1.0 - 2.0 * t)
        } else {
            (BLUE, 2.0 * t - 1.0)
        };
        // fade from white to the end colour, at most 70% of the way so the dots stand out
        let mix = |c: u8| (255.0 + 0.7 * s * (c as f64 - 255.0)).round() as u8;
        RGBColor(mix(end.0), mix(end.1), mix(end.2))
    }
}

/// TensorFlow Playground's orange (negative, class 0) and blue (positive, class 1).
const ORANGE: RGBColor = RGBColor(245, 147, 34);
const BLUE: RGBColor = RGBColor(8, 119, 189);

fn class_color(class: usize) -> RGBColor {
    match class {
        0 => RGBColor(230, 120, 0),
        1 => RGBColor(0, 90, 170),
        k => palette(k),
    }
}

/// A qualitative palette (Tableau 10): distinct colours for up to ten series.
fn palette(k: usize) -> RGBColor {
    const COLORS: [RGBColor; 10] = [
        RGBColor(31, 119, 180),
        RGBColor(255, 127, 14),
        RGBColor(44, 160, 44),
        RGBColor(214, 39, 40),
        RGBColor(148, 103, 189),
        RGBColor(140, 86, 75),
        RGBColor(227, 119, 194),
        RGBColor(127, 127, 127),
        RGBColor(188, 189, 34),
        RGBColor(23, 190, 207),
    ];
    COLORS[k % COLORS.len()]
}

/// One cell of a [`Figure`].
#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    /// Curves or dots.
    Chart(Chart),
    /// A heatmap with points.
    Map(Map),
}

impl From<Chart> for Panel {
    fn from(chart: Chart) -> Self {
        Panel::Chart(chart)
    }
}

impl From<Map> for Panel {
    fn from(map: Map) -> Self {
        Panel::Map(map)
    }
}

/// A picture: panels laid out in a grid of `columns`, row by row, under an optional title and
/// an optional legend shared by the panels.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The caption above every panel.
    pub title: Option<String>,
    /// A legend for every panel, drawn under the title, outside the panels (empty: none).
    pub legend: Vec<Key>,
    /// The panels, row by row.
    pub panels: Vec<Panel>,
    /// Panels per row.
    pub columns: usize,
    /// The size of one panel in pixels.
    pub panel_size: (u32, u32),
    /// The language of the numbers on the axes (a decimal comma in Portuguese) and of the
    /// words the figure writes itself (a map's `class 0`); the caller gives every other
    /// text already in it. English by default.
    pub lang: Lang,
}

impl Figure {
    /// A figure of one panel, 640 × 420 pixels.
    pub fn single(panel: impl Into<Panel>) -> Self {
        Figure {
            title: None,
            legend: Vec::new(),
            panels: vec![panel.into()],
            columns: 1,
            panel_size: (640, 420),
            lang: Lang::En,
        }
    }

    /// A figure of several panels, `columns` per row, each `panel_size` pixels.
    pub fn grid(panels: Vec<Panel>, columns: usize, panel_size: (u32, u32)) -> Self {
        Figure {
            title: None,
            legend: Vec::new(),
            panels,
            columns: columns.max(1),
            panel_size,
            lang: Lang::En,
        }
    }

    /// Sets the caption above the panels.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Draws one legend for all the panels, under the title and outside the panels, so that
    /// it covers no curve (give the panels [`Legend::None`]).
    ///
    /// # Examples
    /// ```
    /// # fn main() -> Result<(), gradgraph_course::Error> {
    /// use gradgraph_course::plot::{Chart, Figure, Key, Legend, Mark, Series};
    /// let chart = |title: &str| {
    ///     Chart::new(title)
    ///         .series(Series::line("a", [(0.0, 0.0), (1.0, 1.0)]))
    ///         .legend(Legend::None)
    /// };
    /// let svg = Figure::grid(vec![chart("one").into(), chart("two").into()], 2, (300, 200))
    ///     .legend(vec![Key::new("a", Mark::Line, 0)])
    ///     .to_svg()?;
    /// assert_eq!(svg.matches("\na\n</text>").count(), 1); // one legend, not one a panel
    /// # Ok(()) }
    /// ```
    pub fn legend(mut self, keys: Vec<Key>) -> Self {
        self.legend = keys;
        self
    }

    /// Sets [`Figure::lang`].
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// Sets the size of one panel in pixels.
    pub fn panel_size(mut self, width: u32, height: u32) -> Self {
        self.panel_size = (width, height);
        self
    }

    /// The figure as an SVG document.
    ///
    /// Returns [`Error::OutOfRange`] when the figure has no panel or a panel has nothing to draw (no finite point) and
    /// [`Error::Shape`] when a field's values do not fill its grid.
    pub fn to_svg(&self) -> Result<String, Error> {
        if self.panels.is_empty() {
            return Err(Error::out_of_range(
                "figure",
                "plot: a figure needs at least one panel",
            ));
        }
        let columns = self.columns.max(1);
        let rows = self.panels.len().div_ceil(columns);
        let width = self.panel_size.0 * columns as u32;
        let keys = keys_height(&self.legend, width);
        let head = if self.title.is_some() { 36 } else { 0 };
        let size = (width, self.panel_size.1 * rows as u32 + head + keys);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let fail = failure(self.title.as_deref().unwrap_or("figure"));
            root.fill(&WHITE).map_err(&fail)?;
            let body = match &self.title {
                Some(title) => root.titled(title, ("sans-serif", 22)).map_err(&fail)?,
                None => root.clone(),
            };
            let (legend, body) = body.split_vertically(keys);
            if keys > 0 {
                draw_keys(&legend, &self.legend)?;
            }
            let cells = body.split_evenly((rows, columns));
            for (panel, area) in self.panels.iter().zip(&cells) {
                match panel {
                    Panel::Chart(c) => c.draw(area, self.lang)?,
                    Panel::Map(m) => m.draw(area, self.lang)?,
                }
            }
            root.present().map_err(&fail)?;
        }
        Ok(svg)
    }
}

/// Turns a plotters error into the crate's error, naming the plot.
fn failure<E: std::fmt::Display>(title: &str) -> impl Fn(E) -> Error + '_ {
    move |e| Error::out_of_range("plot", format!("drawing the plot \"{title}\" failed: {e}"))
}
