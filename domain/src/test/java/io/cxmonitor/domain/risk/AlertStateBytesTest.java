package io.cxmonitor.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.util.HashSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AlertStateBytesTest {

    private static final long T0 = 1_795_424_400_000L;

    /** Every field, as written, comes back: sentinels, nulls apart from empties, odd strings, any number. */
    @Property(tries = 500)
    void everyStateComesBackAsItWasWritten(@ForAll("states") AlertState s) {
        AlertState back = AlertStateBytes.read(AlertStateBytes.write(s));
        assertThat(back).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void aNewCustomersStateComesBackWithItsSentinels() {
        AlertState fresh = new AlertState();
        AlertState back = AlertStateBytes.read(AlertStateBytes.write(fresh));
        assertThat(back).usingRecursiveComparison().isEqualTo(fresh);
        assertThat(back.value.firstSeen).isEqualTo(Long.MAX_VALUE);
        assertThat(back.lastPageAt).isEqualTo(Long.MIN_VALUE);
        assertThat(back.expiryTimer).isEqualTo(AlertState.NO_TIMER);
        assertThat(back.inEpisode()).isFalse();
    }

    /** What the state benchmark keeps: two purchases, an episode, four timeline events. */
    @Test
    void aCustomerWithPurchasesAnEpisodeAndFourEventsTakesAFewHundredBytes() {
        AlertState s = new AlertState();
        s.value.purchase(T0, 40.0);
        s.value.purchase(T0 + 1, 40.0);
        s.value.activity(T0 + 4);
        s.purchasesSeen = new long[] {11L, T0, 12L, T0 + 1};
        s.experienceTimes = new long[] {T0 + 3};
        s.experienceHashes = new long[] {-7L};
        s.risk = 0.81;
        s.paged = true;
        s.lastPageAt = T0 + 3;
        s.changes = 1;
        s.firstKind = "checkout_failure";
        s.firstTouchpoint = "web";
        s.firstTs = T0 + 3;
        s.firstEventIds = new String[] {"e-4000003"};
        s.timeline = new TimelineEntry[] {entry(T0, "/checkout/done", "checkout"),
            entry(T0 + 1, "/checkout/done", "checkout"), entry(T0 + 2, "/product/2", "product"),
            entry(T0 + 4, "/product/4", "product")};
        s.expiryTimer = T0 + 90 * 86_400_000L;

        byte[] bytes = AlertStateBytes.write(s);

        assertThat(bytes.length).as("where the objects took about 660").isLessThan(220);
        assertThat(AlertStateBytes.read(bytes)).usingRecursiveComparison().isEqualTo(s);
    }

    /** The README's figure for a full timeline: about 20 bytes an event besides its page path. */
    @Test
    void aFullTimelineOfTwentyEventsWithLongPagePathsTakesAboutAKilobyte() {
        AlertState s = new AlertState();
        s.value.purchase(T0, 40.0);
        TimelineEntry[] full = new TimelineEntry[Timeline.MAX];
        for (int i = 0; i < full.length; i++) {
            full[i] = entry(T0 + i * 60_000L, "/products/running-shoe-" + (1000 + i), "product");
        }
        s.timeline = full;

        int withPaths = AlertStateBytes.write(s).length;
        for (TimelineEntry e : full) {
            e.page = null;
        }
        int withoutPaths = AlertStateBytes.write(s).length;

        System.out.printf("a full timeline with 27-character paths: %d bytes, %d without the paths%n", withPaths,
                withoutPaths);
        assertThat((withoutPaths - 30) / Timeline.MAX).as("bytes an event, besides its path").isBetween(15, 25);
        assertThat(withPaths).isBetween(900, 1_100);
    }

    @Test
    void theContractsNamesAreWrittenAsIndexesThatNeverMove() {
        assertThat(new HashSet<>(AlertStateBytes.NAMES)).hasSameSizeAs(AlertStateBytes.NAMES);
        // savepoints hold these indexes: names may be added at the end, never moved or removed
        assertThat(AlertStateBytes.NAMES.subList(0, 8))
                .containsExactly("clickstream", "app", "reviews", "support", "web", "page_view", "click", "dead_click");
        assertThat(AlertStateBytes.NAMES.indexOf("abandoned_after_friction")).isEqualTo(40);
        assertThat(AlertStateBytes.NAMES.indexOf("other")).isEqualTo(49);
        assertThat(AlertStateBytes.NAMES.indexOf("communication")).isEqualTo(61);
        for (Stream stream : Stream.values()) {
            assertThat(AlertStateBytes.NAMES).contains(stream.id());
        }
        for (EventType type : EventType.values()) {
            assertThat(AlertStateBytes.NAMES).as("a new event type is added at the end").contains(type.wireName());
        }
        for (BadExperienceKind kind : BadExperienceKind.values()) {
            assertThat(AlertStateBytes.NAMES).as("a new kind is added at the end").contains(kind.id());
        }
    }

    @Test
    void stateOfAnotherFormatIsRefusedNotMisread() {
        byte[] bytes = AlertStateBytes.write(new AlertState());
        bytes[0] = 2;
        assertThatThrownBy(() -> AlertStateBytes.read(bytes)).hasMessageContaining("format 2");
    }

    private static TimelineEntry entry(long ts, String page, String pageType) {
        TimelineEntry e = new TimelineEntry(ts, "clickstream", "page_view", "e-" + ts);
        e.page = page;
        e.pageType = pageType;
        return e;
    }

    @Provide
    Arbitrary<AlertState> states() {
        Arbitrary<Long> times = Arbitraries.oneOf(Arbitraries.longs().between(T0 - 100 * 86_400_000L, T0 + 86_400_000L),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L), Arbitraries.longs());
        Arbitrary<String> strings = Arbitraries.oneOf(Arbitraries.of(AlertStateBytes.NAMES),
                Arbitraries.strings().ofMaxLength(300), Arbitraries.just(""),
                Arbitraries.strings().withCharRange('\u0400', '\u04FF').ofMaxLength(20), Arbitraries.just((String) null));
        Arbitrary<Integer> optionals = Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.just((Integer) null));
        Arbitrary<long[]> longArrays = Arbitraries.oneOf(Arbitraries.longs().array(long[].class).ofMaxSize(70),
                Arbitraries.just((long[]) null));
        Arbitrary<long[]> timeArrays = Arbitraries.oneOf(times.list().ofMaxSize(33)
                .map(l -> l.stream().mapToLong(Long::longValue).toArray()), Arbitraries.just((long[]) null));
        Arbitrary<String[]> stringArrays = Arbitraries.oneOf(strings.array(String[].class).ofMaxSize(4),
                Arbitraries.just((String[]) null));
        Arbitrary<TimelineEntry> entries = Combinators.combine(times, strings, strings, Arbitraries.longs(), strings,
                strings, strings, optionals).as((ts, stream, type, hash, page, pageType, screen, status) -> {
                    TimelineEntry e = new TimelineEntry();
                    e.ts = ts;
                    e.stream = stream;
                    e.type = type;
                    e.eventHash = hash;
                    e.page = page;
                    e.pageType = pageType;
                    e.screen = screen;
                    e.status = status;
                    return e;
                });
        Arbitrary<TimelineEntry[]> timelines = Arbitraries.oneOf(Combinators.combine(entries.list().ofMaxSize(20),
                optionals, optionals).as((list, rating, score) -> {
                    list.forEach(e -> {
                        e.rating = rating;
                        e.score = score;
                    });
                    return list.toArray(new TimelineEntry[0]);
                }), Arbitraries.just((TimelineEntry[]) null));
        Arbitrary<CustomerValue> values = Combinators.combine(Arbitraries.longs(), Arbitraries.doubles(), times, times)
                .as((purchases, total, firstSeen, lastActive) -> {
                    CustomerValue v = new CustomerValue();
                    v.purchases = purchases;
                    v.total = total;
                    v.firstSeen = firstSeen;
                    v.lastActive = lastActive;
                    return v;
                });
        Arbitrary<AlertState> scalars = Combinators.combine(values, Arbitraries.doubles(), Arbitraries.of(true, false),
                times, Arbitraries.integers(), strings, strings, times).as(
                (value, risk, paged, lastPageAt, changes, kind, touchpoint, firstTs) -> {
                    AlertState s = new AlertState();
                    s.value = value;
                    s.risk = risk;
                    s.paged = paged;
                    s.lastPageAt = lastPageAt;
                    s.changes = changes;
                    s.firstKind = kind;
                    s.firstTouchpoint = touchpoint;
                    s.firstTs = firstTs;
                    return s;
                });
        return Combinators.combine(scalars, timeArrays, longArrays, stringArrays, stringArrays, longArrays, timelines,
                times).as((s, experienceTimes, experienceHashes, eventIds, topics, purchases, timeline, expiry) -> {
                    s.experienceTimes = experienceTimes;
                    s.experienceHashes = experienceHashes;
                    s.firstEventIds = eventIds;
                    s.firstTopics = topics;
                    s.purchasesSeen = purchases;
                    s.timeline = timeline;
                    s.expiryTimer = expiry;
                    return s;
                });
    }
}
