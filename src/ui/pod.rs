//! The pods of one group of the cluster view, drawn straight into the page rather than through
//! Yew's virtual DOM, and changed a slice at a time. A rollout step of a 1,000-replica Deployment
//! adds, removes and changes about 900 pod elements at once; done in one frame, the script and
//! the style and layout work that follows take about 100 ms, and the animation stutters. Here
//! each `PodStrip` keeps the elements it drew (`Strip::drawn`) and what it should show
//! (`Target`), and `frames` brings the one to the other: `AT_ONCE` element changes as soon as
//! the props change (a click, a few pods getting Ready: drawn in the same frame), then at most
//! `FRAME_BUDGET` per animation frame (a rollout step of a thousand pods: about ten frames).
//!
//! Each pod is a small `<button>` whose shape, outline and glyph say its state and whose colour
//! says its ReplicaSet; CSS transitions animate the changes up to 300 pods. Only one pod
//! of the view is a Tab stop (`tab_stop`); the cluster view moves between them with the arrow
//! keys, by their element ids (`element_id`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use super::view::{ByUid, PodView};

/// The most element changes (create, remove or update one pod) drawn in one animation frame:
/// with a thousand pods on the page, about 3 ms of script, then the browser's style, layout and
/// paint.
pub const FRAME_BUDGET: usize = 100;

/// The most drawn at once, when the strip's props change (a click, a few pods getting Ready):
/// a large change waits for the next frames, out of the tick that made it.
pub const AT_ONCE: usize = 24;

/// The CSS class of a palette slot (`c0`..`c6`, or `cx` for none): a ReplicaSet's colour.
pub fn colour_class(slot: Option<usize>) -> &'static str {
    const CLASSES: [&str; 8] = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "cx"];
    CLASSES[slot.map_or(7, |slot| slot.min(7))]
}

/// The element id of a pod (`pod:namespace/name`), by which the arrow keys find it.
pub fn element_id(key: &str) -> String {
    format!("pod:{key}")
}

/// `"true"` or `"false"`, without allocating.
fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

#[derive(Properties)]
pub struct PodStripProps {
    /// The group's pods, in the order drawn.
    pub pods: Vec<Rc<PodView>>,
    /// The selected pod's `namespace/name`.
    pub selected: Option<String>,
    /// The pod where Tab stops (one in the whole view).
    pub tab_stop: Option<String>,
    /// The group's accessible name ("Pods of ReplicaSet ...").
    pub label: AttrValue,
    /// Emits the `namespace/name` of the pod clicked (or activated with Enter or Space).
    pub on_select: Callback<String>,
}

/// The pods compare by pointer: `View::of` keeps the `Rc` of an unchanged pod, so this is
/// enough to see that nothing changed, and cheaper than comparing a thousand pods' fields.
impl PartialEq for PodStripProps {
    fn eq(&self, other: &Self) -> bool {
        self.pods.len() == other.pods.len()
            && self
                .pods
                .iter()
                .zip(&other.pods)
                .all(|(a, b)| Rc::ptr_eq(a, b))
            && self.selected == other.selected
            && self.tab_stop == other.tab_stop
            && self.label == other.label
            && self.on_select == other.on_select
    }
}

/// A group's pods: a `role="group"` element that this module fills, a slice per frame. A
/// struct component, whose `rendered` hands each new set of props to the strip (hooks would cost
/// the bundle more).
pub struct PodStrip {
    host: NodeRef,
    strip: Rc<Strip>,
}

impl Component for PodStrip {
    type Message = ();
    type Properties = PodStripProps;

    fn create(_: &Context<Self>) -> Self {
        PodStrip {
            host: NodeRef::default(),
            strip: Rc::default(),
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        // One listener for the group: the pod is the button the click landed on.
        let on_select = ctx.props().on_select.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            let pod = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("[data-testid=pod]").ok().flatten());
            if let Some(key) = pod.and_then(|p| p.id().strip_prefix("pod:").map(str::to_string)) {
                on_select.emit(key);
            }
        });
        html! {
            <div class="pods" role="group" aria-label={ctx.props().label.clone()}
                ref={self.host.clone()} {onclick}></div>
        }
    }

    /// After each render (the props changed: they are compared), the strip draws them.
    fn rendered(&mut self, ctx: &Context<Self>, _first: bool) {
        let props = ctx.props();
        if let Some(host) = self.host.cast::<Element>() {
            self.strip.target.replace(Some(Rc::new(Target::new(
                host,
                props.pods.clone(),
                props.selected.clone(),
                props.tab_stop.clone(),
            ))));
            frames::schedule(&self.strip);
        }
    }
}

