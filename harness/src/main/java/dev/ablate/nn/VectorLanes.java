package dev.ablate.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float vector species the {@code nn} kernels use.
 *
 * <p>{@code SPECIES_MAX}, as DESIGN.md §5 prescribes: mixing species in one JVM destroys the JIT's type
 * profiles of the vector code. Element-wise kernels give the same bits for every species (each lane does the
 * same IEEE float32 operations as the scalar tail), so results do not depend on the machine's vector width.
 */
final class VectorLanes {

    /** The float species of every vector loop in this package. */
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_MAX;

    private VectorLanes() {
    }
}
