package io.cxmonitor.cli;

import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Scores texts from standard input, one per line. */
@Command(name = "sentiment", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Score texts read from standard input, one per line: prints label<TAB>score<TAB>text.",
            "The label is positive (score >= 0.05), negative (<= -0.05) or neutral; the score is in [-1, 1]. "
                    + "Example: echo 'My order never arrived' | ./cxmon sentiment"
        })
final class SentimentCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        SentimentAnalyzer analyzer = SentimentAnalyzer.standard();
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                double score = analyzer.score(line);
                out.print(analyzer.label(line).id());
                out.print('\t');
                out.print(String.format(Locale.ROOT, "%.4f", score));
                out.print('\t');
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }
}
