package dev.ablate.results.query;

/** What a column of a {@link QueryResult} holds, whatever engine computed it. */
public enum ColumnKind {
    /** {@link Boolean} values. */
    BOOLEAN,
    /** Integers of any width, as {@link Long} (or {@link java.math.BigInteger} beyond its range). */
    INTEGER,
    /** Floating point, as {@link Double} or {@link Float}. */
    REAL,
    /** Fixed-point decimals, as {@link java.math.BigDecimal}. */
    DECIMAL,
    /** Text, as {@link String}. */
    STRING,
    /** Instants, as {@link java.time.Instant}. */
    TIMESTAMP,
    /** Anything else (dates, lists, structs): lists as {@link java.util.List}, the rest as text. */
    OTHER;

    /** Whether values of this kind are numbers. */
    public boolean isNumeric() {
        return this == INTEGER || this == REAL || this == DECIMAL;
    }
}
