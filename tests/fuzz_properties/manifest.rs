//! The `manifest` fuzz property: any text is read as `kubectl apply -f` reads a file, decoded
//! and validated, or refused with a message. Each object the API server accepts round-trips
//! through `-o yaml`: the text the writer prints for the object as decoded reads back as that
//! very object, and `kubectl get KIND NAME -o yaml` of the object as stored reads back as what
//! was stored (the server's own fields, its uid, generation and creation time, aside), which the
//! API server accepts again.

use deploysim::engine::{ObjectMeta, SimConfig, Simulation};
use deploysim::kubectl::{self, Files};
use deploysim::manifest::{parse_documents, to_yaml, to_yaml_deployment, ManifestObject};

/// Runs the property on one input; panics where it does not hold.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let objects = match parse_documents(text) {
        Ok(objects) => objects,
        Err(error) => {
            assert!(!error.to_string().is_empty(), "an error without words");
            return;
        }
    };
    for object in objects {
        if let ManifestObject::Other { .. } = object {
            assert!(object.warning().is_some(), "{object:?} is skipped silently");
            continue;
        }
        let mut sim = Simulation::new(SimConfig::default());
        if create(&mut sim, &object).is_err() {
            continue;
        }
        let written = written(&object);
        assert_eq!(
            read_one(&written),
            object,
            "the -o yaml of an accepted object reads back otherwise:\n{written}"
        );
        let stored = stored(&sim, &object);
        let (kind, meta) = kind_and_meta(&stored);
        let line = format!(
            "kubectl get {kind} {} -n {} -o yaml",
            meta.name, meta.namespace
        );
        let printed = kubectl::run(&mut sim, &line, &Files::none());
        assert!(printed.ok, "{line}: {}", printed.stderr);
        let again = read_one(&printed.stdout);
        assert_eq!(
            again,
            without_server_fields(stored),
            "{line} reads back otherwise:\n{}",
            printed.stdout
        );
        let mut fresh = Simulation::new(SimConfig::default());
        if let Err(refused) = create(&mut fresh, &again) {
            panic!(
                "the API server refuses what it printed: {refused}\n{}",
                printed.stdout
            );
        }
    }
}

/// Creates the object as the API server would (`Simulation::create_*`, which validates).
fn create(sim: &mut Simulation, object: &ManifestObject) -> Result<(), String> {
    let created = match object {
        ManifestObject::Deployment(d) => sim.create_deployment((**d).clone()),
        ManifestObject::Service(s) => sim.create_service((**s).clone()),
        ManifestObject::HorizontalPodAutoscaler(h) => {
            sim.create_horizontal_pod_autoscaler((**h).clone())
        }
        ManifestObject::Other { .. } => return Err("not simulated".into()),
    };
    created.map_err(|e| e.to_string())
}

/// The object's YAML as `-o yaml` writes it.
fn written(object: &ManifestObject) -> String {
    match object {
        ManifestObject::Deployment(d) => to_yaml_deployment(d),
        ManifestObject::Service(s) => to_yaml(&kubectl::services::service_json(s)),
        ManifestObject::HorizontalPodAutoscaler(h) => to_yaml(&kubectl::autoscale::hpa_json(h)),
        ManifestObject::Other { .. } => String::new(),
    }
}

/// A text that must hold exactly one object.
fn read_one(yaml: &str) -> ManifestObject {
    match parse_documents(yaml) {
        Ok(mut objects) if objects.len() == 1 => objects.remove(0),
        other => panic!("not one object ({other:?}) in\n{yaml}"),
    }
}

/// The object as the simulation stored it.
fn stored(sim: &Simulation, object: &ManifestObject) -> ManifestObject {
    let (_, meta) = kind_and_meta(object);
    let (namespace, name) = (meta.namespace.as_str(), meta.name.as_str());
    let found = match object {
        ManifestObject::Deployment(_) => sim
            .deployment(namespace, name)
            .map(|d| ManifestObject::Deployment(Box::new(d.clone()))),
        ManifestObject::Service(_) => sim
            .service(namespace, name)
            .map(|s| ManifestObject::Service(Box::new(s.clone()))),
        ManifestObject::HorizontalPodAutoscaler(_) => sim
            .horizontal_pod_autoscaler(namespace, name)
            .map(|h| ManifestObject::HorizontalPodAutoscaler(Box::new(h.clone()))),
        ManifestObject::Other { .. } => None,
    };
    found.unwrap_or_else(|| panic!("{namespace}/{name} was created but is not stored"))
}

fn kind_and_meta(object: &ManifestObject) -> (&'static str, &ObjectMeta) {
    match object {
        ManifestObject::Deployment(d) => ("deployment", &d.metadata),
        ManifestObject::Service(s) => ("service", &s.metadata),
        ManifestObject::HorizontalPodAutoscaler(h) => ("hpa", &h.metadata),
        ManifestObject::Other { .. } => unreachable!("only simulated kinds are stored"),
    }
}

/// The object as a manifest holding its printed YAML decodes: without the fields only the
/// server sets.
fn without_server_fields(mut object: ManifestObject) -> ManifestObject {
    let meta = match &mut object {
        ManifestObject::Deployment(d) => &mut d.metadata,
        ManifestObject::Service(s) => &mut s.metadata,
        ManifestObject::HorizontalPodAutoscaler(h) => &mut h.metadata,
        ManifestObject::Other { .. } => return object,
    };
    meta.uid = 0;
    meta.generation = 0;
    meta.creation_timestamp = 0;
    object
}
