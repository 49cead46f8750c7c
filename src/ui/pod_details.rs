//! The selected pod: what `kubectl get pod -o wide` would say about it, and "Delete pod".
//! Escape (or Close) closes it.

use std::rc::Rc;

use yew::prelude::*;

use super::state::Command;
use super::tables::age;
use super::tip::Tip;
use super::view::{PodView, ShownPhase};
use crate::glossary::Term;

/// What `pod_details` draws from.
pub struct PodDetailsProps {
    pub pod: Rc<PodView>,
    pub now: i64,
    /// Its CPU at the last tick and its request, in millicores (`State::pod_cpu`).
    pub cpu: Option<(i64, i64)>,
    pub on_run: Callback<Command>,
    pub on_close: Callback<()>,
}

/// `kubectl delete pod NAME`, with `-n NS` outside the default namespace.
pub fn delete_command(pod: &PodView) -> String {
    if pod.namespace() == "default" {
        format!("kubectl delete pod {}", pod.name)
    } else {
        format!("kubectl delete pod {} -n {}", pod.name, pod.namespace())
    }
}

pub fn pod_details(props: &PodDetailsProps) -> Html {
    let pod = &props.pod;
    let delete = {
        let line = delete_command(pod);
        props
            .on_run
            .reform(move |_: MouseEvent| Command::line(line.clone()))
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let on_escape = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let terminating = pod.phase == ShownPhase::Terminating;
    html! {
        <section class="panel pod-details" aria-label={format!("Pod {}", pod.name)} onkeydown={on_escape}>
            <h2><Tip term={Term::Pod}>{"Pod"}</Tip>{" "}<code>{&pod.name}</code></h2>
            <dl class="facts">
                <dt>{"Status"}</dt><dd>{&pod.status}</dd>
                <dt>{"Phase"}</dt><dd>{pod.phase.as_str()}</dd>
                <dt><Tip term={Term::Ready}>{"Ready"}</Tip></dt><dd>{&pod.ready_count}</dd>
                <dt>{"Restarts"}</dt><dd>{pod.restarts}</dd>
                <dt>{"Age"}</dt><dd>{age(props.now - pod.created)}</dd>
                <dt><Tip term={Term::Node}>{"Node"}</Tip></dt><dd>{pod.node.clone().unwrap_or_else(|| "<none>".into())}</dd>
                <dt><Tip term={Term::ReplicaSet}>{"ReplicaSet"}</Tip></dt><dd>{if pod.rs.is_empty() { "<none>".to_string() } else { pod.rs.clone() }}</dd>
                <dt><Tip term={Term::Revision}>{"Revision"}</Tip></dt><dd>{pod.revision}</dd>
                <dt>{"CPU"}</dt>
                <dd data-testid="pod-cpu">{match props.cpu {
                    None => "<none>".to_string(),
                    Some((used, 0)) => format!("{used}m (no request)"),
                    Some((used, request)) => format!("{used}m of {request}m requested"),
                }}</dd>
            </dl>
            <div class="row">
                <button type="button" class="danger" onclick={delete} disabled={terminating}>{"Delete pod"}</button>
                <button type="button" onclick={close}>{"Close"}</button>
            </div>
            <p class="hint"><code>{delete_command(pod)}</code></p>
        </section>
    }
}
