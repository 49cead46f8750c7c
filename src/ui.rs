//! The browser front end (Yew).

pub fn start() {}
