//! The peak float64 rate of one core: tight loops of independent vector operations.
//!
//! With FMA, every lane of `a = a · x + y` is two floating-point operations in one
//! instruction. Without FMA (what the book's rules allow: one rounding per multiply and one per
//! add) the multiplies and the adds run as separate instructions, on chains that do not wait for
//! each other, so that the core can issue both kinds in the same cycle. Either loop keeps enough
//! independent chains in flight to hide the instructions' latency.

/// One measured peak, in GFLOP/s.
#[derive(Debug, Clone, Copy)]
pub struct Peak {
    pub name: &'static str,
    pub gflops: f64,
}

/// Every loop this CPU can run, each the best of `repeats` runs of about `seconds` CPU time.
pub fn measure(seconds: f64, repeats: usize) -> Vec<Peak> {
    let mut peaks = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        let loops: [(&'static str, bool, Loop); 5] = [
            ("AVX-512 FMA", has!("avx512f"), |n| unsafe {
                x86::fma512(n)
            }),
            ("AVX2 FMA", has!("avx2") && has!("fma"), |n| unsafe {
                x86::fma256(n)
            }),
            ("AVX-512 mul + add", has!("avx512f"), |n| unsafe {
                x86::mul_add512(n)
            }),
            ("AVX2 mul + add", has!("avx2"), |n| unsafe {
                x86::mul_add256(n)
            }),
            ("SSE2 mul + add", true, x86::mul_add128),
        ];
        for (name, available, run) in loops {
            if available {
                peaks.push(Peak {
                    name,
                    gflops: best_rate(run, seconds, repeats),
                });
            }
        }
    }
    let _ = (seconds, repeats);
    peaks
}

/// A loop of `n` iterations that returns how many floating-point operations it did (and a
/// value to keep the work from being optimized away).
type Loop = fn(u64) -> (f64, f64);

#[cfg(target_arch = "x86_64")]
fn best_rate(run: Loop, seconds: f64, repeats: usize) -> f64 {
    use crate::measure::thread_cpu;
    let mut n = 1 << 16;
    // Grow the loop until it takes about a tenth of the time asked for.
    loop {
        let start = thread_cpu();
        std::hint::black_box(run(n));
        if thread_cpu() - start > seconds / 10.0 {
            break;
        }
        n *= 2;
    }
    n *= 10;
    (0..repeats)
        .map(|_| {
            let start = thread_cpu();
            let (flops, keep) = run(n);
            std::hint::black_box(keep);
            flops / (thread_cpu() - start) / 1e9
        })
        .fold(0.0, f64::max)
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    const X: f64 = 0.999_999_9;
    const Y: f64 = 1e-9;

    #[target_feature(enable = "avx512f")]
    pub fn fma512(n: u64) -> (f64, f64) {
        let (x, y) = (_mm512_set1_pd(X), _mm512_set1_pd(Y));
        let mut acc = [_mm512_set1_pd(1.0); 12];
        for _ in 0..n {
            for a in &mut acc {
                *a = _mm512_fmadd_pd(*a, x, y);
            }
        }
        let sum = acc
            .iter()
            .fold(_mm512_setzero_pd(), |s, &a| _mm512_add_pd(s, a));
        ((n * 12 * 8 * 2) as f64, _mm512_reduce_add_pd(sum))
    }

    #[target_feature(enable = "avx2,fma")]
    pub fn fma256(n: u64) -> (f64, f64) {
        let (x, y) = (_mm256_set1_pd(X), _mm256_set1_pd(Y));
        let mut acc = [_mm256_set1_pd(1.0); 10];
        for _ in 0..n {
            for a in &mut acc {
                *a = _mm256_fmadd_pd(*a, x, y);
            }
        }
        let sum = acc
            .iter()
            .fold(_mm256_setzero_pd(), |s, &a| _mm256_add_pd(s, a));
        let mut lanes = [0.0; 4];
        unsafe { _mm256_storeu_pd(lanes.as_mut_ptr(), sum) };
        ((n * 10 * 4 * 2) as f64, lanes.iter().sum())
    }

    #[target_feature(enable = "avx512f")]
    pub fn mul_add512(n: u64) -> (f64, f64) {
        let (x, y) = (_mm512_set1_pd(X), _mm512_set1_pd(Y));
        let mut products = [_mm512_set1_pd(1.0); 8];
        let mut sums = [_mm512_set1_pd(1.0); 8];
        for _ in 0..n {
            for (p, s) in products.iter_mut().zip(&mut sums) {
                *p = _mm512_mul_pd(*p, x);
                *s = _mm512_add_pd(*s, y);
            }
        }
        let all = products.iter().chain(&sums);
        let sum = all.fold(_mm512_setzero_pd(), |s, &a| _mm512_add_pd(s, a));
        ((n * 16 * 8) as f64, _mm512_reduce_add_pd(sum))
    }

    #[target_feature(enable = "avx2")]
    pub fn mul_add256(n: u64) -> (f64, f64) {
        let (x, y) = (_mm256_set1_pd(X), _mm256_set1_pd(Y));
        let mut products = [_mm256_set1_pd(1.0); 6];
        let mut sums = [_mm256_set1_pd(1.0); 6];
        for _ in 0..n {
            for (p, s) in products.iter_mut().zip(&mut sums) {
                *p = _mm256_mul_pd(*p, x);
                *s = _mm256_add_pd(*s, y);
            }
        }
        let all = products.iter().chain(&sums);
        let sum = all.fold(_mm256_setzero_pd(), |s, &a| _mm256_add_pd(s, a));
        let mut lanes = [0.0; 4];
        unsafe { _mm256_storeu_pd(lanes.as_mut_ptr(), sum) };
        ((n * 12 * 4) as f64, lanes.iter().sum())
    }

    pub fn mul_add128(n: u64) -> (f64, f64) {
        // SSE2 is part of every x86-64 CPU.
        unsafe {
            let (x, y) = (_mm_set1_pd(X), _mm_set1_pd(Y));
            let mut products = [_mm_set1_pd(1.0); 6];
            let mut sums = [_mm_set1_pd(1.0); 6];
            for _ in 0..n {
                for (p, s) in products.iter_mut().zip(&mut sums) {
                    *p = _mm_mul_pd(*p, x);
                    *s = _mm_add_pd(*s, y);
                }
            }
            let all = products.iter().chain(&sums);
            let sum = all.fold(_mm_setzero_pd(), |s, &a| _mm_add_pd(s, a));
            let mut lanes = [0.0; 2];
            _mm_storeu_pd(lanes.as_mut_ptr(), sum);
            ((n * 12 * 2) as f64, lanes.iter().sum())
        }
    }
}
