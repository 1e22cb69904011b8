package io.cxmonitor.domain.experiences;

/** How many bad experiences a window holds, and how bad they were on average. A Flink POJO accumulator. */
public class ExperienceCounts {

    public long count;
    public double severitySum;

    public ExperienceCounts() {}

    public ExperienceCounts add(BadExperience b) {
        count++;
        severitySum += b.severity;
        return this;
    }

    public ExperienceCounts merge(ExperienceCounts o) {
        count += o.count;
        severitySum += o.severitySum;
        return this;
    }

    public double meanSeverity() {
        return count == 0 ? Double.NaN : severitySum / count;
    }
}
