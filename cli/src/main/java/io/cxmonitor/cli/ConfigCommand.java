package io.cxmonitor.cli;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import org.apache.flink.configuration.ConfigOption;
import picocli.CommandLine.Command;

/** Lists every setting: key, default, environment variable and meaning. */
@Command(name = "config", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "List every setting of the jobs: key, default, environment variable, meaning.")
final class ConfigCommand implements Runnable {

    @Override
    public void run() {
        for (ConfigOption<?> option : CxOptions.all()) {
            Object def = option.hasDefaultValue() ? option.defaultValue() : "";
            System.out.printf("%-28s default: %-24s env: %s%n    %s%n", option.key(),
                    def.toString().isEmpty() ? "(empty)" : def, CxConfig.envName(option.key()),
                    new org.apache.flink.configuration.description.HtmlFormatter().format(option.description()).replaceAll("\\s+", " "));
        }
        System.out.printf("%-28s default: %-24s env: %s%n    %s%n", CxConfig.KAFKA_PROPERTIES + "<property>", "(none)",
                CxConfig.envName(CxConfig.KAFKA_PROPERTIES) + "<PROPERTY>", "Any property of Kafka's clients "
                        + "(security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.location...), given to "
                        + "every Kafka client of every job and tool. Secrets (passwords, JAAS configurations) through "
                        + "the environment only, e.g. CX_KAFKA_PROPERTIES_SASL_JAAS_CONFIG; they are never shown.");
    }
}
