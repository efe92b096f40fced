/**
 * The {@code ablate} command line (picocli): {@link dev.ablate.cli.AblateCli} and one command class per
 * subcommand ({@code run}, {@code plan}, {@code query}, {@code pareto}, {@code report}, {@code datasets},
 * {@code bench}, {@code notebook}). Commands print what was asked for on standard output and one located line on
 * standard error for bad input (exit code 2); {@code --verbose} adds the libraries' logs.
 */
package dev.ablate.cli;
