//! The subcommands, one file each. Each takes plain option structs (never clap types), runs the
//! shared pipeline and writes its results.

pub mod exec;
pub mod search;

use crate::input::{self, DiscoverOptions, Source};
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
