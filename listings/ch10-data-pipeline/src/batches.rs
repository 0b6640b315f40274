//! Mini-batches of row indices, in a new order every epoch.

use rand_chacha::ChaCha8Rng;

use ch08_layers::fast;

// ANCHOR: loader
/// Hands out the rows `0..n` in batches of `batch_size`, reshuffled at every epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchLoader {
    n: usize,
    batch_size: usize,
    order: Vec<usize>,
}

impl BatchLoader {
    /// # Panics
    /// If `batch_size` is zero.
    pub fn new(n: usize, batch_size: usize) -> BatchLoader {
        assert!(batch_size > 0, "a batch needs at least one row");
        BatchLoader {
            n,
            batch_size,
            order: (0..n).collect(),
        }
    }

    /// One epoch: a fresh random order of all `n` rows drawn from `rng`, cut into batches.
    /// Every row appears exactly once; the last batch holds the `n % batch_size` rows left
    /// over, if any, rather than dropping them.
    pub fn epoch(&mut self, rng: &mut ChaCha8Rng) -> std::slice::Chunks<'_, usize> {
        // Start from 0..n each time, so an epoch's order depends on the generator alone.
        for (i, slot) in self.order.iter_mut().enumerate() {
            *slot = i;
        }
        // Fisher–Yates, to the order `shuffle` gives, with each swap's far-off position
        // asked of memory dozens of swaps early (appendix B).
        fast::shuffle(&mut self.order, rng);
        self.order.chunks(self.batch_size)
    }
    // ANCHOR_END: loader

    pub fn n(&self) -> usize {
        self.n
    }

    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    /// How many batches an epoch yields: `n / batch_size`, rounded up.
    pub fn batches_per_epoch(&self) -> usize {
        self.n.div_ceil(self.batch_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_loaders_shuffle_is_chapter_10s() {
        use crate::split::shuffle;
        use rand::RngExt;
        // Around the look-ahead of `fast::shuffle` (64 swaps), and well past it; and once a
        // million rows, where about a hundred draws take a second number from the generator.
        let sizes = [0, 1, 2, 3, 16, 17, 63, 64, 65, 66, 100, 129, 5000].map(|n| (n, 5));
        for (n, seeds) in sizes.into_iter().chain([(1_000_000, 1)]) {
            for seed in 0..seeds {
                let (mut a, mut b): (Vec<usize>, Vec<usize>) = ((0..n).collect(), (0..n).collect());
                let mut rng_a = ChaCha8Rng::seed_from_u64(seed);
                let mut rng_b = rng_a.clone();
                shuffle(&mut a, &mut rng_a);
                fast::shuffle(&mut b, &mut rng_b);
                assert_eq!(a, b, "{n} rows, seed {seed}");
                // The generator is left where `shuffle` leaves it.
                assert_eq!(rng_a.random::<u64>(), rng_b.random::<u64>());
            }
        }
    }

    #[test]
    fn ten_rows_in_batches_of_four() {
        let mut loader = BatchLoader::new(10, 4);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let sizes: Vec<usize> = loader.epoch(&mut rng).map(<[usize]>::len).collect();
        assert_eq!(sizes, vec![4, 4, 2]);
        assert_eq!(loader.batches_per_epoch(), 3);
    }

    #[test]
    fn every_epoch_covers_every_row_once_in_a_new_order() {
        let mut loader = BatchLoader::new(50, 16);
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let first: Vec<usize> = loader.epoch(&mut rng).flatten().copied().collect();
        let second: Vec<usize> = loader.epoch(&mut rng).flatten().copied().collect();
        assert_ne!(first, second);
        for order in [&first, &second] {
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_batches() {
        let run = |seed| {
            let mut loader = BatchLoader::new(20, 6);
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            (0..3)
                .map(|_| {
                    loader
                        .epoch(&mut rng)
                        .map(<[usize]>::to_vec)
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(run(5), run(5));
        assert_ne!(run(5), run(6));
    }

    #[test]
    fn an_empty_loader_yields_no_batches() {
        let mut loader = BatchLoader::new(0, 8);
        assert_eq!(loader.epoch(&mut ChaCha8Rng::seed_from_u64(0)).count(), 0);
    }
}
