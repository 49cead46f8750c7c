//! The chart (SVG): desired, pods, terminating, updated, ready and available over simulated
//! time, with the surge ceiling (replicas + maxSurge) and availability floor (replicas -
//! maxUnavailable) as step lines, and a labelled mark wherever a command changed the cluster.
//! "pods" is `status.replicas`, the pods that are not terminating: what maxSurge bounds, so the
//! line never crosses the ceiling; terminating pods have their own line. Each series has its own
//! colour, dash pattern and a small vertical offset, so that lines with equal values lie side
//! by side instead of hiding each other, and the legend says which are equal ("= desired").
//! The offsets keep upstream's order where values meet: ceiling above pods above updated, ready
//! and available, above the floor.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{ChartData, Sample};
use super::tip::Tip;
use crate::decimal::{shortest, tenths};
use crate::glossary::Term;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 8.0;
/// Above the plot: the labels of the marks, in rows.
const TOP: f64 = 24.0;
const BOTTOM: f64 = 22.0;
/// The label rows of the marks, and the width of one character of their labels.
const MARK_ROWS: usize = 2;
const MARK_CHAR: f64 = 5.4;

/// One plotted series: its name, the term that explains it, how to read it from a sample, its CSS
/// class, whether it is drawn as steps (fenceposts change at once, they do not ramp), and how
/// far it is drawn off its value (in SVG units, upwards) to stay visible where it equals another
/// series.
struct Series {
    name: &'static str,
    term: Term,
    value: fn(&Sample) -> i32,
    class: &'static str,
    steps: bool,
    offset: f64,
}

const SERIES: [Series; 8] = [
    Series {
        name: "desired",
        term: Term::Replicas,
        value: |s| s.desired,
        class: "s-desired",
        steps: true,
        offset: 0.0,
    },
    Series {
        name: "surge ceiling",
        term: Term::SurgeCeiling,
        value: |s| s.ceiling,
        class: "s-ceiling",
        steps: true,
        offset: 6.0,
    },
    Series {
        name: "availability floor",
        term: Term::AvailabilityFloor,
        value: |s| s.floor,
        class: "s-floor",
        steps: true,
        offset: -6.0,
    },
    Series {
        name: "pods (not terminating)",
        term: Term::Pod,
        value: |s| s.pods,
        class: "s-pods",
        steps: false,
        offset: 4.0,
    },
    Series {
        name: "terminating",
        term: Term::Terminating,
        value: |s| s.terminating,
        class: "s-terminating",
        steps: false,
        offset: 0.0,
    },
    Series {
        name: "updated",
        term: Term::Updated,
        value: |s| s.updated,
        class: "s-updated",
        steps: false,
        offset: 2.0,
    },
    Series {
        name: "ready",
        term: Term::Ready,
        value: |s| s.ready,
        class: "s-ready",
        steps: false,
        offset: -2.0,
    },
    Series {
        name: "available",
        term: Term::Available,
        value: |s| s.available,
        class: "s-available",
        steps: false,
        offset: -4.0,
    },
];

/// What `chart` draws from.
pub struct ChartProps {
    pub data: Rc<ChartData>,
    pub now: i64,
    /// The furthest tick reached (the chart spans the same time as the scrubber).
    pub horizon: i64,
}

/// The SVG `points` of one series.
fn points(
    samples: &[Sample],
    series: &Series,
    x: impl Fn(i64) -> f64,
    y: impl Fn(i32) -> f64,
) -> String {
    let y = |v| y(v) - series.offset;
    let mut out = String::new();
    let mut previous: Option<i32> = None;
    for s in samples {
        let v = (series.value)(s);
        if series.steps {
            if let Some(p) = previous.filter(|p| *p != v) {
                out.push_str(&format!("{},{} ", tenths(x(s.t)), tenths(y(p))));
            }
        }
        out.push_str(&format!("{},{} ", tenths(x(s.t)), tenths(y(v))));
        previous = Some(v);
    }
    out
}

/// The legend's words after series `i`'s name at `sample`: its value, and the first series
/// listed before it with the same value (` 4 = desired` in `ready 4 = desired`; desired is
/// listed first). Zero is only its value: "ready 0 = terminating" would read as a relation where
/// there is only nothing.
fn legend_text(i: usize, sample: &Sample) -> String {
    let value = (SERIES[i].value)(sample);
    let mut text = format!(" {value}");
    let same = SERIES[..i].iter().find(|s| (s.value)(sample) == value);
    if let Some(same) = same.filter(|_| value != 0) {
        text.push_str(" = ");
        text.push_str(same.name);
    }
    text
}

