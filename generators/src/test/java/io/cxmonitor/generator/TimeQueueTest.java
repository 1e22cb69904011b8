package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeQueueTest {

    @Test
    void givesTheSameOrderAsOnePriorityQueueWhateverComesInBetween() {
        SplittableRandom random = new SplittableRandom(7);
        TimeQueue queue = new TimeQueue();
        PriorityQueue<Generated> reference = new PriorityQueue<>(Generated.BY_TIME);
        long now = 1_795_424_400_000L;
        long seq = 0;
        for (int step = 0; step < 200_000; step++) {
            if (random.nextInt(3) > 0) {
                // mostly ahead of the clock (sessions made whole), sometimes within the current second
                long at = now + (random.nextBoolean() ? random.nextLong(1_000) : random.nextLong(1_800_000));
                Generated g = Generated.marker(at, null);
                g.seq = seq++;
                queue.add(g);
                reference.add(g);
            } else if (!reference.isEmpty()) {
                assertThat(queue.peek()).isSameAs(reference.peek());
                Generated next = queue.poll();
                assertThat(next).isSameAs(reference.poll());
                now = next.timestamp;
            }
        }
        while (!reference.isEmpty()) {
            assertThat(queue.poll()).isSameAs(reference.poll());
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
    }
}
