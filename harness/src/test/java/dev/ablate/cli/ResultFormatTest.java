package dev.ablate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each output format on the value types a query returns, including nulls and non-finite numbers. */
class ResultFormatTest {

    private static final List<String> COLUMNS = List.of("name", "acc", "lo", "n", "on_front");
    private static final List<List<Object>> ROWS = List.of(Arrays.asList("a,b", 0.5, Double.NaN, 3L, true),
            Arrays.asList("c", null, null, 12L, false));

    @Test
    void table() {
        assertEquals(String.join(System.lineSeparator(),
                "name  acc     lo    n   on_front",
                "----  ------  ----  --  --------",
                "a,b   0.5000   NaN   3  true    ",
                "c       null  null  12  false   ",
                "(2 rows)", ""), ResultFormat.table.render(COLUMNS, ROWS));
    }

    @Test
    void csv() {
        assertEquals("name,acc,lo,n,on_front\n\"a,b\",0.5,NaN,3,true\nc,,,12,false\n", ResultFormat.csv.render(COLUMNS, ROWS));
    }

    @Test
    void jsonWritesNonFiniteNumbersAsStrings() {
        assertEquals("[{\"name\":\"a,b\",\"acc\":0.5,\"lo\":\"NaN\",\"n\":3,\"on_front\":true},"
                + "{\"name\":\"c\",\"acc\":null,\"lo\":null,\"n\":12,\"on_front\":false}]",
                ResultFormat.json.render(COLUMNS, ROWS).replaceAll("\\s", ""));
    }
}
