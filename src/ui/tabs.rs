//! The tabs below the story area (`TabList`, `TabPanel`): the console, the YAML, the `kubectl get`
//! tables, conditions and events and the rollout history, one click away (the scenario picker
//! is in the top bar). A WAI-ARIA
//! tablist: the arrow keys, Home and End move between tabs (and open them), only the open tab is a
//! Tab stop. Every panel stays mounted while hidden, so that what is being typed in one survives
//! a look at another. Which tab is open is `State::tab`, saved with the session.

use serde::{Serialize, Serializer};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A tab. Its `name` is the panel's id, which the embed contract's panel names (`console`,
/// `yaml`) reuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Console,
    Yaml,
    Tables,
    Events,
    History,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Tab; 5] = [
        Tab::Console,
        Tab::Yaml,
        Tab::Tables,
        Tab::Events,
        Tab::History,
    ];

    /// The panel's id, and what the saved session holds.
    pub fn name(self) -> &'static str {
        match self {
            Tab::Console => "console",
            Tab::Yaml => "yaml",
            Tab::Tables => "tables",
            Tab::Events => "events",
            Tab::History => "history",
        }
    }

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Console => "Console",
            Tab::Yaml => "YAML",
            Tab::Tables => "kubectl get",
            Tab::Events => "Conditions & events",
            Tab::History => "History",
        }
    }

    /// The tab of a `name`.
    pub fn parse(name: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The tab `delta` places further along, wrapping around.
    fn moved(self, delta: usize) -> Tab {
        let at = Tab::ALL.iter().position(|&t| t == self).unwrap_or(0);
        Tab::ALL[(at + delta) % Tab::ALL.len()]
    }
}

impl Serialize for Tab {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The row of tabs, `selected` open; `on_select` gets the tab clicked or reached with the arrow
/// keys.
pub fn tab_list(selected: Tab, on_select: &Callback<Tab>) -> Html {
    let onkeydown = {
        let on_select = on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = Tab::ALL.len();
            let next = match e.key().as_str() {
                "ArrowRight" => selected.moved(1),
                "ArrowLeft" => selected.moved(n - 1),
                "Home" => Tab::ALL[0],
                "End" => Tab::ALL[n - 1],
                _ => return,
            };
            e.prevent_default();
            on_select.emit(next);
            let tab = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", next.name())))
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(tab) = tab {
                let _ = tab.focus();
            }
        })
    };
    html! {
        <div class="tablist" role="tablist" aria-label="More panels" {onkeydown}>
            { for Tab::ALL.into_iter().map(|tab| {
                let on = tab == selected;
                let onclick = on_select.reform(move |_: MouseEvent| tab);
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", tab.name())}
                        aria-selected={on.to_string()} aria-controls={tab.name()}
                        tabindex={if on { "0" } else { "-1" }} {onclick}>
                        {tab.label()}
                    </button>
                }
            }) }
        </div>
    }
}

/// One tab's panel, holding `children`: hidden, not unmounted, while another tab is open.
pub fn tab_panel(tab: Tab, selected: Tab, children: Html) -> Html {
    let name = tab.name();
    html! {
        <div class="tab-panel" role="tabpanel" id={name} aria-labelledby={format!("tab-{name}")}
            hidden={tab != selected}>
            {children}
        </div>
    }
}
