package io.cxmonitor.domain.incidents;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.events.IdHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;

/**
 * When the bad experiences of many customers are one incident, not many pages (SPEC 6), the
 * rules of Alertmanager's grouping in event time:
 *
 * <ul>
 *   <li>an incident <b>fires</b> when, within {@code group-wait} (30 s), the group counts at least
 *       {@code min-customers} (10) distinct customers <i>and</i> {@code min-ratio} (5) times its
 *       usual number: the mean per window over the last hour. A group seen for less than two
 *       windows has no usual number. If this instance watched for a whole baseline before the
 *       group appeared (a new app version that crashes, a page that never failed),
 *       {@code min-customers} alone makes its incident; if not (the first hour after a fresh start,
 *       history read back), its first minute may be the start of the watching, not news, and it
 *       waits for a usual level of its own;
 *   <li>while it grows it is <b>updated</b>, at most every {@code group-interval} (5 min), when the
 *       customers affected have doubled since the last publication;
 *   <li>it <b>resolves</b> after {@code resolve-after} (10 min) below its threshold.
 * </ul>
 *
 * <p>The threshold is the larger of the two numbers, where SPEC 6 says either: a group whose usual
 * level is above {@code min-customers}, such as frustrated sessions on a busy site, would
 * otherwise be an incident all day. The windows of an open incident do not count towards the
 * usual level.
 */
public final class Incidents {

    /** The distinct customers of an open incident; kept apart from {@link IncidentState}, as they can be many. */
    public interface Customers {
        /** Whether the customer is new to the incident. */
        boolean add(long customerHash);

        void clear();
    }

    public static final int TOP = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Comparator<AffectedCustomer> BY_VALUE =
            Comparator.comparingDouble((AffectedCustomer c) -> -c.value).thenComparing(c -> c.customerId);

    private final IncidentSettings settings;
    private final long window;
    private final int slots;
    private long observingSince = Long.MAX_VALUE;

    public Incidents(IncidentSettings settings) {
        this.settings = settings;
        this.window = settings.groupWait().toMillis();
        this.slots = (int) Math.max(2, settings.baseline().toMillis() / window);
    }

    /**
     * A bad experience of the group; the incident's state change it causes (a firing or an
     * update), or null.
     *
     * @param customerValue what the customer has spent before
     * @param now the wall clock, for {@code detected_at}
     */
    public Incident observe(IncidentGroup group, IncidentState s, Customers affected, BadExperience b,
            double customerValue, long now) {
        RecentExperience r = new RecentExperience();
        r.ts = b.ts;
        r.customerHash = IdHash.of(b.customerId);
        r.customerId = b.customerId;
        r.customerValue = customerValue;
        r.cartValue = b.cartValue;
        r.eventId = b.eventIds.length == 0 ? null : b.eventIds[0];
        if (s.firstSeen == Long.MIN_VALUE || b.ts < s.firstSeen) {
            // an earlier one counted late (its partition was read late) still dates the group
            s.firstSeen = b.ts;
        }
        s.latest = Math.max(s.latest, b.ts);
        if (b.ts > s.latest - window && !recentlySeen(s, r.customerHash)) {
            s.recent = append(s.recent, r);
            if (!s.open()) {
                // an incident is not the usual level: counted, a long outage would lift its own
                // threshold above itself and resolve while it goes on
                countInSlot(s, b.ts / window);
            }
        }
        forgetBefore(s, s.latest - window);
        if (s.open()) {
            s.lastSeen = Math.max(s.lastSeen, b.ts);
            take(s, affected, r);
            return maybeUpdate(group, s, s.latest, now);
        }
        boolean quietBefore = knownQuietBefore(s, b.ts, now);
        if ((young(s) && !quietBefore) || s.recent.length < threshold(s, quietBefore)) {
            return null;
        }
        return fire(group, s, affected, now);
    }

    /** Whether the group has been seen for less than two windows: it has no usual level of its own. */
    private boolean young(IncidentState s) {
        return s.latest - s.firstSeen < 2 * window;
    }

