//! The subcommands, one file each. Each takes plain option structs (never clap types), runs the
//! shared pipeline and writes its results.

pub mod exec;
pub mod export;
pub mod net;
pub mod report;
pub mod search;

use crate::input::{self, DiscoverOptions, Source};
use crate::record::Stamp;
use crate::stats::RunStats;
use std::sync::Arc;

/// Finds the sources behind `inputs`, keeping discovery errors and notes for the run's stats.
pub fn discover_sources(
    inputs: &[String],
    options: &DiscoverOptions,
) -> (Arc<Vec<Source>>, RunStats) {
    let discovery = input::discover::discover(inputs, options);
    let stats = RunStats {
        errors: discovery.errors,
        passed_over: discovery.passed_over,
        ..RunStats::default()
    };
    (Arc::new(discovery.sources), stats)
}

/// Adds what discovery found to the pipeline's stats.
pub fn merge_discovery(mut run: RunStats, discovery: RunStats) -> RunStats {
    let mut errors = discovery.errors;
    errors.append(&mut run.errors);
    run.errors = errors;
    run.passed_over = discovery.passed_over;
    run
}

/// SYSTEM_BOOT, written at boot once the system is up.
const SYSTEM_BOOT: u32 = 1127;
/// DAEMON_START, written when auditd starts: at boot, and at every restart.
const DAEMON_START: u32 = 1200;
/// How long before the boot record auditd's start may be and still belong to that boot.
const BOOT_SPAN_SECS: u64 = 600;

/// When the evidence host last booted, by its own logs (never this machine's uptime): the
/// latest SYSTEM_BOOT record, taken back to the DAEMON_START of the same boot when auditd's
/// start is logged in the ten minutes before it; without SYSTEM_BOOT records, the latest
/// DAEMON_START. `None` when the logs record no start. The inputs are read once for this, so
/// stdin cannot serve.
pub fn last_boot(
    inputs: &[String],
    discover: &DiscoverOptions,
    pipeline_options: &crate::pipeline::PipelineOptions,
) -> Result<Option<Stamp>, String> {
    let (sources, discovery) = discover_sources(inputs, discover);
    if sources.iter().any(|s| s.kind == input::SourceKind::Stdin) {
        return Err(
            "'boot' is found in the logs before they are searched, so it needs files, not stdin"
                .into(),
        );
    }
    if let Some(error) = discovery.errors.first() {
        return Err(error.to_string());
    }
    let starts = |events: &[crate::event::Event]| -> Vec<(Stamp, u32)> {
        events
            .iter()
            .filter_map(|e| {
                let kind = e.records().find_map(|r| {
                    r.type_code()
                        .filter(|&t| t == SYSTEM_BOOT || t == DAEMON_START)
                })?;
                Some((e.stamp()?, kind))
            })
            .collect()
    };
    let mut found = Vec::new();
    crate::pipeline::run(sources, pipeline_options, starts, |batch| {
        found.extend(batch);
        crate::pipeline::Flow::Continue
    });
    Ok(boot_of(&found))
}

fn boot_of(starts: &[(Stamp, u32)]) -> Option<Stamp> {
    let latest = |kind: u32| {
        starts
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|(s, _)| *s)
            .max()
    };
    let Some(boot) = latest(SYSTEM_BOOT) else {
        return latest(DAEMON_START);
    };
    let daemon = starts
        .iter()
        .filter(|(s, k)| *k == DAEMON_START && *s <= boot && s.sec + BOOT_SPAN_SECS >= boot.sec)
        .map(|(s, _)| *s)
        .max();
    Some(daemon.unwrap_or(boot))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(sec: u64) -> Stamp {
        Stamp {
            sec,
            msec: 0,
            serial: sec,
        }
    }

    #[test]
    fn the_last_boot_goes_back_to_its_daemon_start() {
        let starts = [
            (at(1_000), DAEMON_START),
            (at(1_005), SYSTEM_BOOT),
            (at(50_000), DAEMON_START),
            (at(50_004), SYSTEM_BOOT),
            // auditd restarted by hand later: not a boot.
            (at(90_000), DAEMON_START),
        ];
        assert_eq!(boot_of(&starts), Some(at(50_000)));
        // auditd's start logged long before the boot record belongs to another boot.
        assert_eq!(
            boot_of(&[(at(1_000), DAEMON_START), (at(5_000), SYSTEM_BOOT)]),
            Some(at(5_000))
        );
        assert_eq!(
            boot_of(&[(at(7), DAEMON_START), (at(9), DAEMON_START)]),
            Some(at(9))
        );
        assert_eq!(boot_of(&[]), None);
    }
}
