package io.cxmonitor.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.events.Stream;
import io.cxmonitor.events.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A day of events written by hand to SPEC section 2, whose signals are known by definition: the
 * fixture of the signal pipeline test and of the integration test through Kafka and InfluxDB.
 *
 * <ul>
 *   <li>c1 adds to cart, meets a JavaScript error at checkout (a checkout failure) and abandons;
 *   <li>an anonymous visitor rage-clicks 4 times on a product page whose LCP is poor at p75;
 *   <li>c3 buys; c2's app makes API calls of every Apdex zone, then crashes;
 *   <li>c4 writes a one-star review, c5 a five-star one;
 *   <li>c6 opens an angry chat, answered after 8 minutes, resolved after 20, rates it low, and opens
 *       a second ticket an hour later that nobody answers;
 *   <li>two hours later, an event on every partition moves event time on, so sessions close.
 * </ul>
 */
public final class HandWrittenDay {

    public static final long MINUTE = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record: its stream, Kafka key, JSON and event time. */
    public record Record(Stream stream, String key, String json, long ts) {}

    private final long t0;
    private final List<Record> records = new ArrayList<>();
    private int ids;

    private HandWrittenDay(long t0) {
        this.t0 = t0;
    }

    /** The day from {@code t0}, in the order a producer would send it. */
    public static List<Record> from(long t0) {
        HandWrittenDay day = new HandWrittenDay(t0);
        day.write();
        return day.records;
    }

    /** Records written by {@code writer} with {@link #add}, from {@code t0}. */
    public static List<Record> written(long t0, java.util.function.Consumer<HandWrittenDay> writer) {
        HandWrittenDay day = new HandWrittenDay(t0);
        writer.accept(day);
        return day.records;
    }

    /** The records that move event time two hours on, one per partition of each digital topic. */
    public static List<Record> clock(long t0, int partitions) {
        HandWrittenDay day = new HandWrittenDay(t0);
        for (Stream s : new Stream[] {Stream.CLICKSTREAM, Stream.APP}) {
            for (int p = 0; p < partitions; p++) {
                day.add(s, "clock-" + p, s == Stream.CLICKSTREAM ? "page_view" : "screen_view", 120 * MINUTE,
                        "anonymous_id", "clock-" + p, "session_id", "clock-" + p);
            }
        }
        return day.records;
    }

    private void write() {
        add(Stream.CLICKSTREAM, "c1", "page_view", 0, "customer_id", "c1", "session_id", "w1", "page_type", "home");
        add(Stream.CLICKSTREAM, "c1", "view_item", 5_000, "customer_id", "c1", "session_id", "w1", "page_type",
                "product", "product_id", "p1", "price", 50);
        add(Stream.CLICKSTREAM, "c1", "add_to_cart", 9_000, "customer_id", "c1", "session_id", "w1", "page_type",
                "product", "product_id", "p1", "price", 50, "quantity", 1);
        add(Stream.CLICKSTREAM, "c1", "begin_checkout", 20_000, "customer_id", "c1", "session_id", "w1",
                "page_type", "checkout", "cart_value", 50);
        add(Stream.CLICKSTREAM, "c1", "js_error", 25_000, "customer_id", "c1", "session_id", "w1",
                "page_type", "checkout", "message", "TypeError");
        for (int i = 0; i < 4; i++) {
            add(Stream.CLICKSTREAM, "a1", "click", 30_000 + i * 150, "anonymous_id", "a1", "session_id", "w2",
                    "page_type", "product", "element", "#size", "x", 200 + i, "y", 300);
        }
        int[] lcps = {1_000, 2_000, 5_000, 6_000};
        for (int i = 0; i < lcps.length; i++) {
            add(Stream.CLICKSTREAM, "a1", "web_vital", 31_000 + i, "anonymous_id", "a1", "session_id", "w2",
                    "page_type", "product", "metric", "LCP", "value", lcps[i]);
        }
        String[] steps = {"view_item", "add_to_cart", "begin_checkout", "add_payment_info", "purchase"};
        for (int i = 0; i < steps.length; i++) {
            add(Stream.CLICKSTREAM, "c3", steps[i], 10_000 + i * 5_000, "customer_id", "c3", "session_id", "w3",
                    "page_type", i < 2 ? "product" : "checkout", "price", 20, "quantity", 1, "cart_value", 20,
                    "value", 20);
        }
        add(Stream.APP, "c2", "app_start", 0, "customer_id", "c2", "session_id", "m1", "platform", "android",
                "app_version", "5.2.0", "cold_start_ms", 900);
        int[][] calls = {{300, 200}, {1_200, 200}, {3_000, 200}, {100, 503}};
        for (int i = 0; i < calls.length; i++) {
            add(Stream.APP, "c2", "api_call", 2_000 + i * 1_000, "customer_id", "c2", "session_id", "m1",
                    "platform", "android", "app_version", "5.2.0", "screen", "home", "endpoint", "/api/home",
                    "latency_ms", calls[i][0], "status", calls[i][1]);
        }
        add(Stream.APP, "c2", "crash", 7_000, "customer_id", "c2", "session_id", "m1", "platform", "android",
                "app_version", "5.2.0", "screen", "home", "message", "NullPointerException");
        add(Stream.REVIEWS, "c4", "review", 40_000, "customer_id", "c4", "review_id", "r1", "rating", 1,
                "text", "My parcel never arrived. Terrible!", "source", "trustpilot");
        add(Stream.REVIEWS, "c5", "review", 41_000, "customer_id", "c5", "review_id", "r2", "rating", 5,
                "text", "Love it, great quality.", "source", "trustpilot");
        add(Stream.SUPPORT, "c6", "ticket_opened", 0, "customer_id", "c6", "ticket_id", "T1", "channel", "chat",
                "text", "I was charged twice and my order never arrived. Unacceptable!");
        add(Stream.SUPPORT, "c6", "message", 8 * MINUTE, "customer_id", "c6", "ticket_id", "T1", "channel", "chat",
                "author", "agent");
        add(Stream.SUPPORT, "c6", "ticket_resolved", 20 * MINUTE, "customer_id", "c6", "ticket_id", "T1",
                "channel", "chat");
        add(Stream.SUPPORT, "c6", "csat", 21 * MINUTE, "customer_id", "c6", "ticket_id", "T1", "channel", "chat",
                "score", 2);
        add(Stream.SUPPORT, "c6", "nps", 22 * MINUTE, "customer_id", "c6", "channel", "chat", "score", 10);
        add(Stream.SUPPORT, "c6", "ces", 23 * MINUTE, "customer_id", "c6", "channel", "chat", "score", 6);
        add(Stream.SUPPORT, "c6", "ticket_opened", 60 * MINUTE, "customer_id", "c6", "ticket_id", "T2",
                "channel", "chat", "text", "Can I change my delivery address?");
    }

    /** An event of {@code type} at {@code t0 + offset}, with the fields given as name, value, ... */
    void add(Stream stream, String key, String type, long offset, Object... fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", "day-" + stream.id() + "-" + (++ids));
        e.put("type", type);
        e.put("ts", Timestamps.format(t0 + offset));
        for (int i = 0; i < fields.length; i += 2) {
            e.put((String) fields[i], fields[i + 1]);
        }
        try {
            records.add(new Record(stream, key, JSON.writeValueAsString(e), t0 + offset));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
