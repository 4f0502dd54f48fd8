package io.cxpulse.contract;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.cxpulse.model.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON Schemas of the input topics, as shipped in {@code schemas/events/}. */
public final class Contracts {

    /** Classpath folder the schemas module copies {@code schemas/events/*.schema.json} into. */
    public static final String RESOURCE_DIR = "/cxpulse/schemas/events/";

    private final Map<String, JsonSchema> byTopic;

    private Contracts(Map<String, JsonSchema> byTopic) {
        this.byTopic = byTopic;
    }

    public static Contracts load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        Map<String, JsonSchema> schemas = new LinkedHashMap<>();
        for (String topic : Topics.INPUT_TOPICS) {
            String resource = resourceOf(topic);
            try (InputStream in = Contracts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("contract " + resource + " is missing from the classpath");
                }
                schemas.put(topic, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read contract " + resource, e);
            }
        }
        return new Contracts(schemas);
    }

    public static String resourceOf(String topic) {
        return RESOURCE_DIR + topic + ".schema.json";
    }

    public JsonSchema schemaOf(String topic) {
        JsonSchema schema = byTopic.get(topic);
        if (schema == null) {
            throw new IllegalArgumentException("no contract for topic '" + topic + "'; known: " + byTopic.keySet());
        }
        return schema;
    }
}
