package horizon.simulator.autotask.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The picklists of one database. Codes are drawn from the seed, so every simulated instance has its own (as every
 * Autotask database does), except the values Autotask fixes for everyone: ticket status 5 = Complete, ticket types,
 * creator/person types, time entry types.
 */
public final class Picklists {
    /** The only status code Autotask fixes across instances. */
    public static final long STATUS_COMPLETE = 5;

    private final Map<String, Map<String, List<PicklistValue>>> lists = new LinkedHashMap<>();

    private Picklists() {
    }

    /** Generates the picklists of a database from its seed. */
    public static Picklists generate(long seed) {
        Picklists p = new Picklists();
        Random random = new Random(seed ^ 0x5EEDL);
        Set<Long> used = new HashSet<>(Set.of(STATUS_COMPLETE));
        List<PicklistValue> status = new ArrayList<>();
        String[] statusLabels = {"New", "In Progress", "Waiting Customer", "Waiting Materials", "Scheduled", "Escalate",
                "Waiting Vendor", "Customer Note Added", "On Hold"};
        List<Long> statusCodes = codes(random, statusLabels.length, 1, 40, used);
        for (int i = 0; i < statusLabels.length; i++) {
            status.add(new PicklistValue(Long.toString(statusCodes.get(i)), statusLabels[i], i != 8, i == 0, i, "", false));
        }
        status.add(new PicklistValue("5", "Complete", true, false, statusLabels.length, "", true));
        p.put(Schemas.TICKETS, "status", status);
        p.put(Schemas.TICKETS, "priority", simple(random, 1, 20,
                new String[]{"Critical", "High", "Medium", "Low", "Planning"}, 2, 4));
        List<PicklistValue> queues = simple(random, 29_682_800, 29_683_999,
                new String[]{"Client Portal", "Level I Support", "Level II Support", "Monitoring Alert", "Post Sale",
                        "Recurring Tickets"}, 1, 5);
        p.put(Schemas.TICKETS, "queueID", queues);
        p.put(Schemas.RESOURCE_ROLES, "queueID", queues);
        String[] issueLabels = {"Hardware", "Software", "Network", "Email", "Security", "Printing"};
        String[][] subLabels = {{"Workstation", "Server", "Laptop", "Peripheral"},
                {"Application Error", "Installation", "Licensing", "Update"}, {"Connectivity", "VPN", "Wi-Fi", "Firewall"},
                {"Mailbox", "Spam", "Delivery"}, {"Malware", "Phishing", "Access Request"}, {"Printer Offline"}};
        List<PicklistValue> issues = simple(random, 1, 60, issueLabels, -1, 5);
        p.put(Schemas.TICKETS, "issueType", issues);
        List<PicklistValue> subIssues = new ArrayList<>();
        List<Long> subCodes = codes(random, 20, 100, 400, new HashSet<>());
        int k = 0;
        for (int i = 0; i < issueLabels.length; i++) {
            for (int j = 0; j < subLabels[i].length; j++) {
                boolean active = !(i == 4 && j == 2);
                subIssues.add(new PicklistValue(Long.toString(subCodes.get(k)), subLabels[i][j], active, false, k,
                        issues.get(i).value(), false));
                k++;
            }
        }
        p.put(Schemas.TICKETS, "subIssueType", subIssues);
        p.put(Schemas.TICKETS, "source", simple(random, 1, 30,
                new String[]{"Phone", "Email", "Client Portal", "Monitoring Alert", "Web Portal", "Insourced", "In Person"}, 1, 6));
        p.put(Schemas.TICKETS, "ticketType", fixed(new String[]{"Service Request", "Incident", "Problem", "Change Request",
                "Alert"}, 1, 0));
        p.put(Schemas.TICKETS, "ticketCategory", simple(random, 1, 300,
                new String[]{"Standard", "AEM Alert", "RMA", "Change Management", "Legacy"}, 0, 4));
        p.put(Schemas.TICKETS, "creatorType", fixed(new String[]{"Resource", "Contact"}, 1, -1));
        p.put(Schemas.TICKETS, "lastActivityPersonType", fixed(new String[]{"Resource", "Contact"}, 1, -1));
        p.put(Schemas.TICKET_NOTES, "noteType", simple(random, 1, 30,
                new String[]{"Task Detail", "Resolution", "Task Summary", "Workflow", "Internal Note", "Customer Reply"}, 0, 5));
        p.put(Schemas.TICKET_NOTES, "publish", simple(random, 1, 10,
                new String[]{"All Autotask Users", "Internal Only", "Internal & Co-managed"}, 0, -1));
        List<PicklistValue> entryTypes = List.of(
                new PicklistValue("1", "Regular Time", true, false, 0, "", true),
                new PicklistValue("2", "Ticket", true, true, 1, "", true),
                new PicklistValue("6", "Task", true, false, 2, "", true));
        p.put(Schemas.TIME_ENTRIES, "timeEntryType", entryTypes);
        p.put(Schemas.COMPANIES, "companyType", simple(random, 1, 20,
                new String[]{"Customer", "Lead", "Prospect", "Dead", "Vendor", "Partner", "Cancellation"}, 0, 6));
        p.put(Schemas.RESOURCES, "licenseType", fixed(new String[]{"Professional", "Team", "Co-Managed Help Desk",
                "API User (API-only)"}, 1, -1));
        p.put(Schemas.RESOURCES, "userType", fixed(new String[]{"Employee", "Contractor", "API User (API-only)"}, 1, -1));
        p.put(Schemas.DELETED_TICKET_ACTIVITY_LOGS, "typeID", fixed(new String[]{"Note", "Time Entry", "Attachment"}, 1, -1));
        return p;
    }

