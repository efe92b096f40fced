package dev.ablate.results;

import java.util.Objects;

/**
 * A typed column of a results table.
 *
 * @param name     column name (snake_case, never renamed once released)
 * @param type     storage type
 * @param javaType Java type of its values
 * @param <T>      Java type of its values
 */
public record Column<T>(String name, ColumnType type, Class<T> javaType) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!type.javaType().equals(javaType)) {
            throw new IllegalArgumentException(name + ": " + type + " holds " + type.javaType().getSimpleName()
                    + ", not " + javaType.getSimpleName());
        }
    }

    /** A UTF-8 string column. */
    public static Column<String> string(String name) {
        return new Column<>(name, ColumnType.STRING, String.class);
    }

    /** A 64-bit integer column. */
    public static Column<Long> int64(String name) {
        return new Column<>(name, ColumnType.INT64, Long.class);
    }

    /** A 32-bit integer column. */
    public static Column<Integer> int32(String name) {
        return new Column<>(name, ColumnType.INT32, Integer.class);
    }

    /** A double column. */
    public static Column<Double> float64(String name) {
        return new Column<>(name, ColumnType.DOUBLE, Double.class);
    }

    /** A UTC timestamp column, stored as TIMESTAMP(MICROS, UTC). */
    public static Column<java.time.Instant> timestamp(String name) {
        return new Column<>(name, ColumnType.TIMESTAMP, java.time.Instant.class);
    }
}
