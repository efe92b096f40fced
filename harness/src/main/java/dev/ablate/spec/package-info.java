/**
 * The spec language: a YAML file read with line and column kept ({@link dev.ablate.spec.YamlReader},
 * {@link dev.ablate.spec.SpecLoader}), validated against one schema tree ({@link dev.ablate.spec.SpecSchema},
 * {@link dev.ablate.spec.SchemaNode}) with located errors ({@link dev.ablate.spec.SpecException}), and expanded by
 * the {@link dev.ablate.spec.Planner} into a {@link dev.ablate.spec.Plan}: one resolved, typed
 * {@link dev.ablate.spec.TrialConfig} per sweep point and seed, keys without effect dropped so that equivalent
 * trials merge, each identified by a content hash ({@link dev.ablate.spec.TrialKey}). The package sits below the
 * libraries: checks that need them (a format a granularity cannot take, say) come in through the planner's
 * checker argument.
 */
package dev.ablate.spec;