    private static List<PicklistValue> simple(Random random, int from, int to, String[] labels, int defaultIndex,
                                              int inactiveIndex) {
        List<Long> codes = codes(random, labels.length, from, to, new HashSet<>(Set.of(STATUS_COMPLETE)));
        List<PicklistValue> values = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            values.add(new PicklistValue(Long.toString(codes.get(i)), labels[i], i != inactiveIndex, i == defaultIndex, i,
                    "", false));
        }
        return values;
    }

    private static List<PicklistValue> fixed(String[] labels, int firstCode, int defaultIndex) {
        List<PicklistValue> values = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            values.add(new PicklistValue(Integer.toString(firstCode + i), labels[i], true, i == defaultIndex, i, "", true));
        }
        return values;
    }

    private static List<Long> codes(Random random, int count, int from, int to, Set<Long> used) {
        List<Long> result = new ArrayList<>();
        while (result.size() < count) {
            long code = from + random.nextInt(to - from + 1);
            if (used.add(code)) {
                result.add(code);
            }
        }
        Collections.sort(result);
        return result;
    }

    private void put(String entity, String field, List<PicklistValue> values) {
        lists.computeIfAbsent(entity, e -> new LinkedHashMap<>()).put(field, List.copyOf(values));
    }

    /** The values of a picklist field, empty when the field is none. */
    public List<PicklistValue> values(String entity, String field) {
        return lists.getOrDefault(entity, Map.of()).getOrDefault(field, List.of());
    }

    public Optional<PicklistValue> find(String entity, String field, long code) {
        return values(entity, field).stream().filter(v -> v.code() == code).findFirst();
    }

    /** The code of a label; the generator and the activity stream use labels to stay independent of the seed. */
    public long code(String entity, String field, String label) {
        return values(entity, field).stream().filter(v -> v.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(entity + "." + field + " has no value " + label)).code();
    }

    /** Active values only: what a person may choose today. */
    public List<PicklistValue> active(String entity, String field) {
        return values(entity, field).stream().filter(PicklistValue::isActive).toList();
    }

    public Map<String, Map<String, List<PicklistValue>>> all() {
        return lists;
    }
}
