//! Why a kubectl command failed, and how kubectl prints it (KUBECTL.md §0.2): API status errors
//! as `Error from server (<Reason>): ...`, Invalid as `The Deployment "x" is invalid: ...`, flag
//! mistakes with a pointer to `--help`, everything else with kubectl's `error: ` prefix.

use thiserror::Error;

use crate::engine::ApiError;
use crate::quote::Quoted;

/// A failed command. `Display` is the exact text kubectl writes to stderr (without the final
/// newline).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CmdError {
    /// The API server refused the request.
    #[error("{}", render_api(.0))]
    Api(ApiError),
    /// A flag the command does not know or cannot parse (cobra's `FlagErrorFunc`).
    #[error("error: {message}\nSee '{command} --help' for usage.")]
    Flag { message: String, command: String },
    /// A usage mistake (`cmdutil.UsageErrorf`).
    #[error("error: {message}\nSee '{command} -h' for help and examples")]
    Usage { message: String, command: String },
    /// Any other failure; kubectl adds `error: ` unless the text already starts with it.
    #[error("{}", with_error_prefix(.0))]
    Other(String),
    /// Text printed exactly as given (lines that are not kubectl's own).
    #[error("{0}")]
    Verbatim(String),
}

impl From<ApiError> for CmdError {
    fn from(error: ApiError) -> Self {
        CmdError::Api(error)
    }
}

impl CmdError {
    pub fn other(text: impl Into<String>) -> Self {
        CmdError::Other(text.into())
    }

    pub fn flag(message: impl Into<String>, command: &str) -> Self {
        CmdError::Flag {
            message: message.into(),
            command: command.to_string(),
        }
    }

    pub fn usage(message: impl Into<String>, command: &str) -> Self {
        CmdError::Usage {
            message: message.into(),
            command: command.to_string(),
        }
    }
}

/// The API status error's own message (`StatusError.Error()`), which commands that wrap errors
/// print: `Deployment.apps "web" is invalid: spec.replicas: ...`, several causes in brackets.
pub fn status_message(error: &ApiError) -> String {
    match error {
        ApiError::Invalid { kind, name, causes } => {
            let causes: Vec<String> = causes.iter().map(ToString::to_string).collect();
            let causes = match causes.as_slice() {
                [one] => one.clone(),
                many => format!("[{}]", many.join(", ")),
            };
            format!(
                "{kind}.apps {name} is invalid: {causes}",
                name = Quoted(&name)
            )
        }
        other => other.to_string(),
    }
}

fn render_api(error: &ApiError) -> String {
    match error.reason() {
        Some(reason) => format!("Error from server ({reason}): {error}"),
        None => error.to_string(),
    }
}

fn with_error_prefix(text: &str) -> String {
    if text.starts_with("error: ") {
        text.to_string()
    } else {
        format!("error: {text}")
    }
}

#[cfg(test)]
mod tests {
    use super::{status_message, CmdError};
    use crate::engine::{ApiError, FieldError, FieldErrorKind};

    #[test]
    fn errors_render_as_kubectl_prints_them() {
        let invalid = ApiError::Invalid {
            kind: "Deployment".into(),
            name: "web".into(),
            causes: vec![FieldError {
                field: "spec.replicas".into(),
                kind: FieldErrorKind::Invalid("-1".into()),
                detail: "must be greater than or equal to 0".into(),
            }],
        };
        let table: Vec<(CmdError, &str)> = vec![
            (
                ApiError::not_found("deployments.apps", "nope").into(),
                "Error from server (NotFound): deployments.apps \"nope\" not found",
            ),
            (
                invalid.into(),
                "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            ),
            (
                CmdError::flag("unknown flag: --foo", "kubectl scale"),
                "error: unknown flag: --foo\nSee 'kubectl scale --help' for usage.",
            ),
            (
                CmdError::usage("Required resource not specified.", "kubectl get"),
                "error: Required resource not specified.\nSee 'kubectl get -h' for help and examples",
            ),
            (CmdError::other("boom"), "error: boom"),
            (CmdError::other("error: once"), "error: once"),
        ];
        for (error, want) in table {
            assert_eq!(error.to_string(), want);
        }
    }

    #[test]
    fn wrapped_status_errors_use_the_qualified_kind() {
        let cause = |field: &str| FieldError {
            field: field.into(),
            kind: FieldErrorKind::Required,
            detail: String::new(),
        };
        let invalid = |causes| ApiError::Invalid {
            kind: "Deployment".into(),
            name: "web".into(),
            causes,
        };
        assert_eq!(
            status_message(&invalid(vec![cause("spec.selector")])),
            "Deployment.apps \"web\" is invalid: spec.selector: Required value"
        );
        assert_eq!(
            status_message(&invalid(vec![cause("a"), cause("b")])),
            "Deployment.apps \"web\" is invalid: [a: Required value, b: Required value]"
        );
        assert_eq!(
            status_message(&ApiError::not_found("deployments.apps", "x")),
            "deployments.apps \"x\" not found"
        );
    }
}
