package io.cxmonitor.events;

import static io.cxmonitor.events.DeadLetterReason.BAD_TIMESTAMP;
import static io.cxmonitor.events.DeadLetterReason.FUTURE_TIMESTAMP;
import static io.cxmonitor.events.DeadLetterReason.INVALID_VALUE;
import static io.cxmonitor.events.DeadLetterReason.MISSING_FIELD;
import static io.cxmonitor.events.DeadLetterReason.NOT_JSON;
import static io.cxmonitor.events.DeadLetterReason.TOO_LARGE;
import static io.cxmonitor.events.DeadLetterReason.UNKNOWN_TYPE;
import static io.cxmonitor.events.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one Kafka record of a stream into a {@link CxEvent}, or says precisely why it breaks the
 * contract of SPEC section 2. Shared by the jobs, the generators and the replay tool.
 *
 * <p>Strict on what the signals depend on (required fields, JSON types, value ranges, a sane
 * event time), lenient on the rest: unknown fields are skipped and JSON {@code null} counts as
 * absent. Thread-safe.
 */
public final class EventReader {

    public static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_MAX_FUTURE = Duration.ofHours(24);

    /** Earlier event times are almost always epoch seconds sent as milliseconds. */
    private static final long EARLIEST_TS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    private static final Set<String> WEB_VITALS = Set.of("LCP", "INP", "CLS", "FCP", "TTFB");
    private static final Set<String> AUTHORS = Set.of("customer", "agent", "bot");

    private final JsonFactory json = new JsonFactory();
    private final int maxBytes;
    private final long maxFutureMillis;
    private final Clock clock;

