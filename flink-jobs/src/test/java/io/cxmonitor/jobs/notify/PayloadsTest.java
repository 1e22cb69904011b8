package io.cxmonitor.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.domain.risk.Alert;
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
        return a;
    }

    @Test
    void slackTextNeverTurnsDataIntoMentionsOrLinks() throws Exception {
        Route slack = new Route("team", Route.Type.SLACK, "https://hooks.slack.example/x", "warning", "");
        String text = new ObjectMapper().readTree(Payloads.body(slack, alert("<!channel> & <https://evil|click>")))
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
}
