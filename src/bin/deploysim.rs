//! The native command line: `deploysim run SCENARIO.yaml [--format text|jsonl] [--pods
//! all|changed]` plays a scenario and prints what happens (`--pods changed`: a JSON line lists
//! only the pods new or changed in its tick, and those removed); an unusable scenario file exits
//! 1 with one line on stderr.

use std::io::{self, Write};
use std::process::ExitCode;

use deploysim::scenario::{trace, Run, Scenario};

const USAGE: &str = "usage: deploysim run SCENARIO.yaml [--format text|jsonl] [--pods all|changed]";

/// How to print the run.
struct Options {
    path: String,
    jsonl: bool,
    /// `--pods changed`: each JSON line lists only the pods that changed.
    changed_pods: bool,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(options) => run(&options),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// `run FILE [--format text|jsonl] [--pods all|changed]`.
fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut iter = args.iter();
    if iter.next().map(String::as_str) != Some("run") {
        return Err(USAGE.to_string());
    }
    let mut path = None;
    let (mut jsonl, mut changed_pods) = (false, false);
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| -> Result<Option<String>, String> {
            if let Some(value) = arg.strip_prefix(&format!("{flag}=")) {
                Ok(Some(value.to_string()))
            } else if arg == flag {
                Ok(Some(iter.next().cloned().ok_or_else(|| USAGE.to_string())?))
            } else {
                Ok(None)
            }
        };
        if let Some(format) = value("--format")? {
            jsonl = match format.as_str() {
                "jsonl" => true,
                "text" => false,
                other => return Err(format!("deploysim: unknown format {other:?}; {USAGE}")),
            };
        } else if let Some(pods) = value("--pods")? {
            changed_pods = match pods.as_str() {
                "changed" => true,
                "all" => false,
                other => return Err(format!("deploysim: unknown --pods {other:?}; {USAGE}")),
            };
        } else if path.is_none() && !arg.starts_with("--") {
            path = Some(arg.clone());
        } else {
            return Err(format!("deploysim: unexpected argument {arg:?}; {USAGE}"));
        }
    }
    if changed_pods && !jsonl {
        return Err(format!(
            "deploysim: --pods changed needs --format jsonl; {USAGE}"
        ));
    }
    let path = path.ok_or_else(|| USAGE.to_string())?;
    Ok(Options {
        path,
        jsonl,
        changed_pods,
    })
}

fn run(options: &Options) -> ExitCode {
    let path = options.path.as_str();
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
    let mut seen = trace::PodsWritten::default();
    loop {
        let written = if options.changed_pods {
            let line = trace::tick_json_changed(run.sim(), &record, &mut seen);
            writeln!(out, "{line}")
        } else if options.jsonl {
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
