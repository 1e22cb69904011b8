package io.cxmonitor.jobs.common.config;

import io.cxmonitor.domain.anomalies.AnomalySettings;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.performance.WebVitals;
import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import io.cxmonitor.domain.support.SupportRules;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The domain rules of SPEC 3 with the thresholds of the configuration. */
public final class SignalRules {

    private SignalRules() {}

    public static FrictionRules friction(CxConfig c) {
        WebVitals vitals = new WebVitals(c.get(CxOptions.POOR_LCP), c.get(CxOptions.POOR_INP),
                c.get(CxOptions.POOR_CLS), c.get(CxOptions.POOR_FCP), c.get(CxOptions.POOR_TTFB));
        return new FrictionRules(c.get(CxOptions.RAGE_CLICKS), c.get(CxOptions.RAGE_WINDOW).toMillis(),
                c.get(CxOptions.RAGE_RADIUS), c.get(CxOptions.ERROR_CLICK_WINDOW).toMillis(),
                c.get(CxOptions.APDEX_THRESHOLD).toMillis(), vitals, c.get(CxOptions.SESSION_TOLERATING_SCORE),
                c.get(CxOptions.SESSION_FRUSTRATING_SCORE));
    }

    public static Sessions sessions(CxConfig c) {
        return new Sessions(c.get(CxOptions.SESSION_GAP), c.get(CxOptions.SESSION_MAX_LENGTH),
                c.get(CxOptions.IDENTITY_LINK_WINDOW), c.get(CxOptions.IDENTITY_LINK_TTL));
    }

    public static Funnel funnel(CxConfig c) {
        return SignalFunnel.parse(c.get(CxOptions.FUNNEL_STEPS));
    }

    public static SupportRules support(CxConfig c) {
        return new SupportRules(c.get(CxOptions.LOW_CSAT), c.get(CxOptions.NPS_DETRACTOR), c.get(CxOptions.HIGH_EFFORT),
                Map.of("chat", c.get(CxOptions.SLA_CHAT), "email", c.get(CxOptions.SLA_EMAIL),
                        "phone", c.get(CxOptions.SLA_PHONE), "social", c.get(CxOptions.SLA_SOCIAL)),
                c.get(CxOptions.SLA_OTHER));
    }

    public static ExperienceRules experiences(CxConfig c) {
        return new ExperienceRules(c.get(CxOptions.NEGATIVE_RATING), c.get(CxOptions.NEGATIVE_SENTIMENT), support(c));
    }

    public static AnomalySettings anomalies(CxConfig c) {
        AnomalySettings d = AnomalySettings.DEFAULT;
        return new AnomalySettings(c.get(CxOptions.ANOMALY_THRESHOLD), c.get(CxOptions.ANOMALY_MIN_DURATION),
                d.resolveAfter(), d.seasonalWarmUp(), d.recentWarmUp(), d.relativeFloor());
    }

    /**
     * The topic analyzer of {@code taxonomy.file}, the built-in one, or none when topics are off:
     * read here, on the client, and shipped with the job, so the file need not be on every
     * TaskManager.
     */
    public static TopicAnalyzer topics(CxConfig c) {
        String file = c.get(CxOptions.TAXONOMY_FILE);
        if (!c.get(CxOptions.TOPICS_ENABLED)) {
            return TopicAnalyzer.none();
        }
        if (file.isBlank()) {
            return TopicAnalyzer.standard();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return TopicAnalyzer.fromTaxonomy(in, SentimentAnalyzer.standard());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("'" + CxOptions.TAXONOMY_FILE.key() + "' = '" + file + "' cannot be used: "
                    + e.getMessage() + ". Fix: give a readable file of topic<TAB>term lines (see the README, Topics), "
                    + "or leave it empty for the built-in taxonomy.");
        }
    }
}
