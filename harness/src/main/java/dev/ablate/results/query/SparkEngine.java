package dev.ablate.results.query;

import dev.ablate.results.ResultsLayout;
import dev.ablate.results.stats.SeedFunctions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A {@link ResultsEngine} on Spark SQL, for results that live on a cluster file system: temporary views over the part
 * files ({@code mergeSchema}, so older part files with fewer columns read as null there) and the seed aggregates of
 * {@link SeedFunctions}. It owns the session it is given and stops it on {@link #close()}.
 */
public final class SparkEngine extends PartFileViews {

    private final SparkSession spark;

    /** Registers the views and functions in {@code spark}, which this engine then owns. */
    public SparkEngine(SparkSession spark, ResultsLayout layout) {
        super(layout);
        this.spark = spark;
        SeedFunctions.register(spark);
        refresh();
    }

    @Override
    void createView(String table, List<Path> files) {
        spark.read().option("mergeSchema", "true").parquet(files.stream().map(Path::toString).toArray(String[]::new))
                .createOrReplaceTempView(table);
    }

    @Override
    void dropView(String table) {
        spark.catalog().dropTempView(table);
    }

    @Override
    public QueryResult query(String sql) {
        Dataset<Row> df;
        List<Row> collected;
        try {
            // physical plans read the thread's active session, which another session's stop or a new thread clears
            SparkSession.setActiveSession(spark);
            df = spark.sql(sql);
            collected = df.collectAsList();
        } catch (Exception e) { // Spark throws its checked AnalysisException (and ParseException) undeclared
            if (e instanceof AnalysisException a) {
                throw new ResultsQueryException(message(a) + " (views: " + String.join(", ", views()) + ")");
            }
            throw e;
        }
        List<String> columns = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            columns.add(f.name());
            kinds.add(kind(f.dataType()));
        }
        List<List<Object>> rows = new ArrayList<>(collected.size());
        for (Row r : collected) {
            List<Object> row = new ArrayList<>(r.size());
            for (int i = 0; i < r.size(); i++) {
                row.add(ResultValues.normalize(r.get(i)));
            }
            rows.add(row);
        }
        return new QueryResult(columns, kinds, rows);
    }

    @Override
    public void close() {
        spark.stop();
    }

    private static ColumnKind kind(DataType type) {
        if (type instanceof BooleanType) {
            return ColumnKind.BOOLEAN;
        }
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType) {
            return ColumnKind.INTEGER;
        }
        if (type instanceof FloatType || type instanceof DoubleType) {
            return ColumnKind.REAL;
        }
        if (type instanceof DecimalType) {
            return ColumnKind.DECIMAL;
        }
        if (type instanceof StringType) {
            return ColumnKind.STRING;
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return ColumnKind.TIMESTAMP;
        }
        return ColumnKind.OTHER;
    }

    /** The first line of Spark's message, located as {@code line L, column C} when Spark knows where. */
    private static String message(AnalysisException e) {
        String first = e.getMessage().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("invalid query");
        if (e.line().isDefined() && e.startPosition().isDefined()) {
            int line = (Integer) e.line().get();
            int column = (Integer) e.startPosition().get() + 1;
            return "line " + line + ", column " + column + ": " + first;
        }
        return first;
    }
}
