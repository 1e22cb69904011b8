package io.cxmonitor.jobs;

import static io.cxmonitor.jobs.SignalsPipelineTest.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One customer across devices and logins (SPEC 3.3), through the whole signals job, exact in
 * {@code cx_journeys} and {@code cx_funnel}:
 *
 * <ul>
 *   <li>a guest adds to the cart on the web, logs in, and pays: one converted web journey of theirs;
 *   <li>a customer adds to the cart on the web and pays in the app: one converted web+app journey;
 *   <li>a device logged in once, back forty minutes later without the customer id, adds to the
 *       cart and leaves: the customer's abandonment;
 *   <li>a guest who never logs in adds to the cart and leaves: a guest's abandonment.
 * </ul>
 *
 * Without identities joined, the first two would each be an abandoned cart and a separate purchase.
 */
class IdentityStitchingTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long MINUTE = HandWrittenDay.MINUTE;
    private static final long T0 = (System.currentTimeMillis() - 12 * 3_600_000) / MINUTE * MINUTE;

    private static Points points;
    private static final List<BadExperience> EXPERIENCES = new ArrayList<>();

    @BeforeAll
    static void runTheSignals() throws Exception {
        List<HandWrittenDay.Record> records = HandWrittenDay.written(T0, day -> {
            // a guest logs in mid-way and pays
            web(day, "a1", null, "view_item", 0, "product_id", "p1", "price", 20.0);
            web(day, "a1", null, "add_to_cart", MINUTE, "product_id", "p1", "price", 20.0, "quantity", 1);
            web(day, "a1", "c1", "page_view", 2 * MINUTE);
            web(day, "a1", "c1", "begin_checkout", 3 * MINUTE, "cart_value", 20.0);
            web(day, "a1", "c1", "add_payment_info", 4 * MINUTE);
            web(day, "a1", "c1", "purchase", 5 * MINUTE, "order_id", "o1", "value", 20.0);
            // a customer's cart on the web, paid for in the app
            long t1 = 120 * MINUTE;
            web(day, "a2", "c2", "view_item", t1, "product_id", "p2", "price", 30.0);
            web(day, "a2", "c2", "add_to_cart", t1 + MINUTE, "product_id", "p2", "price", 30.0, "quantity", 1);
            app(day, "c2", "begin_checkout", t1 + 3 * MINUTE, "cart_value", 30.0);
            app(day, "c2", "add_payment_info", t1 + 4 * MINUTE);
            app(day, "c2", "purchase", t1 + 5 * MINUTE, "order_id", "o2", "value", 30.0);
            // a device logged in once, back later as a guest: still the customer's
            long t2 = 240 * MINUTE;
            web(day, "a3", "c3", "page_view", t2);
            web(day, "a3", null, "add_to_cart", t2 + 40 * MINUTE, "product_id", "p3", "price", 40.0, "quantity", 1);
            // a guest who never logs in
            web(day, "a4", null, "add_to_cart", 360 * MINUTE, "product_id", "p4", "price", 50.0, "quantity", 1);
            // much later: event time moves past every session and link window
            web(day, "a9", null, "page_view", 600 * MINUTE);
        });
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "100 ms"));
        points = SignalsPipelineTest.signals(records, config, EXPERIENCES);
    }

    private static void web(HandWrittenDay day, String device, String customer, String type, long offset, Object... more) {
        List<Object> fields = new ArrayList<>(List.of("anonymous_id", device, "session_id", "s-" + device, "page_type",
                type.equals("page_view") || type.equals("view_item") ? "product" : "checkout"));
        if (customer != null) {
            fields.addAll(List.of("customer_id", customer));
        }
        fields.addAll(List.of(more));
        day.add(Stream.CLICKSTREAM, customer != null ? customer : device, type, offset, fields.toArray());
    }

    private static void app(HandWrittenDay day, String customer, String type, long offset, Object... more) {
        List<Object> fields = new ArrayList<>(List.of("customer_id", customer, "session_id", "app-" + customer,
                "platform", "ios", "app_version", "5.2.0", "screen", "checkout"));
        fields.addAll(List.of(more));
        day.add(Stream.APP, customer, type, offset, fields.toArray());
    }

    @Test
    void aLoginMidwayAndACartPaidForInTheAppAreConvertedJourneysNotAbandonedCarts() {
        assertThat(points.sum("cx_journeys", "sessions", where("touchpoint", "web"))).as("a1, a3 twice, a4").isEqualTo(4);
        assertThat(points.sum("cx_journeys", "sessions", where("touchpoint", "web+app"))).as("c2").isEqualTo(1);
        assertThat(points.sum("cx_journeys", "sessions", where("touchpoint", "app"))).isZero();
        assertThat(points.sum("cx_journeys", "conversions", where("touchpoint", "web"))).isEqualTo(1);
        assertThat(points.sum("cx_journeys", "conversions", where("touchpoint", "web+app"))).isEqualTo(1);
        assertThat(points.sum("cx_journeys", "carts", where())).as("a1, c2, a3, a4").isEqualTo(4);
        assertThat(points.sum("cx_journeys", "abandoned", where("touchpoint", "web"))).as("a3's and a4's").isEqualTo(2);
        assertThat(points.sum("cx_journeys", "abandoned", where("touchpoint", "web+app"))).isZero();
        assertThat(points.sum("cx_journeys", "cart_value_at_risk", where())).isEqualTo(90);
    }

    @Test
    void theFunnelCountsEachJourneyOnce() {
        // a3 and a4 added to their carts without a recorded view_item: they passed it all the same
        assertThat(points.sum("cx_funnel", "reached", where("step", "view_item"))).isEqualTo(4);
        assertThat(points.sum("cx_funnel", "reached", where("step", "add_to_cart"))).isEqualTo(4);
        assertThat(points.sum("cx_funnel", "reached", where("step", "begin_checkout"))).isEqualTo(2);
        assertThat(points.sum("cx_funnel", "reached", where("step", "purchase"))).isEqualTo(2);
        assertThat(points.sum("cx_funnel", "abandoned", where("step", "add_to_cart"))).isEqualTo(2);
    }
}
