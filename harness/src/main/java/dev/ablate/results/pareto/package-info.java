/**
 * Pareto fronts over two result columns (e.g. model size against accuracy): which trials no other trial
 * beats on both. {@code ablate pareto} prints them.
 */
package dev.ablate.results.pareto;
