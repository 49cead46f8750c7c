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
use crate::decimal::{push_tenths, shortest};
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

/// Appends one SVG point, `x,y `, in tenths.
fn point(out: &mut String, x: f64, y: f64) {
    push_tenths(out, x);
    out.push(',');
    push_tenths(out, y);
    out.push(' ');
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
                point(&mut out, x(s.t), y(p));
            }
        }
        point(&mut out, x(s.t), y(v));
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
            { demand_chart(samples, &x, &props.data.marks) }
        </section>
    }
}

/// The demand chart's height, in SVG units.
const DEMAND_HEIGHT: f64 = 96.0;

/// One line of the demand chart: its name, the term that explains it, its CSS class, and how
/// to read it from a sample (`None`: not drawn there).
type DemandSeries = (&'static str, Term, &'static str, fn(&Sample) -> Option<i64>);

/// Requests per second (left axis) and CPU utilization (right axis, percent).
const RPS: [DemandSeries; 2] = [
    ("offered", Term::Service, "s-offered", |s| Some(s.offered)),
    ("failed", Term::Endpoint, "s-failed", |s| Some(s.failed)),
];
const CPU: [DemandSeries; 2] = [
    ("CPU utilization", Term::Utilization, "s-util", |s| {
        s.utilization.map(i64::from)
    }),
    ("target", Term::HorizontalPodAutoscaler, "s-target", |s| {
        s.target.map(i64::from)
    }),
];

/// The SVG `points` of one demand line, on a scale whose top is `max`; a gap where it has no
/// value starts a new run (`M` is not available in `points`, so runs are drawn apart).
fn demand_points(
    samples: &[Sample],
    x: &dyn Fn(i64) -> f64,
    max: i64,
    read: fn(&Sample) -> Option<i64>,
) -> String {
    let y = |v: i64| 6.0 + (DEMAND_HEIGHT - 22.0) * (1.0 - v as f64 / max as f64);
    let mut out = String::new();
    for s in samples {
        if let Some(v) = read(s) {
            point(&mut out, x(s.t), y(v));
        }
    }
    out
}

/// Under the pods chart, once the Deployment has traffic or an autoscaler: offered and failed
/// requests per second, and the autoscaler's CPU utilization against its target.
fn demand_chart(samples: &[Sample], x: &dyn Fn(i64) -> f64, marks: &[super::state::Mark]) -> Html {
    let cpu = samples.iter().any(|s| s.utilization.is_some());
    if !cpu && samples.iter().all(|s| s.offered == 0) {
        return Html::default();
    }
    let top = |series: &[DemandSeries], floor: i64| {
        samples
            .iter()
            .flat_map(|s| series.iter().filter_map(move |d| (d.3)(s)))
            .max()
            .unwrap_or(0)
            .max(floor)
    };
    let (rps_max, cpu_max) = (top(&RPS, 10) * 11 / 10, top(&CPU, 100) * 11 / 10);
    let last = samples.last().copied().unwrap_or_default();
    let summary = format!(
        "At t={}s: {} requests per second offered, {} failed{}.",
        last.t,
        last.offered,
        last.failed,
        match (last.utilization, last.target) {
            (Some(u), Some(t)) => format!("; CPU {u}% of request, target {t}%"),
            _ => String::new(),
        }
    );
    let bottom = shortest(DEMAND_HEIGHT - 16.0);
    let lines = |series: &'static [DemandSeries], max: i64| {
        series
            .iter()
            .map(|d| html! {
                <polyline class={classes!("series", d.2)} points={demand_points(samples, x, max, d.3)}>
                    <title>{d.0}</title>
                </polyline>
            })
            .collect::<Html>()
    };
    let legend =
        |series: &'static [DemandSeries], unit: &'static str| {
            series
            .iter()
            .map(|d| html! {
                <li data-series={d.2}>
                    <svg class="key" viewBox="0 0 24 8" aria-hidden="true">
                        <line class={classes!("series", d.2)} x1="0" y1="4" x2="24" y2="4" />
                    </svg>
                    <Tip term={d.1}>{d.0}</Tip>
                    {(d.3)(&last).map(|v| format!(" {v}{unit}")).unwrap_or_default()}
                </li>
            })
            .collect::<Html>()
        };
    html! {
        <div class="demand-chart" data-testid="demand-chart">
            <h3>{"Requests per second"}{if cpu { " and CPU" } else { "" }}</h3>
            <svg viewBox={format!("0 0 {} {}", shortest(WIDTH), shortest(DEMAND_HEIGHT))} role="img" aria-label={summary.clone()} preserveAspectRatio="none">
                <title>{summary}</title>
                <line class="grid" x1={shortest(LEFT)} x2={shortest(WIDTH - RIGHT)} y1={bottom.clone()} y2={bottom.clone()} />
                <text class="axis" x={shortest(LEFT - 4.0)} y="12" text-anchor="end">{rps_max}</text>
                <text class="axis" x={shortest(LEFT - 4.0)} y={shortest(DEMAND_HEIGHT - 14.0)} text-anchor="end">{"0"}</text>
                if cpu {
                    <text class="axis s-util-axis" x={shortest(WIDTH - RIGHT)} y="12" text-anchor="end">{format!("{cpu_max}%")}</text>
                }
                { for marks.iter().map(|m| { let xt = shortest(x(m.t)); html! {
                    <g class="mark"><line x1={xt.clone()} x2={xt} y1="0" y2={bottom.clone()} /></g>
                }}) }
                { lines(&RPS, rps_max) }
                if cpu { { lines(&CPU, cpu_max) } }
            </svg>
            <ul class="chart-legend">
                { legend(&RPS, " rps") }
                if cpu { { legend(&CPU, "%") } }
            </ul>
        </div>
    }
}
