//! The native command line: `deploysim run SCENARIO.yaml [--format text|jsonl]` plays a scenario
//! and prints what happens; an unusable scenario file exits 1 with one line on stderr.

use std::io::{self, Write};
use std::process::ExitCode;

use deploysim::scenario::{trace, Run, Scenario};

const USAGE: &str = "usage: deploysim run SCENARIO.yaml [--format text|jsonl]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok((path, jsonl)) => run(&path, jsonl),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// `run FILE [--format text|jsonl]` -> (file, jsonl?).
fn parse_args(args: &[String]) -> Result<(String, bool), String> {
    let mut iter = args.iter();
    if iter.next().map(String::as_str) != Some("run") {
        return Err(USAGE.to_string());
    }
    let mut path = None;
    let mut jsonl = false;
    while let Some(arg) = iter.next() {
        let format = if let Some(value) = arg.strip_prefix("--format=") {
            Some(value.to_string())
        } else if arg == "--format" {
            Some(iter.next().cloned().ok_or_else(|| USAGE.to_string())?)
        } else {
            None
        };
        match format.as_deref() {
            Some("jsonl") => jsonl = true,
            Some("text") => jsonl = false,
            Some(other) => return Err(format!("deploysim: unknown format {other:?}; {USAGE}")),
            None if path.is_none() && !arg.starts_with("--") => path = Some(arg.clone()),
            None => return Err(format!("deploysim: unexpected argument {arg:?}; {USAGE}")),
        }
    }
    path.map(|p| (p, jsonl)).ok_or_else(|| USAGE.to_string())
}

fn run(path: &str, jsonl: bool) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::FAILURE;
        }
    };
    let scenario = match Scenario::parse(&text, path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", one_line(&e.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let duration = scenario.duration;
    let (mut run, mut record) = match Run::start_recording(scenario) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("{}", one_line(&e.to_string().replacen("scenario", path, 1)));
            return ExitCode::FAILURE;
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    loop {
        let written = if jsonl {
            writeln!(out, "{}", trace::tick_json(run.sim(), &record))
        } else {
            write!(out, "{}", trace::tick_text(&record))
        };
        if written.is_err() {
            return ExitCode::SUCCESS; // the reader went away (e.g. `| head`)
        }
        if run.tick() >= duration {
            break;
        }
        record = run.step();
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// Errors print on one line: newlines inside a message become `; `.
fn one_line(message: &str) -> String {
    message.trim_end().replace('\n', "; ")
}
