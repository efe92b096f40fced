package dev.ablate.run;

import dev.ablate.results.CurvesTable;
import dev.ablate.results.LatencyTable;
import dev.ablate.results.LayersTable;
import dev.ablate.results.ParquetTableWriter;
import dev.ablate.results.ParquetTables;
import dev.ablate.results.ResultsLayout;
import dev.ablate.results.Row;
import dev.ablate.results.TrialsTable;
import dev.ablate.spec.Plan;
import dev.ablate.spec.Trial;
import dev.ablate.spec.TrialKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Plan} on an {@link Executor} and writes one {@code trials} row per trial.
 * Trials already in the table are skipped (resume); with {@code retryFailed}, failed and diverged rows are
 * retired and those trials run again, so a trial never has two rows.
 *
 * <p>A stage node starts as soon as the nodes it needs have finished (its input model; for a compressed
 * model's evaluation, also its baseline's), so every ready node is in flight at once and each finished
 * trial's row is handed to the writer as soon as it arrives: a slow model does not hold back the trials of
 * the others. A node whose artifact is already stored (by an earlier run or another experiment) is not
 * submitted: a model stage counts as done and an evaluation is read back on the driver. A node whose input
 * failed is not run; its trials get a {@code failed} row naming the upstream stage. The driver keeps only
 * what waiting nodes need (the status of model stages and evaluations, the accuracy of baselines), never the
 * finished rows.
 *
 * <p>Timings ({@code eval.latency}) are the exception: they wait until every other node has finished, so that no
 * training shares the cores they measure, and then run one per core, less one core left to the driver, the JIT
 * and the garbage collector (on 2 cores, one at a time). Their trials' rows are therefore written at the end.
 */
public final class SweepRunner {

    /**
     * Knobs of a run.
     *
     * @param retryFailed run failed and diverged trials again (replacing their rows)
     * @param flushRows   flush a part file after this many rows
     * @param flushDelay  ... or when the oldest buffered row is this old
     */
    public record Options(boolean retryFailed, int flushRows, Duration flushDelay) {
        /** Defaults: keep failed rows, flush every 32 rows or 5 seconds. */
        public static final Options DEFAULT = new Options(false, 32, Duration.ofSeconds(5));

        /** These options with {@code retryFailed} set. */
        public Options withRetryFailed(boolean retry) {
            return new Options(retry, flushRows, flushDelay);
        }
    }

    private final Executor executor;
    private final ResultsLayout layout;
    private final Options options;
    private final SweepListener listener;

    public SweepRunner(Executor executor, ResultsLayout layout, Options options, SweepListener listener) {
        this.executor = executor;
        this.layout = layout;
        this.options = options;
        this.listener = listener;
    }

    /** Runs every trial of {@code plan} that is not in the results yet. */
    public SweepSummary run(Plan plan, Provenance provenance) throws InterruptedException {
        long start = System.nanoTime();
        Path table = layout.table(plan.spec().experiment(), TrialsTable.SCHEMA);
        Map<String, String> existing = new HashMap<>();
        for (Row r : ParquetTables.readAll(table, TrialsTable.SCHEMA)) {
            existing.put(r.get(TrialsTable.TRIAL_ID), r.get(TrialsTable.STATUS));
        }
        List<Trial> toRun = new ArrayList<>();
        Set<String> retired = new HashSet<>();
        for (Trial t : plan.trials()) {
            String status = existing.get(t.id());
            if (status == null) {
                toRun.add(t);
            } else if (options.retryFailed() && !TrialsTable.OK.equals(status)) {
                toRun.add(t);
                retired.add(t.id());
            }
        }
        if (!retired.isEmpty()) {
            ParquetTables.removeRows(table, TrialsTable.SCHEMA, r -> retired.contains(r.get(TrialsTable.TRIAL_ID)));
        }
        int alreadyDone = plan.trials().size() - toRun.size();
        StageGraph graph = StageGraph.of(toRun, plan.datasetFingerprint());
        listener.started(toRun.size(), alreadyDone, retired.size(), graph.counts());

        // curves, layers and latency go first: once a trial's row is on disk, they are too
        try (ParquetTableWriter writer = new ParquetTableWriter(table, TrialsTable.SCHEMA, provenance.runId(),
                options.flushRows(), options.flushDelay());
             ParquetTableWriter curveWriter = new ParquetTableWriter(layout.table(plan.spec().experiment(),
                     CurvesTable.SCHEMA), CurvesTable.SCHEMA, provenance.runId(), 100 * options.flushRows(),
                     options.flushDelay());
             ParquetTableWriter layerWriter = new ParquetTableWriter(layout.table(plan.spec().experiment(),
                     LayersTable.SCHEMA), LayersTable.SCHEMA, provenance.runId(), 10 * options.flushRows(),
                     options.flushDelay());
             ParquetTableWriter latencyWriter = new ParquetTableWriter(layout.table(plan.spec().experiment(),
                     LatencyTable.SCHEMA), LatencyTable.SCHEMA, provenance.runId(), 10 * options.flushRows(),
                     options.flushDelay())) {
            Run run = new Run(plan, graph, toRun, provenance, writer, curveWriter, layerWriter, latencyWriter);
            run.execute();
            curveWriter.flush();
            layerWriter.flush();
            latencyWriter.flush();
            writer.flush();
            SweepSummary summary = new SweepSummary(plan.trials().size(), alreadyDone, run.ok, run.failed, run.diverged,
                    run.stagesRun, run.stagesReused, Duration.ofNanos(System.nanoTime() - start), writer.filesWritten());
            listener.finished(summary);
            return summary;
        }
    }

