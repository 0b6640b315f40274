//! What the WebAssembly module exports to the page's script: plain `extern "C"` functions over
//! bytes in the module's memory, no binding generator.
//!
//! The script copies a UTF-8 string in with [`panels_alloc`], calls a function, and reads the
//! answer, a UTF-8 string, at [`panels_out_ptr`] / [`panels_out_len`]. Every call answers with
//! a status: 0 means the answer is an error message for the reader. One run is active at a time.

use std::cell::RefCell;

use crate::{Frame, Run, find, json};

thread_local! {
    static OUT: RefCell<String> = const { RefCell::new(String::new()) };
    static RUN: RefCell<Option<Box<dyn Run>>> = RefCell::new(None);
}

fn answer(status: u32, text: String) -> u32 {
    OUT.with(|out| *out.borrow_mut() = text);
    status
}

/// Reserves `len` bytes for the script to write a string into; [`panels_free`] returns them.
#[unsafe(no_mangle)]
pub extern "C" fn panels_alloc(len: usize) -> *mut u8 {
    let mut bytes = std::mem::ManuallyDrop::new(Vec::<u8>::with_capacity(len.max(1)));
    bytes.as_mut_ptr()
}

/// Returns bytes reserved by [`panels_alloc`].
///
/// # Safety
/// `ptr` and `len` are what one call of `panels_alloc` took and returned, not freed before.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn panels_free(ptr: *mut u8, len: usize) {
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
}

/// Where the last answer starts.
#[unsafe(no_mangle)]
pub extern "C" fn panels_out_ptr() -> *const u8 {
    OUT.with(|out| out.borrow().as_ptr())
}

/// The last answer's length in bytes.
#[unsafe(no_mangle)]
pub extern "C" fn panels_out_len() -> usize {
    OUT.with(|out| out.borrow().len())
}

/// # Safety
/// `ptr` points at `len` initialised bytes.
unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, String> {
    if len == 0 {
        return Ok("");
    }
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).map_err(|_| "the text passed in is not UTF-8".to_string())
}

/// Describes the panel named by the string at `name`: its settings and chart, as JSON.
///
/// # Safety
/// `name` points at `name_len` initialised bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn panels_describe(name: *const u8, name_len: usize) -> u32 {
    match unsafe { text(name, name_len) }.and_then(find) {
        Ok(panel) => answer(1, json::describe(panel)),
        Err(e) => answer(0, e),
    }
}

/// Starts the panel `name` with the settings `query` (`key=value&...`); the answer is
/// `{"units": N}`, the number of units the run will take.
///
/// # Safety
/// Each pointer points at its length of initialised bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn panels_start(
    name: *const u8,
    name_len: usize,
    query: *const u8,
    query_len: usize,
) -> u32 {
    let started = unsafe { text(name, name_len) }
        .and_then(find)
        .and_then(|panel| {
            let values = panel.parse(unsafe { text(query, query_len) }?)?;
            (panel.start)(&values)
        });
    RUN.with(|run| *run.borrow_mut() = None);
    match started {
        Ok(run) => {
            let units = run.units();
            RUN.with(|slot| *slot.borrow_mut() = Some(run));
            answer(1, format!("{{\"units\":{units}}}"))
        }
        Err(e) => answer(0, e),
    }
}

/// Advances the active run by up to `units` units. Answers 1 while it goes on and 2 once it
/// has finished, each time with a frame of what those units printed and plotted; 0 with a
/// message when the run failed or none is active.
#[unsafe(no_mangle)]
pub extern "C" fn panels_advance(units: u32) -> u32 {
    RUN.with(|slot| {
        let mut slot = slot.borrow_mut();
        let Some(run) = slot.as_mut() else {
            return answer(0, "no run is active; start one first".to_string());
        };
        let mut frame = Frame::default();
        for _ in 0..units.max(1) {
            match run.advance(&mut frame) {
                Ok(false) => {}
                Ok(true) => {
                    *slot = None;
                    return answer(2, json::frame(&frame));
                }
                Err(e) => {
                    *slot = None;
                    return answer(0, e);
                }
            }
        }
        answer(1, json::frame(&frame))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out() -> String {
        let bytes = unsafe { std::slice::from_raw_parts(panels_out_ptr(), panels_out_len()) };
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn start(name: &str, query: &str) -> u32 {
        unsafe { panels_start(name.as_ptr(), name.len(), query.as_ptr(), query.len()) }
    }

    #[test]
    fn the_exports_run_a_panel_from_start_to_end() {
        let name = "ch09-optimizers/valley";
        assert_eq!(unsafe { panels_describe(name.as_ptr(), name.len()) }, 1);
        assert!(out().contains("\"sgd_lr\""));
        assert_eq!(start(name, "steps=20"), 1);
        assert_eq!(out(), "{\"units\":20}");
        assert_eq!(panels_advance(5), 1);
        assert!(out().starts_with("{\"text\":\"f(x, y)"), "{}", out());
        assert_eq!(panels_advance(100), 2);
        assert!(out().contains("  20 "), "{}", out());
        assert_eq!(panels_advance(1), 0);
        assert!(out().contains("no run is active"));
    }

    #[test]
    fn errors_are_answers_not_traps() {
        assert_eq!(start("ch09-optimizers/valley", "steps=0"), 0);
        assert!(out().contains("outside the range"), "{}", out());
        assert_eq!(start("nothing", ""), 0);
        assert_eq!(unsafe { panels_describe([0xff].as_ptr(), 1) }, 0);
        assert!(out().contains("not UTF-8"));
        let ptr = panels_alloc(16);
        unsafe { panels_free(ptr, 16) };
    }
}
