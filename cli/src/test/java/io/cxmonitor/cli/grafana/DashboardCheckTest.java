package io.cxmonitor.cli.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the dashboard check that need no InfluxDB: reading the files, Grafana's substitutions, the schema. */
class DashboardCheckTest {

    private static final GrafanaProvisioning GRAFANA = GrafanaProvisioning.load(Path.of("..", "grafana"));
    private static final DashboardCheck CHECK = new DashboardCheck(GRAFANA, "cx", Duration.ofHours(1));

    @Test
    void readsTheSixDashboardsTheirVariablesAndTheAlertRules() {
        assertThat(GRAFANA.dashboards()).containsExactlyInAnyOrder("CX overview", "Friction", "Journeys",
                "Voice of customer", "Switching risk", "Pipeline health");
        assertThat(GRAFANA.variables()).contains("touchpoint", "channel", "page_type", "platform");
        assertThat(GRAFANA.queries()).extracting(PanelQuery::where)
                .anyMatch(w -> w.startsWith("Friction / variable $page_type"))
                .anyMatch(w -> w.startsWith("Journeys / annotation"))
                .anyMatch(w -> w.startsWith("alert rule Negative sentiment above 30% [A]"));
        assertThat(GRAFANA.database("cx-influxdb")).isEqualTo("cx");
        assertThat(GRAFANA.database("cx-flink-metrics")).isEqualTo("flink");
    }

    @Test
    void everyProvisionedQueryReadsOnlyWhatTheJobsWrite() {
        assertThat(GRAFANA.queries()).allSatisfy(q -> assertThat(CHECK.staticProblem(q)).as(q.where()).isEmpty());
    }

    @Test
    void refusesAnUnknownMeasurementFieldTagOrDatasource() {
        assertThat(CHECK.staticProblem(query("cx-influxdb", "SELECT sum(\"count\") FROM \"cx_pageviews\" WHERE $timeFilter")))
                .hasValueSatisfying(p -> assertThat(p).contains("cx_pageviews"));
        assertThat(CHECK.staticProblem(query("cx-influxdb", "SELECT sum(\"rage_taps\") FROM \"cx_friction\" WHERE $timeFilter")))
                .hasValueSatisfying(p -> assertThat(p).contains("rage_taps"));
        assertThat(CHECK.staticProblem(query("cx-influxdb",
                "SELECT sum(\"count\") FROM \"cx_events\" WHERE $timeFilter GROUP BY \"customer_id\"")))
                .hasValueSatisfying(p -> assertThat(p).contains("customer_id"));
        assertThat(CHECK.staticProblem(query("influx-prod", "SELECT sum(\"count\") FROM \"cx_events\"")))
                .hasValueSatisfying(p -> assertThat(p).contains("not provisioned"));
        assertThat(CHECK.staticProblem(query("cx-influxdb",
                "SELECT sum(\"num\") / sum(\"den\") FROM (SELECT \"abandoned\" AS \"num\", \"carts\" AS \"den\" "
                        + "FROM \"cx_journeys\" WHERE $timeFilter) WHERE $timeFilter GROUP BY time($__interval), \"touchpoint\"")))
                .isEmpty();
    }

    @Test
    void substitutesWhatGrafanaSubstitutes() {
        String sent = InfluxQl.render("SELECT sum(\"rage_clicks\") FROM \"cx_friction\" WHERE $timeFilter AND "
                + "\"page_type\" =~ /^$page_type$/ AND \"platform\" =~ /^${platform}$/ GROUP BY time($__interval) "
                + "LIMIT $__interval_ms", Duration.ofHours(6), Duration.ofMinutes(1), List.of("page_type", "platform"));
        assertThat(sent).isEqualTo("SELECT sum(\"rage_clicks\") FROM \"cx_friction\" WHERE time > now() - 6h AND "
                + "\"page_type\" =~ /^.*$/ AND \"platform\" =~ /^.*$/ GROUP BY time(1m) LIMIT 60000");
    }

    @Test
    void theMinimumIntervalOfAPanelIsWhatIntervalBecomes() {
        PanelQuery lag = GRAFANA.queries().stream().filter(q -> q.where().startsWith("Pipeline health / Consumer lag"))
                .findFirst().orElseThrow();
        assertThat(lag.interval()).isEqualTo(Duration.ofSeconds(10));
        PanelQuery rule = GRAFANA.queries().stream().filter(q -> q.where().startsWith("alert rule Android"))
                .findFirst().orElseThrow();
        assertThat(rule.range()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anAlertRuleRangeThatEndsBeforeNowIsQueriedSo() {
        PanelQuery abandonment = GRAFANA.queries().stream()
                .filter(q -> q.where().equals("alert rule Checkout abandonment at twice its usual rate [A]"))
                .findFirst().orElseThrow();
        assertThat(abandonment.range()).isEqualTo(Duration.ofHours(1));
        assertThat(abandonment.until()).as("sessions close 30 min after their last event").isEqualTo(Duration.ofMinutes(30));
        assertThat(InfluxQl.render(abandonment.text(), abandonment.range(), abandonment.until(), abandonment.interval(),
                List.of())).contains("WHERE time > now() - 1h AND time <= now() - 30m");
    }

    private static PanelQuery query(String uid, String text) {
        return new PanelQuery("test", uid, text, Duration.ofMinutes(1), null);
    }
}
