package io.cxmonitor.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.Priority;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static Alert alert(String customer) {
        Alert a = new Alert();
        a.alertId = "al-1";
        a.dedupKey = "switching-risk:" + customer;
        a.status = "firing";
        a.customerId = customer;
        a.riskScore = 0.7;
        a.severity = "high";
        a.summary = "Customer " + customer + " had a first bad experience.";
        a.firstKind = "checkout_failure";
        a.firstTouchpoint = "web";
        a.firstEventIds = new String[] {"e1"};
        a.triggerKind = "checkout_failure";
        a.triggerEventIds = new String[] {"e1"};
        return a;
    }

    @Test
    void slackTextNeverTurnsDataIntoMentionsOrLinks() throws Exception {
        Route slack = new Route("team", Route.Type.SLACK, "https://hooks.slack.example/x", "");
        String text = new ObjectMapper().readTree(Payloads.body(slack, Notification.of(alert("<!channel> & <https://evil|click>"))))
                .get("text").asText();
        assertThat(text).contains("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;")
                .doesNotContain("<!channel>").doesNotContain("<https://evil");
    }

    @Test
    void theWebhookSignatureCoversTheTimestampAndTheBody() throws Exception {
        byte[] body = "{\"alert_id\":\"al-1\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal(("1795424400." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(Payloads.signature("s3cret", "1795424400", body)).isEqualTo(expected);
        assertThat(Payloads.signature("s3cret", "1795424401", body)).as("a replayed request with a new timestamp")
                .isNotEqualTo(expected);
    }

    @Test
    void headersCarryOrdinaryIdsAsTheyAreAndAnyOtherCharacterPercentEncoded() {
        assertThat(Delivery.headerValue("switching-risk:c-000412")).isEqualTo("switching-risk:c-000412");
        assertThat(Delivery.headerValue("switching-risk:José 50%")).isEqualTo("switching-risk:Jos%C3%A9%2050%25");
    }

    private static Incident incident(String status) {
        Incident i = new Incident();
        i.incidentId = "in-1";
        i.dedupKey = "incident:checkout_failure/web/checkout//";
        i.status = status;
        i.group = new IncidentGroup("checkout_failure", "web", "checkout", "", "");
        i.customersAffected = 312;
        i.valueAtRisk = 41_000;
        i.summary = "Checkout failure on web, checkout page for 312 customers since 19:02 UTC, 41,000 at risk.";
        return i;
    }

    @Test
    void pagerDutyTriggersAnIncidentAndResolvesItUnderOneDedupKey() throws Exception {
        Route oncall = new Route("oncall", Route.Type.PAGERDUTY, Routes.PAGERDUTY_URL, Route.Receives.INCIDENTS,
                "warning", Priority.P3, 0, "routing-key");
        JsonNode firing = new ObjectMapper().readTree(Payloads.body(oncall, Notification.of(incident("firing"))));
        assertThat(firing.get("event_action").asText()).isEqualTo("trigger");
        assertThat(firing.get("dedup_key").asText()).isEqualTo("incident:checkout_failure/web/checkout//");
        assertThat(firing.at("/payload/summary").asText()).startsWith("Checkout failure on web");
        assertThat(firing.at("/payload/custom_details/customers_affected").asLong()).isEqualTo(312);
        JsonNode resolved = new ObjectMapper().readTree(Payloads.body(oncall, Notification.of(incident("resolved"))));
        assertThat(resolved.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolved.get("dedup_key").asText()).isEqualTo(firing.get("dedup_key").asText());
        assertThat(resolved.has("payload")).isFalse();
    }

    /** A customer id may have 256 characters; PagerDuty refuses, for good, a dedup key over 255. */
    @Test
    void aPagerDutyDedupKeyStaysWithinItsLimitAndTheSameForEveryChangeOfOneAlert() throws Exception {
        Route outreach = new Route("outreach", Route.Type.PAGERDUTY, Routes.PAGERDUTY_URL, Route.Receives.CUSTOMERS,
                "warning", Priority.P3, 0, "routing-key");
        String longId = "c".repeat(200) + "😀".repeat(56);
        Alert firing = alert(longId);
        Alert escalated = alert(longId);
        escalated.alertId = "al-2";
        escalated.status = "escalated";
        String key = new ObjectMapper().readTree(Payloads.body(outreach, Notification.of(firing))).get("dedup_key").asText();
        assertThat(key.length()).isLessThanOrEqualTo(Payloads.PAGERDUTY_MAX_KEY);
        assertThat(key).startsWith("switching-risk:ccc");
        assertThat(new ObjectMapper().readTree(Payloads.body(outreach, Notification.of(escalated))).get("dedup_key").asText())
                .isEqualTo(key);
        assertThat(Payloads.pagerDutyKey(alert("c1").dedupKey)).as("an ordinary key as it is").isEqualTo("switching-risk:c1");
        assertThat(Payloads.pagerDutyKey(alert(longId + "x").dedupKey)).isNotEqualTo(key);
    }

    @Test
    void aDigestListsEveryAlertItHolds() throws Exception {
        Alert[] alerts = {alert("c1"), alert("c2"), alert("<c3>")};
        Notification digest = Notification.digest("dg-1", 1_795_424_460_000L, alerts);
        Route hook = new Route("crm", Route.Type.WEBHOOK, "https://crm.example/x", "secret");
        JsonNode json = new ObjectMapper().readTree(Payloads.body(hook, digest));
        assertThat(json.get("count").asInt()).isEqualTo(3);
        assertThat(json.get("alerts")).extracting(a -> a.get("customer_id").asText()).containsExactly("c1", "c2", "<c3>");
        Route slack = new Route("team", Route.Type.SLACK, "https://hooks.slack.example/x", "");
        String text = new ObjectMapper().readTree(Payloads.body(slack, digest)).get("text").asText();
        assertThat(text).contains("*3 more customer alerts*", "Customer c1 ", "Customer c2 ", "Customer &lt;c3&gt; ");
    }
}
