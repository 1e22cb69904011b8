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
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads one Kafka record of a stream into a {@link CxEvent}, or says precisely why it breaks the
 * contract of SPEC section 2. Shared by the jobs, the generators and the replay tool.
 *
 * <p>Only what the contract requires is required: {@code event_id}, {@code type}, {@code ts}, and
 * {@code session_id} (web, app) or {@code customer_id} (reviews, support). Every other field may
 * be absent; when present it must have its JSON type, ids must fit the id limit, and numbers must be
 * finite and in range. Unknown fields are skipped (a field of another stream is unknown here: a
 * review's "score" or a ticket's "status" is not read), JSON {@code null} and an empty optional id count
 * as absent, and a string field with an unexpected value (a web-vital metric such as FID, an author
 * such as "system") is kept: it breaks no rule of the contract, it just feeds no signal. Error
 * messages quote at most a few dozen characters of the input. Thread-safe.
 */
public final class EventReader {

    /** Earlier event times are almost always epoch seconds sent as milliseconds. */
    private static final long EARLIEST_TS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final int QUOTED_VALUE = 40;
    private static final int QUOTED_MESSAGE = 300;

    private final JsonFactory json;
    private final EventLimits limits;
    private final Clock clock;

    public EventReader() {
        this(EventLimits.DEFAULT, Clock.systemUTC());
    }

