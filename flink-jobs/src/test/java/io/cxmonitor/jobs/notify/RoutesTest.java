package io.cxmonitor.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
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

    /** The three audiences the README recommends. */
    private static final String THREE_AUDIENCES = """
            route.oncall.type = pagerduty
            route.oncall.receives = incidents
            route.oncall.routing-key-env = PD
            route.ops.type = slack
            route.ops.url-env = SLACK
            route.ops.receives = anomalies
            route.team.type = slack
            route.team.url-env = SLACK
            route.team.min-priority = P2
            route.team.max-per-minute = 10
            route.crm.type = webhook
            route.crm.url = https://crm.example/cx
            route.crm.secret-env = SECRET
            """;

    private Route route(String name) throws Exception {
        return load(THREE_AUDIENCES).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void onCallReceivesIncidentsAndOutreachCustomerAlertsOfItsPriorityWithinABudget() throws Exception {
        assertThat(load(THREE_AUDIENCES)).extracting(Route::name).containsExactly("crm", "oncall", "ops", "team");
        Route crm = route("crm");
        Route oncall = route("oncall");
        Route team = route("team");
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

    private static Incident incident(String kind) {
        Incident i = new Incident();
        i.group = new IncidentGroup(kind, "web", "checkout", "", "");
        return i;
    }

    /** An outage moves many series at once: on-call hears of it by its incident, operations of each series. */
    @Test
    void onCallReceivesIncidentsOfBadExperiencesAndOperationsTheAnomalies() throws Exception {
        Route oncall = route("oncall");
        Route ops = route("ops");
        assertThat(ops.receives()).isEqualTo(Route.Receives.ANOMALIES);
        assertThat(oncall.takes(incident("checkout_failure"))).isTrue();
        assertThat(oncall.takes(incident(IncidentGroup.ANOMALY))).isFalse();
        assertThat(ops.takes(incident(IncidentGroup.ANOMALY))).isTrue();
        assertThat(ops.takes(incident("checkout_failure"))).isFalse();
        assertThat(ops.takes(alert("critical", "P1"))).as("nor customer alerts").isFalse();
        assertThat(route("crm").takes(incident(IncidentGroup.ANOMALY))).as("nor outreach an incident").isFalse();
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
