//! The cluster view: every pod, grouped by ReplicaSet (revision, image, a colour per revision) or
//! by node, with a legend of the pod states. Past `AGGREGATE_AT` pods each group shows counts per
//! state instead of one element per pod, so that the page stays light.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::pod::{colour_class, Pod};
use super::state::Command;
use super::tip::Tip;
use super::view::{shown, Look, NodeView, PodView, RsView};
use crate::glossary::Term;

/// From this many pods on, groups show counts per state rather than one element per pod.
pub const AGGREGATE_AT: usize = 3_000;

#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    pub pods: Rc<Vec<Rc<PodView>>>,
    pub replica_sets: Rc<Vec<RsView>>,
    pub nodes: Rc<Vec<NodeView>>,
    /// Group by node rather than by ReplicaSet.
    pub by_node: bool,
    /// The selected pod's `namespace/name`.
    pub selected: Option<String>,
    pub on_select: Callback<String>,
    pub on_group_by_node: Callback<bool>,
    /// Failing and recovering a node (fault verbs).
    pub on_run: Callback<Command>,
}

/// A group of pods with its header.
struct Group<'a> {
    key: String,
    title: Html,
    label: String,
    pods: Vec<&'a Rc<PodView>>,
}

#[function_component(ClusterView)]
pub fn cluster_view(props: &ClusterViewProps) -> Html {
    let aggregate = props.pods.len() >= AGGREGATE_AT;
    // Fewer pods, bigger pods: a handful fills the view, a thousand still fit on one screen.
    let size = match props.pods.len() {
        0..=40 => "size-l",
        41..=300 => "size-m",
        _ => "size-s",
    };
    let groups = if props.by_node {
        node_groups(props)
    } else {
        rs_groups(props)
    };
    let toggle = props.on_group_by_node.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
    });
    html! {
        <div class="cluster">
            <div class="cluster-bar">
                <h2><Tip term={Term::Pod}>{"Pods"}</Tip>{format!(" ({})", props.pods.len())}</h2>
                <label class="toggle">
                    <input type="checkbox" checked={props.by_node} onchange={toggle} />
                    {" Group by "}<Tip term={Term::Node}>{"node"}</Tip>
                </label>
            </div>
            <Legend />
            <div class={classes!("groups", size, props.by_node.then_some("groups--nodes"))}>
                { for groups.into_iter().map(|g| html! {
                    <section class="group" key={g.key.clone()} aria-label={g.label.clone()}>
                        <h3 class="group-title">{g.title}</h3>
                        if aggregate {
                            <Counts pods={g.pods.iter().map(|p| (*p).clone()).collect::<Vec<_>>()} />
                        } else {
                            <div class="pods" role="group" aria-label={format!("Pods of {}", g.label)}>
                                { for g.pods.iter().map(|p| html! {
                                    <Pod
                                        key={p.key.clone()}
                                        pod={(*p).clone()}
                                        selected={props.selected.as_ref() == Some(&p.key)}
                                        on_select={props.on_select.clone()}
                                    />
                                }) }
                            </div>
                        }
                    </section>
                }) }
            </div>
        </div>
    }
}

fn rs_groups(props: &ClusterViewProps) -> Vec<Group<'_>> {
    let mut by_rs: BTreeMap<&str, Vec<&Rc<PodView>>> = BTreeMap::new();
    for pod in props.pods.iter() {
        by_rs.entry(pod.rs_key.as_str()).or_default().push(pod);
    }
    // ReplicaSets scaled to zero with no pod left (kept only as rollout history) draw nothing.
    let mut groups: Vec<Group> = props
        .replica_sets
        .iter()
        .filter_map(|rs| {
            let pods = by_rs.remove(rs.key.as_str()).unwrap_or_default();
            (rs.desired > 0 || !pods.is_empty()).then(|| Group {
            key: rs.key.clone(),
            title: html! {
                <>
                    <span class={classes!("swatch", colour_class(rs.revision))} aria-hidden="true"></span>
                    <span class="rev"><Tip term={Term::Revision}>{"rev"}</Tip>{format!(" {}", rs.revision)}</span>
                    <code class="image">{&rs.images}</code>
                    <span class="rs-name">{shown(&rs.key)}</span>
                    <span class="counts">{format!("{}/{} ready", rs.ready, rs.desired)}</span>
                </>
            },
            label: format!(
                "revision {} ({}): {}, {} of {} ready",
                rs.revision,
                shown(&rs.key),
                rs.images,
                rs.ready,
                rs.desired
            ),
                pods,
            })
        })
        .collect();
    let orphans: Vec<&Rc<PodView>> = by_rs.into_values().flatten().collect();
    if !orphans.is_empty() {
        groups.push(Group {
            key: "-orphans".into(),
            title: html! { {"Pods without a Deployment"} },
            label: "Pods without a Deployment".into(),
            pods: orphans,
        });
    }
    groups
}