    /** The driver's state while one sweep runs. */
    private final class Run {
        private final Plan plan;
        private final StageGraph graph;
        private final int total;
        private final Provenance provenance;
        private final ParquetTableWriter writer;
        private final ParquetTableWriter curveWriter;
        private final ParquetTableWriter layerWriter;
        private final ParquetTableWriter latencyWriter;
        private final ArtifactStore store = new ArtifactStore(layout.artifacts());
        private final BlockingQueue<StageOutcome> finished = new LinkedBlockingQueue<>();
        private final Map<String, List<Trial>> trialsByResult = new HashMap<>();
        private final Map<String, Integer> unmet = new HashMap<>();
        private final Map<String, List<StageGraph.Node>> dependents = new HashMap<>();
        /** Outcomes (without results) of the nodes others take as inputs: models, and evaluations a timing reads. */
        private final Map<String, StageOutcome> inputOutcomes = new HashMap<>();
        private final Map<String, Double> baselineAccuracy = new HashMap<>();
        private final Map<StageKind, Integer> stagesRun = new EnumMap<>(StageKind.class);
        private final Map<StageKind, Integer> stagesReused = new EnumMap<>(StageKind.class);
        /** Timings waiting for the machine to be quiet: every other node finished, and a free timing slot. */
        private final ArrayDeque<StageGraph.Node> deferredTimings = new ArrayDeque<>();
        /** Timings that run at once: one per core, less one left to the driver, the JIT and the collector. */
        private final int timingSlots = Math.max(1, executor.parallelism() - 1);
        private final Set<String> timingsRunning = new HashSet<>();
        private int unfinishedUntimed;
        private int done;
        private int ok;
        private int failed;
        private int diverged;

        Run(Plan plan, StageGraph graph, List<Trial> toRun, Provenance provenance, ParquetTableWriter writer,
            ParquetTableWriter curveWriter, ParquetTableWriter layerWriter, ParquetTableWriter latencyWriter) {
            this.plan = plan;
            this.graph = graph;
            this.total = toRun.size();
            this.provenance = provenance;
            this.writer = writer;
            this.curveWriter = curveWriter;
            this.layerWriter = layerWriter;
            this.latencyWriter = latencyWriter;
            for (Trial t : toRun) {
                trialsByResult.computeIfAbsent(graph.trialNodes(t.id()).result(), k -> new ArrayList<>()).add(t);
            }
            for (StageGraph.Node n : graph.nodes()) {
                if (n.kind() != StageKind.LATENCY) {
                    unfinishedUntimed++;
                }
                unmet.put(n.key(), n.prerequisites().size());
                n.prerequisites().forEach(p -> dependents.computeIfAbsent(p, k -> new ArrayList<>()).add(n));
            }
        }

        /** Starts every node whose prerequisites are done, as soon as they are, until all have finished. */
        void execute() throws InterruptedException {
            for (StageGraph.Node n : graph.nodes()) {
                if (n.prerequisites().isEmpty()) {
                    dispatch(n);
                }
            }
            for (int remaining = graph.size(); remaining > 0; ) {
                StageOutcome o = finished.poll(250, TimeUnit.MILLISECONDS);
                curveWriter.flushIfDue();
                layerWriter.flushIfDue();
                latencyWriter.flushIfDue();
                writer.flushIfDue();
                if (o == null) {
                    continue;
                }
                remaining--;
                StageGraph.Node node = graph.node(o.nodeKey());
                if (node.kind() == StageKind.EVALUATE || node.kind() == StageKind.LATENCY) {
                    report(node, o);
                }
                if (node.kind() != StageKind.LATENCY) {
                    // a timing needs its evaluation's status, not its result
                    inputOutcomes.put(node.key(), o.withoutResult());
                }
                for (StageGraph.Node d : dependents.getOrDefault(node.key(), List.of())) {
                    if (unmet.merge(d.key(), -1, Integer::sum) == 0) {
                        dispatch(d);
                    }
                }
                if (node.kind() == StageKind.LATENCY ? timingsRunning.remove(node.key()) : --unfinishedUntimed == 0) {
                    submitDeferredTimings();
                }
            }
        }

