package io.cxpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * config.xml and users.xml for a local ClickHouse server. The root element is {@code <yandex>}, which both
 * Debian's 18.16 and current releases accept; nothing about replication or other protocols' ports is set, so
 * a current release opens only the HTTP and native ports too.
 *
 * <p>Two users: {@code default} (no password, 127.0.0.1 only: the operator's and the tests' administration user) and
 * {@value #JOB_USER}, the job's own, with a password generated at the first start into a file only its owner can
 * read ({@value #JOB_PASSWORD_FILE}) and access to the job's database alone. 18.16 has no SQL users or GRANTs; users.xml
 * is what it has: {@code <allow_databases>} limits the databases, not the statements.
 */
final class ClickHouseConfig {

    static final String LOG_DIR = "log";
    static final String ERROR_LOG = LOG_DIR + "/clickhouse-server.err.log";
    static final String JOB_USER = "cxpulse";
    static final String JOB_PASSWORD_FILE = "job-user.password";

    private ClickHouseConfig() {
    }

    /** Writes both files into {@code dir} and returns config.xml; the job user may use {@code jobDatabase} only. */
    static Path write(Path dir, int httpPort, int tcpPort, String jobDatabase) {
        Path root = dir.toAbsolutePath();
        String jobPasswordSha256 = sha256Hex(readJobPassword(jobPasswordFile(root)));
        String config = """
                <?xml version="1.0"?>
                <!-- written by CX Pulse (io.cxpulse.local.ClickHouseServer) at every start; edits are overwritten -->
                <yandex>
                    <logger>
                        <level>warning</level>
                        <log>%1$s/log/clickhouse-server.log</log>
                        <errorlog>%1$s/log/clickhouse-server.err.log</errorlog>
                        <size>100M</size>
                        <count>3</count>
                    </logger>
                    <http_port>%2$d</http_port>
                    <tcp_port>%3$d</tcp_port>
                    <listen_host>127.0.0.1</listen_host>
                    <!-- as Debian's own config.xml: 18.16's built-in 10 s keeps a stopping server waiting that long
                         for idle keep-alive connections (java.net.http.HttpClient keeps them open) -->
                    <keep_alive_timeout>3</keep_alive_timeout>
                    <path>%1$s/data/</path>
                    <tmp_path>%1$s/tmp/</tmp_path>
                    <user_files_path>%1$s/user_files/</user_files_path>
                    <format_schema_path>%1$s/format_schemas/</format_schema_path>
                    <users_config>users.xml</users_config>
                    <default_profile>default</default_profile>
                    <default_database>default</default_database>
                    <timezone>UTC</timezone>
                    <!-- small caches: a local demo shares the machine with Kafka and Flink -->
                    <mark_cache_size>268435456</mark_cache_size>
                    <uncompressed_cache_size>268435456</uncompressed_cache_size>
                </yandex>
                """.formatted(xmlText(root.toString()), httpPort, tcpPort);
        String users = """
                <?xml version="1.0"?>
                <yandex>
                    <profiles>
                        <default>
                            <max_memory_usage>4000000000</max_memory_usage>
                        </default>
                    </profiles>
                    <users>
                        <!-- no password: the server listens on 127.0.0.1 only and accepts no other network -->
                        <default>
                            <password></password>
                            <networks>
                                <ip>127.0.0.1</ip>
                                <ip>::1</ip>
                            </networks>
                            <profile>default</profile>
                            <quota>default</quota>
                        </default>
                        <!-- the job's user: its password is in %2$s (mode 600), kept here only as a hash -->
                        <%1$s>
                            <password_sha256_hex>%3$s</password_sha256_hex>
                            <networks>
                                <ip>127.0.0.1</ip>
                                <ip>::1</ip>
                            </networks>
                            <profile>default</profile>
                            <quota>default</quota>
                            <allow_databases>
                                <database>%4$s</database>
                            </allow_databases>
                        </%1$s>
                    </users>
                    <quotas>
                        <default>
                            <interval>
                                <duration>3600</duration>
                                <queries>0</queries>
                                <errors>0</errors>
                                <result_rows>0</result_rows>
                                <read_rows>0</read_rows>
                                <execution_time>0</execution_time>
                            </interval>
                        </default>
                    </quotas>
                </yandex>
                """.formatted(JOB_USER, JOB_PASSWORD_FILE, jobPasswordSha256, xmlText(jobDatabase));
        try {
            Files.createDirectories(root.resolve(LOG_DIR));
            Files.createDirectories(root.resolve("data"));
            Files.writeString(root.resolve("users.xml"), users, StandardCharsets.UTF_8);
            Path configFile = root.resolve("config.xml");
            Files.writeString(configFile, config, StandardCharsets.UTF_8);
            return configFile;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ClickHouse configuration into " + root, e);
        }
    }

    /**
     * The job user's password file under {@code dir}, created with a new random password (readable by its owner only,
     * from the moment it exists) unless it is there already; the same password then serves every later start.
     */
    static Path jobPasswordFile(Path dir) {
        Path file = dir.toAbsolutePath().resolve(JOB_PASSWORD_FILE);
        try {
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            // kept from an earlier start
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ClickHouse job user's password file " + file, e);
        }
        return file;
    }

    private static String readJobPassword(Path file) {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("the ClickHouse job user's password file " + file
                        + " is empty; delete it and a new password is generated at the next start");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ClickHouse job user's password file " + file, e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xmlText(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
