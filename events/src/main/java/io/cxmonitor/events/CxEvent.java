package io.cxmonitor.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One validated input event of any stream (SPEC section 2).
 *
 * <p>A single wide type instead of one class per stream: the jobs union web and app events for
 * friction and journeys, reviews and support for sentiment, and one flat type keeps that cheap.
 * Fields a type does not use stay {@code null}. Public fields and a no-argument constructor make
 * it a Flink POJO (no Kryo); field names are the JSON names in camel case.
 */
public class CxEvent {

    // common
    public Stream stream;
    public EventType type;
    public String eventId;
    /** Event time, epoch milliseconds. */
    public long ts;
    public String customerId;
    public String anonymousId;
    public String sessionId;

    // web
    public String page;
    public String pageType;
    public String element;
    public Double x;
    public Double y;
    /** js_error and crash message. */
    public String message;
    /** http_error and api_call status. */
    public Integer status;
    public String url;
    /** web_vital metric: LCP, INP, CLS, FCP or TTFB. */
    public String metric;
    /** web_vital value (ms, CLS unitless) or purchase value (money). */
    public Double value;
    public String field;

    // app
    public String platform;
    public String appVersion;
    public String screen;
    public String endpoint;
    public Double latencyMs;
    public Double coldStartMs;

    // e-commerce
    public String productId;
    public Double price;
    public Integer quantity;
    public Double cartValue;
    public String orderId;

    // reviews
    public String reviewId;
    public Integer rating;
    public String title;
    public String source;

    // support
    public String ticketId;
    public String channel;
    public String subject;
    /** customer, agent or bot. */
    public String author;
    /** csat 1-5, nps 0-10, ces 1-7. */
    public Integer score;

    /** Review or support text. Never written to InfluxDB. */
    public String text;

    public CxEvent() {}

    public CxEvent(Stream stream, EventType type, String eventId, long ts) {
        this.stream = stream;
        this.type = type;
        this.eventId = eventId;
        this.ts = ts;
    }

    /**
     * Who the event is about, in the order SPEC section 2 uses for the Kafka record key:
     * the customer, else the device, else the client session.
     */
    public String subjectId() {
        if (customerId != null) {
            return customerId;
        }
        return anonymousId != null ? anonymousId : sessionId;
    }

    /**
     * The device (browser or app install) a web or app event came from, else the customer, else
     * the client session: what server-side sessions are kept by before identities are joined (SPEC
     * 3.3), so that a guest's events and their events after logging in on that device are one
     * session. A review or support event is its customer's, whatever device it names, so that a
     * ticket's events stay in the order of their customer's partition.
     */
    public String deviceId() {
        if (anonymousId != null && stream != Stream.REVIEWS && stream != Stream.SUPPORT) {
            return anonymousId;
        }
        return customerId != null ? customerId : sessionId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CxEvent)) {
            return false;
        }
        CxEvent e = (CxEvent) o;
        return ts == e.ts
                && stream == e.stream
                && type == e.type
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(customerId, e.customerId)
                && Objects.equals(anonymousId, e.anonymousId)
                && Objects.equals(sessionId, e.sessionId)
                && Objects.equals(page, e.page)
                && Objects.equals(pageType, e.pageType)
                && Objects.equals(element, e.element)
                && Objects.equals(x, e.x)
                && Objects.equals(y, e.y)
                && Objects.equals(message, e.message)
                && Objects.equals(status, e.status)
                && Objects.equals(url, e.url)
                && Objects.equals(metric, e.metric)
                && Objects.equals(value, e.value)
                && Objects.equals(field, e.field)
                && Objects.equals(platform, e.platform)
                && Objects.equals(appVersion, e.appVersion)
                && Objects.equals(screen, e.screen)
                && Objects.equals(endpoint, e.endpoint)
                && Objects.equals(latencyMs, e.latencyMs)
                && Objects.equals(coldStartMs, e.coldStartMs)
                && Objects.equals(productId, e.productId)
                && Objects.equals(price, e.price)
                && Objects.equals(quantity, e.quantity)
                && Objects.equals(cartValue, e.cartValue)
                && Objects.equals(orderId, e.orderId)
                && Objects.equals(reviewId, e.reviewId)
                && Objects.equals(rating, e.rating)
                && Objects.equals(title, e.title)
                && Objects.equals(source, e.source)
                && Objects.equals(ticketId, e.ticketId)
                && Objects.equals(channel, e.channel)
                && Objects.equals(subject, e.subject)
                && Objects.equals(author, e.author)
                && Objects.equals(score, e.score)
                && Objects.equals(text, e.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, type, eventId, ts);
    }

    /** Identifies the event without its content: ids and free text stay out of logs. */
    @Override
    public String toString() {
        return stream.id() + "/" + type.wireName() + " " + eventId + " at " + Instant.ofEpochMilli(ts);
    }
}
