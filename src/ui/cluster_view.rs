//! The cluster view: every pod, grouped by ReplicaSet under its Deployment (and under its
//! namespace when there are several), or by node, with a legend of the pod states. Each group is
//! headed by what it is ("ReplicaSet web-5d5d · revision 2 · nginx:1.26 · 3 desired / 2 ready")
//! and drawn in its ReplicaSet's colour. The pods are one Tab stop: the arrow keys move between
//! them (Up and Down by row as laid out), Home and End go to the first and last, Enter or Space
//! opens one. Past `AGGREGATE_AT` pods each group shows counts per state instead of one element
//! per pod, so that the page stays light.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::pod::{colour_class, element_id, PodStrip};
use super::state::Command;
use super::tip::Tip;
use super::view::{shown, DeploymentRow, Look, NodeView, PodView, RsView};
use crate::engine::sorting::ListMap;
use crate::glossary::Term;

/// From this many pods on, groups show counts per state rather than one element per pod.
pub const AGGREGATE_AT: usize = 3_000;

#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    pub pods: Rc<Vec<Rc<PodView>>>,
    pub replica_sets: Rc<Vec<RsView>>,
    /// The Deployments, each drawn above its ReplicaSets.
    pub deployments: Rc<Vec<DeploymentRow>>,
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

/// A group of pods with its header: the pods are indexes into `props.pods`.
struct Group {
    key: String,
    title: Html,
    label: String,
    pods: Vec<usize>,
}

/// What the view lists, in order: a Deployment's heading or a group of pods.
enum Item<'a> {
    Deployment(&'a DeploymentRow),
    Pods(Group),
}

/// The items of one namespace (`None`: not headed, when there is only one).
struct Block<'a> {
    namespace: Option<&'a str>,
    items: Vec<Item<'a>>,
}

#[function_component(ClusterView)]
pub fn cluster_view(props: &ClusterViewProps) -> Html {
    // The pod Tab stops at: the last one focused, else the selected one, else the first.
    let cursor = use_state(|| None::<String>);
    let aggregate = props.pods.len() >= AGGREGATE_AT;
    // Fewer pods, bigger pods: a handful fills the view, a thousand still fit on one screen.
    let size = match props.pods.len() {
        0..=40 => "size-l",
        41..=300 => "size-m",
        _ => "size-s",
    };
    let blocks = if props.by_node {
        vec![Block {
            namespace: None,
            items: node_groups(props).into_iter().map(Item::Pods).collect(),
        }]
    } else {
        rs_blocks(props)
    };
    let several = blocks.len() > 1;
    // Every pod in the order drawn: what the arrow keys walk.
    let order: Rc<Vec<usize>> = Rc::new(
        blocks
            .iter()
            .flat_map(|b| &b.items)
            .flat_map(|item| match item {
                Item::Pods(g) => g.pods.as_slice(),
                Item::Deployment(_) => &[],
            })
            .copied()
            .collect(),
    );
    let key_at = |i: usize| props.pods[i].key.as_str();
    let tab_stop = [cursor.as_deref(), props.selected.as_deref()]
        .into_iter()
        .flatten()
        .find(|k| order.iter().any(|&i| key_at(i) == *k))
        .or_else(|| order.first().map(|&i| key_at(i)))
        .map(str::to_string);
    let onfocusin = {
        let cursor = cursor.clone();
        Callback::from(move |e: FocusEvent| {
            let id = e
                .target_dyn_into::<HtmlElement>()
                .map(|t| t.id())
                .unwrap_or_default();
            if let Some(key) = id.strip_prefix("pod:") {
                if cursor.as_deref() != Some(key) {
                    cursor.set(Some(key.to_string()));
                }
            }
        })
    };
    let onkeydown = {
        let pods = props.pods.clone();
        let order = order.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(to) = target_pod(&e, &pods, &order) {
                e.prevent_default();
                focus(&element_id(&pods[order[to]].key));
            }
        })
    };
    let toggle = props.on_group_by_node.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
    });
    let group = |g: &Group| {
        html! {
            <section class="group" key={g.key.clone()} aria-label={g.label.clone()}>
                <@{if several { "h5" } else { "h4" }} class="group-title">{g.title.clone()}</@>
                if aggregate {
                    { counts(g.pods.iter().map(|&i| &*props.pods[i])) }
                } else {
                    <PodStrip
                        pods={g.pods.iter().map(|&i| props.pods[i].clone()).collect::<Vec<_>>()}
                        selected={props.selected.clone()}
                        tab_stop={tab_stop.clone()}
                        label={format!("Pods of {}", g.label)}
                        on_select={props.on_select.clone()}
                    />
                }
            </section>
        }
    };
    let item = |item: &Item| match item {
        Item::Deployment(d) => html! {
            <@{if several { "h4" } else { "h3" }} class="deploy-title" key={format!("deploy:{}", d.key)}>
                <span class="kind"><Tip term={Term::Deployment}>{"Deployment"}</Tip>{" "}</span>
                <span class="name">{&d.name}</span>
                {" "}<span class="counts">{format!("· {} desired / {} ready", d.replicas, d.ready)}</span>
            </@>
        },
        Item::Pods(g) => group(g),
    };
    html! {
        <div class="cluster">
            <div class="cluster-bar">
                <h2><Tip term={Term::Pod}>{"Pods"}</Tip>{format!(" ({})", props.pods.len())}</h2>
                <label class="toggle">
                    <input type="checkbox" checked={props.by_node} onchange={toggle} />
                    {" Group by "}<Tip term={Term::Node}>{"node"}</Tip>
                </label>
            </div>
            { legend(size) }
            <p id="pod-keys" class="sr-only">{"Arrow keys move between pods; Enter opens one."}</p>
            <div class={classes!("groups", size, props.by_node.then_some("groups--nodes"), several.then_some("groups--ns"))}
                aria-describedby="pod-keys" {onkeydown} {onfocusin}>
                { for blocks.iter().map(|b| match b.namespace {
                    Some(ns) => html! {
                        <section class="ns" key={format!("ns:{ns}")} aria-label={format!("Namespace {ns}")}>
                            <h3 class="ns-title"><span class="kind"><Tip term={Term::Namespace}>{"Namespace"}</Tip>{" "}</span><span class="name">{ns}</span></h3>
                            { for b.items.iter().map(item) }
                        </section>
                    },
                    None => b.items.iter().map(item).collect::<Html>(),
                }) }
            </div>
        </div>
    }
}

