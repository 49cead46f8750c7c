//! The API server's validation of Deployments (`pkg/apis/apps/validation/validation.go`), with
//! upstream's field paths and detail texts.

use super::errors::{ApiError, FieldError, FieldErrorKind};
use super::objects::Deployment;

/// `ValidateDeployment`: every problem with a new Deployment, in upstream's order.
pub fn validate_deployment(deployment: &Deployment) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if deployment.spec.replicas < 0 {
        errors.push(FieldError {
            field: "spec.replicas".into(),
            kind: FieldErrorKind::Invalid(deployment.spec.replicas.to_string()),
            detail: "must be greater than or equal to 0".into(),
        });
    }
    errors
}

/// Rejects an invalid new Deployment with the API server's 422.
pub fn check_deployment(deployment: &Deployment) -> Result<(), ApiError> {
    invalid_if_any(deployment, validate_deployment(deployment))
}

/// Rejects an invalid update (`ValidateDeploymentUpdate`).
pub fn check_deployment_update(deployment: &Deployment, _old: &Deployment) -> Result<(), ApiError> {
    invalid_if_any(deployment, validate_deployment(deployment))
}

fn invalid_if_any(deployment: &Deployment, causes: Vec<FieldError>) -> Result<(), ApiError> {
    if causes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid {
            kind: "Deployment".into(),
            name: deployment.metadata.name.clone(),
            causes,
        })
    }
}
