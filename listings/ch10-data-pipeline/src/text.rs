//! Text read within limits. Both readers of the book, this chapter's `read_csv` and the
//! trainer's table of Chapter 11, read through [`Limited`], which checks every block of bytes
//! before the next one is read: a line longer than [`MAX_LINE_BYTES`], a NUL byte, or more than
//! [`MAX_FILE_BYTES`] in all stops the reading at once. A file with no line breaks at all (such
//! as `/dev/zero`) is refused after one line, not when the memory runs out, and a file too
//! large is refused before its first byte is read.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

// ANCHOR: limits
/// The longest line the readers accept: 64 KiB, over a thousand times the longest line of the
/// book's files.
pub const MAX_LINE_BYTES: usize = 1 << 16;
/// The largest file they read: 256 MiB, over nine million rows of the churn file.
pub const MAX_FILE_BYTES: u64 = 1 << 28;
/// The largest magnitude a number in a file may have: 10^15. Up to 2^53 ≈ 9.0 · 10^15 a
/// `f64` holds every whole number exactly, and the squares of such values summed over every
/// row stay far below the largest `f64`: a standard scaler cannot overflow. A value beyond it
/// is most often a typing mistake (a lost decimal point, an exponent), and a real one belongs
/// in another unit.
pub const MAX_ABS_VALUE: f64 = 1e15;
/// The most fields the rows of a file may hold, rows times columns: 2^23, a million rows of
/// eight columns. Every field read is kept, and this bounds the memory they take.
pub const MAX_FIELDS: usize = 1 << 23;
// ANCHOR_END: limits

/// What both readers say when the rows pass `max` fields.
pub fn too_many_fields(max: usize) -> String {
    format!("the rows pass {max} fields here (rows times columns), the most this program reads")
}

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the line is longer than {MAX_LINE_BYTES} bytes, the longest this program reads")]
    LongLine { line: u64 },
    #[error(
        "a NUL byte, which no text file holds: is this a binary file, or text saved as UTF-16?"
    )]
    Nul { line: u64 },
    #[error(
        "the file is larger than {MAX_FILE_BYTES} bytes (256 MiB), the most this program reads"
    )]
    TooLarge,
}

impl TextError {
    /// The line the problem is on, if it is on one.
    pub fn line(&self) -> Option<u64> {
        match self {
            TextError::LongLine { line } | TextError::Nul { line } => Some(*line),
            TextError::TooLarge => None,
        }
    }

    /// The limit behind an error of [`Limited::read`], if it was one.
    pub fn from_io(e: &io::Error) -> Option<TextError> {
        e.get_ref()?.downcast_ref::<TextError>().copied()
    }
}

/// Opens the file at `path` for reading within the limits. A file whose size is known to pass
/// [`MAX_FILE_BYTES`] is refused here, before any of it is read.
pub fn open(path: &Path) -> io::Result<Limited<File>> {
    let file = File::open(path)?;
    if file.metadata()?.len() > MAX_FILE_BYTES {
        return Err(io::Error::other(TextError::TooLarge));
    }
    Ok(Limited::new(file))
}

// ANCHOR: limited
/// A reader that passes the bytes of `inner` through, and fails as soon as they break a limit.
/// Lines end at `\n`, `\r\n` or a lone `\r`, as the `csv` crate reads them.
pub struct Limited<R> {
    inner: R,
    bytes: u64,
    line: u64,
    line_bytes: usize,
    after_cr: bool,
}

impl<R> Limited<R> {
    pub fn new(inner: R) -> Limited<R> {
        Limited {
            inner,
            bytes: 0,
            line: 1,
            line_bytes: 0,
            after_cr: false,
        }
    }

    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// Counts `bytes` as the next bytes of the text, and fails on the first limit they break.
    pub fn check(&mut self, bytes: &[u8]) -> Result<(), TextError> {
        self.bytes += bytes.len() as u64;
        if self.bytes > MAX_FILE_BYTES {
            return Err(TextError::TooLarge);
        }
        for &b in bytes {
            match b {
                b'\n' if self.after_cr => {} // the second half of a \r\n
                b'\n' | b'\r' => {
                    self.line += 1;
                    self.line_bytes = 0;
                }
                0 => return Err(TextError::Nul { line: self.line }),
                _ => {
                    self.line_bytes += 1;
                    if self.line_bytes > MAX_LINE_BYTES {
                        return Err(TextError::LongLine { line: self.line });
                    }
                }
            }
            self.after_cr = b == b'\r';
        }
        Ok(())
    }

