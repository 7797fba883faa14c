package horizon.simulator.connectwise.data;

import horizon.simulator.connectwise.ConnectWiseOptions.MspSize;
import horizon.simulator.connectwise.store.Actor;
import horizon.simulator.connectwise.store.CwStore;
import horizon.simulator.connectwise.store.Kind;
import horizon.simulator.connectwise.store.Permission;
import horizon.simulator.connectwise.store.References;
import horizon.simulator.connectwise.store.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates an MSP in a simulated ConnectWise from a seed: security roles, members (technicians with e-mail addresses,
 * one inactive, and the API member), client companies with contacts, boards with their statuses, types, sub-types,
 * items and teams, priorities, sources, work types and roles, and tickets over the months of history (denser toward
 * now) with notes and time entries. Names carry non-ASCII and HTML-sensitive characters.
 */
public final class CwMspGenerator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] FIRST = {"Anna", "Zoë", "Liam", "Sofia", "Noah", "Émile", "Mia", "Lucas", "Hannah",
            "Jonas", "Chloé", "Ben", "Sara", "Tomás", "Ava", "Ole", "Maja", "Finn", "Ida", "Jörg"};
    private static final String[] LAST = {"Müller", "O'Brien", "Smith", "Jensen", "García", "Novak", "Rossi",
            "Dubois", "Kowalski", "Nguyen", "Schmidt", "Brown", "Larsen", "Costa", "Weber", "Fischer"};
    private static final String[] COMPANY_WORDS = {"Acme", "Northwind", "Contoso", "Fabrikam", "Globex", "Initech",
            "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Hooli", "Vandelay", "Wonka", "Soylent", "Aperture"};
    private static final String[] COMPANY_SUFFIX = {"Ltd", "GmbH", "& Sons", "Inc.", "AG", "LLC", "<Holdings>", "Co."};
    private static final String[] SUMMARIES = {"Outlook keeps asking for password", "VPN drops every hour",
            "New starter: laptop & accounts", "Printer on 2nd floor offline", "Server disk C: almost full",
            "Café Wi-Fi guest network down", "MFA prompt loop", "Backup job failed overnight", "Teams calls choppy",
            "Request: shared mailbox \"Sales\"", "Firewall firmware update", "Scanner <Ricoh> not sending e-mail"};
    private static final String[] NOTES = {"Called the user, reproduced the issue.", "Remote session: cleared cache & rebooted.",
            "Waiting on the vendor's reply.", "Escalated to Level II.", "Customer says \"thanks!\"",
            "Scheduled an onsite visit for tomorrow.", "Patched and verified with the user."};

    /** What the generator made that the simulator needs by name. */
    public record Generated(long mspCompanyId, ObjectNode apiMember, List<Long> technicians, long apiRoleId,
                            Map<Long, Set<Permission>> rolePermissions) {
    }

    private final CwStore store;
    private final Random random;
    private final MspSize size;
    private final Instant now;
    private final Actor system;

    private final Map<Long, List<Long>> openStatusesByBoard = new LinkedHashMap<>();
    private final Map<Long, List<Long>> closedStatusesByBoard = new LinkedHashMap<>();
    private final Map<Long, List<Long>> typesByBoard = new LinkedHashMap<>();
    private final Map<Long, List<Long>> subTypesByBoard = new LinkedHashMap<>();
    private final Map<Long, List<Long>> itemsByBoard = new LinkedHashMap<>();
    private final Map<Long, List<Long>> teamsByBoard = new LinkedHashMap<>();
    private final List<Long> serviceBoards = new ArrayList<>();
    private final List<Long> priorities = new ArrayList<>();
    private final List<Long> sources = new ArrayList<>();
    private final List<Long> workTypes = new ArrayList<>();
    private final List<Long> workRoles = new ArrayList<>();
    private final List<Long> companies = new ArrayList<>();
    private final Map<Long, List<Long>> contactsByCompany = new LinkedHashMap<>();

    public CwMspGenerator(CwStore store, long seed, MspSize size, Instant now) {
        this.store = store;
        this.random = new Random(seed);
        this.size = size;
        this.now = now;
        this.system = new Actor(0, "System");
    }

    public Generated generate(String apiMemberIdentifier) {
        Map<Long, Set<Permission>> permissions = new LinkedHashMap<>();
        long admin = role("Admin", true, EnumSet.allOf(Permission.class), permissions);
        long tech = role("Technician", false, EnumSet.of(Permission.SERVICE_TICKETS, Permission.TIME_ENTRY,
                Permission.COMPANY_MAINTENANCE, Permission.CONTACTS), permissions);
        long api = role("API Integration", false, EnumSet.allOf(Permission.class), permissions);
        role("Read-only Service", false, EnumSet.of(Permission.SERVICE_TICKETS), permissions);

        for (String name : List.of("Active", "Inactive", "Not Approved", "Credit Hold")) {
            ObjectNode status = NODES.objectNode();
            status.put("name", name);
            status.put("defaultFlag", name.equals("Active"));
            status.put("inactiveFlag", name.equals("Inactive"));
            status.put("notifyFlag", false);
            status.put("disallowSavingFlag", false);
            status.put("customNoteFlag", false);
            status.put("cancelOpenTracksFlag", false);
            store.insert(Kind.COMPANY_STATUSES, stamped(status, months(24)), system);
        }
        long mspCompany = company("Horizon Demo MSP", "HorizonMSP");
        List<Long> technicians = new ArrayList<>();
        for (int i = 0; i < size.members(); i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i * 7 + 3) % LAST.length];
            boolean inactive = i == size.members() - 1 && size.members() > 2;
            long id = member(first, last, identifier(first, last, i), "F", i == 0 ? admin : tech, inactive);
            if (!inactive) {
                technicians.add(id);
            }
        }
        ObjectNode apiMember = store.get(Kind.MEMBERS,
                member("Horizon", "API", apiMemberIdentifier, "A", api, false)).orElseThrow();

        workTypes.add(workType("Remote Support", "Billable", false));
        workTypes.add(workType("Onsite", "Billable", false));
        workTypes.add(workType("Travel", "NoCharge", false));
        workTypes.add(workType("Admin", "DoNotBill", false));
        workType("Legacy Contract Work", "Billable", true);
        workRoles.add(workRole("Technician", 95));
        workRoles.add(workRole("Engineer", 140));
        workRoles.add(workRole("Project Manager", 160));

        // color is ConnectWise's PriorityColor enum (Black, Blue, ..., Red, Custom), not a hex code
        String[][] priorityRows = {{"Priority 1 - Emergency Response", "Red", "Critical"},
                {"Priority 2 - Quick Response", "Orange", "High"}, {"Priority 3 - Normal Response", "Green", "Medium"},
                {"Priority 4 - Schedule Maintenance", "Blue", "Low"}, {"Do Not Respond", "Gray", "Low"}};
        for (int i = 0; i < priorityRows.length; i++) {
            ObjectNode priority = NODES.objectNode();
            priority.put("name", priorityRows[i][0]);
            priority.put("color", priorityRows[i][1]);
            priority.put("sortOrder", i + 1);
            priority.put("defaultFlag", i == 2);
            priority.put("level", priorityRows[i][2]);
            long id = store.insert(Kind.PRIORITIES, stamped(priority, months(24)), system).get("id").asLong();
            if (i < 4) {
                priorities.add(id);
            }
        }
        for (String name : List.of("Email", "Phone", "Portal", "Walk In", "Email Connector", "Monitoring Alert")) {
            ObjectNode source = NODES.objectNode();
            source.put("name", name);
            source.put("defaultFlag", name.equals("Phone"));
            source.put("enteredBy", "System");
            source.put("dateEntered", Timestamps.format(months(24)));
            sources.add(store.insert(Kind.SOURCES, stamped(source, months(24)), system).get("id").asLong());
        }
        board("Help Desk", technicians, false, false);
        board("Network Operations", technicians, false, false);
        board("Alerts", technicians, false, false);
        board("Projects", technicians, true, false);
        board("Old Service Board", technicians, false, true);

        for (int i = 0; i < size.companies(); i++) {
            String name = COMPANY_WORDS[i % COMPANY_WORDS.length] + (i >= COMPANY_WORDS.length ? " " + (i / COMPANY_WORDS.length + 1) : "")
                    + " " + COMPANY_SUFFIX[i % COMPANY_SUFFIX.length];
            long id = company(name, name.replaceAll("[^A-Za-z0-9]", "").substring(0, Math.min(12, name.replaceAll("[^A-Za-z0-9]", "").length())) + i);
            companies.add(id);
            contactsByCompany.put(id, new ArrayList<>());
        }
        for (int i = 0; i < size.contacts() && !companies.isEmpty(); i++) {
            long companyId = companies.get(i % companies.size());
            contactsByCompany.get(companyId).add(contact(companyId, i));
        }
        tickets(technicians, apiMember);
        return new Generated(mspCompany, apiMember, technicians, api, permissions);
    }

    private long role(String name, boolean adminFlag, Set<Permission> granted, Map<Long, Set<Permission>> permissions) {
        ObjectNode role = NODES.objectNode();
        role.put("name", name);
        role.put("roleType", "Normal");
        role.put("adminFlag", adminFlag);
        long id = store.insert(Kind.SECURITY_ROLES, stamped(role, months(36)), system).get("id").asLong();
        permissions.put(id, EnumSet.copyOf(granted));
        return id;
    }

    private long company(String name, String identifier) {
        ObjectNode company = NODES.objectNode();
        company.put("identifier", identifier);
        company.put("name", name);
        long activeStatus = store.rows(Kind.COMPANY_STATUSES).firstKey();
        company.set("status", ref(Kind.COMPANY_STATUSES, activeStatus));
        company.put("addressLine1", (10 + random.nextInt(900)) + " Main Street");
        company.put("city", List.of("Leeds", "München", "Lyon", "Austin", "Århus").get(random.nextInt(5)));
        company.put("zip", String.format("%05d", random.nextInt(100000)));
        company.put("phoneNumber", String.format("555%07d", random.nextInt(10_000_000)));
        company.put("website", "www." + identifier.toLowerCase(Locale.ROOT) + ".example");
        company.put("deletedFlag", false);
        company.put("leadFlag", false);
        company.put("unsubscribeFlag", false);
        company.put("isVendorFlag", false);
        ArrayNode types = company.putArray("types");
        types.addObject().put("id", 1).put("name", "Client");
        company.putObject("site").put("id", 1000 + companies.size()).put("name", "Main");
        ArrayNode custom = company.putArray("customFields");
        custom.add(customField(1, "Customer Ranking", List.of("Gold", "Silver", "Bronze").get(random.nextInt(3))));
        return store.insert(Kind.COMPANIES, stamped(company, months(18 + random.nextInt(6))), system).get("id").asLong();
    }

    private long contact(long companyId, int index) {
        String first = FIRST[(index * 3 + 1) % FIRST.length];
        String last = LAST[(index * 5 + 2) % LAST.length];
        ObjectNode contact = NODES.objectNode();
        contact.put("firstName", first);
        contact.put("lastName", last);
        contact.set("company", ref(Kind.COMPANIES, companyId));
        contact.put("inactiveFlag", index % 37 == 36);
        contact.put("title", List.of("Office Manager", "CFO", "Developer", "Receptionist").get(index % 4));
        contact.put("defaultFlag", false);
        contact.put("defaultBillingFlag", false);
        ArrayNode items = contact.putArray("communicationItems");
        ObjectNode email = items.addObject();
        email.put("id", 1);
        email.putObject("type").put("id", 1).put("name", "Email");
        email.put("value", ascii(first) + "." + ascii(last) + index + "@client" + companyId + ".example");
        email.put("defaultFlag", true);
        email.put("communicationType", "Email");
        ObjectNode phone = items.addObject();
        phone.put("id", 2);
        phone.putObject("type").put("id", 2).put("name", "Direct");
        phone.put("value", String.format("555%07d", random.nextInt(10_000_000)));
        phone.put("defaultFlag", true);
        phone.put("communicationType", "Phone");
        ArrayNode types = contact.putArray("types");
        types.addObject().put("id", 1).put("name", "End User");
        return store.insert(Kind.CONTACTS, stamped(contact, months(1 + random.nextInt(17))), system).get("id").asLong();
    }

    private long member(String first, String last, String identifier, String licenseClass, long roleId, boolean inactive) {
        ObjectNode member = NODES.objectNode();
        member.put("identifier", identifier);
        member.put("firstName", first);
        member.put("lastName", last);
        member.put("licenseClass", licenseClass);
        member.put("inactiveFlag", inactive);
        member.put("hireDate", Timestamps.format(months(30)));
        member.put("officeEmail", ascii(first).toLowerCase(Locale.ROOT) + "." + ascii(last).toLowerCase(Locale.ROOT)
                + "@horizon-msp.example");
        member.put("primaryEmail", member.get("officeEmail").asString());
        member.put("defaultEmail", "Office");
        member.put("defaultPhone", "Office");
        member.put("officePhone", String.format("555%07d", random.nextInt(10_000_000)));
        member.putObject("securityRole").put("id", roleId).put("name",
                store.get(Kind.SECURITY_ROLES, roleId).orElseThrow().get("name").asString());
        member.putObject("type").put("id", licenseClass.equals("A") ? 2 : 1).put("name", licenseClass.equals("A") ? "API" : "Employee");
        member.putObject("timeZone").put("id", 1).put("name", "GMT Standard Time");
        member.put("adminFlag", roleId == store.rows(Kind.SECURITY_ROLES).firstKey());
        member.put("dailyCapacity", 8.0);
        member.put("hourlyCost", 45.0);
        return store.insert(Kind.MEMBERS, stamped(member, months(30)), system).get("id").asLong();
    }

    private long workType(String name, String billTime, boolean inactive) {
        ObjectNode type = NODES.objectNode();
        type.put("name", name);
        type.put("billTime", billTime);
        type.put("rateType", "Multiplier");
        type.put("rate", 1.0);
        type.put("inactiveFlag", inactive);
        type.put("overallDefaultFlag", name.equals("Remote Support"));
        type.put("activityDefaultFlag", false);
        type.put("utilizationFlag", true);
        return store.insert(Kind.WORK_TYPES, stamped(type, months(24)), system).get("id").asLong();
    }

    private long workRole(String name, double rate) {
        ObjectNode role = NODES.objectNode();
        role.put("name", name);
        role.put("hourlyRate", rate);
        role.put("inactiveFlag", false);
        return store.insert(Kind.WORK_ROLES, stamped(role, months(24)), system).get("id").asLong();
    }

    private void board(String name, List<Long> technicians, boolean project, boolean inactive) {
        ObjectNode board = NODES.objectNode();
        board.put("name", name);
        board.putObject("location").put("id", 2).put("name", "Head Office");
        board.putObject("department").put("id", 10).put("name", "Services");
        board.put("inactiveFlag", inactive);
        board.put("projectFlag", project);
        board.put("showDependenciesFlag", false);
        board.put("billTicketsAfterClosedFlag", false);
        board.put("timeEntryDiscussionFlag", true);
        long id = store.insert(Kind.BOARDS, stamped(board, months(36)), system).get("id").asLong();
        if (!project && !inactive) {
            serviceBoards.add(id);
        }
        String[][] statuses = {{"New", "open"}, {"In Progress", "open"}, {"Waiting on Customer", "open"},
                {"Scheduled", "open"}, {"Re-opened", "open"}, {"Escalation (retired)", "inactive"},
                {"Completed", "closed"}, {"Closed", "closed"}};
        List<Long> open = new ArrayList<>();
        List<Long> closed = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            ObjectNode status = NODES.objectNode();
            status.put("name", statuses[i][0] + (name.equals("Alerts") && i == 0 ? " Alert" : ""));
            status.set("board", ref(Kind.BOARDS, id));
            status.put("sortOrder", i);
            status.put("displayOnBoard", !statuses[i][1].equals("inactive"));
            status.put("inactive", statuses[i][1].equals("inactive"));
            status.put("closedStatus", statuses[i][1].equals("closed"));
            status.put("timeEntryNotAllowed", false);
            status.put("defaultFlag", i == 0);
            status.put("escalationStatus", i == 0 ? "NotResponded" : statuses[i][1].equals("closed") ? "Resolved" : "Responded");
            status.put("customerPortalFlag", true);
            long statusId = store.insert(Kind.BOARD_STATUSES, stamped(status, months(36)), system).get("id").asLong();
            if (statuses[i][1].equals("open")) {
                open.add(statusId);
            } else if (statuses[i][1].equals("closed")) {
                closed.add(statusId);
            }
        }
        openStatusesByBoard.put(id, open);
        closedStatusesByBoard.put(id, closed);
        List<Long> types = new ArrayList<>();
        String[][] typeRows = {{"Incident", "Reactive"}, {"Service Request", "Reactive"}, {"Maintenance", "Proactive"},
                {"Problem (old)", "Reactive"}};
        for (int i = 0; i < typeRows.length; i++) {
            ObjectNode type = NODES.objectNode();
            type.put("name", typeRows[i][0]);
            type.put("category", typeRows[i][1]);
            type.put("defaultFlag", i == 0);
            type.put("inactiveFlag", i == 3);
            type.put("requestForChangeFlag", false);
            type.set("board", ref(Kind.BOARDS, id));
            long typeId = store.insert(Kind.BOARD_TYPES, stamped(type, months(36)), system).get("id").asLong();
            if (i < 3) {
                types.add(typeId);
            }
        }
        typesByBoard.put(id, types);
        List<Long> subTypes = new ArrayList<>();
        for (String sub : List.of("E-mail", "Network", "Hardware", "Software", "Accounts & Access")) {
            ObjectNode subType = NODES.objectNode();
            subType.put("name", sub);
            subType.put("inactiveFlag", false);
            ArrayNode associations = subType.putArray("typeAssociationIds");
            types.forEach(associations::add);
            subType.set("board", ref(Kind.BOARDS, id));
            subTypes.add(store.insert(Kind.BOARD_SUBTYPES, stamped(subType, months(36)), system).get("id").asLong());
        }
        subTypesByBoard.put(id, subTypes);
        List<Long> items = new ArrayList<>();
        for (String item : List.of("Outlook", "Wi-Fi", "Laptop", "Printer")) {
            ObjectNode node = NODES.objectNode();
            node.put("name", item);
            node.put("inactiveFlag", false);
            node.set("board", ref(Kind.BOARDS, id));
            items.add(store.insert(Kind.BOARD_ITEMS, stamped(node, months(36)), system).get("id").asLong());
        }
        itemsByBoard.put(id, items);
        List<Long> teams = new ArrayList<>();
        for (String team : List.of("Level I", "Level II")) {
            ObjectNode node = NODES.objectNode();
            node.put("name", team);
            if (!technicians.isEmpty()) {
                node.set("teamLeader", ref(Kind.MEMBERS, technicians.get(0)));
            }
            ArrayNode members = node.putArray("members");
            technicians.forEach(members::add);
            node.put("defaultFlag", team.equals("Level I"));
            node.put("notifyOnTicketDelete", false);
            node.put("boardId", id);
            teams.add(store.insert(Kind.BOARD_TEAMS, stamped(node, months(36)), system).get("id").asLong());
        }
        teamsByBoard.put(id, teams);
    }

    private void tickets(List<Long> technicians, ObjectNode apiMember) {
        if (size.tickets() == 0 || companies.isEmpty() || technicians.isEmpty()) {
            return;
        }
        long historySeconds = Duration.ofDays(30L * size.monthsOfHistory()).toSeconds();
        List<Instant> created = new ArrayList<>();
        for (int i = 0; i < size.tickets(); i++) {
            // u^3 puts most tickets near now: a 30-day window holds about a tenth of 18 months' tickets
            double u = random.nextDouble();
            created.add(now.minusSeconds(Math.round(historySeconds * u * u * u)).minusSeconds(60));
        }
        created.sort(null);
        for (Instant opened : created) {
            ticket(opened, technicians);
        }
    }

    private void ticket(Instant opened, List<Long> technicians) {
        long board = serviceBoards.get(random.nextInt(serviceBoards.size()));
        long companyId = companies.get(random.nextInt(companies.size()));
        List<Long> contacts = contactsByCompany.get(companyId);
        long owner = technicians.get(random.nextInt(technicians.size()));
        Instant age = opened;
        boolean closed = Duration.between(opened, now).toDays() > 10 ? random.nextInt(10) < 8 : random.nextInt(10) < 2;
        ObjectNode ticket = NODES.objectNode();
        ticket.put("summary", SUMMARIES[random.nextInt(SUMMARIES.length)]);
        ticket.put("recordType", "ServiceTicket");
        ticket.set("board", ref(Kind.BOARDS, board));
        List<Long> statuses = closed ? closedStatusesByBoard.get(board) : openStatusesByBoard.get(board);
        long status = statuses.get(random.nextInt(statuses.size()));
        ticket.set("status", ref(Kind.BOARD_STATUSES, status));
        ticket.set("company", ref(Kind.COMPANIES, companyId));
        if (!contacts.isEmpty()) {
            long contactId = contacts.get(random.nextInt(contacts.size()));
            ObjectNode contact = store.get(Kind.CONTACTS, contactId).orElseThrow();
            ticket.set("contact", ref(Kind.CONTACTS, contactId));
            ticket.put("contactName", contact.get("firstName").asString() + " " + contact.get("lastName").asString());
            ticket.put("contactEmailAddress", contact.get("communicationItems").get(0).get("value").asString());
        }
        List<Long> types = typesByBoard.get(board);
        ticket.set("type", ref(Kind.BOARD_TYPES, types.get(random.nextInt(types.size()))));
        List<Long> subTypes = subTypesByBoard.get(board);
        ticket.set("subType", ref(Kind.BOARD_SUBTYPES, subTypes.get(random.nextInt(subTypes.size()))));
        if (random.nextBoolean()) {
            List<Long> items = itemsByBoard.get(board);
            ticket.set("item", ref(Kind.BOARD_ITEMS, items.get(random.nextInt(items.size()))));
        }
        List<Long> teams = teamsByBoard.get(board);
        ticket.set("team", ref(Kind.BOARD_TEAMS, teams.get(random.nextInt(teams.size()))));
        ticket.set("owner", ref(Kind.MEMBERS, owner));
        ticket.set("priority", ref(Kind.PRIORITIES, priorities.get(random.nextInt(priorities.size()))));
        ticket.set("source", ref(Kind.SOURCES, sources.get(random.nextInt(sources.size()))));
        ticket.put("severity", List.of("Low", "Medium", "High").get(random.nextInt(3)));
        ticket.put("impact", List.of("Low", "Medium", "High").get(random.nextInt(3)));
        ticket.put("allowAllClientsPortalView", false);
        ticket.put("customerUpdatedFlag", false);
        ticket.put("automaticEmailContactFlag", false);
        ticket.put("automaticEmailResourceFlag", false);
        ticket.put("automaticEmailCcFlag", false);
        ticket.put("closedFlag", closed);
        ticket.put("approved", true);
        ticket.put("isInSla", random.nextInt(10) > 0);
        ticket.put("hasChildTicket", false);
        ticket.put("hasMergedChildTicketFlag", false);
        ticket.put("billTime", "NoDefault");
        ticket.put("billExpenses", "NoDefault");
        ticket.put("billProducts", "NoDefault");
        ticket.put("resources", store.get(Kind.MEMBERS, owner).orElseThrow().get("identifier").asString());
        ArrayNode custom = ticket.putArray("customFields");
        custom.add(customField(2, "Customer Impact", random.nextBoolean() ? "Single user" : "Whole office"));
        custom.add(customField(3, "External Reference", random.nextInt(4) == 0 ? "EXT-" + random.nextInt(100000) : null));
        double hours = 0;
        ObjectNode stored = store.insert(Kind.TICKETS, stamped(ticket, opened), memberActor(owner));
        long ticketId = stored.get("id").asLong();
        int notes = random.nextInt(5);
        for (int n = 0; n < notes; n++) {
            age = age.plusSeconds(600 + random.nextInt(86_400));
            if (age.isAfter(now)) {
                age = now.minusSeconds(30);
            }
            note(ticketId, n == 0, age, owner);
        }
        int entries = random.nextInt(4);
        for (int t = 0; t < entries; t++) {
            age = age.plusSeconds(600 + random.nextInt(43_200));
            if (age.isAfter(now)) {
                age = now.minusSeconds(20);
            }
            hours += timeEntry(stored, age, owner);
        }
        if (notes + entries > 0 || closed) {
            ObjectNode last = stored.deepCopy();
            last.put("actualHours", hours);
            if (closed) {
                last.put("closedDate", Timestamps.format(age));
                last.put("closedBy", store.get(Kind.MEMBERS, owner).orElseThrow().get("identifier").asString());
            }
            ((ObjectNode) last.get("_info")).put("lastUpdated", Timestamps.format(age));
            store.putHistory(Kind.TICKETS, last);
        }
    }

    private void note(long ticketId, boolean first, Instant at, long memberId) {
        ObjectNode note = NODES.objectNode();
        note.put("ticketId", ticketId);
        note.put("text", first ? "Customer reports: " + SUMMARIES[random.nextInt(SUMMARIES.length)].toLowerCase(Locale.ROOT)
                : NOTES[random.nextInt(NOTES.length)]);
        boolean internal = !first && random.nextInt(3) == 0;
        note.put("detailDescriptionFlag", first || !internal);
        note.put("internalAnalysisFlag", internal);
        note.put("resolutionFlag", false);
        note.put("issueFlag", false);
        note.set("member", ref(Kind.MEMBERS, memberId));
        note.put("customerUpdatedFlag", false);
        note.put("processNotifications", false);
        note.put("dateCreated", Timestamps.format(at));
        note.put("createdBy", store.get(Kind.MEMBERS, memberId).orElseThrow().get("identifier").asString());
        note.put("internalFlag", internal);
        note.put("externalFlag", !internal);
        store.insert(Kind.NOTES, stamped(note, at), memberActor(memberId));
    }

    private double timeEntry(ObjectNode ticket, Instant at, long memberId) {
        double hours = (1 + random.nextInt(8)) * 0.25;
        ObjectNode entry = NODES.objectNode();
        entry.set("company", ticket.get("company").deepCopy());
        entry.put("chargeToId", ticket.get("id").asLong());
        entry.put("chargeToType", "ServiceTicket");
        entry.set("member", ref(Kind.MEMBERS, memberId));
        entry.set("workType", ref(Kind.WORK_TYPES, workTypes.get(random.nextInt(workTypes.size()))));
        entry.set("workRole", ref(Kind.WORK_ROLES, workRoles.get(0)));
        entry.put("timeStart", Timestamps.format(at.minusSeconds(Math.round(hours * 3600))));
        entry.put("timeEnd", Timestamps.format(at));
        entry.put("actualHours", hours);
        entry.put("hoursDeduct", 0.0);
        entry.put("billableOption", "Billable");
        entry.put("notes", NOTES[random.nextInt(NOTES.length)]);
        entry.put("addToDetailDescriptionFlag", false);
        entry.put("addToInternalAnalysisFlag", false);
        entry.put("addToResolutionFlag", false);
        entry.put("emailResourceFlag", false);
        entry.put("emailContactFlag", false);
        entry.put("emailCcFlag", false);
        entry.put("hoursBilled", hours);
        entry.put("enteredBy", store.get(Kind.MEMBERS, memberId).orElseThrow().get("identifier").asString());
        entry.put("dateEntered", Timestamps.format(at));
        entry.put("status", "Open");
        entry.set("ticket", NODES.objectNode().put("id", ticket.get("id").asLong())
                .put("summary", ticket.get("summary").asString()));
        entry.put("ticketBoard", ticket.get("board").get("name").asString());
        entry.put("ticketStatus", ticket.get("status").get("name").asString());
        store.insert(Kind.TIME_ENTRIES, stamped(entry, at), memberActor(memberId));
        return hours;
    }

    /** A reference as ConnectWise writes one: id and name (and identifier for companies and members). */
    public ObjectNode ref(Kind kind, long id) {
        return References.of(kind, store.get(kind, id).orElseThrow());
    }

    private Actor memberActor(long memberId) {
        return new Actor(memberId, store.get(Kind.MEMBERS, memberId).orElseThrow().get("identifier").asString());
    }

    private static ObjectNode customField(int id, String caption, String value) {
        ObjectNode field = NODES.objectNode();
        field.put("id", id);
        field.put("caption", caption);
        field.put("type", "Text");
        field.put("entryMethod", "EntryField");
        field.put("numberOfDecimals", 0);
        if (value == null) {
            field.putNull("value");
        } else {
            field.put("value", value);
        }
        return field;
    }

    private ObjectNode stamped(ObjectNode record, Instant at) {
        String when = Timestamps.format(at);
        ObjectNode info = record.putObject("_info");
        info.put("lastUpdated", when);
        info.put("updatedBy", "System");
        info.put("dateEntered", when);
        info.put("enteredBy", "System");
        return record;
    }

    private Instant months(int count) {
        return now.minus(Duration.ofDays(30L * count));
    }

    private static String identifier(String first, String last, int index) {
        return (ascii(first).charAt(0) + ascii(last)).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT)
                + (index >= 10 ? String.valueOf(index) : "");
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
    }
}
