package io.cxmonitor.domain.support;

import io.cxmonitor.domain.stats.Samples;

/**
 * The support KPIs of one window and channel (SPEC 3.4): CSAT is the share of 4-5 scores, NPS the
 * percentage of 9-10 minus that of 0-6, CES the mean score; first-response and resolution times
 * as p50 and p90; reopen rate (reopened / resolved) and repeat-contact rate (customers opening
 * another ticket within 7 days / tickets opened). A Flink POJO accumulator.
 */
public class SupportStats {

    public long opened;
    public long resolved;
    public long reopened;
    public long repeatContacts;
    public long csatAnswers;
    public long csatSatisfied;
    public long npsAnswers;
    public long npsPromoters;
    public long npsDetractors;
    public long cesAnswers;
    public double cesSum;
    public Samples firstResponseSeconds = new Samples();
    public Samples resolutionSeconds = new Samples();

    public SupportStats() {}

    public SupportStats add(SupportFact f) {
        switch (f.kind) {
            case OPENED -> opened++;
            case RESOLVED -> resolved++;
            case REOPENED -> reopened++;
            case REPEAT_CONTACT -> repeatContacts++;
            case CSAT -> {
                csatAnswers++;
                if (f.value >= 4) {
                    csatSatisfied++;
                }
            }
            case NPS -> {
                npsAnswers++;
                if (f.value >= 9) {
                    npsPromoters++;
                } else if (f.value <= 6) {
                    npsDetractors++;
                }
            }
            case CES -> {
                cesAnswers++;
                cesSum += f.value;
            }
            case FIRST_RESPONSE -> firstResponseSeconds.add(f.value);
            case RESOLUTION -> resolutionSeconds.add(f.value);
            default -> throw new IllegalArgumentException("unknown support fact " + f.kind);
        }
        return this;
    }

    public SupportStats merge(SupportStats o) {
        opened += o.opened;
        resolved += o.resolved;
        reopened += o.reopened;
        repeatContacts += o.repeatContacts;
        csatAnswers += o.csatAnswers;
        csatSatisfied += o.csatSatisfied;
        npsAnswers += o.npsAnswers;
        npsPromoters += o.npsPromoters;
        npsDetractors += o.npsDetractors;
        cesAnswers += o.cesAnswers;
        cesSum += o.cesSum;
        firstResponseSeconds.addAll(o.firstResponseSeconds);
        resolutionSeconds.addAll(o.resolutionSeconds);
        return this;
    }

    public double csat() {
        return csatAnswers == 0 ? Double.NaN : csatSatisfied / (double) csatAnswers;
    }

    public double nps() {
        return npsAnswers == 0 ? Double.NaN : 100.0 * (npsPromoters - npsDetractors) / npsAnswers;
    }

    public double ces() {
        return cesAnswers == 0 ? Double.NaN : cesSum / cesAnswers;
    }

    public double reopenRate() {
        return resolved == 0 ? Double.NaN : reopened / (double) resolved;
    }

    public double repeatContactRate() {
        return opened == 0 ? Double.NaN : repeatContacts / (double) opened;
    }
}
