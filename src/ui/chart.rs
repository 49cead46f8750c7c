//! The chart (SVG): desired, updated, ready, available and total pods over simulated time, with
//! the surge ceiling (replicas + maxSurge) and availability floor (replicas - maxUnavailable) as
//! step lines and a marker wherever an action ran. Each series has its own dash pattern as well
//! as its own colour.

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
const TOP: f64 = 10.0;
const BOTTOM: f64 = 22.0;

/// One plotted series: its name, the term that explains it, how to read it from a sample, its CSS
/// class and whether it is drawn as steps (fenceposts change at once, they do not ramp).
struct Series {
    name: &'static str,
    term: Term,
    value: fn(&Sample) -> i32,
    class: &'static str,
    steps: bool,
}

const SERIES: [Series; 7] = [
    Series {
        name: "surge ceiling",
        term: Term::SurgeCeiling,
        value: |s| s.ceiling,
        class: "s-ceiling",
        steps: true,
    },
    Series {
        name: "availability floor",
        term: Term::AvailabilityFloor,
        value: |s| s.floor,
        class: "s-floor",
        steps: true,
    },
    Series {
        name: "desired",
        term: Term::Replicas,
        value: |s| s.desired,
        class: "s-desired",
        steps: true,
    },
    Series {
        name: "total pods",
        term: Term::Pod,
        value: |s| s.total,
        class: "s-total",
        steps: false,
    },
    Series {
        name: "updated",
        term: Term::Updated,
        value: |s| s.updated,
        class: "s-updated",
        steps: false,
    },
    Series {
        name: "ready",
        term: Term::Ready,
        value: |s| s.ready,
        class: "s-ready",
        steps: false,
    },
    Series {
        name: "available",
        term: Term::Available,
        value: |s| s.available,
        class: "s-available",
        steps: false,
    },
];

#[derive(Properties, PartialEq)]
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

#[function_component(Chart)]
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
        "At t={}s: desired {}, updated {}, ready {}, available {}, total {}; ceiling {}, floor {}.",
        last.t,
        last.desired,
        last.updated,
        last.ready,
        last.available,
        last.total,
        last.ceiling,
        last.floor
    );
    let y_ticks = [0, top_value / 2, top_value];
    // The plot's top and bottom edges, where the vertical lines start and end.
    let (plot_top, plot_bottom) = (shortest(TOP), shortest(HEIGHT - BOTTOM));
    let now_x = shortest(x(props.now));
    html! {
        <section class="panel chart" aria-labelledby="chart-title">
            <h2 id="chart-title">{"Pods over time"}</h2>
            <svg viewBox={format!("0 0 {} {}", shortest(WIDTH), shortest(HEIGHT))} role="img" aria-label={summary.clone()} preserveAspectRatio="none">
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
                { for props.data.marks.iter().map(|&t| { let xt = shortest(x(t)); html! {
                    <line class="mark" x1={xt.clone()} x2={xt} y1={plot_top.clone()} y2={plot_bottom.clone()}>
                        <title>{format!("action at t={t}s")}</title>
                    </line>
                }}) }
                { for SERIES.iter().map(|series| html! {
                    <polyline class={classes!("series", series.class)} points={points(samples, series, x, y)} />
                }) }
                <line class="now" x1={now_x.clone()} x2={now_x} y1={plot_top} y2={plot_bottom} />
            </svg>
            <ul class="chart-legend">
                { for SERIES.iter().map(|series| html! {
                    <li>
                        <svg class="key" viewBox="0 0 24 8" aria-hidden="true">
                            <line class={classes!("series", series.class)} x1="0" y1="4" x2="24" y2="4" />
                        </svg>
                        <Tip term={series.term}>{series.name}</Tip>
                        {format!(" {}", (series.value)(&last))}
                    </li>
                }) }
                <li>
                    <svg class="key" viewBox="0 0 24 8" aria-hidden="true"><line class="mark" x1="12" y1="0" x2="12" y2="8" /></svg>
                    {"action"}
                </li>
            </ul>
        </section>
    }
}
