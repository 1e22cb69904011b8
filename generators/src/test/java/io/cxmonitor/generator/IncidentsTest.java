package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Each incident, scheduled for the second of two hours, must change the events it should in
 * that hour and nowhere else.
 */
class IncidentsTest {

    private static final long START = TrafficSimulatorTest.START;
    private static final long HOUR = 3_600_000;

    private static List<CxEvent> twoHours(Incident incident) {
        TrafficSettings settings = new TrafficSettings().seed(11).rate(60).customers(20_000);
        if (incident != null) {
            settings.incidents.schedule(incident, START + HOUR, Duration.ofHours(1));
        }
        TrafficSimulator simulator = new TrafficSimulator(settings, START);
        List<CxEvent> events = new ArrayList<>();
        while (true) {
            Generated g = TrafficSimulatorTest.sent(simulator);
            if (g.timestamp >= START + 2 * HOUR) {
                return events;
            }
            events.add(g.event);
        }
    }

    private static long count(List<CxEvent> events, boolean secondHour, Predicate<CxEvent> what) {
        return events.stream().filter(e -> (e.ts >= START + HOUR) == secondHour).filter(what).count();
    }

    private static boolean paymentFailure(CxEvent e) {
        return FrictionRules.isCheckoutStep(e) && (e.type == EventType.HTTP_ERROR || FrictionRules.isFailedCall(e));
    }

    @Test
    void aCheckoutOutageFailsPaymentsAndPurchasesDrop() {
        List<CxEvent> events = twoHours(Incident.CHECKOUT_OUTAGE);
        long failuresBefore = count(events, false, IncidentsTest::paymentFailure);
        long failuresDuring = count(events, true, IncidentsTest::paymentFailure);
        long paymentsDuring = count(events, true, e -> e.type == EventType.ADD_PAYMENT_INFO);
        assertThat(failuresDuring).isGreaterThan(paymentsDuring / 2).isGreaterThan(10 * (failuresBefore + 1));
        double purchasesPerPaymentBefore = (double) count(events, false, e -> e.type == EventType.PURCHASE)
                / count(events, false, e -> e.type == EventType.ADD_PAYMENT_INFO);
        double purchasesPerPaymentDuring = (double) count(events, true, e -> e.type == EventType.PURCHASE)
                / paymentsDuring;
        assertThat(purchasesPerPaymentBefore).isGreaterThan(0.8);
        assertThat(purchasesPerPaymentDuring).isLessThan(0.3);
    }

    @Test
    void aSlowReleaseMakesProductPagesPoorAtThe75thPercentile() {
        List<CxEvent> events = twoHours(Incident.SLOW_RELEASE);
        Predicate<CxEvent> productLcp = e -> e.type == EventType.WEB_VITAL && "product".equals(e.pageType);
        assertThat(p75(events, false, productLcp)).isLessThan(4_000);
        assertThat(p75(events, true, productLcp)).isGreaterThan(4_000);
        Predicate<CxEvent> homeLcp = e -> e.type == EventType.WEB_VITAL && "home".equals(e.pageType);
        assertThat(p75(events, true, homeLcp)).as("other pages are unaffected").isLessThan(4_000);
    }

    @Test
    void aCrashSpikeHitsOneAppVersion() {
        List<CxEvent> events = twoHours(Incident.CRASH_SPIKE);
        Predicate<CxEvent> crashOnVersion = e -> e.type == EventType.CRASH && Incident.CRASHING_VERSION.equals(e.appVersion);
        Predicate<CxEvent> crashElsewhere = e -> e.type == EventType.CRASH && !Incident.CRASHING_VERSION.equals(e.appVersion);
        assertThat(count(events, true, crashOnVersion)).isGreaterThan(10 * (count(events, false, crashOnVersion) + 1));
        assertThat(count(events, true, crashElsewhere)).isLessThan(3 * (count(events, false, crashElsewhere) + 3));
    }

    @Test
    void deliveryDelaysBringNegativeReviewsAndTickets() {
        List<CxEvent> events = twoHours(Incident.DELIVERY_DELAYS);
        Predicate<CxEvent> badReview = e -> e.type == EventType.REVIEW && e.rating <= 2;
        Predicate<CxEvent> ticket = e -> e.type == EventType.TICKET_OPENED;
        assertThat(count(events, true, badReview)).isGreaterThan(3 * count(events, false, badReview));
        assertThat(count(events, true, ticket)).isGreaterThan(2 * count(events, false, ticket));
    }

    @Test
    void withoutAnIncidentBothHoursLookAlike() {
        List<CxEvent> events = twoHours(null);
        assertThat(count(events, true, IncidentsTest::paymentFailure))
                .isLessThan(2 * count(events, false, IncidentsTest::paymentFailure) + 10);
        Predicate<CxEvent> productLcp = e -> e.type == EventType.WEB_VITAL && "product".equals(e.pageType);
        assertThat(p75(events, true, productLcp)).isLessThan(4_000);
    }

    @Test
    void schedulesFromASpecRelativeToTheStart() {
        Incidents incidents = new Incidents();
        incidents.schedule("checkout_outage@10m/15m", START);
        assertThat(incidents.active(Incident.CHECKOUT_OUTAGE, START + 9 * 60_000)).isFalse();
        assertThat(incidents.active(Incident.CHECKOUT_OUTAGE, START + 10 * 60_000)).isTrue();
        assertThat(incidents.active(Incident.CHECKOUT_OUTAGE, START + 25 * 60_000)).isFalse();
        assertThat(incidents.active(Incident.SLOW_RELEASE, START + 12 * 60_000)).isFalse();
    }

    private static double p75(List<CxEvent> events, boolean secondHour, Predicate<CxEvent> what) {
        double[] values = events.stream().filter(e -> (e.ts >= START + HOUR) == secondHour).filter(what)
                .mapToDouble(e -> e.value).sorted().toArray();
        return values[(int) Math.ceil(0.75 * values.length) - 1];
    }
}
