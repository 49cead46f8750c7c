//! The API server's errors: what a rejected create, update or delete returns, in upstream's words.

use std::fmt;

use crate::quote::Quoted;
use thiserror::Error;

/// One cause of an `Invalid` error (`field.Error`), rendered as Kubernetes 1.34+ renders it:
/// `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field path, e.g. `spec.strategy.rollingUpdate.maxUnavailable`.
    pub field: String,
    pub kind: FieldErrorKind,
    /// The detail text after the value (may be empty).
    pub detail: String,
}

/// `field.ErrorType`, with the bad value already rendered (`0`, `"Never"`, `{"app":"web"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldErrorKind {
    /// `Invalid value: <value>`
    Invalid(String),
    /// `Unsupported value: <value>: supported values: "A", "B"`
    Unsupported {
        value: String,
        supported: Vec<String>,
    },
    /// `Required value`
    Required,
    /// `Forbidden`
    Forbidden,
    /// `Duplicate value: <value>`
    Duplicate(String),
    /// `Not found: <value>`
    NotFound(String),
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.field)?;
        match &self.kind {
            FieldErrorKind::Invalid(value) => write!(f, "Invalid value: {value}")?,
            FieldErrorKind::Unsupported { value, supported } => {
                let quoted: Vec<String> = supported
                    .iter()
                    .map(|s| format!("{s}", s = Quoted(&s)))
                    .collect();
                write!(
                    f,
                    "Unsupported value: {value}: supported values: {}",
                    quoted.join(", ")
                )?;
                return Ok(());
            }
            FieldErrorKind::Required => f.write_str("Required value")?,
            FieldErrorKind::Forbidden => f.write_str("Forbidden")?,
            FieldErrorKind::Duplicate(value) => write!(f, "Duplicate value: {value}")?,
            FieldErrorKind::NotFound(value) => write!(f, "Not found: {value}")?,
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

/// An error from the simulated API server. `Display` gives the text after kubectl's
/// `Error from server (<Reason>): ` prefix, or the whole `The Deployment "x" is invalid: ...` text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// 404: `deployments.apps "web" not found`.
    #[error("{resource} \"{name}\" not found")]
    NotFound { resource: String, name: String },
    /// 409 on create: `deployments.apps "web" already exists`.
    #[error("{resource} \"{name}\" already exists")]
    AlreadyExists { resource: String, name: String },
    /// 422: `The Deployment "web" is invalid: <causes>`.
    #[error("{}", render_invalid(kind, name, causes))]
    Invalid {
        kind: String,
        name: String,
        causes: Vec<FieldError>,
    },
    /// 400 and other refusals that carry their own text.
    #[error("{0}")]
    BadRequest(String),
}

impl ApiError {
    /// The reason kubectl shows in `Error from server (<Reason>)`; `None` for `Invalid`, which
    /// kubectl prints without that prefix.
    pub fn reason(&self) -> Option<&'static str> {
        match self {
            ApiError::NotFound { .. } => Some("NotFound"),
            ApiError::AlreadyExists { .. } => Some("AlreadyExists"),
            ApiError::Invalid { .. } => None,
            ApiError::BadRequest(_) => Some("BadRequest"),
        }
    }

    pub fn not_found(resource: &str, name: &str) -> Self {
        ApiError::NotFound {
            resource: resource.to_string(),
            name: name.to_string(),
        }
    }
}

fn render_invalid(kind: &str, name: &str, causes: &[FieldError]) -> String {
    match causes {
        [one] => format!("The {kind} {name} is invalid: {one}", name = Quoted(&name)),
        _ => {
            let mut text = format!("The {kind} {name} is invalid: ", name = Quoted(&name));
            for cause in causes {
                text.push_str(&format!("\n* {cause}"));
            }
            text
        }
    }
}
