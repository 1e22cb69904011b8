package io.cxmonitor.domain;

import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints every misclassified line of the evaluation set, for working on the lexicon. */
public final class SentimentEvalMain {
    public static void main(String[] args) throws Exception {
        SentimentAnalyzer a = SentimentAnalyzer.standard();
        int ok = 0;
        int n = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] p = line.split("\t");
            double s = a.score(p[2]);
            String got = a.label(p[2]).id();
            n++;
            if (got.equals(p[0])) {
                ok++;
            } else {
                System.out.printf("%-8s %-8s %+.2f %s%n", p[0], got, s, p[2]);
            }
        }
        System.out.printf("accuracy %d/%d = %.3f%n", ok, n, ok / (double) n);
    }
}
