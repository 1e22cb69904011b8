package io.cxmonitor.domain.topics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds emerging terms (SPEC 7): words and two-word phrases whose share of the negative texts of
 * the last hour jumps against their usual share. Bounded whatever the traffic, never a growing
 * map: the hour is twelve five-minute buckets, each a space-saving top-k ({@link Settings#capacity}
 * terms, with up to {@link Settings#minCustomers} customer hashes each), and the usual share comes
 * from a count-min sketch over every term seen, halved every {@link Settings#halfLife}.
 *
 * <p>A term is reported when at least {@code minCustomers} distinct customers used it in the hour,
 * it is in at least {@code minShare} of the hour's negative texts, and that share is at least
 * {@code minLift} times its usual one. Nothing is reported before the sketch has seen
 * {@code warmUpTexts} negative texts: without a usual share, every term would be new.
 *
 * <p>A Flink POJO: its public arrays are its state.
 */
public class EmergingTerms {

    /** What counts as emerging, and the sketches' sizes. */
    public record Settings(int capacity, int minCustomers, double minShare, double minLift, long warmUpTexts,
            long halfLife, int report) implements Serializable {
        public static final Settings DEFAULT = new Settings(100, 5, 0.05, 3.0, 200, 7 * 24 * 3_600_000L, 5);
    }

    /** One emerging term of an hour. */
    public record Term(String term, long texts, int customers, double share, double usualShare, double lift) {}

    public static final long BUCKET = 5 * 60_000L;
    public static final int BUCKETS = 12;
    private static final int DEPTH = 4;
    private static final int WIDTH = 2048;
    /** Prior of a term never seen: its usual share is this until the sketch knows better. */
    private static final double PRIOR_SHARE = 0.01;
    private static final double PRIOR_TEXTS = 100;

    /** The start of each bucket's five minutes, or -1 when the bucket is empty. */
    public long[] bucketStart = filled(BUCKETS, -1);
    /** Negative texts per bucket. */
    public long[] bucketTexts = new long[BUCKETS];
    /** Space-saving entries: bucket b's are at [b * capacity, (b + 1) * capacity). */
    public String[] terms;
    public long[] counts;
    /** Up to minCustomers hashes per entry, 0 for none. */
    public long[] customers;
    /** Count-min sketch of every term's negative texts, decayed; and the texts it counted. */
    public double[] sketch = new double[DEPTH * WIDTH];
    public double sketchTexts;
    /** When the sketch was last decayed. */
    public long decayedAt = Long.MIN_VALUE;

    public EmergingTerms() {}

    public static EmergingTerms empty(Settings settings) {
        EmergingTerms e = new EmergingTerms();
        e.terms = new String[BUCKETS * settings.capacity];
        e.counts = new long[BUCKETS * settings.capacity];
        e.customers = new long[BUCKETS * settings.capacity * settings.minCustomers];
        return e;
    }

    /**
     * Counts a negative text at {@code ts} with its terms and its customer's hash (0 for none). A
     * text older than the hour before the newest bucket is dropped.
     */
    public void add(long ts, List<String> textTerms, long customerHash, Settings settings) {
        long start = Math.floorDiv(ts, BUCKET) * BUCKET;
        int b = (int) Math.floorMod(Math.floorDiv(ts, BUCKET), BUCKETS);
        if (bucketStart[b] != start) {
            if (bucketStart[b] > start) {
                return; // older than the hour the ring holds
            }
            clear(b, settings);
            bucketStart[b] = start;
        }
        bucketTexts[b]++;
        sketchTexts++;
        for (String term : textTerms) {
            count(b, term, customerHash, settings);
            for (int d = 0; d < DEPTH; d++) {
                sketch[d * WIDTH + slot(term, d)]++;
            }
        }
    }

    /**
     * The emerging terms of the hour that ends at {@code end} (a bucket boundary), most lifted
     * first, at most {@link Settings#report}; and the sketch decayed to {@code end}.
     */
    public List<Term> report(long end, Settings settings) {
        decay(end, settings);
        long hourTexts = 0;
        Map<String, long[]> merged = new HashMap<>(); // term -> texts, then customer hashes
        for (int b = 0; b < BUCKETS; b++) {
            if (bucketStart[b] < 0 || bucketStart[b] >= end || bucketStart[b] < end - BUCKETS * BUCKET) {
                continue;
            }
            hourTexts += bucketTexts[b];
            for (int i = b * settings.capacity; i < (b + 1) * settings.capacity; i++) {
                if (terms[i] == null) {
                    continue;
                }
                long[] m = merged.computeIfAbsent(terms[i], k -> new long[1 + settings.minCustomers]);
                m[0] += counts[i];
                for (int k = 0; k < settings.minCustomers; k++) {
                    addCustomer(m, 1, customers[i * settings.minCustomers + k], settings.minCustomers);
                }
            }
        }
        if (sketchTexts < settings.warmUpTexts || hourTexts == 0) {
            return List.of();
        }
        List<Term> found = new ArrayList<>();
        for (Map.Entry<String, long[]> e : merged.entrySet()) {
            long[] m = e.getValue();
            int distinct = 0;
            for (int k = 1; k < m.length; k++) {
                distinct += m[k] != 0 ? 1 : 0;
            }
            double share = m[0] / (double) hourTexts;
            if (distinct < settings.minCustomers || share < settings.minShare) {
                continue;
            }
            // the usual share leaves the hour itself out, so that a burst does not raise its own baseline
            double before = Math.max(0, estimate(e.getKey()) - m[0]);
            double usual = (before + PRIOR_SHARE * PRIOR_TEXTS) / (Math.max(0, sketchTexts - hourTexts) + PRIOR_TEXTS);
            double lift = share / usual;
            if (lift >= settings.minLift) {
                found.add(new Term(e.getKey(), m[0], distinct, share, usual, lift));
            }
        }
        found.sort(Comparator.comparingDouble(Term::lift).reversed().thenComparing(Term::term));
        return found.size() > settings.report ? List.copyOf(found.subList(0, settings.report)) : found;
    }

    private void count(int b, String term, long customerHash, Settings settings) {
        int from = b * settings.capacity;
        int to = from + settings.capacity;
        int min = -1;
        for (int i = from; i < to; i++) {
            if (term.equals(terms[i])) {
                counts[i]++;
                addCustomer(customers, i * settings.minCustomers, customerHash, settings.minCustomers);
                return;
            }
            if (terms[i] == null) {
                terms[i] = term;
                counts[i] = 1;
                addCustomer(customers, i * settings.minCustomers, customerHash, settings.minCustomers);
                return;
            }
            if (min < 0 || counts[i] < counts[min]) {
                min = i;
            }
        }
        // space-saving: the least counted term makes room, and the newcomer inherits its count
        terms[min] = term;
        counts[min]++;
        Arrays.fill(customers, min * settings.minCustomers, (min + 1) * settings.minCustomers, 0);
        addCustomer(customers, min * settings.minCustomers, customerHash, settings.minCustomers);
    }

    /** Adds a hash to the distinct ones at [from, from + max) unless it is there or they are full. */
    private static void addCustomer(long[] hashes, int from, long hash, int max) {
        if (hash == 0) {
            return;
        }
        for (int k = from; k < from + max; k++) {
            if (hashes[k] == hash) {
                return;
            }
            if (hashes[k] == 0) {
                hashes[k] = hash;
                return;
            }
        }
    }

    private void clear(int b, Settings settings) {
        bucketTexts[b] = 0;
        Arrays.fill(terms, b * settings.capacity, (b + 1) * settings.capacity, null);
        Arrays.fill(counts, b * settings.capacity, (b + 1) * settings.capacity, 0);
        Arrays.fill(customers, b * settings.capacity * settings.minCustomers,
                (b + 1) * settings.capacity * settings.minCustomers, 0);
        bucketStart[b] = -1;
    }

    private void decay(long now, Settings settings) {
        if (decayedAt != Long.MIN_VALUE && now > decayedAt) {
            double factor = Math.pow(0.5, (now - decayedAt) / (double) settings.halfLife);
            for (int i = 0; i < sketch.length; i++) {
                sketch[i] *= factor;
            }
            sketchTexts *= factor;
        }
        decayedAt = Math.max(decayedAt, now);
    }

    private double estimate(String term) {
        double min = Double.MAX_VALUE;
        for (int d = 0; d < DEPTH; d++) {
            min = Math.min(min, sketch[d * WIDTH + slot(term, d)]);
        }
        return min;
    }

    private static int slot(String term, int row) {
        int h = term.hashCode() * (0x9E3779B1 + 2 * row) + row * 0x7F4A7C15;
        h ^= h >>> 16;
        return Math.floorMod(h, WIDTH);
    }

    private static long[] filled(int n, long value) {
        long[] a = new long[n];
        Arrays.fill(a, value);
        return a;
    }
}