/// Where a key pressed on a pod moves the focus, as a position in `order`; `None` for other
/// keys or targets.
fn target_pod(e: &KeyboardEvent, pods: &[Rc<PodView>], order: &[usize]) -> Option<usize> {
    let target = e.target_dyn_into::<HtmlElement>()?;
    let id = target.id();
    let key = id.strip_prefix("pod:")?;
    let at = order.iter().position(|&i| pods[i].key == key)?;
    let last = order.len() - 1;
    Some(match e.key().as_str() {
        "ArrowRight" => (at + 1).min(last),
        "ArrowLeft" => at.saturating_sub(1),
        "Home" => 0,
        "End" => last,
        "ArrowDown" => match row_step(&target, true) {
            Ok(id) => order.iter().position(|&i| element_id(&pods[i].key) == id)?,
            Err(passed) => (at + passed + 1).min(last),
        },
        "ArrowUp" => match row_step(&target, false) {
            Ok(id) => order.iter().position(|&i| element_id(&pods[i].key) == id)?,
            Err(passed) => at.saturating_sub(passed + 1),
        },
        _ => return None,
    })
}

/// The id of the pod below (or above) `from` among its group's pods as laid out: in the next
/// row, the first at or past its column (the row's last when it is shorter). `Err(n)` when
/// `from` is in its group's last (first) row, with the `n` pods between it and the group's end.
fn row_step(from: &HtmlElement, down: bool) -> Result<String, usize> {
    let (top, left) = (from.offset_top(), from.offset_left());
    let step = |el: &HtmlElement| {
        if down {
            el.next_element_sibling()
        } else {
            el.previous_element_sibling()
        }
        .and_then(|s| s.dyn_into::<HtmlElement>().ok())
    };
    let (mut next, mut passed, mut row, mut best) = (step(from), 0, None, None);
    while let Some(el) = next {
        let (t, l) = (el.offset_top(), el.offset_left());
        if t != top {
            if row.is_some_and(|r| r != t) {
                break;
            }
            row = Some(t);
            best = Some(el.id());
            if (down && l >= left) || (!down && l <= left) {
                break;
            }
        }
        passed += 1;
        next = step(&el);
    }
    best.ok_or(passed)
}

/// Moves the keyboard focus to the element with this id.
fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        // A pod that is gone keeps the focus where it was.
        let _ = el.focus();
    }
}

