//! Why a manifest file cannot be used, worded exactly as kubectl prints it.

use thiserror::Error;

use crate::engine::ApiError;
use crate::quote::Quoted;

/// A file that kubectl (or the API server behind it) would refuse. `Display` gives the whole
/// line kubectl prints on stderr, prefix included.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ManifestError {
    /// The text is not YAML (kubectl's stream decoder, via sigs.k8s.io/yaml); `line` is what Go's
    /// yaml package reports, when it reports one.
    #[error("error: error parsing {source_name}: error converting YAML to JSON: yaml: {}{message}", line_prefix(*line))]
    Yaml {
        source_name: String,
        line: Option<usize>,
        message: String,
    },
    /// A `---` line followed by something other than a comment (apimachinery's `YAMLReader`).
    #[error("error: error parsing {source_name}: invalid Yaml document separator: {rest}")]
    Separator { source_name: String, rest: String },
    /// A document is not an object, or lacks `apiVersion`/`kind` (kubectl's client-side
    /// validation); `problems` is upstream's aggregate text, e.g. `[apiVersion not set, kind not set]`.
    #[error("error: error validating {}: error validating data: {problems}; if you choose to ignore these errors, turn validation off with --validate=false", Quoted(.source_name))]
    Validation {
        source_name: String,
        problems: String,
    },
    /// A Deployment or HorizontalPodAutoscaler in a group/version the API server does not serve
    /// (`extensions/v1beta1`, `apps/v1beta1`, `autoscaling/v2beta2`, ...).
    #[error("error: resource mapping not found for name: {} namespace: {} from {}: no matches for kind {} in version {}\nensure CRDs are installed first", Quoted(.name), Quoted(.namespace), Quoted(.source_name), Quoted(.kind), Quoted(.api_version))]
    NoKindMatch {
        source_name: String,
        name: String,
        namespace: String,
        kind: String,
        api_version: String,
    },
    /// The API server cannot decode the object: a value of the wrong JSON type, or an unknown
    /// field under strict field validation (kubectl's default).
    #[error("Error from server (BadRequest): error when creating {}: {kind} in version {} cannot be handled as a {kind}: {detail}", Quoted(.source_name), Quoted(.version))]
    Decode {
        source_name: String,
        kind: String,
        /// The version of the group (`v1`, `v2`).
        version: String,
        detail: String,
    },
    /// The API server decodes the object but rejects it (422) for something the typed
    /// `Deployment` cannot even hold, such as a missing selector or an unknown strategy type.
    #[error("{0}")]
    Invalid(ApiError),
    /// An autoscaling/v1 HorizontalPodAutoscaler: the API server would convert it, DeploySim
    /// reads autoscaling/v2 only.
    #[error("error: HorizontalPodAutoscaler {} in {}: autoscaling/v1 is not simulated: write it as autoscaling/v2, with spec.metrics instead of spec.targetCPUUtilizationPercentage", Quoted(.name), Quoted(.source_name))]
    AutoscalingV1 { source_name: String, name: String },
}

fn line_prefix(line: Option<usize>) -> String {
    line.map_or_else(String::new, |n| format!("line {n}: "))
}
