//! The simulated image registry: how long each image takes to pull, to become Ready and to stop,
//! and whether it ever becomes Ready, crashes, or fails to pull.
//!
//! The built-in registry knows a few common repositories and their real tags. A known repository
//! with an unknown tag fails to pull (`ErrImagePull`, as a typo does on a real cluster); an unknown
//! repository runs with default timings, so that any manifest a user pastes comes to life. A
//! reference pinned by digest (`busybox@sha256:...`) of a known repository is taken as present.

use super::sorting::ListMap;

/// Whether the readiness probe ever passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Ready `ready_seconds` after the container starts.
    After,
    /// Starts, but never passes readiness.
    Never,
}

/// How one image behaves on the simulated kubelet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageProfile {
    /// Seconds from scheduling until the container starts (image pull + container create).
    pub pull_seconds: i64,
    /// Seconds from container start until the readiness probe passes.
    pub ready_seconds: i64,
    /// Seconds the container takes to stop once asked (capped by the grace period).
    pub stop_seconds: i64,
    pub readiness: Readiness,
    /// The container exits this many seconds after each start (CrashLoopBackOff).
    pub crash_after_seconds: Option<i64>,
    /// The pull fails (ErrImagePull, then ImagePullBackOff).
    pub pull_fails: bool,
    /// Requests per second one Ready pod of this image serves (`capacityRps`).
    pub capacity_rps: i64,
    /// CPU per request per second, in microcores (`cpuPerRequest`; `2m` is 2,000): microcores so
    /// that a figure below a millicore (`500u`) keeps its value.
    pub cpu_per_request_micros: i64,
    /// CPU a Running container uses with no request to serve, in millicores (`cpuIdle`).
    pub cpu_idle_millis: i64,
    /// The memory a Running container uses, in bytes: a fixed figure per image, what
    /// `kubectl top` shows (a real container's working set does not follow its request).
    pub memory_bytes: i64,
}

/// Mebibytes, in bytes.
const MI: i64 = 1024 * 1024;

impl ImageProfile {
    /// Timings and demand for an image the registry does not know: 100 requests per second per
    /// pod, `2m` of CPU per request per second, `5m` idle, 16Mi of memory.
    pub const DEFAULT: ImageProfile = ImageProfile {
        pull_seconds: 1,
        ready_seconds: 2,
        stop_seconds: 2,
        readiness: Readiness::After,
        crash_after_seconds: None,
        pull_fails: false,
        capacity_rps: 100,
        cpu_per_request_micros: 2_000,
        cpu_idle_millis: 5,
        memory_bytes: 16 * MI,
    };

    /// A well-behaved image with the given timings (and the default demand figures).
    pub const fn ready_after(pull_seconds: i64, ready_seconds: i64, stop_seconds: i64) -> Self {
        ImageProfile {
            pull_seconds,
            ready_seconds,
            stop_seconds,
            ..ImageProfile::DEFAULT
        }
    }

    /// The same image serving `capacity_rps` per pod at `cpu_per_request_micros` per request,
    /// `cpu_idle_millis` idle and using `memory_mib` of memory.
    const fn serving(
        self,
        capacity_rps: i64,
        cpu_per_request_micros: i64,
        cpu_idle_millis: i64,
        memory_mib: i64,
    ) -> Self {
        ImageProfile {
            capacity_rps,
            cpu_per_request_micros,
            cpu_idle_millis,
            memory_bytes: memory_mib * MI,
            ..self
        }
    }

    const NOT_FOUND: ImageProfile = ImageProfile {
        pull_fails: true,
        ..ImageProfile::DEFAULT
    };
}

/// The repositories and tags the simulation knows, plus per-image overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRegistry {
    /// Repository -> tag -> profile.
    repositories: ListMap<String, ListMap<String, ImageProfile>>,
}

/// The demo application's repository (tags 1.0, 1.1, 2.0, and 2.1, a broken release that
/// crashes 2 s after starting, before it is ever Ready).
pub const DEMO_REPOSITORY: &str = "ghcr.io/deploysim/hello";

impl ImageRegistry {
    /// An empty registry: every image runs with default timings.
    pub fn empty() -> Self {
        ImageRegistry {
            repositories: ListMap::default(),
        }
    }

