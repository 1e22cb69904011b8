package io.cxmonitor.events.contract;

import io.cxmonitor.events.DeadLetterReason;
import io.cxmonitor.events.Stream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Records that break SPEC section 2 in exactly one way, each with the reason the dead letter must
 * give: a valid record from {@link ContractArbitraries} with one mutation.
 */
public final class InvalidRecords {

    /** A record and the reason it must be refused for. */
    public record Refusal(ContractRecord record, byte[] payload, DeadLetterReason reason, String mutation) {
        @Override
        public String toString() {
            return mutation + " → " + reason.id() + ": " + record;
        }
    }

    private record Mutation(String name, DeadLetterReason reason, BiFunction<ContractRecord, Random, Object> apply) {}

    private static final Mutation[] MUTATIONS = {
        new Mutation("no event_id", DeadLetterReason.MISSING_FIELD, (c, r) -> c.without("event_id")),
        new Mutation("empty event_id", DeadLetterReason.MISSING_FIELD, (c, r) -> c.with("event_id", "")),
        new Mutation("no ts", DeadLetterReason.MISSING_FIELD, (c, r) -> c.without("ts")),
        new Mutation("no type", DeadLetterReason.MISSING_FIELD, (c, r) -> c.without("type")),
        new Mutation("no subject", DeadLetterReason.MISSING_FIELD,
                (c, r) -> c.without(c.stream().isDigital() ? "session_id" : "customer_id")),
        new Mutation("unknown type", DeadLetterReason.UNKNOWN_TYPE, (c, r) -> c.with("type", "teleport")),
        new Mutation("huge unknown type", DeadLetterReason.UNKNOWN_TYPE, (c, r) -> c.with("type", "t".repeat(900_000))),
        new Mutation("type of another stream", DeadLetterReason.UNKNOWN_TYPE,
                (c, r) -> c.with("type", c.stream() == Stream.REVIEWS ? "crash" : "review")),
        new Mutation("event_id over the limit", DeadLetterReason.INVALID_VALUE,
                (c, r) -> c.with("event_id", "e".repeat(ContractArbitraries.MAX_ID_LENGTH + 1))),
        new Mutation("customer_id of 400,000 characters", DeadLetterReason.INVALID_VALUE,
                (c, r) -> c.with("customer_id", "c".repeat(400_000))),
        new Mutation("anonymous_id over the limit", DeadLetterReason.INVALID_VALUE,
                (c, r) -> c.with("anonymous_id", "ä".repeat(ContractArbitraries.MAX_ID_LENGTH + 1))),
        new Mutation("customer_id of emoji over the limit", DeadLetterReason.INVALID_VALUE,
                (c, r) -> c.with("customer_id", "😀".repeat(ContractArbitraries.MAX_ID_LENGTH + 1))),
        new Mutation("infinite number", DeadLetterReason.INVALID_VALUE,
                (c, r) -> number(c, new ContractRecord.Raw("1e400"))),
        new Mutation("negative number", DeadLetterReason.INVALID_VALUE, (c, r) -> number(c, -1)),
        new Mutation("number out of range", DeadLetterReason.INVALID_VALUE,
                (c, r) -> number(c, switch (c.stream()) {
                    case CLICKSTREAM, APP -> 600;
                    case REVIEWS -> r.nextBoolean() ? 0 : 6;
                    case SUPPORT -> 11;
                })),
        new Mutation("integer beyond int", DeadLetterReason.INVALID_VALUE,
                (c, r) -> number(c, new ContractRecord.Raw("99999999999999999999"))),
        new Mutation("number as a string", DeadLetterReason.WRONG_TYPE, (c, r) -> number(c, "five")),
        new Mutation("event_id as a number", DeadLetterReason.WRONG_TYPE, (c, r) -> c.with("event_id", 42)),
        new Mutation("text field as a boolean", DeadLetterReason.WRONG_TYPE, (c, r) -> c.with(
                switch (c.stream()) {
                    case CLICKSTREAM -> "page";
                    case APP -> "screen";
                    case REVIEWS -> "title";
                    case SUPPORT -> "channel";
                }, true)),
        new Mutation("integer with a fraction", DeadLetterReason.WRONG_TYPE, (c, r) -> number(c, 4.5)),
        new Mutation("ts as an object", DeadLetterReason.WRONG_TYPE,
                (c, r) -> c.with("ts", new ContractRecord.Raw("{\"at\":1}"))),
        new Mutation("unparseable ts", DeadLetterReason.BAD_TIMESTAMP, (c, r) -> c.with("ts", "yesterday")),
        new Mutation("ts without offset", DeadLetterReason.BAD_TIMESTAMP, (c, r) -> c.with("ts", "2026-11-23T10:15:30")),
        new Mutation("ts in epoch seconds", DeadLetterReason.BAD_TIMESTAMP, (c, r) -> c.with("ts", 1_763_892_930L)),
        new Mutation("absurd ts", DeadLetterReason.BAD_TIMESTAMP, (c, r) -> c.with("ts", new ContractRecord.Raw("1e300"))),
        new Mutation("ts in a year beyond epoch milliseconds", DeadLetterReason.BAD_TIMESTAMP,
                (c, r) -> c.with("ts", r.nextBoolean() ? "+999999999-12-31T23:59:59Z" : "-999999999-01-01T00:00:00+01:00")),
        new Mutation("truncated JSON", DeadLetterReason.NOT_JSON, (c, r) -> {
            byte[] json = c.json();
            return java.util.Arrays.copyOf(json, json.length - 1);
        }),
        new Mutation("JSON array", DeadLetterReason.NOT_JSON,
                (c, r) -> ("[" + new String(c.json(), StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8)),
        new Mutation("larger than 1 MiB", DeadLetterReason.TOO_LARGE, (c, r) -> c.with("x_pad", "p".repeat(1_100_000))),
    };

    private InvalidRecords() {}

    /**
     * The record with an integer field its stream defines and always checks set to {@code value}:
     * the HTTP status of an error, a review's rating, a survey's score (the record becoming an NPS
     * answer, whose range is 0 to 10).
     */
    private static ContractRecord number(ContractRecord c, Object value) {
        return switch (c.stream()) {
            case CLICKSTREAM -> c.with("type", "http_error").with("status", value);
            case APP -> c.with("type", "api_call").with("status", value);
            case REVIEWS -> c.with("rating", value);
            case SUPPORT -> c.with("type", "nps").with("score", value);
        };
    }

    /** Records with one defect each, including a future {@code ts} relative to {@code nowMillis}. */
    public static Arbitrary<Refusal> refusals(long nowMillis) {
        return Arbitraries.randoms().map(r -> refusal(r, nowMillis));
    }

    public static Refusal refusal(Random r, long nowMillis) {
        ContractRecord valid = ContractArbitraries.validRecord(r, nowMillis);
        if (r.nextInt(MUTATIONS.length + 1) == 0) {
            ContractRecord future = valid.with("ts", Instant.ofEpochMilli(nowMillis).plus(Duration.ofHours(25)).toString());
            return new Refusal(future, future.json(), DeadLetterReason.FUTURE_TIMESTAMP, "ts 25 h ahead");
        }
        Mutation m = MUTATIONS[r.nextInt(MUTATIONS.length)];
        Object result = m.apply().apply(valid, r);
        if (result instanceof byte[] bytes) {
            return new Refusal(valid, bytes, m.reason(), m.name());
        }
        ContractRecord broken = (ContractRecord) result;
        return new Refusal(broken, broken.json(), m.reason(), m.name());
    }
}