    /**
     * @param limits sizes and time bounds of the contract
     * @param clock the wall clock that judges future timestamps
     */
    public EventReader(EventLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        // Jackson's own bounds, as a second line: no string or number longer than a record may be.
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Math.max(limits.maxBytes(), 1))
                        .build())
                .build();
    }

    public CxEvent read(Stream stream, byte[] payload) throws InvalidEventException {
        if (payload == null || payload.length == 0) {
            throw new InvalidEventException(NOT_JSON, "empty record");
        }
        if (payload.length > limits.maxBytes()) {
            throw new InvalidEventException(
                    TOO_LARGE, "record has " + payload.length + " bytes, the limit is " + limits.maxBytes());
        }
        CxEvent event = new CxEvent();
        event.stream = stream;
        String typeName;
        try (JsonParser p = json.createParser(payload)) {
            typeName = readFields(p, event);
        } catch (InputCoercionException e) {
            throw new InvalidEventException(INVALID_VALUE, "number out of range: " + quote(e.getOriginalMessage(), QUOTED_MESSAGE));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(NOT_JSON, quote(e.getOriginalMessage(), QUOTED_MESSAGE));
        } catch (IOException e) {
            throw new InvalidEventException(NOT_JSON, quote(String.valueOf(e.getMessage()), QUOTED_MESSAGE));
        } catch (RuntimeException e) {
            // A value this reader did not foresee is the record's fault, never a reason to restart a job.
            throw new InvalidEventException(INVALID_VALUE, "the record could not be read: "
                    + quote(String.valueOf(e), QUOTED_MESSAGE));
        }
        validateCommon(event, typeName);
        validateRanges(event);
        return event;
    }

    /** Fills the event from the JSON object and returns the raw {@code type}. */
    private String readFields(JsonParser p, CxEvent e) throws IOException, InvalidEventException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidEventException(NOT_JSON, "expected a JSON object");
        }
        String type = null;
        e.ts = Long.MIN_VALUE;
        int stream = bit(e.stream);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            if ((streamsOf(name) & stream) == 0) {
                p.skipChildren(); // unknown here: a support record's "status" is no HTTP status
                continue;
            }
            switch (name) {
                case "event_id" -> e.eventId = id(p, name);
                case "type" -> type = text(p, name);
                case "ts" -> e.ts = timestamp(p);
                case "customer_id" -> e.customerId = id(p, name);
                case "anonymous_id" -> e.anonymousId = id(p, name);
                case "session_id" -> e.sessionId = id(p, name);
                case "page" -> e.page = text(p, name);
                case "page_type" -> e.pageType = text(p, name);
                case "element" -> e.element = text(p, name);
                case "x" -> e.x = number(p, name);
                case "y" -> e.y = number(p, name);
                case "message" -> e.message = text(p, name);
                case "status" -> e.status = integer(p, name);
                case "url" -> e.url = text(p, name);
                case "metric" -> e.metric = text(p, name).toUpperCase(Locale.ROOT);
                case "value" -> e.value = number(p, name);
                case "field" -> e.field = text(p, name);
                case "platform" -> e.platform = text(p, name);
                case "app_version" -> e.appVersion = text(p, name);
                case "screen" -> e.screen = text(p, name);
                case "endpoint" -> e.endpoint = text(p, name);
                case "latency_ms" -> e.latencyMs = number(p, name);
                case "cold_start_ms" -> e.coldStartMs = number(p, name);
                case "product_id" -> e.productId = id(p, name);
                case "price" -> e.price = number(p, name);
                case "quantity" -> e.quantity = integer(p, name);
                case "cart_value" -> e.cartValue = number(p, name);
                case "order_id" -> e.orderId = id(p, name);
                case "review_id" -> e.reviewId = id(p, name);
                case "rating" -> e.rating = integer(p, name);
                case "title" -> e.title = text(p, name);
                case "text" -> e.text = text(p, name);
                case "source" -> e.source = text(p, name);
                case "ticket_id" -> e.ticketId = id(p, name);
                case "channel" -> e.channel = text(p, name);
                case "subject" -> e.subject = text(p, name);
                case "author" -> e.author = text(p, name).toLowerCase(Locale.ROOT);
                case "score" -> e.score = integer(p, name);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new InvalidEventException(NOT_JSON, "unexpected content after the JSON object");
        }
        return type;
    }

    private static final int WEB = 1;
    private static final int APP = 2;
    private static final int REVIEWS = 4;
    private static final int SUPPORT = 8;
    private static final int DIGITAL = WEB | APP;

    private static int bit(Stream stream) {
        return switch (stream) {
            case CLICKSTREAM -> WEB;
            case APP -> APP;
            case REVIEWS -> REVIEWS;
            case SUPPORT -> SUPPORT;
        };
    }

    /**
     * The streams whose records define a field (SPEC 2). Elsewhere the field is an unknown extra
     * field, accepted and ignored whatever its type or value.
     */
    private static int streamsOf(String field) {
        return switch (field) {
            case "event_id", "type", "ts", "customer_id", "anonymous_id", "session_id" -> DIGITAL | REVIEWS | SUPPORT;
            case "page", "page_type", "url", "metric", "field" -> WEB;
            case "platform", "app_version", "screen", "endpoint", "latency_ms", "cold_start_ms" -> APP;
            case "element", "x", "y", "message", "status", "price", "quantity", "cart_value", "order_id",
                    "value" -> DIGITAL;
            case "product_id" -> DIGITAL | REVIEWS;
            case "review_id", "rating", "title", "source" -> REVIEWS;
            case "text" -> REVIEWS | SUPPORT;
            case "ticket_id", "channel", "subject", "author", "score" -> SUPPORT;
            default -> 0;
        };
    }

    private void validateCommon(CxEvent e, String typeName) throws InvalidEventException {
        require(e.eventId, "event_id");
        require(typeName, "type");
        EventType type = EventType.fromWireName(typeName);
        if (type == null) {
            throw new InvalidEventException(UNKNOWN_TYPE, "'" + quote(typeName, QUOTED_VALUE) + "' is not an event type of "
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
        long latest = clock.millis() + limits.maxFuture().toMillis();
        if (e.ts > latest) {
            throw new InvalidEventException(FUTURE_TIMESTAMP, "ts " + Timestamps.format(e.ts)
                    + " lies more than " + limits.maxFuture() + " in the future");
        }
        if (e.stream.isDigital()) {
            require(e.sessionId, "session_id");
        } else {
            require(e.customerId, "customer_id");
        }
    }

    /** Numbers the contract bounds; each is checked only when present. */
    private static void validateRanges(CxEvent e) throws InvalidEventException {
        if (e.status != null) {
            // 0 is what mobile SDKs report when an API request never got a response.
            checkRange("status", e.status, e.type == EventType.HTTP_ERROR ? 100 : 0, 599);
        }
        if (e.rating != null) {
            checkRange("rating", e.rating, 1, 5);
        }
        if (e.score != null) {
            switch (e.type) {
                case CSAT -> checkRange("score", e.score, 1, 5);
                case NPS -> checkRange("score", e.score, 0, 10);
                case CES -> checkRange("score", e.score, 1, 7);
                default -> { }
            }
        }
        if (e.quantity != null && e.quantity < 0) {
            throw invalid("quantity", e.quantity, "zero or more");
        }
        checkNotNegative("value", e.value);
        checkNotNegative("latency_ms", e.latencyMs);
        checkNotNegative("cold_start_ms", e.coldStartMs);
        checkNotNegative("price", e.price);
        checkNotNegative("cart_value", e.cartValue);
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

    private static void require(String value, String field) throws InvalidEventException {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(MISSING_FIELD, "missing required field '" + field + "'");
        }
    }

    /** An id: a blank one is absent; a longer one than the limit is refused. */
    private String id(JsonParser p, String field) throws IOException, InvalidEventException {
        String id = text(p, field);
        if (!limits.fitsIdLimit(id)) {
            throw new InvalidEventException(INVALID_VALUE, "field '" + field + "' has "
                    + EventLimits.idLength(id) + " characters, the limit is " + limits.maxIdLength());
        }
        return id.isBlank() ? null : id;
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
        double value = p.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw new InvalidEventException(INVALID_VALUE, "field '" + field + "' is not a finite number");
        }
        return value;
    }

    private static Integer integer(JsonParser p, String field) throws IOException, InvalidEventException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                throw new InvalidEventException(INVALID_VALUE, "field '" + field + "' is out of range");
            }
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (!Double.isFinite(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new InvalidEventException(INVALID_VALUE, "field '" + field + "' is out of range");
            }
            if (d == Math.rint(d)) {
                return (int) d;
            }
        }
        throw wrongType(p, field, "an integer");
    }

    private static long timestamp(JsonParser p) throws IOException, InvalidEventException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double approx = p.getDoubleValue();
            if (!Double.isFinite(approx) || Math.abs(approx) >= 9.0e15) {
                throw new InvalidEventException(BAD_TIMESTAMP, "ts is not a plausible epoch time in milliseconds");
            }
            return t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : (long) Math.floor(approx);
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p, "ts", "an ISO-8601 string or epoch milliseconds");
        }
        String text = p.getText();
        try {
            return Timestamps.parse(text);
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            // ArithmeticException: a legal ISO year, such as +999999999, beyond epoch milliseconds
            throw new InvalidEventException(BAD_TIMESTAMP, "ts '" + quote(text, QUOTED_VALUE)
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

    /** At most {@code max} characters of the input: dead letters carry the payload itself. */
    private static String quote(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "... (" + text.length() + " characters)";
    }
}
