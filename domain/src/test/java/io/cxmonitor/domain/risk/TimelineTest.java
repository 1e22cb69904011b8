package io.cxmonitor.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static TimelineEntry at(long ts, String id) {
        return new TimelineEntry(ts, "app", "screen_view", id);
    }

    @Test
    void keepsTheLastTwentyEventsOldestFirstWhateverTheirArrivalOrder() {
        TimelineEntry[] timeline = new TimelineEntry[0];
        for (int i = 0; i < 30; i++) {
            int t = (i * 7) % 30; // every time from 0 to 29, out of order
            timeline = Timeline.add(timeline, at(t, "e" + t));
        }
        assertThat(timeline).hasSize(Timeline.MAX);
        assertThat(Arrays.stream(timeline).mapToLong(e -> e.ts).toArray())
                .containsExactly(LongStream.range(10, 30).toArray());
    }

    /** The contract bounds no page; an alert must stay small enough for cx-notify to read and deliver. */
    @Test
    void aPageIsKeptAsItsPathCutShortAndAPlaceAsItsNameCutShort() {
        CxEvent view = new CxEvent(Stream.CLICKSTREAM, EventType.PAGE_VIEW, "e1", 1_795_424_400_000L);
        view.page = "/search/" + "p".repeat(5_000) + "?q=shoes&email=someone@example.com#top";
        view.pageType = "t".repeat(300);
        TimelineEntry t = TimelineEntry.of(view);
        assertThat(t.page).hasSize(TimelineEntry.MAX_PAGE).startsWith("/search/ppp").doesNotContain("?", "@");
        assertThat(t.pageType).hasSize(64);
        view.page = "/checkout?step=2&token=abc";
        assertThat(TimelineEntry.of(view).page).isEqualTo("/checkout");
        view.page = "/cart";
        assertThat(TimelineEntry.of(view).page).isEqualTo("/cart");
    }

    /** State an earlier version kept may hold a whole URL: the alert made of it still reads back. */
    @Test
    void anAlertIsDeliverableWhateverPageItsRestoredTimelineHolds() throws Exception {
        AlertState restored = new AlertState();
        TimelineEntry long1 = new TimelineEntry(1_795_424_400_000L, "clickstream", "page_view", "e2");
        long1.page = "/p/" + "x".repeat(5_000);
        restored.timeline = new TimelineEntry[] {long1};
        Alert alert = SwitchingRisk.experience(restored, new io.cxmonitor.domain.experiences.BadExperience("c1",
                io.cxmonitor.domain.experiences.BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", 1_795_424_460_000L, "e3"),
                RiskSettings.DEFAULT, 0);
        Alert read = AlertJson.read(AlertJson.write(alert));
        assertThat(read.timeline[0].page).hasSize(TimelineEntry.MAX_PAGE);
    }

    @Test
    void anEventDeliveredTwiceIsKeptOnce() {
        TimelineEntry[] timeline = Timeline.add(new TimelineEntry[0], at(5, "e1"));
        timeline = Timeline.add(timeline, at(5, "e1"));
        assertThat(timeline).hasSize(1);
    }

    @Test
    void anEventOlderThanAFullTimelineIsNotAdded() {
        TimelineEntry[] timeline = new TimelineEntry[0];
        for (int t = 100; t < 120; t++) {
            timeline = Timeline.add(timeline, at(t, "e" + t));
        }
        TimelineEntry[] after = Timeline.add(timeline, at(1, "late"));
        assertThat(after).containsExactly(timeline);
    }
}