    public EventReader() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_FUTURE, Clock.systemUTC());
    }

    /**
     * @param maxBytes largest accepted record
     * @param maxFuture how far beyond {@code clock} an event time may lie
     * @param clock the wall clock that judges future timestamps
     */
    public EventReader(int maxBytes, Duration maxFuture, Clock clock) {
        this.maxBytes = maxBytes;
        this.maxFutureMillis = maxFuture.toMillis();
        this.clock = clock;
    }

    public CxEvent read(Stream stream, byte[] payload) throws InvalidEventException {
        if (payload == null || payload.length == 0) {
            throw new InvalidEventException(NOT_JSON, "empty record");
        }
        if (payload.length > maxBytes) {
            throw new InvalidEventException(
                    TOO_LARGE, "record has " + payload.length + " bytes, the limit is " + maxBytes);
        }
        CxEvent event = new CxEvent();
        event.stream = stream;
        String typeName;
        try (JsonParser p = json.createParser(payload)) {
            typeName = readFields(p, event);
        } catch (InputCoercionException e) {
            throw new InvalidEventException(WRONG_TYPE, "number out of range: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(NOT_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException(NOT_JSON, String.valueOf(e.getMessage()));
        }
        validateCommon(event, typeName);
        validateByType(event);
        return event;
    }

    /** Fills the event from the JSON object and returns the raw {@code type}. */
    private static String readFields(JsonParser p, CxEvent e) throws IOException, InvalidEventException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidEventException(NOT_JSON, "expected a JSON object");
        }
        String type = null;
        e.ts = Long.MIN_VALUE;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "event_id" -> e.eventId = text(p, name);
                case "type" -> type = text(p, name);
                case "ts" -> e.ts = timestamp(p);
                case "customer_id" -> e.customerId = text(p, name);
                case "anonymous_id" -> e.anonymousId = text(p, name);
                case "session_id" -> e.sessionId = text(p, name);
                case "page" -> e.page = text(p, name);
                case "page_type" -> e.pageType = text(p, name);
                case "element" -> e.element = text(p, name);
                case "x" -> e.x = number(p, name);
                case "y" -> e.y = number(p, name);
                case "message" -> e.message = text(p, name);
                case "status" -> e.status = integer(p, name);
                case "url" -> e.url = text(p, name);
                case "metric" -> e.metric = text(p, name);
                case "value" -> e.value = number(p, name);
                case "field" -> e.field = text(p, name);
                case "platform" -> e.platform = text(p, name);
                case "app_version" -> e.appVersion = text(p, name);
                case "screen" -> e.screen = text(p, name);
                case "endpoint" -> e.endpoint = text(p, name);
                case "latency_ms" -> e.latencyMs = number(p, name);
                case "cold_start_ms" -> e.coldStartMs = number(p, name);
                case "product_id" -> e.productId = text(p, name);
                case "price" -> e.price = number(p, name);
                case "quantity" -> e.quantity = integer(p, name);
                case "cart_value" -> e.cartValue = number(p, name);
                case "order_id" -> e.orderId = text(p, name);
                case "review_id" -> e.reviewId = text(p, name);
                case "rating" -> e.rating = integer(p, name);
                case "title" -> e.title = text(p, name);
                case "text" -> e.text = text(p, name);
                case "source" -> e.source = text(p, name);
                case "ticket_id" -> e.ticketId = text(p, name);
                case "channel" -> e.channel = text(p, name);
                case "subject" -> e.subject = text(p, name);
                case "author" -> e.author = text(p, name);
                case "score" -> e.score = integer(p, name);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new InvalidEventException(NOT_JSON, "unexpected content after the JSON object");
        }
        return type;
    }

    private void validateCommon(CxEvent e, String typeName) throws InvalidEventException {
        require(e.eventId, "event_id");
        require(typeName, "type");
        EventType type = EventType.fromWireName(typeName);
        if (type == null) {
            throw new InvalidEventException(UNKNOWN_TYPE, "'" + typeName + "' is not an event type of "
                    + e.stream.id() + "; expected one of: " + EventType.namesOf(e.stream));
        }
        if (!type.belongsTo(e.stream)) {
            throw new InvalidEventException(UNKNOWN_TYPE, "'" + typeName + "' is not an event type of "
                    + e.stream.id() + " (it belongs to another stream)");
        }
        e.type = type;
        if (e.ts == Long.MIN_VALUE) {
            throw new InvalidEventException(MISSING_FIELD, "missing required field 'ts'");
        }
        if (e.ts < EARLIEST_TS) {
            throw new InvalidEventException(BAD_TIMESTAMP, "ts " + e.ts
                    + " is before the year 2000; epoch timestamps must be in milliseconds");
        }
        long latest = clock.millis() + maxFutureMillis;
        if (e.ts > latest) {
            throw new InvalidEventException(FUTURE_TIMESTAMP, "ts " + Timestamps.format(e.ts)
                    + " lies more than " + Duration.ofMillis(maxFutureMillis) + " in the future");
        }
        if (e.stream.isDigital()) {
            require(e.sessionId, "session_id");
        } else {
            require(e.customerId, "customer_id");
        }
    }

    private static void validateByType(CxEvent e) throws InvalidEventException {
        switch (e.type) {
            case WEB_VITAL -> {
                require(e.metric, "metric");
                e.metric = e.metric.toUpperCase(Locale.ROOT);
                if (!WEB_VITALS.contains(e.metric)) {
                    throw invalid("metric", e.metric, "one of " + String.join(", ", WEB_VITALS));
                }
                require(e.value, "value");
            }
            case HTTP_ERROR -> {
                require(e.status, "status");
                checkRange("status", e.status, 100, 599);
            }
            case API_CALL -> {
                require(e.status, "status");
                // 0 is what mobile SDKs report when the request never got a response.
                checkRange("status", e.status, 0, 599);
            }
            case REVIEW -> {
                if (e.rating == null && (e.text == null || e.text.isBlank())) {
                    throw new InvalidEventException(MISSING_FIELD, "a review needs 'rating' or 'text'");
                }
                if (e.rating != null) {
                    checkRange("rating", e.rating, 1, 5);
                }
            }
            case TICKET_OPENED, TICKET_RESOLVED, TICKET_REOPENED -> require(e.ticketId, "ticket_id");
            case MESSAGE -> {
                require(e.ticketId, "ticket_id");
                require(e.author, "author");
                e.author = e.author.toLowerCase(Locale.ROOT);
                if (!AUTHORS.contains(e.author)) {
                    throw invalid("author", e.author, "customer, agent or bot");
                }
            }
            case CSAT -> checkScore(e, 1, 5);
            case NPS -> checkScore(e, 0, 10);
            case CES -> checkScore(e, 1, 7);
            default -> { }
        }
        checkNotNegative("value", e.value);
        checkNotNegative("latency_ms", e.latencyMs);
        checkNotNegative("cold_start_ms", e.coldStartMs);
        checkNotNegative("price", e.price);
        checkNotNegative("cart_value", e.cartValue);
        if (e.quantity != null && e.quantity < 0) {
            throw invalid("quantity", e.quantity, "zero or more");
        }
    }

    private static void checkScore(CxEvent e, int min, int max) throws InvalidEventException {
        require(e.score, "score");
        checkRange("score", e.score, min, max);
    }

    private static void checkRange(String field, int value, int min, int max) throws InvalidEventException {
        if (value < min || value > max) {
            throw invalid(field, value, "between " + min + " and " + max);
        }
    }

    private static void checkNotNegative(String field, Double value) throws InvalidEventException {
        if (value != null && value < 0) {
            throw invalid(field, value, "zero or more");
        }
    }

    private static InvalidEventException invalid(String field, Object value, String expected) {
        return new InvalidEventException(
                INVALID_VALUE, "field '" + field + "' is " + value + ", expected " + expected);
    }

    private static void require(Object value, String field) throws InvalidEventException {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException(MISSING_FIELD, "missing required field '" + field + "'");
        }
    }

    private static String text(JsonParser p, String field) throws IOException, InvalidEventException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrongType(p, field, "a string");
        }
        return p.getText();
    }

    private static Double number(JsonParser p, String field) throws IOException, InvalidEventException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(p, field, "a number");
        }
        return p.getDoubleValue();
    }

    private static Integer integer(JsonParser p, String field) throws IOException, InvalidEventException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw wrongType(p, field, "an integer");
    }

    private static long timestamp(JsonParser p) throws IOException, InvalidEventException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p, "ts", "an ISO-8601 string or epoch milliseconds");
        }
        String text = p.getText();
        try {
            return Timestamps.parse(text);
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidEventException(BAD_TIMESTAMP, "ts '" + abbreviate(text)
                    + "' is neither ISO-8601 with a UTC offset (2026-11-23T10:15:30.123Z) nor epoch milliseconds");
        }
    }

    private static InvalidEventException wrongType(JsonParser p, String field, String expected) {
        return new InvalidEventException(WRONG_TYPE,
                "field '" + field + "' must be " + expected + ", not " + describe(p.currentToken()));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.asString();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
