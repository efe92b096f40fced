package dev.ablate.results.query;

import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/** Turns what an engine's driver returns into the values {@link ColumnKind} promises, for both engines. */
final class ResultValues {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ResultValues() {
    }

    /** Integers as Long (wider ones that fit too), instants as Instant, lists as List; everything else as is. */
    static Object normalize(Object v) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0) {
            return b.longValue();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof LocalDateTime t) { // a timestamp without zone: the results are written in UTC
            return t.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof java.sql.Array a) {
            try {
                return list(Arrays.asList((Object[]) a.getArray()));
            } catch (SQLException e) {
                return a.toString();
            }
        }
        if (v instanceof Iterable<?> seq) { // Spark arrays are Scala sequences
            return list(CollectionConverters.asJava(seq));
        }
        if (v instanceof Instant || v instanceof Number || v instanceof Boolean || v instanceof String || v == null) {
            return v;
        }
        return v.toString();
    }

    private static List<Object> list(java.lang.Iterable<?> values) {
        List<Object> list = new ArrayList<>();
        values.forEach(e -> list.add(normalize(e)));
        return list;
    }
}
