//! The kubectl layer: command lines in, kubectl's exact output out.
