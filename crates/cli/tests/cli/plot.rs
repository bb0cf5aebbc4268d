//! SVG plots: text without font files, log scales, heatmaps with a boundary, atomic writes.

use crate::common::scratch;

use gradgraph_course::Error;
use gradgraph_course::plot::{Chart, Field, Figure, LabelledPoint, Map, Panel, Series};

#[test]
fn text_is_written_as_svg_text_with_a_generic_family() {
    let chart = Chart::new("loss & accuracy <per step>")
        .x_label("step")
        .y_label("loss")
        .series(Series::line("train", [(0.0, 1.0), (1.0, 0.5), (2.0, 0.25)]))
        .series(Series::points("test", [(0.0, 1.1), (2.0, 0.3)]));
    let svg = Figure::single(chart).to_svg().unwrap();
    assert!(svg.contains("<text"));
    assert!(svg.contains("font-family=\"sans-serif\""));
    // the title is escaped, not dropped
    assert!(svg.contains("loss &amp; accuracy &lt;per step&gt;"));
    // the legend names both series
    // (plotters writes each text on a line of its own)
    assert!(svg.contains("\ntrain\n"));
    assert!(svg.contains("\ntest\n"));
}

#[test]
fn a_log_axis_leaves_out_points_it_cannot_draw_and_refuses_when_none_is_left() {
    let ok = Chart::new("gradients")
        .log_y()
        .series(Series::line("g", [(1.0, 1e-8), (2.0, 0.0), (3.0, 1e-2)]));
    assert!(Figure::single(ok).to_svg().is_ok());
    let nothing = Chart::new("all zero").log_y().series(Series::line(
        "g",
        [(1.0, 0.0), (2.0, -1.0), (3.0, f64::NAN)],
    ));
    match Figure::single(nothing).to_svg() {
        Err(Error::OutOfRange { detail, .. }) => {
            assert!(
                detail.contains("all zero") && detail.contains("log"),
                "{detail}"
            )
        }
        other => panic!("expected Error::OutOfRange, got {other:?}"),
    }
}

#[test]
fn a_flat_series_still_draws() {
    let flat = Chart::new("flat").series(Series::line("c", [(0.0, 2.0), (1.0, 2.0)]));
    assert!(Figure::single(flat).to_svg().is_ok());
}

#[test]
fn fields_must_fill_their_grid() {
    match Field::from_values((0.0, 1.0), (0.0, 1.0), 3, vec![0.0; 8]) {
        Err(Error::Shape { expected, got, .. }) => assert_eq!((expected, got), (9, 8)),
        other => panic!("expected Error::Shape, got {other:?}"),
    }
    let centres = Field::centres((0.0, 1.0), (0.0, 2.0), 2);
    assert_eq!(
        centres,
        vec![(0.25, 0.5), (0.75, 0.5), (0.25, 1.5), (0.75, 1.5)]
    );
}

#[test]
fn a_decision_map_draws_cells_its_boundary_and_the_points() {
    // the boundary x² + y² = 1 of a "probability" that is 1 inside the unit circle
    let field = Field::sample((-2.0, 2.0), (-2.0, 2.0), 40, |x, y| {
        1.0 / (1.0 + (4.0 * (x * x + y * y - 1.0)).exp())
    });
    let points = vec![
        LabelledPoint {
            x: 0.0,
            y: 0.0,
            class: 1,
        },
        LabelledPoint {
            x: 1.8,
            y: 1.8,
            class: 0,
        },
    ];
    let map = Map::new("circle", field, (0.0, 1.0))
        .contour(0.5)
        .points(points);
    let svg = Figure::single(map).to_svg().unwrap();
    assert!(svg.matches("<rect").count() > 40);
    // the contour is drawn as black line segments, and the two points as circles
    assert!(svg.contains("stroke=\"#000000\""));
    assert!(svg.matches("<circle").count() >= 4);
}