/// What a strip should show: its host element and pods, which is selected and where Tab stops.
struct Target {
    host: Element,
    pods: Vec<Rc<PodView>>,
    /// To find a pod drawn before among `pods`.
    by_uid: ByUid,
    selected: Option<String>,
    tab_stop: Option<String>,
}

/// One pod element as drawn, with what it was drawn from.
struct Drawn {
    pod: Rc<PodView>,
    /// Its position in the target, as of the last frame that drew it.
    at: Option<usize>,
    label: String,
    selected: bool,
    tab_stop: bool,
    element: Element,
}

/// One group's pods: what they should look like, and what is drawn. Two cells, so that a new
/// target can be set while the old one is being drawn.
#[derive(Default)]
struct Strip {
    target: RefCell<Option<Rc<Target>>>,
    /// The elements drawn, in their order in the page (the host is the component's own).
    drawn: RefCell<Vec<Drawn>>,
}

impl Strip {
    /// Brings the drawn elements closer to the target, spending at most `budget` element
    /// changes. Returns whether the strip now shows its target.
    fn draw(&self, budget: &mut usize) -> bool {
        let Some(target) = self.target.borrow().clone() else {
            return true;
        };
        let Ok(mut drawn) = self.drawn.try_borrow_mut() else {
            return false;
        };
        let Some(document) = target.host.owner_document() else {
            return true;
        };
        // First the pods that are gone, or out of the target's order (a pod that moved is
        // drawn anew), are removed: what stays is in the target's order.
        let (mut last, mut incomplete) = (None, false);
        drawn.retain_mut(|d| {
            d.at = target.position(&d.pod);
            if d.at.is_some() && d.at > last {
                last = d.at;
                return true;
            }
            if *budget == 0 {
                incomplete = true;
                return true;
            }
            d.element.remove();
            *budget -= 1;
            false
        });
        if incomplete {
            return false;
        }
        // Then, in the target's order, each pod in its place is updated, or created there.
        for (at, pod) in target.pods.iter().enumerate() {
            // Out of budget: the next frame goes on (and finds nothing left if this was all).
            if *budget == 0 {
                return false;
            }
            let selected = target.selected.as_ref() == Some(&pod.key);
            let tab_stop = target.tab_stop.as_ref() == Some(&pod.key);
            if drawn.get(at).is_some_and(|d| d.at == Some(at)) {
                if update(&mut drawn[at], pod, selected, tab_stop) {
                    *budget -= 1;
                }
                continue;
            }
            *budget -= 1;
            let Some(mut entry) = create(&document, pod, selected, tab_stop) else {
                return true;
            };
            entry.at = Some(at);
            let next = drawn.get(at).map(|d| d.element.unchecked_ref());
            let _ = target.host.insert_before(&entry.element, next);
            drawn.insert(at, entry);
        }
        true
    }
}

impl Target {
    fn new(
        host: Element,
        pods: Vec<Rc<PodView>>,
        selected: Option<String>,
        tab_stop: Option<String>,
    ) -> Self {
        let by_uid = ByUid::of(&pods);
        Target {
            host,
            pods,
            by_uid,
            selected,
            tab_stop,
        }
    }

    /// Where this pod (the same uid and name) is in the target, if it is.
    fn position(&self, pod: &PodView) -> Option<usize> {
        let at = self.by_uid.find(&self.pods, pod.uid)?;
        (self.pods[at].key == pod.key).then_some(at)
    }
}

/// What a pod's class attribute says: its shape (state), colour and selection.
fn class_of(pod: &PodView, selected: bool) -> String {
    let mut class = format!("pod {} {}", pod.look.pod_class(), colour_class(pod.colour));
    if selected {
        class.push_str(" pod--selected");
    }
    class
}

