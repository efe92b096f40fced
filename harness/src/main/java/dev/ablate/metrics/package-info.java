/**
 * What a trial's model is worth: quality on the test split ({@link dev.ablate.metrics.QualityMetrics}: accuracy,
 * macro F1, NLL, ECE), and in the sub-packages what it costs: packed size, compute and energy ({@code cost}) and
 * measured inference latency ({@code latency}).
 */
package dev.ablate.metrics;