#[test]
fn a_grid_of_panels_has_one_caption_per_panel() {
    let panels: Vec<Panel> = (0..4)
        .map(|k| {
            let f = Field::sample((-1.0, 1.0), (-1.0, 1.0), 10, move |x, y| {
                (x + k as f64 * y).tanh()
            });
            Map::new(format!("node {k}"), f, (-1.0, 1.0))
                .without_axes()
                .into()
        })
        .collect();
    let svg = Figure::grid(panels, 2, (200, 200))
        .title("hidden")
        .to_svg()
        .unwrap();
    for k in 0..4 {
        assert!(svg.contains(&format!("node {k}")));
    }
    assert!(svg.starts_with("<svg") && svg.contains("width=\"400\""));
}

#[test]
fn a_figure_needs_a_panel() {
    let empty = Figure::grid(Vec::new(), 2, (100, 100));
    assert!(matches!(empty.to_svg(), Err(Error::OutOfRange { .. })));
}

/// Writes a figure as the command line does: drawn first, then written whole.
fn save(figure: Figure, path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    Ok(gradgraph_cli::files::write_atomic(
        path,
        figure.to_svg()?.as_bytes(),
    )?)
}

#[test]
fn saving_is_atomic_and_leaves_nothing_behind() {
    let dir = scratch("atomic");
    let path = dir.join("loss.svg");
    let chart = || Chart::new("loss").series(Series::line("l", [(0.0, 1.0), (1.0, 0.5)]));
    save(Figure::single(chart()), &path).unwrap();
    let first = std::fs::read_to_string(&path).unwrap();
    assert!(first.starts_with("<svg"));
    // overwriting replaces the file; no temporary file stays in the directory
    save(Figure::single(chart().x_label("step")), &path).unwrap();
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("loss.svg")]);
    // a failed drawing leaves the old file untouched
    let broken = Chart::new("nothing").series(Series::line("l", [(f64::NAN, 1.0)]));
    assert!(save(Figure::single(broken), &path).is_err());
    assert!(std::fs::read_to_string(&path).unwrap().contains("\nstep\n"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn saving_into_a_missing_directory_names_the_file() {
    let dir = scratch("missing");
    let path = dir.join("no/such/dir/plot.svg");
    let chart = Chart::new("x").series(Series::line("l", [(0.0, 1.0), (1.0, 2.0)]));
    match save(Figure::single(chart), &path) {
        Err(e) if matches!(e.downcast_ref(), Some(gradgraph_cli::Error::Io { .. })) => {
            assert!(e.to_string().contains("no/such/dir/plot.svg"))
        }
        other => panic!("expected gradgraph_cli::Error::Io, got {other:?}"),
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_map_of_classes_colours_each_region_like_its_points_with_a_legend() {
    // three classes by angle around the origin
    let class_at = |x: f64, y: f64| {
        ((y.atan2(x) + std::f64::consts::PI) / (2.0 * std::f64::consts::PI) * 3.0)
            .floor()
            .min(2.0)
    };
    let field = Field::sample((-1.0, 1.0), (-1.0, 1.0), 30, class_at);
    let points: Vec<LabelledPoint> = [(-0.5, -0.1), (0.5, -0.5), (0.2, 0.6)]
        .iter()
        .map(|&(x, y)| LabelledPoint {
            x,
            y,
            class: class_at(x, y) as usize,
        })
        .collect();
    let svg = Figure::single(Map::classes("predicted class", field, 3).points(points))
        .to_svg()
        .unwrap();
    // each class's points, and its region in a tint of the same colour (a third of the way
    // from white): class 2 is green (44, 160, 44)
    let tint = |c: u8| (255.0 + 0.35 * (c as f64 - 255.0)).round() as u8;
    let green = format!("#{:02X}{:02X}{:02X}", tint(44), tint(160), tint(44));
    assert!(svg.contains(&green), "no region in {green}");
    assert!(svg.contains("#2CA02C"), "no class-2 point");
    for k in 0..3 {
        assert!(
            svg.contains(&format!("class {k}")),
            "no legend entry for class {k}"
        );
    }
}
