package dev.ablate.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One fully resolved trial of a sweep: a base config merged with one sweep point, for one seed.
 *
 * @param id         content-addressed trial id (see {@link TrialKey#trialId})
 * @param seed       replicate seed
 * @param config     the resolved config (every key present), as hashed into {@link #id}
 * @param sweepPoint the overrides of this point, path → value, in the order applied
 */
public record Trial(String id, long seed, JsonNode config, JsonNode sweepPoint) {
    public Trial {
        Objects.requireNonNull(id, "id");
        config = config.deepCopy();
        sweepPoint = sweepPoint.deepCopy();
    }

    /** The config as typed values. */
    public TrialConfig typed() {
        return TrialConfig.fromJson(config);
    }
}
