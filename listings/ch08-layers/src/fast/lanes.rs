//! `libm`'s exp and log1p, many arguments at a time, with `libm`'s bits.
