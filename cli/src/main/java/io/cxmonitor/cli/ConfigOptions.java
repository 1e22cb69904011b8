package io.cxmonitor.cli;

import io.cxmonitor.jobs.common.config.ConfigException;
import io.cxmonitor.jobs.common.config.CxConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set key=value}, shared by the commands that run jobs. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of settings (see ./cxmon config).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set watermark.idleness='1 min'. Repeatable.")
    List<String> overrides = List.of();

    /** File, then CX_* environment variables, then --set, then what the command itself fixes. */
    CxConfig load(Map<String, String> fixed) {
        return load(Map.of(), fixed);
    }

    /** The same over the command's own {@code defaults}, which anything the user sets overrides. */
    CxConfig load(Map<String, String> defaults, Map<String, String> fixed) {
        Map<String, String> cli = new LinkedHashMap<>();
        for (String pair : overrides) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set expects KEY=VALUE, got '" + pair + "'. Fix: e.g. --set influxdb.database=cx");
            }
            cli.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        cli.putAll(fixed);
        Map<String, String> fromFile = new LinkedHashMap<>(defaults);
        if (file != null) {
            fromFile.putAll(CxConfig.readProperties(file));
        }
        return CxConfig.load(fromFile, System.getenv(), cli);
    }
}
