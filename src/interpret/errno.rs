//! errno numbers, names and messages (`exit=-13` is `EACCES`, "Permission denied").

use super::tables::errno::ERRNO;

pub fn name(number: u32) -> Option<&'static str> {
    lookup(number).map(|e| e.1)
}

pub fn message(number: u32) -> Option<&'static str> {
    lookup(number).map(|e| e.2)
}

/// The number of an errno name (`EACCES`, also the aliases `EWOULDBLOCK` and `EDEADLOCK`).
pub fn number(name: &str) -> Option<u32> {
    let name = name.to_ascii_uppercase();
    let name = match name.as_str() {
        "EWOULDBLOCK" => "EAGAIN",
        "EDEADLOCK" => "EDEADLK",
        other => other,
    };
    ERRNO.iter().find(|e| e.1 == name).map(|e| e.0)
}

fn lookup(number: u32) -> Option<&'static (u32, &'static str, &'static str)> {
    ERRNO
        .binary_search_by_key(&number, |e| e.0)
        .ok()
        .map(|i| &ERRNO[i])
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_numbers_and_messages_agree() {
        assert_eq!(super::name(13), Some("EACCES"));
        assert_eq!(super::number("eacces"), Some(13));
        assert_eq!(super::number("EWOULDBLOCK"), Some(11));
        assert_eq!(super::message(115), Some("Operation now in progress"));
    }
}
