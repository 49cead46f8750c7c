//! Keeping the session across reloads (localStorage) and deciding how the app opens.
//!
//! What is saved is small and replayable: the scenario as opened and with every action so far
//! (as YAML), the tick shown, the speed, whether it was playing and presenter mode; and the tab
//! open below the story area. Reopening replays the
//! scenario to that tick, which reproduces the same state exactly because the engine is
//! deterministic.
//!
//! A returning visitor (a saved session, and no share link in the address) is asked first:
//! the session opens paused behind the question, "Resume" plays on as it was, "Start fresh"
//! opens the default scenario, whose session then replaces the saved one.
//!
//! When it is saved: when what is saved changes, not on every tick. The app (`app`) saves
//! whenever the scenarios, the speed, playing or the tab change, and whenever the tick changes while
//! paused (a step, a seek, a command), so a paused page reloads exactly where it was. While
//! playing, the tick changes on every tick and is not saved then; it is written when play
//! pauses and when the page is hidden, shown again or left (`visibilitychange`, `pagehide`:
//! `SaveOnLeave`), which a reload goes through. So a reload resumes where the user was; a page
//! killed while playing without those events resumes at the tick last saved, and plays on from
//! there.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::state::{Boot, State, MIN_SPEED};
use super::tabs::Tab;
use super::url;
use crate::scenario::{Scenario, MAX_DURATION};

/// The localStorage key (versioned, so that a future format can ignore old entries).
pub const STORAGE_KEY: &str = "deploysim.session.v1";

/// What is kept in localStorage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Saved {
    /// The scenario as opened (what Reset returns to).
    pub base: Option<String>,
    /// The scenario with every action so far.
    pub scenario: String,
    pub tick: i64,
    pub speed: f64,
    pub playing: bool,
    pub tab: Tab,
    pub presenter: bool,
}

impl Saved {
    /// Reads what `Resume::save` wrote: `None` unless it is a JSON object with these fields of
    /// these types (`base` may be null or absent, an absent or unknown `tab` is the first one,
    /// an absent `presenter` is off; other fields are ignored). Read through a
    /// `Value`, which `kubectl apply` parses JSON into anyway, rather than a derived
    /// `Deserialize` with a JSON parser of its own.
    pub fn parse(text: &str) -> Option<Saved> {
        let value: Value = serde_json::from_str(text).ok()?;
        let object = value.as_object()?;
        let base = match object.get("base") {
            None | Some(Value::Null) => None,
            Some(base) => Some(base.as_str()?.to_string()),
        };
        Some(Saved {
            base,
            scenario: object.get("scenario")?.as_str()?.to_string(),
            tick: object.get("tick")?.as_i64()?,
            speed: object.get("speed")?.as_f64()?,
            playing: object.get("playing")?.as_bool()?,
            tab: object
                .get("tab")
                .and_then(Value::as_str)
                .and_then(Tab::parse)
                .unwrap_or_default(),
            presenter: object.get("presenter").and_then(Value::as_bool) == Some(true),
        })
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved session, if any (unreadable entries count as none).
pub fn load() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok()?
}

/// The session as the page shows it: what a reload needs (the YAML texts are shared with the
/// state, not copied).
#[derive(Debug, Clone, PartialEq)]
pub struct Resume {
    pub base: Rc<str>,
    pub scenario: Rc<str>,
    pub tick: i64,
    pub speed: f64,
    pub playing: bool,
    pub tab: Tab,
    pub presenter: bool,
}

/// What decides that a save is due: everything saved but the tick while playing.
pub type Due = (Rc<str>, Rc<str>, Option<i64>, u64, bool, Tab, bool);

impl Resume {
    pub fn of(state: &State) -> Resume {
        Resume {
            base: state.base_yaml.clone(),
            scenario: state.scenario_yaml.clone(),
            tick: state.tick_to_keep(),
            speed: state.speed,
            // While the visitor is asked whether to resume, the session stays as it was saved.
            playing: state.playing || state.asking == Some(true),
            tab: state.tab,
            presenter: state.presenter,
        }
    }

    /// A save is due when this changes.
    pub fn due(&self) -> Due {
        (
            self.base.clone(),
            self.scenario.clone(),
            (!self.playing).then_some(self.tick),
            self.speed.to_bits(),
            self.playing,
            self.tab,
            self.presenter,
        )
    }

