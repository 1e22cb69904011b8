package io.cxmonitor.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EventReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

    private CxEvent read(Stream stream, String json) throws InvalidEventException {
        return reader.read(stream, json.getBytes(UTF_8));
    }

    private void assertRefused(Stream stream, String json, DeadLetterReason reason, String messagePart) {
        ThrowingCallable call = () -> read(stream, json);
        assertThatThrownBy(call)
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((InvalidEventException) e).reason())
                .isEqualTo(reason);
    }

    @Test
    void readsAClickWithEveryCommonField() throws Exception {
        CxEvent e = read(Stream.CLICKSTREAM, """
                {"event_id":"e1","type":"click","ts":"2026-11-23T10:15:30.123Z","customer_id":"c1",
                 "anonymous_id":"a1","session_id":"s1","page":"/cart","page_type":"cart",
                 "element":"#buy","x":120,"y":48.5}""");
        assertThat(e.stream).isEqualTo(Stream.CLICKSTREAM);
        assertThat(e.type).isEqualTo(EventType.CLICK);
        assertThat(e.eventId).isEqualTo("e1");
        assertThat(e.ts).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z").toEpochMilli());
        assertThat(e.customerId).isEqualTo("c1");
        assertThat(e.anonymousId).isEqualTo("a1");
        assertThat(e.sessionId).isEqualTo("s1");
        assertThat(e.pageType).isEqualTo("cart");
        assertThat(e.element).isEqualTo("#buy");
        assertThat(e.x).isEqualTo(120.0);
        assertThat(e.y).isEqualTo(48.5);
    }

    @Test
    void acceptsEpochMillisecondsAndOffsetsOtherThanUtc() throws Exception {
        long expected = Instant.parse("2026-11-23T10:15:30Z").toEpochMilli();
        String base = "{\"event_id\":\"e\",\"type\":\"page_view\",\"session_id\":\"s\",\"ts\":";
        assertThat(read(Stream.CLICKSTREAM, base + expected + "}").ts).isEqualTo(expected);
        assertThat(read(Stream.CLICKSTREAM, base + "\"" + expected + "\"}").ts).isEqualTo(expected);
        assertThat(read(Stream.CLICKSTREAM, base + "\"2026-11-23T11:15:30+01:00\"}").ts).isEqualTo(expected);
        assertThat(read(Stream.CLICKSTREAM, base + "\"2026-11-23T10:15:30Z\"}").ts).isEqualTo(expected);
        assertThat(read(Stream.CLICKSTREAM, base + "\"2026-11-23T10:15:30.5Z\"}").ts).isEqualTo(expected + 500);
        assertThat(read(Stream.CLICKSTREAM, base + "\"2026-11-23T10:15:30.123456789Z\"}").ts)
                .isEqualTo(expected + 123);
    }

    @Test
    void ignoresUnknownFieldsAndTreatsNullAsAbsent() throws Exception {
        CxEvent e = read(Stream.APP, """
                {"event_id":"e","type":"crash","ts":"2026-11-23T10:00:00Z","session_id":"s",
                 "customer_id":null,"sdk":{"name":"x","versions":[1,2,{"a":null}]},"platform":"android",
                 "app_version":"5.2.0","message":"NullPointerException"}""");
        assertThat(e.type).isEqualTo(EventType.CRASH);
        assertThat(e.customerId).isNull();
        assertThat(e.platform).isEqualTo("android");
        assertThat(e.subjectId()).isEqualTo("s");
    }

    @Test
    void readsReviewsAndSupportEvents() throws Exception {
        CxEvent review = read(Stream.REVIEWS, """
                {"event_id":"r","type":"review","ts":"2026-11-23T10:00:00Z","customer_id":"c",
                 "review_id":"rv1","rating":2,"title":"Meh","text":"It never arrived","source":"trustpilot"}""");
        assertThat(review.rating).isEqualTo(2);
        assertThat(review.text).isEqualTo("It never arrived");
        CxEvent message = read(Stream.SUPPORT, """
                {"event_id":"m","type":"message","ts":"2026-11-23T10:00:00Z","customer_id":"c",
                 "ticket_id":"t1","channel":"chat","author":"Agent","text":"Hello"}""");
        assertThat(message.author).isEqualTo("agent");
        CxEvent nps = read(Stream.SUPPORT,
                "{\"event_id\":\"n\",\"type\":\"nps\",\"ts\":\"2026-11-23T10:00:00Z\",\"customer_id\":\"c\",\"score\":0}");
        assertThat(nps.score).isZero();
    }

    @Test
    void refusesWhatIsNotAJsonObject() {
        assertRefused(Stream.CLICKSTREAM, "not json at all", DeadLetterReason.NOT_JSON, "");
        assertRefused(Stream.CLICKSTREAM, "[1,2]", DeadLetterReason.NOT_JSON, "expected a JSON object");
        assertRefused(Stream.CLICKSTREAM, "{\"event_id\":\"e\"", DeadLetterReason.NOT_JSON, "");
        assertRefused(Stream.CLICKSTREAM, "{\"a\":1} {\"b\":2}", DeadLetterReason.NOT_JSON, "after the JSON object");
        assertThatThrownBy(() -> reader.read(Stream.CLICKSTREAM, new byte[0]))
                .hasMessageContaining("empty record");
        assertThatThrownBy(() -> reader.read(Stream.CLICKSTREAM, null))
                .hasMessageContaining("empty record");
    }

    @Test
    void refusesARecordLargerThanTheLimitBeforeParsingIt() {
        byte[] big = new byte[1024 * 1024 + 1];
        assertThatThrownBy(() -> reader.read(Stream.REVIEWS, big))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("1048577 bytes")
                .extracting(e -> ((InvalidEventException) e).reason())
                .isEqualTo(DeadLetterReason.TOO_LARGE);
    }

    @Test
    void refusesMissingCommonFields() {
        assertRefused(Stream.CLICKSTREAM, "{\"type\":\"click\",\"ts\":1763892930000,\"session_id\":\"s\"}",
                DeadLetterReason.MISSING_FIELD, "'event_id'");
        assertRefused(Stream.CLICKSTREAM, "{\"event_id\":\"\",\"type\":\"click\",\"ts\":1763892930000,\"session_id\":\"s\"}",
                DeadLetterReason.MISSING_FIELD, "'event_id'");
        assertRefused(Stream.CLICKSTREAM, "{\"event_id\":\"e\",\"ts\":1763892930000,\"session_id\":\"s\"}",
                DeadLetterReason.MISSING_FIELD, "'type'");
        assertRefused(Stream.CLICKSTREAM, "{\"event_id\":\"e\",\"type\":\"click\",\"session_id\":\"s\"}",
                DeadLetterReason.MISSING_FIELD, "'ts'");
    }

    @Test
    void webAndAppEventsNeedASessionWhileReviewsAndSupportNeedACustomer() {
        assertRefused(Stream.APP, "{\"event_id\":\"e\",\"type\":\"tap\",\"ts\":1763892930000,\"customer_id\":\"c\"}",
                DeadLetterReason.MISSING_FIELD, "'session_id'");
        assertRefused(Stream.REVIEWS, "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"rating\":5}",
                DeadLetterReason.MISSING_FIELD, "'customer_id'");
    }

    @Test
    void refusesFieldsOfTheWrongJsonType() {
        assertRefused(Stream.REVIEWS,
                "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"customer_id\":\"c\",\"rating\":\"five\"}",
                DeadLetterReason.WRONG_TYPE, "field 'rating' must be an integer, not a string");
        assertRefused(Stream.REVIEWS,
                "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"customer_id\":\"c\",\"rating\":4.5}",
                DeadLetterReason.WRONG_TYPE, "'rating'");
        assertRefused(Stream.CLICKSTREAM,
                "{\"event_id\":42,\"type\":\"click\",\"ts\":1763892930000,\"session_id\":\"s\"}",
                DeadLetterReason.WRONG_TYPE, "field 'event_id' must be a string, not a number");
        assertRefused(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"click\",\"ts\":true,\"session_id\":\"s\"}",
                DeadLetterReason.WRONG_TYPE, "'ts'");
    }

    @Test
    void refusesNumbersThatAreNotFiniteOrOutOfRange() {
        assertRefused(Stream.APP,
                "{\"event_id\":\"e\",\"type\":\"api_call\",\"ts\":1763892930000,\"session_id\":\"s\",\"status\":99999999999}",
                DeadLetterReason.INVALID_VALUE, "out of range");
        assertRefused(Stream.APP,
                "{\"event_id\":\"e\",\"type\":\"api_call\",\"ts\":1763892930000,\"session_id\":\"s\",\"latency_ms\":1e400}",
                DeadLetterReason.INVALID_VALUE, "'latency_ms' is not a finite number");
        assertRefused(Stream.REVIEWS,
                "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"customer_id\":\"c\",\"rating\":-1e400}",
                DeadLetterReason.INVALID_VALUE, "'rating' is out of range");
    }

    @Test
    void refusesIdsLongerThanTheLimitAndTreatsEmptyOptionalIdsAsAbsent() throws Exception {
        assertRefused(Stream.REVIEWS, "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"customer_id\":\""
                + "c".repeat(400_000) + "\"}", DeadLetterReason.INVALID_VALUE, "'customer_id' has 400000 characters");
        CxEvent e = read(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"click\",\"ts\":1763892930000,\"session_id\":\"s\",\"customer_id\":\"\"}");
        assertThat(e.customerId).isNull();
        assertThat(e.subjectId()).isEqualTo("s");
        assertRefused(Stream.REVIEWS, "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"customer_id\":\"\"}",
                DeadLetterReason.MISSING_FIELD, "'customer_id'");
    }

    @Test
    void quotesOnlyTheStartOfAnOversizedValue() {
        String type = "t".repeat(900_000);
        assertThatThrownBy(() -> read(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"" + type + "\",\"ts\":1763892930000,\"session_id\":\"s\"}"))
                .isInstanceOf(InvalidEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("(900000 characters)"));
    }

    @Test
    void refusesTypesThatDoNotBelongToTheStream() {
        assertRefused(Stream.CLICKSTREAM, "{\"event_id\":\"e\",\"type\":\"teleport\",\"ts\":1763892930000,\"session_id\":\"s\"}",
                DeadLetterReason.UNKNOWN_TYPE, "expected one of: page_view, click");
        assertRefused(Stream.CLICKSTREAM, "{\"event_id\":\"e\",\"type\":\"crash\",\"ts\":1763892930000,\"session_id\":\"s\"}",
                DeadLetterReason.UNKNOWN_TYPE, "another stream");
    }

    @Test
    void refusesUnparseableAndImplausibleTimestamps() {
        assertRefused(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"click\",\"ts\":\"yesterday\",\"session_id\":\"s\"}",
                DeadLetterReason.BAD_TIMESTAMP, "'yesterday'");
        assertRefused(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"click\",\"ts\":\"2026-11-23T10:15:30\",\"session_id\":\"s\"}",
                DeadLetterReason.BAD_TIMESTAMP, "UTC offset");
        assertRefused(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"click\",\"ts\":\"2026-02-30T10:15:30Z\",\"session_id\":\"s\"}",
                DeadLetterReason.BAD_TIMESTAMP, "");
        assertRefused(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"click\",\"ts\":1763892930,\"session_id\":\"s\"}",
                DeadLetterReason.BAD_TIMESTAMP, "milliseconds");
    }

    @Test
    void refusesEventsMoreThanADayInTheFuture() throws Exception {
        String almost = "{\"event_id\":\"e\",\"type\":\"click\",\"session_id\":\"s\",\"ts\":\"2026-11-24T11:59:59Z\"}";
        assertThat(read(Stream.CLICKSTREAM, almost).type).isEqualTo(EventType.CLICK);
        assertRefused(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"click\",\"session_id\":\"s\",\"ts\":\"2026-11-24T12:00:01Z\"}",
                DeadLetterReason.FUTURE_TIMESTAMP, "in the future");
    }

    @Test
    void refusesImpossibleValues() {
        assertRefused(Stream.REVIEWS,
                "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"customer_id\":\"c\",\"rating\":7}",
                DeadLetterReason.INVALID_VALUE, "between 1 and 5");
        assertRefused(Stream.SUPPORT,
                "{\"event_id\":\"e\",\"type\":\"nps\",\"ts\":1763892930000,\"customer_id\":\"c\",\"score\":11}",
                DeadLetterReason.INVALID_VALUE, "'score'");
        assertRefused(Stream.APP,
                "{\"event_id\":\"e\",\"type\":\"api_call\",\"ts\":1763892930000,\"session_id\":\"s\",\"status\":200,\"latency_ms\":-5}",
                DeadLetterReason.INVALID_VALUE, "'latency_ms'");
    }

    /**
     * SPEC 2 requires only the common fields; a record without the field a signal rests on, or with
     * a value outside the usual names, is valid and simply feeds no signal that needs it.
     */
    @Test
    void acceptsEventsWithoutTheirOptionalFieldsOrWithUnusualNames() throws Exception {
        assertThat(read(Stream.CLICKSTREAM,
                "{\"event_id\":\"e\",\"type\":\"web_vital\",\"ts\":1763892930000,\"session_id\":\"s\",\"metric\":\"LCP\"}")
                .value).isNull();
        assertThat(read(Stream.SUPPORT,
                "{\"event_id\":\"e\",\"type\":\"csat\",\"ts\":1763892930000,\"customer_id\":\"c\"}").score).isNull();
        assertThat(read(Stream.SUPPORT,
                "{\"event_id\":\"e\",\"type\":\"ticket_opened\",\"ts\":1763892930000,\"customer_id\":\"c\"}").ticketId)
                .isNull();
        assertThat(read(Stream.REVIEWS,
                "{\"event_id\":\"e\",\"type\":\"review\",\"ts\":1763892930000,\"customer_id\":\"c\"}").rating).isNull();
        assertThat(read(Stream.APP,
                "{\"event_id\":\"e\",\"type\":\"api_call\",\"ts\":1763892930000,\"session_id\":\"s\",\"status\":200}")
                .latencyMs).isNull();
        assertThat(read(Stream.SUPPORT, "{\"event_id\":\"e\",\"type\":\"message\",\"ts\":1763892930000,"
                + "\"customer_id\":\"c\",\"ticket_id\":\"t\",\"author\":\"System\"}").author).isEqualTo("system");
        assertThat(read(Stream.CLICKSTREAM, "{\"event_id\":\"e\",\"type\":\"web_vital\",\"ts\":1763892930000,"
                + "\"session_id\":\"s\",\"metric\":\"fid\",\"value\":3}").metric).isEqualTo("FID");
    }
}
