package io.cxmonitor.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** InfluxQL queries for tests, with rows as maps of column (and group-by tag) to value. */
public final class InfluxQueries implements AutoCloseable {

    private final InfluxDB client;
    private final String database;

    public InfluxQueries(String url, String database) {
        this.client = InfluxDBFactory.connect(url);
        this.database = database;
    }

    /** As {@code user}, on an InfluxDB that requires authentication. */
    public InfluxQueries(String url, String database, String user, String password) {
        this.client = InfluxDBFactory.connect(url, user, password);
        this.database = database;
    }

    public List<Map<String, Object>> rows(String influxQl) {
        QueryResult result = client.query(new Query(influxQl, database));
        if (result.hasError()) {
            throw new IllegalStateException(result.getError());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException(r.getError());
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : r.getSeries()) {
                for (List<Object> values : series.getValues()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    if (series.getTags() != null) {
                        row.putAll(series.getTags());
                    }
                    for (int i = 0; i < series.getColumns().size(); i++) {
                        row.put(series.getColumns().get(i), values.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Numeric column of the first row, or 0 when there is no row. */
    public double number(String influxQl, String column) {
        List<Map<String, Object>> rows = rows(influxQl);
        if (rows.isEmpty() || rows.get(0).get(column) == null) {
            return 0;
        }
        return ((Number) rows.get(0).get(column)).doubleValue();
    }

    /** For each group-by tag value, the numeric column; e.g. sums per stream. */
    public Map<String, Double> byTag(String influxQl, String tag, String column) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(influxQl)) {
            Object v = row.get(column);
            out.put(String.valueOf(row.get(tag)), v == null ? 0 : ((Number) v).doubleValue());
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
