//! A Kubernetes word with its explanation (`crate::glossary`) in a tooltip, shown on hover and on
//! keyboard focus: `<Tip term={Term::MaxSurge}>{"maxSurge"}</Tip>`. The word is a Tab stop
//! described by the tooltip (`aria-describedby`, `role="tooltip"`); with `control` the child (a
//! button) is the one described instead. The pointer may move onto the tooltip; Escape hides it
//! until the next hover or focus (WCAG 1.4.13). The tooltip lives at the end of `<body>` (a
//! portal), placed in the viewport with `position: fixed`: no scrolling box clips it, it never
//! runs off the right edge, and its text is no part of the label, heading or table cell the word
//! is in. Terms go on labels and headings, never on each pod.

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
        format!("bottom:{}px", height - rect.top() as i32)
    } else {
        format!("top:{}px", rect.bottom() as i32)
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
    // Shown while the pointer is over the word or the tooltip, or the keyboard focus on the word.
    let (over_word, over_tip, focused) = (
        use_state(|| false),
        use_state(|| false),
        use_state(|| false),
    );
    let style = use_state(|| None::<String>);
    let wrapper = use_node_ref();
    let first = {
        let wrapper = wrapper.clone();
        move || {
            wrapper
                .cast::<Element>()
                .and_then(|w| w.first_element_child())
        }
    };
    // A control made elsewhere is described through the DOM: its props are the caller's.
    {
        let first = first.clone();
        use_effect_with((props.control, (*id).clone()), move |(control, id)| {
            if let (true, Some(first)) = (*control, first()) {
                let _ = first.set_attribute("aria-describedby", id);
            }
        });
    }
    let show = {
        let style = style.clone();
        move |flag: &UseStateHandle<bool>, on: bool| {
            if on {
                tips_on();
                if let Some(first) = first() {
                    style.set(placement(&first));
                }
            }
            flag.set(on);
        }
    };
    let hover = |on: bool| {
        let (show, flag) = (show.clone(), over_word.clone());
        Callback::from(move |_: MouseEvent| show(&flag, on))
    };
    let hover_tip = |on: bool| {
        let flag = over_tip.clone();
        Callback::from(move |_: MouseEvent| flag.set(on))
    };
    // Focus by the keyboard shows it; a click on a button shows it only while hovered.
    let focus = |on: bool| {
        let (show, flag) = (show.clone(), focused.clone());
        Callback::from(move |e: FocusEvent| {
            let target = e.target_unchecked_into::<Element>();
            show(
                &flag,
                on && target.matches(":focus-visible").unwrap_or(true),
            );
        })
    };
    let shown = *over_word || *over_tip || *focused;
    let tip = html! {
        <span class="tip" role="tooltip" id={(*id).clone()} hidden={!shown} style={(*style).clone()}
            onmouseenter={hover_tip(true)} onmouseleave={hover_tip(false)}>
            {props.term.entry().short}
        </span>
    };
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body());
    html! {
        <span class="term" ref={wrapper} onmouseenter={hover(true)} onmouseleave={hover(false)}
            onfocusin={focus(true)} onfocusout={focus(false)}>
            if props.control {
                {props.children.clone()}
            } else {
                <span class="term-word" tabindex="0" aria-describedby={(*id).clone()}>{props.children.clone()}</span>
            }
            if let Some(body) = body {
                {create_portal(tip, body.into())}
            }
        </span>
    }
}
