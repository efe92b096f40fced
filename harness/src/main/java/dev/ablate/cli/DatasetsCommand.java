package dev.ablate.cli;

import dev.ablate.data.DatasetRegistry;
import dev.ablate.data.DatasetUnavailableException;
import dev.ablate.nn.Blas;
import dev.ablate.spec.DatasetSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ablate datasets}: the built-in datasets and whether each is available here. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the built-in datasets and whether each can be loaded on this machine.")
final class DatasetsCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        for (String name : DatasetRegistry.names()) {
            switch (name) {
                case "csv" -> out.printf("%-20s any CSV file: dataset: {name: csv, path: FILE, label: COLUMN}%n", name);
                case "synthetic" -> out.printf("%-20s generated Gaussian blobs (for tests)%n", name);
                default -> {
                    try {
                        String fp = DatasetRegistry.fingerprint(DatasetSpec.named(name, 0));
                        out.printf("%-20s available (fingerprint %s)%n", name, fp.substring(0, 16));
                    } catch (DatasetUnavailableException e) {
                        out.printf("%-20s NOT available: %s%n", name, e.getMessage());
                    }
                }
            }
        }
        out.printf("%nBLAS: %s%s%n", Blas.implementationName(), Blas.fasterHint().map(h -> " (" + h + ")").orElse(""));
        out.flush();
        return 0;
    }
}
