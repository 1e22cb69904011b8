package io.cxmonitor.domain.risk;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.IdHash;
import java.util.Objects;

/**
 * One event of a customer's recent history, as an alert shows it (SPEC 5, {@code timeline}): when,
 * where and what, with the page, screen, status, rating or score the event has. Never free text.
 * A Flink POJO.
 */
public class TimelineEntry {

    public long ts;
    /** clickstream, app, reviews or support. */
    public String stream;
    public String type;
    /** A 64-bit hash of the event id ({@code IdHash}): an event delivered twice is kept once. Not shown. */
    public long eventHash;
    public String page;
    public String pageType;
    public String screen;
    public Integer status;
    public Integer rating;
    public Integer score;

    public TimelineEntry() {}

    public TimelineEntry(long ts, String stream, String type, String eventId) {
        this.ts = ts;
        this.stream = stream;
        this.type = type;
        this.eventHash = eventId == null ? 0 : IdHash.of(eventId);
    }

    /** Longest page path kept: the contract bounds none, and an alert must stay small enough to deliver. */
    public static final int MAX_PAGE = 256;

    /**
     * What the timeline keeps of an event: no text, no ids but the event's own, a page's path
     * without its query or fragment (which may carry an e-mail address or a token), and each
     * place cut short (a 5,000-character URL made an alert cx-notify refused).
     */
    public static TimelineEntry of(CxEvent e) {
        TimelineEntry t = new TimelineEntry(e.ts, e.stream.id(), e.type.wireName(), e.eventId);
        t.page = keptPage(e.page);
        t.pageType = keptPlace(e.pageType);
        t.screen = keptPlace(e.screen);
        t.status = e.status;
        t.rating = e.rating;
        t.score = e.score;
        return t;
    }

    /** A page as a timeline keeps it: its path, at most {@value #MAX_PAGE} characters. */
    public static String keptPage(String page) {
        return BadExperience.cut(pathOf(page), MAX_PAGE);
    }

    /** A page type or screen as a timeline keeps it: at most {@value BadExperience#MAX_WHERE} characters. */
    public static String keptPlace(String place) {
        return BadExperience.cut(place);
    }

    private static String pathOf(String page) {
        if (page == null) {
            return null;
        }
        int end = page.length();
        for (int i = 0; i < page.length(); i++) {
            char c = page.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return page.substring(0, end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimelineEntry t && ts == t.ts && Objects.equals(stream, t.stream)
                && Objects.equals(type, t.type) && eventHash == t.eventHash && Objects.equals(page, t.page)
                && Objects.equals(pageType, t.pageType) && Objects.equals(screen, t.screen)
                && Objects.equals(status, t.status) && Objects.equals(rating, t.rating) && Objects.equals(score, t.score);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ts, stream, type, eventHash);
    }

    @Override
    public String toString() {
        return ts + " " + stream + " " + type;
    }
}