/// A new pod element. `None` when the page cannot make one (no document).
fn create(
    document: &web_sys::Document,
    pod: &Rc<PodView>,
    selected: bool,
    tab_stop: bool,
) -> Option<Drawn> {
    let element = document.create_element("button").ok()?;
    for (name, value) in [
        ("type", "button"),
        ("data-testid", "pod"),
        ("id", &element_id(&pod.key)),
    ] {
        let _ = element.set_attribute(name, value);
    }
    let mut drawn = Drawn {
        pod: pod.clone(),
        at: None,
        label: String::new(),
        selected,
        tab_stop,
        element,
    };
    write(&mut drawn, pod, selected, tab_stop, true);
    Some(drawn)
}

/// Rewrites what changed of a drawn pod's attributes; whether anything did.
fn update(drawn: &mut Drawn, pod: &Rc<PodView>, selected: bool, tab_stop: bool) -> bool {
    if Rc::ptr_eq(&drawn.pod, pod) && drawn.selected == selected && drawn.tab_stop == tab_stop {
        return false;
    }
    write(drawn, pod, selected, tab_stop, false)
}

/// Writes a pod's attributes: those that differ from what `drawn` shows, or all when `fresh`.
fn write(
    drawn: &mut Drawn,
    pod: &Rc<PodView>,
    selected: bool,
    tab_stop: bool,
    fresh: bool,
) -> bool {
    let (old, el) = (&*drawn.pod, &drawn.element);
    let mut changed = false;
    let mut set = |name: &str, value: &str| {
        let _ = el.set_attribute(name, value);
        changed = true;
    };
    let new_selection = fresh || drawn.selected != selected;
    if new_selection || old.look != pod.look || old.colour != pod.colour {
        set("class", &class_of(pod, selected));
    }
    if fresh || old.phase != pod.phase {
        set("data-phase", pod.phase.as_str());
    }
    if fresh || old.ready != pod.ready {
        set("data-ready", flag(pod.ready));
    }
    if fresh || old.revision != pod.revision {
        set("data-revision", &pod.revision.to_string());
    }
    // A pod's ReplicaSet is its own for life.
    if fresh {
        set("data-rs", &pod.rs);
    }
    if new_selection {
        set("aria-pressed", flag(selected));
    }
    if fresh || drawn.tab_stop != tab_stop {
        set("tabindex", if tab_stop { "0" } else { "-1" });
    }
    let label = pod.label();
    if label != drawn.label {
        set("title", &label);
        set("aria-label", &label);
        drawn.label = label;
    }
    drawn.pod = pod.clone();
    drawn.selected = selected;
    drawn.tab_stop = tab_stop;
    changed
}

/// The strips waiting to be drawn, and the animation frame that draws them.
mod frames {
    use super::*;

    thread_local! {
        /// Held until drawn: a strip whose group is gone meanwhile draws into a detached element.
        static PENDING: RefCell<Vec<Rc<Strip>>> = const { RefCell::new(Vec::new()) };
        static REQUESTED: Cell<bool> = const { Cell::new(false) };
        static CALLBACK: Closure<dyn FnMut()> = Closure::new(|| frame(FRAME_BUDGET));
    }

    /// Draws `AT_ONCE` changes now, and asks for frames until `strip` shows its target.
    pub(super) fn schedule(strip: &Rc<Strip>) {
        PENDING.with_borrow_mut(|pending| {
            if !pending.iter().any(|p| Rc::ptr_eq(p, strip)) {
                pending.push(strip.clone());
            }
        });
        if !REQUESTED.get() {
            frame(AT_ONCE);
        }
    }

    /// Draws the pending strips, in the order they asked, within `budget` element changes.
    fn frame(mut budget: usize) {
        REQUESTED.set(false);
        let mut left = PENDING.take();
        left.retain(|strip| budget == 0 || !strip.draw(&mut budget));
        // Those left go first next frame, then any that asked meanwhile.
        let more = PENDING.with_borrow_mut(|pending| {
            left.append(pending);
            *pending = left;
            !pending.is_empty()
        });
        if more {
            if let Some(window) = web_sys::window() {
                REQUESTED.set(true);
                CALLBACK.with(|callback| {
                    let _ = window.request_animation_frame(callback.as_ref().unchecked_ref());
                });
            }
        }
    }
}
