package io.cxmonitor.domain.topics;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TermExtractorTest {

    @Test
    void wordsAndTwoWordPhrasesWithoutFunctionWords() {
        assertThat(TermExtractor.terms("the parcel was left in the rain, soaked box"))
                .containsExactly("parcel", "left", "rain", "soaked", "box", "soaked box");
    }

    @Test
    void nothingThatCouldNameAPersonOrAnAccount() {
        assertThat(TermExtractor.terms("write to jane.doe@example.com or call 0612345678 about order A-1234"))
                .doesNotContain("jane.doe@example.com", "0612345678", "a-1234").contains("write", "call", "order");
        assertThat(TermExtractor.terms("see https://shop.example/x and www.example.com")).containsExactly("see");
        assertThat(TermExtractor.terms("Sarah hung up on me and then Tom laughed"))
                .doesNotContain("sarah", "tom").contains("hung", "laughed");
        assertThat(TermExtractor.terms("the app is TERRIBLE")).contains("terrible");
    }

    @Test
    void aPhraseStaysWithinItsClause() {
        assertThat(TermExtractor.terms("late parcel. broken mug")).contains("late parcel", "broken mug")
                .doesNotContain("parcel broken");
    }

    @Property(tries = 300)
    void termsAreNeverEmptyAndHoldNoDigitNorAt(@ForAll String text) {
        assertThat(TermExtractor.terms(text)).allSatisfy(t -> assertThat(t).isNotBlank().doesNotContainPattern("[0-9@./]"));
    }
}
