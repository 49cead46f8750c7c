//! The console: type a kubectl command, Enter runs it, ArrowUp/ArrowDown recall earlier ones,
//! Tab completes (`kubectl::complete`; only when there is something to complete, so that Tab
//! otherwise moves the focus on as usual). The output shows each command, the user's and the
//! scenario's own (tagged "scenario"), with kubectl's exact output, errors styled apart; table
//! lines never wrap (the output scrolls sideways), and "Wide" gives the console the page's
//! width. A command that would discard history (`state::Pending`) is asked about inline first:
//! Run or Cancel (Escape), the focus on Cancel. A command that reads waits for the reader
//! (`crate::reader`) to print it, shown as "…" until it answers; if the reader cannot be loaded,
//! the entry says so.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Command, ConsoleEntry, Pending};
use crate::kubectl::complete::Completion;

/// What an entry waiting for a reader that could not be loaded shows.
const READER_FAILED: &str = "error: the part of the page that prints get, describe and rollout output could not be loaded; reload the page to try again\n";

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub entries: Rc<Vec<ConsoleEntry>>,
    /// Earlier commands, oldest first.
    pub commands: Rc<Vec<String>>,
    /// The Deployment the hint suggests commands for (`deployment/web`, plus ` -n NS`).
    pub target: Option<String>,
    pub on_run: Callback<Command>,
    /// The command waiting to be confirmed, if any.
    pub pending: Option<Rc<Pending>>,
    /// The reader could not be loaded (`State::reader_failed`).
    pub reader_failed: bool,
    /// The command line took the focus: the reader is loaded, ready for the first read.
    pub on_focus: Callback<()>,
    /// Run it (`true`) or cancel it.
    pub on_confirm: Callback<bool>,
    /// What Tab does to a line with the cursor at a byte offset (`State::complete`).
    pub complete: Callback<(String, usize), Option<Completion>>,
}

