package io.cxmonitor.jobs.sentiment;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores the customer's own texts (reviews, ticket openings, customer messages; SPEC 3.1) and
 * finds the bad experiences they are: negative reviews and support messages (SPEC 3.5). The text
 * goes no further than this function.
 */
public final class ScoreTexts extends ProcessFunction<CxEvent, ScoredText> {

    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("text-experiences") {};

    private final ExperienceRules rules;
    private transient SentimentAnalyzer analyzer;

    public ScoreTexts(ExperienceRules rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext context) {
        analyzer = SentimentAnalyzer.standard();
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<ScoredText> out) {
        double score = 0;
        if (ExperienceRules.hasCustomerText(e)) {
            String text = ExperienceRules.textOf(e);
            if (!text.isBlank()) {
                score = analyzer.score(text);
                out.collect(new ScoredText(e.stream.id(), e.stream == Stream.REVIEWS ? e.source : e.channel, score));
            }
        }
        BadExperience bad = rules.ofText(e, score);
        if (bad != null) {
            ctx.output(EXPERIENCES, bad);
        }
    }
}
