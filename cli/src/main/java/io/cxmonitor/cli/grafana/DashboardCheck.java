package io.cxmonitor.cli.grafana;

import io.cxmonitor.jobs.Measurements;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Checks every query of the provisioned dashboards and alert rules: its datasource is
 * provisioned; what it reads from the signals' database is a measurement, field or tag the jobs
 * write ({@link Measurements}); what it reads elsewhere (Flink's metrics) exists there; and,
 * against a real InfluxDB, it runs and returns data.
 */
public final class DashboardCheck {

    private final GrafanaProvisioning grafana;
    private final String signalsDatabase;
    private final Duration range;

    public DashboardCheck(GrafanaProvisioning grafana, String signalsDatabase, Duration range) {
        this.grafana = grafana;
        this.signalsDatabase = signalsDatabase;
        this.range = range;
    }

    /** What is wrong with a query without running it; empty when nothing is. */
    public Optional<String> staticProblem(PanelQuery q) {
        String database = grafana.database(q.datasourceUid());
        if (database == null) {
            return Optional.of("datasource '" + q.datasourceUid() + "' is not provisioned");
        }
        if (q.text().isBlank()) {
            return Optional.of("no query");
        }
        if (!database.equals(signalsDatabase)) {
            return Optional.empty(); // checked against what is there when it runs
        }
        InfluxQl.Reads reads = InfluxQl.reads(q.text());
        Set<String> known = new HashSet<>();
        for (String name : reads.measurements()) {
            Optional<Measurement> m = Measurements.named(name);
            if (m.isEmpty()) {
                return Optional.of("measurement '" + name + "' is not one the jobs write");
            }
            known.addAll(m.get().fields());
            m.get().tags().stream().map(Tag::key).forEach(known::add);
        }
        for (String name : reads.names()) {
            if (!known.contains(name)) {
                return Optional.of("'" + name + "' is neither a field nor a tag of " + reads.measurements());
            }
        }
        return Optional.empty();
    }

    /** Runs every query against {@code influx}; one finding per query. */
    public List<Finding> run(InfluxDB influx) {
        List<Finding> findings = new ArrayList<>();
        for (PanelQuery q : grafana.queries()) {
            findings.add(check(influx, q));
        }
        return findings;
    }

    private Finding check(InfluxDB influx, PanelQuery q) {
        Optional<String> problem = staticProblem(q);
        if (problem.isPresent()) {
            return new Finding(q, 0, problem.get());
        }
        String database = grafana.database(q.datasourceUid());
        if (!database.equals(signalsDatabase)) {
            Optional<String> missing = missingInDatabase(influx, database, InfluxQl.reads(q.text()));
            if (missing.isPresent()) {
                return new Finding(q, 0, missing.get());
            }
        }
        String sent = InfluxQl.render(q.text(), Objects.requireNonNullElse(q.range(), range), q.until(), q.interval(),
                grafana.variables());
        QueryResult result = influx.query(new Query(sent, database));
        String error = result.getError() != null ? result.getError()
                : result.getResults().stream().map(QueryResult.Result::getError).filter(Objects::nonNull)
                        .findFirst().orElse(null);
        if (error != null) {
            return new Finding(q, 0, "InfluxDB refused it: " + error + " — " + sent);
        }
        int values = values(result);
        return new Finding(q, values, values == 0 ? "no data — " + sent : null);
    }

    /** Flink's metrics: the measurement and the names a query reads must be in the database. */
    private static Optional<String> missingInDatabase(InfluxDB influx, String database, InfluxQl.Reads reads) {
        Set<String> known = new HashSet<>();
        for (String m : reads.measurements()) {
            List<List<Object>> fields = rows(influx.query(new Query("SHOW FIELD KEYS FROM \"" + m + "\"", database)));
            if (fields.isEmpty()) {
                return Optional.of("measurement '" + m + "' is not in database " + database);
            }
            fields.forEach(row -> known.add(String.valueOf(row.get(0))));
            rows(influx.query(new Query("SHOW TAG KEYS FROM \"" + m + "\"", database)))
                    .forEach(row -> known.add(String.valueOf(row.get(0))));
        }
        return reads.names().stream().filter(n -> !known.contains(n)).findFirst()
                .map(n -> "'" + n + "' is neither a field nor a tag of " + reads.measurements() + " in " + database);
    }

    private static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        if (result.getResults() != null) {
            for (QueryResult.Result r : result.getResults()) {
                if (r.getSeries() != null) {
                    r.getSeries().forEach(s -> rows.addAll(s.getValues()));
                }
            }
        }
        return rows;
    }

    /** Non-null values in the result, the time column aside. */
    private static int values(QueryResult result) {
        int count = 0;
        if (result.getResults() == null) {
            return 0;
        }
        for (QueryResult.Result r : result.getResults()) {
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> row : s.getValues()) {
                    for (int i = 0; i < row.size(); i++) {
                        if (!"time".equals(s.getColumns().get(i)) && row.get(i) != null) {
                            count++;
                        }
                    }
                }
            }
        }
        return count;
    }

    /**
     * @param values non-null values the query returned
     * @param problem what is wrong, or null when the query is fine
     */
    public record Finding(PanelQuery query, int values, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }
}