    /// The line the next byte will be on.
    pub fn line(&self) -> u64 {
        self.line
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.check(&buf[..n]).map_err(io::Error::other)?;
        Ok(n)
    }
}
// ANCHOR_END: limited

/// Checks a whole text against the limits at once, as [`Limited`] checks a file block by block.
pub fn check_text(text: &[u8]) -> Result<(), TextError> {
    Limited::new(io::empty()).check(text)
}

/// The line that byte `offset` of `text` is on, by the same rule: a line ends at `\n`, `\r\n`
/// or a lone `\r`.
pub fn line_of(text: &[u8], offset: usize) -> u64 {
    let before = &text[..offset.min(text.len())];
    let lone_lf = |i: usize| before[i] == b'\n' && (i == 0 || before[i - 1] != b'\r');
    let breaks = (0..before.len())
        .filter(|&i| before[i] == b'\r' || lone_lf(i))
        .count();
    1 + breaks as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_or_a_lone_cr() {
        let mut l = Limited::new(io::empty());
        l.check(b"a\nb\r\nc\rd").unwrap();
        assert_eq!(l.line(), 4);
        // A \r\n split between two blocks is still one line break.
        let mut l = Limited::new(io::empty());
        l.check(b"a\r").unwrap();
        l.check(b"\nb").unwrap();
        assert_eq!(l.line(), 2);
        assert_eq!(line_of(b"a\nb\r\nc", 5), 3);
        assert_eq!(line_of(b"a\nb", 100), 2);
    }

    #[test]
    fn a_long_line_is_refused_with_its_number_even_across_blocks() {
        let mut l = Limited::new(io::empty());
        l.check(b"header\n").unwrap();
        l.check(&vec![b'x'; MAX_LINE_BYTES]).unwrap();
        assert_eq!(l.check(b"x"), Err(TextError::LongLine { line: 2 }));
        assert!(check_text(&vec![b'x'; MAX_LINE_BYTES]).is_ok());
    }

    #[test]
    fn a_nul_byte_is_refused_with_its_line() {
        assert_eq!(check_text(b"a,b\n1,\0"), Err(TextError::Nul { line: 2 }));
    }

    #[test]
    fn dev_zero_is_refused_after_one_block() {
        let mut zeros = Limited::new(io::repeat(0));
        let mut block = [1u8; 8192];
        let e = zeros.read(&mut block).unwrap_err();
        assert_eq!(TextError::from_io(&e), Some(TextError::Nul { line: 1 }));
        // Without the NUL rule, the line rule stops an endless line just as soon.
        let mut endless = Limited::new(io::repeat(b'x'));
        let mut read = 0;
        let e = loop {
            match endless.read(&mut block) {
                Ok(n) => read += n,
                Err(e) => break e,
            }
        };
        assert!(read <= MAX_LINE_BYTES);
        assert_eq!(
            TextError::from_io(&e),
            Some(TextError::LongLine { line: 1 })
        );
    }

    #[test]
    fn more_than_the_largest_file_is_refused() {
        let mut l = Limited::new(io::empty());
        l.check(b"x\n").unwrap();
        l.bytes = MAX_FILE_BYTES - 1; // as if the rest had been read
        assert_eq!(l.check(b"x"), Ok(()));
        assert_eq!(l.check(b"x"), Err(TextError::TooLarge));
    }

    #[test]
    fn a_file_known_to_be_too_large_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        // A sparse file: 10 GB long, no disk used.
        File::create(&path)
            .unwrap()
            .set_len(10_000_000_000)
            .unwrap();
        let e = open(&path).err().unwrap();
        assert_eq!(TextError::from_io(&e), Some(TextError::TooLarge));
    }
}
