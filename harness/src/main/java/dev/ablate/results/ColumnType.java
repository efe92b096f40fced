package dev.ablate.results;

import java.time.Instant;

/** Storage types of result columns; every column is nullable. */
public enum ColumnType {
    /** UTF-8 string. */
    STRING(String.class),
    /** 32-bit signed integer. */
    INT32(Integer.class),
    /** 64-bit signed integer. */
    INT64(Long.class),
    /** IEEE double. */
    DOUBLE(Double.class),
    /** Instant, stored as TIMESTAMP(MICROS, adjusted to UTC). */
    TIMESTAMP(Instant.class);

    private final Class<?> javaType;

    ColumnType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java type of values of this type. */
    public Class<?> javaType() {
        return javaType;
    }
}
