package io.cxmonitor.domain.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentsTest {

    private static final long T0 = 1_795_424_400_000L;
    private static final long S = 1_000;
    private static final long MIN = 60 * S;

    private final Incidents incidents = new Incidents(IncidentSettings.DEFAULT);
    private final IncidentState state = new IncidentState();
    private final Set<Long> seen = new HashSet<>();
    private final Incidents.Customers affected = new Incidents.Customers() {
        @Override
        public boolean add(long customerHash) {
            return seen.add(customerHash);
        }

        @Override
        public void clear() {
            seen.clear();
        }
    };
    private final List<Incident> published = new ArrayList<>();
    private IncidentGroup group;

    @BeforeEach
    void aGroupSeenBefore() {
        BadExperience first = failure("early", T0 - 10 * MIN, 0);
        group = IncidentGroup.of(first);
        observe(first, 0);
        published.clear();
    }

    private static BadExperience failure(String customer, long ts, double cart) {
        BadExperience b = new BadExperience(customer, BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", ts, "e-" + customer + "-" + ts);
        b.place = "checkout";
        b.cartValue = cart;
        return b;
    }

    private void observe(BadExperience b, double customerValue) {
        Incident i = incidents.observe(group, state, affected, b, customerValue, 0);
        if (i != null) {
            published.add(i);
        }
    }

    /** {@code n} customers within {@code span} from {@code start}. */
    private void customers(String prefix, int n, long start, long span) {
        for (int i = 0; i < n; i++) {
            observe(failure(prefix + i, start + span * i / n, 50), 100 + i);
        }
    }

    private void tickUntil(long end) {
        for (long t = state.latest; t <= end; t += 30 * S) {
            Incident i = incidents.tick(group, state, affected, t, 0);
            if (i != null) {
                published.add(i);
            }
        }
    }

    @Test
    void nineCustomersInThirtySecondsAreNineAlertsAndTheTenthMakesAnIncident() {
        customers("c", 9, T0, 20 * S);
        assertThat(published).isEmpty();
        observe(failure("c9", T0 + 25 * S, 50), 1000);
        assertThat(published).singleElement().satisfies(i -> {
            assertThat(i.status).isEqualTo("firing");
            assertThat(i.dedupKey).isEqualTo("incident:checkout_failure/web/checkout//");
            assertThat(i.customersAffected).isEqualTo(10);
            assertThat(i.valueAtRisk).isEqualTo(10 * 50 + (100 + 101 + 102 + 103 + 104 + 105 + 106 + 107 + 108) + 1000);
            assertThat(i.topCustomers).hasSize(Incidents.TOP);
            assertThat(i.topCustomers[0].customerId).isEqualTo("c9");
            assertThat(i.topCustomers[0].eventId).isEqualTo("e-c9-" + (T0 + 25 * S));
            assertThat(i.firstSeen).isEqualTo(T0);
            assertThat(i.lastSeen).isEqualTo(T0 + 25 * S);
            assertThat(i.summary).isEqualTo("Checkout failure on web, checkout page for 10 customers since 09:00 UTC, "
                    + "2,436 at risk.");
        });
        assertThat(incidents.covering(state)).isEqualTo(published.get(0).incidentId);
    }

    @Test
    void customersSpreadOverMoreThanTheWindowAreNoIncident() {
        customers("c", 30, T0, 5 * MIN); // one every 10 s: three in any 30 s
        assertThat(published).isEmpty();
    }

    @Test
    void aCustomerFailingAgainCountsOnce() {
        for (int i = 0; i < 20; i++) {
            observe(failure("same", T0 + i * S, 50), 100);
        }
        assertThat(published).isEmpty();
    }

    @Test
    void aBusyGroupFiresOnlyAtFiveTimesItsUsualNumber() {
        customers("usual", 8 * 20, T0, 10 * MIN); // 8 customers per 30 s for 10 minutes
        assertThat(published).as("8 is the usual level").isEmpty();
        customers("more", 15, T0 + 10 * MIN, 20 * S);
        assertThat(published).as("15 is less than 5 times the usual").isEmpty();
        customers("burst", 40, T0 + 10 * MIN + 21 * S, 5 * S);
        assertThat(published).singleElement().extracting(i -> i.status).isEqualTo("firing");
    }

    @Test
    void aGroupNeverSeenBeforeFiresAtTenCustomersWhenItWasWatchedForAnHourBefore() {
        incidents.observing(T0 - 2 * 60 * MIN); // the instance has been watching for hours
        IncidentState fresh = new IncidentState();
        List<Incident> fired = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BadExperience b = failure("new" + i, T0 + i * S, 0);
            b.appVersion = "9.9.9"; // a release that crashes from its first minute
            Incident change = incidents.observe(IncidentGroup.of(b), fresh, affected, b, 0, 0);
            if (change != null) {
                fired.add(change);
            }
        }
        assertThat(fired).singleElement().satisfies(i -> {
            assertThat(i.status).isEqualTo("firing");
            assertThat(i.customersAffected).isEqualTo(10);
            assertThat(i.firstSeen).isEqualTo(T0);
        });
    }

    @Test
    void aGroupFirstSeenInHistoryReadBackWaitsTwoWindowsForItsUsualLevel() {
        Incidents reading = new Incidents(IncidentSettings.DEFAULT); // a fresh start, reading four hours back
        IncidentState fresh = new IncidentState();
        List<Incident> fired = new ArrayList<>();
        long now = T0 + 4 * 60 * MIN;
        for (int i = 0; i < 10 * 30; i++) { // frustrated sessions, twelve a window, from the start of the reading
            BadExperience b = new BadExperience("f" + i, BadExperienceKind.FRUSTRATED_SESSION, 0.5, "web",
                    T0 + i * 2_500, "e-f" + i);
            Incident change = reading.observe(IncidentGroup.of(b), fresh, affected, b, 0, now);
            if (change != null) {
                fired.add(change);
            }
        }
        assertThat(fired).as("twelve a window is the group's usual level").isEmpty();
    }

    @Test
    void anEarlierExperienceCountedLateStillDatesTheGroup() {
        // history read back, one partition a moment late: its earlier experience is counted after
        // a few of the outage's, and must not leave the group looking young (seen for one window)
        Incidents reading = new Incidents(IncidentSettings.DEFAULT);
        IncidentState fresh = new IncidentState();
        List<Incident> fired = new ArrayList<>();
        long now = T0 + 4 * 60 * MIN;
        BadExperience before = failure("before", T0 - 5 * MIN, 0);
        IncidentGroup checkout = IncidentGroup.of(before);
        List<BadExperience> outage = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            outage.add(failure("a" + i, T0 + i * 600, 50));
        }
        for (BadExperience b : outage.subList(0, 6)) {
            assertThat(reading.observe(checkout, fresh, affected, b, 0, now)).isNull();
        }
        assertThat(reading.observe(checkout, fresh, affected, before, 0, now)).isNull();
        for (BadExperience b : outage.subList(6, 12)) {
            Incident change = reading.observe(checkout, fresh, affected, b, 0, now);
            if (change != null) {
                fired.add(change);
            }
        }
        assertThat(fired).extracting(i -> i.status).containsExactly("firing");
        assertThat(fired.get(0).customersAffected).isEqualTo(10);
    }

    @Test
    void aBusyGroupOnAFreshInstanceIsNoIncidentForItsOwnLevel() {
        Incidents fresh = new Incidents(IncidentSettings.DEFAULT); // started a minute ago, live
        IncidentState busy = new IncidentState();
        List<Incident> fired = new ArrayList<>();
        for (int i = 0; i < 12 * 2 * 60; i++) { // twelve frustrated sessions a window, for an hour
            BadExperience b = new BadExperience("f" + i, BadExperienceKind.FRUSTRATED_SESSION, 0.5, "web",
                    T0 + i * 2_500, "e-f" + i);
            Incident change = fresh.observe(IncidentGroup.of(b), busy, affected, b, 0, T0 + i * 2_500);
            if (change != null) {
                fired.add(change);
            }
        }
        assertThat(fired).as("its first minute is the start of the watching, not news").isEmpty();
    }

    @Test
    void anOutageAcrossTheEdgeOfAWindowIsNotItsOwnUsualLevel() {
        incidents.observing(T0 - 2 * 60 * MIN);
        IncidentState fresh = new IncidentState();
        List<Incident> fired = new ArrayList<>();
        long edge = T0 + 30 * S; // six customers before the edge of a window, six after
        for (int i = 0; i < 12; i++) {
            BadExperience b = failure("edge" + i, edge - 11_500 + i * 2_000, 0);
            b.platform = "ios";
            Incident change = incidents.observe(IncidentGroup.of(b), fresh, affected, b, 0, 0);
            if (change != null) {
                fired.add(change);
            }
        }
        assertThat(fired).extracting(i -> i.customersAffected).containsExactly(10L);
    }

    @Test
    void aGroupThatAppearedLatelyIsNotItsOwnUsualLevel() {
        incidents.observing(T0 - 2 * 60 * MIN); // the instance has been watching for hours
        IncidentState young = new IncidentState();
        List<Incident> fired = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // a new screen: one customer, then an outage of six a window
            long ts = i == 0 ? T0 + 2 * MIN : T0 + 3 * MIN + i * 5 * S;
            BadExperience b = failure("young" + i, ts, 0);
            b.place = "payment-sheet";
            Incident change = incidents.observe(IncidentGroup.of(b), young, affected, b, 0, 0);
            if (change != null) {
                fired.add(change);
            }
        }
        assertThat(fired).as("six a window are many for a group that had one in ten minutes").isEmpty();
        for (int i = 0; i < 12; i++) {
            BadExperience b = failure("more" + i, T0 + 6 * MIN + i * 2 * S, 0);
            b.place = "payment-sheet";
            Incident change = incidents.observe(IncidentGroup.of(b), young, affected, b, 0, 0);
            if (change != null) {
                fired.add(change);
            }
        }
        assertThat(fired).extracting(i -> i.status).containsExactly("firing");
    }

    @Test
    void growsWithUpdatesAtMostEveryFiveMinutesThenResolvesTenMinutesAfterItEnds() {
        customers("c", 10, T0, 10 * S);
        customers("d", 10, T0 + 20 * S, 2 * MIN); // grows, but within the group interval
        assertThat(published).extracting(i -> i.status).containsExactly("firing");
        customers("e", 200, T0 + 5 * MIN, 3 * MIN); // 20 a window: still above the threshold
        assertThat(published).extracting(i -> i.status).containsExactly("firing", "updated");
        assertThat(published.get(1).customersAffected).isGreaterThanOrEqualTo(20);
        assertThat(published.get(1).dedupKey).isEqualTo(published.get(0).dedupKey);
        assertThat(published.get(1).incidentId).isNotEqualTo(published.get(0).incidentId);

        long end = state.latest;
        tickUntil(end + 9 * MIN);
        assertThat(published).extracting(i -> i.status).containsExactly("firing", "updated");
        tickUntil(end + 11 * MIN);
        assertThat(published).extracting(i -> i.status).containsExactly("firing", "updated", "resolved");
        Incident resolved = published.get(2);
        assertThat(resolved.customersAffected).isEqualTo(220);
        assertThat(resolved.summary).startsWith("Resolved: checkout failure on web, checkout page, 220 customers from 09:00 UTC to 09:");
        assertThat(incidents.covering(state)).isNull();
        assertThat(incidents.nextTick(state, end)).isEqualTo(Long.MAX_VALUE);
        assertThat(incidents.tickAt(T0)).isEqualTo(T0 + 30 * S - 1);
        assertThat(incidents.tickAt(T0 + 30 * S - 1)).isEqualTo(T0 + 30 * S - 1);
        assertThat(seen).isEmpty();
    }

    @Test
    void aLongOutageIsOneIncidentUntilItEndsItsOwnCustomersDoNotBecomeTheUsualLevel() {
        long window = 30 * S;
        for (int w = 0; w < 80; w++) { // 40 minutes at 20 customers a window, the timer's ticks between
            customers("w" + w + "-", 20, T0 + w * window, window - S);
            Incident i = incidents.tick(group, state, affected, incidents.tickAt(T0 + w * window), 0);
            if (i != null) {
                published.add(i);
            }
        }
        assertThat(published).extracting(i -> i.status).as("fired, then updated as it doubled; never resolved")
                .startsWith("firing").doesNotContain("resolved");
        long end = T0 + 80 * window;
        tickUntil(end + 11 * MIN);
        assertThat(published).extracting(i -> i.status).endsWith("resolved").filteredOn("firing"::equals).hasSize(1);
        Incident resolved = published.get(published.size() - 1);
        assertThat(resolved.customersAffected).isEqualTo(80 * 20);
        assertThat(resolved.changedAt).as("ten minutes below the threshold after the last window")
                .isBetween(end + 9 * MIN, end + 11 * MIN);
    }

    @Test
    void theSameInputGivesTheSameIds() {
        customers("c", 10, T0, 10 * S);
        IncidentState again = new IncidentState();
        Set<Long> seenAgain = new HashSet<>();
        Incidents.Customers other = new Incidents.Customers() {
            @Override
            public boolean add(long customerHash) {
                return seenAgain.add(customerHash);
            }

            @Override
            public void clear() {
                seenAgain.clear();
            }
        };
        Incident replayed = null;
        incidents.observe(group, again, other, failure("early", T0 - 10 * MIN, 0), 0, 0);
        for (int i = 0; i < 10; i++) {
            Incident i2 = incidents.observe(group, again, other, failure("c" + i, T0 + 10 * S * i / 10, 50), 100 + i, 0);
            replayed = i2 != null ? i2 : replayed;
        }
        assertThat(replayed.incidentId).isEqualTo(published.get(0).incidentId).startsWith("in-").hasSize(23);
    }

    @Test
    void theIncidentJsonHasEveryFieldOfTheSpecAndRoundTrips() throws Exception {
        customers("c", 10, T0, 10 * S);
        Incident firing = published.get(0);
        String json = new String(IncidentJson.write(firing));
        assertThat(json).startsWith("{\"incident_id\":\"in-").contains(
                "\"dedup_key\":\"incident:checkout_failure/web/checkout//\"", "\"status\":\"firing\"",
                "\"group\":{\"kind\":\"checkout_failure\",\"touchpoint\":\"web\",\"page_type\":\"checkout\","
                        + "\"platform\":\"\",\"app_version\":\"\"}",
                "\"customers_affected\":10", "\"value_at_risk\":", "\"top_customers\":[{\"customer_id\":\"c9\",\"value\":109.0,",
                "\"first_seen\":\"2026-11-23T09:00:00.000Z\"", "\"last_seen\":", "\"detected_at\":", "\"summary\":");
        assertThat(IncidentJson.read(json.getBytes())).usingRecursiveComparison().isEqualTo(firing);
        assertThat(IncidentJson.read(json.replace("page_type", "place").getBytes()).group)
                .as("as written before the group's place had the contract's names").isEqualTo(firing.group);
    }

    /** SPEC 6 names the group's place by its touchpoint: a page type on the web, a screen in the app. */
    @Test
    void theGroupsPlaceHasTheNameOfItsTouchpoint() {
        assertThat(IncidentJson.placeField(new IncidentGroup("app_crash", "app", "Checkout", "ios", "5.3.0")))
                .isEqualTo("screen");
        assertThat(IncidentJson.placeField(new IncidentGroup("checkout_failure", "web", "checkout", "", "")))
                .isEqualTo("page_type");
        assertThat(IncidentJson.placeField(new IncidentGroup("low_csat", "support", "", "", ""))).isEqualTo("place");
        assertThat(IncidentJson.placeField(new IncidentGroup(IncidentGroup.ANOMALY, "web", "purchase", "", "")))
                .as("an anomaly's place may be a funnel step or a topic").isEqualTo("place");
    }
}
