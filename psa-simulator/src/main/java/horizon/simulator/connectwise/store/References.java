package horizon.simulator.connectwise.store;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** References as ConnectWise writes them inside records: {@code {id, name}}, with the extra keys some models carry. */
public final class References {
    private References() {
    }

    public static ObjectNode of(Kind kind, JsonNode record) {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        ref.put("id", record.get("id").asLong());
        switch (kind) {
            case MEMBERS -> {
                ref.put("identifier", record.path("identifier").asString());
                ref.put("name", record.path("firstName").asString() + " " + record.path("lastName").asString());
            }
            case COMPANIES -> {
                ref.put("identifier", record.path("identifier").asString());
                ref.put("name", record.path("name").asString());
            }
            case CONTACTS -> ref.put("name", record.path("firstName").asString() + " " + record.path("lastName").asString());
            case BOARD_STATUSES -> {
                ref.put("name", record.path("name").asString());
                ref.put("sort", record.path("sortOrder").asInt());
            }
            case PRIORITIES -> {
                ref.put("name", record.path("name").asString());
                ref.put("sort", record.path("sortOrder").asInt());
                ref.put("level", record.path("level").asString());
            }
            case TICKETS -> ref.put("summary", record.path("summary").asString());
            default -> ref.put("name", record.path("name").asString());
        }
        return ref;
    }
}