pub fn chart(props: &ChartProps) -> Html {
    let samples = &props.data.samples;
    let end = props.horizon.max(props.now).max(30);
    let top_value = samples
        .iter()
        .flat_map(|s| SERIES.iter().map(move |series| (series.value)(s)))
        .max()
        .unwrap_or(0)
        .max(4);
    let scale_max = f64::from(top_value) * 1.1;
    let x = |t: i64| LEFT + (WIDTH - LEFT - RIGHT) * (t as f64) / (end as f64);
    let y = |v: i32| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - f64::from(v) / scale_max);
    let last = samples.last().copied().unwrap_or_default();
    let summary = format!(
        "At t={}s: desired {}, pods {} and {} terminating, updated {}, ready {}, available {}; ceiling {}, floor {}.",
        last.t,
        last.desired,
        last.pods,
        last.terminating,
        last.updated,
        last.ready,
        last.available,
        last.ceiling,
        last.floor
    );
    // What the tests read: how often the pods line is above the ceiling (never, by upstream's
    // rule), and its highest value.
    let over_ceiling = samples.iter().filter(|s| s.pods > s.ceiling).count();
    let max_pods = samples.iter().map(|s| s.pods).max().unwrap_or(0);
    let y_ticks = [0, top_value / 2, top_value];
    // The plot's top and bottom edges, where the vertical lines start and end.
    let (plot_top, plot_bottom) = (shortest(TOP), shortest(HEIGHT - BOTTOM));
    let now_x = shortest(x(props.now));
    // Each mark's label goes in the first row where it does not run into the one before it,
    // right of its line, or left of it near the right edge.
    let mut row_ends = [f64::MIN; MARK_ROWS];
    let marks: Vec<(f64, usize, bool)> = props
        .data
        .marks
        .iter()
        .map(|m| {
            let at = x(m.t);
            let width = 4.0 + MARK_CHAR * m.label.len() as f64;
            let left = at + width > WIDTH;
            let start = if left { at - width } else { at };
            let row = row_ends.iter().position(|&e| e < start).unwrap_or(0);
            row_ends[row] = start + width;
            (at, row, left)
        })
        .collect();
    html! {
        <section class="panel chart" aria-labelledby="chart-title">
            <h2 id="chart-title">{"Pods over time"}</h2>
            <svg viewBox={format!("0 0 {} {}", shortest(WIDTH), shortest(HEIGHT))} role="img" aria-label={summary.clone()} preserveAspectRatio="none"
                data-over-ceiling={over_ceiling.to_string()} data-max-pods={max_pods.to_string()}>
                <title>{summary}</title>
                { for y_ticks.iter().map(|&v| { let yv = shortest(y(v)); html! {
                    <>
                        <line class="grid" x1={shortest(LEFT)} x2={shortest(WIDTH - RIGHT)}
                            y1={yv.clone()} y2={yv} />
                        <text class="axis" x={shortest(LEFT - 4.0)} y={shortest(y(v) + 3.0)} text-anchor="end">{v}</text>
                    </>
                }}) }
                <text class="axis" x={shortest(LEFT)} y={shortest(HEIGHT - 6.0)}>{"0s"}</text>
                <text class="axis" x={shortest(WIDTH - RIGHT)} y={shortest(HEIGHT - 6.0)} text-anchor="end">{format!("{end}s")}</text>
                { for SERIES.iter().map(|series| html! {
                    <polyline class={classes!("series", series.class)} points={points(samples, series, x, y)}>
                        <title>{series.name}</title>
                    </polyline>
                }) }
                { for props.data.marks.iter().zip(&marks).map(|(m, &(at, row, left))| { let xt = shortest(at); html! {
                    <g class="mark" data-testid="chart-mark" data-t={m.t.to_string()} data-label={m.label.clone()}>
                        <title>{format!("t={}s: {}", m.t, m.command)}</title>
                        <line x1={xt.clone()} x2={xt} y1={shortest(1.0 + 10.0 * row as f64)} y2={plot_bottom.clone()} />
                        <text class="mark-label" x={shortest(if left { at - 2.0 } else { at + 2.0 })} y={shortest(9.0 + 10.0 * row as f64)}
                            text-anchor={left.then_some("end")}>{&m.label}</text>
                    </g>
                }}) }
                <line class="now" x1={now_x.clone()} x2={now_x} y1={plot_top} y2={plot_bottom} />
            </svg>
            <ul class="chart-legend">
                { for SERIES.iter().enumerate().map(|(i, series)| html! {
                    <li data-series={series.class}>
                        <svg class="key" viewBox="0 0 24 8" aria-hidden="true">
                            <line class={classes!("series", series.class)} x1="0" y1="4" x2="24" y2="4" />
                        </svg>
                        <Tip term={series.term}>{series.name}</Tip>
                        {legend_text(i, &last)}
                    </li>
                }) }
                <li>
                    <svg class="key" viewBox="0 0 24 8" aria-hidden="true"><g class="mark"><line x1="12" y1="0" x2="12" y2="8" /></g></svg>
                    {"a command that changed the cluster"}
                </li>
            </ul>
        </section>
    }
}
