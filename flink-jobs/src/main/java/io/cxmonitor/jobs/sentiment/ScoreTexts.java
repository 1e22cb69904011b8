package io.cxmonitor.jobs.sentiment;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.sentiment.Sentiment;
import io.cxmonitor.domain.topics.TermExtractor;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import io.cxmonitor.events.IdHash;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.Stream;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Scores the customer's own texts (reviews, ticket openings, customer messages; SPEC 3.1), finds
 * their topics (SPEC 7), and finds the bad experiences they are: negative reviews and support messages (SPEC 3.5). The text
 * goes no further than this function.
 */
public final class ScoreTexts extends ProcessFunction<CxEvent, ScoredText> {

    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("text-experiences") {};

    private final ExperienceRules rules;
    private final TopicAnalyzer analyzer;
    /** The words of negative texts are for emerging terms, which come with topics. */
    private final boolean findsTerms;

    public ScoreTexts(ExperienceRules rules, TopicAnalyzer analyzer) {
        this.rules = rules;
        this.analyzer = analyzer;
        this.findsTerms = !analyzer.taxonomy().isEmpty();
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<ScoredText> out) {
        TopicAnalyzer.Analysis analysis = null;
        String text = ExperienceRules.customerText(e);
        if (text != null) {
            analysis = analyzer.analyze(text);
            double score = analysis.score();
            ScoredText scored = new ScoredText(e.stream.id(), e.stream == Stream.REVIEWS ? e.source : e.channel, score);
            int n = analysis.topics().size();
            scored.topics = new String[n];
            scored.topicScores = new double[n];
            for (int i = 0; i < n; i++) {
                scored.topics[i] = analysis.topics().get(i).topic();
                scored.topicScores[i] = analysis.topics().get(i).score();
            }
            if (findsTerms && Sentiment.of(score) == Sentiment.NEGATIVE) {
                scored.terms = TermExtractor.terms(text).toArray(new String[0]);
                scored.customerHash = e.customerId == null ? 0 : IdHash.of(e.customerId);
            }
            out.collect(scored);
        }
        BadExperience bad = rules.ofText(e, analysis);
        if (bad != null) {
            ctx.output(EXPERIENCES, bad);
        }
    }
}
