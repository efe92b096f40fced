package dev.ablate.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The columns of one results table, in order, and their Parquet schema.
 *
 * @param name    table name: the folder under each experiment and the SQL view name
 * @param columns columns in order
 */
public record TableSchema(String name, List<Column<?>> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
        Map<String, Column<?>> seen = new LinkedHashMap<>();
        for (Column<?> c : columns) {
            if (seen.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column " + c.name() + " in table " + name);
            }
        }
    }

    /** Position of {@code column}, or -1. */
    public int indexOf(Column<?> column) {
        return columns.indexOf(column);
    }

    /** The Parquet message type: every column optional; strings UTF-8; timestamps MICROS adjusted to UTC. */
    public MessageType parquetSchema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column<?> c : columns) {
            Type t = switch (c.type()) {
                case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.name());
                case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(c.name());
                case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
                case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
                case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.name());
            };
            b.addField(t);
        }
        return b.named(name);
    }
}
