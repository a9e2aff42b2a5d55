//! `--format raw`: each event's records exactly as in the input, bytes unchanged, one per line
//! (what `ausearch --raw` gives, without its added 0x1d bytes).

use crate::event::Event;

pub fn write_event(out: &mut Vec<u8>, event: &Event) {
    for record in event.records() {
        out.extend_from_slice(record.text);
        out.push(b'\n');
    }
}