    /**
     * Whether the group is known to have been quiet for a whole baseline before its first
     * experience: this instance was watching then (it has observed since at least a baseline
     * before), and the experience at {@code ts} is live, not history read back (older than the
     * baseline by the wall clock: a fresh start from the earliest offsets, a replay). Only then is a
     * group that appears news by itself; otherwise its first minute may just be the start of the
     * watching, and its usual level counts from its own first experience.
     */
    private boolean knownQuietBefore(IncidentState s, long ts, long now) {
        long baseline = settings.baseline().toMillis();
        return ts >= now - baseline && observingSince <= s.firstSeen - baseline;
    }

    /**
     * Event time reached {@code time} (a timer of the group): the incident may resolve, or be
     * updated. The change, or null.
     */
    public Incident tick(IncidentGroup group, IncidentState s, Customers affected, long time, long now) {
        if (!s.open()) {
            return null;
        }
        forgetBefore(s, time - window);
        if (s.recent.length >= threshold(s, knownQuietBefore(s, time, now))) {
            s.belowSince = Long.MIN_VALUE;
            return maybeUpdate(group, s, time, now);
        }
        if (s.belowSince == Long.MIN_VALUE) {
            s.belowSince = time;
        }
        if (time - s.belowSince < settings.resolveAfter().toMillis()) {
            return null;
        }
        Incident resolved = change(group, s, "resolved", time, now);
        s.openId = null;
        s.top = new AffectedCustomer[0];
        s.customers = 0;
        s.valueAtRisk = 0;
        s.belowSince = Long.MIN_VALUE;
        affected.clear();
        return resolved;
    }

    /** When the group's next {@link #tick} is due: at the end of every window while an incident is open. */
    public long nextTick(IncidentState s, long time) {
        return s.open() ? tickAt(time + 1) : Long.MAX_VALUE;
    }

    /** The tick of the window {@code time} falls in: its last millisecond. */
    public long tickAt(long time) {
        return time - Math.floorMod(time, window) + window - 1;
    }

    /** Whether the group's state may go: no incident, and nothing seen within the baseline. */
    public boolean idle(IncidentState s, long time) {
        return !s.open() && s.latest <= time - settings.baseline().toMillis();
    }

    /** The incident that covers a bad experience of the group now, or null: the id of its firing. */
    public String covering(IncidentState s) {
        return s.openId;
    }

    /** Customers needed within a window: {@code min-customers}, and {@code min-ratio} times the usual. */
    long threshold(IncidentState s, boolean quietBefore) {
        return Math.max(settings.minCustomers(), (long) Math.ceil(settings.minRatio() * usual(s, quietBefore)));
    }

    /**
     * Mean customers per window over the baseline, the current window left out; 0 for a young
     * group. When the group is known to have been quiet before it appeared, those quiet windows
     * count: an outage of a screen that appeared a few minutes ago is not its own usual level.
     */
    double usual(IncidentState s, boolean quietBefore) {
        long current = s.latest / window;
        if (young(s)) {
            return 0;
        }
        long since = quietBefore ? Math.min(s.firstSeen, observingSince) : s.firstSeen;
        long first = Math.max(since / window, current - slots + 1);
        long windows = current - first;
        if (windows <= 0) {
            return 0;
        }
        long total = 0;
        for (int i = 0; i < s.slotNumbers.length; i++) {
            if (s.slotNumbers[i] >= first && s.slotNumbers[i] < current) {
                total += s.slotCounts[i];
            }
        }
        return total / (double) windows;
    }

    /**
     * This instance has been watching since {@code ts} at least: the earliest experience or event
     * time its operator saw, of any group, counted or not yet (the operator keeps it in its state).
     * Only a group that appeared a baseline after that is news by itself ({@link #observe}).
     */
    public void observing(long ts) {
        observingSince = Math.min(observingSince, ts);
    }

    public long observingSince() {
        return observingSince;
    }

    /** The customers of the window make the incident. */
    private Incident fire(IncidentGroup group, IncidentState s, Customers affected, long now) {
        affected.clear();
        s.customers = 0;
        s.valueAtRisk = 0;
        s.top = new AffectedCustomer[0];
        s.openedAt = Long.MAX_VALUE;
        s.lastSeen = Long.MIN_VALUE;
        for (RecentExperience r : s.recent) {
            s.openedAt = Math.min(s.openedAt, r.ts);
            s.lastSeen = Math.max(s.lastSeen, r.ts);
            take(s, affected, r);
        }
        s.changes = 0;
        s.belowSince = Long.MIN_VALUE;
        s.openId = id(group, s, 0);
        return change(group, s, "firing", s.latest, now);
    }

