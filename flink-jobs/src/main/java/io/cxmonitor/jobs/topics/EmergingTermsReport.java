package io.cxmonitor.jobs.topics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cxmonitor.domain.topics.EmergingTerms;
import io.cxmonitor.events.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The emerging terms of the hour that ended at {@link #at}, most lifted first. A Flink POJO. */
public class EmergingTermsReport {

    private static final JsonFactory JSON = new JsonFactory();

    public long at;
    public String[] terms = new String[0];
    public long[] texts = new long[0];
    public int[] customers = new int[0];
    public double[] shares = new double[0];
    public double[] usualShares = new double[0];
    public double[] lifts = new double[0];

    public EmergingTermsReport() {}

    static EmergingTermsReport of(long at, List<EmergingTerms.Term> found) {
        EmergingTermsReport r = new EmergingTermsReport();
        int n = found.size();
        r.at = at;
        r.terms = new String[n];
        r.texts = new long[n];
        r.customers = new int[n];
        r.shares = new double[n];
        r.usualShares = new double[n];
        r.lifts = new double[n];
        for (int i = 0; i < n; i++) {
            EmergingTerms.Term t = found.get(i);
            r.terms[i] = t.term();
            r.texts[i] = t.texts();
            r.customers[i] = t.customers();
            r.shares[i] = t.share();
            r.usualShares[i] = t.usualShare();
            r.lifts[i] = t.lift();
        }
        return r;
    }

    /**
     * For tools, on {@code cx.emerging-terms}: {@code {"window_end", "window": "1h", "terms": [{"term",
     * "negative_texts", "customers" (at least, up to 5), "share", "usual_share", "lift"}]}}.
     */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("window_end", Timestamps.format(at));
            g.writeStringField("window", "1h");
            g.writeArrayFieldStart("terms");
            for (int i = 0; i < terms.length; i++) {
                g.writeStartObject();
                g.writeStringField("term", terms[i]);
                g.writeNumberField("negative_texts", texts[i]);
                g.writeNumberField("customers", customers[i]);
                g.writeNumberField("share", round(shares[i]));
                g.writeNumberField("usual_share", round(usualShares[i]));
                g.writeNumberField("lift", round(lifts[i]));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
