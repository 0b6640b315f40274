//! Clocks, the machine's load, and a child process's CPU time and peak memory.

use std::process::Command;
use std::time::Instant;

/// CPU time of this thread, in seconds.
pub fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// One timed run: how much work it did, its CPU time and its wall time.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub samples: f64,
    pub cpu_s: f64,
    pub wall_s: f64,
    /// Peak resident memory in bytes, for runs in a child process.
    pub max_rss: Option<f64>,
}

impl Timing {
    pub fn busy(&self) -> f64 {
        self.cpu_s / self.wall_s
    }
}

/// Times `work`, which returns how many samples it processed.
pub fn time<T>(work: impl FnOnce() -> (T, f64)) -> (T, Timing) {
    let (cpu, wall) = (thread_cpu(), Instant::now());
    let (result, samples) = work();
    let timing = Timing {
        samples,
        cpu_s: thread_cpu() - cpu,
        wall_s: wall.elapsed().as_secs_f64(),
        max_rss: None,
    };
    (result, timing)
}

/// Runs `command` to its end with its output discarded; its CPU time (user + system) comes from
/// `wait4`, its peak resident memory from `/usr/bin/time` where there is one. (`wait4`'s own
/// peak is no use here: a child started from this program inherits this program's peak, the
/// million rows it holds, and Linux keeps that peak across `exec`.)
pub fn time_child(command: &mut Command) -> Result<Timing, String> {
    let gnu_time = std::path::Path::new("/usr/bin/time");
    let peak_file = std::env::temp_dir().join(format!("bench-peak-{}", std::process::id()));
    let mut wrapped;
    let command = if gnu_time.exists() {
        wrapped = Command::new(gnu_time);
        wrapped.arg("-f").arg("%M").arg("-o").arg(&peak_file);
        wrapped.arg(command.get_program()).args(command.get_args());
        &mut wrapped
    } else {
        command
    };
    let wall = Instant::now();
    let child = command
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: all-zero is a valid rusage.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: our own child, valid pointers.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall_s = wall.elapsed().as_secs_f64();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{command:?} failed (status {status})"));
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    let max_rss = if gnu_time.exists() {
        let text = std::fs::read_to_string(&peak_file).unwrap_or_default();
        let _ = std::fs::remove_file(&peak_file);
        // The last line is the peak in KiB (a line before it may say the program was killed).
        let kib = text
            .lines()
            .last()
            .and_then(|l| l.trim().parse::<f64>().ok());
        kib.map(|kib| kib * 1024.0)
    } else {
        Some(usage.ru_maxrss as f64 * 1024.0)
    };
    Ok(Timing {
        samples: 0.0,
        cpu_s: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        wall_s,
        max_rss,
    })
}

/// The load averages over 1, 5 and 15 minutes.
pub fn loadavg() -> (f64, f64, f64) {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut fields = text
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(f64::NAN));
    let mut next = || fields.next().unwrap_or(f64::NAN);
    (next(), next(), next())
}

/// The number of CPUs this process may run on.
pub fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The CPU's model name, from /proc/cpuinfo.
pub fn cpu_model() -> String {
    let text = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or_else(|| "unknown CPU".to_string(), |m| m.trim().to_string())
}

/// The median of some numbers (the upper one of the middle two for an even count).
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}