    private Incident maybeUpdate(IncidentGroup group, IncidentState s, long time, long now) {
        if (time - s.publishedAt < settings.groupInterval().toMillis() || s.customers < 2 * s.publishedCustomers) {
            return null;
        }
        return change(group, s, "updated", time, now);
    }

    /** A customer new to the incident counts, with their value and cart; a known one adds nothing. */
    private static void take(IncidentState s, Customers affected, RecentExperience r) {
        if (!affected.add(r.customerHash)) {
            return;
        }
        s.customers++;
        s.valueAtRisk += r.cartValue + r.customerValue;
        AffectedCustomer c = new AffectedCustomer(r.customerId, r.customerValue, r.eventId);
        AffectedCustomer[] top = Arrays.copyOf(s.top, s.top.length + 1);
        top[s.top.length] = c;
        Arrays.sort(top, BY_VALUE);
        s.top = top.length <= TOP ? top : Arrays.copyOf(top, TOP);
    }

    private Incident change(IncidentGroup group, IncidentState s, String status, long at, long now) {
        Incident i = new Incident();
        i.incidentId = s.changes == 0 ? s.openId : id(group, s, s.changes);
        s.changes++;
        i.dedupKey = group.dedupKey();
        i.status = status;
        i.group = group;
        i.customersAffected = s.customers;
        i.valueAtRisk = Math.round(s.valueAtRisk * 100) / 100.0;
        i.topCustomers = s.top.clone();
        i.firstSeen = s.openedAt;
        i.lastSeen = s.lastSeen;
        i.changedAt = at;
        i.detectedAt = now;
        i.summary = summary(i);
        s.publishedAt = s.latest;
        s.publishedCustomers = s.customers;
        return i;
    }

    private static String summary(Incident i) {
        String what = i.group.describe();
        String value = String.format(Locale.ROOT, "%,.0f", i.valueAtRisk);
        return switch (i.status) {
            case "firing" -> String.format(Locale.ROOT, "%s for %d customers since %s, %s at risk.",
                    capitalized(what), i.customersAffected, TIME.format(Instant.ofEpochMilli(i.firstSeen)), value);
            case "updated" -> String.format(Locale.ROOT, "%s: now %d customers since %s, %s at risk.",
                    capitalized(what), i.customersAffected, TIME.format(Instant.ofEpochMilli(i.firstSeen)), value);
            default -> String.format(Locale.ROOT, "Resolved: %s, %d customers from %s to %s, %s at risk.",
                    what, i.customersAffected, TIME.format(Instant.ofEpochMilli(i.firstSeen)),
                    TIME.format(Instant.ofEpochMilli(i.lastSeen)), value);
        };
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code in-} and 20 hex digits of SHA-256 over the group, the incident's start and the change's number. */
    private static String id(IncidentGroup group, IncidentState s, int change) {
        String text = group.dedupKey() + "|" + s.openedAt + "|" + change;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "in-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static boolean recentlySeen(IncidentState s, long customer) {
        for (RecentExperience r : s.recent) {
            if (r.customerHash == customer) {
                return true;
            }
        }
        return false;
    }

    private void countInSlot(IncidentState s, long slot) {
        if (s.slotCounts.length == 0) {
            s.slotCounts = new long[slots];
            s.slotNumbers = new long[slots];
            Arrays.fill(s.slotNumbers, -1);
        }
        int i = (int) Math.floorMod(slot, (long) slots);
        if (s.slotNumbers[i] != slot) {
            s.slotNumbers[i] = slot;
            s.slotCounts[i] = 0;
        }
        s.slotCounts[i]++;
    }

    private static void forgetBefore(IncidentState s, long oldest) {
        if (s.recent.length > 0 && Arrays.stream(s.recent).anyMatch(r -> r.ts <= oldest)) {
            s.recent = Arrays.stream(s.recent).filter(r -> r.ts > oldest).toArray(RecentExperience[]::new);
        }
    }

    private static RecentExperience[] append(RecentExperience[] a, RecentExperience r) {
        RecentExperience[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = r;
        return b;
    }
}