/// The pods by ReplicaSet, each Deployment's heading above its ReplicaSets, by namespace when
/// there are several; pods without a Deployment last.
fn rs_blocks(props: &ClusterViewProps) -> Vec<Block<'_>> {
    let mut by_rs: ListMap<&str, Vec<usize>> = ListMap::default();
    for (i, pod) in props.pods.iter().enumerate() {
        by_rs.entry(pod.rs_key.as_str()).push(i);
    }
    let namespaces: Vec<&str> = {
        let mut seen: Vec<&str> = Vec::new();
        for ns in props
            .deployments
            .iter()
            .map(|d| d.namespace.as_str())
            .chain(props.pods.iter().map(|p| p.namespace()))
        {
            if !seen.contains(&ns) {
                seen.push(ns);
            }
        }
        seen
    };
    let headed = namespaces.len() > 1;
    let mut blocks: Vec<Block> = Vec::new();
    for d in props.deployments.iter() {
        let namespace = headed.then_some(d.namespace.as_str());
        let mut items = vec![Item::Deployment(d)];
        // ReplicaSets scaled to zero with no pod left (kept only as rollout history) draw nothing.
        for rs in props
            .replica_sets
            .iter()
            .filter(|rs| rs.deployment == d.key)
        {
            let pods = by_rs.take(rs.key.as_str());
            if rs.desired > 0 || !pods.is_empty() {
                items.push(Item::Pods(rs_group(rs, pods)));
            }
        }
        match blocks.last_mut() {
            Some(block) if block.namespace == namespace => block.items.extend(items),
            _ => blocks.push(Block { namespace, items }),
        }
    }
    // Pods of a ReplicaSet no Deployment owns, or of none, under their namespace.
    let orphans: Vec<usize> = by_rs.into_values().flatten().collect();
    for ns in &namespaces {
        let pods: Vec<usize> = orphans
            .iter()
            .copied()
            .filter(|&i| props.pods[i].namespace() == *ns)
            .collect();
        if pods.is_empty() {
            continue;
        }
        let namespace = headed.then_some(*ns);
        let group = Item::Pods(Group {
            key: format!("-orphans:{ns}"),
            title: html! { {"Pods without a Deployment"} },
            label: "Pods without a Deployment".into(),
            pods,
        });
        match blocks.iter_mut().find(|b| b.namespace == namespace) {
            Some(block) => block.items.push(group),
            None => blocks.push(Block {
                namespace,
                items: vec![group],
            }),
        }
    }
    blocks
}

/// The group of one ReplicaSet, headed "ReplicaSet web-5d5d · revision 2 · nginx:1.26 ·
/// 3 desired / 2 ready".
fn rs_group(rs: &RsView, pods: Vec<usize>) -> Group {
    Group {
        key: rs.key.clone(),
        title: html! {
            <>
                <span class={classes!("swatch", colour_class(rs.colour))} aria-hidden="true"></span>
                <span class="kind">{" "}<Tip term={Term::ReplicaSet}>{"ReplicaSet"}</Tip>{" "}</span>
                <span class="name">{&rs.name}</span>
                <span class="rs-detail">
                    <span class="sep">{" · "}</span>
                    <Tip term={Term::Revision}>{"revision"}</Tip>
                    {format!(" {} · ", rs.revision)}
                    <code class="image">{&rs.images}</code>
                    {" "}<span class="counts">{format!("· {} desired / {} ready", rs.desired, rs.ready)}</span>
                </span>
            </>
        },
        label: format!(
            "ReplicaSet {}, revision {}: {}, {} desired, {} ready",
            shown(&rs.key),
            rs.revision,
            rs.images,
            rs.desired,
            rs.ready
        ),
        pods,
    }
}

fn node_groups(props: &ClusterViewProps) -> Vec<Group> {
    let mut by_node: ListMap<&str, Vec<usize>> = ListMap::default();
    for (i, pod) in props.pods.iter().enumerate() {
        by_node.entry(pod.node.as_deref().unwrap_or("")).push(i);
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
            let onclick = props.on_run.reform({
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
                pods: by_node.take(node.name.as_str()),
            }
        })
        .collect();
    let unscheduled: Vec<usize> = by_node.into_values().flatten().collect();
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

/// A group's pods as counts per state and revision (for very large clusters).
fn counts<'a>(pods: impl Iterator<Item = &'a PodView>) -> Html {
    let mut counts: ListMap<(Look, i64), (usize, Option<usize>)> = ListMap::default();
    for pod in pods {
        let (n, colour) = counts.entry((pod.look, pod.revision));
        if *n == 0 {
            *colour = pod.colour;
        }
        *n += 1;
    }
    html! {
        <ul class="counts-list">
            { for counts.into_entries().into_iter().map(|((look, revision), (n, colour))| html! {
                <li>
                    <span class={classes!("pod", "pod--sample", look.pod_class(), colour_class(colour))} aria-hidden="true"></span>
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

/// The key to the pod shapes, each state with its explanation; drawn small when the pods are
/// (small pods show some states more simply).
fn legend(size: &'static str) -> Html {
    html! {
        <ul class={classes!("legend", (size == "size-s").then_some(size))} aria-label="Legend">
            { for Look::ALL.iter().map(|look| html! {
                <li>
                    <span class={classes!("pod", "pod--sample", look.pod_class(), "cx")} aria-hidden="true"></span>
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
