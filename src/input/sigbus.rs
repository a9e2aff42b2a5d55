//! Survives a mapped file that shrinks while it is read. The kernel raises SIGBUS on a page
//! past the new end of file; the handler maps a zero page in its place and counts it, so the
//! read goes on (the zeros read as damaged lines) and the run reports the file as changed
//! instead of dying. `--no-mmap` avoids maps altogether for live files.

use std::sync::Once;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

static INSTALL: Once = Once::new();
static PAGE_SIZE: AtomicUsize = AtomicUsize::new(4096);
static LOST_PAGES: AtomicU64 = AtomicU64::new(0);

/// Installs the handler (once per process) before the first file is mapped.
pub fn install() {
    INSTALL.call_once(|| {
        // SAFETY: sysconf has no preconditions.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
        if page > 0 {
            PAGE_SIZE.store(page as usize, Ordering::Relaxed);
        }
        // SAFETY: a zeroed sigaction is valid; the handler only makes async-signal-safe calls.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    });
}

/// Pages replaced by zeros since the start of the run.
pub fn lost_pages() -> u64 {
    LOST_PAGES.load(Ordering::Relaxed)
}

extern "C" fn on_sigbus(_signal: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo to an SA_SIGINFO handler.
    let (code, address) = unsafe { ((*info).si_code, (*info).si_addr() as usize) };
    let page = PAGE_SIZE.load(Ordering::Relaxed);
    // Only a read past the end of a mapped file (BUS_ADRERR) is answered; anything else gets
    // the default action when the handler returns and the access repeats.
    let replaced = code == libc::BUS_ADRERR && {
        // SAFETY: MAP_FIXED over one page of a mapping of ours that lost its backing file
        // pages; mmap is async-signal-safe.
        let mapped = unsafe {
            libc::mmap(
                (address & !(page - 1)) as *mut libc::c_void,
                page,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        mapped != libc::MAP_FAILED
    };
    if replaced {
        LOST_PAGES.fetch_add(1, Ordering::Relaxed);
    } else {
        // SAFETY: restoring the default disposition is async-signal-safe.
        unsafe {
            libc::signal(libc::SIGBUS, libc::SIG_DFL);
        }
    }
}
