//! The progress bar on stderr while the inputs are read: input bytes (compressed sizes for
//! compressed files) over all files, so that one big file moves the bar as much as many small
//! ones. Shown only when stderr is a terminal, not with `-q`, and only for inputs large enough
//! to take a while; never on stdout.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;

/// Inputs smaller than this are read before a bar would help.
pub const MIN_BYTES: u64 = 64 << 20;

/// Whether the bar may be drawn at all: stderr is a terminal and `-q` was not given.
pub fn allowed(quiet: bool, stderr_terminal: bool) -> bool {
    !quiet && stderr_terminal
}

/// Whether a bar is drawn for `total` input bytes.
pub fn shown(allowed: bool, total: u64) -> bool {
    allowed && total >= MIN_BYTES
}

/// The bar of one run; does nothing when not shown.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `total` bytes of input, drawn when [`shown`] says so.
    pub fn start(total: u64, allowed: bool) -> Progress {
        if !shown(allowed, total) {
            return Progress { bar: None };
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} reading {bytes}/{total_bytes} [{wide_bar}] {bytes_per_sec}, {eta} left",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar) }
    }

    /// Input bytes read so far.
    pub fn set(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(bytes);
        }
    }

    /// Removes the bar, so that the run's messages start on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    pub fn is_drawn(&self) -> bool {
        self.bar.is_some()
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_on_a_pipe_nor_with_quiet() {
        assert!(allowed(false, true));
        assert!(!allowed(true, true));
        assert!(!allowed(false, false));
        assert!(!allowed(true, false));
    }

    #[test]
    fn only_for_large_inputs() {
        assert!(shown(true, MIN_BYTES));
        assert!(!shown(true, MIN_BYTES - 1));
        assert!(!shown(false, 100 * MIN_BYTES));
        // stdin's size is unknown (0): no bar.
        assert!(!shown(true, 0));
    }

    #[test]
    fn a_bar_not_shown_draws_nothing() {
        let progress = Progress::start(100 * MIN_BYTES, false);
        assert!(!progress.is_drawn());
        progress.set(5);
        progress.finish();
        assert!(!Progress::start(10, true).is_drawn());
    }
}
