package horizon.workspace;

import horizon.helpdesk.HelpdeskUser;
import horizon.helpdesk.PicklistValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the codes and ids on a mirrored ticket read as: the labels of the account's status, priority, queue and note
 * visibility picklists, and the helpdesk users' names. Where the mirror lacks a value, the code itself shows.
 *
 * @param statuses     the status picklist, in the PSA's order, inactive values included
 * @param queues       the queue picklist, in the PSA's order, inactive values included
 * @param users        every live helpdesk user by PSA id, in name order, inactive ones included
 */
public record TicketLabels(List<PicklistValue> statuses, Map<String, String> priorities, List<PicklistValue> queues,
                           Map<String, String> visibilities, Map<Long, HelpdeskUser> users) {

    /** Labels of an account without a connection: every code reads as itself. */
    static final TicketLabels NONE = new TicketLabels(List.of(), Map.of(), List.of(), Map.of(), Map.of());

    public TicketLabels {
        statuses = List.copyOf(statuses);
        priorities = Map.copyOf(priorities);
        queues = List.copyOf(queues);
        visibilities = Map.copyOf(visibilities);
        users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    public String status(String code) {
        return label(statuses, code);
    }

    public String priority(String code) {
        return code == null ? "" : priorities.getOrDefault(code, code);
    }

    public String queue(Long queueId) {
        return queueId == null ? "" : label(queues, String.valueOf(queueId));
    }

    public String visibility(String code) {
        return code == null ? "" : visibilities.getOrDefault(code, code);
    }

    /** The helpdesk user's name, "Resource 123" when the mirror lacks them, empty for none. */
    public String user(Long resourceId) {
        if (resourceId == null) {
            return "";
        }
        HelpdeskUser user = users.get(resourceId);
        return user == null ? "Resource " + resourceId : name(user);
    }

    static String name(HelpdeskUser user) {
        String name = ((user.firstName() == null ? "" : user.firstName()) + " "
                + (user.lastName() == null ? "" : user.lastName())).strip();
        return name.isEmpty() ? String.valueOf(user.username()) : name;
    }

    /** Picklist values to filter by: active ones, each value once (a board's statuses name their board). */
    public List<Choice> statusChoices() {
        Map<String, Choice> choices = new LinkedHashMap<>();
        statuses.stream().filter(PicklistValue::active).forEach(v -> choices.putIfAbsent(v.value(), new Choice(
                v.value(), v.parentValue() == null ? v.label() : v.label() + " · " + queue(parse(v.parentValue())))));
        return List.copyOf(choices.values());
    }

    public List<Choice> queueChoices() {
        return queues.stream().filter(PicklistValue::active).filter(v -> parse(v.value()) != null)
                .map(v -> new Choice(v.value(), v.label())).toList();
    }

    /** One option of a select. */
    public record Choice(String value, String label) {
    }

    private static String label(List<PicklistValue> values, String code) {
        if (code == null) {
            return "";
        }
        return values.stream().filter(v -> v.value().equals(code)).map(PicklistValue::label).findFirst().orElse(code);
    }

    private static Long parse(String value) {
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }
}
