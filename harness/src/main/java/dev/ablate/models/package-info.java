/**
 * Architectures by name: {@link dev.ablate.models.ModelZoo} turns a {@code model:} block into an initialised
 * {@link dev.ablate.nn.Network}. Depends on {@code nn}, {@code data} and {@code spec} only.
 */
package dev.ablate.models;
