package io.cxmonitor.domain.journeys;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.friction.FrictionSignal;
import io.cxmonitor.domain.friction.SessionRating;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.IdHash;
import io.cxmonitor.events.SharedStrings;
import io.cxmonitor.events.Stream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The journey and friction rules of SPEC 3.2, 3.3 and 3.5 for one session, fed its web and app
 * events in event-time order. It finds rage clicks (at least 3 clicks within 1 s, each within
 * 30 px of the first or on the same element; one signal per burst), error clicks (a click
 * followed by a JavaScript error within 1 s), and the single-event friction of
 * {@link FrictionRules#signalOf}; it follows the funnel and rates the session when it closes.
 *
 * <p>Bad experiences of a known customer: a crash or a failure on a checkout step is one on its own,
 * which {@link #immediate} tells as soon as the event arrives, so that an alert need not wait for
 * event time to move on; a frustrating or abandoned-after-friction session is one when the session
 * closes, unless the session already had an immediate one: the consequences of a crash are the
 * same episode, not a new one.
 */
public final class SessionAnalyzer implements Serializable {

    /** Receives what the analysis finds. */
    public interface Output {
        void friction(FrictionEvent friction);

        void badExperience(BadExperience experience);
    }

    private static final int MAX_EVIDENCE = 10;

    private final FrictionRules rules;
    private final Funnel funnel;

    public SessionAnalyzer(FrictionRules rules, Funnel funnel) {
        this.rules = rules;
        this.funnel = funnel;
    }

    public void add(SessionState s, CxEvent e, Output out) {
        if (s.eventCount == 0) {
            s.start = e.ts;
        }
        s.end = Math.max(s.end, e.ts);
        s.eventCount++;
        if (e.customerId != null) {
            s.customerId = e.customerId;
        }
        s.touchpoints |= e.stream == Stream.APP ? 2 : 1;
        if (e.platform != null) {
            s.platform = SharedStrings.of(e.platform);
        }
        if (e.appVersion != null) {
            s.appVersion = SharedStrings.of(e.appVersion);
        }
        followFunnel(s, e);

        boolean click = e.type == EventType.CLICK || e.type == EventType.TAP;
        if (s.burstCount > 0 && (click ? !joinsBurst(s, e) : e.ts - s.burstStart > rules.rageWindowMillis)) {
            endBurst(s, out);
        }
        if (click) {
            if (s.burstCount == 0) {
                startBurst(s, e);
            } else {
                s.burstCount++;
            }
            s.lastClickTs = e.ts;
            s.lastClickUsed = false;
        }
        if (e.type == EventType.JS_ERROR && !s.lastClickUsed && s.lastClickTs != Long.MIN_VALUE
                && e.ts - s.lastClickTs <= rules.errorClickWindowMillis) {
            s.lastClickUsed = true;
            record(s, FrictionSignal.ERROR_CLICK, e, 1, FrictionRules.isCheckoutStep(e), out);
        }
        FrictionSignal signal = rules.signalOf(e);
        if (signal != null) {
            record(s, signal, e, 1, FrictionRules.isCheckoutStep(e), out);
        }
    }

    /**
     * The bad experience a single event is, whatever else the session holds: a crash
     * ({@code app_crash}), or an error, crash or failed call on a checkout step
     * ({@code checkout_failure}); {@code null} for other events and for anonymous ones.
     */
    public BadExperience immediate(CxEvent e) {
        return immediate(e, e.customerId);
    }

    /** Whether the event is a bad experience on its own, once its customer is known: see {@link #immediate}. */
    public boolean isImmediate(CxEvent e) {
        FrictionSignal signal = rules.signalOf(e);
        return signal == FrictionSignal.CRASH || signal != null && isFailure(signal) && FrictionRules.isCheckoutStep(e);
    }

    /** {@link #immediate(CxEvent)} of an event whose customer is known by its device's link (SPEC 3.3). */
    public BadExperience immediate(CxEvent e, String customerId) {
        if (customerId == null) {
            return null;
        }
        FrictionSignal signal = rules.signalOf(e);
        if (signal == null) {
            return null;
        }
        String touchpoint = e.stream == Stream.APP ? "app" : "web";
        if (signal == FrictionSignal.CRASH) {
            return new BadExperience(customerId, BadExperienceKind.APP_CRASH,
                    BadExperienceKind.APP_CRASH.defaultSeverity(), touchpoint, e.ts, e.eventId).at(e);
        }
        if (isFailure(signal) && FrictionRules.isCheckoutStep(e)) {
            return new BadExperience(customerId, BadExperienceKind.CHECKOUT_FAILURE,
                    BadExperienceKind.CHECKOUT_FAILURE.defaultSeverity(), touchpoint, e.ts, e.eventId).at(e);
        }
        return null;
    }

    /** Ends the session: flushes a pending burst, rates it, reports a bad experience if any. */
    public SessionSummary close(SessionState s, Output out) {
        finish(s, out);
        return summarize(s, out);
    }

    /** Ends what a device's session still has open: a pending rage-click burst. */
    public void finish(SessionState s, Output out) {
        if (s.burstCount > 0) {
            endBurst(s, out);
        }
    }

    /**
     * Rates a finished session, or several of one customer joined ({@link #join}), and reports its
     * bad experience if any.
     */
    public SessionSummary summarize(SessionState s, Output out) {
        SessionSummary summary = new SessionSummary();
        summary.customerId = s.customerId;
        summary.start = s.start;
        summary.end = s.end;
        summary.eventCount = s.eventCount;
        summary.touchpoint = s.touchpoints == 3 ? "web+app" : s.touchpoints == 2 ? "app" : "web";
        summary.platform = s.platform;
        summary.lastStep = s.lastStep;
        summary.converted = s.converted;
        summary.abandoned = s.lastStep >= 1 && !s.converted;
        summary.cartValue = s.cartValue;
        summary.frictionScore = s.frictionScore;
        summary.rating = rules.rate(s.frictionScore, s.crash, s.rageThenError, s.checkoutFriction);

        if (s.customerId != null && !s.reported) {
            String touchpoint = s.touchpoints == 2 ? "app" : "web";
            if (summary.abandoned && s.frictionScore >= rules.toleratingScore) {
                BadExperience abandoned = inSession(s, new BadExperience(s.customerId,
                        BadExperienceKind.ABANDONED_AFTER_FRICTION, BadExperienceKind.ABANDONED_AFTER_FRICTION.defaultSeverity(),
                        touchpoint, s.end, evidenceIds(s.lastStepEventId, s.frictionEvidence)));
                abandoned.cartValue = s.cartValue;
                out.badExperience(abandoned);
            } else if (summary.rating == SessionRating.FRUSTRATING) {
                out.badExperience(inSession(s, new BadExperience(s.customerId, BadExperienceKind.FRUSTRATED_SESSION,
                        BadExperienceKind.FRUSTRATED_SESSION.defaultSeverity(), touchpoint, s.end,
                        evidenceIds(null, s.frictionEvidence))));
            }
        }
        return summary;
    }

    /**
     * Joins {@code other}, a finished session of the same customer on another device that overlaps
     * {@code s} or follows it within the gap, into {@code s}: one journey across web and app.
     */
    public static void join(SessionState s, SessionState other) {
        s.start = Math.min(s.start, other.start);
        if (other.end >= s.end) {
            s.platform = other.platform != null ? other.platform : s.platform;
            s.appVersion = other.appVersion != null ? other.appVersion : s.appVersion;
        }
        s.end = Math.max(s.end, other.end);
        s.eventCount += other.eventCount;
        s.touchpoints |= other.touchpoints;
        if (other.lastStep > s.lastStep) {
            s.lastStep = other.lastStep;
            s.lastStepEventId = other.lastStepEventId;
        }
        s.converted |= other.converted;
        s.cartValue = Math.max(s.cartValue, other.cartValue);
        s.frictionScore += other.frictionScore;
        s.crash |= other.crash;
        s.rageSeen |= other.rageSeen;
        s.rageThenError |= other.rageThenError;
        s.checkoutFriction |= other.checkoutFriction;
        for (String id : splitIds(other.frictionEvidence)) {
            s.frictionEvidence = appendId(s.frictionEvidence, id);
        }
        s.reported |= other.reported;
    }

    /** A session's bad experience happened on the session's platform and app version; its place is the whole session. */
    private static BadExperience inSession(SessionState s, BadExperience b) {
        b.platform = BadExperience.cut(s.platform);
        b.appVersion = BadExperience.cut(s.appVersion);
        return b;
    }

    private void followFunnel(SessionState s, CxEvent e) {
        int step = funnel.indexOf(e.type);
        if (step < 0) {
            return;
        }
        if (step >= s.lastStep) {
            s.lastStep = step;
            s.lastStepEventId = e.eventId;
        }
        if (funnel.isConversion(step)) {
            s.converted = true;
        }
        s.cartValue = cartAfter(s.cartValue, e);
    }

    /**
     * The cart after {@code e}: an add puts its price in, a checkout knows the cart better than the
     * adds we saw. A cart is worth at most {@link #MAX_CART}: a valid price times a valid quantity
     * can be any size, even beyond what a double holds, and a cart value must stay a number.
     */
    private static double cartAfter(double cart, CxEvent e) {
        if (e.type == EventType.ADD_TO_CART && e.price != null) {
            return Math.min(MAX_CART, cart + e.price * (e.quantity == null ? 1 : e.quantity));
        }
        if (e.type == EventType.BEGIN_CHECKOUT && e.cartValue != null) {
            return Math.min(MAX_CART, e.cartValue);
        }
        return cart;
    }

    /** The most a cart is counted as worth: what {@code cx.experiences} accepts as a cart value. */
    public static final double MAX_CART = 1e12;

    /**
     * The value in the cart of the session an event at {@code ts} belongs to, for an
     * {@link #immediate} bad experience, which is told before the session has seen the events
     * that are still waiting for the watermark: the open session's cart, and the waiting events up
     * to {@code ts}, in event-time order, within the same session.
     */
    public static double cartAt(SessionState open, List<CxEvent> waiting, long ts, Sessions sessions) {
        SessionState s = new SessionState();
        if (open != null) {
            s.start = open.start;
            s.end = open.end;
            s.cartValue = open.cartValue;
        } else {
            s.start = s.end = Long.MIN_VALUE / 2;
        }
        List<CxEvent> before = new ArrayList<>();
        for (CxEvent e : waiting) {
            if (e.ts <= ts) {
                before.add(e);
            }
        }
        before.sort(Comparator.comparingLong(e -> e.ts));
        for (CxEvent e : before) {
            if (sessions.startsNew(s, e.ts)) {
                s.start = e.ts;
                s.cartValue = 0;
            }
            s.end = Math.max(s.end, e.ts);
            s.cartValue = cartAfter(s.cartValue, e);
        }
        return sessions.startsNew(s, ts) ? 0 : s.cartValue;
    }

    private boolean joinsBurst(SessionState s, CxEvent click) {
        if (click.ts - s.burstStart > rules.rageWindowMillis) {
            return false;
        }
        if (click.element != null && s.burstElementHash != 0 && IdHash.of(click.element) == s.burstElementHash) {
            return true;
        }
        return click.x != null && click.y != null && s.burstHasPoint
                && Math.hypot(click.x - s.burstPointX, click.y - s.burstPointY) <= rules.rageRadiusPx;
    }

    private static void startBurst(SessionState s, CxEvent click) {
        s.burstCount = 1;
        s.burstStart = click.ts;
        s.burstHasPoint = click.x != null && click.y != null;
        s.burstPointX = s.burstHasPoint ? click.x : 0;
        s.burstPointY = s.burstHasPoint ? click.y : 0;
        s.burstElementHash = click.element == null ? 0 : IdHash.of(click.element);
        s.burstPlace = SharedStrings.of(click.pageType != null ? click.pageType : click.screen);
        s.burstEventId = click.eventId;
        s.burstOnCheckout = FrictionRules.isCheckoutStep(click);
        s.burstApp = click.stream == Stream.APP;
    }

    private void endBurst(SessionState s, Output out) {
        if (s.burstCount >= rules.rageClicks) {
            CxEvent first = new CxEvent();
            first.ts = s.burstStart;
            first.eventId = s.burstEventId;
            first.pageType = s.burstPlace;
            first.stream = s.burstApp ? Stream.APP : Stream.CLICKSTREAM;
            record(s, FrictionSignal.RAGE_CLICK, first, s.burstCount, s.burstOnCheckout, out);
            if (s.burstError) {
                s.rageThenError = true; // the error came during the rage click, so after its start
            }
        }
        s.burstError = false;
        s.burstCount = 0;
        s.burstElementHash = 0;
        s.burstHasPoint = false;
        s.burstPlace = null;
        s.burstEventId = null;
    }

    private void record(SessionState s, FrictionSignal signal, CxEvent e, int count, boolean onCheckout, Output out) {
        s.frictionScore += signal.weight();
        if (signal == FrictionSignal.CRASH) {
            s.crash = true;
        }
        if (signal.isError() && s.rageSeen) {
            s.rageThenError = true;
        }
        if (signal.isError() && s.burstCount > 0) {
            s.burstError = true; // the burst is judged when it ends, after this error
        }
        if (signal == FrictionSignal.RAGE_CLICK) {
            s.rageSeen = true;
        }
        if (onCheckout) {
            s.checkoutFriction = true;
        }
        s.frictionEvidence = appendId(s.frictionEvidence, e.eventId);

        FrictionEvent f = new FrictionEvent();
        f.signal = signal;
        f.ts = e.ts;
        f.touchpoint = e.stream == Stream.APP ? "app" : "web";
        f.place = e.pageType != null ? e.pageType : e.screen;
        f.platform = s.platform;
        f.appVersion = s.appVersion;
        f.count = count;
        f.eventId = e.eventId;
        out.friction(f);

        if (signal == FrictionSignal.CRASH || onCheckout && isFailure(signal)) {
            s.reported = true; // reported on arrival through immediate(): the session adds no other
        }
    }

    /** SPEC 3.5: an error, crash or failed api_call on a checkout step. */
    private static boolean isFailure(FrictionSignal signal) {
        return signal == FrictionSignal.JS_ERROR || signal == FrictionSignal.HTTP_ERROR
                || signal == FrictionSignal.API_ERROR || signal == FrictionSignal.ANR
                || signal == FrictionSignal.CRASH;
    }

    /**
     * The ids joined by commas, an id's own commas and backslashes escaped with a backslash: an
     * event id is any string ("evt,42" is one id). Ids without a backslash joined before the escaping
     * read the same.
     */
    private static String appendId(String ids, String id) {
        if (id == null || id.isEmpty()) {
            return ids == null ? "" : ids;
        }
        String escaped = id.indexOf(',') < 0 && id.indexOf('\\') < 0 ? id
                : id.replace("\\", "\\\\").replace(",", "\\,");
        if (ids == null || ids.isEmpty()) {
            return escaped;
        }
        if (splitIds(ids).size() >= MAX_EVIDENCE) {
            return ids;
        }
        return ids + "," + escaped;
    }

    /** The ids of {@link #appendId}, unescaped. */
    static List<String> splitIds(String ids) {
        List<String> out = new ArrayList<>();
        if (ids == null || ids.isEmpty()) {
            return out;
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < ids.length(); i++) {
            char c = ids.charAt(i);
            if (c == '\\' && i + 1 < ids.length()) {
                id.append(ids.charAt(++i));
            } else if (c == ',') {
                out.add(id.toString());
                id.setLength(0);
            } else {
                id.append(c);
            }
        }
        out.add(id.toString());
        return out;
    }

    /** The step's event first, then the friction's, each once. */
    private static String[] evidenceIds(String first, String rest) {
        List<String> ids = splitIds(rest);
        if (first != null && !first.isEmpty() && !ids.contains(first)) {
            ids.add(0, first);
        }
        return ids.toArray(new String[0]);
    }
}
