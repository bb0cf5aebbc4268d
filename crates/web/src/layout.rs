//! A layered layout, for graphs too large for Graphviz in the browser: each node in a column
//! by its depth (an operation one column right of its deepest operand, a leaf one column left
//! of its first use), the nodes of a column ordered by the mean position of their neighbours
//! over a few sweeps, straight rows. It costs a few milliseconds for thousands of nodes where
//! Graphviz takes minutes; its edges may cross more and its labels may overlap.

use gradgraph::Graph;
use serde::Serialize;

/// Where each node is drawn, in the page's SVG units.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Layout {
    /// The picture's width.
    pub width: f64,
    /// Its height.
    pub height: f64,
    /// Each node's box, by node index.
    pub nodes: Vec<Place>,
}

/// A node's box: its centre and size.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Place {
    /// The centre, from the left.
    pub x: f64,
    /// The centre, from the top.
    pub y: f64,
    /// The width.
    pub w: f64,
    /// The height.
    pub h: f64,
}

/// Space between columns, and between the boxes of a column.
const COLUMN_GAP: f64 = 60.0;
const ROW_GAP: f64 = 12.0;
/// A box: three lines of text.
const HEIGHT: f64 = 50.0;
/// The width of a character of the labels, about.
const CHAR: f64 = 6.6;

/// The layout of `g`, whose node `i` is labelled `names[i]` (and its value and gradient).
pub(crate) fn layout(g: &Graph, names: &[String]) -> Layout {
    let n = g.len();
    let operands: Vec<Vec<usize>> = g
        .values()
        .map(|v| g.operands(v).iter().map(|o| o.index()).collect())
        .collect();
    let mut consumers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (j, ops) in operands.iter().enumerate() {
        for &i in ops {
            consumers[i].push(j);
        }
    }
    // columns: operations right of their deepest operand; leaves just left of their first use
    let mut column = vec![0usize; n];
    for j in 0..n {
        column[j] = operands[j]
            .iter()
            .map(|&i| column[i] + 1)
            .max()
            .unwrap_or(0);
    }
    for i in 0..n {
        if operands[i].is_empty()
            && let Some(first) = consumers[i].iter().map(|&j| column[j]).min()
        {
            column[i] = first.saturating_sub(1);
        }
    }
    let columns = column.iter().copied().max().map_or(0, |c| c + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (i, &c) in column.iter().enumerate() {
        order[c].push(i);
    }
    // the order in each column: the mean position of the neighbours, left then right
    let mut position = vec![0.0f64; n];
    let place = |order: &Vec<Vec<usize>>, position: &mut Vec<f64>| {
        for col in order {
            for (k, &i) in col.iter().enumerate() {
                position[i] = k as f64 - col.len() as f64 / 2.0;
            }
        }
    };
    place(&order, &mut position);
    for sweep in 0..6 {
        let neighbours = if sweep % 2 == 0 {
            &operands
        } else {
            &consumers
        };
        for col in &mut order {
            let key = |i: usize| {
                let around = &neighbours[i];
                if around.is_empty() {
                    position[i]
                } else {
                    around.iter().map(|&k| position[k]).sum::<f64>() / around.len() as f64
                }
            };
            let mut keyed: Vec<(f64, usize)> = col.iter().map(|&i| (key(i), i)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            *col = keyed.into_iter().map(|(_, i)| i).collect();
        }
        place(&order, &mut position);
    }
    // sizes and coordinates
    let width = |i: usize| (names[i].chars().count().max(16) as f64) * CHAR + 16.0;
    let tallest = order.iter().map(Vec::len).max().unwrap_or(0) as f64 * (HEIGHT + ROW_GAP);
    let mut nodes = vec![Place::default(); n];
    let mut x = COLUMN_GAP / 2.0;
    for col in &order {
        let w = col.iter().map(|&i| width(i)).fold(0.0, f64::max);
        let top = (tallest - col.len() as f64 * (HEIGHT + ROW_GAP)) / 2.0;
        for (k, &i) in col.iter().enumerate() {
            nodes[i] = Place {
                x: x + w / 2.0,
                y: top + k as f64 * (HEIGHT + ROW_GAP) + HEIGHT / 2.0 + ROW_GAP,
                w: width(i),
                h: HEIGHT,
            };
        }
        x += w + COLUMN_GAP;
    }
    Layout {
        width: x,
        height: tallest + 2.0 * ROW_GAP,
        nodes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_lie_right_of_their_operands_and_boxes_do_not_overlap() {
        let g = Graph::new();
        let x = g.input(1.0).with_label("x");
        let terms: Vec<_> = (0..300)
            .map(|k| (g.parameter(0.1 * k as f64) * x + 1.0).tanh())
            .collect();
        let y = g.sum(&terms);
        let names: Vec<String> = g.values().map(|v| g.term(v)).collect();
        let start = std::time::Instant::now();
        let l = layout(&g, &names);
        assert!(start.elapsed().as_secs_f64() < 5.0);
        assert_eq!(l.nodes.len(), g.len());
        for v in g.values() {
            for o in g.operands(v) {
                assert!(l.nodes[o.index()].x < l.nodes[v.index()].x);
            }
        }
        let right = l.nodes[y.index()];
        assert!(right.x + right.w / 2.0 <= l.width);
        for (a, p) in l.nodes.iter().enumerate() {
            for q in &l.nodes[a + 1..] {
                let apart = (p.x - q.x).abs() >= (p.w + q.w) / 2.0
                    || (p.y - q.y).abs() >= (p.h + q.h) / 2.0;
                assert!(apart, "{p:?} {q:?}");
            }
        }
    }
}
