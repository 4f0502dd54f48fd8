package io.cxpulse.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option not given as a flag takes its value from, in order: the environment ({@code --clickhouse-url} →
 * {@code CXPULSE_CLICKHOUSE_URL}), then the config file ({@code clickhouse-url=…} in the properties file named by
 * {@code --config} or {@code CXPULSE_CONFIG}), then the option's documented default.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    public static final String CONFIG_FLAG = "--config";
    public static final String CONFIG_ENV = "CXPULSE_CONFIG";

    private final Map<String, String> env;
    private final Properties file;

    private ConfigDefaults(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    /** Reads the config file named on the command line or in the environment, failing with its path if unreadable. */
    public static ConfigDefaults from(String[] args, Map<String, String> env) {
        String path = env.get(CONFIG_ENV);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_FLAG) && i + 1 < args.length) {
                path = args[i + 1];
            } else if (args[i].startsWith(CONFIG_FLAG + "=")) {
                path = args[i].substring(CONFIG_FLAG.length() + 1);
            }
        }
        Properties props = new Properties();
        if (path != null && !path.isBlank()) {
            Path p = Path.of(path);
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (IOException e) {
                throw new ConfigException("config file " + p.toAbsolutePath() + " cannot be read: " + e.getMessage());
            }
        }
        return new ConfigDefaults(env, props);
    }

    public static String envName(String longOption) {
        return "CXPULSE_" + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return argSpec.defaultValue();
        }
        String name = option.longestName();
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromFile = file.getProperty(name.replaceFirst("^--", ""));
        if (fromFile != null) {
            return fromFile.trim();
        }
        return option.defaultValue();
    }
}
