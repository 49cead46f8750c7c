//! The glossary: every term has its texts, a unique id fit for an HTML id, and `Term::ALL` holds
//! each term once, in declaration order.

use deploysim::glossary::Term;

#[test]
fn all_lists_every_term_once_in_order() {
    for (i, term) in Term::ALL.iter().enumerate() {
        assert_eq!(*term as usize, i, "{term:?} is out of place in Term::ALL");
    }
    assert_eq!(Term::Kubectl as usize + 1, Term::ALL.len());
}

#[test]
fn every_term_has_a_name_a_short_explanation_and_a_unique_id() {
    let mut ids: Vec<&str> = Vec::new();
    for term in Term::ALL {
        let e = term.entry();
        assert!(!e.name.is_empty(), "{term:?} has no name");
        assert!(
            e.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && !e.id.is_empty(),
            "{term:?}'s id {:?} is not lowercase letters and dashes",
            e.id
        );
        assert!(!ids.contains(&e.id), "the id {:?} is used twice", e.id);
        ids.push(e.id);
        // One or two short sentences: a beginner reads a tooltip at a glance.
        assert!(
            e.short.ends_with('.') || e.short.ends_with("..."),
            "{term:?}: {:?}",
            e.short
        );
        let sentences = e.short.matches(". ").count() + 1;
        assert!(sentences <= 2, "{term:?} has {sentences} sentences");
        assert!(
            e.short.len() <= 160,
            "{term:?}'s text is {} bytes long",
            e.short.len()
        );
    }
}

#[test]
fn the_texts_say_what_upstream_does() {
    let short = |t: Term| t.entry().short;
    assert!(short(Term::Available).contains("Ready for minReadySeconds"));
    assert!(short(Term::SurgeCeiling).starts_with("replicas + maxSurge"));
    assert!(short(Term::SurgeCeiling).contains("Terminating pods are not counted"));
    assert!(short(Term::AvailabilityFloor).starts_with("replicas − maxUnavailable"));
    assert!(short(Term::ProgressDeadlineSeconds).contains("Nothing is rolled back"));
    assert!(short(Term::Endpoint).contains("Ready and not terminating"));
    assert!(short(Term::HorizontalPodAutoscaler).contains("every 15 s"));
    assert!(short(Term::Utilization).contains("requests.cpu"));
    assert!(short(Term::StabilizationWindow).contains("last 300 s"));
}
