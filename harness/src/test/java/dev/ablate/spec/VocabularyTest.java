package dev.ablate.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.compress.quant.Rounding;
import dev.ablate.run.HarnessVocabulary;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registered vocabulary is well formed, and the schema takes every axis's values from it. */
class VocabularyTest {

    private static final Vocabulary VOCABULARY = Vocabulary.installed();

    @Test
    void theHarnessRegistersTheVocabulary() {
        assertInstanceOf(HarnessVocabulary.class, VOCABULARY);
    }

    @ParameterizedTest
    @EnumSource(Axis.class)
    void everyAxisHasDescribedUniqueValuesAndItsDefaultIsOne(Axis axis) {
        List<? extends Descriptor> values = VOCABULARY.descriptors(axis);
        assertFalse(values.isEmpty(), axis.toString());
        Set<String> names = new HashSet<>();
        for (Descriptor d : values) {
            assertTrue(names.add(d.specName()), axis + ": '" + d.specName() + "' twice");
            assertFalse(d.description().isBlank(), axis + " '" + d.specName() + "' has no description");
            assertTrue(d.pattern().equals(java.util.regex.Pattern.quote(d.specName())) || d.keys().isEmpty(),
                    axis + " '" + d.specName() + "': a parametric family cannot have keys of its own");
        }
        if (axis.defaultValue() != null) {
            assertTrue(names.contains(axis.defaultValue()), axis + " default " + axis.defaultValue());
        }
    }

    @Test
    void aValueIsFoundByItsSpellingAndAParametricFamilyByItsPattern() {
        assertEquals("N:M", VOCABULARY.descriptor(Axis.PRUNE_STRUCTURE, "2:4").specName());
        assertEquals("fixed<word,frac>", VOCABULARY.descriptor(Axis.TRAINING_FORMAT, "fixed<16,8>").specName());
        assertEquals(8, VOCABULARY.numberFormat(Axis.WEIGHT_FORMAT, "fp8-e4m3").elementBits(3));
        assertEquals(3, VOCABULARY.numberFormat(Axis.WEIGHT_FORMAT, "int").elementBits(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VOCABULARY.descriptor(Axis.WEIGHT_FORMAT, "int4"));
        assertTrue(e.getMessage().contains("compress.quantize.weights.format 'int4' (valid: int, binary"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VOCABULARY.numberFormat(Axis.OPTIMIZER, "sgd"));
    }

    /** The schema offers exactly the registered values at each axis's path, and each value's keys. */
    @ParameterizedTest
    @EnumSource(value = Axis.class, names = "TEACHER_ARCHITECTURE", mode = EnumSource.Mode.EXCLUDE)
    void theSchemaTakesEachAxisFromTheVocabulary(Axis axis) {
        String[] path = axis.path().split("\\.");
        SchemaNode.Obj parent = SpecSchema.TRIAL;
        for (int i = 0; i < path.length - 1; i++) {
            parent = (SchemaNode.Obj) parent.fields().get(path[i]);
        }
        SchemaNode node = parent.fields().get(path[path.length - 1]);
        for (Descriptor d : VOCABULARY.descriptors(axis)) {
            if (node instanceof SchemaNode.Choice c) {
                assertTrue(c.choices().contains(d.specName()), axis + " lacks " + d.specName());
            }
            for (String key : d.keys().keySet()) {
                assertEquals(d.keys().get(key), parent.fields().get(key), axis + " '" + d.specName() + "' key " + key);
            }
        }
        if (node instanceof SchemaNode.Choice c) {
            assertEquals(VOCABULARY.names(axis), c.choices().subList(0, VOCABULARY.names(axis).size()), axis.toString());
        }
    }

    @Test
    void theSpecsRoundingModesAreTheLibrarys() {
        assertEquals(Arrays.stream(Rounding.values()).map(Rounding::specName).toList(), SpecSchema.ROUNDINGS);
    }
}
