package io.cxmonitor.jobs.common.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    private final Measurement friction =
            Measurement.define("cx_friction", EnumSet.of(Tag.TOUCHPOINT, Tag.PAGE_TYPE), "rage_clicks", "apdex");

    @Test
    void rendersLineProtocolWithSortedEscapedTagsAndMillisecondTime() {
        InfluxPoint p = friction.point(1_763_892_960_000L)
                .tag(Tag.TOUCHPOINT, "web app")
                .tag(Tag.PAGE_TYPE, "Checkout")
                .field("rage_clicks", 3L)
                .field("apdex", 0.75)
                .build();
        assertThat(p.measurement).isEqualTo("cx_friction");
        assertThat(p.line).isEqualTo("cx_friction,page_type=checkout,touchpoint=web\\ app apdex=0.75,rage_clicks=3i 1763892960000");
    }

    @Test
    void refusesTagsAndFieldsTheMeasurementDoesNotDeclare() {
        assertThatThrownBy(() -> friction.point(0).tag(Tag.CHANNEL, "chat"))
                .hasMessageContaining("does not declare the tag channel");
        assertThatThrownBy(() -> friction.point(0).field("customer_id", "c1"))
                .hasMessageContaining("does not declare the field customer_id");
    }

    @Test
    void refusesFieldsThatWouldCarryRawTextOrIdsWhenTheJobIsBuilt() {
        assertThatThrownBy(() -> Measurement.define("cx_reviews", EnumSet.noneOf(Tag.class), "score", "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'text'");
        assertThatThrownBy(() -> Measurement.define("cx_sessions", EnumSet.noneOf(Tag.class), "session_id"))
                .hasMessageContaining("'session_id'");
        for (String id : new String[] {"customer_id", "customer", "anonymous_id", "user_id", "email"}) {
            assertThatThrownBy(() -> Measurement.define("cx_alerts", EnumSet.noneOf(Tag.class), "risk_score", id))
                    .as(id).hasMessageContaining("'" + id + "'").hasMessageContaining("pseudonym");
        }
        assertThat(Measurement.define("cx_alerts", EnumSet.noneOf(Tag.class), "pseudonym").name()).isEqualTo("cx_alerts");
    }

    @Test
    void theTagAllowListHoldsNoIdentifierOrFreeText() {
        for (Tag tag : Tag.values()) {
            assertThat(tag.key()).doesNotContain("id", "customer", "session", "ticket", "event", "text",
                    "message", "title", "subject", "url", "element");
        }
    }

    @Test
    void writesBlankTagValuesAsUnknownAndSkipsNonFiniteFields() {
        InfluxPoint p = friction.point(1000).tag(Tag.TOUCHPOINT, "").field("apdex", Double.NaN)
                .field("rage_clicks", 1L).build();
        assertThat(p.line).isEqualTo("cx_friction,touchpoint=unknown rage_clicks=1i 1000");
        assertThatThrownBy(() -> friction.point(0).field("apdex", Double.NaN).build())
                .hasMessageContaining("at least one field");
    }
}