        private void dispatch(StageGraph.Node node) {
            String failedInput = node.inputs().stream().filter(in -> !inputOutcomes.get(in).ok()).findFirst()
                    .orElse(null);
            if (failedInput != null) {
                finished.add(upstreamFailure(node, graph.node(failedInput), inputOutcomes.get(failedInput)));
            } else if (store.contains(node.key())) {
                stagesReused.merge(node.kind(), 1, Integer::sum);
                finished.add(reused(node, store));
            } else if (node.kind() == StageKind.LATENCY) {
                deferredTimings.add(node);
                submitDeferredTimings();
            } else {
                submit(node);
            }
        }

        /** Starts deferred timings while every other node has finished and a timing slot is free. */
        private void submitDeferredTimings() {
            while (unfinishedUntimed == 0 && timingsRunning.size() < timingSlots && !deferredTimings.isEmpty()) {
                StageGraph.Node timing = deferredTimings.poll();
                timingsRunning.add(timing.key());
                submit(timing);
            }
        }

        private void submit(StageGraph.Node node) {
            stagesRun.merge(node.kind(), 1, Integer::sum);
            executor.submit(task(node, plan)).thenAccept(finished::add);
        }

        /** Writes the rows (and curves) of the trials that report on this evaluation or timing. */
        private void report(StageGraph.Node node, StageOutcome o) {
            TrialResult result = o.resultJson() == null ? null : TrialResult.fromJson(o.resultJson());
            if (node.kind() == StageKind.EVALUATE && node.modelIndex() == 0 && result != null) {
                baselineAccuracy.put(node.key(), result.accuracy());
            }
            for (Trial t : trialsByResult.getOrDefault(node.key(), List.of())) {
                Row row = TrialRows.build(plan, t, o, result, baselineAccuracy.get(graph.trialNodes(t.id()).baseline()),
                        provenance, executor.master());
                if (result != null) {
                    TrialRows.curves(plan, t, result).forEach(curveWriter::append);
                    TrialRows.layers(plan, t, result).forEach(layerWriter::append);
                    TrialRows.latency(plan, t, result, o.host()).forEach(latencyWriter::append);
                }
                writer.append(row);
                done++;
                switch (o.status()) {
                    case TrialsTable.OK -> ok++;
                    case TrialsTable.DIVERGED -> diverged++;
                    default -> failed++;
                }
                listener.trialFinished(row, done, total, failed + diverged);
            }
        }
    }

    private StageTask task(StageGraph.Node node, Plan plan) {
        Trial t = node.trial();
        return new StageTask(node.key(), node.kind(), node.modelIndex(), TrialKey.canonicalJson(t.config()), t.seed(),
                plan.spec().dataset(), plan.datasetFingerprint(), layout.root().toString());
    }

    /** The outcome of a node whose artifact is already stored: read back on the driver, nothing submitted. */
    private static StageOutcome reused(StageGraph.Node node, ArtifactStore store) {
        Instant now = Instant.now();
        String result = node.kind() == StageKind.EVALUATE || node.kind() == StageKind.LATENCY
                ? new String(store.read(node.key()), StandardCharsets.UTF_8) : null;
        return new StageOutcome(node.key(), TrialsTable.OK, null, result, "reused", "driver", now, now);
    }

    private static StageOutcome upstreamFailure(StageGraph.Node node, StageGraph.Node input, StageOutcome upstream) {
        String status = TrialsTable.DIVERGED.equals(upstream.status()) ? TrialsTable.DIVERGED : TrialsTable.FAILED;
        String error = upstream.error() != null && upstream.error().startsWith("upstream ") ? upstream.error()
                : "upstream " + input.kind().label() + " stage " + input.key().substring(0, 12) + " " + upstream.status()
                + ": " + upstream.error();
        return new StageOutcome(node.key(), status, error, null, upstream.executor(), upstream.host(),
                upstream.startedAt(), upstream.finishedAt());
    }
}
