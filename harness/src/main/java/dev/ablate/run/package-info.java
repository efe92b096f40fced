/**
 * Running a plan: every trial is split into content-keyed stages ({@link dev.ablate.run.StageChain}: train,
 * retrain, prune, quantize, evaluate, latency, and distillation teachers) that trials share, scheduled as a graph
 * ({@link dev.ablate.run.StageGraph}) on an {@link dev.ablate.run.Executor} (Spark, or a local thread pool for
 * tests) by the {@link dev.ablate.run.SweepRunner}, which writes one row per finished trial. A stage's output is
 * an artifact in the {@link dev.ablate.run.ArtifactStore}, so a stage runs once however many trials read it and a
 * resumed sweep recomputes nothing it has. {@link dev.ablate.run.StagePipeline} is the work of each stage kind;
 * {@link dev.ablate.run.TrialRows} turns a result into the rows of the results tables.
 */
package dev.ablate.run;
