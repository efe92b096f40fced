/**
 * The Jupyter kernel of Ablate's notebooks: Java cells on the harness's class path, magics over the
 * results, and values that display as tables, charts and reports.
 *
 * <ul>
 *   <li>{@link dev.ablate.notebook.AblateKernel} — the kernel, on {@code jjava-jupyter}'s protocol base; cells run in
 *       a JShell in the kernel's own JVM, so they get the API's objects and share its state.</li>
 *   <li>{@link dev.ablate.notebook.Ablate} — the static API a cell calls: {@code sql}, {@code results},
 *       {@code report}, {@code pareto}, {@code charts}/{@code chart}/{@code accuracyVsBits}/{@code accuracyVsSparsity},
 *       {@code spark}, {@code duckdb}, {@code display}.</li>
 *   <li>Magics: {@code %%sql} (the cell is SQL), {@code %sql SELECT …}, {@code %results [--engine duckdb|spark]
 *       [--master URL] [DIR]}.</li>
 *   <li>{@link dev.ablate.notebook.Kernelspec} and {@link dev.ablate.notebook.Jupyter} — what
 *       {@code ablate notebook install} writes, and where; {@link dev.ablate.notebook.Checkout} — the checkout the
 *       harness runs from, whose {@code results/} is the default root and whose {@code notebooks/} Jupyter serves.</li>
 * </ul>
 *
 * <p>It sits between the command line and the libraries: {@code cli → notebook → run → results}.
 */
package dev.ablate.notebook;
