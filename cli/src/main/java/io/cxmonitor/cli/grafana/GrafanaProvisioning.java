package io.cxmonitor.cli.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code grafana/provisioning/} gives Grafana: the datasources, and every InfluxQL query of
 * the dashboards (panel targets, template variables, annotations) and of the alert rules.
 */
public final class GrafanaProvisioning {

    /** Grafana's server-side expressions (reduce, math, threshold) are not a datasource query. */
    private static final String EXPRESSION_UID = "__expr__";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> databaseByUid;
    private final List<String> dashboards;
    private final List<PanelQuery> queries;
    private final List<String> variables;

    private GrafanaProvisioning(Map<String, String> databaseByUid, List<String> dashboards, List<PanelQuery> queries,
            List<String> variables) {
        this.databaseByUid = databaseByUid;
        this.dashboards = dashboards;
        this.queries = queries;
        this.variables = variables;
    }

    /** Reads {@code provisioning/datasources}, {@code provisioning/dashboards} and {@code provisioning/alerting}. */
    public static GrafanaProvisioning load(Path grafanaDir) {
        Path provisioning = grafanaDir.resolve("provisioning");
        if (!Files.isDirectory(provisioning)) {
            throw new IllegalArgumentException("no Grafana provisioning directory at " + provisioning.toAbsolutePath());
        }
        Map<String, String> databases = new LinkedHashMap<>();
        Map<String, Duration> intervals = new LinkedHashMap<>();
        for (Path file : files(provisioning.resolve("datasources"), ".yml")) {
            for (JsonNode ds : read(YAML, file).path("datasources")) {
                String uid = ds.path("uid").asText();
                databases.put(uid, ds.path("jsonData").path("dbName").asText(ds.path("database").asText()));
                String interval = ds.path("jsonData").path("timeInterval").asText("");
                intervals.put(uid, interval.isEmpty() ? Duration.ofMinutes(1) : GrafanaDurations.parse(interval));
            }
        }
        List<String> dashboards = new ArrayList<>();
        List<PanelQuery> queries = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        for (Path file : files(provisioning.resolve("dashboards"), ".json")) {
            JsonNode dashboard = read(JSON, file);
            String title = dashboard.path("title").asText(file.getFileName().toString());
            dashboards.add(title);
            for (JsonNode v : dashboard.path("templating").path("list")) {
                variables.add(v.path("name").asText());
                if ("query".equals(v.path("type").asText())) {
                    queries.add(new PanelQuery(title + " / variable $" + v.path("name").asText(), uid(v), query(v),
                            Duration.ofMinutes(1), null));
                }
            }
            for (JsonNode a : dashboard.path("annotations").path("list")) {
                if (a.hasNonNull("query")) {
                    queries.add(new PanelQuery(title + " / annotation " + a.path("name").asText(), uid(a),
                            a.path("query").asText(), Duration.ofMinutes(1), null));
                }
            }
            addPanels(title, dashboard.path("panels"), intervals, queries);
        }
        for (Path file : files(provisioning.resolve("alerting"), ".yml")) {
            for (JsonNode group : read(YAML, file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    for (JsonNode data : rule.path("data")) {
                        String uid = data.path("datasourceUid").asText();
                        if (!EXPRESSION_UID.equals(uid)) {
                            queries.add(new PanelQuery("alert rule " + rule.path("title").asText() + " ["
                                    + data.path("refId").asText() + "]", uid, data.path("model").path("query").asText(),
                                    intervals.getOrDefault(uid, Duration.ofMinutes(1)),
                                    Duration.ofSeconds(data.path("relativeTimeRange").path("from").asLong()),
                                    Duration.ofSeconds(data.path("relativeTimeRange").path("to").asLong())));
                        }
                    }
                }
            }
        }
        return new GrafanaProvisioning(databases, dashboards, queries, variables);
    }

    private static void addPanels(String dashboard, JsonNode panels, Map<String, Duration> intervals,
            List<PanelQuery> out) {
        for (JsonNode panel : panels) {
            addPanels(dashboard, panel.path("panels"), intervals, out); // panels inside a row
            for (JsonNode target : panel.path("targets")) {
                String uid = target.has("datasource") ? uid(target) : uid(panel);
                String minInterval = panel.path("interval").asText("");
                Duration interval = minInterval.isEmpty()
                        ? intervals.getOrDefault(uid, Duration.ofMinutes(1)) : GrafanaDurations.parse(minInterval);
                out.add(new PanelQuery(dashboard + " / " + panel.path("title").asText() + " ["
                        + target.path("refId").asText() + "]", uid, target.path("query").asText(), interval, null));
            }
        }
    }

    public List<String> dashboards() {
        return dashboards;
    }

    public List<PanelQuery> queries() {
        return queries;
    }

    /** Names of the dashboards' template variables. */
    public List<String> variables() {
        return variables;
    }

    /** The database a datasource reads, or null for a uid no datasource has. */
    public String database(String datasourceUid) {
        return databaseByUid.get(datasourceUid);
    }

    private static String uid(JsonNode withDatasource) {
        JsonNode ds = withDatasource.path("datasource");
        return ds.isTextual() ? ds.asText() : ds.path("uid").asText();
    }

    private static String query(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isTextual() ? q.asText() : q.path("query").asText();
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid: " + e.getMessage(), e);
        }
    }
}
