//! `--checkpoint FILE`, with ausearch's meaning and file format: a run remembers the last
//! event it read and the file it read last, and the next run starts after that event.
//!
//! The file holds three lines, as ausearch writes them:
//!
//! ```text
//! dev=0xFE00
//! inode=5455892
//! output=NODE|- SEC.MSEC:SERIAL 0xTYPE
//! ```
//!
//! `dev` and `inode` name the newest input file (which keeps them when logrotate renames it),
//! `output` the last event read and the type of its first record. On resuming, the inputs
//! older than that file are passed over, then the events up to and including that event.
//! An event more than two seconds younger than it, met before it, means the checkpoint does
//! not belong to these logs (ausearch's test), as does not meeting it at all.
//!
//! Unlike ausearch, every event is output, the last ones too (ausearch holds back events that
//! may still be incomplete and so never prints the last one, audit-userspace#343). The
//! checkpoint names the last event read in input order, so no event is output twice.

use crate::event::Event;
use std::fmt::Write as _;
use std::path::Path;

/// The exit status of a run whose checkpoint file cannot be read or understood, or whose
/// logs do not hold the file it names (ausearch's 10).
pub const EXIT_BAD_CHECKPOINT: u8 = 10;
/// The exit status when the new checkpoint cannot be written (ausearch's 11).
pub const EXIT_CHECKPOINT_NOT_WRITTEN: u8 = 11;
/// The exit status when the checkpointed event is not in the logs (ausearch's 12).
pub const EXIT_EVENT_NOT_FOUND: u8 = 12;

/// How far past the checkpointed event's time an event may lie and still be read before it
/// (ausearch's MAX_EVENT_DELTA_SECS: records of one event arrive within it).
const EVENT_DELTA_SECS: u64 = 2;

/// A file by device and inode number, which survive a rename.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileId {
    pub dev: u64,
    pub inode: u64,
}

impl FileId {
    pub fn of(path: &Path) -> std::io::Result<FileId> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path)?;
        Ok(FileId {
            dev: meta.dev(),
            inode: meta.ino(),
        })
    }
}

/// One event, as the checkpoint names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventMark {
    pub node: Option<Vec<u8>>,
    pub sec: u64,
    pub msec: u16,
    pub serial: u64,
    /// The type of the event's first record.
    pub record_type: u32,
}

impl EventMark {
    /// The mark of an event with a time (records without a header have none).
    pub fn of(event: &Event) -> Option<EventMark> {
        let stamp = event.stamp()?;
        Some(EventMark {
            node: event.node().map(<[u8]>::to_vec),
            sec: stamp.sec,
            msec: stamp.msec,
            serial: stamp.serial,
            record_type: event.first().type_code().unwrap_or(0),
        })
    }

    /// The same event: node, time and serial (the type is only written, as ausearch's
    /// notion of it may differ).
    pub fn is(&self, event: &Event) -> bool {
        event.stamp().is_some_and(|s| {
            (s.sec, s.msec, s.serial) == (self.sec, self.msec, self.serial)
                && event.node() == self.node.as_deref()
        })
    }

    /// An event too young to come before the checkpointed one in the same logs.
    pub fn is_long_before(&self, event: &Event) -> bool {
        event
            .stamp()
            .is_some_and(|s| s.sec > self.sec + EVENT_DELTA_SECS)
    }

    /// Milliseconds since the epoch, for `--start checkpoint`.
    pub fn millis(&self) -> i64 {
        (self.sec * 1000 + self.msec as u64) as i64
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub file: FileId,
    /// `None` when the run read no event (ausearch writes `- 0.000:0 0x0`).
    pub last: Option<EventMark>,
}

impl Checkpoint {
    /// The checkpoint in `path`; `None` when there is no such file (a first run).
    pub fn load(path: &Path) -> Result<Option<Checkpoint>, String> {
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => {
                return Err(format!(
                    "cannot read the checkpoint {}: {}",
                    path.display(),
                    crate::input::describe_io(&err)
                ));
            }
        };
        let text = String::from_utf8_lossy(&text);
        Checkpoint::parse(&text)
            .map(Some)
            .map_err(|why| format!("the checkpoint {} is not usable: {why}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Checkpoint, String> {
        let (mut dev, mut inode, mut last) = (None, None, None);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Some(hex) = line.strip_prefix("dev=") {
                let digits = hex
                    .strip_prefix("0x")
                    .or(hex.strip_prefix("0X"))
                    .unwrap_or(hex);
                dev = Some(u64::from_str_radix(digits, 16).map_err(|_| bad_line(line))?);
            } else if let Some(number) = line.strip_prefix("inode=") {
                inode = Some(parse_inode(number).ok_or_else(|| bad_line(line))?);
            } else if let Some(event) = line.strip_prefix("output=") {
                last = parse_event(event).ok_or_else(|| bad_line(line))?;
            } else {
                return Err(bad_line(line));
            }
        }
        match (dev, inode) {
            (Some(dev), Some(inode)) if dev != 0 && inode != 0 => Ok(Checkpoint {
                file: FileId { dev, inode },
                last,
            }),
            _ => Err("its dev= or inode= line is missing".into()),
        }
    }

