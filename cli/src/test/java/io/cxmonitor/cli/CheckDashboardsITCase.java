package io.cxmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code cxmon check-dashboards} as CI runs it: the demo's pipeline (real broker, influxd and
 * Flink with its metrics reporter, all three jobs, the generator) fills a fresh InfluxDB, and every
 * query of every provisioned dashboard and alert rule must return data.
 */
class CheckDashboardsITCase {

    private static final Path GRAFANA = Path.of("..", "grafana");

    @Test
    void everyPanelVariableAnnotationAndAlertRuleQueryReturnsData() throws Exception {
        CheckDashboardsCommand command = new CheckDashboardsCommand();
        int exit = new CommandLine(command).execute("--grafana-dir", GRAFANA.toString(), "--timeout", "4min");

        assertThat(command.findings).hasSize(queriesInTheFiles());
        assertThat(command.findings).allSatisfy(f -> assertThat(f.problem()).as(f.query().where()).isNull());
        assertThat(command.findings).allSatisfy(f -> assertThat(f.values()).isPositive());
        assertThat(command.findings).extracting(f -> f.query().where())
                .anyMatch(w -> w.startsWith("Pipeline health / Consumer lag"))
                .anyMatch(w -> w.startsWith("Switching risk / Notifications"))
                .anyMatch(w -> w.startsWith("alert rule Android crash rate"));
        assertThat(exit).isZero();
    }

    /** Counted here from the files themselves, so that a query the check skipped fails the test. */
    private static int queriesInTheFiles() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        int count = 0;
        try (Stream<Path> files = Files.list(GRAFANA.resolve("provisioning/dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode d = json.readTree(file.toFile());
                for (JsonNode panel : d.path("panels")) {
                    count += panel.path("targets").size();
                }
                for (JsonNode v : d.path("templating").path("list")) {
                    count += "query".equals(v.path("type").asText()) ? 1 : 0;
                }
                for (JsonNode a : d.path("annotations").path("list")) {
                    count += a.has("query") ? 1 : 0;
                }
            }
        }
        for (JsonNode group : yaml.readTree(GRAFANA.resolve("provisioning/alerting/cx-rules.yml").toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                for (JsonNode data : rule.path("data")) {
                    count += "__expr__".equals(data.path("datasourceUid").asText()) ? 0 : 1;
                }
            }
        }
        return count;
    }
}
