//! The browser front end (Yew, client-side rendering).
//!
//! Code map:
//! - `state`: the whole app state and its reducer (`State`, `enum Action`, `impl Reducible`). Every
//!   change goes through it; it plays the scenario (`scenario::Timeline`) and rebuilds the `view`
//!   models the components draw. It never touches storage, timers or the DOM.
//! - `view`: the plain data the components draw, read from the simulation after each change.
//! - `app`: wires the hooks: the reducer, the play timer, persistence and the layout (the story
//!   area, then `tabs`).
//! - one piece of the page per file: `time_bar`, `narration`, `cluster_view` (with `pod`), `controls`,
//!   `demand` (the traffic panel and control, the autoscaler beside the Deployment), `pod_details`,
//!   `console`, `yaml_editor`, `tables`, `conditions`, `history`, `events_log`, `decisions`, `share`,
//!   `scenarios`, `chart`, and `tabs` (the tablist and its panels); `tip` (a Kubernetes word with
//!   its explanation on hover and focus) and `glossary` (the dialog listing every term), both from
//!   `crate::glossary`; `help` (the keyboard shortcuts) and `resume` (a returning visitor's
//!   question), both shown in a `modal`.
//! - `shortcuts`: what each key does (a pure function the reducer asks) and the window's
//!   keydown listener.
//! - `persistence` (localStorage) and `url` (`?speed=`, the `#s=` share link, base64url): the
//!   only I/O besides the timer and the pod strips' animation frames, done from effects and callbacks, never from the reducer; and
//!   `reader`, the Web Worker that prints what the commands that only read show
//!   (`crate::reader`), sent what the reducer leaves in its outbox after each render.
//!
//! A piece with no state of its own (narration, controls, chart, tables, conditions, the why
//! panel, pod details, tabs, help, the resume question, the legend) is a plain function returning
//! `Html`, not a component: each component type costs the bundle its own mount and update code
//! (about 0.6 KiB gzipped), and these re-render with the app on every tick anyway. Components are
//! kept for what holds state (hooks), for `pod::PodStrip`, a group's pods, which draws them
//! itself a slice per animation frame and only when its props change, and for the replicas
//! control, whose input keeps what is being typed.
//!
//! Architecture invariant: every number on screen comes from the engine; components hold no
//! domain state of their own (only what is being typed, and which console line is recalled).

pub mod app;
pub mod chart;
pub mod cluster_view;
pub mod conditions;
pub mod console;
pub mod controls;
pub mod decisions;
pub mod demand;
pub mod events_log;
pub mod glossary;
pub mod help;
pub mod history;
pub mod modal;
pub mod narration;
pub mod persistence;
pub mod pod;
pub mod pod_details;
pub mod reader;
pub mod resume;
pub mod scenarios;
pub mod share;
pub mod shortcuts;
pub mod state;
pub mod tables;
pub mod tabs;
pub mod time_bar;
pub mod tip;
pub mod url;
pub mod view;
pub mod yaml_editor;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