    /// The file's text, as ausearch writes it.
    pub fn render(&self) -> String {
        let mut out = format!("dev=0x{:X}\ninode={}\n", self.file.dev, self.file.inode);
        match &self.last {
            Some(e) => {
                let node = e
                    .node
                    .as_deref()
                    .map_or("-".into(), String::from_utf8_lossy);
                let _ = writeln!(
                    out,
                    "output={node} {}.{:03}:{} 0x{:X}",
                    e.sec, e.msec, e.serial, e.record_type
                );
            }
            None => out.push_str("output=- 0.000:0 0x0\n"),
        }
        out
    }

    /// Writes the checkpoint whole or not at all (a new file renamed over the old one).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".new");
        let temporary = std::path::PathBuf::from(temporary);
        std::fs::write(&temporary, self.render())
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|err| {
                format!(
                    "cannot write the checkpoint {}: {}",
                    path.display(),
                    crate::input::describe_io(&err)
                )
            })
    }
}

fn bad_line(line: &str) -> String {
    format!("cannot read the line '{line}'")
}

/// Decimal, or hex with `0x` (ausearch reads it with strtoull base 0).
fn parse_inode(text: &str) -> Option<u64> {
    match text.strip_prefix("0x").or(text.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

/// `NODE|- SEC.MSEC:SERIAL 0xTYPE`; a time of 0 means no event.
fn parse_event(text: &str) -> Option<Option<EventMark>> {
    let mut words = text.split(' ');
    let node = words.next()?;
    let stamp = words.next()?;
    let record_type = words.next()?;
    let (sec, rest) = stamp.split_once('.')?;
    let (msec, serial) = rest.split_once(':')?;
    let record_type = record_type
        .strip_prefix("0x")
        .or(record_type.strip_prefix("0X"))?;
    let mark = EventMark {
        node: (node != "-").then(|| node.as_bytes().to_vec()),
        sec: sec.parse().ok()?,
        msec: msec.parse().ok().filter(|&m| m < 1000)?,
        serial: serial.parse().ok()?,
        record_type: u32::from_str_radix(record_type, 16).ok()?,
    };
    Some((mark.sec != 0).then_some(mark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ausearchs_file_reads_and_writes_back_the_same() {
        let text = "dev=0xFE00\ninode=5455892\noutput=- 1492037291.038:60 0x514\n";
        let checkpoint = Checkpoint::parse(text).unwrap();
        assert_eq!(
            checkpoint.file,
            FileId {
                dev: 0xFE00,
                inode: 5455892
            }
        );
        let last = checkpoint.last.clone().unwrap();
        assert_eq!((last.sec, last.msec, last.serial), (1492037291, 38, 60));
        assert_eq!((last.node.clone(), last.record_type), (None, 1300));
        assert_eq!(last.millis(), 1_492_037_291_038);
        assert_eq!(checkpoint.render(), text);
        let with_node = "dev=0x803\ninode=12\noutput=web1 1700000000.123:456 0x7FFFFFFF\n";
        assert_eq!(Checkpoint::parse(with_node).unwrap().render(), with_node);
    }

    #[test]
    fn a_run_without_events_is_written_as_ausearch_does() {
        let text = "dev=0x1\ninode=2\noutput=- 0.000:0 0x0\n";
        let checkpoint = Checkpoint::parse(text).unwrap();
        assert_eq!(checkpoint.last, None);
        assert_eq!(checkpoint.render(), text);
    }

    #[test]
    fn damaged_files_are_refused_with_the_line() {
        assert_eq!(
            Checkpoint::parse("dev=0x1\ninode=2\noutput=- 12:3 0x0\n").unwrap_err(),
            "cannot read the line 'output=- 12:3 0x0'"
        );
        assert_eq!(
            Checkpoint::parse("dev=zz\n").unwrap_err(),
            "cannot read the line 'dev=zz'"
        );
        assert_eq!(
            Checkpoint::parse("output=- 1.000:1 0x514\n").unwrap_err(),
            "its dev= or inode= line is missing"
        );
        assert_eq!(
            Checkpoint::parse("hello\n").unwrap_err(),
            "cannot read the line 'hello'"
        );
    }
}
