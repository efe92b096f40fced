package dev.ablate.results.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import org.junit.jupiter.api.Test;

/** The heat map's colour scale: its ends, clamping, and bounds. */
class ViridisScaleTest {

    @Test
    void endsAreViridisEndsAndOutsideValuesClamp() {
        ViridisScale scale = new ViridisScale(-1, 3);
        assertEquals(new Color(0x440154), scale.getPaint(-1));
        assertEquals(new Color(0x440154), scale.getPaint(-100));
        assertEquals(new Color(0x21908C), scale.getPaint(1));
        assertEquals(new Color(0xFDE725), scale.getPaint(3));
        assertEquals(new Color(0xFDE725), scale.getPaint(1e9));
    }

    @Test
    void boundsMustBeFiniteAndOrdered() {
        assertThrows(IllegalArgumentException.class, () -> new ViridisScale(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ViridisScale(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new ViridisScale(0, Double.POSITIVE_INFINITY));
    }
}
