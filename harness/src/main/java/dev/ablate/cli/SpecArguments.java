package dev.ablate.cli;

import dev.ablate.data.DatasetRegistry;
import dev.ablate.run.StagePipeline;
import dev.ablate.spec.Plan;
import dev.ablate.spec.Planner;
import dev.ablate.spec.Spec;
import dev.ablate.spec.SpecLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec file and planning options shared by {@code run} and {@code plan}. */
final class SpecArguments {

    @Parameters(index = "0", paramLabel = "SPEC", description = "The experiment spec (YAML).")
    Path spec;

    @Option(names = "--max-trials", paramLabel = "N", defaultValue = "" + Planner.DEFAULT_MAX_TRIALS,
            description = "Refuse sweeps that expand to more trials than this (default: ${DEFAULT-VALUE}).")
    long maxTrials;

    /** Loads, validates and plans the spec (fingerprinting its dataset). */
    Plan plan() {
        Spec s = SpecLoader.load(spec);
        return Planner.plan(s, DatasetRegistry.fingerprint(s.dataset()), maxTrials, StagePipeline::check);
    }
}
