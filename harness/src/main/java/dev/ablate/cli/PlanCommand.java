package dev.ablate.cli;

import dev.ablate.results.ParquetTables;
import dev.ablate.results.TrialsTable;
import dev.ablate.run.StageGraph;
import dev.ablate.run.StageKind;
import dev.ablate.spec.Plan;
import dev.ablate.spec.Trial;
import dev.ablate.spec.TrialKey;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ablate plan SPEC}: the resolved trials and the unique stages they share, without running anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Validate a spec and print its trials (id, seed, sweep point) and the unique stages they "
                + "share, without running anything.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    SpecArguments specArguments;

    @Mixin
    ResultsOption results;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        Plan plan = specArguments.plan();
        Set<String> done = ParquetTables.trialIds(results.layout().table(plan.spec().experiment(), TrialsTable.SCHEMA),
                Set.of(TrialsTable.OK));
        out.printf("%-4s  %-12s  %-5s  %-4s  %s%n", "#", "trial_id", "seed", "done", "sweep point");
        int i = 0;
        for (Trial t : plan.trials()) {
            out.printf("%-4d  %-12s  %-5d  %-4s  %s%n", i++, t.id().substring(0, 12), t.seed(),
                    done.contains(t.id()) ? "yes" : "", TrialKey.canonicalJson(t.sweepPoint()));
        }
        String stages = StageGraph.describe(StageGraph.of(plan.trials(), plan.datasetFingerprint()).counts());
        out.printf("%nexperiment %s: %d trials (%d seeds), %d already ok in %s%n", plan.spec().experiment(),
                plan.trials().size(), plan.spec().seeds().size(), plan.trials().stream().filter(t -> done.contains(t.id())).count(),
                results.root);
        if (plan.excluded() > 0 || plan.duplicates() > 0) {
            out.printf("%d excluded by sweep.exclude, %d duplicates merged%n", plan.excluded(), plan.duplicates());
        }
        out.printf("unique stages: %s%n", stages);
        out.printf("dataset %s, fingerprint %s%n", plan.spec().dataset().name(), plan.datasetFingerprint().substring(0, 16));
        out.flush();
        return 0;
    }
}
