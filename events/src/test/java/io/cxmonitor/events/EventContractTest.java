package io.cxmonitor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.events.contract.ContractArbitraries;
import io.cxmonitor.events.contract.ContractRecord;
import io.cxmonitor.events.contract.InvalidRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** SPEC section 2 as properties: what is valid is read, what is not is refused for its own reason. */
class EventContractTest {

    private static final long NOW = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
    private final EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.fixed(Instant.ofEpochMilli(NOW),
            ZoneOffset.UTC));

    @Provide
    Arbitrary<ContractRecord> valid() {
        return ContractArbitraries.validRecords(NOW);
    }

    @Provide
    Arbitrary<InvalidRecords.Refusal> invalid() {
        return InvalidRecords.refusals(NOW);
    }

    @Property(tries = 3000)
    void everyValidRecordIsRead(@ForAll("valid") ContractRecord record) throws Exception {
        CxEvent e = reader.read(record.stream(), record.json());
        assertThat(e.stream).isEqualTo(record.stream());
        assertThat(e.type.wireName()).isEqualTo(record.type());
        assertThat(e.eventId).isEqualTo(record.eventId());
        assertThat(e.subjectId()).isNotBlank();
        for (String id : new String[] {"customer_id", "anonymous_id", "session_id"}) {
            Object given = record.fields().get(id);
            String read = id.equals("customer_id") ? e.customerId : id.equals("anonymous_id") ? e.anonymousId : e.sessionId;
            if (given == null || ((String) given).isBlank()) {
                assertThat(read).as("an absent, null or empty %s", id).isNull();
            } else {
                assertThat(read).isEqualTo(given);
            }
        }
    }

    @Property(tries = 3000)
    void everyInvalidRecordIsRefusedForItsReason(@ForAll("invalid") InvalidRecords.Refusal refusal) {
        assertThatThrownBy(() -> reader.read(refusal.record().stream(), refusal.payload()))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).reason())
                .isEqualTo(refusal.reason());
    }

    @Property(tries = 500)
    void everyDeadLetterFitsKafkaWithAShortReason(@ForAll("invalid") InvalidRecords.Refusal refusal) {
        try {
            reader.read(refusal.record().stream(), refusal.payload());
        } catch (InvalidEventException e) {
            DeadLetter letter = DeadLetter.of(refusal.record().stream(), "cx.test", 0, 1, NOW, refusal.payload(), e, NOW);
            assertThat(letter.error.length()).isLessThanOrEqualTo(DeadLetter.MAX_ERROR_CHARS + 3);
            assertThat(letter.toJson().length).isLessThanOrEqualTo(DeadLetter.MAX_LETTER_BYTES);
            assertThat(new String(letter.toJson(), StandardCharsets.UTF_8)).contains("\"reason\":\"" + e.reason().id());
            return;
        }
        throw new AssertionError("not refused: " + refusal);
    }

    @Example
    void everyTypeNeedsOnlyItsCommonFields() throws Exception {
        for (Stream stream : Stream.values()) {
            for (EventType type : ContractArbitraries.typesOf(stream)) {
                ContractRecord minimal = ContractArbitraries.minimal(stream, type, "e-" + type.wireName(), NOW);
                assertThat(reader.read(stream, minimal.json()).type).isEqualTo(type);
            }
        }
    }

    @Example
    void anIdAtTheLimitIsReadAndOneBeyondIsRefused() throws Exception {
        ContractRecord r = ContractArbitraries.minimal(Stream.REVIEWS, EventType.REVIEW, "e", NOW);
        assertThat(reader.read(Stream.REVIEWS, r.with("customer_id", "c".repeat(256)).json()).customerId).hasSize(256);
        assertThatThrownBy(() -> reader.read(Stream.REVIEWS, r.with("customer_id", "c".repeat(257)).json()))
                .hasMessageContaining("'customer_id' has 257 characters, the limit is 256");
    }
}
