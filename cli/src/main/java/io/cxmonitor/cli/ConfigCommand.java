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
    }
}
