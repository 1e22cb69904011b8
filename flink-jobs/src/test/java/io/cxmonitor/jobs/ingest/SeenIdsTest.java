package io.cxmonitor.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SeenIdsTest {

    /** One step against a plain map: see an id at a time, or sweep what was seen until a time. */
    record Step(boolean sweep, long id, long time) {}

    @Property(tries = 500)
    void behavesLikeAMapOfIdsToTheTimeTheyWereSeen(@ForAll("steps") List<Step> steps) {
        SeenIds ids = new SeenIds();
        Map<Long, Long> model = new HashMap<>();
        for (Step s : steps) {
            if (s.sweep()) {
                long earliest = ids.dropSeenUntil(s.time());
                model.values().removeIf(at -> at <= s.time());
                assertThat(earliest).isEqualTo(model.values().stream().mapToLong(at -> at).min().orElse(Long.MAX_VALUE));
            } else {
                long id = s.id() == 0 ? 1 : s.id(); // the one collision it adds: 0 marks an empty slot
                assertThat(ids.seenAt(s.id())).isEqualTo(model.getOrDefault(id, Long.MIN_VALUE));
                ids.put(s.id(), s.time());
                model.put(id, s.time());
            }
            assertThat(ids.size).isEqualTo(model.size());
            assertThat(4 * ids.size).as("never more than three quarters full").isLessThanOrEqualTo(3 * ids.ids.length);
        }
        for (Map.Entry<Long, Long> seen : model.entrySet()) {
            assertThat(ids.seenAt(seen.getKey())).isEqualTo(seen.getValue());
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        // few distinct ids, so that repeats, collisions in the low slots and zero all happen
        Arbitrary<Long> id = Arbitraries.oneOf(Arbitraries.longs().between(-3, 3),
                Arbitraries.longs().between(0, 20).map(k -> k << 32), Arbitraries.longs());
        Arbitrary<Step> see = id.flatMap(i -> Arbitraries.longs().between(1, 100).map(t -> new Step(false, i, t)));
        Arbitrary<Step> sweep = Arbitraries.longs().between(0, 100).map(t -> new Step(true, 0, t));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, see), net.jqwik.api.Tuple.of(1, sweep))
                .list().ofMaxSize(400);
    }

    @Test
    void aThousandIdsGrowTheTableAndASweepShrinksIt() {
        SeenIds ids = new SeenIds();
        for (long i = 1; i <= 1_000; i++) {
            ids.put(i * 0x9E3779B97F4A7C15L, i);
        }
        assertThat(ids.size).isEqualTo(1_000);
        assertThat(ids.ids.length).isEqualTo(2_048);
        assertThat(ids.dropSeenUntil(997)).isEqualTo(998);
        assertThat(ids.size).isEqualTo(3);
        assertThat(ids.ids.length).isEqualTo(4);
        assertThat(ids.seenAt(999 * 0x9E3779B97F4A7C15L)).isEqualTo(999);
        assertThat(ids.seenAt(5 * 0x9E3779B97F4A7C15L)).isEqualTo(Long.MIN_VALUE);
    }
}
