//! Memory in pages of two megabytes for large arrays, where Linux has them.
//!
//! Each epoch reads the training matrix's rows in a random order, one row (48 bytes for the
//! churn data) from anywhere in the matrix: tens of megabytes for a million rows. The processor
//! finds an address in memory through a table of the pages it was recently given, and with the
//! usual pages of four kilobytes that table covers a few megabytes: most rows then cost a walk
//! through the page tables, on top of the trip to memory for the row itself. With pages of two megabytes a
//! matrix of 40 MB is twenty pages, and the table holds them all.
//!
//! Linux gives such pages (transparent huge pages) to memory marked with
//! `madvise(MADV_HUGEPAGE)`, or to all memory if the machine is set up so. [`HugePages`] is the
//! system's allocator with that mark on every block of [`LARGE`] bytes or more, as NumPy marks
//! every array of that size. The mark changes where the numbers are kept, never what they are.

use std::alloc::{GlobalAlloc, Layout, System};

/// The system's allocator, which asks Linux for pages of two megabytes for blocks of
/// [`LARGE`] bytes or more. A program that trains on large data installs it with
/// `#[global_allocator]`. Elsewhere than Linux it is the system's allocator alone.
pub struct HugePages;

/// The size from which a block is marked: the size from which NumPy marks its arrays.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub const LARGE: usize = 4 << 20;

/// The size of a huge page on x86-64 (and the usual one on ARM).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const HUGE_PAGE: usize = 2 << 20;

// SAFETY: every block is the system allocator's, allocated and freed by it; the mark only
// changes how the pages inside a block are backed.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller keeps `alloc`'s contract, which `System` has too.
        let block = unsafe { System.alloc(layout) };
        mark(block, layout.size());
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let block = unsafe { System.alloc_zeroed(layout) };
        mark(block, layout.size());
        block
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        // SAFETY: `block` came from `System` (by way of this allocator), with `layout`.
        let block = unsafe { System.realloc(block, layout, size) };
        mark(block, size);
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: as for `realloc`.
        unsafe { System.dealloc(block, layout) }
    }
}

// ANCHOR: mark
/// Marks the whole huge pages inside a block of `size` bytes at `block`, if it is large: a
/// page only partly inside may hold other blocks, and is left as it is. Best effort: where
/// the kernel has no huge pages, it refuses, and the block stays as it was.
fn mark(block: *mut u8, size: usize) {
    #[cfg(target_os = "linux")]
    if size >= LARGE && !block.is_null() {
        let start = (block as usize).next_multiple_of(HUGE_PAGE);
        let end = (block as usize + size) / HUGE_PAGE * HUGE_PAGE;
        if start < end {
            let pages = start as *mut libc::c_void;
            // SAFETY: the pages lie inside the block just allocated; the advice changes how
            // they are backed, never what they hold, and reads and writes nothing.
            unsafe { libc::madvise(pages, end - start, libc::MADV_HUGEPAGE) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (block, size);
}
// ANCHOR_END: mark

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// The flags of the mapping of this process that holds `address`, from `/proc/self/smaps`.
    fn flags_at(address: usize) -> String {
        let smaps = std::fs::read_to_string("/proc/self/smaps").expect("Linux has smaps");
        let mut inside = false;
        for line in smaps.lines() {
            let range = line
                .split_whitespace()
                .next()
                .and_then(|r| r.split_once('-'));
            if let Some((from, to)) = range
                && let (Ok(from), Ok(to)) = (
                    usize::from_str_radix(from, 16),
                    usize::from_str_radix(to, 16),
                )
            {
                inside = (from..to).contains(&address);
            } else if inside && let Some(flags) = line.strip_prefix("VmFlags:") {
                return flags.to_string();
            }
        }
        panic!("no mapping holds {address:#x}")
    }

    /// Whether this kernel has transparent huge pages at all.
    fn kernel_has_them() -> bool {
        std::path::Path::new("/sys/kernel/mm/transparent_hugepage/enabled").exists()
    }

    #[test]
    fn large_blocks_are_marked_and_small_ones_are_not() {
        let marked = |address: usize| flags_at(address).split_whitespace().any(|f| f == "hg");
        // A small block is left alone (made first, where no large block has been).
        let small = Box::new([1u8; 1000]);
        assert!(!marked(small.as_ptr() as usize));
        for size in [LARGE, 3 * LARGE + 12_345] {
            let layout = Layout::from_size_align(size, 8).unwrap();
            for zeroed in [false, true] {
                // SAFETY: a layout of nonzero size; the block is written within its size,
                // grown, read and freed with that layout.
                unsafe {
                    let block = if zeroed {
                        HugePages.alloc_zeroed(layout)
                    } else {
                        HugePages.alloc(layout)
                    };
                    assert!(!block.is_null());
                    block.write_bytes(7, size);
                    let inside = (block as usize).next_multiple_of(HUGE_PAGE);
                    assert_eq!(marked(inside), kernel_has_them(), "{size} bytes");
                    let grown = HugePages.realloc(block, layout, 2 * size);
                    assert!(!grown.is_null());
                    // The numbers stay what they were.
                    assert!((0..size).all(|i| *grown.add(i) == 7));
                    let inside = (grown as usize).next_multiple_of(HUGE_PAGE);
                    assert_eq!(marked(inside), kernel_has_them());
                    HugePages.dealloc(grown, Layout::from_size_align(2 * size, 8).unwrap());
                }
            }
        }
    }
}