    /// Saves the session; false when the browser's storage refused it (full, or turned off).
    pub fn save(&self) -> bool {
        let saved = Saved {
            base: Some(self.base.to_string()),
            scenario: self.scenario.to_string(),
            tick: self.tick,
            speed: self.speed,
            playing: self.playing,
            tab: self.tab,
            presenter: self.presenter,
        };
        match (storage(), serde_json::to_string(&saved)) {
            (Some(storage), Ok(text)) => storage.set_item(STORAGE_KEY, &text).is_ok(),
            _ => false,
        }
    }
}

/// Saves the latest session whenever the page is hidden, shown again or left, for as long as
/// it lives.
pub struct SaveOnLeave {
    window: web_sys::Window,
    document: web_sys::Document,
    save: Closure<dyn Fn()>,
}

impl SaveOnLeave {
    /// Listens for `pagehide` and `visibilitychange`; `latest` is what the page shows now.
    pub fn new(latest: Rc<RefCell<Resume>>) -> Option<SaveOnLeave> {
        let window = web_sys::window()?;
        let document = window.document()?;
        let save = Closure::<dyn Fn()>::new(move || {
            latest.borrow().save();
        });
        let callback = save.as_ref().unchecked_ref();
        window
            .add_event_listener_with_callback("pagehide", callback)
            .ok()?;
        document
            .add_event_listener_with_callback("visibilitychange", callback)
            .ok()?;
        Some(SaveOnLeave {
            window,
            document,
            save,
        })
    }
}

impl Drop for SaveOnLeave {
    fn drop(&mut self) {
        let callback = self.save.as_ref().unchecked_ref();
        let _ = self
            .window
            .remove_event_listener_with_callback("pagehide", callback);
        let _ = self
            .document
            .remove_event_listener_with_callback("visibilitychange", callback);
    }
}

/// Decides how the app opens, from the page's query and hash and the saved session: a share
/// link first (opened at once), then the saved session (whose visitor is asked first whether to
/// resume it: `Boot::ask`), then the default scenario playing at 1x. `?speed=N` sets the
/// starting speed in every case, and the saved session's tab opens in every case too.
/// Anything unreadable is reported in the notice and skipped.
pub fn boot_from(query: &str, hash: &str, saved: Option<&str>) -> Boot {
    let mut notices = Vec::new();
    let speed = url::parse_speed(query).unwrap_or_else(|e| {
        notices.push(e);
        None
    });
    let mut boot = Boot {
        base: None,
        scenario: Scenario::default_web(),
        tick: 0,
        speed: 1.0,
        playing: true,
        tab: Tab::default(),
        notice: None,
        presenter: false,
        ask: false,
    };
    let saved = saved.map(Saved::parse);
    if let Some(Some(saved)) = &saved {
        boot.tab = saved.tab;
    }
    match crate::link::parse_share(hash) {
        Ok(Some(shared)) => match Scenario::parse(&shared.yaml, "shared link") {
            Ok(scenario) => {
                boot.scenario = scenario;
                boot.tick = within_the_day(shared.tick, "shared link's", &mut notices);
                boot.playing = false;
            }
            Err(e) => notices.push(format!(
                "The shared scenario is not valid ({e}); showing the default scenario."
            )),
        },
        Err(e) => notices.push(e),
        Ok(None) => match saved {
            Some(Some(saved)) => match Scenario::parse(&saved.scenario, "saved session") {
                Ok(scenario) => {
                    boot.base = saved
                        .base
                        .as_deref()
                        .and_then(|base| Scenario::parse(base, "saved session").ok());
                    boot.scenario = scenario;
                    boot.tick = within_the_day(saved.tick.max(0), "saved session's", &mut notices);
                    boot.speed = saved.speed.max(MIN_SPEED);
                    boot.playing = saved.playing;
                    boot.presenter = saved.presenter;
                    boot.ask = true;
                }
                Err(e) => notices.push(format!(
                    "The saved session could not be restored ({e}); showing the default scenario."
                )),
            },
            Some(None) => notices
                .push("The saved session could not be read; showing the default scenario.".into()),
            None => {}
        },
    }
    if let Some(speed) = speed {
        boot.speed = speed;
    }
    if !notices.is_empty() {
        boot.notice = Some(notices.join(" "));
    }
    boot
}

/// A tick to open at, no later than the end of the simulated day (past it nothing plays: a link
/// or a saved session with a later time opens at the end, and the notice says so).
fn within_the_day(tick: i64, whose: &str, notices: &mut Vec<String>) -> i64 {
    if tick > MAX_DURATION {
        notices.push(format!(
            "The {whose} time t={tick} is past the end of the simulated day; it opens at t={MAX_DURATION}."
        ));
    }
    tick.min(MAX_DURATION)
}

/// How the app opens on this page. A share link is read once and then removed from the address
/// bar, so that a reload continues from the saved session rather than starting the link over.
pub fn boot() -> Boot {
    let (query, hash) = url::current();
    let boot = boot_from(&query, &hash, load().as_deref());
    if hash.contains("s=") {
        url::replace_hash("");
    }
    boot
}
