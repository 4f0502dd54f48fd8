package io.cxpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cxpulse.config.ConfigDefaults;
import io.cxpulse.config.JobOptions;
import io.cxpulse.model.Topics;
import io.cxpulse.simulator.SimulateCommand;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * docker-compose.yml cannot run on the build machines (no Docker engine), so it is checked against what it depends
 * on: the files it mounts, the job's and the simulator's flags, the topics, the images, the start order, and the
 * ports table newcomers read in docs/platform.md.
 */
class ComposeFileTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:-([^}]*))?}");
    /** CXPULSE_* variables that are not a flag's: the password (no flag on purpose) and bin/cxpulse's JVM options. */
    private static final Map<String, String> NON_FLAG_VARIABLES = Map.of(
            "CXPULSE_CLICKHOUSE_PASSWORD", "jobs/experience-monitor/src/main/java/io/cxpulse/config/JobOptions.java",
            "CXPULSE_JAVA_OPTS", "bin/cxpulse");

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void parse() throws Exception {
        compose = YAML.readTree(Repo.read("docker-compose.yml"));
        services = compose.path("services");
    }

    @Test
    void runsTheWholeStack() {
        assertThat(fieldNames(services)).contains("kafka", "kafka-init", "clickhouse", "jobmanager", "taskmanager",
                "job-submitter", "simulator", "grafana", "prometheus");
    }

    @Test
    void everyMountedHostPathExistsOrIsTheJobJarThatMavenBuilds() throws Exception {
        Path root = Repo.root();
        String jobJar = jobJarPath();
        Set<String> volumes = fieldNames(compose.path("volumes"));
        List<String> binds = new ArrayList<>();
        for (String name : fieldNames(services)) {
            for (JsonNode mount : services.path(name).path("volumes")) {
                Mount m = Mount.of(mount);
                if (m.bind()) {
                    binds.add(m.source());
                } else {
                    assertThat(volumes).as("named volume %s of %s is declared", m.source(), name).contains(m.source());
                }
            }
        }
        assertThat(binds).contains("./" + jobJar);
        for (String source : binds) {
            if (source.equals("./" + jobJar)) {
                continue; // produced by `mvn package`, checked against the module's POM instead
            }
            assertThat(root.resolve(source).normalize()).as("host path %s", source).exists();
        }
        JsonNode jarMount = mountOf("job-submitter", "./" + jobJar);
        assertThat(jarMount.path("bind").path("create_host_path").asBoolean(true))
                .as("a missing job jar must fail the start, not become an empty directory").isFalse();
        assertThat(env("job-submitter").get("JOB_JAR")).isEqualTo(jarMount.path("target").asText());
    }

    @Test
    void theJobIsSubmittedWithFlagsItHas() {
        List<String> flags = Repo.longOptions(JobOptions.class);
        List<String> args = strings(services.path("job-submitter").path("command"));
        List<String> used = args.stream().filter(a -> a.startsWith("--")).toList();
        assertThat(used).containsExactlyInAnyOrder("--kafka-bootstrap-servers", "--clickhouse-url", "--clickhouse-user",
                "--checkpoint-dir", "--parallelism");
        assertThat(flags).containsAll(used);

        assertThat(hostOf(argAfter(args, "--kafka-bootstrap-servers"))).isEqualTo("kafka");
        assertThat(argAfter(args, "--clickhouse-url")).isEqualTo("http://clickhouse:8123");
        assertThat(argAfter(args, "--checkpoint-dir")).isEqualTo("file:///flink-checkpoints");
        assertThat(flinkProperties("jobmanager")).containsEntry("execution.checkpointing.dir", "file:///flink-checkpoints");
        assertThat(flinkProperties("taskmanager")).containsEntry("execution.checkpointing.dir", "file:///flink-checkpoints");
        for (String service : List.of("jobmanager", "taskmanager", "job-submitter")) {
            assertThat(mountTargets(service)).as(service).contains("/flink-checkpoints");
        }
        // one slot per parallel subtask on the one TaskManager
        assertThat(flinkProperties("taskmanager").get("taskmanager.numberOfTaskSlots"))
                .isEqualTo(argAfter(args, "--parallelism"));
    }

    @Test
    void environmentVariablesNameRealOptions() {
        Set<String> flagVariables = new TreeSet<>();
        Repo.longOptions(JobOptions.class).forEach(f -> flagVariables.add(ConfigDefaults.envName(f)));
        for (String name : fieldNames(services)) {
            for (String variable : env(name).keySet()) {
                if (!variable.startsWith("CXPULSE_")) {
                    continue;
                }
                if (NON_FLAG_VARIABLES.containsKey(variable)) {
                    assertThat(Repo.read(NON_FLAG_VARIABLES.get(variable))).as("%s is read", variable).contains(variable);
                } else {
                    assertThat(flagVariables).as("%s of %s", variable, name).contains(variable);
                }
            }
        }
    }

    @Test
    void theSimulatorRunsWithFlagsItHas() {
        List<String> args = strings(services.path("simulator").path("command"));
        List<String> used = args.stream().filter(a -> a.startsWith("--")).toList();
        assertThat(used).isNotEmpty();
        assertThat(Repo.longOptions(SimulateCommand.class)).containsAll(used);
        assertThat(hostOf(argAfter(args, "--kafka-bootstrap-servers"))).isEqualTo("kafka");
        assertThat(Repo.read("deploy/simulator/run-simulator.sh")).contains("./bin/cxpulse simulate \"$@\"");
    }

    @Test
    void topicsAreTheOnesTheJobReadsAndWrites() {
        Map<String, String> env = env("kafka-init");
        List<String> expected = new ArrayList<>(Topics.INPUT_TOPICS);
        expected.addAll(Topics.OUTPUT_TOPICS);
        assertThat(env.get("TOPICS").trim().split("\\s+")).containsExactlyElementsOf(expected);
        assertThat(env.get("COMPACTED_TOPICS").trim().split("\\s+")).containsExactly(Topics.CUSTOMERS);
        assertThat(Repo.read("deploy/kafka/create-topics.sh"))
                .contains("for topic in $TOPICS", "${COMPACTED_TOPICS:-}", "cleanup.policy=compact", "--if-not-exists");
        assertThat(env("kafka").get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
    }

    @Test
    void portsArePublishedOnLoopbackOnlyAndDocumented() {
        Map<String, Set<String>> published = new TreeMap<>();
        for (String name : fieldNames(services)) {
            for (JsonNode port : services.path(name).path("ports")) {
                String spec = port.asText();
                assertThat(spec).as("%s publishes %s", name, spec).matches("127\\.0\\.0\\.1:\\d+:\\d+");
                String hostPort = spec.substring(0, spec.lastIndexOf(':'));
                published.computeIfAbsent(name, k -> new TreeSet<>()).add(hostPort);
            }
        }
        assertThat(published).containsKeys("kafka", "clickhouse", "jobmanager", "grafana", "prometheus");
        assertThat(documentedPorts()).isEqualTo(published);
    }

    @Test
    void imagesAreTheSupportedVersions() {
        assertThat(image("clickhouse")).matches("clickhouse/clickhouse-server:25\\.\\d+(\\.\\d+)*");
        assertThat(image("kafka")).matches("apache/kafka:4\\.1\\.\\d+");
        assertThat(image("kafka-init")).isEqualTo(image("kafka"));
        for (String flink : List.of("jobmanager", "taskmanager", "job-submitter")) {
            assertThat(image(flink)).matches("flink:2\\.2(\\.\\d+)?-java17");
        }
        assertThat(image("grafana")).matches("grafana/grafana:1[12]\\.\\d+\\.\\d+");
        assertThat(image("simulator")).startsWith("maven:3.9-eclipse-temurin-17");
    }

    @Test
    void startOrderWaitsForHealthOrCompletion() {
        Set<String> dependedOn = new LinkedHashSet<>();
        for (String name : fieldNames(services)) {
            JsonNode dependsOn = services.path(name).path("depends_on");
            assertThat(dependsOn.isArray()).as("%s: depends_on with conditions, not a bare list", name).isFalse();
            for (String dependency : fieldNames(dependsOn)) {
                assertThat(services.has(dependency)).as("%s depends on %s", name, dependency).isTrue();
                String condition = dependsOn.path(dependency).path("condition").asText();
                JsonNode target = services.path(dependency);
                switch (condition) {
                    case "service_healthy" -> assertThat(target.has("healthcheck"))
                            .as("%s waits for %s to be healthy", name, dependency).isTrue();
                    case "service_completed_successfully" -> assertThat(target.path("restart").asText())
                            .as("%s is a one-shot", dependency).isEqualTo("no");
                    default -> throw new AssertionError(name + " depends on " + dependency + " with condition '"
                            + condition + "': use service_healthy or service_completed_successfully");
                }
                dependedOn.add(dependency);
            }
        }
        assertThat(dependedOn).contains("kafka", "kafka-init", "clickhouse", "jobmanager", "taskmanager");
        assertThat(fieldNames(services.path("job-submitter").path("depends_on")))
                .contains("kafka-init", "clickhouse", "jobmanager", "taskmanager");
    }

    @Test
    void flinkRunsRocksDbAndReportsToPrometheus() throws Exception {
        for (String service : List.of("jobmanager", "taskmanager")) {
            Map<String, String> conf = flinkProperties(service);
            assertThat(conf).as(service)
                    .containsEntry("state.backend.type", "rocksdb")
                    .containsEntry("execution.checkpointing.incremental", "true")
                    .containsEntry("metrics.reporter.prom.factory.class",
                            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                    .containsEntry("metrics.reporter.prom.port", "9249");
        }
        JsonNode prometheus = YAML.readTree(Repo.read("deploy/prometheus/prometheus.yml"));
        List<String> targets = new ArrayList<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            job.path("static_configs").forEach(c -> targets.addAll(strings(c.path("targets"))));
            job.path("dns_sd_configs").forEach(c -> strings(c.path("names"))
                    .forEach(n -> targets.add(n + ":" + c.path("port").asText())));
        }
        assertThat(targets).containsExactlyInAnyOrder("jobmanager:9249", "taskmanager:9249");
    }

    @Test
    void clickHousePasswordsComeFromTheEnvironmentWithLocalDefaults() {
        Map<String, String> clickhouse = env("clickhouse");
        for (String variable : List.of("CLICKHOUSE_PASSWORD", "CLICKHOUSE_JOB_PASSWORD", "CLICKHOUSE_READER_PASSWORD",
                "CLICKHOUSE_ERASER_PASSWORD")) {
            Matcher m = INTERPOLATION.matcher(clickhouse.getOrDefault(variable, ""));
            assertThat(m.matches()).as("%s is ${%s:-local default}", variable, variable).isTrue();
            assertThat(m.group(1)).isEqualTo(variable);
            assertThat(m.group(3)).isNotBlank();
        }
        assertThat(env("job-submitter").get("CXPULSE_CLICKHOUSE_PASSWORD")).isEqualTo(clickhouse.get("CLICKHOUSE_JOB_PASSWORD"));
        assertThat(env("grafana").get("CLICKHOUSE_PASSWORD")).isEqualTo(clickhouse.get("CLICKHOUSE_READER_PASSWORD"));
        assertThat(services.path("clickhouse").path("healthcheck").path("test").toString()).contains("/ping");
    }

    @Test
    void clickHouseCreatesTheUsersWithTheirGrantsAtStartAndEachServiceUsesItsOwn() throws Exception {
        assertThat(mountOf("clickhouse", "./deploy/clickhouse/initdb").path("target").asText())
                .isEqualTo("/docker-entrypoint-initdb.d");
        assertThat(env("clickhouse")).containsEntry("CLICKHOUSE_ALWAYS_RUN_INITDB_SCRIPTS", "1");
        Path users = Repo.root().resolve("deploy/clickhouse/initdb/10-cxpulse-users.sh");
        Path grants = Repo.root().resolve("deploy/clickhouse/initdb/20-cxpulse-grants.sql");
        assertThat(users).exists().isExecutable();
        assertThat(grants).exists();
        String script = Files.readString(users);
        for (String variable : List.of("CLICKHOUSE_JOB_PASSWORD", "CLICKHOUSE_READER_PASSWORD", "CLICKHOUSE_ERASER_PASSWORD")) {
            assertThat(script).as("the script reads %s, which compose passes", variable).contains("$" + variable);
            assertThat(env("clickhouse")).containsKey(variable);
        }
        assertThat(script).doesNotContain("local").contains("sha256_hash");
        String sql = Files.readString(grants);
        assertThat(sql).contains("GRANT CREATE DATABASE, CREATE TABLE, SELECT, INSERT ON cxpulse.* TO cxpulse_job;",
                "GRANT SELECT ON cxpulse.* TO cxpulse_reader;", "GRANT SELECT, ALTER DELETE ON cxpulse.* TO cxpulse_eraser;");
        assertThat(sql.lines().filter(l -> l.startsWith("GRANT")).filter(l -> l.contains("cxpulse_reader")))
                .singleElement().asString().doesNotContain("INSERT", "ALTER", "CREATE");

        List<String> job = strings(services.path("job-submitter").path("command"));
        assertThat(argAfter(job, "--clickhouse-user")).isEqualTo("cxpulse_job");
        assertThat(env("grafana")).containsEntry("CLICKHOUSE_USER", "cxpulse_reader");
    }

    @Test
    void grafanaGetsThePluginTheDashboardsAndEveryVariableItsDataSourceReads() throws Exception {
        Map<String, String> env = env("grafana");
        assertThat(env.get("GF_INSTALL_PLUGINS")).contains("grafana-clickhouse-datasource");
        assertThat(env).containsKeys("CLICKHOUSE_HOST", "CLICKHOUSE_PORT", "CLICKHOUSE_USER", "CLICKHOUSE_PASSWORD",
                "CLICKHOUSE_DATABASE");
        assertThat(services.has(env.get("CLICKHOUSE_HOST"))).isTrue();

        String datasource = Repo.read("dashboards/grafana/provisioning/datasources/clickhouse.yaml");
        Matcher m = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)").matcher(datasource);
        Set<String> read = new TreeSet<>();
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).as("variables the data source reads").isNotEmpty();
        assertThat(env.keySet()).containsAll(read);
        boolean http = Pattern.compile("protocol:\\s*['\"]?http").matcher(datasource).find();
        assertThat(env.get("CLICKHOUSE_PORT")).isEqualTo(http ? "8123" : "9000");

        JsonNode provider = YAML.readTree(Repo.read("dashboards/grafana/provisioning/dashboards/cxpulse.yaml"));
        String dashboardsPath = provider.path("providers").get(0).path("options").path("path").asText();
        assertThat(mountOf("grafana", "./dashboards/grafana/dashboards").path("target").asText()).isEqualTo(dashboardsPath);
        for (String dashboard : List.of("ops", "churn-watch", "pipeline-health")) {
            assertThat(Repo.root().resolve("dashboards/grafana/dashboards/" + dashboard + ".json")).exists();
        }
    }

    // --- the experience-monitor build, the docs -------------------------------------------------------------------

    /** target/&lt;artifactId&gt;-&lt;version&gt;-&lt;shaded classifier&gt;.jar, as the module's POM makes it. */
    private static String jobJarPath() throws Exception {
        Path pom = Repo.root().resolve("jobs/experience-monitor/pom.xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(pom)));
        Element project = doc.getDocumentElement();
        String artifactId = child(project, "artifactId");
        String version = child(project, "version");
        if (version == null) {
            version = child((Element) project.getElementsByTagName("parent").item(0), "version");
        }
        assertThat(child((Element) project.getElementsByTagName("build").item(0), "finalName"))
                .as("no finalName: the jar is named artifactId-version").isNull();
        String classifier = doc.getElementsByTagName("shadedClassifierName").item(0).getTextContent().trim();
        return "jobs/experience-monitor/target/" + artifactId + "-" + version + "-" + classifier + ".jar";
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /** The "Ports" table of docs/platform.md: | `service` | `127.0.0.1:port` | … */
    private static Map<String, Set<String>> documentedPorts() {
        String doc = Repo.read("docs/platform.md");
        int start = doc.indexOf("<!-- ports:begin -->");
        int end = doc.indexOf("<!-- ports:end -->");
        assertThat(start).as("docs/platform.md has a ports table between markers").isGreaterThan(0);
        Matcher row = Pattern.compile("(?m)^\\|\\s*`([a-z-]+)`\\s*\\|\\s*`(127\\.0\\.0\\.1:\\d+)`").matcher(doc.substring(start, end));
        Map<String, Set<String>> ports = new TreeMap<>();
        while (row.find()) {
            ports.computeIfAbsent(row.group(1), k -> new TreeSet<>()).add(row.group(2));
        }
        return ports;
    }

    // --- reading the compose file ---------------------------------------------------------------------------------

    private record Mount(boolean bind, String source, String target) {
        static Mount of(JsonNode node) {
            if (node.isTextual()) {
                String[] parts = node.asText().split(":");
                boolean bind = parts[0].startsWith(".") || parts[0].startsWith("/");
                return new Mount(bind, parts[0], parts[1]);
            }
            return new Mount("bind".equals(node.path("type").asText()), node.path("source").asText(),
                    node.path("target").asText());
        }
    }

    private static JsonNode mountOf(String service, String source) {
        for (JsonNode mount : services.path(service).path("volumes")) {
            if (Mount.of(mount).source().equals(source)) {
                return mount;
            }
        }
        throw new AssertionError(service + " does not mount " + source);
    }

    private static List<String> mountTargets(String service) {
        List<String> targets = new ArrayList<>();
        services.path(service).path("volumes").forEach(v -> targets.add(Mount.of(v).target()));
        return targets;
    }

    private static Map<String, String> env(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = services.path(service).path("environment");
        if (node.isArray()) {
            node.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            fieldNames(node).forEach(k -> env.put(k, node.path(k).asText()));
        }
        return env;
    }

    private static Map<String, String> flinkProperties(String service) {
        Map<String, String> conf = new LinkedHashMap<>();
        String properties = env(service).get("FLINK_PROPERTIES");
        assertThat(properties).as("%s has FLINK_PROPERTIES", service).isNotNull();
        for (String line : properties.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.isBlank()) {
                conf.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return conf;
    }

    private static String image(String service) {
        return services.path(service).path("image").asText();
    }

    private static String argAfter(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertThat(i).as("%s is given", flag).isGreaterThanOrEqualTo(0);
        return args.get(i + 1);
    }

    private static String hostOf(String hostPort) {
        return hostPort.substring(0, hostPort.indexOf(':'));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
