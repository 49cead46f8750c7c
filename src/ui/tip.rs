//! A Kubernetes word with its explanation (`crate::glossary`) in a tooltip, shown on hover and on
//! keyboard focus: `<Tip term={Term::MaxSurge}>{"maxSurge"}</Tip>`. The word is a Tab stop
//! described by the tooltip (`aria-describedby`, `role="tooltip"`); with `control` the child (a
//! button) is the one described instead. CSS shows it, Escape hides it until the next hover or
//! focus. The tooltip is placed in the viewport (`position: fixed`), so that
//! no scrolling box clips it and it never runs off the right edge. Terms go on labels and
//! headings, never on each pod.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::glossary::Term;

/// The class on `<html>` that hides every tooltip (set by Escape).
const TIPS_OFF: &str = "tips-off";

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    static ESCAPE_LISTENED: Cell<bool> = const { Cell::new(false) };
}

#[derive(Properties, PartialEq)]
pub struct TipProps {
    pub term: Term,
    /// The word as the page shows it ("maxSurge", "REVISION", "desired"...), or with `control`
    /// the one control (a button) that the explanation describes.
    pub children: Html,
    /// The children are a control, already a Tab stop: it gets the `aria-describedby`.
    #[prop_or_default]
    pub control: bool,
}

fn root() -> Option<Element> {
    web_sys::window()?.document()?.document_element()
}

/// Shows tooltips again, and listens once per page for Escape, which hides them (WCAG 1.4.13:
/// dismissible without moving the pointer or the focus).
fn tips_on() {
    let Some(root) = root() else { return };
    let _ = root.class_list().remove_1(TIPS_OFF);
    if ESCAPE_LISTENED.replace(true) {
        return;
    }
    let classes = root.class_list();
    let on_key = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            let _ = classes.add_1(TIPS_OFF);
        }
    });
    let _ = root.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    on_key.forget();
}

/// Where the tooltip of a word goes: under it (above it in the lower part of the viewport),
/// shifted left as far as needed to stay in the viewport.
fn placement(word: &Element) -> Option<String> {
    let root = root()?;
    let (width, height) = (root.client_width(), root.client_height());
    let rect = word.get_bounding_client_rect();
    let max = 300.min(width - 16);
    let left = (rect.left() as i32).min(width - 8 - max).max(8);
    let vertical = if rect.bottom() as i32 > height * 3 / 5 {
        format!("bottom:{}px", height - rect.top() as i32 + 2)
    } else {
        format!("top:{}px", rect.bottom() as i32 + 2)
    };
    Some(format!("left:{left}px;{vertical};max-width:{max}px"))
}

#[function_component(Tip)]
pub fn tip(props: &TipProps) -> Html {
    let id = use_state(|| {
        format!(
            "tip{}",
            NEXT_ID.with(|n| {
                n.set(n.get() + 1);
                n.get()
            })
        )
    });
    let style = use_state(|| None::<String>);
    let wrapper = use_node_ref();
    // A control made elsewhere is described through the DOM: its props are the caller's.
    {
        let wrapper = wrapper.clone();
        use_effect_with((props.control, (*id).clone()), move |(control, id)| {
            let first = wrapper
                .cast::<Element>()
                .and_then(|w| w.first_element_child());
            if let (true, Some(first)) = (*control, first) {
                let _ = first.set_attribute("aria-describedby", id);
            }
        });
    }
    let show = {
        let (style, wrapper) = (style.clone(), wrapper.clone());
        Callback::from(move |()| {
            tips_on();
            if let Some(first) = wrapper
                .cast::<Element>()
                .and_then(|w| w.first_element_child())
            {
                style.set(placement(&first));
            }
        })
    };
    html! {
        <span class="term" ref={wrapper} onmouseenter={show.reform(|_: MouseEvent| ())}
            onfocusin={show.reform(|_: FocusEvent| ())}>
            if props.control {
                {props.children.clone()}
            } else {
                <span class="term-word" tabindex="0" aria-describedby={(*id).clone()}>{props.children.clone()}</span>
            }
            <span class="tip" role="tooltip" id={(*id).clone()} style={(*style).clone()}>{props.term.entry().short}</span>
        </span>
    }
}
