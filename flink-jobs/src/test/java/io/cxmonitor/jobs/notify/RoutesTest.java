package io.cxmonitor.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.Priority;
import io.cxmonitor.jobs.common.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesTest {

    @TempDir
    Path dir;

    private List<Route> load(String text) throws Exception {
        return Routes.load(Files.writeString(dir.resolve("routes.properties"), text),
                Map.of("PD", "routing-key", "SLACK", "https://hooks.slack.example/x", "SECRET", "s3cret"));
    }

    private static Alert alert(String severity, String priority) {
        Alert a = new Alert();
        a.severity = severity;
        a.priority = priority;
        return a;
    }

    @Test
    void onCallReceivesIncidentsAndOutreachCustomerAlertsOfItsPriorityWithinABudget() throws Exception {
        List<Route> routes = load("""
                route.oncall.type = pagerduty
                route.oncall.receives = incidents
                route.oncall.routing-key-env = PD
                route.team.type = slack
                route.team.url-env = SLACK
                route.team.min-priority = P2
                route.team.max-per-minute = 10
                route.crm.type = webhook
                route.crm.url = https://crm.example/cx
                route.crm.secret-env = SECRET
                """);
        assertThat(routes).extracting(Route::name).containsExactly("crm", "oncall", "team");
        Route crm = routes.get(0);
        Route oncall = routes.get(1);
        Route team = routes.get(2);
        assertThat(oncall.receives()).isEqualTo(Route.Receives.INCIDENTS);
        assertThat(oncall.takes(alert("critical", "P1"))).as("on-call gets incidents, not customers").isFalse();
        assertThat(crm.receives()).isEqualTo(Route.Receives.CUSTOMERS);
        assertThat(crm.takes(alert("warning", "P3"))).isTrue();
        assertThat(crm.maxPerMinute()).isZero();
        assertThat(team.takes(alert("warning", "P2"))).isTrue();
        assertThat(team.takes(alert("critical", "P3"))).isFalse();
        assertThat(team.takes(alert("warning", null))).as("an alert of an older version").isTrue();
        assertThat(team.maxPerMinute()).isEqualTo(10);
        assertThat(team.minPriority).isEqualTo(Priority.P2);
        assertThat(team.toString()).doesNotContain("hooks.slack").contains("10 a minute");
    }

    private static io.cxmonitor.domain.incidents.Incident incident(String kind) {
        io.cxmonitor.domain.incidents.Incident i = new io.cxmonitor.domain.incidents.Incident();
        i.group = new io.cxmonitor.domain.incidents.IncidentGroup(kind, "web", "checkout", "", "");
        return i;
    }

    /** An outage moves many series at once: on-call hears of it by its incident, operations of each series. */
    @Test
    void onCallReceivesIncidentsOfBadExperiencesAndOperationsTheAnomalies() throws Exception {
        List<Route> routes = load("""
                route.oncall.type = pagerduty
                route.oncall.receives = incidents
                route.oncall.routing-key-env = PD
                route.ops.type = slack
                route.ops.url-env = SLACK
                route.ops.receives = anomalies
                """);
        Route oncall = routes.get(0);
        Route ops = routes.get(1);
        assertThat(ops.receives()).isEqualTo(Route.Receives.ANOMALIES);
        assertThat(oncall.takes(incident("checkout_failure"))).isTrue();
        assertThat(oncall.takes(incident("anomaly"))).isFalse();
        assertThat(ops.takes(incident("anomaly"))).isTrue();
        assertThat(ops.takes(incident("checkout_failure"))).isFalse();
        assertThat(ops.takes(alert("critical", "P1"))).as("nor customer alerts").isFalse();
        assertThat(ops.toString()).contains("anomalies").doesNotContain("hooks.slack");
    }

    @Test
    void aMistakeIsRefusedWithTheKeyAndTheFix() {
        assertThatThrownBy(() -> load("route.x.type = slack\nroute.x.url-env = SLACK\nroute.x.receives = everyone\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("route.x.receives = 'everyone'")
                .hasMessageContaining("Fix: use customers").hasMessageContaining("anomalies");
        assertThatThrownBy(() -> load("route.x.type = slack\nroute.x.url-env = SLACK\nroute.x.min-priority = P0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("route.x.min-priority");
        assertThatThrownBy(() -> load("route.x.type = slack\nroute.x.url-env = SLACK\nroute.x.max-per-minute = -5\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("none is dropped");
        assertThatThrownBy(() -> load("route.x.type = pagerduty\nroute.x.routing-key-env = PD\nroute.x.receives = incidents\n"
                + "route.x.min-priority = P1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("applies to customer alerts");
    }
}
