package io.cxmonitor.domain.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import io.cxmonitor.domain.topics.TopicAnalyzer.Mention;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TopicAnalyzerTest {

    private final TopicAnalyzer standard = TopicAnalyzer.standard();

    private static Map<String, Double> topics(TopicAnalyzer analyzer, String text) {
        return analyzer.topics(text).stream().collect(Collectors.toMap(Mention::topic, Mention::score));
    }

    private static TopicAnalyzer of(String taxonomy) throws IOException {
        return TopicAnalyzer.fromTaxonomy(new ByteArrayInputStream(taxonomy.getBytes(StandardCharsets.UTF_8)),
                SentimentAnalyzer.standard());
    }

    @Test
    void theTaxonomyHasTheTopicsOfTheSpec() {
        assertThat(standard.taxonomy()).containsExactly("delivery", "returns_refunds", "payment_billing",
                "price_value", "product_quality", "app_stability", "performance", "login_account", "checkout",
                "stock_availability", "support_responsiveness", "staff_attitude", "communication");
    }

    @Test
    void withoutTopicsTheAnalysisIsTheSentimentAlone() {
        TopicAnalyzer none = TopicAnalyzer.none();
        String text = "Delivery was fast but the app keeps crashing";
        assertThat(none.taxonomy()).isEmpty();
        assertThat(none.analyze(text).topics()).isEmpty();
        assertThat(none.analyze(text).score()).isEqualTo(standard.analyze(text).score())
                .isEqualTo(SentimentAnalyzer.standard().score(text));
    }

    @Test
    void eachTopicHasTheSentimentOfItsOwnClause() {
        Map<String, Double> t = topics(standard, "Delivery was fast but the app keeps crashing");
        assertThat(t).containsOnlyKeys("delivery", "app_stability");
        assertThat(t.get("delivery")).isPositive();
        assertThat(t.get("app_stability")).isNegative();
    }

    @Test
    void aClauseWithoutOpinionTakesThatOfTheText() {
        assertThat(topics(standard, "Where is my parcel?")).containsOnlyKeys("delivery")
                .allSatisfy((topic, score) -> assertThat(score).isNegative());
        assertThat(topics(standard, "I ordered the blue one.")).isEmpty();
        assertThat(standard.topics("")).isEmpty();
        assertThat(standard.topics(null)).isEmpty();
    }

    @Test
    void stemsPhrasesAndWordsThatMeetInAClause() throws IOException {
        TopicAnalyzer a = of("""
                # a comment
                delivery\tdeliver*
                delivery\tnever came
                performance\tslow+website
                """);
        assertThat(topics(a, "The deliveries were late")).containsOnlyKeys("delivery");
        assertThat(topics(a, "It never came")).containsOnlyKeys("delivery");
        assertThat(topics(a, "The website is painfully slow")).containsOnlyKeys("performance");
        assertThat(topics(a, "The website is fine. Shipping was slow")).as("not in one clause").isEmpty();
        assertThat(topics(a, "never, came")).as("a phrase does not run across punctuation").isEmpty();
        assertThat(a.taxonomy()).containsExactly("delivery", "performance");
    }

    @Test
    void aTopicIsNamedOnceWhateverHowOftenItIsMentioned() {
        List<Mention> t = standard.topics("The parcel was late, the courier was rude and the package was wet.");
        assertThat(t).extracting(Mention::topic).doesNotHaveDuplicates().contains("delivery");
    }

    @Test
    void aTaxonomyLineItCannotReadIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> of("delivery\tparcel\nDelivery Topic\tbox\n"))
                .hasMessageContaining("line 2").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> of("delivery\tde*\n")).hasMessageContaining("line 1").hasMessageContaining("stem");
        assertThatThrownBy(() -> of("delivery\n")).hasMessageContaining("line 1");
    }

    @Property(tries = 300)
    void anyTextGivesKnownTopicsOnceWithScoresInRange(@ForAll String text) {
        List<Mention> mentions = standard.topics(text);
        assertThat(mentions).extracting(Mention::topic).doesNotHaveDuplicates()
                .allSatisfy(topic -> assertThat(standard.taxonomy()).contains(topic));
        assertThat(mentions).allSatisfy(m -> assertThat(m.score()).isBetween(-1.0, 1.0));
    }
}
