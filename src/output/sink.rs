//! Standard output for results: block-buffered into a pipe or file, flushed per batch on a
//! terminal (or with `--line-buffered`), terminal-escaped when a terminal shows it, and quiet
//! when the reader goes away (`| head`); coloured, when asked, after the escaping.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

pub struct Sink {
    out: io::BufWriter<Box<dyn Write + Send>>,
    flush_each: bool,
    escape: TerminalEscape,
    paint: Option<Painter>,
    closed: bool,
}

/// Colours text after it was escaped for the terminal (see [`super::color`]).
pub type Painter = Box<dyn Fn(&[u8]) -> Vec<u8> + Send>;

/// What a terminal must not see of a format's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TerminalEscape {
    /// Nothing to escape (not a terminal).
    Nothing,
    /// Records as they were logged: control characters and invalid UTF-8 as `\xNN`, and
    /// backslashes doubled so that no escape can be forged.
    Verbatim,
    /// Text whose writer escaped its values already: control characters that remain (DEL,
    /// C1, invalid UTF-8) as `\xNN`, backslashes kept.
    Controls,
}

/// What became of a write.
#[derive(Debug)]
pub enum SinkError {
    /// The reader closed the pipe: stop quietly, exit 0.
    Closed,
    Io(io::Error),
}

impl Sink {
    /// Stdout. `line_buffered` forces a flush after every batch; a terminal always gets one.
    /// `on_terminal` is the escaping the format needs when stdout is a terminal.
    pub fn stdout(line_buffered: bool, on_terminal: TerminalEscape) -> Sink {
        let terminal = io::stdout().is_terminal();
        Sink::new(
            Box::new(io::stdout()),
            line_buffered || terminal,
            if terminal {
                on_terminal
            } else {
                TerminalEscape::Nothing
            },
        )
    }

    pub fn new(out: Box<dyn Write + Send>, flush_each: bool, escape: TerminalEscape) -> Sink {
        Sink {
            out: io::BufWriter::with_capacity(256 * 1024, out),
            flush_each,
            escape,
            paint: None,
            closed: false,
        }
    }

    /// Colours what is written with `paint`, after the terminal escaping.
    pub fn painted(mut self, paint: Painter) -> Sink {
        self.paint = Some(paint);
        self
    }

    /// Whether every write is flushed (a terminal, or --line-buffered).
    pub fn flushes_each(&self) -> bool {
        self.flush_each
    }

    pub fn is_closed(&self) -> bool {
        self.closed
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), SinkError> {
        if self.closed {
            return Err(SinkError::Closed);
        }
        let escaped = match self.escape {
            TerminalEscape::Nothing => Cow::Borrowed(bytes),
            TerminalEscape::Verbatim => Cow::Owned(super::escape::terminal_safe_lines(bytes)),
            TerminalEscape::Controls => Cow::Owned(super::escape::controls_safe_lines(bytes)),
        };
        let result = match &self.paint {
            Some(paint) => self.out.write_all(&paint(&escaped)),
            None => self.out.write_all(&escaped),
        };
        let result = result.and_then(|()| {
            if self.flush_each {
                self.out.flush()
            } else {
                Ok(())
            }
        });
        self.check(result)
    }

    /// Writes `bytes`, keeping the first write error in `error`; false once the reader is
    /// gone or writing failed.
    pub fn write_keeping(&mut self, bytes: &[u8], error: &mut Option<io::Error>) -> bool {
        match self.write(bytes) {
            Ok(()) => true,
            Err(SinkError::Closed) => false,
            Err(SinkError::Io(err)) => {
                error.get_or_insert(err);
                false
            }
        }
    }

    pub fn finish(&mut self) -> Result<(), SinkError> {
        if self.closed {
            return Ok(());
        }
        let result = self.out.flush();
        self.check(result)
    }

    fn check(&mut self, result: io::Result<()>) -> Result<(), SinkError> {
        match result {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Err(SinkError::Closed)
            }
            Err(err) => Err(SinkError::Io(err)),
        }
    }
}
