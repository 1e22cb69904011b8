package io.cxmonitor.domain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.events.EventLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrivacyJsonTest {

    private static ForgetRequest read(String json) throws IOException {
        return PrivacyJson.readRequest(json.getBytes(StandardCharsets.UTF_8), EventLimits.DEFAULT, "cx.privacy-0@7");
    }

    @Test
    void aRequestReadsBackAndItsAcknowledgementNamesNoCustomer() throws IOException {
        ForgetRequest request = PrivacyJson.readRequest(PrivacyJson.write(new ForgetRequest("c-42", "r-1")),
                EventLimits.DEFAULT, "unused");
        assertThat(request.customerId + " " + request.requestId).isEqualTo("c-42 r-1");

        byte[] ack = PrivacyJson.write(new PrivacyJson.Acknowledgement("r-1", "cx-signals", 1_795_424_400_000L));
        assertThat(new String(ack, StandardCharsets.UTF_8)).doesNotContain("c-42");
        assertThat(PrivacyJson.readRequest(ack, EventLimits.DEFAULT, "unused")).as("not a request").isNull();
        assertThat(PrivacyJson.readAcknowledgement(ack))
                .isEqualTo(new PrivacyJson.Acknowledgement("r-1", "cx-signals", 1_795_424_400_000L));
        assertThat(PrivacyJson.readAcknowledgement(PrivacyJson.write(request))).isNull();
    }

    @Test
    void aRequestWithoutAnIdIsNamedByWhereItWasAndUnknownFieldsAreSkipped() throws IOException {
        ForgetRequest r = read("{\"forget\":\"c-42\",\"by\":{\"who\":\"dpo\"},\"note\":[1,2]}");
        assertThat(r.customerId + " " + r.requestId).isEqualTo("c-42 cx.privacy-0@7");
        assertThat(r.toString()).doesNotContain("c-42");
    }

    @Test
    void whatNamesNoCustomerIsRefused() {
        for (String bad : new String[] {"not json", "[]", "{}", "{\"forget\":\"\"}", "{\"forget\":42}",
                "{\"forget\":\"" + "x".repeat(257) + "\"}", "{\"forget\":\"c\",\"request_id\":\"" + "r".repeat(257) + "\"}"}) {
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> PrivacyJson.readRequest(null, EventLimits.DEFAULT, "x")).isInstanceOf(IOException.class);
    }
}
