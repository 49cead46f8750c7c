//! Pure helpers of `pkg/controller/deployment/util/deployment_util.go`, with upstream's names.
