package io.cxmonitor.domain.friction;

import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.performance.WebVitals;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import java.io.Serializable;
import java.util.Locale;

/**
 * The thresholds of SPEC 3.2: rage and error clicks, Apdex T, web vitals, the session rating
 * thresholds, and what counts as a checkout step. Defaults are SPEC's; all are configurable.
 */
public final class FrictionRules implements Serializable {

    public static final FrictionRules DEFAULT = new FrictionRules(3, 1000, 30, 1000, 500, WebVitals.DEFAULT, 1, 4);

    public final int rageClicks;
    public final long rageWindowMillis;
    public final double rageRadiusPx;
    public final long errorClickWindowMillis;
    /** Apdex T for api_call latency. */
    public final double apdexMillis;
    public final WebVitals vitals;
    /** Friction score from which a session is tolerating. */
    public final double toleratingScore;
    /** Friction score from which a session is frustrating. */
    public final double frustratingScore;

    public FrictionRules(int rageClicks, long rageWindowMillis, double rageRadiusPx, long errorClickWindowMillis,
            double apdexMillis, WebVitals vitals, double toleratingScore, double frustratingScore) {
        this.rageClicks = rageClicks;
        this.rageWindowMillis = rageWindowMillis;
        this.rageRadiusPx = rageRadiusPx;
        this.errorClickWindowMillis = errorClickWindowMillis;
        this.apdexMillis = apdexMillis;
        this.vitals = vitals;
        this.toleratingScore = toleratingScore;
        this.frustratingScore = frustratingScore;
    }

    /**
     * The friction a single event is, without looking at other events; {@code null} when none.
     * Rage and error clicks need the session's other clicks: see {@link SessionAnalyzer}.
     */
    public FrictionSignal signalOf(CxEvent e) {
        switch (e.type) {
            case DEAD_CLICK:
                return FrictionSignal.DEAD_CLICK;
            case JS_ERROR:
                return FrictionSignal.JS_ERROR;
            case HTTP_ERROR:
                return e.status != null && e.status >= 500 ? FrictionSignal.HTTP_ERROR : null;
            case API_CALL:
                if (isFailedCall(e)) {
                    return FrictionSignal.API_ERROR;
                }
                return e.latencyMs != null && e.latencyMs > 4 * apdexMillis ? FrictionSignal.SLOW_API : null;
            case FORM_ERROR:
                return FrictionSignal.FORM_ERROR;
            case WEB_VITAL:
                return WebVitals.isRated(e.metric, e.value) && vitals.isPoor(e.metric, e.value)
                        ? FrictionSignal.POOR_VITAL : null;
            case ANR:
                return FrictionSignal.ANR;
            case CRASH:
                return FrictionSignal.CRASH;
            default:
                return null;
        }
    }

    public static boolean isFailedCall(CxEvent e) {
        return e.type == EventType.API_CALL && e.status != null && (e.status >= 500 || e.status == 0);
    }

    /**
     * Whether the event happened on a checkout step: the cart or checkout page or screen, a
     * checkout or payment API call, or one of the checkout funnel steps themselves.
     */
    public static boolean isCheckoutStep(CxEvent e) {
        if (e.type == EventType.BEGIN_CHECKOUT || e.type == EventType.ADD_PAYMENT_INFO || e.type == EventType.PURCHASE) {
            return true;
        }
        String place = e.pageType != null ? e.pageType : e.screen;
        if (place != null) {
            String p = place.toLowerCase(Locale.ROOT);
            if (p.equals("cart") || p.equals("checkout")) {
                return true;
            }
        }
        if (e.endpoint != null) {
            String endpoint = e.endpoint.toLowerCase(Locale.ROOT);
            return endpoint.contains("checkout") || endpoint.contains("payment");
        }
        return false;
    }

    public SessionRating rate(double score, boolean crash, boolean rageThenError, boolean checkoutFriction) {
        if (crash || rageThenError || checkoutFriction || score >= frustratingScore) {
            return SessionRating.FRUSTRATING;
        }
        return score >= toleratingScore ? SessionRating.TOLERATING : SessionRating.SATISFYING;
    }
}
