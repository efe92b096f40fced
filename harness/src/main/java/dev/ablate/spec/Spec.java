package dev.ablate.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A validated experiment spec. Produced only by {@link SpecLoader}, so every value in it
 * has been checked; the {@link Planner} turns it into trials.
 *
 * @param experiment  experiment name, also the results folder
 * @param description free text
 * @param dataset     the resolved dataset block
 * @param seeds       replicate seeds, each sweep point runs once per seed
 * @param base        the checked {@code base:} block (partial: defaults are filled per trial)
 * @param sweep       the sweep
 * @param source      where the spec was read from (used in messages)
 * @param specHash    SHA-256 of the spec's text, recorded in every row
 */
public record Spec(String experiment, String description, DatasetSpec dataset, List<Long> seeds, JsonNode base,
                   Sweep sweep, Path source, String specHash) {
    public Spec {
        Objects.requireNonNull(experiment, "experiment");
        seeds = List.copyOf(seeds);
        base = base.deepCopy();
    }
}
