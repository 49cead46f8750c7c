//! Keeping the session across reloads (localStorage) and deciding how the app opens.
//!
//! What is saved is small and replayable: the scenario with every action so far (as YAML), the
//! tick shown, the speed and whether it was playing. Reopening replays the scenario to that tick,
//! which reproduces the same state exactly because the engine is deterministic.

use serde::{Deserialize, Serialize};

use super::state::{Boot, MIN_SPEED};
use super::url;
use crate::scenario::Scenario;

/// The localStorage key (versioned, so that a future format can ignore old entries).
pub const STORAGE_KEY: &str = "deploysim.session.v1";

/// What is kept in localStorage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The scenario as opened (what Reset returns to).
    #[serde(default)]
    pub base: Option<String>,
    /// The scenario with every action so far.
    pub scenario: String,
    pub tick: i64,
    pub speed: f64,
    pub playing: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The saved session, if any (unreadable entries count as none).
pub fn load() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok()?
}

/// Saves the session; a full or disabled storage is not an error worth interrupting anyone for.
pub fn save(saved: &Saved) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(saved)) {
        let _ = storage.set_item(STORAGE_KEY, &text);
    }
}

/// Decides how the app opens, from the page's query and hash and the saved session: a share
/// link first, then the saved session, then the default scenario playing at 1x. `?speed=N` sets
/// the starting speed in every case. Anything unreadable is reported in the notice and skipped.
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
        notice: None,
    };
    match url::parse_share(hash) {
        Ok(Some(shared)) => match Scenario::parse(&shared.yaml, "shared link") {
            Ok(scenario) => {
                boot.scenario = scenario;
                boot.tick = shared.tick;
                boot.playing = false;
            }
            Err(e) => notices.push(format!(
                "The shared scenario is not valid ({e}); showing the default scenario."
            )),
        },
        Err(e) => notices.push(e),
        Ok(None) => match saved.map(serde_json::from_str::<Saved>) {
            Some(Ok(saved)) => match Scenario::parse(&saved.scenario, "saved session") {
                Ok(scenario) => {
                    boot.base = saved
                        .base
                        .as_deref()
                        .and_then(|base| Scenario::parse(base, "saved session").ok());
                    boot.scenario = scenario;
                    boot.tick = saved.tick.max(0);
                    boot.speed = saved.speed.max(MIN_SPEED);
                    boot.playing = saved.playing;
                }
                Err(e) => notices.push(format!(
                    "The saved session could not be restored ({e}); showing the default scenario."
                )),
            },
            Some(Err(_)) => notices
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