/// The byte offset of the UTF-16 offset `at` in `text` (what the browser's selection counts).
fn byte_offset(text: &str, at: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= at as usize {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 offset of the byte offset `at` in `text`.
fn utf16_offset(text: &str, at: usize) -> u32 {
    text[..at.min(text.len())].encode_utf16().count() as u32
}

/// Where ArrowUp (`older = true`) or ArrowDown moves the recall cursor in a history of `len`
/// commands. `None` is the line being typed (below the newest command).
pub fn recall(cursor: Option<usize>, len: usize, older: bool) -> Option<usize> {
    match (cursor, older) {
        _ if len == 0 => None,
        (None, true) => Some(len - 1),
        (Some(i), true) => Some(i.saturating_sub(1)),
        (None, false) => None,
        (Some(i), false) => (i + 1 < len).then_some(i + 1),
    }
}

#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let draft = use_state(String::new);
    let cursor = use_state(|| None::<usize>);
    let candidates = use_state(Vec::<String>::new);
    let wide = use_state(|| false);
    // Where the caret goes once a completed line is drawn (a UTF-16 offset).
    let caret = use_mut_ref(|| None::<u32>);
    let output = use_node_ref();
    {
        let output = output.clone();
        use_effect_with(props.entries.clone(), move |_| {
            if let Some(el) = output.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let input = use_node_ref();
    {
        let (input, caret) = (input.clone(), caret.clone());
        use_effect(move || {
            if let (Some(at), Some(el)) =
                (caret.borrow_mut().take(), input.cast::<HtmlInputElement>())
            {
                let _ = el.set_selection_range(at, at);
            }
        });
    }
    let cancel = use_node_ref();
    {
        let cancel = cancel.clone();
        use_effect_with(props.pending.clone(), move |pending| {
            if let (Some(_), Some(el)) = (pending, cancel.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
        });
    }
    // Answering hands the keyboard back to the command line.
    let answer = |run: bool| {
        let (on_confirm, input) = (props.on_confirm.clone(), input.clone());
        move || {
            on_confirm.emit(run);
            if let Some(el) = input.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    let confirm = props.pending.as_ref().map(|pending| {
        let (run, no, escape) = (answer(true), answer(false), answer(false));
        let onkeydown = move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                escape();
            }
        };
        html! {
            <div class="confirm" role="alertdialog" aria-labelledby="confirm-q" {onkeydown}>
                <p id="confirm-q"><code>{&pending.command.line}</code>{" "}{pending.question()}</p>
                <button type="button" class="primary" onclick={move |_| run()}>{"Run"}</button>
                <button type="button" ref={cancel.clone()} onclick={move |_| no()}>{"Cancel"}</button>
            </div>
        }
    });
    let oninput = {
        let (draft, cursor, candidates) = (draft.clone(), cursor.clone(), candidates.clone());
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlInputElement>().value());
            cursor.set(None);
            candidates.set(Vec::new());
        })
    };
    let onkeydown = {
        let (draft, cursor, commands, on_run) = (
            draft.clone(),
            cursor.clone(),
            props.commands.clone(),
            props.on_run.clone(),
        );
        let (complete, candidates, caret) =
            (props.complete.clone(), candidates.clone(), caret.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Tab" if !e.shift_key() && !e.alt_key() && !e.ctrl_key() && !e.meta_key() => {
                let el = e.target_unchecked_into::<HtmlInputElement>();
                let line = el.value();
                let at = el
                    .selection_start()
                    .ok()
                    .flatten()
                    .map_or(line.len(), |at| byte_offset(&line, at));
                // nothing to complete: Tab moves the focus on, as everywhere else
                if let Some(done) = complete.emit((line, at)) {
                    e.prevent_default();
                    *caret.borrow_mut() = Some(utf16_offset(&done.line, done.cursor));
                    candidates.set(done.candidates);
                    draft.set(done.line);
                }
            }
            "Enter" => {
                e.prevent_default();
                candidates.set(Vec::new());
                if !draft.trim().is_empty() {
                    on_run.emit(Command::line(draft.trim()));
                }
                draft.set(String::new());
                cursor.set(None);
            }
            key @ ("ArrowUp" | "ArrowDown") => {
                e.prevent_default();
                let next = recall(*cursor, commands.len(), key == "ArrowUp");
                draft.set(next.map(|i| commands[i].clone()).unwrap_or_default());
                cursor.set(next);
            }
            _ => {}
        })
    };
    let on_wide = {
        let wide = wide.clone();
        Callback::from(move |_: MouseEvent| wide.set(!*wide))
    };
    html! {
        <section class={classes!("panel", "console", wide.then_some("console--wide"))} aria-labelledby="console-title">
            <div class="console-head">
                <h2 id="console-title">{"Console"}</h2>
                <button type="button" class="small" aria-pressed={wide.to_string()} onclick={on_wide}
                    title="Give the console the page's width">{"Wide"}</button>
            </div>
            <div class="console-output" data-testid="console-output" role="log" aria-live="polite" aria-label="Console output" tabindex="0" ref={output}>
                if props.entries.is_empty() {
                    <p class="hint">{"Try "}<code>{"kubectl get pods"}</code>
                        if let Some(target) = &props.target {
                            {", "}<code>{format!("kubectl rollout status {target}")}</code>
                            {" or "}<code>{format!("kubectl describe {target}")}</code>
                        }
                        {"."}</p>
                }
                { for props.entries.iter().map(|entry| html! {
                    <div class="entry">
                        <div class="cmd"><span class="prompt" aria-hidden="true">{"$ "}</span>{&entry.command}
                            <span class="at">{format!("  (t={}s)", entry.tick)}</span>
                            if entry.scripted { <span class="tag" title="Run by the scenario file">{"scenario"}</span> }</div>
                        if let Some(stdin) = &entry.stdin {
                            <details class="stdin"><summary>{"stdin"}</summary><pre>{stdin}</pre></details>
                        }
                        if entry.reader.is_none() {
                            <pre class={classes!("out", (!entry.ok).then_some("err"))}>{&entry.output}</pre>
                        } else if props.reader_failed {
                            <pre class="out err">{READER_FAILED}</pre>
                        } else {
                            <pre class="out waiting" aria-busy="true">{"…"}</pre>
                        }
                    </div>
                }) }
            </div>
            <div class="console-input">
                <span class="prompt" aria-hidden="true">{"$"}</span>
                <input
                    ref={input}
                    type="text"
                    aria-label="kubectl command"
                    aria-describedby="console-help"
                    placeholder="kubectl get pods"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    value={(*draft).clone()}
                    onfocus={props.on_focus.reform(|_| ())}
                    {oninput}
                    {onkeydown}
                />
            </div>
            if !candidates.is_empty() {
                <p class="candidates" data-testid="completions" aria-live="polite">
                    { for candidates.iter().map(|c| html! { <code>{c}</code> }) }
                </p>
            }
            <p id="console-help" class="hint">{"Tab completes commands, names and flags (with nothing to complete, it moves on)."}</p>
            {confirm}
        </section>
    }
}
