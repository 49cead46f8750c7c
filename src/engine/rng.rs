//! The simulation's only source of randomness: ChaCha8 seeded by the scenario, so a seed gives the
//! same pod names on every platform (no OS entropy, no `usize` in anything random).

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

#[derive(Debug, Clone)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    pub fn new(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A uniformly distributed number in `0..bound` (`bound > 0`), by rejection sampling.
    pub fn below(&mut self, bound: u32) -> u32 {
        let zone = u32::MAX - (u32::MAX % bound);
        loop {
            let v = self.0.next_u32();
            if v < zone {
                return v % bound;
            }
        }
    }
}
