package dev.ablate.cli;

import dev.ablate.results.ResultsLayout;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --results DIR}, on every command that reads or writes results. */
final class ResultsOption {

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Results root (default: ${DEFAULT-VALUE}).")
    Path root;

    ResultsLayout layout() {
        return new ResultsLayout(root);
    }
}
