package io.cxmonitor.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** The spellings by which typed-in-a-hurry words are found, for any word. */
class SpellingPropertiesTest {

    /** The look-up filters on the hash: a wrong one would silently miss misspellings. */
    @Property(tries = 2_000)
    void theSingleLetterHashIsTheHashOfTheSingleLetterSpelling(
            @ForAll @StringLength(min = 1, max = 30) @CharRange(from = 'a', to = 'e') String word) {
        assertThat(SentimentAnalyzer.singleLettersHash(word)).isEqualTo(SentimentAnalyzer.singleLetters(word).hashCode());
    }

    @Property(tries = 1_000)
    void aSingleLetterSpellingHasNoDoubledLetterAndKeepsTheOrderOfLetters(
            @ForAll @StringLength(min = 1, max = 30) @CharRange(from = 'a', to = 'c') String word) {
        String single = SentimentAnalyzer.singleLetters(word);
        for (int k = 1; k < single.length(); k++) {
            assertThat(single.charAt(k)).isNotEqualTo(single.charAt(k - 1));
        }
        assertThat(single.charAt(0)).isEqualTo(word.charAt(0));
        assertThat(SentimentAnalyzer.singleLetters(single)).isEqualTo(single);
    }

    /** A stretched word becomes a word with no letter three times in a row, whatever it knows. */
    @Property(tries = 1_000)
    void anUnstretchedWordHasNoLetterThreeTimesInARow(
            @ForAll @StringLength(min = 1, max = 30) @CharRange(from = 'a', to = 'c') String word,
            @ForAll boolean knowsTheShortest) {
        String out = Tokens.unstretched(word, w -> knowsTheShortest);
        for (int k = 2; k < out.length(); k++) {
            assertThat(out.charAt(k) == out.charAt(k - 1) && out.charAt(k) == out.charAt(k - 2)).isFalse();
        }
    }
}
