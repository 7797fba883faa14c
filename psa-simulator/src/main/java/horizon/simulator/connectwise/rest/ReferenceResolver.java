package horizon.simulator.connectwise.rest;

import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.References;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a reference a client wrote ({@code {"id": 5}}, {@code {"identifier": "jdoe"}}, {@code {"name": "New"}}) into
 * the stored reference ConnectWise writes back, looking board-owned picklists up on the record's board.
 */
final class ReferenceResolver {
    /** Which collection each reference field of a model points into. */
    private static final Map<Kind, Map<String, Kind>> TARGETS = Map.of(
            Kind.TICKETS, Map.ofEntries(Map.entry("board", Kind.BOARDS), Map.entry("status", Kind.BOARD_STATUSES),
                    Map.entry("company", Kind.COMPANIES), Map.entry("contact", Kind.CONTACTS),
                    Map.entry("type", Kind.BOARD_TYPES), Map.entry("subType", Kind.BOARD_SUBTYPES),
                    Map.entry("item", Kind.BOARD_ITEMS), Map.entry("team", Kind.BOARD_TEAMS),
                    Map.entry("owner", Kind.MEMBERS), Map.entry("priority", Kind.PRIORITIES),
                    Map.entry("source", Kind.SOURCES), Map.entry("workType", Kind.WORK_TYPES),
                    Map.entry("workRole", Kind.WORK_ROLES)),
            Kind.NOTES, Map.of("member", Kind.MEMBERS, "contact", Kind.CONTACTS),
            Kind.TIME_ENTRIES, Map.of("member", Kind.MEMBERS, "workType", Kind.WORK_TYPES,
                    "workRole", Kind.WORK_ROLES, "company", Kind.COMPANIES),
            Kind.CONTACTS, Map.of("company", Kind.COMPANIES),
            Kind.COMPANIES, Map.of("status", Kind.COMPANY_STATUSES),
            Kind.MEMBERS, Map.of("securityRole", Kind.SECURITY_ROLES));

    private final CwStore store;

    ReferenceResolver(CwStore store) {
        this.store = store;
    }

    /** The collection a reference field points into, if the simulator resolves it. */
    static Optional<Kind> target(Kind kind, String field) {
        return Optional.ofNullable(TARGETS.getOrDefault(kind, Map.of()).get(field));
    }

    /**
     * The stored reference for what the client wrote, or a 400 naming the field. {@code boardId} scopes board-owned
     * picklists (statuses, types, sub-types, items, teams).
     */
    ObjectNode resolve(Kind kind, String field, JsonNode value, long boardId) {
        Kind target = target(kind, field).orElseThrow();
        String resource = resource(kind);
        if (!value.isObject()) {
            throw ApiError.invalid(resource, "InvalidField", "The " + field + " must be a reference object, e.g. {\"id\": 1}.", field);
        }
        boolean onBoard = target.parent().filter(p -> p == Kind.BOARDS).isPresent();
        NavigableMap<Long, ObjectNode> candidates = onBoard ? store.rows(target, boardId) : store.rows(target);
        ObjectNode found = null;
        if (value.hasNonNull("id")) {
            found = candidates.get(value.get("id").asLong());
            if (found == null) {
                throw ApiError.invalid(resource, "InvalidField", describe(target, "id", value.get("id").asString(),
                        onBoard, boardId), field);
            }
        } else {
            String key = value.hasNonNull("identifier") ? "identifier" : value.hasNonNull("name") ? "name" : null;
            if (key == null) {
                throw ApiError.invalid(resource, "InvalidField", "The " + field + " reference needs an id, identifier or name.", field);
            }
            String wanted = value.get(key).asString();
            for (ObjectNode candidate : candidates.values()) {
                String name = key.equals("name") ? References.of(target, candidate).path("name").asString()
                        : candidate.path(key).asString();
                if (name.equalsIgnoreCase(wanted)) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                throw ApiError.invalid(resource, "InvalidField", describe(target, key, wanted, onBoard, boardId), field);
            }
        }
        return References.of(target, found);
    }

    private static String describe(Kind target, String key, String value, boolean onBoard, long boardId) {
        return target.label() + " with " + key + " '" + value + "' was not found" + (onBoard ? " on board " + boardId : "") + ".";
    }

    /** The resource name ConnectWise puts in field errors: ticket, serviceNote, timeEntry... */
    static String resource(Kind kind) {
        return switch (kind) {
            case TICKETS -> "ticket";
            case NOTES -> "serviceNote";
            case TIME_ENTRIES -> "timeEntry";
            case COMPANIES -> "company";
            case CONTACTS -> "contact";
            case MEMBERS -> "member";
            case CALLBACKS -> "callbackEntry";
            default -> Character.toLowerCase(kind.model().charAt(0)) + kind.model().substring(1);
        };
    }
}
