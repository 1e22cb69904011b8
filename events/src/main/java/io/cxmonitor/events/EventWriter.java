package io.cxmonitor.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a {@link CxEvent} as the JSON of SPEC section 2, the inverse of {@link EventReader}:
 * snake_case names, {@code ts} as ISO-8601 UTC, absent fields left out. Thread-safe.
 */
public final class EventWriter {

    private final JsonFactory json = new JsonFactory();

    public byte[] write(CxEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event_id", e.eventId);
            g.writeStringField("type", e.type.wireName());
            g.writeStringField("ts", Timestamps.format(e.ts));
            text(g, "customer_id", e.customerId);
            text(g, "anonymous_id", e.anonymousId);
            text(g, "session_id", e.sessionId);
            text(g, "page", e.page);
            text(g, "page_type", e.pageType);
            text(g, "element", e.element);
            number(g, "x", e.x);
            number(g, "y", e.y);
            text(g, "message", e.message);
            integer(g, "status", e.status);
            text(g, "url", e.url);
            text(g, "metric", e.metric);
            number(g, "value", e.value);
            text(g, "field", e.field);
            text(g, "platform", e.platform);
            text(g, "app_version", e.appVersion);
            text(g, "screen", e.screen);
            text(g, "endpoint", e.endpoint);
            number(g, "latency_ms", e.latencyMs);
            number(g, "cold_start_ms", e.coldStartMs);
            text(g, "product_id", e.productId);
            number(g, "price", e.price);
            integer(g, "quantity", e.quantity);
            number(g, "cart_value", e.cartValue);
            text(g, "order_id", e.orderId);
            text(g, "review_id", e.reviewId);
            integer(g, "rating", e.rating);
            text(g, "title", e.title);
            text(g, "text", e.text);
            text(g, "source", e.source);
            text(g, "ticket_id", e.ticketId);
            text(g, "channel", e.channel);
            text(g, "subject", e.subject);
            text(g, "author", e.author);
            integer(g, "score", e.score);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void integer(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }
}
