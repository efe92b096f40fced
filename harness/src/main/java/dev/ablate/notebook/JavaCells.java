package dev.ablate.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

/**
 * The Java of notebook cells: a JShell that compiles against the JVM's own class path (the harness and its libraries)
 * and runs snippets in this JVM ({@link ValueCapture}), so a cell gets the objects the API returns, not their text,
 * and shares the kernel's results session. A cell is split into JShell's snippets and run in order; the value of the
 * last one, when it is an expression or a variable's name, is the cell's value. {@link #IMPORTS} are in scope from
 * the first cell on. Not for concurrent use (the kernel runs one cell at a time); {@link #interrupt} may come from
 * another thread.
 */
final class JavaCells implements AutoCloseable {

    /** Imported before the first cell: the API and the types its values have, and the JDK's everyday packages. */
    static final List<String> IMPORTS = List.of("java.util.*", "java.util.stream.*", "java.nio.file.*", "java.time.*",
            "dev.ablate.notebook.Ablate", "dev.ablate.results.query.QueryResult", "dev.ablate.results.chart.*",
            "dev.ablate.results.pareto.ParetoQuery", "dev.ablate.results.pareto.ParetoFront",
            "dev.ablate.results.report.Report",
            "dev.ablate.results.report.ReportCharts");

    private final ValueCapture execution = new ValueCapture();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private boolean imported;

    /** @param classPath what cells compile against, as {@code java.class.path} writes it */
    JavaCells(String classPath) {
        shell = JShell.builder().executionEngine(execution, Map.of()).build();
        shell.addToClasspath(classPath);
        analysis = shell.sourceCodeAnalysis();
    }

    /**
     * Runs {@code source}, snippet by snippet.
     *
     * @return the value of the last snippet if it is an expression or a variable's name (possibly null), else null
     * @throws CompilationError if a snippet does not compile or the source ends incomplete; the snippets before it ran
     * @throws RuntimeException what a snippet threw, itself if unchecked, else in a {@link CellException}
     */
    Object eval(String source) {
        if (!imported) {
            imported = true;
            evalSnippets(IMPORTS.stream().map(i -> "import " + i + ";").collect(Collectors.joining("\n")));
        }
        return evalSnippets(source);
    }

    private Object evalSnippets(String source) {
        Object value = null;
        CompletionInfo info = analysis.analyzeCompletion(source);
        while (info.completeness().isComplete()) {
            value = evalSnippet(info.source());
            info = analysis.analyzeCompletion(info.remaining());
        }
        if (info.completeness() != Completeness.EMPTY) {
            throw new CompilationError("incomplete input:\n    " + info.remaining().strip());
        }
        return value;
    }

    private Object evalSnippet(String source) {
        try {
            Object value = null;
            for (SnippetEvent event : shell.eval(source)) {
                if (event.causeSnippet() != null) { // another snippet updated because of this one
                    continue;
                }
                if (event.exception() != null) {
                    throw failure(event.exception());
                }
                if (!event.status().isDefined()) {
                    throw notCompiled(event.snippet());
                }
                Snippet.SubKind kind = event.snippet().subKind();
                if (event.value() != null && (kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                        || kind == Snippet.SubKind.VAR_VALUE_SUBKIND)) {
                    value = execution.take(event.value());
                }
            }
            return value;
        } finally {
            execution.forget();
        }
    }

    private RuntimeException failure(JShellException e) {
        if (e instanceof UnresolvedReferenceException unresolved) {
            return new CompilationError(unresolved.getSnippet().source().strip() + "\ncannot run until these are "
                    + "defined: " + String.join(", ", shell.unresolvedDependencies(unresolved.getSnippet()).toList()));
        }
        Throwable thrown = execution.takeThrown().orElse(e);
        return thrown instanceof RuntimeException r ? r : new CellException(thrown);
    }

    private CompilationError notCompiled(Snippet snippet) {
        List<String> lines = new ArrayList<>();
        shell.diagnostics(snippet).filter(Diag::isError).forEach(d -> {
            d.getMessage(Locale.ROOT).lines().filter(l -> !l.strip().startsWith("location:")).forEach(lines::add);
            if (d.getStartPosition() >= 0) {
                lines.addAll(pointer(snippet.source(), (int) d.getStartPosition()));
            }
        });
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            if (!missing.isEmpty()) {
                lines.add("undefined: " + String.join(", ", missing));
            }
        }
        if (lines.isEmpty()) {
            lines.add("cannot compile: " + snippet.source().strip());
        }
        return new CompilationError(String.join("\n", lines));
    }

    /** The line of {@code source} holding {@code position}, and a caret under it. */
    private static List<String> pointer(String source, int position) {
        int start = source.lastIndexOf('\n', position - 1) + 1;
        int end = source.indexOf('\n', position);
        String line = source.substring(start, end < 0 ? source.length() : end);
        return List.of("    " + line, "    " + " ".repeat(Math.max(0, position - start)) + "^");
    }

    /** How complete {@code source} is: after its complete snippets, whether what is left is empty, open or bad. */
    Completeness completeness(String source) {
        CompletionInfo info = analysis.analyzeCompletion(source);
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return info.completeness();
    }

    /** JShell's completions at {@code cursor}; {@code anchor[0]} receives where the completed word starts. */
    List<String> complete(String source, int cursor, int[] anchor) {
        return analysis.completionSuggestions(source, cursor, anchor).stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
    }

    /** The signatures (and Javadoc, where the JDK has it) of what is named at {@code cursor}. */
    List<String> documentation(String source, int cursor) {
        return analysis.documentation(source, cursor, true).stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc()).toList();
    }

    /** Interrupts the running snippet, if any (from another thread). */
    void interrupt() {
        execution.interrupt();
    }

    @Override
    public void close() {
        shell.close();
    }
}
