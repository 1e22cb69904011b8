package io.cxmonitor.cli;

import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Finds the topics of texts from standard input, one per line, each with its sentiment. */
@Command(name = "topics", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Find the CX topics of texts read from standard input, one per line: prints "
                    + "topic:score ...<TAB>text, or -<TAB>text for a text without a topic.",
            "Each topic's score is the sentiment of the clauses that mention it, in [-1, 1]. Example: "
                    + "echo 'Delivery was fast but the app keeps crashing' | ./cxmon topics"
        })
final class TopicsCommand implements Callable<Integer> {

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "A taxonomy file (topic<TAB>term lines) instead of the built-in one, to try an extended one.")
    Path taxonomy;

    @Override
    public Integer call() throws Exception {
        TopicAnalyzer analyzer;
        if (taxonomy == null) {
            analyzer = TopicAnalyzer.standard();
        } else {
            try (InputStream in = Files.newInputStream(taxonomy)) {
                analyzer = TopicAnalyzer.fromTaxonomy(in, SentimentAnalyzer.standard());
            }
        }
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                StringJoiner topics = new StringJoiner(" ");
                for (TopicAnalyzer.Mention m : analyzer.topics(line)) {
                    topics.add(String.format(Locale.ROOT, "%s:%+.2f", m.topic(), m.score()));
                }
                out.print(topics.length() == 0 ? "-" : topics.toString());
                out.print('\t');
                out.println(line);
            }
        }
        out.flush();
        return 0;
    }
}