    /// The built-in registry of common images and their real tags. What each serves is a round
    /// figure of its kind: nginx and httpd serve static pages cheaply, redis answers many small
    /// requests, busybox is no server (it serves little), the demo app is the default.
    pub fn builtin() -> Self {
        let mut registry = ImageRegistry::empty();
        let nginx = ImageProfile::ready_after(2, 1, 1).serving(200, 1_000, 2, 4);
        for tag in [
            "1.24",
            "1.24.0",
            "1.25",
            "1.25.0",
            "1.25.1",
            "1.25.2",
            "1.25.3",
            "1.25.4",
            "1.25.5",
            "1.26",
            "1.26.0",
            "1.26.1",
            "1.26.2",
            "1.26.3",
            "1.27",
            "1.27.0",
            "1.27.1",
            "1.27.2",
            "1.27.3",
            "1.27.4",
            "1.27.5",
            "latest",
            "stable",
            "alpine",
            "1.25-alpine",
            "1.26-alpine",
            "1.27-alpine",
            "mainline",
        ] {
            registry.insert("nginx", tag, nginx);
        }
        let httpd = ImageProfile::ready_after(2, 1, 1).serving(150, 2_000, 3, 12);
        for tag in [
            "2.4",
            "2.4.58",
            "2.4.59",
            "2.4.62",
            "2.4-alpine",
            "alpine",
            "latest",
        ] {
            registry.insert("httpd", tag, httpd);
        }
        let redis = ImageProfile::ready_after(2, 1, 1).serving(1_000, 500, 3, 8);
        for tag in [
            "6",
            "6.2",
            "7",
            "7.0",
            "7.2",
            "7.2.4",
            "7.4",
            "7.4.1",
            "alpine",
            "7-alpine",
            "7.2-alpine",
            "latest",
        ] {
            registry.insert("redis", tag, redis);
        }
        let busybox = ImageProfile::ready_after(1, 0, 1).serving(10, 5_000, 1, 1);
        for tag in [
            "1.35", "1.36", "1.36.1", "1.37", "stable", "latest", "musl", "glibc",
        ] {
            registry.insert("busybox", tag, busybox);
        }
        let hello = ImageProfile::ready_after(1, 3, 2).serving(100, 2_000, 5, 24);
        for tag in ["1.0", "1.1", "2.0"] {
            registry.insert(DEMO_REPOSITORY, tag, hello);
        }
        registry.insert(
            DEMO_REPOSITORY,
            "2.1",
            ImageProfile {
                crash_after_seconds: Some(2),
                ..hello
            },
        );
        registry
    }

    /// Adds or replaces one image (`repository:tag`); the repository becomes known.
    pub fn set(&mut self, image: &str, profile: ImageProfile) {
        let (repository, tag) = split_reference(image);
        self.insert(&repository, &tag, profile);
    }

    fn insert(&mut self, repository: &str, tag: &str, profile: ImageProfile) {
        self.repositories
            .entry(repository.to_string())
            .insert(tag.to_string(), profile);
    }

    /// How an image behaves: its own profile, a pull failure for an unknown tag of a known
    /// repository, or default timings for an unknown repository.
    pub fn resolve(&self, image: &str) -> ImageProfile {
        let (repository, tag) = split_reference(image);
        match self.repositories.get(&repository) {
            None => ImageProfile::DEFAULT,
            Some(tags) => match tags.get(&tag) {
                Some(profile) => *profile,
                None if tag.starts_with('@') => tags
                    .values()
                    .next()
                    .copied()
                    .unwrap_or(ImageProfile::DEFAULT),
                None => ImageProfile::NOT_FOUND,
            },
        }
    }

    /// The known tags of a repository, in order (for the UI's image picker).
    pub fn tags(&self, repository: &str) -> Vec<String> {
        self.repositories
            .get(repository)
            .map(|tags| tags.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// Splits an image reference into a normalised repository and a tag (`latest` when absent, or
/// `@sha256:...` for a digest). `docker.io/library/nginx` and `nginx` are the same repository.
pub fn split_reference(image: &str) -> (String, String) {
    let (name, tag) = if let Some(at) = image.find('@') {
        let name = &image[..at];
        let name = strip_tag(name).0;
        (name.to_string(), image[at..].to_string())
    } else {
        let (name, tag) = strip_tag(image);
        (name.to_string(), tag.unwrap_or("latest").to_string())
    };
    let name = name
        .strip_prefix("docker.io/library/")
        .or_else(|| name.strip_prefix("docker.io/"))
        .or_else(|| name.strip_prefix("library/"))
        .unwrap_or(&name)
        .to_string();
    (name, tag)
}

/// Splits `repo:tag` at the last colon that comes after the last slash (a port is not a tag).
fn strip_tag(image: &str) -> (&str, Option<&str>) {
    let slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[slash..].rfind(':') {
        Some(colon) => (&image[..slash + colon], Some(&image[slash + colon + 1..])),
        None => (image, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_repository_with_unknown_tag_fails_to_pull() {
        let registry = ImageRegistry::builtin();
        assert!(registry.resolve("nginx:1.255").pull_fails);
        assert!(!registry.resolve("nginx:1.25").pull_fails);
        assert!(!registry.resolve("docker.io/library/nginx:1.27").pull_fails);
        assert!(
            !registry.resolve("nginx").pull_fails,
            "untagged means latest"
        );
    }

    #[test]
    fn unknown_repository_runs_with_default_timings() {
        let registry = ImageRegistry::builtin();
        assert_eq!(
            registry.resolve("example.com:5000/team/app:v9"),
            ImageProfile::DEFAULT
        );
    }

    #[test]
    fn digest_of_known_repository_is_present() {
        let registry = ImageRegistry::builtin();
        assert!(!registry.resolve("busybox@sha256:abc").pull_fails);
        assert_eq!(
            split_reference("localhost:5000/app"),
            ("localhost:5000/app".to_string(), "latest".to_string())
        );
    }
}
