package dev.ablate.results;

import java.util.Arrays;
import java.util.Objects;

/**
 * One immutable row of a results table; absent values are null. Build with {@link #builder(TableSchema)}.
 */
public final class Row {

    private final TableSchema schema;
    private final Object[] values;

    private Row(TableSchema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    /** A builder for a row of {@code schema}. */
    public static Builder builder(TableSchema schema) {
        return new Builder(schema);
    }

    /** The table this row belongs to. */
    public TableSchema schema() {
        return schema;
    }

    /** The value of {@code column}, or null. */
    public <T> T get(Column<T> column) {
        return column.javaType().cast(values[index(schema, column)]);
    }

    /** The value at position {@code i} of the schema, or null. */
    public Object get(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && r.schema.equals(schema) && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema.name(), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(schema.name()).append('{');
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                sb.append(schema.columns().get(i).name()).append('=').append(values[i]).append(", ");
            }
        }
        return sb.append('}').toString();
    }

    private static int index(TableSchema schema, Column<?> column) {
        int i = schema.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("column " + column.name() + " is not in table " + schema.name());
        }
        return i;
    }

    /** Sets values column by column; unset columns stay null. */
    public static final class Builder {
        private final TableSchema schema;
        private final Object[] values;

        private Builder(TableSchema schema) {
            this.schema = schema;
            this.values = new Object[schema.columns().size()];
        }

        /** Sets {@code column} to {@code value} (null clears it). */
        public <T> Builder set(Column<T> column, T value) {
            values[index(schema, column)] = value;
            return this;
        }

        /** The row. */
        public Row build() {
            return new Row(schema, values.clone());
        }
    }
}