fn node_groups(props: &ClusterViewProps) -> Vec<Group<'_>> {
    let mut by_node: BTreeMap<&str, Vec<&Rc<PodView>>> = BTreeMap::new();
    for pod in props.pods.iter() {
        by_node
            .entry(pod.node.as_deref().unwrap_or(""))
            .or_default()
            .push(pod);
    }
    let mut groups: Vec<Group> = props
        .nodes
        .iter()
        .map(|node| {
            let status = match (node.ready, node.unschedulable) {
                (true, false) => "Ready",
                (true, true) => "Ready,SchedulingDisabled",
                (false, false) => "NotReady",
                (false, true) => "NotReady,SchedulingDisabled",
            };
            let (verb, text) = if node.ready {
                ("node-down", "Fail node")
            } else {
                ("node-up", "Recover node")
            };
            let onclick = props
                .on_run
                .reform({
                    let line = format!("fault {verb} {}", node.name);
                    move |_: MouseEvent| Command::line(line.clone())
                });
            Group {
                key: node.name.clone(),
                title: html! {
                    <>
                        <span class="node-name">{&node.name}</span>
                        <span class={classes!("badge", (!node.ready).then_some("badge--bad"))}>{status}</span>
                        <button type="button" class="small" {onclick}
                            aria-label={format!("{text} {}", node.name)}>{text}</button>
                    </>
                },
                label: format!("Node {}, {status}", node.name),
                pods: by_node.remove(node.name.as_str()).unwrap_or_default(),
            }
        })
        .collect();
    let unscheduled: Vec<&Rc<PodView>> = by_node.into_values().flatten().collect();
    if !unscheduled.is_empty() {
        groups.push(Group {
            key: "-unscheduled".into(),
            title: html! { {"Not scheduled"} },
            label: "Pods not scheduled on any node".into(),
            pods: unscheduled,
        });
    }
    groups
}

#[derive(Properties, PartialEq)]
struct CountsProps {
    pods: Vec<Rc<PodView>>,
}

/// A group's pods as counts per state and revision (for very large clusters).
#[function_component(Counts)]
fn counts(props: &CountsProps) -> Html {
    let mut counts: BTreeMap<(Look, i64), usize> = BTreeMap::new();
    for pod in &props.pods {
        *counts.entry((pod.look, pod.revision)).or_insert(0) += 1;
    }
    html! {
        <ul class="counts-list">
            { for counts.into_iter().map(|((look, revision), n)| html! {
                <li>
                    <span class={classes!("pod", "pod--sample", format!("pod--{}", look.class()), colour_class(revision))} aria-hidden="true"></span>
                    {format!(" {n} {} (rev {revision})", look.label())}
                </li>
            }) }
        </ul>
    }
}

/// The term a pod state's legend explains, if any.
fn look_term(look: Look) -> Option<Term> {
    match look {
        Look::Creating => Some(Term::Pending),
        Look::Ready => Some(Term::Ready),
        Look::Terminating => Some(Term::Terminating),
        Look::PullError => Some(Term::ImagePullBackOff),
        Look::CrashLoop => Some(Term::CrashLoopBackOff),
        Look::Starting | Look::Lost | Look::Stopped => None,
    }
}

/// The key to the pod shapes, each state with its explanation.
#[function_component(Legend)]
fn legend() -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            { for Look::ALL.iter().map(|look| html! {
                <li>
                    <span class={classes!("pod", "pod--sample", format!("pod--{}", look.class()), "cx")} aria-hidden="true"></span>
                    if let Some(term) = look_term(*look) {
                        <Tip {term}>{look.label()}</Tip>
                    } else {
                        {look.label()}
                    }
                </li>
            }) }
        </ul>
    }
}
