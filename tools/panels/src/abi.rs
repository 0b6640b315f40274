//! What the WebAssembly module exports to the page's scripts: plain `extern "C"` functions over
//! bytes in the module's memory, no binding generator.
//!
//! The script copies a UTF-8 string in with [`panels_alloc`], calls a function, and reads the
//! answer, a UTF-8 string, at [`panels_out_ptr`] / [`panels_out_len`]. Every call answers with
//! a status: 0 means the answer is an error message for the reader. While [`panels_run`] runs,
//! the module hands the script one message at a time through the one function it imports,
//! `panels.panels_emit(ptr, len)` (in the page's worker, `src/panels/worker.js`).

use std::cell::RefCell;

use crate::{find, json};

thread_local! {
    static OUT: RefCell<String> = const { RefCell::new(String::new()) };
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "panels")]
unsafe extern "C" {
    /// The script's: reads the UTF-8 message of `len` bytes at `ptr` before it returns.
    safe fn panels_emit(ptr: *const u8, len: usize);
}

/// Hands one message to the script while a run goes on.
#[cfg(target_arch = "wasm32")]
fn emit(message: &str) {
    panels_emit(message.as_ptr(), message.len());
}

// Natively (the tests) the messages are kept to be read back.
#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static EMITTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

#[cfg(not(target_arch = "wasm32"))]
fn emit(message: &str) {
    EMITTED.with(|e| e.borrow_mut().push(message.to_string()));
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

/// Runs the panel `name` with the settings `query` (`key=value&...`) to the end. First it
/// emits `{"units": N}`, the most units the run will take, then the run's frames
/// (`{"text": ..., "points": ...}`, see [`json::frame`]) as they are made. Answers 1 once the
/// run has finished; 0 with a message when the settings are refused or the run fails (after
/// the frames made before the failure).
///
/// # Safety
/// Each pointer points at its length of initialised bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn panels_run(
    name: *const u8,
    name_len: usize,
    query: *const u8,
    query_len: usize,
) -> u32 {
    let ran = unsafe { text(name, name_len) }
        .and_then(find)
        .and_then(|panel| {
            let values = panel.parse(unsafe { text(query, query_len) }?)?;
            let mut run = (panel.start)(&values)?;
            emit(&format!("{{\"units\":{}}}", run.units()));
            run.to_end(&mut |frame| emit(&json::frame(&frame)))
        });
    match ran {
        Ok(()) => answer(1, String::new()),
        Err(e) => answer(0, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out() -> String {
        let bytes = unsafe { std::slice::from_raw_parts(panels_out_ptr(), panels_out_len()) };
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn run(name: &str, query: &str) -> (u32, Vec<String>) {
        EMITTED.with(|e| e.borrow_mut().clear());
        let status = unsafe { panels_run(name.as_ptr(), name.len(), query.as_ptr(), query.len()) };
        (status, EMITTED.with(|e| e.borrow_mut().split_off(0)))
    }

    #[test]
    fn the_exports_run_a_panel_from_start_to_end() {
        let name = "ch09-optimizers/valley";
        assert_eq!(unsafe { panels_describe(name.as_ptr(), name.len()) }, 1);
        assert!(out().contains("\"sgd_lr\""));
        let (status, messages) = run(name, "steps=20");
        assert_eq!(status, 1, "{}", out());
        assert_eq!(messages.len(), 21, "the units, then a frame per step");
        assert_eq!(messages[0], "{\"units\":20}");
        assert!(
            messages[1].starts_with("{\"text\":\"f(x, y)"),
            "{}",
            messages[1]
        );
        assert!(messages[20].contains("  20 "), "{}", messages[20]);
    }

    #[test]
    fn a_failing_run_emits_what_it_did_then_says_why() {
        let (status, messages) = run("ch09-optimizers/valley", "sgd_lr=5");
        assert_eq!(status, 0);
        assert!(out().starts_with("sgd diverged"), "{}", out());
        assert!(messages.len() > 1, "{messages:?}");
    }

    #[test]
    fn errors_are_answers_not_traps() {
        assert_eq!(run("ch09-optimizers/valley", "steps=0"), (0, vec![]));
        assert!(out().contains("outside the range"), "{}", out());
        assert_eq!(run("nothing", "").0, 0);
        assert_eq!(unsafe { panels_describe([0xff].as_ptr(), 1) }, 0);
        assert!(out().contains("not UTF-8"));
        let ptr = panels_alloc(16);
        unsafe { panels_free(ptr, 16) };
    }
}
