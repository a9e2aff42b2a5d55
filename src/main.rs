//! The `ausift` binary: parse the command line, run the library, map the outcome to an exit status.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ausift::cli::run(std::env::args_os().collect())
}
