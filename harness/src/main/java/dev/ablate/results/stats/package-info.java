/**
 * Statistics over replicate trials (the seeds of one sweep point): {@link dev.ablate.results.stats.SeedSummary}
 * for Java callers and reports, and the Spark SQL aggregate functions that
 * {@link dev.ablate.results.ResultsCatalog} registers for {@code ablate query} and notebooks.
 */
package dev.ablate.results.stats;
