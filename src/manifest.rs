//! Manifests: multi-document apps/v1 YAML into API objects.
